"""A bounded load burst on the dashboard: many clients at once, on loopback, and whether any request fails.

Usage::

    .venv/bin/python benchmarks/load.py [--requests 2000] [--concurrency 20] [--statements 16545]
                                        [--keep DIR] [--seed S] [--json]

A SQLite store of ``--statements`` statements (default 16,545: PolNeAR's size, the statements ``stanceline
analyze`` finds in PolNeAR train and dev, 924 articles; see :data:`POLNEAR_STATEMENTS`) is generated as
``benchmarks/web.py`` generates its stores (synthetic articles through :meth:`Store.put`, then
:func:`~stanceline.store.relink`), and served by ``stanceline serve`` in a subprocess (its default
settings: one process, loopback, the trusted-host check on). ``--concurrency`` client threads, each with
its own keep-alive connection, then send ``--requests`` requests in all (a seeded random mix of pages,
API lists, search, timelines and exports; see :data:`MIX`) as fast as the server answers them.

An error is any answer but 200, a connection reset or refused, or no answer within 60 s. Printed: the
errors by kind, requests per second, and latency p50 / p95 / p99 / max in milliseconds per kind of
request and overall (the time from sending a request to reading the whole answer, queueing in the
server included). The target is 0 errors. ``--keep DIR`` keeps the generated store there and reuses it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import queue
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
from web import TOPICS, Target, generate  # noqa: E402  (benchmarks/web.py: the same stores and requests)

TIMEOUT_S = 60
#: Statements in a PolNeAR-sized store: what the pipeline finds in PolNeAR train + dev (924 articles;
#: ``stanceline analyze ../shared/data/polnear/train/text ../shared/data/polnear/dev/text``, counted
#: 2026-12-07). The store generated is synthetic, of that many statements.
POLNEAR_STATEMENTS = 16_545
#: Kinds of request and their shares of the burst.
MIX = {
    "actor page": 0.2,
    "search page": 0.1,
    "overview page": 0.05,
    "shifts page": 0.05,
    "topic page": 0.05,
    "api statements (search)": 0.2,
    "api timeline": 0.15,
    "api actors": 0.05,
    "api shifts": 0.05,
    "api statement": 0.05,
    "export csv": 0.05,
}


def plan(target: Target, n: int, rng: random.Random, statement_ids: list[str]) -> list[tuple[str, str]]:
    """``n`` requests (kind, path), drawn from :data:`MIX`."""
    kinds = rng.choices(list(MIX), weights=list(MIX.values()), k=n)
    out = []
    for kind in kinds:
        if kind == "actor page":
            path = target.actor_page()
        elif kind == "search page":
            path = target.search_page()
        elif kind == "overview page":
            path = "/"
        elif kind == "shifts page":
            path = "/shifts"
        elif kind == "topic page":
            path = f"/topics/{rng.choice(list(TOPICS))}"
        elif kind == "api statements (search)":
            path = target.search_api()
        elif kind == "api timeline":
            path = target.timeline()
        elif kind == "api actors":
            path = "/api/actors?" + urlencode({"limit": rng.choice((20, 100, 500))})
        elif kind == "api shifts":
            path = "/api/shifts?" + urlencode({"topic": rng.choice(list(TOPICS))})
        elif kind == "api statement":
            path = f"/api/statements/{rng.choice(statement_ids)}"
        else:
            path = "/export/statements.csv?" + urlencode({"actor": rng.choice(target.ids)})
        out.append((kind, path))
    return out


def burst(
    port: int, requests: list[tuple[str, str]], concurrency: int
) -> tuple[list[tuple[str, float]], Counter]:
    """Send ``requests`` from ``concurrency`` threads; the latencies (kind, ms) of those answered 200, and
    the errors by kind."""
    todo: queue.Queue[tuple[str, str]] = queue.Queue()
    for r in requests:
        todo.put(r)
    times: list[tuple[str, float]] = []
    errors: Counter = Counter()
    lock = threading.Lock()

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT_S)
        while True:
            try:
                kind, path = todo.get_nowait()
            except queue.Empty:
                break
            t0 = time.perf_counter()
            try:
                conn.request("GET", path)
                r = conn.getresponse()
                r.read()
                error = None if r.status == 200 else f"HTTP {r.status}"
            except (OSError, http.client.HTTPException) as exc:  # reset, refused, timed out
                error = type(exc).__name__
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT_S)
            elapsed = (time.perf_counter() - t0) * 1000
            with lock:
                if error:
                    errors[f"{kind}: {error}"] += 1
                else:
                    times.append((kind, elapsed))
        conn.close()

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return times, errors


def percentiles(ms: list[float]) -> dict[str, float]:
    ms = sorted(ms)
    if not ms:
        return {"n": 0}

    def at(q: float) -> float:
        return ms[min(len(ms) - 1, int(q * len(ms)))]

    return {"n": len(ms), "p50": statistics.median(ms), "p95": at(0.95), "p99": at(0.99), "max": ms[-1]}


def statement_ids(target: Target) -> list[str]:
    conn = http.client.HTTPConnection("127.0.0.1", target.server.port, timeout=TIMEOUT_S)
    conn.request("GET", "/api/statements?limit=500")
    r = conn.getresponse()
    ids = [s["id"] for s in json.loads(r.read())["items"]]
    conn.close()
    return ids


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--requests", type=int, default=2000, help="requests in the burst (default 2000)")
    ap.add_argument("--concurrency", type=int, default=20, help="clients at once (default 20)")
    ap.add_argument(
        "--statements",
        type=int,
        default=POLNEAR_STATEMENTS,
        help=f"statements in the store (default {POLNEAR_STATEMENTS}: PolNeAR train + dev)",
    )
    ap.add_argument("--keep", metavar="DIR", help="keep the generated store here, and reuse it")
    ap.add_argument("--seed", type=int, default=11, help="seed of the request mix (default 11)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    workdir = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="stanceline-load-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    db = workdir / f"load-{args.statements}.db"
    target = None
    try:
        if not db.exists():
            tmp = db.with_suffix(".tmp.db")
            generate(tmp, args.statements)
            os.replace(tmp, db)
            for suffix in ("-wal", "-shm"):
                Path(str(tmp) + suffix).unlink(missing_ok=True)
        target = Target(db, seed=args.seed)
        rng = random.Random(args.seed)
        requests = plan(target, args.requests, rng, statement_ids(target))
        print(
            f"  {args.requests} requests, {args.concurrency} at once, on {db.name} ...",
            file=sys.stderr,
            flush=True,
        )
        t0 = time.perf_counter()
        times, errors = burst(target.server.port, requests, args.concurrency)
        wall = time.perf_counter() - t0
    finally:
        if target is not None:
            target.close()
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    by_kind = {k: percentiles([ms for kind, ms in times if kind == k]) for k in MIX}
    overall = percentiles([ms for _, ms in times])
    result: dict[str, Any] = {
        "date": dt.date.today().isoformat(),
        "cores": os.cpu_count(),
        "requests": args.requests,
        "concurrency": args.concurrency,
        "statements": args.statements,
        "errors": sum(errors.values()),
        "errors_by_kind": dict(errors),
        "seconds": wall,
        "requests_per_second": args.requests / wall,
        "overall": overall,
        "by_kind": by_kind,
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(
        f"load burst, {result['date']}, {result['cores']} cores: {args.requests} requests, "
        f"{args.concurrency} at once, loopback, a store of {args.statements:,} statements"
    )
    print(f"errors: {result['errors']}" + "".join(f"\n  {k}: {n}" for k, n in sorted(errors.items())))
    print(f"{wall:.1f} s, {result['requests_per_second']:.0f} requests/s")
    print(f"{'request':<26}{'n':>6}{'p50 ms':>10}{'p95 ms':>10}{'p99 ms':>10}{'max ms':>10}")
    for name, p in [*by_kind.items(), ("all", overall)]:
        if p["n"]:
            print(
                f"{name:<26}{p['n']:>6}{p['p50']:>10.0f}{p['p95']:>10.0f}{p['p99']:>10.0f}{p['max']:>10.0f}"
            )
    print("target: 0 errors")
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
