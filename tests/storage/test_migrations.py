"""The migrations build exactly the schema the code declares, on both databases."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, select

from turquesa.storage.engine import current_revision, head_revision, migrate
from turquesa.storage.tables import metadata, networks


def test_migrated_schema_matches_the_tables(engine: Engine) -> None:
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, metadata) == []
    assert current_revision(engine) == head_revision()


def test_migrating_twice_is_harmless_and_known_networks_exist(engine: Engine) -> None:
    migrate(engine)
    with engine.connect() as conn:
        names = set(conn.execute(select(networks.c.name)).scalars())
    assert names == {"HTEG", "ISON", "REDTRAM"}
