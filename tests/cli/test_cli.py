"""The command line as a user and other tools use it (exchange/OUTPUTS.md conventions)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from followthemoney import model as ftm_model

from tests.helpers import PERSONS, good_submission
from turquesa.cli.app import app, main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run `turquesa ARGS` in-process; return exit code, stdout, stderr."""
    code = 0
    try:
        main(list(args))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def _commands() -> list[list[str]]:
    import typer.main

    group = typer.main.get_command(app)
    paths: list[list[str]] = [[]]
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        paths.append([name])
        for sub in getattr(command, "commands", {}):
            paths.append([name, sub])
    return paths


@pytest.mark.parametrize("path", _commands(), ids=lambda p: " ".join(p) or "turquesa")
def test_every_command_has_help(capsys: pytest.CaptureFixture[str], path: list[str]) -> None:
    code, out, _ = run(capsys, *path, "--help")
    assert code == 0
    assert "Usage:" in out and len(out.splitlines()) > 3


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.db'}"


def test_ingest_then_status_and_exports(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, db: str
) -> None:
    folder = good_submission(tmp_path / "sub")
    code, out, _ = run(capsys, "--db", db, "ingest", str(folder), "-q")
    assert code == 0, out
    assert "loaded" in out and "3 person" in out

    code, out, _ = run(capsys, "--db", db, "status", "--format", "csv")
    (row,) = list(csv.DictReader(io.StringIO(out)))
    assert (row["agency"], row["person"], row["case"], row["movement"]) == (
        "CO-DIJIN",
        "3",
        "1",
        "1",
    )

    code, out, _ = run(capsys, "--db", db, "export", "records", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0
    assert list(rows[0])[:4] == ["agency", "record_id", "kind", "case_id"]
    assert {(r["kind"], r["record_id"]) for r in rows} >= {("person", "P1"), ("case", "C1")}
    victim = next(r for r in rows if r["record_id"] == "P3")
    assert victim["label"].startswith("V-") and "Ruiz" not in victim["data"]

    out_file = tmp_path / "entities.csv"
    code, _, _ = run(
        capsys, "--db", db, "export", "entities", "--format", "csv", "--output", str(out_file)
    )
    entities = list(csv.DictReader(out_file.open(encoding="utf-8")))
    assert code == 0 and len(entities) == 3
    assert list(entities[0]) == ["agency", "record_id", "kind", "entity_id", "match_probability"]


def test_followthemoney_export_is_valid_ftm(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, db: str
) -> None:
    run(capsys, "--db", db, "ingest", str(good_submission(tmp_path / "sub")), "-q")
    code, out, _ = run(
        capsys, "--db", db, "export", "records", "--format", "ftm", "--with-victim-identity"
    )
    assert code == 0
    entities = [json.loads(line) for line in out.splitlines()]
    schemata = {e["schema"] for e in entities}
    assert {"Person", "Passport", "CourtCase", "Trip", "UnknownLink"} <= schemata
    for entity in entities:
        proxy = ftm_model.get_proxy(entity, cleaned=False)  # raises on a wrong property
        assert proxy.schema.name == entity["schema"]
        for prop, values in entity["properties"].items():
            assert proxy.get(prop, quiet=True) or values == [], (entity["schema"], prop)
    person = next(
        e
        for e in entities
        if e["schema"] == "Person" and e["properties"].get("firstName") == ["José Luis"]
    )
    assert person["properties"]["phone"] == ["+573001234567"]
    assert person["properties"]["nationality"] == ["co"]


def test_refused_input_exits_1_and_writes_the_report(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, db: str
) -> None:
    bad = PERSONS.replace("P2,C1,smuggled_migrant", "P2,C1,boss")
    folder = good_submission(tmp_path / "sub", **{"persons.csv": bad})
    report = tmp_path / "report.csv"
    code, out, _ = run(capsys, "--db", db, "ingest", str(folder), "-q", "--report", str(report))
    assert code == 1
    assert "refused" in out and "'boss' is not one of" in out
    rows = list(csv.DictReader(report.open(encoding="utf-8")))
    assert rows[0]["severity"] == "error" and rows[0]["row"] == "3" and rows[0]["column"] == "role"
    json_report = tmp_path / "report.json"
    run(capsys, "--db", db, "ingest", str(folder), "-q", "--report", str(json_report))
    assert json.loads(json_report.read_text("utf-8"))["status"] == "refused"


def test_wrong_use_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path, db: str) -> None:
    assert run(capsys, "--db", db, "ingest", str(tmp_path / "missing"))[0] == 2
    assert run(capsys, "--db", db, "ingest")[0] == 2
    assert run(capsys, "--db", db, "export", "records", "--format", "xml")[0] == 2
    assert run(capsys, "--db", "mysql://x/y", "status")[0] == 2


def test_the_database_comes_from_turquesa_db(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TURQUESA_DB", f"sqlite:///{tmp_path / 'env.db'}")
    code, out, _ = run(capsys, "init")
    assert code == 0 and "env.db" in out
    assert (tmp_path / "env.db").exists()


def test_the_demo_synthesises_loads_and_says_where(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TURQUESA_DB", raising=False)
    code, out, _ = run(capsys, "demo", "--out", str(tmp_path / "demo"), "--persons", "300")
    assert code == 0, out
    assert out.count("loaded") >= 8
    assert str(tmp_path / "demo" / "turquesa.db") in out
    code, out, _ = run(
        capsys,
        "--db",
        f"sqlite:///{tmp_path / 'demo' / 'turquesa.db'}",
        "status",
        "--format",
        "csv",
    )
    assert len(list(csv.DictReader(io.StringIO(out)))) >= 8


def test_synth_writes_agencies_and_truth_with_chosen_noise(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "synth"
    code, text, _ = run(
        capsys,
        "synth",
        str(out),
        "--persons",
        "200",
        "--seed",
        "3",
        "-q",
        "--no-noise",
        "--noise",
        "typo=0.5",
    )
    assert code == 0, text
    rates = json.loads((out / "truth" / "noise.json").read_text())["noise"]
    assert rates["typo"] == 0.5 and rates["one_surname"] == 0.0
    assert len([p for p in out.iterdir() if p.is_dir() and p.name != "truth"]) >= 8
    assert run(capsys, "synth", str(out), "--noise", "sloppiness=0.5")[0] == 2
    assert run(capsys, "synth", str(out), "--noise", "typo=2")[0] == 2


def test_a_folder_of_submission_folders_loads_each(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, db: str
) -> None:
    good_submission(tmp_path / "all" / "co")
    good_submission(
        tmp_path / "all" / "pa",
        **{"agency.csv": "agency,country,name\nPA-SENAFRONT,PA,SENAFRONT\n"},
    )
    code, out, _ = run(capsys, "--db", db, "ingest", str(tmp_path / "all"), "-q")
    assert code == 0, out
    assert "CO-DIJIN" in out and "PA-SENAFRONT" in out
    code, out, _ = run(capsys, "--db", db, "status", "--format", "csv")
    assert len(list(csv.DictReader(io.StringIO(out)))) == 2
