"""`POST /search`, the owner's inbox of hits, and disclosure."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field
from sqlalchemy import select, update

from turquesa.i18n import N_
from turquesa.server import ratelimit
from turquesa.server.endpoint import ApiError, Context, Ctx, Text, in_one_thread
from turquesa.server.journal import note, note_search
from turquesa.server.name_search import BadName, candidates, read_query
from turquesa.server.search import (
    SEARCH_KINDS,
    BadQuery,
    SearchResult,
    normalise_query,
    search_identifier,
    search_people,
    store_hits,
)
from turquesa.storage.store import utcnow
from turquesa.storage.tables import agencies, disclosures, hits, records

router = APIRouter(tags=["search"])

SearchKind = Literal[
    "passport",
    "national_id",
    "residence_permit",
    "driving_licence",
    "other",
    "phone",
    "email",
    "handle",
    "vehicle_plate",
    "bank_account",
]
assert set(SearchKind.__args__) == set(SEARCH_KINDS)  # type: ignore[attr-defined]


class SearchIn(BaseModel):
    kind: SearchKind
    value: Text = Field(min_length=1, max_length=200)
    country: Text | None = Field(
        default=None,
        min_length=2,
        max_length=2,
        description="ISO alpha-2: the region of a phone written without its country code",
    )
    reason: Text | None = Field(
        default=None, max_length=500, description="Recorded in the audit log"
    )


class HitOut(BaseModel):
    match_kind: str
    owner_agency: str
    reference: str


class SearchOut(BaseModel):
    kind: str
    value: str
    records: list[dict[str, Any]]
    hits: list[HitOut]


@router.post("/search", response_model=SearchOut, responses={429: {}})
async def search(body: SearchIn, request: Request) -> SearchOut:
    """Hit / no-hit on an identifier: visible records in full, the rest as hits."""
    return await in_one_thread(request, lambda ctx: _search(body, ctx))


def _search(body: SearchIn, ctx: Context) -> SearchOut:
    take_search_quota(ctx)
    try:
        value = normalise_query(body.kind, body.value, body.country or ctx.viewer.country)
    except BadQuery as exc:
        raise ApiError(422, "invalid_value", exc.message) from exc
    found = search_identifier(ctx.conn, ctx.viewer, body.kind, value)
    return _answer(ctx, body.kind, value, found, body.reason)


def take_search_quota(ctx: Ctx) -> None:
    """One search (or blind evaluation) against the user's and the agency's quotas,
    shared by every server process."""
    settings = ctx.settings
    allowed = ratelimit.take(
        ctx.counters,
        [
            (f"search:user:{ctx.viewer.user_id}", settings.search_per_user_minute),
            (f"search:agency:{ctx.viewer.agency}", settings.search_per_agency_minute),
        ],
    )
    if not allowed:
        raise ApiError(429, "rate_limited", N_("too many searches; wait a minute"))


def _answer(ctx: Ctx, kind: str, value: str, found: SearchResult, reason: str | None) -> SearchOut:
    """Audit the search (what was found, never the content), then tell the owners of the
    hits, and answer."""
    note_search(
        ctx.conn,
        ctx.audit_writer,
        ctx.viewer,
        ctx.source,
        target=kind,
        justification=reason,
        detail={
            "records": [f"{r['agency']}:{r['record_id']}" for r in found.records],
            "hits": [h.reference for h in found.hits],
        },
    )
    store_hits(ctx.conn, ctx.viewer, found.hits)
    return SearchOut(
        kind=kind,
        value=value,
        records=found.records,
        hits=[
            HitOut(match_kind=h.match_kind, owner_agency=h.owner_agency, reference=h.reference)
            for h in found.hits
        ],
    )


class NameSearchIn(BaseModel):
    given_names: Text = Field(min_length=1, max_length=200)
    surnames: Text = Field(min_length=1, max_length=200)
    birth_date: Text = Field(
        min_length=4, max_length=20, description="YYYY-MM-DD, DD/MM/YYYY, YYYY-MM or YYYY"
    )
    reason: Text | None = Field(default=None, max_length=500)


@router.post("/search/name", response_model=SearchOut, responses={429: {}})
async def search_name(body: NameSearchIn, request: Request) -> SearchOut:
    """Hit / no-hit by name and birth date (fuzzy: spelling, either surname, day and
    month swapped), from the name index."""
    return await in_one_thread(request, lambda ctx: _search_name(body, ctx))


def _search_name(body: NameSearchIn, ctx: Context) -> SearchOut:
    take_search_quota(ctx)
    try:
        query = read_query(body.given_names, body.surnames, body.birth_date)
    except BadName as exc:
        raise ApiError(422, "invalid_value", exc.message) from exc
    found = search_people(ctx.conn, ctx.viewer, candidates(ctx.conn, query))
    return _answer(
        ctx, "name", f"{body.given_names} {body.surnames} {body.birth_date}", found, body.reason
    )


class InboxItem(BaseModel):
    reference: str
    searcher_agency: str
    match_kind: str
    record_id: str
    record_kind: str
    victim: bool
    created_at: str
    status: str


class InboxPage(BaseModel):
    items: list[InboxItem]
    limit: int
    offset: int
    next_offset: int | None


@router.get("/inbox", response_model=InboxPage)
def inbox(
    ctx: Ctx,
    status: Literal["pending", "disclosed", "declined"] | None = "pending",
    limit: int = Query(default=50, ge=1, le=500),
    offset: int = Query(default=0, ge=0, le=10_000_000),
) -> InboxPage:
    """Searches by other agencies that hit this agency's records, newest first. Hits on
    victim records are listed only to roles allowed to know of victims."""
    query = select(hits).where(hits.c.owner_agency == ctx.viewer.agency)
    if status:
        query = query.where(hits.c.status == status)
    if not ctx.viewer.has("investigator", "prosecutor", "victim_support"):
        query = query.where(hits.c.victim.is_(False))
    rows = (
        ctx.conn.execute(
            query.order_by(hits.c.created_at.desc(), hits.c.id.desc())
            .limit(limit + 1)
            .offset(offset)
        )
        .mappings()
        .all()
    )
    items = [
        InboxItem(
            reference=r["reference"],
            searcher_agency=r["searcher_agency"],
            match_kind=r["match_kind"],
            record_id=r["record_id"],
            record_kind=r["record_kind"],
            victim=r["victim"],
            created_at=r["created_at"].isoformat(),
            status=r["status"],
        )
        for r in rows[:limit]
    ]
    return InboxPage(
        items=items,
        limit=limit,
        offset=offset,
        next_offset=offset + limit if len(rows) > limit else None,
    )


class Decision(BaseModel):
    justification: Text = Field(min_length=3, max_length=2000)
    case_ref: Text | None = Field(
        default=None, max_length=250, description="AGENCY:CASE_ID when disclosing to a judge's case"
    )


DISCLOSING_ROLES = ("investigator", "prosecutor", "admin", "victim_support")


def _own_pending_hit(ctx: Ctx, reference: Text) -> Any:
    row = (
        ctx.conn.execute(
            select(hits).where(
                hits.c.reference == reference, hits.c.owner_agency == ctx.viewer.agency
            )
        )
        .mappings()
        .first()
    )
    if row is None:
        raise ApiError(404, "not_found", N_("no such hit in your agency's inbox"))
    if row["victim"] and not ctx.viewer.has("investigator", "prosecutor", "victim_support"):
        raise ApiError(404, "not_found", N_("no such hit in your agency's inbox"))
    if not ctx.viewer.has(*DISCLOSING_ROLES):
        raise ApiError(403, "forbidden", N_("your role cannot decide on hits"))
    if row["status"] != "pending":
        raise ApiError(
            409, "already_decided", N_("this hit was %(status)s already"), status=row["status"]
        )
    return row


@router.post("/hits/{reference}/disclose", status_code=204, responses={404: {}, 409: {}})
def disclose_hit(reference: Text, body: Decision, ctx: Ctx) -> None:
    """Disclose the record behind a hit to the searching agency."""
    row = _own_pending_hit(ctx, reference)
    now = utcnow()
    result = ctx.conn.execute(
        disclosures.insert().values(
            owner_agency=ctx.viewer.agency,
            record_id=row["record_id"],
            to_agency=row["searcher_agency"],
            case_ref=body.case_ref,
            disclosed_by=ctx.viewer.user_id,
            disclosed_at=now,
            justification=body.justification,
            hit_id=row["id"],
        )
    )
    ctx.conn.execute(
        update(hits)
        .where(hits.c.id == row["id"])
        .values(status="disclosed", decided_by=ctx.viewer.user_id, decided_at=now)
    )
    note(
        ctx.conn,
        ctx.viewer,
        "disclosure",
        ctx.source,
        target=f"{ctx.viewer.agency}:{row['record_id']}",
        justification=body.justification,
        detail={
            "to": row["searcher_agency"],
            "hit": reference,
            "disclosure": result.inserted_primary_key[0],
        },
    )


@router.post("/hits/{reference}/decline", status_code=204, responses={404: {}, 409: {}})
def decline_hit(reference: Text, body: Decision, ctx: Ctx) -> None:
    row = _own_pending_hit(ctx, reference)
    ctx.conn.execute(
        update(hits)
        .where(hits.c.id == row["id"])
        .values(status="declined", decided_by=ctx.viewer.user_id, decided_at=utcnow())
    )
    note(
        ctx.conn,
        ctx.viewer,
        "decline",
        ctx.source,
        target=reference,
        justification=body.justification,
    )


class DisclosureIn(BaseModel):
    record_id: Text = Field(min_length=1, max_length=200)
    to_agency: Text = Field(min_length=2, max_length=40)
    justification: Text = Field(min_length=3, max_length=2000)
    case_ref: Text | None = Field(default=None, max_length=250)


@router.post("/disclosures", status_code=201, responses={404: {}})
def disclose(body: DisclosureIn, ctx: Ctx) -> dict[str, int]:
    """Disclose one of the agency's own records to another agency (a judge's court with
    `case_ref`), without a search first."""
    if not ctx.viewer.has(*DISCLOSING_ROLES):
        raise ApiError(403, "forbidden", N_("your role cannot disclose records"))
    owned = ctx.conn.execute(
        select(records.c.record_id).where(
            records.c.agency == ctx.viewer.agency,
            records.c.record_id == body.record_id,
            records.c.status == "current",
        )
    ).first()
    target = ctx.conn.execute(
        select(agencies.c.code).where(agencies.c.code == body.to_agency)
    ).first()
    if owned is None or target is None:
        raise ApiError(404, "not_found", N_("no such record of your agency, or no such agency"))
    result = ctx.conn.execute(
        disclosures.insert().values(
            owner_agency=ctx.viewer.agency,
            record_id=body.record_id,
            to_agency=body.to_agency,
            case_ref=body.case_ref,
            disclosed_by=ctx.viewer.user_id,
            disclosed_at=utcnow(),
            justification=body.justification,
        )
    )
    disclosure_id = int(result.inserted_primary_key[0])
    note(
        ctx.conn,
        ctx.viewer,
        "disclosure",
        ctx.source,
        target=f"{ctx.viewer.agency}:{body.record_id}",
        justification=body.justification,
        detail={"to": body.to_agency, "case_ref": body.case_ref, "disclosure": disclosure_id},
    )
    return {"id": disclosure_id}
