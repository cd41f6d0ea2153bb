"""Records and cases, as the viewer may see them.

Lists never show a victim's identity, whoever asks: identity is opened one record at a
time, by the owner agency's investigators, prosecutors and victim-support staff, with a
justification that goes to the audit log. A record the viewer may not see answers 404,
exactly like one that does not exist: ids of invisible records are accepted nowhere.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse
from pydantic import BaseModel
from sqlalchemy import Select, select

from turquesa.export.entities import entity_documents
from turquesa.export.privacy import protect
from turquesa.i18n import N_
from turquesa.server.access import present, sees_victim_identity, visible
from turquesa.server.endpoint import ApiError, Ctx, Text
from turquesa.server.journal import note
from turquesa.storage.tables import entity_members, records, source_files, submissions

router = APIRouter(tags=["records"])

Kind = Literal["person", "organization", "case", "event", "movement", "link"]


class RecordOut(BaseModel):
    agency: str
    record_id: str
    kind: str
    version: int
    case_id: str | None
    role: str | None
    sharing: str
    source_grade: str | None
    information_grade: str | None
    label: str | None
    data: dict[str, Any]
    source_file: str
    row: int
    loaded_at: str
    protected: bool = False


class Page(BaseModel):
    items: list[RecordOut]
    limit: int
    offset: int
    next_offset: int | None


def _query(ctx: Ctx) -> Select[Any]:
    return (
        select(
            records.c.agency,
            records.c.record_id,
            records.c.kind,
            records.c.version,
            records.c.case_id,
            records.c.role,
            records.c.sharing,
            records.c.source_grade,
            records.c.information_grade,
            records.c.label,
            records.c.data,
            source_files.c.name.label("source_file"),
            records.c.row,
            submissions.c.loaded_at,
        )
        .join(source_files, source_files.c.id == records.c.file_id)
        .join(submissions, submissions.c.id == records.c.submission_id)
        .where(records.c.status == "current", visible(ctx.viewer))
    )


def _out(row: Any, shown: dict[str, Any]) -> RecordOut:
    return RecordOut(
        agency=row.agency,
        record_id=row.record_id,
        kind=row.kind,
        version=row.version,
        case_id=row.case_id,
        role=row.role,
        sharing=row.sharing,
        source_grade=row.source_grade,
        information_grade=row.information_grade,
        label=shown.get("label"),
        data=shown.get("data") or {},
        source_file=row.source_file,
        row=row.row,
        loaded_at=row.loaded_at.isoformat(),
        protected=bool(shown.get("protected")),
    )


@router.get("/records", response_model=Page)
def list_records(
    ctx: Ctx,
    kind: Kind | None = None,
    agency: Text | None = Query(default=None, max_length=40),
    case_id: Text | None = Query(default=None, max_length=200),
    limit: int = Query(default=50, ge=1, le=500),
    offset: int = Query(default=0, ge=0, le=10_000_000),
) -> Page:
    """Current records the viewer may see, oldest agency and record id first. Victims
    appear pseudonymised."""
    query = _query(ctx)
    if kind:
        query = query.where(records.c.kind == kind)
    if agency:
        query = query.where(records.c.agency == agency)
    if case_id:
        query = query.where(records.c.case_id == case_id)
    query = query.order_by(records.c.agency, records.c.kind, records.c.record_id)
    rows = ctx.conn.execute(query.limit(limit + 1).offset(offset)).all()
    items = []
    for row in rows[:limit]:
        record = dict(row._mapping)
        shown = protect(record) if record["role"] == "victim" else record
        items.append(_out(row, shown))
    note(
        ctx.conn,
        ctx.viewer,
        "read",
        ctx.source,
        target="records",
        detail={"kind": kind, "agency": agency, "case_id": case_id, "n": len(items)},
    )
    return Page(
        items=items,
        limit=limit,
        offset=offset,
        next_offset=offset + limit if len(rows) > limit else None,
    )


@router.get("/records/{agency}/{record_id}", response_model=RecordOut, responses={404: {}, 428: {}})
def get_record(
    agency: Text,
    record_id: Text,
    ctx: Ctx,
    kind: Kind | None = None,
    justification: Text | None = Query(
        default=None,
        max_length=1000,
        description="Why a victim's identity is opened; asked of those who may open it",
    ),
) -> RecordOut:
    query = _query(ctx).where(records.c.agency == agency, records.c.record_id == record_id)
    if kind:
        query = query.where(records.c.kind == kind)
    row = ctx.conn.execute(query.order_by(records.c.kind).limit(1)).first()
    if row is None:
        raise ApiError(404, "not_found", N_("no such record"))
    record = dict(row._mapping)
    victim = record["role"] == "victim"
    if victim and sees_victim_identity(ctx.viewer, agency):
        if not (justification and justification.strip()):
            raise ApiError(
                428,
                "justification_required",
                N_("opening a victim's identity needs a justification (?justification=...)"),
            )
        note(
            ctx.conn,
            ctx.viewer,
            "read_victim",
            ctx.source,
            target=f"{agency}:{record_id}",
            justification=justification.strip(),
        )
    else:
        note(ctx.conn, ctx.viewer, "read", ctx.source, target=f"{agency}:{record_id}")
    return _out(row, present(record, ctx.viewer))


@router.get("/entities/{entity_id}", responses={404: {}})
def get_entity(entity_id: Text, ctx: Ctx) -> dict[str, Any]:
    """A resolved person or organization as this viewer may see it: only the member
    records the viewer may see, every value with the agencies that hold it. Resolved from
    several agencies, one entity shows each viewer a different part of itself."""
    rows = ctx.conn.execute(
        _query(ctx)
        .join(
            entity_members,
            (entity_members.c.agency == records.c.agency)
            & (entity_members.c.record_id == records.c.record_id)
            & (entity_members.c.kind == records.c.kind),
        )
        .where(entity_members.c.entity_id == entity_id)
        .add_columns(entity_members.c.match_probability)
    ).all()
    if not rows:
        raise ApiError(404, "not_found", N_("no such entity"))
    shown = []
    for row in rows:
        record = dict(row._mapping)
        shown.append(protect(record) if record["role"] == "victim" else record)
    membership = {(r["agency"], r["record_id"], r["kind"]): (entity_id, None) for r in shown}
    (document,) = entity_documents(shown, membership, lambda a, r: entity_id)
    note(ctx.conn, ctx.viewer, "read", ctx.source, target=f"entity:{entity_id}")
    return document


@router.get("/export/records", responses={200: {"content": {"text/csv": {}}}})
def export_records(ctx: Ctx, kind: Kind | None = None) -> StreamingResponse:
    """Every current record the viewer may see, as CSV (OUTPUTS.md's columns and the
    provenance), victims pseudonymised. The export is audited with its row count."""
    query = _query(ctx)
    if kind:
        query = query.where(records.c.kind == kind)
    rows = ctx.conn.execute(
        query.order_by(records.c.agency, records.c.kind, records.c.record_id)
    ).all()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["agency", "record_id", "kind", "case_id", "role", "label", "source_file", "row", "data"]
    )
    for row in rows:
        record = dict(row._mapping)
        shown = protect(record) if record["role"] == "victim" else record
        writer.writerow(
            [
                row.agency,
                row.record_id,
                row.kind,
                row.case_id or "",
                row.role or "",
                shown.get("label") or "",
                row.source_file,
                row.row,
                json.dumps(shown.get("data") or {}, ensure_ascii=False, sort_keys=True),
            ]
        )
    note(
        ctx.conn,
        ctx.viewer,
        "export",
        ctx.source,
        target="records",
        detail={"kind": kind, "rows": len(rows)},
    )
    return StreamingResponse(iter([out.getvalue()]), media_type="text/csv; charset=utf-8")
