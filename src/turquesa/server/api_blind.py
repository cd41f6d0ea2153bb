"""Blind identifiers: registered and searched without the platform seeing them.

An agency's client blinds `kind:normalised value` (RFC 9497 OPRF, ristretto255-SHA512),
the server evaluates the blinded element with its key (`/blind/evaluate`, rate-limited
like a search: each evaluation is one guess), the client unblinds it to the OPRF output
and registers that output against its record (`/blind/identifiers`), or searches with it
(`/blind/search`). The server never sees the phone or passport number, and no agency
holds a key that would let it reverse another's outputs. Outputs carry the key version
that made them; after a rotation agencies register again under the new key.
"""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field
from sqlalchemy import and_, select

from turquesa.errors import TurquesaError
from turquesa.i18n import N_
from turquesa.server.access import KNOWS_OF_VICTIMS, visible
from turquesa.server.api_search import take_search_quota
from turquesa.server.endpoint import ApiError, Ctx, DbInt, Text
from turquesa.server.journal import note
from turquesa.server.search import SEARCH_KINDS, Hit, new_hit, store_hits
from turquesa.storage.store import utcnow
from turquesa.storage.tables import blind_identifiers, records

router = APIRouter(tags=["blind identifiers"])

HEX64 = r"^[0-9a-fA-F]{64}$"
HEX128 = r"^[0-9a-fA-F]{128}$"


def _keyring(ctx: Ctx):  # type: ignore[no-untyped-def]
    from turquesa.server.oprf_keys import Keyring

    ring = Keyring(ctx.settings.key_dir)
    if not ring.versions():
        ring.rotate()
    return ring


class Blinded(BaseModel):
    blinded_element: Text = Field(pattern=HEX64, description="32-byte element, hex")


class Evaluated(BaseModel):
    evaluated_element: str
    key_version: int


@router.post("/blind/evaluate", response_model=Evaluated, responses={429: {}})
def evaluate(body: Blinded, ctx: Ctx) -> Evaluated:
    """The server's half of the OPRF, on a blinded element it cannot read."""
    take_search_quota(ctx)
    try:
        done = _keyring(ctx).blind_evaluate(bytes.fromhex(body.blinded_element))
    except TurquesaError as exc:
        raise ApiError(422, "invalid_value", exc.message) from exc
    note(ctx.conn, ctx.viewer, "search", ctx.source, target="blind:evaluate")
    return Evaluated(evaluated_element=done.value.hex(), key_version=done.key_version)


class BlindEntry(BaseModel):
    owner_record_id: Text = Field(min_length=1, max_length=200)
    kind: Text = Field(min_length=1, max_length=20)
    value: Text = Field(pattern=HEX128, description="64-byte OPRF output, hex")
    key_version: DbInt


class BlindEntries(BaseModel):
    entries: list[BlindEntry] = Field(min_length=1, max_length=10_000)


@router.post("/blind/identifiers", status_code=201, responses={404: {}})
def register(body: BlindEntries, ctx: Ctx) -> dict[str, int]:
    """Register OPRF outputs against records of the agency's own."""
    if not ctx.viewer.has("investigator", "prosecutor", "analyst", "admin"):
        raise ApiError(403, "forbidden", N_("your role cannot register identifiers"))
    current = _keyring(ctx).current().version
    wanted = {e.owner_record_id for e in body.entries}
    owned = set(
        ctx.conn.execute(
            select(records.c.record_id).where(
                records.c.agency == ctx.viewer.agency,
                records.c.status == "current",
                records.c.record_id.in_(sorted(wanted)),
            )
        ).scalars()
    )
    missing = sorted(wanted - owned)
    if missing:
        raise ApiError(
            404, "not_found", N_("no such record of your agency: %(record)s"), record=missing[0]
        )
    for entry in body.entries:
        if entry.kind not in SEARCH_KINDS:
            raise ApiError(
                422, "invalid_request", N_("unknown identifier kind %(kind)s"), kind=entry.kind
            )
        if entry.key_version != current:
            raise ApiError(
                409,
                "stale_key",
                N_("evaluate again: the current key is %(version)s"),
                version=current,
            )
    now = utcnow()
    ctx.conn.execute(
        blind_identifiers.insert(),
        [
            {
                "agency": ctx.viewer.agency,
                "owner_record_id": e.owner_record_id,
                "kind": e.kind,
                "value": e.value.lower(),
                "key_version": e.key_version,
                "created_at": now,
            }
            for e in body.entries
        ],
    )
    note(
        ctx.conn,
        ctx.viewer,
        "upload",
        ctx.source,
        target="blind:identifiers",
        detail={"n": len(body.entries)},
    )
    return {"registered": len(body.entries)}


class BlindSearch(BaseModel):
    kind: Text = Field(min_length=1, max_length=20)
    value: Text = Field(pattern=HEX128)
    key_version: DbInt


class BlindHit(BaseModel):
    owner_agency: str
    reference: str
    match_kind: str


class BlindFound(BaseModel):
    records: list[dict[str, str]]
    hits: list[BlindHit]


@router.post("/blind/search", response_model=BlindFound, responses={429: {}})
def blind_search(body: BlindSearch, ctx: Ctx) -> BlindFound:
    """Hit / no-hit on a blind identifier, with the same rules as `/search`."""
    take_search_quota(ctx)
    query = (
        select(
            records.c.agency,
            records.c.record_id,
            records.c.kind,
            records.c.role,
            visible(ctx.viewer).label("visible"),
        )
        .select_from(blind_identifiers)
        .join(
            records,
            and_(
                records.c.agency == blind_identifiers.c.agency,
                records.c.record_id == blind_identifiers.c.owner_record_id,
                records.c.status == "current",
                records.c.kind.in_(("person", "organization")),
            ),
        )
        .where(
            blind_identifiers.c.kind == body.kind,
            blind_identifiers.c.value == body.value.lower(),
            blind_identifiers.c.key_version == body.key_version,
        )
        .limit(200)
    )
    shown: list[dict[str, str]] = []
    found: list[Hit] = []
    for row in ctx.conn.execute(query):
        if row.visible:
            shown.append({"agency": row.agency, "record_id": row.record_id, "kind": row.kind})
            continue
        victim = row.role == "victim"
        if victim and not ctx.viewer.has(*KNOWS_OF_VICTIMS):
            continue
        found.append(new_hit(row.agency, row.record_id, row.kind, body.kind, victim))
    note(
        ctx.conn,
        ctx.viewer,
        "search",
        ctx.source,
        target=f"blind:{body.kind}",
        detail={
            "records": [f"{r['agency']}:{r['record_id']}" for r in shown],
            "hits": [h.reference for h in found],
        },
    )
    store_hits(ctx.conn, ctx.viewer, found)
    return BlindFound(
        records=shown,
        hits=[
            BlindHit(owner_agency=h.owner_agency, reference=h.reference, match_kind=h.match_kind)
            for h in found
        ],
    )
