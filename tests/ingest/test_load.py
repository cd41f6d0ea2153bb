"""Loading submissions: provenance, normalisation beside the original, versions, idempotence."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, select

from tests.helpers import PERSONS, good_submission, snapshot, write
from turquesa.ingest.loader import ingest
from turquesa.storage.tables import identifiers, records, source_files


def _record(engine: Engine, record_id: str, status: str = "current") -> dict:
    with engine.connect() as conn:
        row = (
            conn.execute(
                select(records, source_files.c.name.label("file"))
                .join(source_files, source_files.c.id == records.c.file_id)
                .where(records.c.record_id == record_id, records.c.status == status)
            )
            .mappings()
            .one()
        )
        return dict(row)


def test_a_submission_loads_with_provenance_and_normalised_values(
    engine: Engine, tmp_path: Path
) -> None:
    report = ingest(engine, good_submission(tmp_path / "sub"))
    assert report.status == "loaded", report.issues
    assert report.counts == {"case": 1, "person": 3, "movement": 1, "link": 1}
    p1 = _record(engine, "P1")
    assert (p1["agency"], p1["file"], p1["row"], p1["version"]) == ("CO-DIJIN", "persons.csv", 2, 1)
    assert p1["role"] == "suspect"
    assert p1["sharing"] == "network:ISON"  # inherited from its case
    assert p1["data"]["phones"] == ["+573001234567"]
    assert p1["raw"]["phones"] == "300 123 4567"  # the original kept beside it
    assert p1["data"]["birth_date"] == "1985-05-17"
    assert p1["data"]["surnames"] == ["Pérez", "Gómez"]
    assert p1["data"]["aliases"] == ["El Flaco"]
    assert p1["data"]["document"] == {"type": "passport", "number": "AB123456", "country": "CO"}
    p2 = _record(engine, "P2")
    assert p2["data"]["birth_date"] == "1999"  # partial date kept partial
    assert p2["data"]["nationality"] == ["HT"]
    movement = _record(engine, "M1")
    assert movement["data"]["amount"] == "1200"
    with engine.connect() as conn:
        kinds = {(r.kind, r.value) for r in conn.execute(select(identifiers))}
    assert ("passport", "AB123456") in kinds
    assert ("national_id", "V12345678") in kinds
    assert ("phone", "+50934567890") in kinds
    assert ("handle", "facebook:jl.perez") in kinds


def test_loading_the_same_submission_twice_changes_nothing(engine: Engine, tmp_path: Path) -> None:
    folder = good_submission(tmp_path / "sub")
    assert ingest(engine, folder).status == "loaded"
    before = snapshot(engine)
    again = ingest(engine, folder)
    assert again.status == "already_loaded"
    assert snapshot(engine) == before


def test_a_resubmitted_record_is_a_new_version_and_history_is_kept(
    engine: Engine, tmp_path: Path
) -> None:
    assert ingest(engine, good_submission(tmp_path / "first")).status == "loaded"
    changed = PERSONS.replace("José Luis,Pérez Gómez", "José Luis,Pérez Gómez Jr")
    second = write(
        tmp_path / "second",
        {
            "agency.csv": "agency,country,name\nCO-DIJIN,CO,DIJIN\n",
            "persons.csv": changed.splitlines()[0] + "\n" + changed.splitlines()[1] + "\n",
        },
    )
    report = ingest(engine, second)
    assert report.status == "loaded", report.issues
    assert report.new_versions == 1
    old = _record(engine, "P1", status="superseded")
    new = _record(engine, "P1")
    assert (old["version"], new["version"]) == (1, 2)
    assert new["data"]["surnames"][-1] == "Gómez Jr" or "Jr" in new["data"]["full_name"]
    assert new["sharing"] == "network:ISON"  # its case's rule still applies


def test_retracted_records_leave_the_current_set_but_stay_in_history(
    engine: Engine, tmp_path: Path
) -> None:
    assert ingest(engine, good_submission(tmp_path / "first")).status == "loaded"
    retraction = write(
        tmp_path / "retract",
        {
            "retractions.csv": "record_id,reason\nP3,entered in error\n",
        },
    )
    report = ingest(engine, retraction, agency="CO-DIJIN")
    assert report.status == "loaded", report.issues
    assert report.retracted == 1
    gone = _record(engine, "P3", status="retracted")
    assert gone["retraction_reason"] == "entered in error"


def test_skip_bad_rows_loads_the_good_rows_and_keeps_the_bad(
    engine: Engine, tmp_path: Path
) -> None:
    bad = PERSONS + "P4,C1,mastermind,Luis,Soto,,,M,1980-01-01,CO,,,,,,\n"
    folder = good_submission(tmp_path / "sub", **{"persons.csv": bad})
    report = ingest(engine, folder, skip_bad_rows=True)
    assert report.status == "loaded_with_rejections"
    assert report.counts["person"] == 3 and report.rows_rejected == 1
    assert snapshot(engine)["rejected_rows"] == 1


def test_unknown_columns_are_kept_as_extra_properties_with_a_note(
    engine: Engine, tmp_path: Path
) -> None:
    persons = "record_id,role,full_name,hair_colour\nP1,witness,Ana Ruiz,black\n"
    folder = good_submission(
        tmp_path / "sub", **{"persons.csv": persons, "movements.csv": None, "links.csv": None}
    )
    report = ingest(engine, folder)
    assert report.status == "loaded", report.issues
    assert any(i.column == "hair_colour" and "unknown column" in i.reason for i in report.notes)
    assert _record(engine, "P1")["data"]["extra"] == {"hair_colour": "black"}


def test_latin1_semicolon_file_is_read(engine: Engine, tmp_path: Path) -> None:
    persons = "record_id;role;full_name;nationality\r\nP1;victim;María Peña;Perú\r\n"
    folder = good_submission(
        tmp_path / "sub",
        **{"persons.csv": persons.encode("latin-1"), "movements.csv": None, "links.csv": None},
    )
    report = ingest(engine, folder)
    assert report.status == "loaded", report.issues
    assert report.files[1]["encoding"] == "latin-1" and report.files[1]["delimiter"] == ";"
    assert _record(engine, "P1")["label"] == "María Peña"


def test_a_non_utf8_file_name_is_stored_safely(engine: Engine, tmp_path: Path) -> None:
    raw_name = bytes(tmp_path) + b"/v\xedctimas_2023.csv"  # Latin-1 bytes of "víctimas"
    path = Path(os.fsdecode(raw_name))
    path.write_text("record_id,role,full_name\nP1,witness,Ana Ruiz\n", "utf-8")
    report = ingest(engine, path, agency="CO-DIJIN", template="persons")
    assert report.status == "loaded", report.issues
    assert any("not UTF-8" in i.reason for i in report.notes)
    with engine.connect() as conn:
        stored = conn.execute(select(source_files.c.name, source_files.c.name_bytes_hex)).one()
    assert stored.name == "v\ufffdctimas_2023.csv"
    assert bytes.fromhex(stored.name_bytes_hex) == b"v\xedctimas_2023.csv"


def test_a_link_repeated_without_record_id_is_kept_once_with_a_note(
    engine: Engine, tmp_path: Path
) -> None:
    links = "from_record_id,to_record_id,relation,start\n" + "P1,P2,smuggled,2023-03-02\n" * 2
    report = ingest(engine, good_submission(tmp_path / "sub", **{"links.csv": links}))
    assert report.status == "loaded", report.issues
    assert report.counts["link"] == 1
    assert any(i.row == 3 and "same link" in i.reason for i in report.notes)


def test_an_unidentified_person_is_kept_without_a_name(engine: Engine, tmp_path: Path) -> None:
    persons = "record_id,role,full_name,sex\nP1,victim,N.N.,F\n"
    folder = good_submission(
        tmp_path / "sub", **{"persons.csv": persons, "movements.csv": None, "links.csv": None}
    )
    report = ingest(engine, folder)
    assert report.status == "loaded", report.issues
    assert any("no usable name" in i.reason for i in report.notes)
    assert _record(engine, "P1")["raw"]["full_name"] == "N.N."


def test_places_keep_their_text_and_get_a_matching_key(engine: Engine, tmp_path: Path) -> None:
    movements = (
        "record_id,person_record_id,from_place,from_country,to_place,to_country\n"
        "M1,P2,PEÑAS BLANCAS,Costa Rica,Penas Blancas,Nicaragua\n"
    )
    folder = good_submission(tmp_path / "sub", **{"movements.csv": movements})
    assert ingest(engine, folder).status == "loaded"
    data = _record(engine, "M1")["data"]
    assert (data["from_place"], data["to_country"]) == ("PEÑAS BLANCAS", "NI")
    assert data["place_keys"] == {"from_place": "penas blancas", "to_place": "penas blancas"}


def test_a_load_leaves_every_reference_sound_and_foreign_keys_checked_again(
    engine: Engine, tmp_path: Path
) -> None:
    """SQLite loads skip the per-row foreign-key check (the loader writes only ids it has
    just created): what it wrote must pass the check, and the connection must check
    foreign keys again once the load is over."""
    assert ingest(engine, good_submission(tmp_path / "sub")).status == "loaded"
    if engine.dialect.name != "sqlite":
        return
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA page_size").scalar() == 16384
