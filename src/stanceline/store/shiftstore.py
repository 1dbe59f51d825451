"""The ``shifts`` table (schema 7): the stance shifts of the whole corpus, kept by relink.

:func:`~stanceline.timeline.detect_shifts` over every statement is what ``stanceline shifts``, the shifts
feed and the overview show. Its result for one actor depends on that actor's points and, for the points
that name no counterpart, on the other points of the same articles (see
:func:`~stanceline.timeline.counterparts`). So a relink detects again only for

* the actors it refolded, renamed or removed, and
* the actors with points in the articles where those actors' points were before or are after,

reading each batch's points with those of their articles (index lookups by actor and by article), and
replaces those actors' rows. A full relink and the migration to schema 7 detect for every actor, batch by
batch. The rows read back (:func:`read`) give the shifts of one detection over the whole corpus, in its
order; the feed (:func:`feed`) pages through them newest first along an index.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import delete, insert, select, tuple_

from ..timeline import Point, Shift, detect_shifts
from . import schema as S
from .corrections import corrected
from .queries import point_query, to_point

#: Actors whose shifts are detected together, and article ids per lookup.
BATCH = 400
_MAX_DAY = dt.date.max.isoformat()


def _chunks(items: Sequence[str], n: int = BATCH) -> Iterator[list[str]]:
    for i in range(0, len(items), n):
        yield list(items[i : i + n])


def point_articles(conn: Any, actors: Iterable[str]) -> set[str]:
    """The articles the points of these actors come from (each stance's evidence sighting)."""
    st, ss = S.statements, S.statement_stances
    out: set[str] = set()
    for chunk in _chunks(sorted(actors)):
        q = (
            select(ss.c.article_id)
            .select_from(st.join(ss, ss.c.statement_id == st.c.id))
            .where(st.c.actor_id.in_(chunk))
            .distinct()
        )
        out.update(r[0] for r in conn.execute(q))
    return out


def _sighted() -> Any:
    """Each stance of a statement in the article that reports it, with the statement."""
    st, ss, mem = S.statements, S.statement_stances, S.statement_sightings
    return mem.join(
        ss,
        (ss.c.statement_id == mem.c.statement_id)
        & (ss.c.article_id == mem.c.article_id)
        & (ss.c.local_id == mem.c.local_id),
    ).join(st, st.c.id == mem.c.statement_id)


def speakers_of(conn: Any, articles: Iterable[str]) -> set[str]:
    """The actors with points in these articles."""
    st, mem = S.statements, S.statement_sightings
    out: set[str] = set()
    for chunk in _chunks(sorted(articles)):
        q = (
            select(st.c.actor_id)
            .select_from(_sighted())
            .where(mem.c.article_id.in_(chunk), st.c.actor_id.is_not(None))
            .distinct()
        )
        out.update(r[0] for r in conn.execute(q))
    return out


def _points(
    conn: Any, actors: list[str], fixed: dict[str, dict[str, Any]]
) -> tuple[list[Point], list[Point]]:
    """The points of ``actors``, and as context every point of the articles they come from (only what a
    point lends its article's others: speaker, topic, stance, date, counterpart)."""
    st, ss, mem = S.statements, S.statement_stances, S.statement_sightings
    q = point_query()
    own = [
        to_point(dict(r._mapping), fixed)
        for chunk in _chunks(actors)
        for r in conn.execute(q.where(st.c.actor_id.in_(chunk)))
    ]
    light = select(
        st.c.actor_id,
        ss.c.topic,
        ss.c.stance,
        ss.c.confidence,
        ss.c.counterpart_text,
        ss.c.counterpart_country,
        st.c.said_on,
        ss.c.article_id,
    ).select_from(_sighted())
    context = []
    for chunk in _chunks(sorted({p.article_id for p in own})):
        for r in conn.execute(light.where(mem.c.article_id.in_(chunk), st.c.actor_id.is_not(None))):
            context.append(
                Point(
                    statement_id="",
                    actor_id=r.actor_id,
                    actor="",
                    topic=r.topic,
                    stance=r.stance,
                    said_on=r.said_on,
                    granularity="",
                    basis="",
                    content="",
                    article_id=r.article_id,
                    local_id="",
                    confidence=r.confidence or 0.0,
                    counterpart_text=r.counterpart_text,
                    counterpart_country=r.counterpart_country,
                )
            )
    return own, context


def _point_dict(p: Point) -> dict[str, Any]:
    return {f.name: getattr(p, f.name) for f in dataclasses.fields(p)}


def shift_rows(shifts: Iterable[Shift]) -> list[dict[str, Any]]:
    """The table's rows of these shifts (one detection's, in its order)."""
    rows, seq = [], {}
    for s in shifts:
        key = (s.actor_id, s.topic, s.counterpart or "")
        seq[key] = seq.get(key, -1) + 1
        span = s.after[0].period
        fields = (f.name for f in dataclasses.fields(s))
        body = {
            **{f: getattr(s, f) for f in fields if f not in ("before", "after")},
            "before": [_point_dict(p) for p in s.before],
            "after": [_point_dict(p) for p in s.after],
        }
        rows.append(
            {
                "actor_id": s.actor_id,
                "topic": s.topic,
                "counterpart": key[2],
                "seq": seq[key],
                "day": span[0].isoformat() if span else "",
                "statement_id": s.after[0].statement_id,
                "actor": s.actor,
                "body": json.dumps(body, ensure_ascii=False, sort_keys=True),
            }
        )
    return rows


def to_shift(row: Any) -> Shift:
    """A row of the table as the :class:`~stanceline.timeline.Shift` it was detected as."""
    d = json.loads(row.body)
    d["before"] = tuple(Point.from_row(p) for p in d["before"])
    d["after"] = tuple(Point.from_row(p) for p in d["after"])
    return Shift(**d)


def detect_for(conn: Any, actors: Sequence[str], fixed: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows of these actors' shifts, as a detection over the whole corpus finds them."""
    wanted = set(actors)
    own, context = _points(conn, sorted(wanted), fixed)
    return shift_rows(detect_shifts(own, context=context))


def update(store: Any, conn: Any, actors: Iterable[str]) -> int:
    """Detect the shifts of ``actors`` again and make the table hold them; returns rows changed."""
    fixed = corrected(conn)
    changed = 0
    for chunk in _chunks(sorted(actors)):
        rows = detect_for(conn, chunk, fixed)
        changed += store.replace(conn, S.shifts, rows, where=S.shifts.c.actor_id.in_(chunk))
    return changed


def refill(conn: Any) -> None:
    """Detect every actor's shifts and write them into an emptied table (a full relink, the migration)."""
    st = S.statements
    fixed = corrected(conn)
    conn.execute(delete(S.shifts))
    q = select(st.c.actor_id).where(st.c.actor_id.is_not(None)).distinct().order_by(st.c.actor_id)
    actors = [r[0] for r in conn.execute(q)]
    for chunk in _chunks(actors):
        rows = detect_for(conn, chunk, fixed)
        if rows:
            conn.execute(insert(S.shifts), rows)


def _order(row: Any) -> tuple:
    # detect_shifts' order: the first day after, the actor's name, the topic; its series in key order
    return (row.day or _MAX_DAY, row.actor, row.topic, row.actor_id, row.counterpart, row.seq)


def read(conn: Any, *, topic: str | None = None) -> list[Shift]:
    """Every shift (on ``topic``), in the order of :func:`~stanceline.timeline.detect_shifts`."""
    q = select(S.shifts)
    if topic is not None:
        q = q.where(S.shifts.c.topic == topic)
    return [to_shift(r) for r in sorted(conn.execute(q), key=_order)]


def feed(
    conn: Any, *, topic: str | None, limit: int | None, after: tuple[str, str, str, str] | None
) -> list[tuple[tuple[str, str, str, str], Shift]]:
    """Up to ``limit`` (``None``: all) shifts newest first, by ``(day, actor id, topic, first statement
    after)``, from below the key ``after``: an index range, whatever the number of shifts."""
    t = S.shifts
    key = (t.c.day, t.c.actor_id, t.c.topic, t.c.statement_id)
    q = select(t).order_by(*(c.desc() for c in key)).limit(limit)  # LIMIT NULL: no limit
    if topic is not None:
        q = q.where(t.c.topic == topic)
    if after is not None:
        q = q.where(tuple_(*key) < tuple_(*after))
    return [((r.day, r.actor_id, r.topic, r.statement_id), to_shift(r)) for r in conn.execute(q)]


__all__ = ["detect_for", "feed", "point_articles", "read", "refill", "shift_rows", "speakers_of", "update"]
