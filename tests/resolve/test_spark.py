"""`turquesa resolve --engine spark`: the same model through Splink's Spark backend gives
the same entities as DuckDB. Needs PySpark and Java: skipped with the reason on a laptop
without them, required when CI=true."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

from tests.conftest import IN_CI
from turquesa.ingest.loader import ingest
from turquesa.resolve.run import resolve
from turquesa.storage import store
from turquesa.storage.engine import open_database


def _spark_reason() -> str | None:
    if importlib.util.find_spec("pyspark") is None:
        return "PySpark is not installed (pip install 'turquesa[spark]')"
    if shutil.which("java") is None:
        return "no Java runtime on PATH (Spark needs Java 17)"
    return None


def test_spark_gives_the_same_entities_as_duckdb(synth_dir: Path, tmp_path: Path) -> None:
    reason = _spark_reason()
    if reason is not None:
        if IN_CI:
            pytest.fail(f"CI=true but {reason}")
        pytest.skip(reason)
    engine = open_database(f"sqlite:///{tmp_path / 'spark.db'}")
    for agency in sorted(p for p in synth_dir.iterdir() if p.is_dir() and p.name != "truth"):
        assert ingest(engine, agency, loaded_by="test").ok

    def members() -> dict[tuple[str, str, str], str]:
        with engine.connect() as conn:
            return {key: entity for key, (entity, _p) in store.entity_memberships(conn).items()}

    on_duckdb = resolve(engine, run_by="test")
    first = members()
    on_spark = resolve(engine, run_by="test", resolver="spark", reuse_model=True)
    assert on_spark.engine == "spark"
    assert on_spark.pairs_scored == on_duckdb.pairs_scored
    assert members() == first
    assert on_spark.persons == on_duckdb.persons < on_duckdb.person_records
