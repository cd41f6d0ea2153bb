"""Rate limits shared by every server process: counters in the database.

A fixed one-minute window per key (`search:user:42`, `search:agency:CO-DIJIN`), counted
with one upsert in the request's transaction, so that two processes, or two
machines behind one proxy, can never each allow a full quota.
"""

from __future__ import annotations

import time

from sqlalchemy import Connection, delete
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from turquesa.storage.tables import rate_counters

WINDOW = 60


def take(conn: Connection, key: str, limit: int, now: float | None = None) -> bool:
    """Count one use of `key`; False when the window's `limit` is already used up."""
    window = int((time.time() if now is None else now) // WINDOW * WINDOW)
    insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
    statement = insert(rate_counters).values(key=key, window=window, count=1)
    statement = statement.on_conflict_do_update(
        index_elements=[rate_counters.c.key, rate_counters.c.window],
        set_={"count": rate_counters.c.count + 1},
    ).returning(rate_counters.c.count)
    count = conn.execute(statement).scalar_one()
    return count <= limit


def forget_before(conn: Connection, seconds_ago: int = 3600) -> int:
    """Drop old windows (run now and then; a counter of an hour ago limits nothing)."""
    cutoff = int(time.time()) - seconds_ago
    return conn.execute(delete(rate_counters).where(rate_counters.c.window < cutoff)).rowcount
