"""Requests for information between agencies, tied to a case.

Who asked, what, by when, and what became of it: open, answered (with the disclosure it
led to, if any), declined, or overdue (open past its date, computed when read). The
case must be one the asking agency may see: its own, or one shared with it.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field
from sqlalchemy import or_, select, update

from turquesa.i18n import N_
from turquesa.server.access import visible
from turquesa.server.endpoint import ApiError, Ctx, DbInt, Text
from turquesa.server.journal import note
from turquesa.storage.store import utcnow
from turquesa.storage.tables import agencies, disclosures, records, requests_for_information

router = APIRouter(tags=["requests for information"])
rfi = requests_for_information


class RfiIn(BaseModel):
    to_agency: Text = Field(min_length=2, max_length=40)
    case_agency: Text = Field(min_length=2, max_length=40)
    case_id: Text = Field(min_length=1, max_length=200)
    question: Text = Field(min_length=3, max_length=5000)
    due: dt.date | None = None


class RfiOut(BaseModel):
    id: int
    from_agency: str
    to_agency: str
    case_agency: str
    case_id: str
    question: str
    due: str | None
    status: str
    created_at: str
    answered_at: str | None
    answer: str | None
    disclosure_id: int | None


def _status(row: dict[str, object]) -> str:
    due = row["due"]
    if row["status"] == "open" and due and str(due) < dt.date.today().isoformat():
        return "overdue"
    return str(row["status"])


def _out(row: dict[str, object]) -> RfiOut:
    answered = row["answered_at"]
    return RfiOut(
        id=int(row["id"]),  # type: ignore[call-overload]
        from_agency=str(row["from_agency"]),
        to_agency=str(row["to_agency"]),
        case_agency=str(row["case_agency"]),
        case_id=str(row["case_id"]),
        question=str(row["question"]),
        due=str(row["due"]) if row["due"] else None,
        status=_status(row),
        created_at=row["created_at"].isoformat(),  # type: ignore[attr-defined]
        answered_at=answered.isoformat() if answered else None,  # type: ignore[attr-defined]
        answer=row["answer"],  # type: ignore[arg-type]
        disclosure_id=row["disclosure_id"],  # type: ignore[arg-type]
    )


@router.post("/rfis", response_model=RfiOut, status_code=201, responses={404: {}})
def ask(body: RfiIn, ctx: Ctx) -> RfiOut:
    """Ask another agency for information on a case the asking agency may see."""
    case = ctx.conn.execute(
        select(records.c.record_id).where(
            records.c.kind == "case",
            records.c.status == "current",
            records.c.agency == body.case_agency,
            records.c.record_id == body.case_id,
            visible(ctx.viewer),
        )
    ).first()
    target = ctx.conn.execute(
        select(agencies.c.code).where(agencies.c.code == body.to_agency)
    ).first()
    if case is None or target is None:
        raise ApiError(404, "not_found", N_("no such case visible to you, or no such agency"))
    if body.to_agency == ctx.viewer.agency:
        raise ApiError(422, "invalid_request", N_("a request goes to another agency"))
    result = ctx.conn.execute(
        rfi.insert().values(
            from_agency=ctx.viewer.agency,
            to_agency=body.to_agency,
            case_agency=body.case_agency,
            case_id=body.case_id,
            asked_by=ctx.viewer.user_id,
            question=body.question,
            due=body.due.isoformat() if body.due else None,
            status="open",
            created_at=utcnow(),
        )
    )
    new_id = int(result.inserted_primary_key[0])
    note(
        ctx.conn,
        ctx.viewer,
        "rfi",
        ctx.source,
        target=f"rfi:{new_id}",
        detail={"to": body.to_agency},
    )
    row = ctx.conn.execute(select(rfi).where(rfi.c.id == new_id)).mappings().one()
    return _out(dict(row))


class RfiPage(BaseModel):
    items: list[RfiOut]
    limit: int
    offset: int
    next_offset: int | None


@router.get("/rfis", response_model=RfiPage)
def list_rfis(
    ctx: Ctx,
    direction: Literal["incoming", "outgoing", "both"] = "both",
    limit: int = Query(default=50, ge=1, le=500),
    offset: int = Query(default=0, ge=0, le=10_000_000),
) -> RfiPage:
    """Requests the agency sent or received."""
    mine = {
        "incoming": rfi.c.to_agency == ctx.viewer.agency,
        "outgoing": rfi.c.from_agency == ctx.viewer.agency,
        "both": or_(rfi.c.to_agency == ctx.viewer.agency, rfi.c.from_agency == ctx.viewer.agency),
    }[direction]
    rows = (
        ctx.conn.execute(
            select(rfi).where(mine).order_by(rfi.c.id.desc()).limit(limit + 1).offset(offset)
        )
        .mappings()
        .all()
    )
    return RfiPage(
        items=[_out(dict(r)) for r in rows[:limit]],
        limit=limit,
        offset=offset,
        next_offset=offset + limit if len(rows) > limit else None,
    )


class Answer(BaseModel):
    answer: Text = Field(min_length=1, max_length=20000)
    disclosure_id: DbInt | None = Field(
        default=None, description="A disclosure this agency made that answers the request"
    )


def _incoming_open(ctx: Ctx, rfi_id: DbInt) -> dict[str, object]:
    row = (
        ctx.conn.execute(
            select(rfi).where(rfi.c.id == rfi_id, rfi.c.to_agency == ctx.viewer.agency)
        )
        .mappings()
        .first()
    )
    if row is None:
        raise ApiError(404, "not_found", N_("no such request to your agency"))
    if row["status"] != "open":
        raise ApiError(
            409, "already_decided", N_("this request is %(status)s already"), status=row["status"]
        )
    return dict(row)


@router.post("/rfis/{rfi_id}/answer", response_model=RfiOut, responses={404: {}, 409: {}})
def answer(rfi_id: DbInt, body: Answer, ctx: Ctx) -> RfiOut:
    row = _incoming_open(ctx, rfi_id)
    if body.disclosure_id is not None:
        ours = ctx.conn.execute(
            select(disclosures.c.id).where(
                disclosures.c.id == body.disclosure_id,
                disclosures.c.owner_agency == ctx.viewer.agency,
                disclosures.c.to_agency == row["from_agency"],
            )
        ).first()
        if ours is None:
            raise ApiError(404, "not_found", N_("no such disclosure by your agency to the asker"))
    ctx.conn.execute(
        update(rfi)
        .where(rfi.c.id == rfi_id)
        .values(
            status="answered",
            answer=body.answer,
            answered_at=utcnow(),
            disclosure_id=body.disclosure_id,
        )
    )
    note(ctx.conn, ctx.viewer, "rfi", ctx.source, target=f"rfi:{rfi_id}", detail={"answered": True})
    return _out(dict(ctx.conn.execute(select(rfi).where(rfi.c.id == rfi_id)).mappings().one()))


class Reason(BaseModel):
    reason: Text = Field(min_length=3, max_length=2000)


@router.post("/rfis/{rfi_id}/decline", response_model=RfiOut, responses={404: {}, 409: {}})
def decline(rfi_id: DbInt, body: Reason, ctx: Ctx) -> RfiOut:
    _incoming_open(ctx, rfi_id)
    ctx.conn.execute(
        update(rfi)
        .where(rfi.c.id == rfi_id)
        .values(status="declined", answer=body.reason, answered_at=utcnow())
    )
    note(ctx.conn, ctx.viewer, "rfi", ctx.source, target=f"rfi:{rfi_id}", justification=body.reason)
    return _out(dict(ctx.conn.execute(select(rfi).where(rfi.c.id == rfi_id)).mappings().one()))
