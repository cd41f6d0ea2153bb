"""What every endpoint stands on: the types of what a client sends, the errors it
gets, and the request's transaction with its signed-in viewer (`Conn`, `Ctx`, or
`in_one_thread` for the hot search path).

Kept apart from `app`, which builds the application out of the routers: the routers
import from here, and `app` imports the routers, so the arrows run one way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

from anyio import CapacityLimiter, to_thread
from fastapi import Depends, Request
from pydantic import AfterValidator, Field
from sqlalchemy import Connection, Engine

from turquesa.i18n import N_
from turquesa.server.accounts import AuthError, Viewer, digest, resolve_token
from turquesa.server.audit_writer import GroupWriter
from turquesa.server.settings import ServerSettings

SESSION_COOKIE = "turquesa_session"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
#: Paths an admin without a second factor may still use: to set one up.
SECOND_FACTOR_SETUP = ("/api/v1/auth/totp", "/api/v1/auth/logout", "/api/v1/me")


def _no_nul(value: str) -> str:
    """Text from a client may not carry NUL or other C0 control characters (tabs and
    newlines aside): PostgreSQL refuses NUL, and nothing a person types contains them."""
    if any(ord(c) < 32 and c not in "\t\n\r" for c in value):
        raise ValueError("control characters are not allowed")
    return value


#: The type of every text field a client sends.
Text = Annotated[str, AfterValidator(_no_nul)]


#: Every integer a client sends fits a database integer (PostgreSQL's is 32-bit).
DbInt = Annotated[int, Field(ge=1, le=2_147_483_647)]


class ApiError(Exception):
    """An error the client should see: HTTP status, a stable code, and a message in
    English marked for translation (`N_`), with `%(name)s` parameters filled in after
    it is translated into the client's language."""

    def __init__(self, status: int, code: str, message: str, /, **params: object) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.params = params


@dataclass
class Context:
    """What an endpoint works with: the viewer, the transaction, the client's address."""

    viewer: Viewer
    conn: Connection
    source: str
    settings: ServerSettings
    counters: Any  # the rate counters' engine, or RedisCounters
    #: commits searches' audit entries in groups (PostgreSQL, `in_one_thread` only)
    audit_writer: GroupWriter | None = None


def client_source(request: Request) -> str:
    """The client's address as the server sees it. Behind the documented reverse proxy
    uvicorn's `--proxy-headers` puts the forwarded address here."""
    return request.client.host if request.client else "unknown"


def _token_of(request: Request) -> tuple[str | None, bool]:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip(), False
    cookie = request.cookies.get(SESSION_COOKIE)
    return (cookie, True) if cookie else (None, False)


def _transaction(request: Request) -> Iterator[Connection]:
    """One transaction per request, committed when the endpoint returns and before the
    response is sent (`scope="function"`), rolled back if it raises. An endpoint that
    must keep something although it fails (a failed sign-in) commits it itself."""
    engine: Engine = request.app.state.engine
    with engine.connect() as conn:
        try:
            yield conn
            conn.commit()
        except BaseException:
            conn.rollback()
            raise


transaction = Depends(_transaction, scope="function")
Conn = Annotated[Connection, transaction]


def context(request: Request, conn: Conn) -> Context:
    """The signed-in viewer, or 401. Browser sessions must send their CSRF token on
    every request that changes something; programs use bearer tokens and need none."""
    return _context_of(request, conn)


def _context_of(request: Request, conn: Connection) -> Context:
    settings: ServerSettings = request.app.state.settings
    token, from_cookie = _token_of(request)
    if not token:
        raise ApiError(401, "unauthenticated", N_("sign in first"))
    try:
        state = resolve_token(conn, settings, token)
    except AuthError as exc:
        raise ApiError(401, exc.code, exc.message) from exc
    if from_cookie and request.method not in SAFE_METHODS:
        sent = request.headers.get(CSRF_HEADER, "")
        if not sent or state.csrf_hash is None or digest(sent) != state.csrf_hash:
            raise ApiError(403, "csrf", N_("missing or wrong CSRF token"))
    if state.second_factor_missing and not request.url.path.startswith(SECOND_FACTOR_SETUP):
        raise ApiError(403, "second_factor_required", N_("admins must set up TOTP first"))
    return Context(state.viewer, conn, client_source(request), settings, request.app.state.counters)


Ctx = Annotated[Context, Depends(context, scope="function")]

T = TypeVar("T")


async def in_one_thread(request: Request, work: Callable[[Context], T]) -> T:
    """Run a hot endpoint's whole request in one worker thread: its transaction, the
    viewer's token, the work, the commit (or the rollback if it raises), as `Ctx` does.

    Why: a sync endpoint with the `Conn` and `Ctx` dependencies hops between the event
    loop and the thread pool four times a request, and under load dozens of such
    threads take the interpreter's lock from one another. Here each search is one hop,
    and at most `search_threads` of them run at once per process; the others wait in
    the event loop, where waiting costs nothing. The cap is safe only because the
    thread holds everything it needs: a dependency that kept a connection across hops
    could wait forever for a slot held by its own request.

    Only for endpoints whose writes each stand alone (the searches): on PostgreSQL the
    connection is in autocommit, so psycopg sends neither BEGIN nor COMMIT, two of a
    no-hit search's five round trips. Its reads need no transaction; the idle clock is
    one statement; the audit entry is committed by the group writer; the hits go to
    the owners' inboxes in one statement after that entry is durable."""
    state = request.app.state
    limiter = getattr(state, "search_limiter", None)
    if limiter is None:  # made here, inside the event loop, once per process
        limiter = state.search_limiter = CapacityLimiter(state.settings.search_threads)
        postgres = state.engine.dialect.name == "postgresql"
        state.audit_writer = GroupWriter(state.engine) if postgres else None
        state.search_engine = (
            state.engine.execution_options(isolation_level="AUTOCOMMIT")
            if postgres
            else state.engine
        )
    writer = state.audit_writer
    engine: Engine = state.search_engine

    def run() -> T:
        with engine.connect() as conn:
            try:
                ctx = _context_of(request, conn)
                ctx.audit_writer = writer
                result = work(ctx)
                conn.commit()
                return result
            except BaseException:
                conn.rollback()
                raise

    return await to_thread.run_sync(run, limiter=limiter)
