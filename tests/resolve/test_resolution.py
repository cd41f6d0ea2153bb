"""Who is who: the cases an analyst relies on, on a realistic background population.

The model is trained without labels on whatever is loaded, so the scenarios below are
loaded beside a small synthetic multi-agency data set (as they would be in real use)
and resolved once for the module; each test then reads the result.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from tests.helpers import write
from turquesa.ingest.loader import ingest
from turquesa.resolve.decisions import decide, merge_entities, split_entity, undo
from turquesa.resolve.run import resolve
from turquesa.storage import store
from turquesa.storage.engine import open_database
from turquesa.storage.tables import entities, entity_members, records

PERSONS_HEADER = (
    "record_id,case_id,role,given_names,surnames,full_name,aliases,sex,birth_date,"
    "nationality,document_type,document_number,document_country,phones\n"
)

MOVEMENTS_HEADER = (
    "record_id,case_id,person_record_id,persons,from_place,from_country,to_place,to_country,"
    "departure,arrival,mode,crossing_point,facilitator_record_id,amount,currency\n"
)

PANAMA = {
    "agency.csv": "agency,country,name\nPA-TESTPOL,Panamá,Policía de prueba\n",
    "cases.csv": "case_id,title,crime_type\nPA-C1,Caso uno,trafficking\nPA-C2,Caso dos,smuggling\n",
    "persons.csv": PERSONS_HEADER
    + "PW1,PA-C1,suspect,Wilmer Antonio,Quintero Salas,,,M,12/03/1984,Venezuela,passport,"
    "AB 123-456,VE,\n"
    'PW2,PA-C2,suspect,,,"QUINTERO, WILMER",,M,1984-03-12,VE,pasaporte,AB123456,Venezuela,\n'
    "PF1,PA-C1,suspect,Rigoberto,Salcedo Mora,,,M,04/07/1961,Colombia,,,,\n"
    "PV1,PA-C1,victim,Yuleidy Carolina,Pacheco Rangel,,,F,04/03/1996,Venezuela,passport,"
    "V0987654,VE,\n"
    "PS1,PA-C2,smuggled_migrant,Kendry Paola,Ibarra Ruiz,,,F,15/08/1990,Colombia,,,,"
    "+507 6123 4567\n"
    "PS2,PA-C2,smuggled_migrant,Manuel,Ibarra Ruiz,,,M,02/02/1962,Colombia,,,,"
    "+507 6123 4567\n"
    "PT1,PA-C2,victim,Ana Sofía,Mendoza Lugo,,,F,21/09/2009,Venezuela,,,,+507 6999 0001\n"
    "PT2,PA-C2,victim,María José,Mendoza Lugo,,,F,21/09/2009,Venezuela,,,,+507 6999 0001\n"
    "PJ1,PA-C1,suspect,Jhonatan,Villalobos Urdaneta,,,M,23/05/1979,Venezuela,,,,\n"
    "PM1,PA-C1,suspect,María,Echenique Barrios,,,F,30/10/1971,Venezuela,,,,\n"
    # A family crossing the Darién: only the mother's passport and birth date written;
    # her children and two nephews who share one name, by name alone.
    "PR1,PA-C2,smuggled_migrant,Yessenia Carolina,Rondón Pérez,,,F,10/05/1990,Venezuela,"
    "passport,C7654321,VE,\n"
    "PR2,PA-C2,smuggled_migrant,Valentina,Rondón Pérez,,,F,,Venezuela,,,,\n"
    "PR3,PA-C2,smuggled_migrant,Santiago,Rondón Pérez,,,M,,Venezuela,,,,\n"
    "PR4,PA-C2,smuggled_migrant,Luis Ángel,Rondón,,,M,,Venezuela,,,,\n"
    "PR5,PA-C2,smuggled_migrant,Luis Ángel,Rondón,,,M,,Venezuela,,,,\n",
    "movements.csv": MOVEMENTS_HEADER
    + "PRM1,PA-C2,,PR1;PR2;PR3;PR4;PR5,Bajo Chiquito,PA,Lajas Blancas,PA,,2023-08-14,land,,,,\n",
}
MEXICO = {
    "agency.csv": "agency,country,name\nMX-TESTFIS,México,Fiscalía de prueba\n",
    "cases.csv": "case_id,title,crime_type\nMX-C1,Caso tres,trafficking\n",
    "persons.csv": PERSONS_HEADER
    + "MW1,MX-C1,suspect,Wilmer,Quintero,,,M,1984,Venezuela,passport,ab-123456,VE,\n"
    "MW2,MX-C1,suspect,WILMER ANTONIO,QUINTERO SALAS,,,M,,VE,passport,AB.123.456,VE,\n"
    "MF2,MX-C1,suspect,Rigoberto,Salcedo Mora,,,M,1989-11-30,Colombia,,,,\n"
    "MV2,MX-C1,suspect,Yuleidy,Pacheco Rangel,,La Flaca,F,1996-03-04,Venezuela,passport,"
    "V0987654,VE,\n"
    "MJ1,MX-C1,suspect,J.,Villalobos Urdaneta,,,M,1979-05-23,VE,,,,\n"
    'MM1,MX-C1,suspect,,,"ECHENIQUE BARRIOS, MA.",,F,1971-10-30,VE,,,,\n'
    "MR1,MX-C1,smuggled_migrant,Yessenia,Rondon Perez,,,F,1990-05-10,VE,passport,"
    "C-7654321,VE,\n"
    "MR2,MX-C1,smuggled_migrant,,,VALENTINA RONDON,,F,,VE,,,,\n"
    "MR3,MX-C1,smuggled_migrant,Santiago,Rondon,,,,,VE,,,,\n"
    "MR4,MX-C1,smuggled_migrant,Luis Angel,Rondon,,,M,,VE,,,,\n"
    "MR5,MX-C1,smuggled_migrant,Luis Angel,Rondon,,,M,,VE,,,,\n",
    "movements.csv": MOVEMENTS_HEADER
    + "MRM1,MX-C1,,MR1;MR2;MR3;MR4;MR5,Tapachula,MX,Ciudad de México,MX,2023-10-02,,land,,,,\n",
}


@pytest.fixture(scope="module")
def resolved(synth_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    folder = tmp_path_factory.mktemp("resolution")
    engine = open_database(f"sqlite:///{folder / 'r.db'}")
    for agency in sorted(p for p in synth_dir.iterdir() if p.is_dir() and p.name != "truth"):
        assert ingest(engine, agency, loaded_by="test").ok
    for name, files in (("pa", PANAMA), ("mx", MEXICO)):
        report = ingest(engine, write(folder / name, files), loaded_by="test")
        assert report.ok, report.errors
    resolve(engine, run_by="test")
    yield engine
    engine.dispose()


def entity_of(engine: Engine, agency: str, record_id: str) -> str:
    with engine.connect() as conn:
        return conn.execute(
            select(entity_members.c.entity_id).where(
                entity_members.c.agency == agency, entity_members.c.record_id == record_id
            )
        ).scalar_one()


def by_record(engine: Engine, column: Any, record_ids: tuple[str, ...]) -> dict[str, Any]:
    """One column of a table that has a record_id, for the given records."""
    table = column.table
    with engine.connect() as conn:
        return dict(
            conn.execute(
                select(table.c.record_id, column).where(table.c.record_id.in_(record_ids))
            ).all()
        )


def test_one_passport_spelled_four_ways_is_one_person(resolved: Engine) -> None:
    ids = {
        entity_of(resolved, "PA-TESTPOL", "PW1"),
        entity_of(resolved, "PA-TESTPOL", "PW2"),
        entity_of(resolved, "MX-TESTFIS", "MW1"),
        entity_of(resolved, "MX-TESTFIS", "MW2"),
    }
    assert len(ids) == 1
    with resolved.connect() as conn:
        entity = conn.execute(select(entities).where(entities.c.id == ids.pop())).one()
    assert entity.records == 4
    assert entity.countries == "MX;PA"


def test_father_and_son_with_one_name_are_two(resolved: Engine) -> None:
    assert entity_of(resolved, "PA-TESTPOL", "PF1") != entity_of(resolved, "MX-TESTFIS", "MF2")


def test_a_victim_who_later_recruits_is_one_person_with_both_roles(resolved: Engine) -> None:
    assert entity_of(resolved, "PA-TESTPOL", "PV1") == entity_of(resolved, "MX-TESTFIS", "MV2")
    roles = by_record(resolved, records.c.role, ("PV1", "MV2"))
    assert roles == {"PV1": "victim", "MV2": "suspect"}


def test_two_people_sharing_a_phone_stay_two_linked_through_one_phone(resolved: Engine) -> None:
    assert entity_of(resolved, "PA-TESTPOL", "PS1") != entity_of(resolved, "PA-TESTPOL", "PS2")
    with resolved.connect() as conn:
        phone = conn.execute(
            select(entities).where(entities.c.kind == "phone", entities.c.label == "+50761234567")
        ).one()
    assert phone.records == 2


def test_twins_stay_two(resolved: Engine) -> None:
    assert entity_of(resolved, "PA-TESTPOL", "PT1") != entity_of(resolved, "PA-TESTPOL", "PT2")


def test_ids_are_stable_across_runs_and_an_analysts_different_is_never_merged_back(
    resolved: Engine,
) -> None:
    before = entity_of(resolved, "PA-TESTPOL", "PW1")
    wilmer_mx = entity_of(resolved, "MX-TESTFIS", "MW1")
    father = entity_of(resolved, "PA-TESTPOL", "PF1")
    with resolved.begin() as conn:
        decide(conn, "PA-TESTPOL/PW1", "MX-TESTFIS/MW1", "different", "analyst-a")
    resolve(resolved, run_by="test")
    assert entity_of(resolved, "PA-TESTPOL", "PF1") == father  # untouched: same id
    assert entity_of(resolved, "PA-TESTPOL", "PW1") != entity_of(resolved, "MX-TESTFIS", "MW1")
    assert before in {
        entity_of(resolved, "PA-TESTPOL", "PW1"),
        entity_of(resolved, "MX-TESTFIS", "MW1"),
    }
    with resolved.begin() as conn:
        assert undo(conn, "MX-TESTFIS/MW1", "PA-TESTPOL/PW1", "analyst-b") == 1
    resolve(resolved, run_by="test")
    assert entity_of(resolved, "PA-TESTPOL", "PW1") == entity_of(resolved, "MX-TESTFIS", "MW1")
    assert entity_of(resolved, "PA-TESTPOL", "PW1") in {before, wilmer_mx}


def test_manual_merge_and_split_of_entities(resolved: Engine) -> None:
    father, son = entity_of(resolved, "PA-TESTPOL", "PF1"), entity_of(resolved, "MX-TESTFIS", "MF2")
    with resolved.begin() as conn:
        merge_entities(conn, father, son, "analyst-a")
    resolve(resolved, run_by="test")
    merged = entity_of(resolved, "PA-TESTPOL", "PF1")
    assert merged == entity_of(resolved, "MX-TESTFIS", "MF2")
    with resolved.begin() as conn:
        split_entity(conn, merged, ["MX-TESTFIS/MF2"], "analyst-b")
    resolve(resolved, run_by="test")
    assert entity_of(resolved, "PA-TESTPOL", "PF1") != entity_of(resolved, "MX-TESTFIS", "MF2")


def test_an_incremental_run_links_new_records_to_the_existing_entities(
    resolved: Engine, tmp_path: Path
) -> None:
    with resolved.connect() as conn:
        before = store.entity_memberships(conn)
    wilmer = entity_of(resolved, "PA-TESTPOL", "PW1")
    honduras = {
        "agency.csv": "agency,country,name\nHN-TESTPOL,Honduras,Policía de prueba\n",
        "cases.csv": "case_id,title,crime_type\nHN-C1,Caso cuatro,smuggling\n",
        "persons.csv": PERSONS_HEADER
        + "HW1,HN-C1,suspect,Wilmer A.,Quintero Salas,,,M,12/03/1984,Venezuela,passport,"
        "AB123456,VE,\n"
        + "HX1,HN-C1,smuggled_migrant,Dayana,Ferrer Lobo,,,F,01/01/2001,Venezuela,,,,\n",
    }
    assert ingest(resolved, write(tmp_path / "hn", honduras), loaded_by="test").ok
    report = resolve(resolved, run_by="test", incremental=True)
    assert report.new_records == 2
    assert entity_of(resolved, "HN-TESTPOL", "HW1") == wilmer
    assert entity_of(resolved, "HN-TESTPOL", "HX1") != wilmer
    with resolved.connect() as conn:
        after = store.entity_memberships(conn)
    # the same entities, and the same probabilities that brought each record there
    assert {k: v for k, v in after.items() if k in before} == before


def test_children_known_by_name_alone_join_through_the_mother_they_travel_with(
    resolved: Engine,
) -> None:
    """Nothing but a name links Panama's and Mexico's records of the children; the
    mother, matched on her passport, travels with them in both agencies' records."""
    mother = entity_of(resolved, "PA-TESTPOL", "PR1")
    assert entity_of(resolved, "MX-TESTFIS", "MR1") == mother
    valentina = entity_of(resolved, "PA-TESTPOL", "PR2")
    santiago = entity_of(resolved, "PA-TESTPOL", "PR3")
    assert entity_of(resolved, "MX-TESTFIS", "MR2") == valentina
    assert entity_of(resolved, "MX-TESTFIS", "MR3") == santiago
    assert len({mother, valentina, santiago}) == 3
    methods = by_record(resolved, entity_members.c.method, ("PR2", "MR2"))
    assert methods == {"PR2": "companion", "MR2": "companion"}


def test_namesakes_in_one_party_are_left_to_an_analyst(resolved: Engine) -> None:
    """Two boys called Luis Ángel Rondón in each agency's record of the party: which is
    which, nothing says."""
    ours = {entity_of(resolved, "PA-TESTPOL", rid) for rid in ("PR4", "PR5")}
    theirs = {entity_of(resolved, "MX-TESTFIS", rid) for rid in ("MR4", "MR5")}
    assert not ours & theirs


def test_an_initial_and_an_abbreviated_maria_join_the_full_names(resolved: Engine) -> None:
    """Another agency's clerk writes "J." for Jhonatan and "ECHENIQUE BARRIOS, MA." for
    María; the birth date and the surnames agree, so they are the same people."""
    assert entity_of(resolved, "PA-TESTPOL", "PJ1") == entity_of(resolved, "MX-TESTFIS", "MJ1")
    assert entity_of(resolved, "PA-TESTPOL", "PM1") == entity_of(resolved, "MX-TESTFIS", "MM1")
