"""What the browsing pages read: the articles list, the actors list filtered by name, counts of a search.

Pages of these lists go by offset (``start``): they are for reading, a hundred rows at a time; the JSON API
keeps its cursors.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from sqlalchemy import exists, func, or_, select

from ..store import Store
from ..store import schema as S
from .params import first_day, last_day

#: The orders of the actors list: its ``sort`` values, each with its SQL order (ties broken by id).
ACTOR_SORTS = ("statements", "articles", "name")
#: At most this many statements of a search are counted by actor, topic and stance.
COUNT_CAP = 1000


def _like(text: str) -> str:
    """``text`` as a LIKE pattern matching it anywhere, case ignored (its ``%`` and ``_`` taken literally)."""
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def actors_page(
    store: Store, *, name: str | None, kind: str | None, sort: str, limit: int, start: int
) -> tuple[list[dict[str, Any]], bool]:
    """Actors whose name or an alias holds ``name`` (case ignored), in the order ``sort``.

    Returns:
        The page of actors, and whether more follow.
    """
    a, al = S.actors, S.aliases
    order = {
        "statements": (a.c.statements.desc(), a.c.id),
        "articles": (a.c.articles.desc(), a.c.statements.desc(), a.c.id),
        "name": (func.lower(a.c.name), a.c.id),
    }[sort]
    q = select(a).order_by(*order).offset(start).limit(limit + 1)
    if kind:
        q = q.where(a.c.kind == kind)
    if name:
        pattern = _like(name)
        q = q.where(
            or_(
                func.lower(a.c.name).like(pattern, escape="\\"),
                exists().where(
                    al.c.actor_id == a.c.id,
                    al.c.kind == "name",
                    func.lower(al.c.alias).like(pattern, escape="\\"),
                ),
            )
        )
    with store.connect() as conn:
        rows = [r._mapping for r in conn.execute(q)]
    items = [
        {k: r[k] for k in ("id", "name", "kind", "country", "articles", "statements")} for r in rows[:limit]
    ]
    return items, len(rows) > limit


def article_sources(store: Store) -> list[str]:
    """The outlets of the corpus, for the articles list's filter."""
    ar = S.articles
    with store.connect() as conn:
        return [r[0] for r in conn.execute(select(ar.c.source).where(ar.c.source.is_not(None)).distinct())]


def articles_page(
    store: Store,
    *,
    source: str | None,
    date_from: str | None,
    date_to: str | None,
    actor_id: str | None,
    limit: int,
    start: int,
) -> tuple[list[dict[str, Any]], bool]:
    """Articles newest first (by publication), with how many statements each reports; whether more follow.

    ``date_from``/``date_to`` are checked dates (``YYYY[-MM[-DD]]``) on the publication date; ``actor_id``
    keeps the articles that report a statement of that actor.
    """
    ar, sg, mem, st = S.articles, S.sightings, S.statement_sightings, S.statements
    n = select(func.count()).where(sg.c.article_id == ar.c.id).scalar_subquery()
    q = (
        select(ar.c.id, ar.c.title, ar.c.source, ar.c.published, ar.c.published_basis, n.label("statements"))
        .order_by(ar.c.published.desc(), ar.c.id)
        .offset(start)
        .limit(limit + 1)
    )
    if source:
        q = q.where(ar.c.source == source)
    if date_from:
        q = q.where(ar.c.published >= first_day(date_from).isoformat())
    if date_to:
        q = q.where(ar.c.published <= last_day(date_to).isoformat())
    if actor_id:
        q = q.where(
            exists().where(
                mem.c.article_id == ar.c.id, st.c.id == mem.c.statement_id, st.c.actor_id == actor_id
            )
        )
    with store.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(q)]
    return rows[:limit], len(rows) > limit


def search_counts(items: Iterable[dict[str, Any]]) -> dict[str, list[tuple[str, str | None, int]]]:
    """Statements (as :meth:`~.queries.WebData.statements` gives them) counted by actor, topic and stance.

    Each list is ``(label, value to filter on, count)``, largest first; a statement on two topics counts
    once under each.
    """
    actors: Counter[tuple[str, str | None]] = Counter()
    topics: Counter[str] = Counter()
    stances: Counter[str] = Counter()
    for it in items:
        who = it.get("actor")
        actors[(who["name"], who["id"]) if who else ("no known speaker", None)] += 1
        for s in it["stances"]:
            topics[s["topic"]] += 1
            stances[s["stance"]] += 1
        if not it["stances"]:
            stances["no stance"] += 1

    def ordered(c: Counter[Any]) -> list[tuple[Any, int]]:
        return sorted(c.items(), key=lambda kv: (-kv[1], str(kv[0])))

    return {
        "actor": [(name, aid, n) for (name, aid), n in ordered(actors)],
        "topic": [(t, t, n) for t, n in ordered(topics)],
        "stance": [(s, None if s == "no stance" else s, n) for s, n in ordered(stances)],
    }
