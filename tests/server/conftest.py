"""The shared world of the server's tests, once per module and database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.server.world import World, build_world
from turquesa.storage.engine import open_database


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def world(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    tmp = tmp_path_factory.mktemp("world")
    if request.param == "sqlite":
        url = f"sqlite:///{tmp / 'server.db'}"
    else:
        from tests.conftest import _empty_postgres

        url = request.getfixturevalue("_pg_database")
        _empty_postgres(url).dispose()
    engine = open_database(url)
    built = build_world(engine, tmp)
    yield built
    built.client.close()
    engine.dispose()
