"""What the browsing pages read: the articles list, the actors list filtered by name, counts of a search.

Pages of these lists go by cursor, as the JSON API's do: each page is read along an index from the last
row of the one before (``ix_articles_newest``, ``ix_actors_statements``, ``ix_actors_articles``,
``ix_actors_lower_name``), so the thousandth page costs what the first does.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from sqlalchemy import exists, func, literal_column, or_, select, tuple_

from ..store import Store
from ..store import schema as S
from .params import decode_cursor, encode_cursor, first_day, last_day

#: The orders of the actors list: its ``sort`` values, each with its SQL order (ties broken by id).
ACTOR_SORTS = ("statements", "articles", "name")
#: At most this many statements of a search are counted by actor, topic and stance.
COUNT_CAP = 1000


def _like(text: str) -> str:
    """``text`` as a LIKE pattern matching it anywhere, case ignored (its ``%`` and ``_`` taken literally)."""
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def actors_page(
    store: Store, *, name: str | None, kind: str | None, sort: str, limit: int, cursor: str | None
) -> tuple[list[dict[str, Any]], str | None]:
    """Actors whose name or an alias holds ``name`` (case ignored), in the order ``sort``, from ``cursor``.

    Returns:
        The page of actors, and the cursor of the next page (``None``: the last page).

    Raises:
        ApiError: 400 for a cursor that is not one of this list in this order.
    """
    a, al = S.actors, S.aliases
    # Each order with the key its cursor holds (ties broken by id) and how the next page starts.
    keys: dict[str, tuple[Any, ...]] = {
        "statements": (a.c.statements, a.c.id),
        "articles": (a.c.articles, a.c.statements, a.c.id),
        "name": (func.lower(a.c.name), a.c.id),
    }
    types = {"statements": (int, str), "articles": (int, int, str), "name": (str, str)}[sort]
    key, ascending = keys[sort], sort == "name"
    q = select(a, *(k.label(f"k{i}") for i, k in enumerate(key)))
    q = q.order_by(*(k if ascending else k.desc() for k in key)).limit(limit + 1)
    after = decode_cursor(cursor, "actors-" + sort, types)
    if after:
        q = q.where(tuple_(*key) > tuple_(*after) if ascending else tuple_(*key) < tuple_(*after))
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
    last = rows[limit - 1] if len(rows) > limit else None
    nxt = encode_cursor("actors-" + sort, *(last[f"k{i}"] for i in range(len(key)))) if last else None
    return items, nxt


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
    cursor: str | None,
) -> tuple[list[dict[str, Any]], str | None]:
    """Articles newest first (by publication, undated last), with how many statements each reports, from
    ``cursor``; and the cursor of the next page (``None``: the last page).

    ``date_from``/``date_to`` are checked dates (``YYYY[-MM[-DD]]``) on the publication date; ``actor_id``
    keeps the articles that report a statement of that actor.

    Raises:
        ApiError: 400 for a cursor that is not one of this list.
    """
    ar, sg, mem, st = S.articles, S.sightings, S.statement_sightings, S.statements
    n = select(func.count()).where(sg.c.article_id == ar.c.id).scalar_subquery()
    # The expression of ix_articles_newest, written as it is there (a literal, not a parameter).
    day = func.coalesce(ar.c.published, literal_column("''"))
    q = (
        select(ar.c.id, ar.c.title, ar.c.source, ar.c.published, ar.c.published_basis, n.label("statements"))
        .add_columns(day.label("day"))
        .order_by(day.desc(), ar.c.id.desc())
        .limit(limit + 1)
    )
    after = decode_cursor(cursor, "articles", (str, str))
    if after:
        q = q.where(tuple_(day, ar.c.id) < tuple_(*after))
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
    nxt = (
        encode_cursor("articles", rows[limit - 1]["day"], rows[limit - 1]["id"])
        if len(rows) > limit
        else None
    )
    for r in rows:
        del r["day"]
    return rows[:limit], nxt


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
