"""Who is who across a real corpus: how many actors, and how many of them are fragments of others.

Usage::

    .venv/bin/python benchmarks/actors.py [DIR ...] [--db PATH] [--json]

Ingests ``DIR`` (default ``../shared/data/polnear/dev/text``, the 84 PolNeAR dev articles) as one
corpus into a fresh temporary SQLite database (or reads ``--db PATH`` as it is, ingesting nothing
when no DIR is given with it) and prints:

- **actors**, and **singletons**: actors with exactly one statement;
- **over 6 words**: actors whose name has more than six words (clauses and descriptions);
- **duplicate full names**: names of two or more words that more than one actor is shown by (groups
  without a proper name are kept apart in each article on purpose, so they are counted apart);
- **full names written two ways**: pairs of people whose names are one name spelled another way or
  with a middle initial (``Donald J. Trump`` beside ``Donald Trump``; :mod:`stanceline.store.names`);
- **bare surnames beside a full name**: people shown by one word that is the last word of another
  person's full name (five "Trump"s beside Donald Trump);
- **statements without an actor**.

There is no gold here: fewer fragments is better only where they are the same person, which the
identity tests check on invented cases (``tests/test_identity.py``).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DIR = REPO.parent / "shared" / "data" / "polnear" / "dev" / "text"


def _key(name: str) -> str:
    s = re.sub(r"^the\s+", "", name.replace("\u2019", "'").casefold().strip())
    return re.sub(r"[^\w'-]+", " ", re.sub(r"'s?$", "", s)).strip()


def figures(db: str) -> dict[str, Any]:
    """The counts above, from a stanceline database."""
    from stanceline.store import Store
    from stanceline.store import schema as S

    with Store(db, create=False) as store, store.connect() as conn:
        rows = list(conn.execute(select(S.actors.c.name, S.actors.c.kind, S.actors.c.statements)))
        statements = conn.execute(select(func.count()).select_from(S.statements)).scalar_one()
        unlinked = conn.execute(
            select(func.count()).select_from(S.statements).where(S.statements.c.actor_id.is_(None))
        ).scalar_one()
    from stanceline.store.names import same_name, skeleton, tokens

    named = [r for r in rows if r.kind not in ("anonymous", "group")]
    full = Counter(_key(r.name) for r in named if len(_key(r.name).split()) > 1)
    groups = Counter(_key(r.name) for r in rows if r.kind == "group" and len(_key(r.name).split()) > 1)
    people = sorted({_key(r.name) for r in rows if r.kind == "person" and len(_key(r.name).split()) > 1})
    by_skeleton: dict[tuple, list[str]] = defaultdict(list)
    for n in people:
        by_skeleton[skeleton(tokens(n))[0]].append(n)
    two_ways = sum(1 for v in by_skeleton.values() if len(v) > 1)
    by_given: dict[tuple, list[str]] = defaultdict(list)
    for n in people:
        by_given[tokens(n)[:-1]].append(n)
    for v in by_given.values():
        two_ways += sum(1 for i, a in enumerate(v) for b in v[i + 1 :] if a != b and same_name(a, b))
    surnames: dict[str, int] = defaultdict(int)
    for r in rows:
        words = _key(r.name).split()
        if r.kind == "person" and len(words) > 1:
            surnames[words[-1]] += 1
    bare = [
        r for r in rows if r.kind == "person" and len(_key(r.name).split()) == 1 and _key(r.name) in surnames
    ]
    return {
        "actors": len(rows),
        "singletons": sum(1 for r in rows if r.statements == 1),
        "over_6_words": sum(1 for r in rows if len(r.name.split()) > 6),
        "duplicate_full_names": sum(1 for n in full.values() if n > 1),
        "duplicate_group_names": sum(1 for n in groups.values() if n > 1),
        "full_names_written_two_ways": two_ways,
        "bare_surnames_beside_a_full_name": len(bare),
        "statements": statements,
        "statements_without_actor": unlinked,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dirs", nargs="*", help=f"folders of articles (default {DEFAULT_DIR})")
    ap.add_argument("--db", help="a database to read (ingested into first when DIR is given)")
    ap.add_argument("--json", action="store_true", help="one JSON object")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "actors.db")
        if args.dirs or not args.db:
            from stanceline.ingest import ingest
            from stanceline.store import Store

            with Store(db) as store:
                ingest([str(d) for d in (args.dirs or [DEFAULT_DIR])], store, workers=1)
        out = figures(db)
    if args.json:
        print(json.dumps(out))
    else:
        for k, v in out.items():
            print(f"{k.replace('_', ' '):<36} {v:>6}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
