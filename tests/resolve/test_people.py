"""The person records resolution reads, with their identifiers, on both databases."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.helpers import good_submission
from turquesa.ingest.loader import ingest
from turquesa.resolve import people
from turquesa.resolve.companions import travel_parties
from turquesa.resolve.features import feature_line
from turquesa.resolve.identifier_entities import IdentifierGrouping, carried_identifiers
from turquesa.resolve.identities import identifier_entity_id
from turquesa.resolve.people import person_feature_lines, person_feature_rows
from turquesa.resolve.run import resolve


def load(engine: Engine, folder: Path, **files: str) -> Engine:
    """The good submission, with `files` in place of its own, loaded into `engine`."""
    assert ingest(engine, good_submission(folder, **files), loaded_by="test").ok
    return engine


def test_features_carry_each_records_identifiers(engine: Engine, tmp_path: Path) -> None:
    with load(engine, tmp_path / "sub").connect() as conn:
        rows = {row["record_id"]: row for row in person_feature_rows(conn)}
    assert set(rows) == {"P1", "P2", "P3"}
    assert rows["P1"]["contacts"] == [
        "email:jl@example.com",
        "handle:facebook:jl.perez",
        "phone:+573001234567",
    ]
    assert rows["P1"]["documents"] == ["passport:CO:AB123456"]
    assert rows["P3"]["documents"] == ["national_id:VE:V12345678"]
    assert rows["P2"]["documents"] == []


def test_features_built_on_several_cores_are_the_same_rows_in_the_same_order(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A national load builds its feature rows in worker processes, a chunk each; the
    file the engine reads must be the one the single process writes, row for row."""
    monkeypatch.setattr(people, "CHUNK", 1)
    with load(engine, tmp_path / "sub").connect() as conn:
        expected = b"".join(feature_line(row) for row in person_feature_rows(conn))
        alone = b"".join(person_feature_lines(conn, jobs=1))
        shared = list(person_feature_lines(conn, jobs=2))
    assert len(shared) == 3  # one block per chunk of one record
    assert alone == b"".join(shared) == expected
    assert [line[:40] for line in expected.splitlines()] == sorted(
        line[:40] for line in expected.splitlines()
    )


def test_resolution_runs_on_both_databases(engine: Engine, tmp_path: Path) -> None:
    report = resolve(load(engine, tmp_path / "sub"), run_by="test")
    assert report.person_records == 3
    assert report.persons == 3
    assert report.identifier_entities >= 5


def test_travel_parties_read_alike_on_both_databases(engine: Engine, tmp_path: Path) -> None:
    """The persons of each movement and event of two or more, as record keys: the JSON
    path differs between SQLite and PostgreSQL, the parties must not."""
    movements = (
        "record_id,case_id,person_record_id,persons,from_place,from_country,to_place,"
        "to_country,departure,arrival,mode,crossing_point,facilitator_record_id,amount,"
        "currency\n"
        "M1,C1,,P2;P3;P2,Necoclí,CO,Capurganá,CO,2023-03-02,,sea,,P1,,\n"
        "M2,C1,P2,,Capurganá,CO,Acandí,CO,2023-03-03,,sea,,,,\n"
    )
    with load(engine, tmp_path / "sub", **{"movements.csv": movements}).connect() as conn:
        parties = list(travel_parties(conn))
    assert parties == [("CO-DIJIN/P2", "CO-DIJIN/P3")]


def test_an_identifier_counts_each_record_that_carries_it_once(
    engine: Engine, tmp_path: Path
) -> None:
    """P1's phone written again in identifiers.csv is still one record; P2 carrying it
    too makes two."""
    extra = (
        "owner_record_id,kind,value,country,platform\n"
        "P1,phone,3001234567,CO,\n"
        "P2,phone,300 123 4567,CO,\n"
    )
    with load(engine, tmp_path / "sub", **{"identifiers.csv": extra}).connect() as conn:
        carried = list(carried_identifiers(conn, tmp_path))
    found = {(kind, value): (codes, count) for _id, kind, value, codes, count in carried}
    assert found[("phone", "+573001234567")] == (["CO-DIJIN"], 2)
    assert found[("email", "jl@example.com")] == (["CO-DIJIN"], 1)
    ids = [identifier_entity_id(kind, value) for kind, value in found]
    assert ids == sorted(ids)  # the entities' key order: the store step appends
    assert [entity_id for entity_id, *_ in carried] == ids


@pytest.mark.parametrize("background", [True, False])
def test_identifiers_grouped_in_a_worker_are_those_grouped_in_process(
    engine: Engine, tmp_path: Path, background: bool
) -> None:
    """A large resolution groups the identifiers in a worker process over its own
    connection while it clusters; the store step must read the same entities."""
    load(engine, tmp_path / "sub")
    with engine.connect() as conn:
        expected = list(carried_identifiers(conn, tmp_path))
    with IdentifierGrouping(engine, tmp_path, background) as grouping:
        grouping.start()
        grouping.wait()
        with engine.connect() as conn:
            assert list(grouping.rows(conn)) == expected
    phone = ("phone", "+573001234567")
    assert (identifier_entity_id(*phone), *phone, ["CO-DIJIN"], 1) in expected
    assert not list(tmp_path.glob("turquesa-identifiers-*"))  # its files are gone


def test_no_identifiers_make_no_identifier_entities(engine: Engine, tmp_path: Path) -> None:
    with engine.connect() as conn:
        assert list(carried_identifiers(conn, tmp_path)) == []
    with (
        IdentifierGrouping(engine, tmp_path, background=True) as grouping,
        engine.connect() as conn,
    ):
        grouping.start()
        assert list(grouping.rows(conn)) == []
