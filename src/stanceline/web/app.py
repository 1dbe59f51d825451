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
import ipaddress
import logging
import socket
import threading
from collections.abc import AsyncIterator, Iterable
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
from starlette.datastructures import Headers, MutableHeaders
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


# ---- trusted hosts ---------------------------------------------------------------------------------

#: The names of this machine's loopback interface, as a Host header gives them.
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
#: Addresses that mean "every interface".
WILDCARD_HOSTS = ("", "0.0.0.0", "::")


def host_name(value: str) -> str:
    """A host name as compared: lower case, no brackets around an IPv6 address, no final dot."""
    value = value.strip().lower()
    if value.startswith("[") and value.endswith("]"):
        value = value[1:-1]
    return value.rstrip(".") or value


def is_loopback(host: str) -> bool:
    """Whether only this machine can reach ``host`` (127.0.0.0/8, ::1, localhost)."""
    host = host_name(host)
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def host_of(header: str) -> str:
    """The host of a Host header, its port dropped: ``Example.org:8000`` → ``example.org``,
    ``[::1]:8000`` → ``::1``; ``""`` when it is not a host at all."""
    header = header.strip()
    if header.startswith("["):
        end = header.find("]")
        rest = header[end + 1 :] if end > 0 else "x"
        if end < 0 or (rest and not (rest.startswith(":") and rest[1:].isdigit())):
            return ""
        return host_name(header[1:end])
    name, _, port = header.partition(":")
    if ":" in port or (port and not port.isdigit()):
        return ""
    return host_name(name)


def valid_host_name(value: str) -> bool:
    """Whether ``value`` can be an allowed Host name: a name or an address (no port, path or space),
    ``*.example.org`` or ``*``."""
    name = host_name(value)
    if name == "*":
        return True
    if ":" in name:  # only an IPv6 address holds one
        try:
            return ipaddress.ip_address(name).version == 6
        except ValueError:
            return False
    bare = name[2:] if name.startswith("*.") else name
    return bool(bare) and all(c.isalnum() or c in "-._" for c in bare)


def bound_host_names(host: str) -> list[str]:
    """The names a server listening on ``host`` answers to by default.

    A loopback address or ``localhost``: every loopback name (``localhost``, ``127.0.0.1``, ``::1``) and
    itself. Every interface (``0.0.0.0``, ``::``): those, this machine's name and its addresses. Any other
    address or name: itself only.
    """
    host = host_name(host)
    if is_loopback(host):
        return sorted({host, *LOOPBACK_NAMES})
    if host not in WILDCARD_HOSTS:
        return [host]
    names = {*LOOPBACK_NAMES, socket.gethostname(), socket.getfqdn()}
    try:
        names |= {str(info[4][0]) for info in socket.getaddrinfo(socket.gethostname(), None)}
    except OSError:  # a machine whose own name does not resolve
        pass
    return sorted(host_name(n) for n in names if n)


class TrustedHosts:
    """Answers only requests whose Host header names this server (against DNS rebinding).

    A page elsewhere can point a name of its own at 127.0.0.1 and read the dashboard with the browser's
    credentials of that name; the Host header still says the page's name. ``allowed`` holds names
    (``example.org``, ``127.0.0.1``, ``::1``), ``*.example.org`` (its sub-domains) or ``*`` (any). Other
    requests get a 400 in the one error shape, code ``bad_host``.
    """

    def __init__(self, app: ASGIApp, allowed: Iterable[str]) -> None:
        self.app = app
        self.allowed = sorted({host_name(a) for a in allowed if a.strip()})
        self.any = "*" in self.allowed

    def allows(self, host: str) -> bool:
        if self.any:
            return True
        if not host:
            return False
        return any(host == a or (a.startswith("*.") and host.endswith(a[1:])) for a in self.allowed)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        given = Headers(scope=scope).get("host", "") if scope["type"] == "http" else ""
        if scope["type"] != "http" or self.allows(host_of(given)):  # the app serves no websockets
            await self.app(scope, receive, send)
            return
        shown = repr(given[:100]) if given else "none"
        names = ", ".join(self.allowed[:10]) + (" ..." if len(self.allowed) > 10 else "")
        message = (
            f"Host header {shown} is not a name of this server ({names}); to serve it under another "
            "name, start it with `stanceline serve --allowed-host NAME`"
        )
        response = error_response(Request(scope), 400, "bad_host", message)
        await response(scope, receive, send)


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


def create_app(db: str, *, allowed_hosts: Iterable[str] | None = None) -> FastAPI:
    """The dashboard and API over the database ``db`` (a SQLite file or a URL), read-only.

    Builds the search index once if the database was ingested before it existed. ``allowed_hosts``:
    the Host names it answers (see :class:`TrustedHosts`; ``stanceline serve`` gives the names of the
    address it listens on, :func:`bound_host_names`); ``None``, any (behind a proxy that checks them).

    Raises:
        UsageError: E019 when the database does not exist or cannot be opened.
    """
    store = open_store(db)

    web = WebData(store)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # The corpus-wide views (the overview) may take a while on a large corpus: compute them now, in
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
    if allowed_hosts is not None:
        app.add_middleware(TrustedHosts, allowed=allowed_hosts)
    app.add_middleware(SecurityHeaders)  # outermost: a refused host's answer has the headers too
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
