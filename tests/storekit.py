"""Helpers for the corpus-store tests: small fictional articles, and a dump of a whole database.

Every name here is invented (people, countries, outlets).
"""

from __future__ import annotations

import random
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
