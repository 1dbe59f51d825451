"""The store at scale: relink time and peak memory, and the web app's latency, on synthetic stores.

Usage::

    .venv/bin/python benchmarks/scale_store.py relink [--sizes 10000,50000,100000] [--pg] [--keep DIR]
        [--events N]
    .venv/bin/python benchmarks/scale_store.py web [--sizes 10000,1000000] [--requests 200] [--json]

The stores are generated straight into the fact tables (bulk inserts; ``COPY`` on PostgreSQL), the way
:meth:`Store.put` writes them, at about 4 statements per article: named people drawn with a Zipf law
from a pool that grows with the corpus (bare surnames and titles among them, so identity has work to
do), an unnamed group per article, one quote in five repeated from the same speaker's earlier ones (so
statements fold), stances on eight topics, over five years.

``relink``: per size, a full relink of the whole store, then 100 more articles and an incremental relink,
each in a process of its own: wall time and peak resident memory (``ru_maxrss``). Targets: at most 1 GB at
100,000 articles, time growing linearly. SQLite by default, ``--pg`` on a throwaway PostgreSQL server
(``tests/pgserver.py``).

``web``: per size (in statements), a PostgreSQL store generated and relinked, then served by
``stanceline serve``; the sizes take turns request by request (other load on the machine slows them
alike) on the busiest routes: the overview ``/``, ``/api/statements?q=`` (full-text search), the actor
page ``/actors/{id}`` and ``/api/timeline?actor=``, and the shifts feed ``/api/shifts`` (read from the
``shifts`` table, schema 7). Printed: p50 / p95 / p99 in ms, and p95(size) /
p95(smallest); target at most 2.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))  # pgserver: the throwaway PostgreSQL of the tests
sys.path.insert(0, str(REPO / "benchmarks"))

TOPICS = ("sanctions", "ceasefire", "negotiations", "border", "elections", "aid", "trade", "migration")
STANCES = ("support", "oppose", "conditional", "neutral")
TITLES = ("President", "Prime Minister", "Foreign Minister", "Defence Minister", "Senator")
START = dt.date(2020, 1, 1)
DAYS = 5 * 365
EVENT_TYPES = ("ACCUSE", "ASSAULT", "CONSULT", "COERCE", "COOPERATE", "SANCTION", "THREATEN", "AID")
EVENT_NULLS = (
    *(
        f"{part}_{f}"
        for part in ("trigger", "source", "target", "location")
        for f in ("start", "end", "text")
    ),
    "mode",
    "source_country",
    "source_sector",
    "target_country",
    "target_sector",
    "location_country",
    "happened_evidence",
    "statement_local",
)
SYLLABLES = "ka lo mi ren tas vel dor an is ul bek sor tin ma zel ho ra gun fi pel".split()


def _name(rng: random.Random) -> str:
    def word() -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()

    return f"{word()} {word()}"


def _words(rng: random.Random, n: int = 3000) -> list[str]:
    return ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))) for _ in range(n)]


def fact_rows(
    n_articles: int, *, seed: int = 7, first: int = 0, events: int = 0
) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """``(table, rows)`` of ``n_articles`` synthetic articles, a thousand articles at a time; ``events``
    reports per article between its speakers (one of eight types, dated up to four days before it)."""
    rng = random.Random(seed + first)
    pool = [_name(random.Random(seed * 100_003 + i)) for i in range(max(50, (first + n_articles) // 25))]
    vocab = _words(random.Random(seed))
    said: dict[str, list[str]] = {}
    batch: dict[str, list[dict[str, Any]]] = {}
    for i in range(first, first + n_articles):
        aid = f"a{i:09d}"
        day = START + dt.timedelta(days=i * DAYS // max(first + n_articles, 1))
        rows = batch.setdefault
        rows("articles", []).append(
            {
                "id": aid,
                "path": f"synthetic/{aid}.txt",
                "url": None,
                "title": f"Dispatch {i}",
                "source": f"outlet{i % 7}",
                "published": day.isoformat(),
                "published_basis": "metadata",
                "chars": 2000,
                "text": "",
                "record": "{}",
                "analysed_with": "synthetic",
            }
        )
        # Zipf-like: the most quoted person is in about one article in ten, as a head of state may be.
        people = {min(int((rng.paretovariate(1.2) - 1) * 20), len(pool) - 1) for _ in range(2)}
        locals_ = []
        for n, p in enumerate(sorted(people)):
            name = pool[p]
            style = rng.random()
            shown = name if style < 0.8 else name.split()[-1]  # a bare surname one time in five
            title = TITLES[p % len(TITLES)]
            locals_.append((f"a{n + 1}", shown, "person", [title], name))
        locals_.append((f"a{len(locals_) + 1}", "officials", "group", [], "officials"))
        for local, shown, kind, titles, _ in locals_:
            rows("article_actors", []).append(
                {
                    "article_id": aid,
                    "local_id": local,
                    "name": shown,
                    "kind": kind,
                    "titles": json.dumps(titles),
                    "country": None,
                    "mentions": 2,
                }
            )
        for seq in range(4):
            local, shown, kind, titles, full = locals_[seq % len(locals_)]
            bank = said.setdefault(full, [])
            if bank and rng.random() < 0.2:
                content = rng.choice(bank)
            else:
                content = " ".join(
                    rng.choice(vocab[: rng.choice((300, 1000, 3000))]) for _ in range(rng.randint(8, 20))
                )
                bank.append(content)
                del bank[:-20]
            sid = f"s{seq + 1}"
            rows("sightings", []).append(
                {
                    "article_id": aid,
                    "local_id": sid,
                    "seq": seq,
                    "kind": "direct",
                    "actor_local": local,
                    "source_start": 0,
                    "source_end": len(shown),
                    "source_text": f"{titles[0]} {shown}" if titles else shown,
                    "resolved_by": "name",
                    "cue_start": 0,
                    "cue_end": 4,
                    "cue_text": "said",
                    "cue_lemma": "say",
                    "content_start": 100 * seq,
                    "content_end": 100 * seq + len(content),
                    "content": "[]",
                    "content_text": content,
                    "said_on": day.isoformat(),
                    "said_granularity": "day",
                    "said_basis": "publication",
                    "said_evidence": None,
                    "confidence": 0.9,
                }
            )
            if rng.random() < 0.6:
                rows("stances", []).append(
                    {
                        "article_id": aid,
                        "local_id": sid,
                        "idx": 0,
                        "topic": rng.choice(TOPICS),
                        "stance": rng.choice(STANCES),
                        "target_start": None,
                        "target_end": None,
                        "target_text": None,
                        "cues": "[]",
                        "confidence": 0.8,
                        "rule": "synthetic",
                        "counterpart_text": None,
                        "counterpart_actor": None,
                        "counterpart_country": None,
                    }
                )
        for k in range(events):
            src, tgt = locals_[k % len(locals_)][0], locals_[(k + 1) % len(locals_)][0]
            when = day - dt.timedelta(days=rng.randint(0, 4))
            rows("article_events", []).append(
                {
                    **dict.fromkeys(EVENT_NULLS),
                    "article_id": aid,
                    "local_id": f"e{k + 1}",
                    "seq": k,
                    "type": rng.choice(EVENT_TYPES),
                    "context": "[]",
                    "source_actor": src,
                    "target_actor": tgt,
                    "happened_on": when.isoformat(),
                    "happened_granularity": "day",
                    "happened_basis": "explicit",
                    "negated": int(rng.random() < 0.05),
                    "hypothetical": 0,
                    "confidence": 0.7,
                }
            )
        rows("relink_queue", []).append({"article_id": aid})
        if (i + 1 - first) % 1000 == 0:
            yield from batch.items()
            batch = {}
    yield from batch.items()


def generate(db: str, n_articles: int, *, first: int = 0, events: int = 0) -> None:
    """Write ``n_articles`` synthetic articles' facts into the store ``db`` (made if new), with ``events``
    event reports each."""
    from sqlalchemy import insert

    from stanceline.store import Store
    from stanceline.store import schema as S
    from stanceline.store.store import PENDING_KEY

    with Store(db) as st, st.begin() as conn:
        raw = conn.connection.driver_connection if st.dialect == "postgresql" else None
        for table, rows in fact_rows(n_articles, first=first, events=events):
            if raw is None:
                conn.execute(insert(S.metadata.tables[table]), rows)
                continue
            cols = list(rows[0])
            with raw.cursor().copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as copy:
                for r in rows:
                    copy.write_row([r[c] for c in cols])
        st.upsert(conn, S.meta, [{"key": PENDING_KEY, "value": "1"}])


def _child_relink(db: str, full: bool) -> None:
    """In a process of its own: relink, then print the time and the peak memory as JSON."""
    from stanceline.store import Store, relink

    with Store(db) as st:
        t0 = time.perf_counter()
        summary = relink(st, full=full)
        elapsed = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"seconds": elapsed, "peak_bytes": peak, **summary.__dict__}))


def relink_in_child(db: str, *, full: bool) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, "_relink", db, "--full" if full else "--incremental"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench_relink(
    sizes: list[int], *, pg: bool, keep: str | None = None, events: int = 0
) -> list[dict[str, Any]]:
    results = []
    with tempfile.TemporaryDirectory(prefix="stanceline-scale-") as tmp:
        server = _pg(tmp) if pg else None
        try:
            for n in sizes:
                db = _database(server, tmp, f"relink_{n}")
                t0 = time.perf_counter()
                if keep and server is None:
                    _kept(db, n, Path(keep), events)
                else:
                    generate(db, n, events=events)
                made = time.perf_counter() - t0
                full = relink_in_child(db, full=True)
                generate(db, 100, first=n, events=events)
                inc = relink_in_child(db, full=False)
                results.append({"articles": n, "generate_s": made, "full": full, "incremental": inc})
                print(_relink_line(results[-1]), file=sys.stderr, flush=True)
                _drop(server, db, tmp)
        finally:
            if server:
                server[1]()
    return results


def _kept(db: str, n: int, keep: Path, events: int = 0) -> None:
    """``db`` as a copy of the store of ``n`` generated articles kept in ``keep`` (generated there first,
    once: the same articles every run, not relinked)."""
    import shutil

    kept = keep / f"relink_{n}_{events}ev.db"
    if not kept.exists():
        keep.mkdir(parents=True, exist_ok=True)
        generate(str(kept) + ".part", n, events=events)
        Path(str(kept) + ".part").rename(kept)
    shutil.copyfile(kept, db)


def _relink_line(r: dict[str, Any]) -> str:
    f, i = r["full"], r["incremental"]
    return (
        f"{r['articles']:>9,} articles  {f['statements']:>9,} statements  full {f['seconds']:7.1f} s "
        f"{f['peak_bytes'] / 2**20:7.0f} MB  | +100 articles incremental {i['seconds']:6.1f} s "
        f"{i['peak_bytes'] / 2**20:6.0f} MB ({i['refolded']} actors refolded; {i['events']:,} events)"
    )


def _pg(tmp: str) -> tuple[str, Any]:
    import pgserver

    return pgserver.start_throwaway(Path(tmp) / "pg")


def _database(server: tuple[str, Any] | None, tmp: str, name: str) -> str:
    if server is None:
        return str(Path(tmp) / f"{name}.db")
    import pgserver
    import psycopg

    with psycopg.connect(pgserver.libpq_url(server[0]), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return pgserver.with_database(server[0], name)


def _drop(server: tuple[str, Any] | None, db: str, tmp: str) -> None:
    if server is None:
        for p in Path(tmp).glob(Path(db).name + "*"):
            p.unlink()
        return
    import pgserver
    import psycopg

    with psycopg.connect(pgserver.libpq_url(server[0]), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{db.rsplit("/", 1)[-1]}" WITH (FORCE)')


# ---- web ----------------------------------------------------------------------------------------------


class PgTarget:
    """One size's server and request makers (see ``benchmarks/web.py``), over a PostgreSQL URL."""

    def __init__(self, url: str, seed: int) -> None:
        import http.client
        from urllib.parse import urlencode

        import web

        self.server = web.Server(url)  # type: ignore[arg-type]
        self.conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=300)
        self.rng = random.Random(seed)
        t0 = time.perf_counter()
        web._get(self.conn, "/")
        self.first_overview_s = time.perf_counter() - t0
        # Actors of about the same size at every corpus size (20 to 200 statements): an actor page and a
        # timeline show all of an actor's statements, so a bigger actor is more work, whatever the corpus.
        from sqlalchemy import create_engine, text

        engine = create_engine(url)
        with engine.connect() as conn:
            q = "SELECT id FROM actors WHERE statements BETWEEN 20 AND 200 ORDER BY id LIMIT 500"
            self.ids = [r[0] for r in conn.execute(text(q))]
        engine.dispose()
        self.words = _words(random.Random(7))[:50]
        self._urlencode, self._web = urlencode, web

    def overview(self) -> str:
        return "/"

    def search(self) -> str:
        q = {"q": self.rng.choice(self.words), "limit": "20"}
        if self.rng.random() < 0.3:
            q["topic"] = self.rng.choice(TOPICS)
        return "/api/statements?" + self._urlencode(q)

    def actor_page(self) -> str:
        return f"/actors/{self.rng.choice(self.ids)}"

    def timeline(self) -> str:
        q = {"actor": self.rng.choice(self.ids)}
        if self.rng.random() < 0.5:
            q["topic"] = self.rng.choice(TOPICS)
        return "/api/timeline?" + self._urlencode(q)

    def shifts(self) -> str:
        q = {"limit": "25"}
        if self.rng.random() < 0.5:
            q["topic"] = self.rng.choice(TOPICS)
        return "/api/shifts?" + self._urlencode(q)

    def time(self, path: str) -> float:
        import http.client

        t0 = time.perf_counter()
        try:
            status, _ = self._web._get(self.conn, path)
        except (http.client.RemoteDisconnected, ConnectionError):  # idle past the server's keep-alive
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=300)
            t0 = time.perf_counter()
            status, _ = self._web._get(self.conn, path)
        if status != 200:
            raise RuntimeError(f"{path} answered {status}")
        return (time.perf_counter() - t0) * 1000

    def close(self) -> None:
        self.conn.close()
        self.server.close()


