"""Shared fixtures: the pipeline is loaded once per test session."""

from __future__ import annotations

import os
import re
import uuid

import pgserver
import pytest

import stanceline

pytest_plugins = ["web_fixtures"]  # sample stores, live server, Chromium (tests/web_fixtures.py)


@pytest.fixture(scope="session")
def nlp():
    return stanceline.pipeline()


@pytest.fixture(scope="session")
def analyze(nlp):
    def run(text: str, **kw):
        return stanceline.analyze(text, nlp=nlp, **kw)

    return run


# --- PostgreSQL --------------------------------------------------------------
# Store tests run against SQLite and a real PostgreSQL server. The server is
# $STANCELINE_TEST_PG_URL when set, else a throwaway cluster (tests/pgserver.py).
# Without one the PostgreSQL tests are skipped, except under CI (.ci/run sets
# CI=1), where that is a failure: CI must never skip them silently.


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


@pytest.fixture(scope="session")
def pg_url(tmp_path_factory):
    """SQLAlchemy URL (postgresql+psycopg://...) of a database on a running PostgreSQL server."""
    url = os.environ.get("STANCELINE_TEST_PG_URL")
    if url:
        yield re.sub(r"^postgres(ql)?://", "postgresql+psycopg://", url)  # SQLAlchemy would pick psycopg2
        return
    try:
        url, stop = pgserver.start_throwaway(tmp_path_factory.mktemp("pg"))
    except Exception as e:  # noqa: BLE001 - every reason is reported
        reason = f"no PostgreSQL server could be started: {e}"
    else:
        reason = None
    if reason is not None:
        if _in_ci():
            pytest.fail(f"PostgreSQL tests cannot run under CI: {reason}", pytrace=False)
        pytest.skip(f"PostgreSQL tests skipped: {reason}; .ci/run installs Debian's postgresql and runs them")
    try:
        yield url
    finally:
        stop()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, tmp_path):
    """A fresh, empty database for one test, on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/t.db"
        return
    server = request.getfixturevalue("pg_url")  # skips (or fails under CI) without a server
    import psycopg

    name = f"t_{uuid.uuid4().hex}"
    with psycopg.connect(pgserver.libpq_url(server), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield pgserver.with_database(server, name)
    finally:
        with psycopg.connect(pgserver.libpq_url(server), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
