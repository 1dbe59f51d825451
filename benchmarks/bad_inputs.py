"""The bad-input corpus of issue 18 through ``stanceline ingest``, on SQLite and PostgreSQL: one report.

Usage::

    .venv/bin/python benchmarks/bad_inputs.py [--backends sqlite,postgresql] [--timeout S] [--json]

The corpus is the one ``tests/test_bad_inputs.py`` writes (:func:`bad_corpus`: good documents, bad ones
with the code each must give, a FIFO, dangling and looping links, an unreadable folder), ingested as one
folder by ``stanceline ingest`` in a subprocess, as a user runs it, once per backend; plus a FIFO named on
the command line beside a good file. The unreadable folder is simulated as the test does (``os.scandir``
refuses a folder named ``locked``: root reads any folder). PostgreSQL is a throwaway cluster
(``tests/pgserver.py``), or ``$STANCELINE_TEST_PG_URL``.

Each case is one of:

- **clean**: a bad one gave one coded line naming it, with the code it must give, and was recorded as
  failed; a good one was stored;
- **traceback**: the run printed a Python traceback (every case of that run counts);
- **hang**: the run did not finish within ``--timeout`` seconds (every case of that run counts);
- **silent drop**: neither stored nor reported;
- **wrong**: reported, but with another code or in more than one line, or a good document refused.

The target is every case clean.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from pgserver import start_throwaway  # noqa: E402  (tests/pgserver.py: a private PostgreSQL cluster)
from test_bad_inputs import GOOD, KALDEN, bad_corpus  # noqa: E402  (the corpus the test writes)

#: Runs ``stanceline`` with a folder named ``locked`` unreadable, as for a user without the permission.
RUNNER = """
import os, sys
real = os.scandir
def scandir(path="."):
    if os.path.basename(os.fspath(path)) == "locked":
        raise PermissionError(13, "Permission denied", os.fspath(path))
    return real(path)
os.scandir = scandir
from stanceline.cli import main
sys.argv = ["stanceline", *sys.argv[1:]]
main()
"""


def run(args: list[str], timeout: float) -> tuple[int | None, str, str]:
    """``stanceline ARGS`` in a subprocess: exit code (None: it hung), stdout, stderr."""
    try:
        p = subprocess.run(
            [sys.executable, "-c", RUNNER, *args],
            capture_output=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
            env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        )
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode("utf-8", "replace")
        return None, out, (e.stderr or b"").decode("utf-8", "replace")
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def stored(db: str) -> tuple[set[str], dict[str, str]]:
    """The paths of the articles stored, and the failures recorded (input -> code)."""
    from sqlalchemy import select

    from stanceline.store import Store
    from stanceline.store import schema as S

    with Store(db) as store:
        failures = {r["input"]: r["code"] for r in store.failures()}
        with store.connect() as conn:
            paths = set(conn.execute(select(S.articles.c.path)).scalars())
    return paths, failures


def classify(
    cases: dict[str, str | None], code: int | None, err: str, paths: set[str], failures: dict[str, str]
) -> dict[str, str]:
    """Each case (path -> the code it must give, None for a good one) as clean / traceback / hang /
    silent drop / wrong."""
    if code is None:
        return dict.fromkeys(cases, "hang")
    if "Traceback (most recent call last)" in err:
        return dict.fromkeys(cases, "traceback")
    lines = err.splitlines()
    out = {}
    for path, want in cases.items():
        said = [line for line in lines if f" {path}" in line or f"{path}:" in line or line.endswith(path)]
        if want is None:
            out[path] = "clean" if path in paths else "wrong" if said else "silent drop"
        elif not said and path not in failures:
            out[path] = "silent drop"
        else:
            one = len([line for line in said if line.startswith(want)]) == 1
            out[path] = "clean" if one and failures.get(path) == want else "wrong"
    return out


def backend_url(name: str, tmp: Path, pg: list) -> str:
    if name == "sqlite":
        return f"sqlite:///{tmp / 'bad.db'}"
    url = os.environ.get("STANCELINE_TEST_PG_URL")
    if not url:
        url, stop = start_throwaway(tmp / "pg")
        pg.append(stop)
    return url


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--backends", default="sqlite,postgresql", help="comma-separated (default both)")
    ap.add_argument("--timeout", type=float, default=300, help="seconds before a run counts as hung")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    results: dict[str, dict[str, str]] = {}
    pg: list = []
    try:
        for backend in args.backends.split(","):
            with tempfile.TemporaryDirectory(prefix="stanceline-bad-") as d:
                tmp = Path(d)
                root = tmp / "corpus"
                cases: dict[str, str | None] = dict(bad_corpus(root))
                for name, _ in GOOD:
                    cases[str(root / name) + (":1" if name.endswith(".jsonl") else "")] = None
                cases[str(root) + "/caf\\xe9-veldt.txt"] = None  # the file name's byte escaped
                db = backend_url(backend, tmp, pg)
                # (the test's limit, so that its huge.txt is over it: E005)
                ingest = ["ingest", "--db", db, "--workers", "1", "--max-chars", "20000"]
                code, _, err = run([*ingest, str(root)], args.timeout)
                paths, failures = stored(db) if code is not None else (set(), {})
                got = classify(cases, code, err, paths, failures)
                # a FIFO named on the command line, beside a good file
                fifo, good = tmp / "news.txt", tmp / "good.txt"
                os.mkfifo(fifo)
                good.write_text(KALDEN.replace("Tuesday", "Wednesday"), encoding="utf-8")  # a text of its own
                code, _, err = run([*ingest, str(fifo), str(good)], args.timeout)
                paths, failures = stored(db) if code is not None else (set(), {})
                got.update(classify({str(fifo): "E031", str(good): None}, code, err, paths, failures))
                results[backend] = got
    finally:
        for stop in pg:
            stop()
    kinds = ("clean", "traceback", "hang", "silent drop", "wrong")
    tally = {b: {k: sum(v == k for v in got.values()) for k in kinds} for b, got in results.items()}
    total = {k: sum(t[k] for t in tally.values()) for k in kinds}
    tried = sum(len(got) for got in results.values())
    report: dict[str, Any] = {"tried": tried, **total, "by_backend": tally}
    if args.json:
        print(json.dumps({**report, "cases": results}, indent=2))
    else:
        print(
            f"bad-input corpus: {tried} cases ({', '.join(f'{len(g)} on {b}' for b, g in results.items())})"
        )
        print(
            "tried / clean / tracebacks / hangs / silent drops / wrong: "
            + " / ".join(str(x) for x in (tried, *(total[k] for k in kinds)))
        )
        for backend, got in results.items():
            for path, verdict in sorted(got.items()):
                if verdict != "clean":
                    print(f"  {backend}: {verdict}: {path}")
        print("target: every case clean")
    return 0 if total["clean"] == tried else 1


if __name__ == "__main__":
    sys.exit(main())
