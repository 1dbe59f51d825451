"""Articles a second of ``ingest`` with the local engine beside the Dask engine on 1 and 2 workers.

Usage::

    .venv/bin/python benchmarks/scale.py [--articles N] [--rounds R] [--seed S] [--json]

Input: ``--articles`` (default 160) generated wire reports about fictional states (the generator of
``benchmarks/ingest.py``: 250-500 words each, seeded, so the same arguments give the same corpus), one JSONL
corpus in a temporary folder.

Each run is ``stanceline.ingest.ingest(corpus, Store(db), ...)`` in a fresh child process on a fresh SQLite
database, in this order per round: ``local`` with 1 worker (the pipeline in the driver), ``dask`` with 1
worker, ``dask`` with 2 workers, ``local`` with 2 workers (the process pool; for reference). A Dask run
starts its own ``LocalCluster`` (``--engine dask --workers N``), one thread per worker.

Two rates per run:

* **whole**: articles / seconds of the whole call: model loading (and the cluster's start), analysis,
  writing and the final relink; what a user waits for on a corpus this small.
* **steady**: articles / seconds between the first and the last write (taken from the progress callback),
  the rate a long run settles to, without the fixed start and relink costs.

And the CPU-seconds an article of the run's whole process tree (driver, pool or LocalCluster workers, model
loading included), which a shared machine disturbs less than the rates.

Printed: the median of each over ``--rounds`` rounds, and the ratios the issue sets targets for (issue 20):
dask 2 workers / dask 1 worker >= 1.7 on 2 cores, dask 1 worker / local >= 0.9. The machine may be shared:
the load average before and after each run is printed with it.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
MARK = "@@scale-result@@ "
TARGET_SCALING = 1.7
TARGET_OVERHEAD = 0.9
RUNS = [("local", 1), ("dask", 1), ("dask", 2), ("local", 2)]


def write_corpus(path: Path, n: int, seed: int) -> tuple[int, int]:
    """The generated corpus of ``benchmarks/ingest.py``: (articles, words)."""
    spec = importlib.util.spec_from_file_location("bench_ingest_corpus", HERE / "ingest.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.write_corpus(path, n, seed)


def child(spec: dict[str, Any]) -> int:
    """One run: ingest the corpus, print its figures as one JSON line."""
    from stanceline.ingest import ingest
    from stanceline.store import Store

    writes: list[tuple[float, int]] = []

    def progress(counts: Any) -> None:
        writes.append((time.perf_counter(), counts.seen))

    import resource

    def cpu() -> float:
        own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime

    c0, t0 = cpu(), time.perf_counter()
    with Store(spec["db"]) as store:
        counts = ingest(
            [spec["corpus"]], store, workers=spec["workers"], engine=spec["engine"], progress=progress
        )
    whole = time.perf_counter() - t0
    spent = cpu() - c0  # the driver and its workers (reaped by then: the pool and the LocalCluster)
    (t1, n1), (t2, n2) = writes[0], writes[-1]
    out = {
        "engine": spec["engine"],
        "workers": spec["workers"],
        "articles": counts.new,
        "statements": counts.statements,
        "whole_s": whole,
        "start_s": t1 - t0,
        "steady_rate": (n2 - n1) / (t2 - t1) if t2 > t1 else None,
        "whole_rate": counts.new / whole,
        "cpu_s": spent,
        "cpu_per_article": spent / max(counts.new, 1),
    }
    print(MARK + json.dumps(out), flush=True)
    return 0


def run_one(corpus: Path, db: Path, engine: str, workers: int) -> dict[str, Any]:
    spec = {"corpus": str(corpus), "db": str(db), "engine": engine, "workers": workers}
    before = os.getloadavg()[0]
    p = subprocess.run(
        [sys.executable, __file__, "--child", json.dumps(spec)],
        capture_output=True,
        text=True,
        check=False,
    )
    lines = [x for x in p.stdout.splitlines() if x.startswith(MARK)]
    if p.returncode != 0 or not lines:
        raise SystemExit(f"run {engine} x{workers} failed ({p.returncode}):\n{p.stderr[-3000:]}")
    out = json.loads(lines[-1][len(MARK) :])
    out["load_before"], out["load_after"] = before, os.getloadavg()[0]
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="ingest: local engine beside Dask on 1 and 2 workers.")
    parser.add_argument("--articles", type=int, default=160, metavar="N", help="articles to generate")
    parser.add_argument("--rounds", type=int, default=1, metavar="R", help="rounds of the four runs")
    parser.add_argument("--seed", type=int, default=5, help="corpus generator seed")
    parser.add_argument("--json", action="store_true", help="print machine-readable results")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(json.loads(args.child))
    if importlib.util.find_spec("distributed") is None:
        print("error: dask.distributed is not installed (pip install -e '.[dask]')", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="stanceline-bench-scale-") as tmp_s:
        tmp = Path(tmp_s)
        corpus = tmp / "corpus.jsonl"
        n, words = write_corpus(corpus, args.articles, args.seed)
        if not args.json:
            print(
                f"corpus: {n} generated articles, {words:,} words, seed {args.seed}; {os.cpu_count()} CPUs; "
                f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"
            )
        rows: list[dict[str, Any]] = []
        for r in range(args.rounds):
            for engine, workers in RUNS:
                row = run_one(corpus, tmp / f"{engine}{workers}-{r}.db", engine, workers)
                rows.append(row)
                if not args.json:
                    print(
                        f"  round {r + 1}: {engine:5} x{workers}: whole {row['whole_rate']:5.2f}/s "
                        f"({row['whole_s']:.1f} s, first write after {row['start_s']:.1f} s), steady "
                        f"{row['steady_rate'] or 0:5.2f}/s, {row['cpu_per_article']:.3f} CPU-s an article; "
                        f"load {row['load_before']:.1f} -> "
                        f"{row['load_after']:.1f}",
                        flush=True,
                    )
    summary = summarise(rows)
    if args.json:
        print(json.dumps({"runs": rows, "summary": summary}, indent=2))
    else:
        report(summary)
    return 0


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    med: dict[str, dict[str, float]] = {}
    for engine, workers in RUNS:
        mine = [r for r in rows if (r["engine"], r["workers"]) == (engine, workers)]
        med[f"{engine}{workers}"] = {
            k: statistics.median(r[k] or 0 for r in mine)
            for k in ("whole_rate", "steady_rate", "start_s", "cpu_per_article")
        }
    ratios = {}
    for kind in ("whole_rate", "steady_rate"):
        ratios[kind] = {
            "dask2/dask1": med["dask2"][kind] / med["dask1"][kind],
            "dask1/local1": med["dask1"][kind] / med["local1"][kind],
            "local2/local1": med["local2"][kind] / med["local1"][kind],
            "dask2/local2": med["dask2"][kind] / med["local2"][kind],
        }
    return {"median": med, "ratios": ratios}


def report(summary: dict[str, Any]) -> None:
    med, ratios = summary["median"], summary["ratios"]
    print("\nmedian articles/s      whole   steady   first write after   CPU-s per article")
    for key, m in med.items():
        whole, steady, cpu = m["whole_rate"], m["steady_rate"], m["cpu_per_article"]
        start = m["start_s"]
        print(f"  {key:8}            {whole:6.2f}   {steady:6.2f}   {start:5.1f} s             {cpu:.3f}")
    print("\nratios                 whole   steady   target")
    for name, target in (
        ("dask2/dask1", f">= {TARGET_SCALING}"),
        ("dask1/local1", f">= {TARGET_OVERHEAD}"),
        ("local2/local1", ""),
        ("dask2/local2", ""),
    ):
        whole, steady = ratios["whole_rate"][name], ratios["steady_rate"][name]
        print(f"  {name:16}     {whole:6.2f}   {steady:6.2f}   {target}")


if __name__ == "__main__":
    sys.exit(main())
