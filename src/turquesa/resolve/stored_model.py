"""The trained model of the last resolution run, as stored with it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from turquesa.errors import UsageError
from turquesa.storage.tables import resolution_runs


def last_model(conn: Connection) -> dict[str, Any]:
    query = (
        select(resolution_runs.c.model)
        .where(resolution_runs.c.model.is_not(None))
        .order_by(resolution_runs.c.id.desc())
    )
    model = conn.execute(query).scalar()
    if model is None:
        raise UsageError("nothing resolved yet: run turquesa resolve first")
    return model
