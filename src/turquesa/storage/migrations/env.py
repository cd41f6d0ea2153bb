"""Alembic environment: runs on the connection Turquesa hands it (see engine.migrate)."""

from __future__ import annotations

from alembic import context

from turquesa.storage.tables import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only when someone runs plain `alembic`
    raise RuntimeError("run migrations through `turquesa init` (it passes the connection)")

context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
