"""`turquesa resolve`, `review` and `export entities` as an analyst runs them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.cli.test_cli import run
from tests.helpers import good_submission
from turquesa.storage.engine import open_database
from turquesa.storage.tables import match_decisions


def test_resolve_then_decide_undo_and_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = f"sqlite:///{tmp_path / 't.db'}"
    folder = good_submission(tmp_path / "sub")
    assert run(capsys, "--db", db, "ingest", str(folder))[0] == 0
    code, out, _ = run(capsys, "--db", db, "resolve", "--as", "tester")
    assert code == 0
    assert "3 person records became 3 persons" in out

    code, out, _ = run(capsys, "--db", db, "export", "entities", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["record_id"] for r in rows if r["kind"] == "person"} == {"P1", "P2", "P3"}
    assert all(r["entity_id"].startswith("P-") for r in rows if r["kind"] == "person")

    pair = ("CO-DIJIN/P1", "CO-DIJIN/P2")
    code, out, _ = run(capsys, "--db", db, "review", "decide", *pair, "same", "--as", "ana")
    assert code == 0
    run(capsys, "--db", db, "resolve")
    code, out, _ = run(capsys, "--db", db, "export", "entities", "--format", "csv")
    ids = {r["record_id"]: r["entity_id"] for r in csv.DictReader(io.StringIO(out))}
    assert ids["P1"] == ids["P2"] != ids["P3"]

    code, out, _ = run(
        capsys, "--db", db, "export", "entities", "--format", "jsonl", "--per-entity"
    )
    documents = {d["entity_id"]: d for d in map(json.loads, out.splitlines())}
    joined = documents[ids["P1"]]
    assert [r["record_id"] for r in joined["records"]] == ["P1", "P2"]
    assert {"value": "M", "agencies": ["CO-DIJIN"]} in joined["properties"]["sex"]
    victim = documents[ids["P3"]]["properties"]
    assert "name" not in victim and "document" not in victim  # P3 is a victim record
    assert victim["pseudonym"][0]["value"].startswith("V-")

    assert run(capsys, "--db", db, "review", "undo", *pair)[0] == 0
    assert run(capsys, "--db", db, "review", "undo", *pair)[0] == 2  # nothing left to undo
    code, _, err = run(capsys, "--db", db, "review", "decide", "CO-DIJIN/P9", "CO-DIJIN/P1", "same")
    assert code == 2
    assert "CO-DIJIN/P9" in err


def test_explain_prints_the_waterfall_and_review_records_decisions(
    synth_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db = f"sqlite:///{tmp_path / 'r.db'}"
    assert run(capsys, "--db", db, "ingest", str(synth_dir))[0] == 0  # truth/ is left out
    assert run(capsys, "--db", db, "resolve")[0] == 0
    assert run(capsys, "--db", db, "review", "list", "--limit", "3")[0] == 0
    left, right = _first_in_queue(db)
    code, out, _ = run(capsys, "--db", db, "explain", left, right)
    assert code == 0
    assert "prior" in out and "Match weight" in out and "Corroborated by" in out

    answers = iter(["d", "q"])
    monkeypatch.setattr("rich.prompt.Prompt.ask", lambda *a, **k: next(answers))
    code, out, _ = run(capsys, "--db", db, "review", "--as", "ana")
    assert code == 0
    assert "Recorded: different" in out
    assert _first_in_queue(db) != (left, right)  # a decided pair leaves the queue
    with open_database(db).connect() as conn:
        decided = conn.execute(select(match_decisions)).one()
    assert (decided.left_key, decided.right_key, decided.decision) == (left, right, "different")
    assert decided.decided_by == "ana"


def _first_in_queue(db: str) -> tuple[str, str]:
    from turquesa.cli.review import _queue

    with open_database(db).connect() as conn:
        pair = _queue(conn, victims=False)[0]
    return pair["left_key"], pair["right_key"]
