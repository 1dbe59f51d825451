"""Latency of the web app on generated stores of 1,000 and 100,000 statements.

Usage::

    .venv/bin/python benchmarks/web.py [--sizes 1000,100000] [--requests 300] [--keep DIR] [--json]
                                       [--events N]

For each size a SQLite store is generated (synthetic articles written through
:meth:`Store.put` as :class:`~stanceline.model.Analysis` records, then
:func:`~stanceline.store.relink`, which fills the derived tables and the search
index exactly as an ingest does). Every actor has about 100 statements at every
size (the corpus grows by more actors and articles, as a real one does), over
two years, on eight topics, with a Zipf-distributed vocabulary so that search
words range from rare to common. ``--events N`` adds N events to each article (between its speakers, a few
days before it appeared): the actor pages and timelines then draw them.

``stanceline serve`` runs each store in a subprocess (the database file read
through once first, so that it sits in the OS cache as it does for a server
that has been running); this process is the client (one keep-alive
connection per server, requests one after another, the sizes taking turns
so that other load on the machine slows them alike, after a warm-up) and
times, per endpoint, ``--requests`` requests on random actors or words:

* ``actor page``: ``/actors/{id}`` (chart data, shifts, first page of statements);
* ``/api/timeline``: ``?actor=`` (half of them with ``&topic=``);
* ``search``: ``/api/statements?q=&limit=20`` (a word common enough to fill the page at every size, half of
  them with a topic or a date filter);
* ``search page``: ``/search?q=&limit=20``, the HTML page of the same.

Printed: p50 and p95 in milliseconds per size and endpoint, and the ratio
p95(largest) / p95(smallest); the target is at most 2 (every request is an
index range, whatever the corpus size). ``--keep DIR`` keeps the generated
stores there and reuses them on the next run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from stanceline import __version__
from stanceline.model import Actor, Analysis, Article, Cue, Published, SaidOn, Source, Span, Stance, Statement
from stanceline.store import Store, relink

TOPICS = {
    "negotiations": "negotiations",
    "sanctions": "sanctions",
    "agreement": "accord",
    "ceasefire": "ceasefire",
    "aid": "aid",
    "trade": "trade",
    "elections": "elections",
    "military_action": "troops",
}
STANCES = ("support", "oppose", "conditional", "neutral")
#: Event types of the generated events (``--events``), and how many each article reports.
EVENT_TYPES = ("CONSULT", "ACCUSE", "AGREE", "THREATEN", "SANCTION", "AID")
EVENTS_PER_ARTICLE = 0
PER_ACTOR = 100
PER_ARTICLE = 10
START = dt.date(2023, 1, 1)
DAYS = 730
TARGET = 2.0
SEARCH_LIMIT = 20


# ---- generating a store -------------------------------------------------------------------------------


def _vocabulary(rng: random.Random, n: int = 4000) -> list[str]:
    syll = [
        "ka",
        "lo",
        "mi",
        "ter",
        "va",
        "nor",
        "sel",
        "du",
        "ri",
        "pan",
        "gol",
        "fe",
        "stra",
        "bin",
        "ou",
        "zen",
    ]
    words: list[str] = []
    seen = set()
    while len(words) < n:
        w = "".join(rng.choice(syll) for _ in range(rng.randint(2, 4)))
        if w not in seen:
            seen.add(w)
            words.append(w)
    return words


def _names(rng: random.Random, n: int) -> list[str]:
    first = [
        "Anaya",
        "Oren",
        "Mira",
        "Dario",
        "Jonas",
        "Tamsin",
        "Halvar",
        "Ilse",
        "Piet",
        "Lena",
        "Kasimir",
        "Vera",
        "Ruben",
        "Selma",
        "Teodor",
        "Nadia",
        "Emil",
        "Greta",
        "Lukas",
        "Maren",
    ]
    names: list[str] = []
    seen = set()
    while len(names) < n:
        last = "".join(
            rng.choice(
                [
                    "Vel",
                    "dt",
                    "Kas",
                    "tell",
                    "Kal",
                    "den",
                    "Mensk",
                    "Brek",
                    "ke",
                    "Ar",
                    "dell",
                    "Os",
                    "trem",
                    "Var",
                    "holm",
                    "Ro",
                    "van",
                    "Lind",
                    "qvist",
                    "Ha",
                    "gen",
                ]
            )
            for _ in range(rng.randint(2, 3))
        ).capitalize()
        name = f"{rng.choice(first)} {last}"
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def _article(
    rng: random.Random, n: int, people: list[str], vocab: list[str], weights: list[float]
) -> Analysis:
    published = START + dt.timedelta(days=rng.randrange(DAYS))
    speakers = rng.sample(people, k=min(len(people), rng.randint(2, 3)))
    text = f"Synthetic report {n}\n\n"
    actors = [Actor(f"a{i + 1}", name, "person") for i, name in enumerate(speakers)]
    statements = []
    for k in range(PER_ARTICLE):
        who = rng.randrange(len(speakers))
        words = rng.choices(vocab, weights=weights, k=rng.randint(8, 18))
        topics = rng.sample(list(TOPICS), k=rng.choice((0, 1, 1, 1, 2)))
        for t in topics:
            words.insert(rng.randrange(len(words) + 1), TOPICS[t])
        condition = None
        if topics and rng.random() < 0.2:
            condition = "if the " + " ".join(rng.choices(vocab, weights=weights, k=3))
        content = " ".join(words) + (" " + condition if condition else "")
        roll = rng.random()
        if roll < 0.6:
            said = published - dt.timedelta(days=rng.randrange(10))
            said_on = SaidOn(said.isoformat(), "day", "explicit")
        elif roll < 0.7:
            said_on = SaidOn(published.isoformat()[:7], "month", "explicit")
        else:
            said_on = SaidOn(published.isoformat(), "day", "publication")
        c0 = len(text) + 1
        text += f'"{content}," '
        s0 = len(text)
        text += speakers[who]
        q0 = len(text) + 1
        text += " said.\n\n"
        cspan = Span(c0, c0 + len(content), content)
        stances = []
        for t in topics:
            i = content.index(TOPICS[t])
            conds = ()
            if condition:
                j = c0 + content.index(condition)
                conds = (Span(j, j + len(condition), condition),)
            stance = "conditional" if conds else rng.choice(STANCES)
            stances.append(
                Stance(
                    t,
                    stance,
                    Span(c0 + i, c0 + i + len(TOPICS[t]), TOPICS[t]),
                    conds,
                    ("bench",),
                    round(rng.uniform(0.5, 0.9), 2),
                )
            )
        statements.append(
            Statement(
                f"s{k + 1}",
                "direct",
                Source(s0, s0 + len(speakers[who]), speakers[who], f"a{who + 1}", "name"),
                Cue(q0, q0 + 4, "said", "say"),
                (cspan,),
                said_on,
                tuple(stances),
                0.85,
            )
        )
    art = Article(
        text=text,
        path=f"synthetic/{n:06d}.txt",
        title=f"Synthetic report {n}",
        source="Bench Wire",
        published=Published(published.isoformat(), "given"),
    )
    return Analysis(art, tuple(actors), tuple(statements), events=_events(rng, published, speakers))


def _events(rng: random.Random, published: dt.date, speakers: list[str]) -> tuple[dict[str, Any], ...]:
    """``EVENTS_PER_ARTICLE`` events between the article's speakers (``--events``), a few days before it
    appeared; the same pair, type and days recur across articles, so folding has work."""
    out = []
    for k in range(EVENTS_PER_ARTICLE):
        src, tgt = rng.sample(range(len(speakers)), 2) if len(speakers) > 1 else (0, 0)
        day = published - dt.timedelta(days=rng.randrange(6))
        out.append(
            {
                "id": f"e{k + 1}",
                "type": rng.choice(EVENT_TYPES),
                "mode": None,
                "context": [],
                "trigger": None,
                "source": {
                    "start": 0,
                    "end": 1,
                    "text": speakers[src],
                    "actor": f"a{src + 1}",
                    "country": None,
                    "sector": "GOV",
                },
                "target": {
                    "start": 0,
                    "end": 1,
                    "text": speakers[tgt],
                    "actor": f"a{tgt + 1}",
                    "country": None,
                    "sector": "GOV",
                },
                "location": None,
                "happened_on": {
                    "value": day.isoformat(),
                    "granularity": "day",
                    "basis": "explicit",
                    "evidence": None,
                },
                "negated": rng.random() < 0.05,
                "hypothetical": rng.random() < 0.1,
                "statement": None,
                "confidence": 0.6,
            }
        )
    return tuple(out)


def generate(path: Path, statements: int, *, seed: int = 7) -> dict[str, Any]:
    """A store of about ``statements`` statements; returns what the client needs (actor ids, words)."""
    rng = random.Random(seed)
    vocab = _vocabulary(rng)
    weights = [1 / (r + 1) for r in range(len(vocab))]
    people = _names(rng, max(statements // PER_ACTOR, 5))
    t0 = time.perf_counter()
    with Store(str(path)) as store:
        batch = []
        for n in range(statements // PER_ARTICLE):
            batch.append((_article(rng, n, people, vocab, weights), f"bench-{__version__}"))
            if len(batch) == 500:
                store.put(batch)
                batch = []
        if batch:
            store.put(batch)
        t1 = time.perf_counter()
        summary = relink(store)
        counts = store.counts()
    print(
        f"  generated {path.name}: {counts['statements']:,} statements, {counts['actors']:,} actors, "
        f"{counts['articles']:,} articles (write {t1 - t0:.1f} s, relink + search index "
        f"{time.perf_counter() - t1:.1f} s; {summary.changed:,} derived rows)",
        file=sys.stderr,
        flush=True,
    )
    return {"statements": counts["statements"], "actors": counts["actors"]}


# ---- serving and timing -------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``stanceline serve`` in a subprocess."""

    def __init__(self, db: Path) -> None:
        self.port = _free_port()
        cmd = [
            sys.executable,
            "-c",
            "from stanceline.cli import main; main()",
            "serve",
            "--db",
            str(db),
            "--port",
            str(self.port),
        ]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 120
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        f"the server did not start: {self.proc.stderr.read() if self.proc.stderr else ''}"
                    ) from None
                time.sleep(0.1)

    def close(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def _get(conn: http.client.HTTPConnection, path: str) -> tuple[int, bytes]:
    conn.request("GET", path)
    r = conn.getresponse()
    return r.status, r.read()


def _read_through(db: Path) -> None:
    """Read the database file once, so that it is in the OS cache as it is for a server that has been running
    for a while: the timings are of queries, not of the disk."""
    with open(db, "rb") as f:
        while f.read(1 << 20):
            pass


class Target:
    """One size's server, connection and request makers."""

    def __init__(self, db: Path, seed: int) -> None:
        _read_through(db)
        self.server = Server(db)
        self.conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=60)
        self.rng = random.Random(seed)
        _get(self.conn, "/")  # waits for the corpus-wide views the server computes at start
        self.ids: list[str] = []
        cursor = None
        while True:  # every actor id, through the API
            query = {"limit": 500, **({"cursor": cursor} if cursor else {})}
            page = json.loads(_get(self.conn, "/api/actors?" + urlencode(query))[1])
            self.ids += [a["id"] for a in page["items"] if a["statements"] >= 20]
            cursor = page["next_cursor"]
            if not cursor:
                break
        # Words common enough to fill a page at every size (Zipf ranks 3-40, and the topic words), so that
        # every size answers the same amount: a page of SEARCH_LIMIT statements.
        self.words = _vocabulary(random.Random(7))[3:40] + list(TOPICS.values())

    def actor_page(self) -> str:
        return f"/actors/{self.rng.choice(self.ids)}"

    def timeline(self) -> str:
        q = {"actor": self.rng.choice(self.ids)}
        if self.rng.random() < 0.5:
            q["topic"] = self.rng.choice(list(TOPICS))
        return "/api/timeline?" + urlencode(q)

    def _search(self) -> str:
        q = {"q": self.rng.choice(self.words), "limit": str(SEARCH_LIMIT)}
        roll = self.rng.random()
        if roll < 0.25:
            q["topic"] = self.rng.choice(list(TOPICS))
        elif roll < 0.5:
            q["from"] = f"2023-{self.rng.randint(1, 12):02d}"
        return urlencode(q)

    def search_api(self) -> str:
        return "/api/statements?" + self._search()

    def search_page(self) -> str:
        return "/search?" + self._search()

    def time(self, path: str) -> float:
        try:
            t0 = time.perf_counter()
            status, _ = _get(self.conn, path)
        except (http.client.RemoteDisconnected, ConnectionError):  # idle past the server's keep-alive
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=60)
            t0 = time.perf_counter()
            status, _ = _get(self.conn, path)
        elapsed = (time.perf_counter() - t0) * 1000
        if status != 200:
            raise RuntimeError(f"{path} answered {status}")
        return elapsed

    def close(self) -> None:
        self.conn.close()
        self.server.close()


