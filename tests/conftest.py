"""Shared fixtures: a database on SQLite and on PostgreSQL, the bundled synthetic data.

Storage tests take the `engine` fixture and so run on both databases. PostgreSQL is
the server at 127.0.0.1:5432 (user postgres, trust auth); without it those tests
skip with the reason shown, except under CI=true, where they must run.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from sqlalchemy import Engine, create_engine, text

from turquesa.storage.engine import open_database
from turquesa.storage.tables import metadata

# In CI the property tests draw the same examples every run, so that a submission is
# judged on its code, not on the luck of the draw; on a laptop they explore freely.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI", "").lower() == "true" else "dev")

PG_SERVER = os.environ.get("TURQUESA_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432")
IN_CI = os.environ.get("CI", "").lower() == "true"


def _postgres_reason() -> str | None:
    try:
        probe = create_engine(f"{PG_SERVER}/postgres", connect_args={"connect_timeout": 3})
        with probe.connect() as conn:
            conn.execute(text("SELECT 1"))
        probe.dispose()
        return None
    except Exception as exc:  # any failure to reach the server means: no PostgreSQL here
        return f"PostgreSQL not reachable at {PG_SERVER}: {type(exc).__name__}"


@pytest.fixture(scope="session")
def postgres_server() -> str:
    reason = _postgres_reason()
    if reason:
        if IN_CI:
            pytest.fail(f"CI=true but {reason}")
        pytest.skip(reason)
    return PG_SERVER


@pytest.fixture(scope="session")
def _pg_database(postgres_server: str) -> Iterator[str]:
    name = f"turquesa_test_{uuid.uuid4().hex[:10]}"
    url = f"{postgres_server}/{name}"
    engine = open_database(url)  # creates and migrates it
    engine.dispose()
    yield url
    admin = create_engine(f"{postgres_server}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _empty_postgres(url: str) -> Engine:
    engine = open_database(url)
    data_tables = [t.name for t in metadata.sorted_tables if t.name != "networks"]
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {', '.join(data_tables)} RESTART IDENTITY CASCADE"))
        conn.execute(text("DELETE FROM networks WHERE name NOT IN ('HTEG', 'ISON', 'REDTRAM')"))
    return engine


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, migrated database URL on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'turquesa.db'}"
        return
    url = request.getfixturevalue("_pg_database")
    _empty_postgres(url).dispose()
    yield url


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = open_database(db_url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def synth_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small synthetic multi-agency data set, made once per test session."""
    from turquesa.synth import generate

    out = tmp_path_factory.mktemp("synth")
    generate(out, seed=11, persons=600)
    return out
