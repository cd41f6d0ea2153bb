"""Hit / no-hit: who else holds this passport, phone, e-mail or account.

The model is INTERPOL's: a search that finds a record the searcher may see returns it
(victims pseudonymised as everywhere); one that finds a record the searcher may not see
returns only a *hit* — the kind of match, the owner agency and an opaque reference to
quote — and puts the hit in the owner's inbox with the searching agency named. The
owner discloses the record to the searcher's agency in one action, or declines. A hit
on a victim record reaches only roles allowed to know of victims; anyone else gets
nothing for it. Search results never open a victim's identity, even to those who may
see it: that takes a read of the record, with a justification. A hit reference is
random: it says nothing about the record it stands for, and the record id never leaves
the owner.

What the user types is cleaned by the same normalisers ingest used, so
"+57 310 675-9681" finds the phone stored as +573106759681. Searches are counted per
user and per agency in the database (`ratelimit.py`), so every server process shares
the limits and no one can walk the space of passport numbers.
"""

from __future__ import annotations

import functools
import secrets
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, and_, bindparam, or_, select

from turquesa.errors import InvalidValue, TurquesaError
from turquesa.export.privacy import protect
from turquesa.normalise.contacts import parse_email, parse_handle
from turquesa.normalise.documents import normalise_number
from turquesa.normalise.phones import parse_phone
from turquesa.server.access import KNOWS_OF_VICTIMS, visible
from turquesa.server.accounts import Viewer
from turquesa.storage.store import utcnow
from turquesa.storage.tables import hits, identifiers, records

DOCUMENT_KINDS = ("passport", "national_id", "residence_permit", "driving_licence", "other")
SEARCH_KINDS = (*DOCUMENT_KINDS, "phone", "email", "handle", "vehicle_plate", "bank_account")


class BadQuery(TurquesaError):
    """What was typed cannot be read as the kind of identifier asked for."""


def normalise_query(kind: str, value: str, country: str | None) -> str:
    """The stored form of what the user typed."""
    text = value.strip()
    if not text or len(text) > 200:
        raise BadQuery("give a value of 1 to 200 characters")
    try:
        if kind == "phone":
            phone = parse_phone(text, country)
            if not phone.e164:
                raise BadQuery(f"{text[:40]} is not a phone number")
            return phone.e164
        if kind == "email":
            return parse_email(text).address
        if kind == "handle":
            return parse_handle(text).key
        if kind in (*DOCUMENT_KINDS, "vehicle_plate", "bank_account", "iban"):
            number = normalise_number(text)
            if not number:
                raise BadQuery("no letters or digits in that value")
            return number
    except InvalidValue as exc:
        raise BadQuery(exc.message) from exc
    raise BadQuery(f"cannot search by {kind}")


@dataclass
class Hit:
    """A match the searcher may not see: what the searcher learns (kind of match, owner,
    reference) and, kept on the server, the record it points to."""

    match_kind: str
    owner_agency: str
    reference: str
    record_id: str
    record_kind: str
    victim: bool = False


@dataclass
class SearchResult:
    query_kind: str
    value: str
    records: list[dict[str, Any]] = field(default_factory=list)
    hits: list[Hit] = field(default_factory=list)


def _shown(row: Any, match_kind: str, similarity: float | None = None) -> dict[str, Any]:
    """A found record the searcher may see; a victim always pseudonymised (opening a
    victim's identity is a read of the record, with a justification)."""
    record: dict[str, Any] = {
        "agency": row.agency,
        "record_id": row.record_id,
        "kind": row.kind,
        "role": row.role,
        "case_id": row.case_id,
        "label": row.label,
        "data": row.data if isinstance(row.data, dict) else {},
        "match_kind": match_kind,
    }
    if similarity is not None:
        record["similarity"] = round(similarity, 3)
    return protect(record) if record["role"] == "victim" else record


def _signature(viewer: Viewer) -> Viewer:
    """The parts of a viewer the visibility rule depends on (user ids aside), so that
    one statement serves every user of an agency."""
    return Viewer(0, "", viewer.agency, viewer.country, viewer.roles, viewer.networks)