ENDPOINTS = {
    "actor page": "actor_page",
    "/api/timeline": "timeline",
    "search (/api/statements?q=)": "search_api",
    "search page (/search?q=)": "search_page",
}


def measure(dbs: dict[int, Path], *, requests: int) -> dict[int, dict[str, dict[str, float]]]:
    """Time every endpoint on every size, the sizes taking turns request by request, so that whatever else
    the machine is doing slows them alike."""
    targets: dict[int, Target] = {}
    try:
        for size, db in dbs.items():
            targets[size] = Target(db, seed=11)
        out: dict[int, dict[str, dict[str, float]]] = {size: {} for size in dbs}
        for name, method in ENDPOINTS.items():
            times: dict[int, list[float]] = {size: [] for size in dbs}
            for i in range(requests + 15):  # the first 15: warm-up (caches, connections, query plans)
                for size, t in targets.items():
                    elapsed = t.time(getattr(t, method)())
                    if i >= 15:
                        times[size].append(elapsed)
            for size, ts in times.items():
                ts.sort()
                out[size][name] = {
                    "p50": statistics.median(ts),
                    "p95": ts[min(len(ts) - 1, int(0.95 * len(ts)))],
                    "max": ts[-1],
                }
        return out
    finally:
        for t in targets.values():
            t.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--sizes", default="1000,100000", help="statement counts, comma-separated (default 1000,100000)"
    )
    ap.add_argument("--requests", type=int, default=300, help="timed requests per endpoint and size")
    ap.add_argument("--keep", metavar="DIR", help="keep the generated stores here, and reuse them")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument(
        "--events",
        type=int,
        default=0,
        metavar="N",
        help="events per generated article (default 0; a stanceline that stores no events ignores them)",
    )
    args = ap.parse_args(argv)
    global EVENTS_PER_ARTICLE
    EVENTS_PER_ARTICLE = args.events
    sizes = [int(s) for s in args.sizes.split(",")]
    workdir = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="stanceline-web-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    dbs: dict[int, Path] = {}
    try:
        for size in sizes:
            db = workdir / f"web-{size}.db"
            if not db.exists():
                tmp = db.with_suffix(".tmp.db")
                for p in workdir.glob(tmp.name + "*"):
                    p.unlink()
                generate(tmp, size)
                os.replace(tmp, db)
                for suffix in ("-wal", "-shm"):
                    Path(str(tmp) + suffix).unlink(missing_ok=True)
            dbs[size] = db
        print(f"  timing {', '.join(db.name for db in dbs.values())} ...", file=sys.stderr, flush=True)
        results = measure(dbs, requests=args.requests)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    lo, hi = min(sizes), max(sizes)
    ratios = {name: results[hi][name]["p95"] / results[lo][name]["p95"] for name in results[lo]}
    if args.json:
        print(
            json.dumps(
                {
                    "date": dt.date.today().isoformat(),
                    "requests": args.requests,
                    "results": results,
                    "ratio_p95": ratios,
                    "target": TARGET,
                },
                indent=2,
            )
        )
        return 0
    print(
        f"web latency, {dt.date.today()}, {os.cpu_count()} cores, {args.requests} sequential requests per "
        "endpoint and size (ms)"
    )
    head = f"{'endpoint':<30}" + "".join(f"{f'{s:,} p50':>13}{f'{s:,} p95':>13}" for s in sizes)
    print(head + f"{'p95 ratio':>11}")
    for name in results[lo]:
        row = f"{name:<30}" + "".join(
            f"{results[s][name]['p50']:>13.1f}{results[s][name]['p95']:>13.1f}" for s in sizes
        )
        mark = "ok" if ratios[name] <= TARGET else "OVER"
        print(row + f"{ratios[name]:>8.2f} {mark}")
    print(f"target: p95 at {hi:,} statements ≤ {TARGET:g} × p95 at {lo:,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
