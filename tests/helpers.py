"""Small exchange submissions written by the tests themselves."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, func, select

from turquesa.storage.tables import identifiers, records, rejected_rows, submissions

AGENCY = "agency,country,name\nCO-DIJIN,Colombia,Dirección de Investigación Criminal\n"
CASES = (
    "case_id,title,crime_type,opened,status,sharing\n"
    "C1,Operación Darién,smuggling,2023-03-01,open,network:ISON\n"
)
PERSONS = (
    "record_id,case_id,role,given_names,surnames,full_name,aliases,sex,birth_date,nationality,"
    "document_type,document_number,document_country,phones,emails,handles\n"
    "P1,C1,suspect,José Luis,Pérez Gómez,,El Flaco,M,17/05/1985,Colombia,passport,"
    "AB 123-456,CO,300 123 4567,jl@example.com,facebook:jl.perez\n"
    'P2,C1,smuggled_migrant,,,"JEAN-BAPTISTE, Marie",,F,1999,Haïti,,,,+509 3456 7890,,\n'
    "P3,C1,victim,Ana,Ruiz,,,F,2008-02-29,VE,national_id,V-12.345.678,VE,,,\n"
)
MOVEMENTS = (
    "record_id,case_id,person_record_id,persons,from_place,from_country,to_place,to_country,"
    "departure,arrival,mode,crossing_point,facilitator_record_id,amount,currency\n"
    'M1,C1,P2,,Necoclí,CO,Capurganá,CO,2023-03-02,2023-03-02,sea,,P1,"1.200,00",USD\n'
)
LINKS = "from_record_id,to_record_id,relation,start\nP1,P2,smuggled,2023-03-02\n"


def write(folder: Path, files: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


def good_submission(folder: Path, **overrides: str | bytes) -> Path:
    files: dict[str, str | bytes] = {
        "agency.csv": AGENCY,
        "cases.csv": CASES,
        "persons.csv": PERSONS,
        "movements.csv": MOVEMENTS,
        "links.csv": LINKS,
    }
    files.update(overrides)
    return write(folder, {k: v for k, v in files.items() if v is not None})


def snapshot(engine: Engine) -> dict[str, int]:
    """Row counts of the tables a load writes: equal snapshots mean nothing changed."""
    with engine.connect() as conn:
        return {
            table.name: conn.execute(select(func.count()).select_from(table)).scalar_one()
            for table in (records, identifiers, submissions, rejected_rows)
        }
