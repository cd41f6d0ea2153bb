"""Sign-in, sign-out, who am I, and the second factor."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from turquesa.i18n import N_
from turquesa.server import totp
from turquesa.server.accounts import AuthError, authenticate, confirm_totp, revoke, start_totp
from turquesa.server.endpoint import SESSION_COOKIE, ApiError, Conn, Ctx, Text, client_source
from turquesa.server.journal import note

router = APIRouter(tags=["auth"])


class Login(BaseModel):
    username: Text = Field(min_length=1, max_length=120)
    password: Text = Field(min_length=1, max_length=1024)
    code: Text | None = Field(default=None, max_length=12, description="TOTP code")
    kind: Literal["session", "bearer"] = Field(
        default="bearer",
        description="bearer: a token for programs; session: a cookie for browsers, with a "
        "CSRF token to send as X-CSRF-Token on every change",
    )


class UserOut(BaseModel):
    username: str
    agency: str
    country: str
    roles: list[str]
    networks: list[str]


class LoginOut(BaseModel):
    token: str
    csrf: str | None
    expires_at: str
    user: UserOut


def _user(viewer) -> UserOut:  # type: ignore[no-untyped-def]
    return UserOut(
        username=viewer.username,
        agency=viewer.agency,
        country=viewer.country,
        roles=sorted(viewer.roles),
        networks=sorted(viewer.networks),
    )


@router.post("/auth/login", response_model=LoginOut, responses={401: {}, 423: {}, 429: {}})
def login(
    body: Login,
    request: Request,
    response: Response,
    conn: Conn,
) -> LoginOut:
    """Sign in. Five failures in fifteen minutes lock the account; twenty from one
    address slow that address down, whatever user it names."""
    settings = request.app.state.settings
    source = client_source(request)
    try:
        issued = authenticate(
            conn, settings, body.username, body.password, source, body.code, body.kind
        )
    except AuthError as exc:
        note(
            conn, None, "login_failed", source, detail={"reason": exc.code}, username=body.username
        )
        # the failure is recorded even though the request fails
        conn.commit()
        status = exc.status if exc.code in ("locked", "throttled", "disabled") else 401
        message = exc.message if status != 401 else N_("sign-in failed")
        raise ApiError(status, exc.code if status != 401 else "unauthenticated", message) from exc
    note(conn, issued.viewer, "login", source, detail={"kind": body.kind})
    if body.kind == "session":
        response.set_cookie(
            SESSION_COOKIE,
            issued.token,
            httponly=True,
            secure=settings.secure_cookies,
            samesite="strict",
            max_age=int(settings.absolute.total_seconds()),
            path="/api/",
        )
    return LoginOut(
        token=issued.token,
        csrf=issued.csrf,
        expires_at=issued.expires_at.isoformat(),
        user=_user(issued.viewer),
    )


@router.post("/auth/logout", status_code=204)
def logout(ctx: Ctx, request: Request, response: Response) -> Response:
    header = request.headers.get("authorization", "")
    token = (
        header[7:].strip()
        if header.lower().startswith("bearer ")
        else request.cookies.get(SESSION_COOKIE, "")
    )
    revoke(ctx.conn, token)
    note(ctx.conn, ctx.viewer, "logout", ctx.source)
    response.delete_cookie(SESSION_COOKIE, path="/api/")
    response.status_code = 204
    return response


@router.get("/me", response_model=UserOut)
def me(ctx: Ctx) -> UserOut:
    return _user(ctx.viewer)


class TotpSetup(BaseModel):
    secret: str
    uri: str


@router.post("/auth/totp/setup", response_model=TotpSetup)
def totp_setup(ctx: Ctx) -> TotpSetup:
    """A new TOTP secret for an authenticator app; confirm it with a code."""
    secret = start_totp(ctx.conn, ctx.viewer.user_id)
    note(ctx.conn, ctx.viewer, "change", ctx.source, target="totp", detail={"step": "setup"})
    return TotpSetup(secret=secret, uri=totp.provisioning_uri(secret, ctx.viewer.username))


class Code(BaseModel):
    code: Text = Field(min_length=6, max_length=12)


@router.post("/auth/totp/confirm", status_code=204)
def totp_confirm(body: Code, ctx: Ctx) -> Response:
    if not confirm_totp(ctx.conn, ctx.viewer.user_id, body.code):
        raise ApiError(400, "totp", N_("that code does not match"))
    note(ctx.conn, ctx.viewer, "change", ctx.source, target="totp", detail={"step": "enabled"})
    return Response(status_code=204)
