"""The FastAPI application: versioned paths, JSON errors, security headers, sign-in.

`create_app(settings)` builds one application over one database; `turquesa serve` runs
it with uvicorn. Every request that reads or changes data runs in one database
transaction that also appends its audit entry, and the transaction commits before the
response leaves: an action the client saw succeed is on the record.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

from anyio import CapacityLimiter, to_thread
from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import AfterValidator, Field
from sqlalchemy import Connection, Engine, event
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from turquesa import __version__
from turquesa.errors import TurquesaError
from turquesa.i18n import LANGUAGES, N_, gettext_for
from turquesa.server.accounts import (
    AuthError,
    Viewer,
    digest,
    disable_inactive,
    resolve_token,
)
from turquesa.server.audit_writer import GroupWriter
from turquesa.server.settings import ServerSettings
from turquesa.storage.engine import open_database

log = logging.getLogger("turquesa.server")

SESSION_COOKIE = "turquesa_session"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
#: Paths an admin without a second factor may still use: to set one up.
SECOND_FACTOR_SETUP = ("/api/v1/auth/totp", "/api/v1/auth/logout", "/api/v1/me")

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "Cache-Control": "no-store",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


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


class SecurityHeaders:
    """Adds `SECURITY_HEADERS` to every response (plain ASGI: it costs nothing per
    request beyond the headers themselves; Starlette's http middleware costs a task)."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.headers = [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
        self.hsts = (b"strict-transport-security", b"max-age=31536000; includeSubDomains")

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        https = scope.get("scheme") == "https"

        async def with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [h for h in self.headers if h[0] not in present]
                if https and self.hsts[0] not in present:
                    extra.append(self.hsts)
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, with_headers)


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


def client_language(request: Request) -> str:
    """The first of the client's Accept-Language that Turquesa speaks, else English."""
    header = request.headers.get("accept-language", "")
    for part in header.split(","):
        tag = part.split(";")[0].strip().lower()
        base = tag.split("-")[0]
        if base in LANGUAGES:
            return base
    return "en"


def translated(request: Request, message: str, params: dict[str, object] | None = None) -> str:
    """`message` in the client's language (messages not in the catalogues, such as a
    cleaner's account of a bad value, stay as written)."""
    text = gettext_for(client_language(request))(message)
    return text % params if params else text


def error_body(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}}


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
    could wait forever for a slot held by its own request."""
    state = request.app.state
    limiter = getattr(state, "search_limiter", None)
    if limiter is None:  # made here, inside the event loop, once per process
        limiter = state.search_limiter = CapacityLimiter(state.settings.search_threads)
        state.audit_writer = (
            GroupWriter(state.engine) if state.engine.dialect.name == "postgresql" else None
        )
    writer = state.audit_writer

    def run() -> T:
        engine: Engine = state.engine
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


def _full_sync(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


async def _sign_periodically(app: FastAPI, settings: ServerSettings) -> None:
    """Sign the audit chain's head every `checkpoint_minutes`, with the key kept in the
    key folder (outside the database), and append it to the folder's checkpoint log."""
    from turquesa.server import audit
    from turquesa.server.audit_keys import CHECKPOINT_LOG, load_signing_key

    while True:
        await asyncio.sleep(settings.checkpoint_minutes * 60)
        try:
            key = load_signing_key(settings.key_dir)
            await run_in_threadpool(
                audit.checkpoint,
                app.state.engine,
                key,
                log=settings.key_dir / CHECKPOINT_LOG,
            )
        except Exception:  # a failed signature must not stop the server; it is logged
            log.exception("could not sign the audit chain's head")
        try:
            with app.state.engine.begin() as conn:
                disabled = disable_inactive(conn, settings)
            if disabled:
                log.info(
                    "disabled %d accounts unused for %d days", disabled, settings.inactive_days
                )
        except Exception:
            log.exception("could not disable unused accounts")


def create_app(settings: ServerSettings, engine: Engine | None = None) -> FastAPI:
    from turquesa.server import (
        api_admin,
        api_analyses,
        api_auth,
        api_blind,
        api_exchange,
        api_records,
        api_search,
        api_uploads,
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI):  # type: ignore[no-untyped-def]
        signer = None
        if settings.checkpoint_minutes > 0:
            signer = asyncio.create_task(_sign_periodically(app, settings))
        yield
        if signer is not None:
            signer.cancel()
        if getattr(app.state, "audit_writer", None) is not None:
            app.state.audit_writer.close()
        if isinstance(app.state.counters, Engine):
            app.state.counters.dispose()
        if engine is None:
            app.state.engine.dispose()

    app = FastAPI(
        title="Turquesa",
        version=__version__,
        description=(
            "Multi-agency criminal intelligence against human trafficking and migrant "
            "smuggling. Every list is paginated (`limit`, `offset`); every error is "
            '`{"error": {"code", "message"}}`; sign in at `/api/v1/auth/login`.'
        ),
        openapi_url="/api/v1/openapi.json",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    # as many connections as the thread pool that runs the endpoints has threads
    app.state.engine = engine or open_database(settings.database_url, pool_size=40)
    from turquesa.server.name_search import refresh
    from turquesa.server.ratelimit import RedisCounters, counter_engine

    app.state.counters = (
        RedisCounters(settings.redis_url)
        if settings.redis_url
        else counter_engine(app.state.engine)
    )

    refresh(app.state.engine)  # names loaded since the last start become searchable
    if app.state.engine.dialect.name == "sqlite":
        # an audited action must survive a power cut, not only a crash of the process
        event.listen(app.state.engine, "connect", _full_sync)
        app.state.engine.dispose()

    app.add_middleware(SecurityHeaders)

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> JSONResponse:
        message = translated(request, exc.message, exc.params)
        return JSONResponse(error_body(exc.code, message), status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        message = f"{where}: {first.get('msg', 'invalid request')}" if where else "invalid request"
        return JSONResponse(error_body("invalid_request", message), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "error")
        return JSONResponse(error_body(code, str(exc.detail)), status_code=exc.status_code)

    @app.exception_handler(TurquesaError)
    async def refused(request: Request, exc: TurquesaError) -> JSONResponse:
        return JSONResponse(
            error_body("refused", translated(request, exc.message)), status_code=400
        )

    modules = (api_auth, api_records, api_search, api_blind, api_exchange, api_uploads)
    for module in (*modules, api_analyses, api_admin):
        app.include_router(module.router, prefix="/api/v1")
    _docs(app)
    return app


def _docs(app: FastAPI) -> None:
    """The browsable API documentation, with Swagger UI's files served from the
    installed `swagger-ui-bundle` package: no page of Turquesa loads anything from the
    internet."""
    from fastapi.openapi.docs import get_swagger_ui_html
    from fastapi.staticfiles import StaticFiles
    from starlette.responses import HTMLResponse
    from swagger_ui_bundle import swagger_ui_path

    app.mount("/api/v1/docs/static", StaticFiles(directory=swagger_ui_path), name="docs-static")

    @app.get("/api/v1/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        page = get_swagger_ui_html(
            openapi_url="/api/v1/openapi.json",
            title="Turquesa API",
            swagger_js_url="/api/v1/docs/static/swagger-ui-bundle.js",
            swagger_css_url="/api/v1/docs/static/swagger-ui.css",
            swagger_favicon_url="/api/v1/docs/static/favicon-32x32.png",
        )
        page.headers["Content-Security-Policy"] = (
            "default-src 'self'; script-src 'self' 'unsafe-inline'; "
            "style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'"
        )
        return page


__all__ = ["ApiError", "Context", "Ctx", "HTTPException", "create_app"]
