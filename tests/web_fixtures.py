"""Fixtures of the web tests (registered in conftest.py): sample stores, a live server, headless Chromium.

The browser tests drive Debian's ``chromium`` (``/usr/bin/chromium``, installed
by ``.ci/run``) through Playwright; no browser is ever downloaded. Without it
they are skipped, except under CI, where that is a failure.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
import uuid
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Self

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("STANCELINE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

#: An article whose every field tries to run script in whoever displays it.
HOSTILE = {
    "id": "hostile-1",
    "title": '<script>window.__xss=1</script>Marrow rejects talks "><img src=x onerror="window.__xss=2">',
    "source": '"><img src=x onerror=window.__xss=3>',
    "url": "javascript:window.__xss=4",
    "published": "2024-05-02",
    "text": (
        "Marrow rejects talks\n\n"
        "CORVENNA, May 2, 2024 — Foreign Minister Ilse Marrow rejected the talks on Thursday.\n\n"
        '"We will never accept these talks <script>window.__xss=5</script> while the sanctions stay," '
        "Marrow said on Thursday.\n\n"
        'Marrow said that "><img src=x onerror="window.__xss=6"> the negotiations were a trap.\n\n'
        '"The sanctions must end </script><svg onload=window.__xss=7> now," '
        "she told reporters on Wednesday.\n\n"
        "In January, Marrow said Tarsk would join the negotiations if the sanctions were lifted.\n"
    ),
}
#: Articles whose ids hold "/" (as JSONL corpora give them) and markup;
#: the second has no title, so its id is shown.
ODD_IDS = [
    {
        "id": "reuters/2024/veldt-talks",
        "title": "Veldt rejects talks",
        "published": "2024-05-02",
        "text": (
            "Veldt rejects talks\n\n"
            "CORVENNA, May 2, 2024 — Prime Minister Anaya Veldt rejected the talks.\n\n"
            '"We will never accept these talks while the sanctions stay," Veldt said on Thursday.\n'
        ),
    },
    {
        "id": "wire/<script>window.__xss=1</script>/a?b#c%2F..",
        "published": "2024-05-03",
        "text": (
            "Kalden wants sanctions\n\nHALDEN, May 3, 2024 — Foreign Minister Mira Kalden spoke.\n\n"
            '"The sanctions must stay until Tarsk returns to the table," Kalden said on Friday.\n'
        ),
    },
]
PAYLOADS = ("<script>window.__xss", "<img src=x", "<svg onload")


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _ingest(paths: list[str], db: Path | str) -> str:
    from stanceline.ingest import ingest
    from stanceline.store import Store

    with Store(str(db)) as store:
        counts = ingest(paths, store, workers=1)
    assert counts.failed == 0
    return str(db)


def store_of(db: str, analyses: list) -> str:
    """A linked store at ``db`` holding these analyses (as by ``analyze(text, published=...)``)."""
    from stanceline.store import Store, relink

    with Store(db) as st:
        st.put([(a, "test") for a in analyses])
        relink(st)
    return db


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory) -> str:
    """A SQLite store of the sample corpus (examples/articles), built once per session."""
    return _ingest([str(ROOT / "examples" / "articles")], tmp_path_factory.mktemp("web") / "sample.db")


@pytest.fixture(scope="session")
def sample_pg_db(pg_url) -> Iterator[str]:
    """The sample corpus in a database of its own on the test PostgreSQL server, built once per session."""
    import pgserver
    import psycopg

    name = f"web_sample_{uuid.uuid4().hex}"
    with psycopg.connect(pgserver.libpq_url(pg_url), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = pgserver.with_database(pg_url, name)
    try:
        yield _ingest([str(ROOT / "examples" / "articles")], url)
    finally:
        with psycopg.connect(pgserver.libpq_url(pg_url), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def sample_any_db(request) -> str:
    """The sample corpus store on SQLite, then on PostgreSQL (skipped without a server, failed under CI)."""
    return request.getfixturevalue("sample_db" if request.param == "sqlite" else "sample_pg_db")


@pytest.fixture(scope="session")
def sample_any_client(sample_any_db):
    """A test client of the app over :func:`sample_any_db`."""
    from stanceline.web import create_app

    with client_class()(create_app(sample_any_db)) as client:
        yield client


@pytest.fixture(scope="session")
def hostile_db(tmp_path_factory) -> str:
    """A SQLite store of one article full of script injections."""
    d = tmp_path_factory.mktemp("hostile")
    (d / "hostile.jsonl").write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    return _ingest([str(d / "hostile.jsonl")], d / "hostile.db")


@pytest.fixture(scope="session")
def odd_ids_db(tmp_path_factory) -> str:
    """A SQLite store of :data:`ODD_IDS`."""
    d = tmp_path_factory.mktemp("odd")
    (d / "odd.jsonl").write_text("".join(json.dumps(a) + "\n" for a in ODD_IDS), encoding="utf-8")
    return _ingest([str(d / "odd.jsonl")], d / "odd.db")


def client_class():
    """FastAPI's TestClient (its import warns that Starlette prefers httpx2 now; httpx is what we have)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
        from fastapi.testclient import TestClient
    return TestClient