ROUTES = {
    "overview /": "overview",
    "/api/statements?q=": "search",
    "actor page": "actor_page",
    "/api/timeline": "timeline",
    "/api/shifts": "shifts",
}


def bench_web(sizes: list[int], *, requests: int) -> dict[str, Any]:
    out: dict[str, Any] = {"sizes": {}}
    with tempfile.TemporaryDirectory(prefix="stanceline-scale-") as tmp:
        server = _pg(tmp)
        targets: dict[int, PgTarget] = {}
        try:
            for n in sizes:
                db = _database(server, tmp, f"web_{n}")
                t0 = time.perf_counter()
                generate(db, n // 4)
                made = time.perf_counter() - t0
                link = relink_in_child(db, full=True)
                out["sizes"][n] = {"generate_s": made, "relink": link}
                print(
                    f"  {n:,} statements: generated {made:.0f} s, relinked {link['seconds']:.0f} s "
                    f"({link['peak_bytes'] / 2**20:.0f} MB)",
                    file=sys.stderr,
                    flush=True,
                )
                targets[n] = PgTarget(db, seed=11)
                out["sizes"][n]["first_overview_s"] = targets[n].first_overview_s
            for name, method in ROUTES.items():
                times: dict[int, list[float]] = {n: [] for n in sizes}
                for i in range(requests + 10):  # the first 10: warm-up
                    for n, t in targets.items():
                        ms = t.time(getattr(t, method)())
                        if i >= 10:
                            times[n].append(ms)
                for n, ts in times.items():
                    ts.sort()
                    out["sizes"][n].setdefault("routes", {})[name] = {
                        f"p{q}": ts[min(len(ts) - 1, q * len(ts) // 100)] for q in (50, 95, 99)
                    }
        finally:
            for t in targets.values():
                t.close()
            server[1]()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("what", choices=("relink", "web", "_relink"))
    ap.add_argument("db", nargs="?", help=argparse.SUPPRESS)
    ap.add_argument("--sizes", help="comma-separated: articles (relink) or statements (web)")
    ap.add_argument("--pg", action="store_true", help="relink on a throwaway PostgreSQL server")
    ap.add_argument("--requests", type=int, default=200, help="timed requests per route and size")
    ap.add_argument("--full", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--incremental", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--events", type=int, default=0, help="relink: event reports per article (default 0)")
    ap.add_argument(
        "--keep",
        metavar="DIR",
        help="relink on SQLite: keep the generated stores in DIR and reuse them in later runs",
    )
    args = ap.parse_args(argv)
    if args.what == "_relink":
        _child_relink(args.db, args.full)
        return 0
    load = os.getloadavg()[0]
    if args.what == "relink":
        sizes = [int(s) for s in (args.sizes or "10000,50000,100000").split(",")]
        results: Any = bench_relink(sizes, pg=args.pg, keep=args.keep, events=args.events)
        if not args.json:
            print(f"relink, {'PostgreSQL' if args.pg else 'SQLite'} (load average {load:.1f} at start)")
            for r in results:
                print(_relink_line(r))
            base = results[0]
            for r in results[1:]:
                ratio = (r["full"]["seconds"] / r["articles"]) / (base["full"]["seconds"] / base["articles"])
                print(f"  seconds per article at {r['articles']:,} / at {base['articles']:,}: {ratio:.2f}")
    else:
        sizes = [int(s) for s in (args.sizes or "10000,1000000").split(",")]
        results = bench_web(sizes, requests=args.requests)
        if not args.json:
            print(
                f"web on PostgreSQL, {args.requests} requests per route and size (load {load:.1f} at start)"
            )
            lo = sizes[0]
            for n in sizes:
                r = results["sizes"][n]
                print(f"{n:>11,} statements  (first overview {r['first_overview_s']:.1f} s)")
                for name, p in r["routes"].items():
                    ratio = p["p95"] / results["sizes"][lo]["routes"][name]["p95"]
                    print(
                        f"    {name:22s} p50 {p['p50']:7.1f}  p95 {p['p95']:7.1f}  p99 {p['p99']:7.1f} ms"
                        f"   p95 / p95 at {lo:,}: {ratio:.2f}"
                    )
    if args.json:
        print(
            json.dumps({"date": dt.date.today().isoformat(), "load": load, "results": results}, default=str)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
