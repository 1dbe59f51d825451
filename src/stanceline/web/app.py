"""The web app: a read-only dashboard and JSON API over a stanceline database.

>>> from stanceline.web import create_app          # doctest: +SKIP
>>> app = create_app("stanceline.db")              # then: uvicorn, or fastapi.testclient.TestClient(app)

Every error, of the API or a page, says what was wrong and what to give
instead: JSON ``{"error": {"code", "message"}}`` under ``/api`` and
``/export``, an HTML page elsewhere. Bad parameters are 400 (FastAPI's 422 is
answered as 400 too), unknown ids 404, anything else GET 405; no stack trace
is ever sent.
"""

from __future__ import annotations

import importlib.resources
import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import event
from sqlalchemy.exc import SQLAlchemyError
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..errors import UsageError
from ..store import Store, search
from . import api, pages
from .params import ApiError
from .queries import WebData

log = logging.getLogger("stanceline.web")
HERE = Path(__file__).parent
PLOTLY_URL = "/assets/plotly.min.js"
#: No inline script may run, and nothing loads from elsewhere; plotly sets styles inline.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
DESCRIPTION = """Read-only JSON API over a stanceline corpus database: actors, statements (full-text search,
filters, cursor pagination), an actor's timeline, stance shifts and analysed articles.

Every error has one shape, `{"error": {"code": "...", "message": "..."}}`: status 400 with code
`bad_parameter` for a bad query parameter, 404 `not_found` for an unknown id."""


class SecurityHeaders:
    """Adds the Content-Security-Policy and friends to every response (streamed ones too)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                h = MutableHeaders(scope=message)
                h.setdefault("Content-Security-Policy", CSP)
                h.setdefault("X-Content-Type-Options", "nosniff")
                h.setdefault("Referrer-Policy", "same-origin")
                h.setdefault("X-Frame-Options", "DENY")
            await send(message)

        await self.app(scope, receive, send_with_headers)


def open_store(db: str) -> Store:
    """Open an existing database (never make an empty one: that is a typo, not a corpus).

    Raises:
        UsageError: E019 when the SQLite file does not exist or the database cannot be opened.
    """
    if "://" not in db and db != ":memory:" and not Path(db).expanduser().is_file():
        raise UsageError.make(
            "E019", path=db, detail=f"no such file; make it with `stanceline ingest FILES --db {db}`"
        )
    store = Store(db)
    if store.dialect == "sqlite":
        # Reads touch a few pages each, all over the file: map it, and keep more of it cached per connection.
        event.listen(store.engine, "connect", _sqlite_read_pragmas)
        store.engine.dispose()
    with store.begin() as conn:
        if search.generation(conn) is None or search.ensure_search(conn):
            search.update_search(store, conn)  # a database ingested before the index existed
    return store


def _sqlite_read_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA mmap_size=1073741824")
    cur.execute("PRAGMA cache_size=-65536")
    cur.close()


def _plotly_js() -> Response:
    path = importlib.resources.files("plotly") / "package_data" / "plotly.min.js"
    headers = {"Cache-Control": "public, max-age=604800"}
    if isinstance(path, Path) and path.is_file():
        return FileResponse(path, media_type="text/javascript", headers=headers)
    from plotly.offline import get_plotlyjs

    return Response(get_plotlyjs(), media_type="text/javascript", headers=headers)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith(("/api/", "/export/", "/openapi")) or request.url.path == "/api"


def error_response(
    request: Request, status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> Response:
    """The one error shape (JSON under /api and /export), or the error page."""
    if _wants_json(request):
        response: Response = JSONResponse({"error": {"code": code, "message": message}}, status_code=status)
    else:
        response = pages.render(
            request, "error.html", status=status, title=f"Error {status}", code=code, message=message
        )
    response.headers.update(headers or {})
    return response


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for e in exc.errors()[:3]:
        name = str(e.get("loc", ("", "?"))[-1])
        got = e.get("input")
        shown = f" (got {str(got)[:60]!r})" if isinstance(got, str | int | float) else ""
        parts.append(f"{name}: {e.get('msg', 'bad value')}{shown}")
    return "; ".join(parts) or "bad parameter"


def openapi_schema(app: FastAPI) -> dict[str, Any]:
    """The OpenAPI schema as the app answers: a bad parameter is a 400 with :class:`~.models.ErrorBody`.

    FastAPI documents a 422 ``HTTPValidationError`` for every operation with parameters, but this app answers
    its validation errors as 400 in the one error shape; the 422s and their schemas are taken out.
    """
    if app.openapi_schema is None:
        schema = get_openapi(
            title=app.title, version=app.version, description=app.description, routes=app.routes
        )
        for item in schema.get("paths", {}).values():
            for op in item.values():
                responses = op.get("responses", {})
                responses.pop("422", None)
                responses.setdefault(
                    "400",
                    {
                        "description": "Bad parameter",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}
                        },
                    },
                )
        components = schema.get("components", {}).get("schemas", {})
        for name in ("HTTPValidationError", "ValidationError"):
            components.pop(name, None)
        app.openapi_schema = schema
    return app.openapi_schema


def create_app(db: str) -> FastAPI:
    """The dashboard and API over the database ``db`` (a SQLite file or a URL), read-only.

    Builds the search index once if the database was ingested before it existed.

    Raises:
        UsageError: E019 when the database does not exist or cannot be opened.
    """
    store = open_store(db)

    web = WebData(store)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # The corpus-wide views (overview, all shifts) take seconds on a large corpus: compute them now, in
        # the background, rather than on the first visitor's request.
        threading.Thread(target=web.warm, name="stanceline-warm", daemon=True).start()
        yield
        store.close()

    app = FastAPI(
        title="stanceline",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.web = web
    app.openapi = lambda: openapi_schema(app)  # type: ignore[method-assign]
    app.state.db_label = store.label
    app.add_middleware(SecurityHeaders)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.add_api_route(PLOTLY_URL, _plotly_js, include_in_schema=False)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        return error_response(request, exc.status, exc.code, exc.message)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        return error_response(request, 400, "bad_parameter", _validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404:
            return error_response(request, 404, "not_found", f"no page {request.url.path}")
        if exc.status_code == 405:  # with the methods there are (Allow), as HTTP asks of a 405
            allow = (exc.headers or {}).get("Allow") or "GET, HEAD"
            return error_response(
                request,
                405,
                "method_not_allowed",
                "read-only: only GET requests are served",
                headers={"Allow": allow},
            )
        return error_response(request, exc.status_code, "http_error", str(exc.detail))

    @app.exception_handler(SQLAlchemyError)
    async def _db(request: Request, exc: SQLAlchemyError) -> Response:
        log.error("database error on %s: %s", request.url.path, exc)
        return error_response(
            request,
            503,
            "database_unavailable",
            "the database could not answer; try again (the server log has the details)",
        )

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> Response:
        log.exception("error on %s", request.url.path)
        return error_response(
            request,
            500,
            "internal_error",
            "the server failed on this request; the server log has the details",
        )

    return app
