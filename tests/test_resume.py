"""Killed at any moment and started again, ``stanceline ingest`` finishes with exactly the database an
uninterrupted run gives (issue 5's acceptance criterion), as a user would see it: the real command in a
subprocess with two worker processes, ``kill -9`` at random moments, Ctrl-C, then the same command again.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from storekit import diff, dump, write_corpus

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

SEED = 20240229
INTERRUPTED = "stanceline: interrupted; what was stored stays stored, run the same command again to finish"


def command(corpus: Path, db: Path) -> list[str]:
    script = Path(sys.executable).with_name("stanceline")
    head = (
        [str(script)]
        if script.exists()
        else [sys.executable, "-c", "from stanceline.cli import main; main()"]
    )
    return [*head, "ingest", str(corpus), "--db", str(db), "--silent", "--workers", "2"]


def start(corpus: Path, db: Path) -> subprocess.Popen:
    # A session of its own, like a job in a terminal: Ctrl-C goes to the whole group.
    return subprocess.Popen(
        command(corpus, db),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
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


def last_run(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return conn.execute("SELECT coalesce(max(id), 0) FROM runs").fetchone()[0]
        finally:
            conn.close()  # (a connection left open holds its snapshot of the WAL)
    except sqlite3.Error:  # no table yet, or locked for the moment
        return 0


def wait_for_run(db: Path, after: int, proc: subprocess.Popen, timeout: float = 180) -> None:
    """Until the command has opened the database and started a new run (the workers load the model then)."""
    deadline = time.monotonic() + timeout
    while last_run(db) <= after:
        if proc.poll() is not None:
            raise AssertionError(
                f"the ingest ended before it started a run ({proc.returncode}): {proc.stderr.read()}"
            )
        assert time.monotonic() < deadline, "the ingest never started"
        time.sleep(0.05)


def integrity(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


@pytest.fixture
def corpus(tmp_path) -> Path:
    d = write_corpus(tmp_path / "corpus", 30, seed=SEED)
    (d / "zz-binary.txt").write_bytes(b"\x00\x01\x02 not text")
    return d


@pytest.mark.slow
def test_kill_and_resume_gives_the_uninterrupted_database(corpus, tmp_path):
    started: list[subprocess.Popen] = []
    workers: list[int] = []
    try:
        # The uninterrupted run, and how long it takes.
        base = tmp_path / "base.db"
        t0 = time.monotonic()
        p = subprocess.run(command(corpus, base), capture_output=True, text=True, timeout=300, check=False)
        full = time.monotonic() - t0
        assert p.returncode == 1, p.stderr  # the binary file fails; the 30 articles are stored
        assert (
            p.stderr.startswith("E003 binary input:")
            and "30 new, 0 updated, 0 unchanged, 1 failed" in p.stderr
        )
        want = dump(str(base))
        assert len(want["articles"]) == 30 and len(want["failures"]) == 1

        db = tmp_path / "resumed.db"
        rng = random.Random(SEED)
        for i, delay in enumerate(rng.uniform(0.3, full) for _ in range(3)):
            p = start(corpus, db)
            started.append(p)
            time.sleep(delay)
            workers += children(p.pid)
            p.send_signal(signal.SIGKILL)
            p.wait(timeout=30)
            if db.exists():
                assert integrity(db) == "ok", f"kill {i} at {delay:.2f}s"

            if i == 1:  # and a Ctrl-C, in the middle of a run
                before = last_run(db)
                p = start(corpus, db)
                started.append(p)
                wait_for_run(db, before, p)
                time.sleep(rng.uniform(0.0, 0.3))
                os.killpg(p.pid, signal.SIGINT)
                _, stderr = p.communicate(timeout=60)
                assert p.returncode == 130, stderr
                assert stderr.splitlines()[-1] == INTERRUPTED and "Traceback" not in stderr, stderr
                with sqlite3.connect(db) as conn:
                    assert (
                        conn.execute("SELECT status FROM runs ORDER BY id DESC").fetchone()[0]
                        == "interrupted"
                    )

        # The workers of a killed run do not outlive it.
        deadline = time.monotonic() + 10
        while any(alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [w for w in workers if alive(w)], "worker processes outlived their killed parent"

        # Started again, it finishes the job: exactly the uninterrupted database.
        p = subprocess.run(command(corpus, db), capture_output=True, text=True, timeout=300, check=False)
        assert p.returncode == 1, p.stderr
        assert diff(dump(str(db)), want) == []
    finally:
        for p in started:
            if p.poll() is None:
                p.kill()
                p.wait()
        for w in workers:
            if alive(w):
                os.kill(w, signal.SIGKILL)
