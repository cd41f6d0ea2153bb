"""Identifiers, sharing rules, grades and the kinds a record keeps across versions."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, select

from tests.helpers import good_submission, write
from turquesa.ingest.loader import ingest
from turquesa.storage.tables import identifiers, records

IDENTIFIERS = (
    "owner_record_id,kind,value,country,platform\n"
    "P1,vehicle_plate,abc-123,CO,\n"
    "P1,iban,CR05 0152 0200 1026 2840 66,,\n"
    "P1,iban,CR05 0152 0200 1026 2840 67,,\n"
    "P1,handle,@el.flaco,,instagram\n"
    "P1,phone,0414 123 4567,VE,\n"
)


def test_identifiers_are_normalised_per_kind_and_flagged_when_invalid(
    engine: Engine, tmp_path: Path
) -> None:
    folder = good_submission(tmp_path / "sub", **{"identifiers.csv": IDENTIFIERS})
    report = ingest(engine, folder)
    assert report.status == "loaded", report.issues
    with engine.connect() as conn:
        rows = conn.execute(
            select(identifiers).where(
                identifiers.c.file_id.is_not(None), identifiers.c.column_name == "value"
            )
        )
        found = {(r.kind, r.value, r.valid, r.row) for r in rows}
    assert ("vehicle_plate", "ABC123", True, 2) in found
    assert ("iban", "CR05015202001026284066", True, 3) in found
    assert ("iban", "CR05015202001026284067", False, 4) in found  # wrong check digits, kept
    assert ("handle", "instagram:el.flaco", True, 5) in found
    assert ("phone", "+584141234567", True, 6) in found  # the row's country, not the agency's
    assert any(i.row == 4 and "not a valid iban" in i.reason for i in report.notes)


def test_sharing_rules_and_grades_are_kept_on_each_record(engine: Engine, tmp_path: Path) -> None:
    persons = (
        "record_id,case_id,role,full_name,sharing,source_grade,information_grade\n"
        "P1,C1,suspect,Ana Ruiz,agencies:pa-senafront; CO-FGN,b,2\n"
        "P2,C1,witness,Luis Soto,,,\n"
        "P3,C1,victim,Eva Díaz,all,,\n"
    )
    folder = good_submission(
        tmp_path / "sub", **{"persons.csv": persons, "movements.csv": None, "links.csv": None}
    )
    assert ingest(engine, folder).status == "loaded"
    with engine.connect() as conn:
        got = {
            r.record_id: (r.sharing, r.source_grade, r.information_grade)
            for r in conn.execute(select(records).where(records.c.kind == "person"))
        }
    assert got == {
        "P1": ("agencies:CO-FGN;PA-SENAFRONT", "B", "2"),
        "P2": ("network:ISON", None, None),  # the case's rule
        "P3": ("all", None, None),
    }


def test_a_new_version_cannot_change_a_records_kind(engine: Engine, tmp_path: Path) -> None:
    assert ingest(engine, good_submission(tmp_path / "first")).status == "loaded"
    events = "record_id,event_type,date\nP1,arrest,2024-01-01\n"
    report = ingest(engine, write(tmp_path / "second", {"events.csv": events}), agency="CO-DIJIN")
    assert report.status == "refused"
    assert "is a person; a new version cannot change its kind to event" in report.errors[0].reason


def test_a_case_can_be_retracted(engine: Engine, tmp_path: Path) -> None:
    assert ingest(engine, good_submission(tmp_path / "first")).status == "loaded"
    report = ingest(
        engine,
        write(tmp_path / "r", {"retractions.csv": "record_id,reason\nC1,dup\n"}),
        agency="CO-DIJIN",
    )
    assert report.status == "loaded", report.issues
    with engine.connect() as conn:
        status = conn.execute(select(records.c.status).where(records.c.kind == "case")).scalar()
    assert status == "retracted"
