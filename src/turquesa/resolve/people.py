"""Reading the person records to resolve, with the identifiers written on them.

Only current versions take part: a superseded or retracted record is not evidence of
anyone any more. Identifiers come from the record's own row and from identifiers.csv
rows that name it; both count the same.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import orjson
from sqlalchemy import Connection, Text, func, or_, select, type_coerce

from turquesa.parallel import chunks, ordered_map, worker_pool
from turquesa.resolve.features import feature_line, person_features
from turquesa.storage.tables import identifiers, records

CONTACT_KINDS = ("phone", "email", "handle")
DOCUMENT_KINDS = ("passport", "national_id", "residence_permit", "driving_licence", "other")


#: Separators of the identifiers packed into one text per record by the database:
#: ASCII unit and record separators, which no cleaned value contains.
_FIELD, _ITEM = "\x1f", "\x1e"


def current_identifiers(kinds: tuple[str, ...]) -> Any:
    """The identifiers of the current records of `kinds`, as a subquery: those written
    on the current version's own row, and those identifiers.csv rows attach to the
    record (no version). A superseded version's phone is not evidence any more."""
    current = (
        select(records.c.agency, records.c.record_id, records.c.version)
        .where(records.c.kind.in_(kinds), records.c.status == "current")
        .subquery()
    )
    return (
        select(
            identifiers.c.agency,
            identifiers.c.owner_record_id,
            identifiers.c.kind,
            identifiers.c.value,
            identifiers.c.country,
        )
        .join(
            current,
            (current.c.agency == identifiers.c.agency)
            & (current.c.record_id == identifiers.c.owner_record_id),
        )
        .where(
            or_(
                identifiers.c.owner_version.is_(None),
                identifiers.c.owner_version == current.c.version,
            )
        )
        .subquery()
    )


def _packed_identifiers() -> Any:
    """Per current person record: its identifiers packed into one text. The database
    groups them, so the reader streams one row per record and never holds an index of
    every identifier of a million records."""
    carried = current_identifiers(("person",))
    item = carried.c.kind + _FIELD + carried.c.value + _FIELD + func.coalesce(carried.c.country, "")
    return (
        select(
            carried.c.agency.label("agency"),
            carried.c.owner_record_id.label("record_id"),
            func.aggregate_strings(item, _ITEM).label("packed"),
        )
        .group_by(carried.c.agency, carried.c.owner_record_id)
        .subquery()
    )


def _unpack(packed: str | None) -> tuple[list[str], list[dict[str, str]]]:
    contacts: list[str] = []
    documents: list[dict[str, str]] = []
    for item in (packed or "").split(_ITEM):
        if not item:
            continue
        id_kind, value, country = item.split(_FIELD)
        if id_kind in CONTACT_KINDS:
            contacts.append(f"{id_kind}:{value}")  # a handle's value is platform:handle
        elif id_kind in DOCUMENT_KINDS:
            documents.append({"type": id_kind, "number": value, "country": country or None})
    return contacts, documents


def _case_years(conn: Connection) -> dict[tuple[str, str], int]:
    """(agency, case id) -> the year the case was opened, where it says."""
    query = select(records.c.agency, records.c.record_id, type_coerce(records.c.data, Text)).where(
        records.c.kind == "case", records.c.status == "current"
    )
    years = {}
    for agency, case_id, text in conn.execute(query):
        data = orjson.loads(text) if isinstance(text, str | bytes) else text
        opened = str(data.get("opened") or "")
        if opened[:4].isdigit():
            years[agency, case_id] = int(opened[:4])
    return years


#: One person record as read: agency, record id, role, its JSON text, its packed
#: identifiers and the year of its case.
RawPerson = tuple[str, str, str | None, str | bytes | dict[str, Any], str | None, int | None]

#: Records per chunk sent to a worker.
CHUNK = 2_000


def _raw_people(conn: Connection) -> Iterator[RawPerson]:
    case_years = _case_years(conn)
    packed = _packed_identifiers()
    # The JSON text as stored, parsed with orjson: SQLAlchemy's JSON type would parse
    # it with the standard library, at a third of the speed, over a million rows.
    data_text = type_coerce(records.c.data, Text)
    query = (
        select(
            records.c.agency,
            records.c.record_id,
            records.c.role,
            records.c.case_id,
            data_text,
            packed.c.packed,
        )
        .outerjoin(
            packed,
            (packed.c.agency == records.c.agency) & (packed.c.record_id == records.c.record_id),
        )
        .where(records.c.kind == "person", records.c.status == "current")
        .order_by(records.c.agency, records.c.record_id)
    )
    for agency, record_id, role, case_id, text, items in conn.execute(query).yield_per(20_000):
        year = case_years.get((agency, case_id)) if case_id else None
        yield agency, record_id, role, text, items, year


def _features(raw: RawPerson) -> dict[str, Any]:
    agency, record_id, role, text, items, year = raw
    data = orjson.loads(text) if isinstance(text, str | bytes) else text
    contacts, documents = _unpack(items)
    return person_features(agency, record_id, role, data, contacts, documents, year)


def _lines(chunk: list[RawPerson]) -> bytes:
    return b"".join(feature_line(_features(raw)) for raw in chunk)


def current_person_count(conn: Connection) -> int:
    (count,) = conn.execute(
        select(func.count()).where(records.c.kind == "person", records.c.status == "current")
    ).one()
    return int(count)


def person_feature_rows(conn: Connection) -> Iterator[dict[str, Any]]:
    """One feature row per current person record, in (agency, record_id) order."""
    return map(_features, _raw_people(conn))


def person_feature_lines(conn: Connection, jobs: int = 1) -> Iterator[bytes]:
    """The same rows as JSON lines (`feature_line`), in blocks, built in `jobs` worker
    processes (in-process for 1): over a million records the features are a minute of
    pure Python per core, while the database read that feeds them is a fraction of it.
    """
    blocks = chunks(_raw_people(conn), CHUNK)
    if jobs <= 1:
        yield from map(_lines, blocks)
        return
    with worker_pool(jobs) as pool:
        yield from ordered_map(pool, _lines, blocks, 3 * jobs)
