"""Bad input: refused whole, with file, row, column and reason, and the database unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import Engine

from tests.helpers import PERSONS, good_submission, snapshot, write
from turquesa.ingest.loader import ingest

HEAD = PERSONS.splitlines()[0]


def _persons(*rows: str) -> str:
    return HEAD + "\n" + "\n".join(rows) + "\n"


ROW = "P1,C1,suspect,José,Pérez,,,M,17/05/1985,CO,,,,,,"

# name -> (files to override, expected fragments of one error: file, row, column, reason)
CASES: dict[str, tuple[dict[str, str | bytes | None], tuple[str, int | None, str | None, str]]] = {
    "zero-byte file": ({"persons.csv": b""}, ("persons.csv", None, None, "empty (0 bytes)")),
    "no header": ({"persons.csv": "\n\n"}, ("persons.csv", None, None, "no header")),
    "duplicated column": (
        {"persons.csv": "record_id,role,Role\nP1,victim,victim\n"},
        ("persons.csv", 1, "Role", "appears twice"),
    ),
    "bytes in no supported encoding": (
        {"persons.csv": b"record_id,role,full_name\nP1,victim,Ana \x81\x8d\n"},
        ("persons.csv", None, None, "fit no supported encoding"),
    ),
    "utf-16 file": (
        {"persons.csv": "record_id,role\nP1,victim\n".encode("utf-16")},
        ("persons.csv", None, None, "UTF-16"),
    ),
    "quote left open": (
        {"persons.csv": _persons(ROW, 'P2,C1,victim,"Ana,Ruiz,,,F,1990,CO,,,,,,')},
        ("persons.csv", 3, None, "never closed"),
    ),
    "role not in the list": (
        {"persons.csv": _persons(ROW.replace("suspect", "mastermind"))},
        ("persons.csv", 2, "role", "'mastermind' is not one of"),
    ),
    "sharing not in the list": (
        {"cases.csv": "case_id,title,sharing\nC1,Op,network:NOPE\n"},
        ("cases.csv", 2, "sharing", "not known to the platform"),
    ),
    "impossible date": (
        {"persons.csv": _persons(ROW.replace("17/05/1985", "31/02/1990"))},
        ("persons.csv", 2, "birth_date", "31/02/1990"),
    ),
    "month above 12": (
        {"persons.csv": _persons(ROW.replace("17/05/1985", "05/13/1990"))},
        ("persons.csv", 2, "birth_date", "day first"),
    ),
    "same record_id twice": (
        {"persons.csv": _persons(ROW, ROW)},
        ("persons.csv", 3, "record_id", "appears twice"),
    ),
    "reference to a record never submitted": (
        {"links.csv": "from_record_id,to_record_id,relation\nP1,P99,associate\n"},
        ("links.csv", 2, "to_record_id", "P99 was never submitted by CO-DIJIN"),
    ),
    "reference to a case never submitted": (
        {"persons.csv": _persons(ROW.replace(",C1,", ",C77,"))},
        ("persons.csv", 2, "case_id", "case C77 was never submitted"),
    ),
    "cell over 64 KB": (
        {"persons.csv": _persons(ROW[:-1] + "x" * 70_000)},
        ("persons.csv", 2, None, "64 KB"),
    ),
    "category of an identifier not in the list": (
        {"identifiers.csv": "owner_record_id,kind,value\nP1,fax,123\n"},
        ("identifiers.csv", 2, "kind", "'fax' is not one of"),
    ),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_bad_input_is_refused_whole_and_changes_nothing(
    case: str, engine: Engine, tmp_path: Path
) -> None:
    other = good_submission(
        tmp_path / "other", **{"agency.csv": "agency,country,name\nPA-SENAFRONT,Panamá,SENAFRONT\n"}
    )
    assert ingest(engine, other).status == "loaded"
    before = snapshot(engine)
    overrides, (file, row, column, reason) = CASES[case]
    folder = good_submission(tmp_path / "bad", **overrides)
    report = ingest(engine, folder)
    assert report.status == "refused"
    assert snapshot(engine) == before
    matching = [
        e
        for e in report.errors
        if e.file == file
        and reason in e.reason
        and (row is None or e.row == row)
        and (column is None or e.column == column)
    ]
    assert matching, [e.as_dict() for e in report.errors]


def test_every_bad_row_is_listed_not_only_the_first(engine: Engine, tmp_path: Path) -> None:
    rows = [ROW.replace("P1", f"P{i}").replace("suspect", "boss") for i in range(1, 6)]
    folder = good_submission(
        tmp_path / "bad",
        **{"persons.csv": _persons(*rows), "movements.csv": None, "links.csv": None},
    )
    report = ingest(engine, folder)
    assert report.status == "refused"
    assert sorted(e.row for e in report.errors) == [2, 3, 4, 5, 6]


def test_an_excel_formula_is_not_trusted(engine: Engine, tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "persons"
    sheet.append(["record_id", "role", "full_name", "age"])
    sheet.append(["P1", "victim", "Ana Ruiz", "=10+7"])
    agency = workbook.create_sheet("agency")
    agency.append(["agency", "country", "name"])
    agency.append(["CO-DIJIN", "CO", "DIJIN"])
    path = tmp_path / "submission.xlsx"
    workbook.save(path)
    before = snapshot(engine)
    report = ingest(engine, path)
    assert report.status == "refused"
    assert snapshot(engine) == before
    (error,) = report.errors
    assert (error.file, error.row, error.column) == ("submission.xlsx[persons]", 2, "age")
    assert "formula" in error.reason


def test_an_excel_workbook_with_one_sheet_per_template_loads(
    engine: Engine, tmp_path: Path
) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "persons"
    sheet.append(["record_id", "role", "full_name", "birth_date", "phones"])
    sheet.append(["P1", "victim", "Ana Ruiz", "1990-03-04", 3001234567])
    agency = workbook.create_sheet("agency")
    agency.append(["agency", "country", "name"])
    agency.append(["CO-DIJIN", "Colombia", "DIJIN"])
    path = tmp_path / "submission.xlsx"
    workbook.save(path)
    report = ingest(engine, path)
    assert report.status == "loaded", report.issues
    assert report.counts == {"person": 1}


def test_json_and_json_lines_load(engine: Engine, tmp_path: Path) -> None:
    write(
        tmp_path / "j",
        {
            "submission.json": '{"agency": [{"agency": "CO-DIJIN", "country": "CO"}],'
            ' "persons": [{"record_id": "P1", "role": "victim",'
            ' "full_name": "Ana Ruiz", "phones": ["3001234567", "3109876543"]}]}',
        },
    )
    report = ingest(engine, tmp_path / "j" / "submission.json")
    assert report.status == "loaded", report.issues
    write(
        tmp_path / "l",
        {
            "events.jsonl": '{"record_id": "E1", "event_type": "rescue", '
            '"date": "2023-05-01", "persons": ["P1"]}\n'
        },
    )
    report = ingest(engine, tmp_path / "l" / "events.jsonl", agency="CO-DIJIN")
    assert report.status == "loaded", report.issues
    assert report.counts == {"event": 1}
