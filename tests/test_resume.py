"""Killed at any moment and started again, ``stanceline ingest`` finishes with exactly the database an
uninterrupted run gives (issue 5's acceptance criterion), as a user would see it: the real command in a
subprocess with two worker processes, ``kill -9`` at random moments, Ctrl-C, then the same command again.
On SQLite and on PostgreSQL (issue 18): after each kill no article is half stored, and the next start marks
the killed run ``interrupted``.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pgserver
import pytest
from sqlalchemy import create_engine, func, select
from storekit import ctrl_c_reaches_it, diff, dump, inconsistencies, write_corpus

from stanceline.store import database_url
from stanceline.store import schema as S

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

SEED = 20240229
INTERRUPTED = "stanceline: interrupted; what was stored stays stored, run the same command again to finish"


def command(corpus: Path, db: str) -> list[str]:
    script = Path(sys.executable).with_name("stanceline")
    head = (
        [str(script)]
        if script.exists()
        else [sys.executable, "-c", "from stanceline.cli import main; main()"]
    )
    return [*head, "ingest", str(corpus), "--db", str(db), "--silent", "--workers", "2"]


def start(corpus: Path, db: str) -> subprocess.Popen:
    # A session of its own, like a job in a terminal: Ctrl-C goes to the whole group.
    return subprocess.Popen(
        command(corpus, db),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=ctrl_c_reaches_it,
    )


def children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return out


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def is_sqlite(db: str) -> bool:
    return "://" not in db


def scalar(db: str, query) -> int:
    """One number from the database; 0 before it has its tables (or while SQLite holds a lock)."""
    if is_sqlite(db):
        if not Path(db).exists():
            return 0
        try:
            conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
            try:
                sql = str(query.compile(compile_kwargs={"literal_binds": True}))
                return conn.execute(sql).fetchone()[0] or 0
            finally:
                conn.close()  # (a connection left open holds its snapshot of the WAL)
        except sqlite3.Error:  # no table yet, or locked for the moment
            return 0
    engine = create_engine(database_url(db))
    try:
        with engine.connect() as conn:
            return conn.execute(query).scalar_one() or 0
    except Exception:  # noqa: BLE001 - no table yet
        return 0
    finally:
        engine.dispose()


def last_run(db: str) -> int:
    return scalar(db, select(func.max(S.runs.c.id)))


def stored(db: str) -> int:
    return scalar(db, select(func.count()).select_from(S.articles))


def wait_for_more(db: str, than: int, proc: subprocess.Popen, timeout: float = 180) -> None:
    """Until the command has stored more than ``than`` articles (it is storing), or has ended."""
    deadline = time.monotonic() + timeout
    while stored(db) <= than and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)


def run_statuses(db: str) -> dict[int, str]:
    engine = create_engine(database_url(db))
    try:
        with engine.connect() as conn:
            return dict(conn.execute(select(S.runs.c.id, S.runs.c.status)).all())
    finally:
        engine.dispose()


def wait_for_run(db: str, after: int, proc: subprocess.Popen, timeout: float = 180) -> None:
    """Until the command has opened the database and started a new run (the workers load the model then)."""
    deadline = time.monotonic() + timeout
    while last_run(db) <= after:
        if proc.poll() is not None:
            raise AssertionError(
                f"the ingest ended before it started a run ({proc.returncode}): {proc.stderr.read()}"
            )
        assert time.monotonic() < deadline, "the ingest never started"
        time.sleep(0.05)


def integrity(db: str) -> str:
    """SQLite's own check of the file; PostgreSQL's server keeps its files whole itself."""
    if not is_sqlite(db):
        return "ok"
    if not Path(db).exists():
        return "ok"
    with sqlite3.connect(db) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def databases(request, tmp_path):
    """Three empty databases on one backend, as ``--db`` values: the uninterrupted run's, the resumed one's,
    and the one a run is stopped by Ctrl-C in."""
    if request.param == "sqlite":
        yield str(tmp_path / "base.db"), str(tmp_path / "resumed.db"), str(tmp_path / "interrupted.db")
        return
    server = request.getfixturevalue("pg_url")  # skips (or fails under CI) without a server
    import psycopg

    names = [f"t_{uuid.uuid4().hex}" for _ in range(3)]
    with psycopg.connect(pgserver.libpq_url(server), autocommit=True) as conn:
        for name in names:
            conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield tuple(pgserver.with_database(server, name) for name in names)
    finally:
        with psycopg.connect(pgserver.libpq_url(server), autocommit=True) as conn:
            for name in names:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def corpus(tmp_path) -> Path:
    d = write_corpus(tmp_path / "corpus", 30, seed=SEED)
    (d / "zz-binary.txt").write_bytes(b"\x00\x01\x02 not text")
    return d


def killed_runs_are_interrupted(db: str, killed: list[int]) -> None:
    statuses = run_statuses(db)
    assert {r: statuses[r] for r in killed if statuses[r] != "interrupted"} == {}


@pytest.mark.slow
def test_kill_and_resume_gives_the_uninterrupted_database(corpus, databases):
    base, db, stopped = databases
    started: list[subprocess.Popen] = []
    workers: list[int] = []
    try:
        # The uninterrupted run: how long it takes, and how long it stores once its first article is in.
        t0 = time.monotonic()
        p = start(corpus, base)
        started.append(p)
        wait_for_more(base, 0, p)
        first = time.monotonic()
        _, stderr = p.communicate(timeout=300)
        full, storing = time.monotonic() - t0, time.monotonic() - first
        assert p.returncode == 1, stderr  # the binary file fails; the 30 articles are stored
        assert (
            stderr.startswith("E003 binary input:") and "30 new, 0 updated, 0 unchanged, 1 failed" in stderr
        )
        want = dump(base)
        assert len(want["articles"]) == 30 and len(want["failures"]) == 1
        assert inconsistencies(base) == []

        rng = random.Random(SEED)
        killed: list[int] = []  # the runs left "running" by a process that was killed
        for i in range(3):
            before = last_run(db)
            p = start(corpus, db)
            started.append(p)
            if i == 0:
                delay = rng.uniform(0.3, full)  # at any moment, the loading of the model included
            else:
                wait_for_run(db, before, p)
                killed_runs_are_interrupted(db, killed)  # marked by this start
                wait_for_more(db, stored(db), p)  # and while it stores
                delay = rng.uniform(0.0, storing)
            time.sleep(delay)
            workers += children(p.pid)
            p.send_signal(signal.SIGKILL)
            p.wait(timeout=30)
            if p.returncode == -signal.SIGKILL:  # (a run that had finished its work before is "done")
                status = run_statuses(db) if last_run(db) > before else {}
                killed += [r for r in range(before + 1, last_run(db) + 1) if status[r] == "running"]
            assert integrity(db) == "ok", f"kill {i} at {delay:.2f}s"
            assert inconsistencies(db) == [], f"kill {i} at {delay:.2f}s"

        # A Ctrl-C in the middle of a run: once its first article is stored, so that on a fast machine too the
        # signal lands while most of the corpus is still to do (in the resumed database, a run may have
        # little left and finish first).
        p = start(corpus, stopped)
        started.append(p)
        wait_for_more(stopped, 0, p)
        os.killpg(p.pid, signal.SIGINT)
        _, stderr = p.communicate(timeout=60)
        assert p.returncode == 130, stderr
        assert stderr.splitlines()[-1] == INTERRUPTED and "Traceback" not in stderr, stderr
        assert run_statuses(stopped)[last_run(stopped)] == "interrupted"
        assert inconsistencies(stopped) == []

        # The workers of a killed run do not outlive it.
        deadline = time.monotonic() + 10
        while any(alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [w for w in workers if alive(w)], "worker processes outlived their killed parent"

        # Started again, it finishes the job: exactly the uninterrupted database, nothing lost or doubled.
        p = subprocess.run(command(corpus, db), capture_output=True, text=True, timeout=300, check=False)
        assert p.returncode == 1, p.stderr
        assert diff(dump(db), want) == []
        assert inconsistencies(db) == []
        killed_runs_are_interrupted(db, killed)
        assert "running" not in run_statuses(db).values()
    finally:
        for p in started:
            if p.poll() is None:
                p.kill()
                p.wait()
        for w in workers:
            if alive(w):
                os.kill(w, signal.SIGKILL)
