"""The queries that status and export rely on, on both databases."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from tests.helpers import good_submission, write
from turquesa.export.ftm import to_ftm
from turquesa.ingest.loader import ingest
from turquesa.storage import store


def test_status_and_current_records_after_versions_and_retractions(
    engine: Engine, tmp_path: Path
) -> None:
    assert ingest(engine, good_submission(tmp_path / "first")).status == "loaded"
    retraction = write(tmp_path / "r", {"retractions.csv": "record_id,reason\nP3,error\n"})
    assert ingest(engine, retraction, agency="CO-DIJIN").status == "loaded"
    with engine.connect() as conn:
        (summary,) = store.status_summary(conn)
        current = list(store.iter_current_records(conn, batch=2))
        people = list(store.iter_current_records(conn, ("person",)))
    assert (summary["person"], summary["retracted"], summary["submissions"]) == (2, 1, 2)
    assert {r["record_id"] for r in people} == {"P1", "P2"}
    assert len(current) == 5 and all(r["source_file"] for r in current)
    assert all(e["id"].startswith("tq-") for r in current for e in to_ftm(r, "DIJIN"))
