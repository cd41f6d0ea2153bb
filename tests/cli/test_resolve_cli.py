"""`turquesa resolve`, `review` and `export entities` as an analyst runs them."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from tests.cli.test_cli import run
from tests.helpers import good_submission


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

    assert run(capsys, "--db", db, "review", "undo", *pair)[0] == 0
    assert run(capsys, "--db", db, "review", "undo", *pair)[0] == 2  # nothing left to undo
    code, _, err = run(capsys, "--db", db, "review", "decide", "CO-DIJIN/P9", "CO-DIJIN/P1", "same")
    assert code == 2
    assert "CO-DIJIN/P9" in err
