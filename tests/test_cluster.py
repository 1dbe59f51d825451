"""``ingest --engine dask``: the same rows as the local engine, on SQLite (the client writes) and on
PostgreSQL (the workers write); a worker or the client killed mid-run, and the run started again, ends with
exactly the rows of an uninterrupted run.

The cluster is a ``LocalCluster`` of two worker processes, shared by this module's tests (each worker loads
the pipeline once, through the worker plugin).
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
from storekit import ctrl_c_reaches_it, diff, dump, write_corpus
from typer.testing import CliRunner

from stanceline.cli import app
from stanceline.ingest import ingest
from stanceline.store import Store

SEED = 20261207
INTERRUPTED = "stanceline: interrupted; what was stored stays stored, run the same command again to finish"


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        yield c


@pytest.fixture
def corpus(tmp_path) -> Path:
    d = write_corpus(tmp_path / "corpus", 16, seed=SEED)
    (d / "zz-binary.txt").write_bytes(b"\x00\x01\x02 not text")
    return d


@pytest.fixture
def second_db(db_url, tmp_path):
    """Another fresh database on the same backend as ``db_url``."""
    if db_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path}/second.db"
        return
    import psycopg

    name = f"t_{uuid.uuid4().hex}"
    with psycopg.connect(pgserver.libpq_url(db_url), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield pgserver.with_database(db_url, name)
    finally:
        with psycopg.connect(pgserver.libpq_url(db_url), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def local_rows(corpus: Path, db: str, articles: int = 16) -> tuple[dict, int]:
    """The rows of the local engine (in this process), and how many statements it counted."""
    with Store(db) as store:
        counts = ingest([str(corpus)], store, workers=1)
    assert (counts.new, counts.failed) == (articles, 1)
    return dump(db), counts.statements


@pytest.mark.slow
def test_dask_gives_the_rows_of_the_local_engine(cluster, corpus, db_url, second_db):
    want, statements = local_rows(corpus, db_url)
    with Store(second_db) as store:
        counts = ingest([str(corpus)], store, engine="dask", scheduler=cluster.scheduler_address, task_size=3)
    assert (counts.new, counts.updated, counts.unchanged, counts.failed) == (16, 0, 0, 1)
    assert counts.statements == statements > 0
    assert diff(dump(second_db), want) == []
    # Again: nothing to do, and nothing changes.
    with Store(second_db) as store:
        again = ingest([str(corpus)], store, engine="dask", scheduler=cluster.scheduler_address)
    assert (again.new, again.unchanged, again.failed) == (0, 16, 1)
    assert diff(dump(second_db), want) == []


@pytest.mark.slow
def test_a_worker_killed_mid_run_loses_nothing(cluster, corpus, db_url, second_db):
    from distributed import Client

    want, _ = local_rows(corpus, db_url)
    killed: list[int] = []
    with Client(cluster) as watcher:

        def kill_a_busy_worker(_counts) -> None:
            if killed:
                return
            busy = [w for w, keys in watcher.processing().items() if keys]
            if busy:
                pid = watcher.run(os.getpid, workers=busy[:1])[busy[0]]
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)

        with Store(second_db) as store:
            counts = ingest(
                [str(corpus)],
                store,
                engine="dask",
                scheduler=cluster.scheduler_address,
                task_size=1,
                commit_every=1,
                progress=kill_a_busy_worker,
            )
        watcher.wait_for_workers(2, timeout=120)  # the nanny started it again, for the next test
    assert killed, "no worker was busy when the first results came in"
    assert (counts.new, counts.failed) == (16, 1)
    assert diff(dump(second_db), want) == []


@pytest.mark.slow
def test_the_cli_on_a_running_scheduler(cluster, corpus, tmp_path):
    db = tmp_path / "cli.db"
    address = cluster.scheduler_address
    args = ["ingest", str(corpus), "--db", str(db), "--engine", "dask", "--scheduler", address]
    r = CliRunner().invoke(app, args)
    assert r.exit_code == 1, r.stderr  # the binary file
    lines = r.stderr.splitlines()
    assert lines[0].startswith("E003 binary input:")
    assert "16 new, 0 updated, 0 unchanged, 1 failed" in lines[-1]
    with Store(str(db)) as store:
        assert store.counts()["articles"] == 16


def command(corpus: Path, db: Path, *extra: str) -> list[str]:
    script = Path(sys.executable).with_name("stanceline")
    head = (
        [str(script)]
        if script.exists()
        else [sys.executable, "-c", "from stanceline.cli import main; main()"]
    )
    return [*head, "ingest", str(corpus), "--db", str(db), "--silent", *extra]


def stored(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def last_run(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return conn.execute("SELECT coalesce(max(id), 0) FROM runs").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def descendants(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            kids = [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
        for k in kids:
            out += [k, *descendants(k)]
    return out


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except OSError:
        return False


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_the_client_killed_or_interrupted_and_started_again_completes_the_corpus(tmp_path):
    # Fifteen chunks of eight, two analysed at a time: a Ctrl-C after the first write lands mid-run, on a fast
    # machine too (with five chunks, a quiet machine had written them all before the signal came).
    corpus = write_corpus(tmp_path / "corpus", 120, seed=SEED)
    (corpus / "zz-binary.txt").write_bytes(b"\x00\x01\x02 not text")
    want, _ = local_rows(corpus, f"sqlite:///{tmp_path}/base.db", articles=120)
    db = tmp_path / "dask.db"
    args = ("--engine", "dask", "--workers", "2")

    def start() -> subprocess.Popen:
        # A session of its own, like a job in a terminal: Ctrl-C goes to the whole group.
        cmd = command(corpus, db, *args)
        return subprocess.Popen(
            cmd, stderr=subprocess.PIPE, text=True, start_new_session=True, preexec_fn=ctrl_c_reaches_it
        )

    def wait(p: subprocess.Popen, ready) -> None:
        deadline = time.monotonic() + 240
        while not ready():
            assert p.poll() is None, p.stderr.read()
            assert time.monotonic() < deadline, "the run never got there"
            time.sleep(0.05)

    # Ctrl-C once the first chunk is stored: the client stops the run, the workers say nothing.
    p = start()
    try:
        wait(p, lambda: stored(db) > 0)
        os.killpg(p.pid, signal.SIGINT)
        _, stderr = p.communicate(timeout=120)
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
    assert p.returncode == 130, stderr
    assert stderr.splitlines()[-1] == INTERRUPTED and "Traceback" not in stderr, stderr
    assert 0 < stored(db) < 120

    # kill -9 of the client at a random moment of the next run: its workers go with it.
    before = last_run(db)
    p = start()
    workers: list[int] = []
    try:
        wait(p, lambda: last_run(db) > before)
        stop = time.monotonic() + random.Random(SEED).uniform(0.0, 3.0)
        while time.monotonic() < stop and p.poll() is None:
            workers = descendants(p.pid) or workers
            time.sleep(0.05)
        p.send_signal(signal.SIGKILL)
        p.wait(timeout=30)
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
    deadline = time.monotonic() + 20
    while any(alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [w for w in workers if alive(w)], "worker processes outlived their killed client"

    # Started again, it finishes the job: exactly the rows of the local engine's uninterrupted run.
    again = subprocess.run(
        command(corpus, db, *args), capture_output=True, text=True, timeout=600, check=False
    )
    assert again.returncode == 1, again.stderr  # the binary file
    assert diff(dump(str(db)), want) == []


@pytest.mark.parametrize(
    ("args", "start"),
    [
        (["--engine", "spark"], "E023 bad value 'spark' for --engine: give local or dask"),
        (["--scheduler", "tcp://127.0.0.1:1"], "E023 bad value 'tcp://127.0.0.1:1' for --scheduler: a sch"),
        (
            ["--engine", "dask", "--scheduler", "tcp://127.0.0.1:1", "--workers", "2"],
            "E023 bad value 2 for --workers: the cluster at --scheduler has its own workers",
        ),
    ],
)
def test_engine_options_that_do_not_go_together(tmp_path, args, start):
    r = CliRunner().invoke(app, ["ingest", "examples/articles", "--db", str(tmp_path / "x.db"), *args])
    assert r.exit_code == 2 and r.stderr.startswith(start), r.stderr
    assert not (tmp_path / "x.db").exists()


def test_dask_not_installed_is_e034(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if it were not installed
    r = CliRunner().invoke(
        app, ["ingest", "examples/articles", "--db", str(tmp_path / "x.db"), "--engine", "dask"]
    )
    assert r.exit_code == 2
    assert r.stderr.strip() == (
        "E039 --engine dask needs dask.distributed, which is not installed: pip install 'stanceline[dask]' "
        "(or use --engine local)"
    )


@pytest.mark.parametrize("engine", ["spark", "Dask", ""])
def test_the_library_refuses_an_unknown_engine(tmp_path, engine):
    from stanceline.errors import UsageError

    with Store(str(tmp_path / "x.db")) as store, pytest.raises(UsageError) as exc:
        ingest(["examples/articles"], store, engine=engine)
    assert str(exc.value) == f"E023 bad value {engine!r} for engine: give local or dask"
    with Store(str(tmp_path / "x.db")) as store:
        assert store.counts()["articles"] == 0


class FakeSettings:
    def __init__(self, key: str) -> None:
        self._key = key

    def key(self) -> str:
        return self._key


@pytest.mark.parametrize(
    ("keys", "loads"),
    [
        (["a"], ["a"]),
        (["a", "a", "a"], ["a"]),  # once per worker, not per task
        (["a", "b", "b"], ["a", "b"]),  # another run's settings: its own pipeline
        (["a", "b", "a"], ["a", "b", "a"]),  # a worker that set up an older plugin last
    ],
)
def test_a_task_runs_on_the_pipeline_of_its_own_settings(monkeypatch, keys, loads):
    from stanceline import cluster as cl

    loaded: list[str] = []
    monkeypatch.setattr(cl, "load_pipeline", lambda settings, budget: loaded.append(settings.key()))
    monkeypatch.setattr(cl, "_LOADED", {})
    for key in keys:
        cl.ensure_pipeline(FakeSettings(key), None)
    assert loaded == loads
