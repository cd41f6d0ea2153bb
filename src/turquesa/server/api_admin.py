"""Agencies, users of one's own agency, and the agency's audit log (admins only)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field
from sqlalchemy import select, update

from turquesa.errors import TurquesaError
from turquesa.i18n import N_
from turquesa.server.accounts import ROLES, create_user
from turquesa.server.endpoint import ApiError, Ctx, DbInt, Text
from turquesa.server.journal import note
from turquesa.storage.tables import agencies, network_members, users

router = APIRouter(tags=["administration"])


class AgencyOut(BaseModel):
    code: str
    country: str
    name: str
    networks: list[str]


@router.get("/agencies", response_model=list[AgencyOut])
def list_agencies(ctx: Ctx) -> list[AgencyOut]:
    """The agencies on the platform and the networks they belong to: whom to ask."""
    members: dict[str, list[str]] = {}
    for network, agency in ctx.conn.execute(
        select(network_members.c.network, network_members.c.agency)
    ):
        members.setdefault(agency, []).append(network)
    return [
        AgencyOut(code=code, country=country, name=name, networks=sorted(members.get(code, [])))
        for code, country, name in ctx.conn.execute(
            select(agencies.c.code, agencies.c.country, agencies.c.name).order_by(agencies.c.code)
        )
    ]


def _admin(ctx: Ctx) -> None:
    if not ctx.viewer.has("admin"):
        raise ApiError(403, "forbidden", N_("only an admin of the agency may do this"))


class UserIn(BaseModel):
    username: Text = Field(min_length=3, max_length=120, pattern=r"^[A-Za-z0-9._@-]+$")
    roles: list[str] = Field(min_length=1, max_length=len(ROLES))
    password: Text = Field(min_length=12, max_length=1024)


class UserOut(BaseModel):
    username: str
    agency: str
    roles: list[str]
    disabled: bool
    totp_enabled: bool
    last_login_at: str | None


def _user_out(row: Any) -> UserOut:
    return UserOut(
        username=row.username,
        agency=row.agency,
        roles=[r for r in row.roles.split(";") if r],
        disabled=bool(row.disabled),
        totp_enabled=bool(row.totp_enabled),
        last_login_at=row.last_login_at.isoformat() if row.last_login_at else None,
    )


@router.get("/users", response_model=list[UserOut])
def list_users(ctx: Ctx) -> list[UserOut]:
    _admin(ctx)
    rows = ctx.conn.execute(
        select(users).where(users.c.agency == ctx.viewer.agency).order_by(users.c.username)
    ).all()
    return [_user_out(r) for r in rows]


@router.post("/users", response_model=UserOut, status_code=201, responses={409: {}})
def add_user(body: UserIn, ctx: Ctx) -> UserOut:
    """A user of the admin's own agency (admins cannot create users elsewhere)."""
    _admin(ctx)
    unknown = sorted(set(body.roles) - set(ROLES))
    if unknown:
        raise ApiError(
            422, "invalid_request", N_("unknown role(s): %(roles)s"), roles=", ".join(unknown)
        )
    try:
        create_user(ctx.conn, body.username, ctx.viewer.agency, body.roles, body.password)
    except TurquesaError as exc:
        raise ApiError(409, "conflict", exc.message) from exc
    note(
        ctx.conn,
        ctx.viewer,
        "change",
        ctx.source,
        target=f"user:{body.username}",
        detail={"roles": body.roles},
    )
    row = ctx.conn.execute(select(users).where(users.c.username == body.username)).one()
    return _user_out(row)


@router.post("/users/{username}/disable", status_code=204, responses={404: {}})
def disable_user(username: Text, ctx: Ctx) -> None:
    _admin(ctx)
    result = ctx.conn.execute(
        update(users)
        .where(users.c.username == username, users.c.agency == ctx.viewer.agency)
        .values(disabled=True, disabled_reason=f"disabled by {ctx.viewer.username}")
    )
    if result.rowcount == 0:
        raise ApiError(404, "not_found", N_("no such user in your agency"))
    note(
        ctx.conn,
        ctx.viewer,
        "change",
        ctx.source,
        target=f"user:{username}",
        detail={"disabled": True},
    )


@router.get("/audit")
def audit_log(
    ctx: Ctx,
    limit: int = Query(default=100, ge=1, le=1000),
    before: DbInt | None = Query(
        default=None, ge=1, description="entries before this sequence number"
    ),
) -> dict[str, Any]:
    """The agency's own audit entries, newest first (admins only)."""
    _admin(ctx)
    from turquesa.server import audit

    entries = audit.list_entries(
        ctx.conn, agency=ctx.viewer.agency, before_seq=before, limit=limit + 1
    )
    shown = [e.to_json() for e in entries[:limit]]
    return {
        "items": shown,
        "limit": limit,
        "next_before": shown[-1]["seq"] if len(entries) > limit and shown else None,
    }
