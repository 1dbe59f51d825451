"""A corpus of bad inputs, made here, through ``ingest`` on SQLite and PostgreSQL: each bad document is one
coded error naming it, every good document comes through, nothing is passed over in silence and nothing
waits forever (issue 18).

Root reads a folder whatever its mode, so the unreadable folder is made unreadable by a patched
``os.scandir``; the rest are real files, links and pipes.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import stanceline.ingest
from stanceline.cli import app
from stanceline.errors import StorageError
from stanceline.ingest import ingest
from stanceline.io.readers import read_inputs
from stanceline.runner import analyse_results
from stanceline.store import Store
from stanceline.store import schema as S

VELDT = (
    "TARSK, 4 May 2024 - Prime Minister Anaya Veldt of Velmora said on Monday that the border treaty "
    'would be signed. "We will not lift the embargo until the troops leave," Veldt told reporters.\n'
)
KALDEN = (
    "VELMORA CITY, 6 May 2024 - President Kalden of Tarsk said on Tuesday that the talks had failed. "
    '"The sanctions must stay," Kalden said.\n'
)


def page(charset: str, body: str) -> bytes:
    """A news page whose ``<meta>`` declares ``charset``."""
    paras = "".join(f"<p>{line}</p>" for line in body.split(". "))
    return (
        f'<html><head><meta charset="{charset}"><title>Treaty talks</title></head>'
        f"<body><article><h1>Treaty talks</h1>{paras}{paras}</article></body></html>"
    ).encode()


def jsonl(**fields: object) -> bytes:
    return (json.dumps({"text": VELDT.replace("Monday", "Friday"), **fields}) + "\n").encode()


#: Documents that must come through: (name, bytes). Charsets that are no text encoding fall back to UTF-8.
GOOD: list[tuple[str, bytes]] = [
    ("good-veldt.txt", VELDT.encode()),
    ("good-kalden.md", KALDEN.encode()),
    *[(f"charset-{c}.html", page(c, VELDT.replace("Monday", c))) for c in ("base64", "hex", "zip", "rot13")],
    ("charset-punycode.html", page("punycode", KALDEN)),
    ("charset-latin1.html", page("latin1", KALDEN.replace("Tuesday", "Thursday"))),
    ("long-id.jsonl", jsonl(id="https://news.example/velmora/" + "treaty-" * 40)),
]
#: Bad documents: (name, bytes, the code it gives).
BAD: list[tuple[str, bytes, str]] = [
    ("empty.txt", b"  \n", "E002"),
    ("binary.txt", b"\x00\x01\x02binary\x00", "E003"),
    ("controls.txt", bytes(range(1, 9)) * 20, "E003"),
    ("latin1.txt", "Le caf\xe9 est ferm\xe9. ".encode("latin-1") * 5, "E004"),
    ("utf16.txt", VELDT.encode("utf-16"), "E004"),
    ("huge.txt", VELDT.encode() * 1000, "E005"),
    ("boilerplate.html", b"<html><head><title>x</title></head><body><script>go()</script></body>", "E006"),
    ("french.txt", ("Le ministre a dit que la fronti\xe8re resterait ferm\xe9e. " * 5).encode(), "E007"),
    ("not-json.jsonl", b"{not json\n", "E008"),
    ("array.jsonl", b"[1, 2]\n", "E008"),
    ("nested.jsonl", b"[" * 30_000 + b"]" * 30_000 + b"\n", "E008"),
    ("no-text.jsonl", b'{"title": "x"}\n', "E009"),
    ("report.pdf", b"%PDF-1.4", "E012"),
    ("surrogate.jsonl", b'{"text": "Veldt said the treaty \\ud800 would be signed."}\n', "E030"),
    ("nul-json.jsonl", b'{"text": "Veldt said the treaty \\u0000 would be signed."}\n', "E030"),
    ("surrogate-title.jsonl", jsonl(title="\ud800 talks"), "E030"),
    ("nul-late.txt", VELDT.encode() * 45 + b"\x00" + VELDT.encode(), "E030"),  # past the first 8 KB
]


def bad_corpus(root: Path) -> dict[str, str]:
    """Write the corpus under ``root``; return ``{path as reported: code}`` of what must fail."""
    root.mkdir()
    for name, data in GOOD:
        (root / name).write_bytes(data)
    (root / os.fsdecode(b"caf\xe9-veldt.txt")).write_bytes(KALDEN.replace("Tuesday", "Sunday").encode())
    failing = {}
    for name, data, code in BAD:
        (root / name).write_bytes(data)
        failing[str(root / name) + (":1" if name.endswith(".jsonl") else "")] = code
    os.mkfifo(root / "fifo.txt")
    os.symlink(root / "missing.txt", root / "dangling.txt")
    os.symlink(root / "loop.txt", root / "loop.txt")
    (root / "loops").mkdir()
    os.symlink(root, root / "loops" / "back")
    (root / "locked").mkdir()
    (root / "locked" / "secret.txt").write_bytes(VELDT.encode())
    failing.update(
        {
            str(root / "fifo.txt"): "E031",
            str(root / "dangling.txt"): "E013",
            str(root / "loop.txt"): "E013",
            str(root / "loops" / "back"): "E013",
            str(root / "locked"): "E013",
        }
    )
    return failing


@pytest.fixture
def locked(monkeypatch):
    """Folders named ``locked`` cannot be listed, as for a user without the permission."""
    real = os.scandir

    def scandir(path="."):
        if os.path.basename(os.fspath(path)) == "locked":
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)


def test_every_bad_input_is_one_coded_error_and_the_good_come_through(nlp, db_url, tmp_path, locked):
    root = tmp_path / "corpus"
    failing = bad_corpus(root)
    errors = []
    start = time.perf_counter()
    with Store(db_url) as store:
        counts = ingest([str(root)], store, workers=1, max_chars=20_000, on_error=errors.append)
        stored = {r["input"]: r["code"] for r in store.failures()}
        with store.connect() as conn:
            from sqlalchemy import select

            paths = set(conn.execute(select(S.articles.c.path)).scalars())
            runs = conn.execute(select(S.runs.c.status)).scalars().all()
    assert time.perf_counter() - start < 60  # nothing waits on the FIFO
    got = {e.path: e.code for e in errors}
    assert got == failing  # one coded error each, naming the path
    assert stored == failing
    assert all(len(str(e).splitlines()) == 1 for e in errors)
    expected = {str(root / n) + (":1" if n.endswith(".jsonl") else "") for n, _ in GOOD}
    expected.add(str(root) + "/caf\\xe9-veldt.txt")  # the file name's byte escaped
    assert paths == expected
    assert (counts.new, counts.failed) == (len(expected), len(failing))
    assert runs == ["done"]


@pytest.mark.parametrize(
    "label, text",
    [
        ("base64", "Veldt"),
        ("rot13", "Veldt"),
        ("punycode", "Veldt"),
        ("utf-7", "Veldt"),
        ("latin1", "Veldt \u2019s"),  # a browser reads latin1 as windows-1252: 0x92 is a quote
        ("x-no-such-charset", "Veldt"),
    ],
)
def test_html_charsets_that_are_no_text_encoding_read_as_utf8(tmp_path, label, text):
    path = tmp_path / "p.html"
    body = VELDT.replace("Veldt", text)
    data = page(label, body)
    if label == "latin1":
        data = data.replace("\u2019".encode(), b"\x92")
    path.write_bytes(data)
    [result] = list(read_inputs([str(path)]))
    assert result.error is None and text in result.article.text


@pytest.mark.parametrize(
    "fields, where",
    [
        ({"text": VELDT + "\x00"}, "text"),
        ({"text": VELDT, "id": "wire\x00-1"}, "'id' field"),
        ({"text": VELDT, "url": "https://x.example/\ud83d"}, "'url' field"),
        ({"text": VELDT, "source": "Wire \udfff"}, "'source' field"),
    ],
)
def test_nul_and_lone_surrogates_are_e030_naming_the_field(tmp_path, fields, where):
    path = tmp_path / "w.jsonl"
    path.write_bytes(json.dumps(fields).encode() + b"\n")
    [result] = list(read_inputs([str(path)]))
    assert result.error.code == "E030" and f" in the {where} at offset " in str(result.error)


@pytest.mark.parametrize(
    "fields",
    [
        {"text": VELDT},
        {"text": VELDT, "title": "Caf\u00e9 talks \U0001f54a", "id": "x" * 500},  # a paired surrogate is fine
    ],
)
def test_clean_text_passes_the_character_check(tmp_path, fields):
    path = tmp_path / "w.jsonl"
    path.write_text(json.dumps(fields) + "\n", encoding="utf-8")
    [result] = list(read_inputs([str(path)]))
    assert result.error is None and result.article.text == VELDT


def test_a_fifo_named_on_the_command_line_never_blocks(nlp, tmp_path):
    fifo = tmp_path / "news.txt"
    os.mkfifo(fifo)
    good = tmp_path / "good.txt"
    good.write_text(VELDT, encoding="utf-8")
    r = CliRunner().invoke(app, ["analyze", str(fifo), str(good)], catch_exceptions=False)
    assert r.exit_code == 1
    assert r.stderr.splitlines()[0].startswith(f"E031 not a regular file: {fifo} is a FIFO (named pipe);")
    assert len(r.stdout.splitlines()) == 1


def test_analyze_writes_an_escaped_file_name_as_utf8(nlp, tmp_path):
    name = tmp_path / os.fsdecode(b"r\xe9sum\xe9.txt")
    name.write_text(VELDT, encoding="utf-8")
    r = CliRunner().invoke(app, ["analyze", str(tmp_path)], catch_exceptions=False)
    assert r.exit_code == 0
    r.stdout_bytes.decode("utf-8")  # valid UTF-8 throughout
    assert json.loads(r.stdout)["article"]["path"] == f"{tmp_path}/r\\xe9sum\\xe9.txt"


def test_a_document_over_its_time_budget_is_e032_and_the_batch_goes_on(nlp, tmp_path, monkeypatch):
    import stanceline.runner as runner

    real = runner.to_analysis

    def slow(doc, article, **kw):
        if "slow" in (article.path or ""):
            time.sleep(30)  # the timer's signal ends the sleep
        return real(doc, article, **kw)

    monkeypatch.setattr(runner, "to_analysis", slow)
    for name in ("a-fast.txt", "b-slow.txt", "c-fast.txt"):
        (tmp_path / name).write_text(VELDT, encoding="utf-8")
    start = time.perf_counter()
    out = list(analyse_results(read_inputs([str(tmp_path)]), nlp, budget=0.5))
    assert time.perf_counter() - start < 10
    assert [o.error.code if o.error else "ok" for o in out] == ["ok", "E032", "ok"]
    assert str(out[1].error).startswith(f"E032 time budget exceeded for {tmp_path}/b-slow.txt: its analysis")


def busy(seconds: float) -> None:
    """Python work (not a sleep in C): what a budget in a worker thread can stop."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def in_thread(fn):
    """``fn()``'s result or exception, run in a thread that is not the main one (as Dask runs tasks)."""
    out: dict = {}

    def run():
        try:
            out["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            out["error"] = exc

    t = threading.Thread(target=run)
    t.start()
    t.join(20)
    assert not t.is_alive()
    if "error" in out:
        raise out["error"]
    return out["value"]


@pytest.mark.parametrize(
    "work, budget, stopped",
    [
        (3.0, 0.2, True),  # runs past its budget: stopped soon after it
        (0.05, 0.4, False),  # done in time
        (0.0, 0.3, False),  # nothing to do
    ],
)
def test_the_time_budget_stops_a_block_in_a_worker_thread(work, budget, stopped):
    from stanceline.runner import BudgetExceeded, time_budget

    def block():
        start = time.monotonic()
        try:
            with time_budget(budget):
                busy(work)
        except BudgetExceeded:
            return "stopped", time.monotonic() - start
        busy(budget + 0.3)  # past the budget after the block: nothing may be raised any more
        return "done", time.monotonic() - start

    result, took = in_thread(block)
    assert result == ("stopped" if stopped else "done")
    if stopped:
        assert took < budget + 1.5


def test_a_document_over_its_time_budget_is_e032_in_a_worker_thread(nlp, tmp_path, monkeypatch):
    import stanceline.runner as runner

    real = runner.to_analysis

    def slow(doc, article, **kw):
        if "slow" in (article.path or ""):
            busy(30)
        return real(doc, article, **kw)

    monkeypatch.setattr(runner, "to_analysis", slow)
    for name in ("a-fast.txt", "b-slow.txt", "c-fast.txt"):
        (tmp_path / name).write_text(VELDT, encoding="utf-8")
    start = time.perf_counter()
    out = in_thread(lambda: list(analyse_results(read_inputs([str(tmp_path)]), nlp, budget=0.5)))
    assert time.perf_counter() - start < 10
    assert [o.error.code if o.error else "ok" for o in out] == ["ok", "E032", "ok"]


def full_disk(monkeypatch, after: int = 0):
    """Make the store's writes fail as on a full disk, after ``after`` successful ones."""
    real = Store.put
    calls = {"n": 0}

    def put(self, *a, **kw):
        calls["n"] += 1
        if calls["n"] > after:
            raise sqlite3.OperationalError("database or disk is full")
        return real(self, *a, **kw)

    monkeypatch.setattr(Store, "put", put)


def test_a_full_disk_is_e033_exit_3_and_a_rerun_completes(nlp, tmp_path, monkeypatch):
    d = tmp_path / "corpus"
    d.mkdir()
    for n in range(4):
        (d / f"{n}.txt").write_text(VELDT.replace("Monday", f"day {n}"), encoding="utf-8")
    db = str(tmp_path / "c.db")
    with monkeypatch.context() as mp:
        full_disk(mp)
        r = CliRunner().invoke(
            app, ["ingest", str(d), "--db", db, "--workers", "1", "--silent"], catch_exceptions=False
        )
    assert r.exit_code == 3
    assert r.stderr.startswith(f"E033 database error on {db}: database or disk is full; what was stored")
    with Store(db) as store:
        assert store.counts()["articles"] == 0  # the failed batch left nothing
    r = CliRunner().invoke(app, ["ingest", str(d), "--db", db, "--workers", "1", "--silent"])
    assert r.exit_code == 0
    with Store(db) as store:
        assert store.counts()["articles"] == 4
        with store.connect() as conn:
            from sqlalchemy import select

            statuses = conn.execute(select(S.runs.c.status).order_by(S.runs.c.id)).scalars().all()
    assert statuses == ["interrupted", "done"]


def test_a_full_disk_in_the_library_raises_e033(nlp, tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(VELDT, encoding="utf-8")
    full_disk(monkeypatch)
    with Store(str(tmp_path / "c.db")) as store, pytest.raises(StorageError) as caught:
        ingest([str(tmp_path / "a.txt")], store, workers=1)
    assert caught.value.code == "E033"


def test_two_stores_creating_one_new_database_at_once(tmp_path):
    """Opening a new database is serialised: both opens succeed, the schema is made once."""
    import threading

    for n in range(4):
        db = str(tmp_path / f"new{n}.db")
        barrier = threading.Barrier(2)
        errors: list[BaseException] = []

        def open_it(db=db, barrier=barrier, errors=errors):
            barrier.wait()
            try:
                Store(db).close()
            except BaseException as exc:  # noqa: BLE001 - collected for the assertion
                errors.append(exc)

        threads = [threading.Thread(target=open_it) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        with Store(db) as store, store.connect() as conn:
            from sqlalchemy import select

            assert conn.execute(select(S.meta.c.value).where(S.meta.c.key == "schema_version")).all() == [
                (str(S.SCHEMA_VERSION),)
            ]


def test_a_run_whose_process_is_gone_is_marked_interrupted(tmp_path):
    import socket
    import subprocess
    import sys

    from sqlalchemy import insert, select

    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True)
    dead_pid = int(gone.stdout)
    with Store(str(tmp_path / "c.db")) as store:
        with store.begin() as conn:
            for command, pid, host in (
                ("killed", dead_pid, socket.gethostname()),
                ("going", os.getpid(), socket.gethostname()),
                ("elsewhere", dead_pid, "another-host"),
            ):
                conn.execute(
                    insert(S.runs).values(
                        started_at="2024-01-01", command=command, status="running", pid=pid, host=host
                    )
                )
        store.start_run("next")
        with store.connect() as conn:
            got = conn.execute(select(S.runs.c.command, S.runs.c.status).order_by(S.runs.c.id)).all()
    assert [tuple(r) for r in got] == [
        ("killed", "interrupted"),
        ("going", "running"),
        ("elsewhere", "running"),
        ("next", "running"),
    ]


def deadly_analyse(articles):
    """The workers' task, except that an article naming Varnia kills its worker (as the kernel would)."""
    if any("Varnia" in a.text for a in articles):
        os._exit(9)
    return REAL_ANALYSE(articles)


REAL_ANALYSE = stanceline.ingest._analyse


def test_a_document_that_kills_its_worker_is_e014_and_the_others_come_through(nlp, tmp_path, monkeypatch):
    """A worker killed while analysing (the kernel's OOM killer, kill -9) takes its pool down: the pool is
    started again, the articles of the tasks it took down are analysed again one a task, and only the one
    that kills its worker again is reported."""
    monkeypatch.setattr(stanceline.ingest, "_analyse", deadly_analyse)  # forked workers inherit it
    d = tmp_path / "corpus"
    d.mkdir()
    for n in range(6):
        text = VELDT.replace("Monday", f"day {n}")
        (d / f"{n}.txt").write_text(text.replace("Velmora", "Varnia") if n == 3 else text, encoding="utf-8")
    errors = []
    with Store(str(tmp_path / "c.db")) as store:
        counts = ingest([str(d)], store, workers=2, task_size=2, on_error=errors.append)
        assert store.counts()["articles"] == 5
    assert (counts.new, counts.failed) == (5, 1)
    assert [str(e) for e in errors] == [
        f"E014 analysis failed for {d}/3.txt: the worker process analysing it died (killed, or out of "
        "memory); this is a bug in stanceline, please report it with the input"
    ]


def test_the_time_budget_keeps_a_callers_own_alarm():
    """A caller's pending SIGALRM (a test timeout, say) survives a budgeted analysis, less the time spent."""
    import signal

    from stanceline.runner import time_budget

    fired = []
    before = signal.signal(signal.SIGALRM, lambda *_: fired.append(1))
    try:
        signal.setitimer(signal.ITIMER_REAL, 5.0)
        with time_budget(1.0):
            time.sleep(0.2)
        left, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 4.0 < left < 4.9 and fired == []
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, before)