@pytest.fixture(scope="session")
def sample_client(sample_db):
    from stanceline.web import create_app

    TestClient = client_class()

    with TestClient(create_app(sample_db)) as client:
        yield client


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """uvicorn serving an app on a free loopback port, in a thread."""

    def __init__(self, db: str, app: object | None = None) -> None:
        import uvicorn

        from stanceline.web import create_app

        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(
            uvicorn.Config(
                app or create_app(db), host="127.0.0.1", port=self.port, log_level="warning", access_log=False
            )
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> Self:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture(scope="session")
def chromium():
    """A headless Chromium (Debian's) driven by Playwright; skipped without it, failed under CI."""
    reason = None
    if not (os.path.isfile(CHROMIUM) or shutil.which(CHROMIUM)):
        reason = f"no Chromium at {CHROMIUM}"
    else:
        try:
            from playwright.sync_api import sync_playwright
        except ImportError as exc:
            reason = f"playwright is not installed ({exc})"
    if reason is not None:
        if _in_ci():
            pytest.fail(f"browser tests cannot run under CI: {reason}", pytrace=False)
        pytest.skip(
            f"browser tests skipped: {reason}; .ci/run installs Debian's chromium "
            "(apt-get install chromium) and runs them"
        )
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


#: Actors whose names are markup (as a careless extractor or a hostile feed could give them), and a plain one.
MARKUP_NAMES = (
    "Officials in <a href=x>Tarsk</a>",
    '<span style="font-size:90px">Big</span>',
    "President Kalden",
)


def markup_names_analyses() -> list:
    """One article per name in :data:`MARKUP_NAMES`, each with two statements on sanctions (built as
    analyses, so that the names are exactly these)."""
    from stanceline.model import (
        Actor,
        Analysis,
        Article,
        Cue,
        Published,
        SaidOn,
        Source,
        Span,
        Stance,
        Statement,
    )

    out = []
    for n, name in enumerate(MARKUP_NAMES):
        text, statements = f"Report {n}\n\n", []
        for k, (day, stance) in enumerate([("2024-03-04", "oppose"), ("2024-05-06", "support")]):
            content = f"the sanctions must {'end' if stance == 'oppose' else 'stay'} now"
            c0 = len(text) + 1
            text += f'"{content}," '
            s0 = len(text)
            text += name
            q0 = len(text) + 1
            text += " said.\n\n"
            i = c0 + content.index("sanctions")
            statements.append(
                Statement(
                    f"s{k + 1}",
                    "direct",
                    Source(s0, s0 + len(name), name, "a1", "name"),
                    Cue(q0, q0 + 4, "said", "say"),
                    (Span(c0, c0 + len(content), content),),
                    SaidOn(day, "day", "explicit"),
                    (Stance("sanctions", stance, Span(i, i + 9, "sanctions"), (), ("test",), 0.8),),
                    0.85,
                )
            )
        article = Article(
            text=text, path=f"markup/{n}.txt", title=f"Report {n}", published=Published("2024-05-07", "given")
        )
        out.append(Analysis(article, (Actor("a1", name, "group"),), tuple(statements)))
    return out


@pytest.fixture(scope="session")
def markup_names_db(tmp_path_factory) -> str:
    """A SQLite store of :data:`MARKUP_NAMES`' statements."""
    return store_of(str(tmp_path_factory.mktemp("markup") / "markup.db"), markup_names_analyses())