@functools.lru_cache(maxsize=1024)
def _identifier_query(viewer: Viewer, kinds: tuple[str, ...]) -> Any:
    """The search statement for one kind of viewer, built once: constructing the
    visibility rule's SQL cost more than running it."""
    return (
        select(
            records.c.agency,
            records.c.record_id,
            records.c.kind,
            records.c.role,
            records.c.case_id,
            records.c.sharing,
            records.c.label,
            records.c.data,
            identifiers.c.kind.label("match_kind"),
            visible(viewer).label("visible"),
        )
        .select_from(identifiers)
        .join(
            records,
            and_(
                records.c.agency == identifiers.c.agency,
                records.c.record_id == identifiers.c.owner_record_id,
                records.c.kind.in_(("person", "organization")),
                records.c.status == "current",
                (identifiers.c.owner_version.is_(None))
                | (identifiers.c.owner_version == records.c.version),
            ),
        )
        .where(identifiers.c.kind.in_(kinds), identifiers.c.value == bindparam("value"))
        .order_by(records.c.agency, records.c.record_id)
        .limit(200)
    )


def search_identifier(conn: Connection, viewer: Viewer, kind: str, value: str) -> SearchResult:
    """Records that carry this identifier (current versions), split into those the
    viewer may see and hits on the rest."""
    kinds = (kind,) if kind not in DOCUMENT_KINDS else DOCUMENT_KINDS
    query = _identifier_query(_signature(viewer), kinds)
    rows = conn.execute(query, {"value": value})
    result = SearchResult(kind, value)
    seen: set[tuple[str, str]] = set()
    for row in rows:
        key = (row.agency, row.record_id)
        if key in seen:
            continue
        seen.add(key)
        if row.visible:
            result.records.append(_shown(row, row.match_kind))
            continue
        victim = row.role == "victim"
        if victim and not viewer.has(*KNOWS_OF_VICTIMS):
            continue  # a hit on a victim reaches only those allowed to know of victims
        result.hits.append(new_hit(row.agency, row.record_id, row.kind, row.match_kind, victim))
    return result


def search_people(
    conn: Connection, viewer: Viewer, found: list[tuple[str, str, float]]
) -> SearchResult:
    """Person records found by name and birth date, split like `search_identifier`."""
    result = SearchResult("name", "")
    if not found:
        return result
    wanted = {(a, r) for a, r, _ in found}
    rows = conn.execute(
        select(
            records.c.agency,
            records.c.record_id,
            records.c.kind,
            records.c.role,
            records.c.case_id,
            records.c.label,
            records.c.data,
            visible(viewer).label("visible"),
        ).where(
            records.c.kind == "person",
            records.c.status == "current",
            or_(
                *(
                    and_(records.c.agency == a, records.c.record_id == r)
                    for a, r in sorted(wanted)[:200]
                )
            ),
        )
    ).all()
    by_key = {(row.agency, row.record_id): row for row in rows}
    for agency, record_id, similarity in found[:200]:
        row = by_key.get((agency, record_id))
        if row is None:
            continue
        if row.visible:
            result.records.append(_shown(row, "name_birth_date", similarity))
            continue
        victim = row.role == "victim"
        if victim and not viewer.has(*KNOWS_OF_VICTIMS):
            continue
        result.hits.append(new_hit(agency, record_id, "person", "name_birth_date", victim))
    return result


def new_hit(owner: str, record_id: str, record_kind: str, match_kind: str, victim: bool) -> Hit:
    """A hit with its opaque reference, not yet in the owner's inbox (`store_hits`)."""
    reference = "H-" + secrets.token_hex(10).upper()
    return Hit(match_kind, owner, reference, record_id, record_kind, victim)


def store_hits(conn: Connection, viewer: Viewer, found: list[Hit]) -> None:
    """Put a search's hits in their owners' inboxes, in one statement.

    Searches call this after their audit entry is durable: a hit never reaches an
    inbox for a search the log does not hold."""
    if not found:
        return
    now = utcnow()
    conn.execute(  # one multi-row INSERT: atomic even where each statement commits
        hits.insert().values(
            [
                {
                    "reference": hit.reference,
                    "searcher_user_id": viewer.user_id,
                    "searcher_agency": viewer.agency,
                    "owner_agency": hit.owner_agency,
                    "record_id": hit.record_id,
                    "record_kind": hit.record_kind,
                    "match_kind": hit.match_kind,
                    "victim": hit.victim,
                    "created_at": now,
                    "status": "pending",
                }
                for hit in found
            ]
        )
    )
