"""``stanceline serve``: the read-only dashboard and JSON API over a database."""

from __future__ import annotations

import socket
from typing import Annotated

import typer

from ..errors import StancelineError, UsageError
from .common import DEFAULT_DB, DbOption, err, fail


def is_loopback(host: str) -> bool:
    """Whether only this machine can reach ``host`` (127.0.0.0/8, ::1, localhost)."""
    from ..web.app import is_loopback as loopback  # the web stack loads only when it serves

    return loopback(host)


def url_of(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}/"


def _check_port(host: str, port: int) -> None:
    """Fail early, with a message, when the address cannot be bound (uvicorn would only log it)."""
    try:
        infos = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise UsageError.make(
            "E023", value=host, option="--host", detail=f"cannot resolve it ({exc.strerror})"
        ) from None
    family, kind, proto, _, addr = infos[0]
    with socket.socket(family, kind, proto) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(addr)
        except OSError as exc:
            raise UsageError.make(
                "E023",
                value=port,
                option="--port",
                detail=f"cannot listen on {host}:{port} ({exc.strerror}); pick another port with --port",
            ) from None


def serve_command(
    db: DbOption = DEFAULT_DB,
    host: Annotated[
        str, typer.Option(help="Address to listen on. The default, 127.0.0.1, is this machine only.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allowed-host",
            metavar="NAME",
            help="Another name to answer to in the Host header (repeatable): a host name or address, "
            "*.example.org for its sub-domains, * for any. By default only the names of --host (for "
            "loopback: localhost, 127.0.0.1 and ::1); other requests get a 400 (against DNS rebinding).",
        ),
    ] = None,
) -> None:
    """Serve the dashboard and JSON API over the database (read-only) until Ctrl-C.

    Pages: overview, actors, stance shifts, search, evidence. API under /api
    (schema at /openapi.json); CSV/JSONL exports under /export.
    """
    import uvicorn

    from ..web import create_app
    from ..web.app import bound_host_names, valid_host_name

    try:
        for name in allowed_host or []:
            if not valid_host_name(name):
                raise UsageError.make(
                    "E023",
                    value=name,
                    option="--allowed-host",
                    detail="give a host name or address without port or path, *.example.org or *",
                )
        app = create_app(db, allowed_hosts=[*bound_host_names(host), *(allowed_host or [])])
        _check_port(host, port)
    except StancelineError as exc:
        raise fail(exc) from None
    if not is_loopback(host):
        err(
            f"stanceline: warning: listening on {host}, not loopback: anyone who can reach this machine "
            "can read the whole database (there is no login). Use --host 127.0.0.1 unless you mean it."
        )
    err(f"stanceline: serving {db} at {url_of(host, port)} (Ctrl-C to stop)")
    uvicorn.run(app, host=host.strip("[]"), port=port, log_level="warning", access_log=False)
