"""The in-article actors of a whole corpus, read for a relink without holding the statements.

Identity (:func:`stanceline.store.identity.resolve`) looks at every in-article actor at once (who else
holds a title, which namesake dominates), so its input is corpus-wide. It needs only a few fields per
actor, though: each actor's name, titles, country, its article's date, and from its statements how many
there are, when they were said and their source texts. Those are read here in key order with a
server-side cursor, so memory grows with the number of in-article actors, never with the statements'
text.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from typing import Any

from sqlalchemy import select

from . import schema as S
from .identity import LocalActor

#: Rows fetched per round trip when streaming a table.
CHUNK = 5000


def stream(conn: Any, query: Any, size: int = CHUNK) -> Iterator[Any]:
    """Rows of ``query`` fetched ``size`` at a time (a server-side cursor on PostgreSQL)."""
    # On the statement: ``Connection.execution_options`` would make every later query of the connection a
    # server-side one, and PostgreSQL's server-side cursors take no executemany.
    yield from conn.execute(query.execution_options(stream_results=True, yield_per=size))


def spoken(conn: Any) -> dict[tuple[str, str], tuple[int, str | None, tuple[str, ...]]]:
    """Per in-article actor: how many statements it is the source of, when they were said (when
    the text says so: the date a bare title is resolved by), and their source texts in the order said."""
    sg = S.sightings
    q = (
        select(
            sg.c.article_id,
            sg.c.actor_local,
            sg.c.source_text,
            sg.c.said_on,
            sg.c.said_granularity,
            sg.c.said_basis,
        )
        .where(sg.c.actor_local.is_not(None))
        .order_by(sg.c.article_id, sg.c.seq)
    )
    out: dict[tuple[str, str], tuple[int, str | None, tuple[str, ...]]] = {}
    article: str | None = None
    count: Counter[str] = Counter()
    dates: dict[str, Counter[str]] = {}
    sources: dict[str, list[str]] = {}

    def flush() -> None:
        for local, n in count.items():
            ds = dates.get(local)
            said = min(ds, key=lambda d: (-ds[d], d)) if ds else None
            out[(article or "", local)] = (n, said, tuple(sources.get(local, ())))
        count.clear()
        dates.clear()
        sources.clear()

    for r in stream(conn, q):
        if r.article_id != article:  # one article at a time: its actors are done
            flush()
            article = r.article_id
        local = r.actor_local
        count[local] += 1
        if r.source_text and r.source_text not in sources.setdefault(local, []):
            sources[local].append(r.source_text)
        if r.said_on and r.said_basis in ("explicit", "context"):
            if r.said_granularity == "day":
                dates.setdefault(local, Counter())[r.said_on[:10]] += 1
            elif r.said_granularity == "month":  # a month is taken at its middle
                dates.setdefault(local, Counter())[r.said_on[:7] + "-15"] += 1
    flush()
    return out


def local_actors(conn: Any) -> list[LocalActor]:
    """Every in-article actor of the corpus, in key order, with what its statements say of it."""
    told = spoken(conn)
    aa, ar = S.article_actors, S.articles
    q = (
        select(aa, ar.c.published)
        .select_from(aa.join(ar, ar.c.id == aa.c.article_id, isouter=True))
        .order_by(aa.c.article_id, aa.c.local_id)
    )
    return [
        LocalActor(
            r.article_id,
            r.local_id,
            r.name,
            r.kind,
            tuple(json.loads(r.titles)),
            r.country,
            r.published,
            *told.get((r.article_id, r.local_id), (0, None, ())),
        )
        for r in stream(conn, q)
    ]
