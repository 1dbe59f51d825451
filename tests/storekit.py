"""Helpers for the corpus-store tests: small fictional articles, and a dump of a whole database.

Every name here is invented (people, countries, outlets).
"""

from __future__ import annotations

import random
import signal
from pathlib import Path

from sqlalchemy import create_engine, select

from stanceline.store import database_url
from stanceline.store import schema as S

PEOPLE = [
    ("Prime Minister", "Lorin Haske"),
    ("Foreign Minister", "Mira Tollen"),
    ("President", "Jaspar Quell"),
    ("Senator", "Edda Marrick"),
    ("Defence Minister", "Toma Brisk"),
]
PLACES = ["Varnia", "Osterholm", "Kelmar", "the Drav valley"]
TOPICS = ["the ceasefire", "the sanctions", "the talks", "the grain corridor", "the border treaty"]
QUOTES = [
    "We will not sign {t} while our farmers are being punished",
    "We support {t} and we will defend it in every forum",
    "Nobody in {p} wants {t} to fail",
    "If they lift the embargo, we are ready to discuss {t}",
    "There is no alternative to {t} for the people of {p}",
    "{T} is a trap and we will not walk into it",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def article(rng: random.Random, n: int) -> str:
    """One short article (three paragraphs, two or three statements) with a dateline."""
    (title, name), (title2, name2) = rng.sample(PEOPLE, 2)
    topic, place = rng.choice(TOPICS), rng.choice(PLACES)
    q1 = rng.choice(QUOTES).format(t=topic, T=topic[0].upper() + topic[1:], p=place)
    q2 = rng.choice(QUOTES).format(t=topic, T=topic[0].upper() + topic[1:], p=place)
    day = rng.choice(DAYS)
    date = f"{rng.randint(1, 28)} {rng.choice(['March', 'April', 'May'])} 202{rng.randint(2, 4)}"
    surname = name.split()[-1]
    return (
        f"KELMAR, {date} - Dispatch number {n}.\n\n"
        f'"{q1}," {title} {name} said on {day}.\n\n'
        f"{title2} {name2} told reporters that {place} would keep its embassy open. "
        f'"{q2}," {surname} added.\n'
    )


def write_corpus(folder: Path, n: int, *, seed: int = 7) -> Path:
    """``n`` generated articles as ``folder/NNN.txt``; the same seed gives the same files."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"{i:03d}.txt").write_text(article(rng, i), encoding="utf-8")
    return folder


#: Columns that record *which run* did something: a log, not the corpus.
RUN_COLUMNS = {"failures": {"run_id"}}
#: ``meta`` keys that count runs or relinks (a cache generation): a log too.
RUN_KEYS = {"search_generation"}


def dump(db: str, *, skip: tuple[str, ...] = ("runs",)) -> dict[str, list[tuple]]:
    """Every table but ``runs``, as sorted lists of rows (without the columns that point at runs)."""
    engine = create_engine(database_url(db))
    try:
        out = {}
        with engine.connect() as conn:
            for table in S.metadata.sorted_tables:
                if table.name in skip:
                    continue
                cols = [c for c in table.columns if c.name not in RUN_COLUMNS.get(table.name, ())]
                q = select(*cols)
                if table is S.meta:
                    q = q.where(S.meta.c.key.not_in(RUN_KEYS))
                rows = [tuple(r) for r in conn.execute(q)]
                out[table.name] = sorted(rows, key=repr)
        return out
    finally:
        engine.dispose()


def diff(a: dict[str, list[tuple]], b: dict[str, list[tuple]]) -> list[str]:
    """What differs between two dumps, readably (empty when they are equal)."""
    out = []
    for name in sorted(set(a) | set(b)):
        ra, rb = set(a.get(name, [])), set(b.get(name, []))
        if ra != rb:
            out.append(
                f"{name}: {len(ra - rb)} rows only in the first, {len(rb - ra)} only in the second; "
                f"e.g. {sorted(ra - rb, key=repr)[:1]} / {sorted(rb - ra, key=repr)[:1]}"
            )
    return out


def inconsistencies(db: str) -> list[str]:
    """What a half-stored article would leave: rows whose article (or statement, or stance) is missing, and
    articles whose stored statements and stances differ from their own record (the analysis as JSON).
    Empty for a consistent database, and for one with no schema yet."""
    import json

    from sqlalchemy import inspect

    engine = create_engine(database_url(db))
    try:
        if "articles" not in inspect(engine).get_table_names():
            return []
        with engine.connect() as conn:

            def keys(table, *cols: str) -> list[tuple]:
                return [tuple(r) for r in conn.execute(select(*(table.c[c] for c in cols)))]

            records = {a: json.loads(r) for a, r in keys(S.articles, "id", "record")}
            statements = keys(S.sightings, "article_id", "local_id")
            stances = keys(S.stances, "article_id", "local_id", "idx")
            conditions = keys(S.conditions, "article_id", "local_id", "stance_idx")
            out = [f"statement {k} without its article" for k in statements if k[0] not in records]
            out += [
                f"actor row {k} without its article"
                for k in keys(S.article_actors, "article_id", "local_id")
                if k[0] not in records
            ]
            out += [f"stance {k} without its statement" for k in stances if k[:2] not in set(statements)]
            out += [f"condition {k} without its stance" for k in conditions if k not in set(stances)]
            for article, record in records.items():
                want = record.get("statements", [])
                got = [k for k in statements if k[0] == article]
                if len(got) != len(want):
                    out.append(f"article {article}: {len(got)} statements stored, its record has {len(want)}")
                n_stances = sum(len(s.get("stances", [])) for s in want)
                if sum(1 for k in stances if k[0] == article) != n_stances:
                    out.append(f"article {article}: stances stored differ from its record ({n_stances})")
            return out
    finally:
        engine.dispose()


def ctrl_c_reaches_it() -> None:
    """``preexec_fn`` of a command a test stops with Ctrl-C: SIGINT as a terminal's job has it. A job
    started in the background by a non-interactive shell (a CI runner's ``cmd &``) inherits SIGINT ignored,
    and Python then installs no KeyboardInterrupt handler, so the command would never see the Ctrl-C."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
