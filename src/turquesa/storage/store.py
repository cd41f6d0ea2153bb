"""Reads and writes of the storage layer that the ingest, status and export share.

Plain functions over an SQLAlchemy Connection, so that the caller owns the
transaction: the ingest runs a whole submission in one, and a crash anywhere in it
leaves the database as it was.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, func, select, update

from turquesa.storage.tables import (
    agencies,
    entity_members,
    identifiers,
    networks,
    records,
    source_files,
    submissions,
)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def network_names(conn: Connection) -> frozenset[str]:
    return frozenset(conn.execute(select(networks.c.name)).scalars())


def get_agency(conn: Connection, code: str) -> dict[str, Any] | None:
    row = conn.execute(select(agencies).where(agencies.c.code == code)).mappings().first()
    return dict(row) if row else None


def upsert_agency(conn: Connection, code: str, country: str, name: str) -> None:
    if get_agency(conn, code) is None:
        conn.execute(
            agencies.insert().values(code=code, country=country, name=name, created_at=utcnow())
        )
    else:
        conn.execute(
            agencies.update().where(agencies.c.code == code).values(country=country, name=name)
        )


def find_submission(conn: Connection, agency: str, content_hash: str) -> int | None:
    return conn.execute(
        select(submissions.c.id).where(
            submissions.c.agency == agency, submissions.c.content_hash == content_hash
        )
    ).scalar()


def current_records(conn: Connection, agency: str) -> dict[str, tuple[str, int]]:
    """record_id -> (kind, version) of every current record of the agency (cases apart)."""
    query = select(records.c.record_id, records.c.kind, records.c.version).where(
        records.c.agency == agency, records.c.status == "current", records.c.kind != "case"
    )
    return {r: (k, v) for r, k, v in conn.execute(query)}


def current_cases(conn: Connection, agency: str) -> dict[str, tuple[int, str]]:
    """case_id -> (version, sharing) of the agency's current cases."""
    query = select(records.c.record_id, records.c.version, records.c.sharing).where(
        records.c.agency == agency, records.c.status == "current", records.c.kind == "case"
    )
    return {r: (v, s) for r, v, s in conn.execute(query)}


def supersede(conn: Connection, agency: str, kind_is_case: bool, record_ids: list[str]) -> None:
    if not record_ids:
        return
    kind_clause = records.c.kind == "case" if kind_is_case else records.c.kind != "case"
    for start in range(0, len(record_ids), 500):
        conn.execute(
            update(records)
            .where(
                records.c.agency == agency,
                records.c.status == "current",
                kind_clause,
                records.c.record_id.in_(record_ids[start : start + 500]),
            )
            .values(status="superseded")
        )


def retract(
    conn: Connection,
    agency: str,
    record_id: str,
    is_case: bool,
    submission_id: int,
    reason: str | None,
) -> int:
    kind_clause = records.c.kind == "case" if is_case else records.c.kind != "case"
    result = conn.execute(
        update(records)
        .where(
            records.c.agency == agency,
            records.c.record_id == record_id,
            records.c.status == "current",
            kind_clause,
        )
        .values(status="retracted", retracted_by=submission_id, retraction_reason=reason)
    )
    return result.rowcount


def status_summary(conn: Connection) -> list[dict[str, Any]]:
    """Current records per agency and kind, with identifiers and submissions."""
    counts = conn.execute(
        select(records.c.agency, records.c.kind, func.count())
        .where(records.c.status == "current")
        .group_by(records.c.agency, records.c.kind)
    ).all()
    per_agency: dict[str, dict[str, Any]] = {}
    for code, country, name in conn.execute(
        select(agencies.c.code, agencies.c.country, agencies.c.name).order_by(agencies.c.code)
    ):
        per_agency[code] = {"agency": code, "country": country, "name": name}
    for code, kind, n in counts:
        per_agency.setdefault(code, {"agency": code})[kind] = n
    for code, n in conn.execute(
        select(submissions.c.agency, func.count()).group_by(submissions.c.agency)
    ):
        per_agency.setdefault(code, {"agency": code})["submissions"] = n
    for code, n in conn.execute(
        select(identifiers.c.agency, func.count()).group_by(identifiers.c.agency)
    ):
        per_agency.setdefault(code, {"agency": code})["identifiers"] = n
    for code, n in conn.execute(
        select(records.c.agency, func.count())
        .where(records.c.status == "retracted")
        .group_by(records.c.agency)
    ):
        per_agency.setdefault(code, {"agency": code})["retracted"] = n
    return list(per_agency.values())


def iter_current_records(
    conn: Connection, kinds: tuple[str, ...] | None = None, batch: int = 5000
) -> Iterator[dict[str, Any]]:
    """Current records with their provenance (file name, row), streamed."""
    query = (
        select(records, source_files.c.name.label("source_file"), submissions.c.loaded_at)
        .join(source_files, source_files.c.id == records.c.file_id)
        .join(submissions, submissions.c.id == records.c.submission_id)
        .where(records.c.status == "current")
        .order_by(records.c.agency, records.c.kind, records.c.record_id)
    )
    if kinds:
        query = query.where(records.c.kind.in_(kinds))
    result = conn.execution_options(yield_per=batch).execute(query)
    for row in result.mappings():
        yield dict(row)


def entity_memberships(conn: Connection) -> dict[tuple[str, str, str], tuple[str, float | None]]:
    """(agency, record_id, kind) -> (entity id, match probability) of the last run."""
    query = select(
        entity_members.c.agency,
        entity_members.c.record_id,
        entity_members.c.kind,
        entity_members.c.entity_id,
        entity_members.c.match_probability,
    )
    return {(a, r, k): (e, p) for a, r, k, e, p in conn.execute(query)}
