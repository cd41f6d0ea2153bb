"""Opening a database from an SQLAlchemy URL, creating and migrating it on first use.

Dialect differences live here and in `bulk.py`, nowhere else: SQLite gets WAL
journalling (a killed load rolls back, readers are not blocked) and foreign keys;
PostgreSQL gets its database created when it does not exist yet.
"""

from __future__ import annotations

import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url

from turquesa.errors import UsageError

DEFAULT_URL = "sqlite:///turquesa.db"
SQLITE_PAGE_SIZE = 16384
#: KiB of page cache per connection (a negative cache_size counts KiB, not pages).
SQLITE_CACHE = -65536
MIGRATIONS = Path(__file__).with_name("migrations")


def database_url(option: str | None = None) -> str:
    """The `--db` option, else `TURQUESA_DB`, else a SQLite file here (OUTPUTS.md)."""
    return option or os.environ.get("TURQUESA_DB") or DEFAULT_URL


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    # 16 KB pages instead of 4 KB for a new database (a no-op on an existing one): a
    # record row is about 700 bytes of JSON, and the rows of a 100,000-person load went
    # in a quarter faster, with shallower indexes. Must come before WAL is switched on.
    cursor.execute(f"PRAGMA page_size={SQLITE_PAGE_SIZE}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    # 64 MB of page cache instead of 2 MB: index pages of a million-row load stay in
    # memory instead of being read back from the file for every insert.
    cursor.execute(f"PRAGMA cache_size={SQLITE_CACHE}")
    cursor.close()


def _ensure_postgres_database(url: str) -> None:
    parsed = make_url(url)
    name = parsed.database
    if not name:
        return
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            exists = conn.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
            ).first()
            if not exists:
                conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    finally:
        admin.dispose()


def make_engine(url: str, pool_size: int | None = None) -> Engine:
    """An Engine for `url`; the SQLite file's folder is created if missing. A server
    passes `pool_size` (as many connections as request threads): its connections are
    recycled every half hour instead of being pinged before every use."""
    try:
        parsed = make_url(url)
    except Exception as exc:  # sqlalchemy raises ArgumentError with its own wording
        raise UsageError(f"{url!r} is not a database URL: {exc}") from exc
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if backend == "postgresql":
        _ensure_postgres_database(url)
        if pool_size:
            return create_engine(
                parsed, pool_size=pool_size, max_overflow=pool_size, pool_recycle=1800
            )
        return create_engine(parsed, pool_pre_ping=True)
    raise UsageError(
        f"{backend} databases are not supported: use sqlite:/// or postgresql+psycopg://"
    )


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration (a no-op when it is there already)."""
    if current_revision(engine) == head_revision():
        return
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def open_database(url: str | None = None, pool_size: int | None = None) -> Engine:
    """The engine for the chosen database, created and migrated if need be."""
    engine = make_engine(database_url(url), pool_size)
    migrate(engine)
    return engine
