"""The FastAPI application: versioned paths, JSON errors, security headers, sign-in.

`create_app(settings)` builds one application over one database; `turquesa serve` runs
it with uvicorn. Every request that reads or changes data runs in one database
transaction that also appends its audit entry, and the transaction commits before the
response leaves: an action the client saw succeed is on the record.
"""

from __future__ import annotations

import asyncio
import logging
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy import Engine, event
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from turquesa import __version__
from turquesa.errors import TurquesaError
from turquesa.i18n import LANGUAGES, gettext_for
from turquesa.server.accounts import disable_inactive
from turquesa.server.endpoint import ApiError
from turquesa.server.settings import ServerSettings
from turquesa.storage.engine import open_database

log = logging.getLogger("turquesa.server")

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "Cache-Control": "no-store",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


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
        else counter_engine(app.state.engine, settings.search_threads)
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


__all__ = ["create_app"]
