"""Events as the API and the pages read them: ``/api/events`` a page at a time (each with its reports), and
an actor's or a topic's events for its timeline and chart.

A list is newest first by the first day an event's date can mean, then by id (``ix_events_happened``), so
a page and its keyset cursor are one index range; undated events come last. An actor's events are found by
``ix_events_source`` and ``ix_events_target``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any
from urllib.parse import quote

from sqlalchemy import and_, or_, select, tuple_

from ..eventline import EventPoint
from ..store import schema as S
from ..store.events import event_points
from .params import decode_cursor, encode_cursor, first_day, last_day
from .queries import WebData


def _side(actor_id: str | None, name: str | None, text: str | None, country: str | None, sector: str | None):
    return {
        "actor": {"id": actor_id, "name": name} if actor_id else None,
        "text": text,
        "country": country,
        "sector": sector,
    }


def _items(conn: Any, rows: list[Any]) -> list[dict[str, Any]]:
    """Events rows as the API gives them, each with every report of it."""
    if not rows:
        return []
    ids = [r.id for r in rows]
    mem, ae, ar = S.event_sightings, S.article_events, S.articles
    reports: dict[str, list[dict[str, Any]]] = defaultdict(list)
    q = (
        select(
            mem.c.event_id,
            mem.c.article_id,
            mem.c.local_id,
            ae.c.trigger_text,
            ae.c.happened_on,
            ar.c.title,
            ar.c.source,
            ar.c.published,
            ar.c.url,
        )
        .select_from(
            mem.join(ae, and_(ae.c.article_id == mem.c.article_id, ae.c.local_id == mem.c.local_id)).join(
                ar, ar.c.id == mem.c.article_id
            )
        )
        .where(mem.c.event_id.in_(ids))
        .order_by(ar.c.published, mem.c.article_id, mem.c.local_id)
    )
    for r in conn.execute(q):
        reports[r.event_id].append(
            {
                "article_id": r.article_id,
                "local_id": r.local_id,
                "trigger": r.trigger_text,
                "happened_on": r.happened_on,
                "title": r.title,
                "source": r.source,
                "published": r.published,
                "url": r.url,
                "page": f"/articles/{quote(r.article_id, safe='')}",
            }
        )
    out = []
    for r in rows:
        p = _point(r)
        out.append(
            {
                "id": r.id,
                "type": r.type,
                "family": r.family,
                "mode": r.mode,
                "happened_on": r.happened_on,
                "when": p.when,
                "granularity": r.happened_granularity,
                "basis": r.happened_basis,
                "uncertain": p.uncertain,
                "negated": bool(r.negated),
                "hypothetical": bool(r.hypothetical),
                "trigger": r.trigger_text,
                "source": _side(
                    r.source_actor_id, r.source_name, r.source_text, r.source_country, r.source_sector
                ),
                "target": _side(
                    r.target_actor_id, r.target_name, r.target_text, r.target_country, r.target_sector
                ),
                "location": {"text": r.location_text, "country": r.location_country}
                if r.location_text
                else None,
                "statement": (
                    {"id": r.statement_id, "page": f"/statements/{r.statement_id}"}
                    if r.statement_id
                    else None
                ),
                "confidence": r.confidence,
                "sightings": r.sightings,
                "reports": reports.get(r.id, []),
            }
        )
    return out


def _point(r: Any) -> EventPoint:
    return EventPoint(
        event_id=r.id,
        type=r.type,
        happened_on=r.happened_on,
        granularity=r.happened_granularity,
        basis=r.happened_basis,
        negated=bool(r.negated),
        hypothetical=bool(r.hypothetical),
        article_id=r.article_id,
        local_id=r.local_id,
    )


def _select() -> Any:
    ev = S.events
    src, tgt = S.actors.alias("src"), S.actors.alias("tgt")
    return select(ev, src.c.name.label("source_name"), tgt.c.name.label("target_name")).select_from(
        ev.outerjoin(src, src.c.id == ev.c.source_actor_id).outerjoin(tgt, tgt.c.id == ev.c.target_actor_id)
    )


def events_page(
    w: WebData,
    *,
    actor: str | None,
    event_type: str | None,
    date_from: str | None,
    date_to: str | None,
    limit: int,
    cursor: str | None,
) -> tuple[list[dict[str, Any]], str | None]:
    """A page of events, newest first, and the cursor of the next page.

    Raises:
        ApiError: 400 for a bad cursor or an ambiguous actor, 404 for an unknown actor.
    """
    ev = S.events
    key = decode_cursor(cursor, "e", (str, str))
    q = _select().order_by(ev.c.happened_start.desc(), ev.c.id.desc()).limit(limit + 1)
    if actor:
        actor_id = w.actor_id(actor, param="actor")
        q = q.where(or_(ev.c.source_actor_id == actor_id, ev.c.target_actor_id == actor_id))
    if event_type:
        q = q.where(ev.c.type == event_type)
    if date_from:  # an event is in a range when its date may fall in it; undated ones never are
        q = q.where(ev.c.happened_end >= first_day(date_from).isoformat(), ev.c.happened_start != "")
    if date_to:
        q = q.where(ev.c.happened_start <= last_day(date_to).isoformat(), ev.c.happened_start != "")
    if key:
        q = q.where(tuple_(ev.c.happened_start, ev.c.id) < tuple_(*key))
    with w.store.connect() as conn:
        rows = list(conn.execute(q))
        items = _items(conn, rows[:limit])
    nxt = (
        encode_cursor("e", rows[limit - 1].happened_start, rows[limit - 1].id) if len(rows) > limit else None
    )
    return items, nxt


def _actor_country(conn: Any, actor_id: str) -> str | None:
    return conn.execute(select(S.actors.c.country).where(S.actors.c.id == actor_id)).scalar()


def chart_events(w: WebData, actor_ids: list[str], *, with_country: bool = False) -> list[EventPoint]:
    """The events (never a negated one) these actors are party to, for a chart; with ``with_country``, also
    those of the (first) actor's country (an actor's own page)."""
    countries = []
    if with_country and actor_ids:
        with w.store.connect() as conn:
            countries = [c] if (c := _actor_country(conn, actor_ids[0])) else []
    return [e for e in event_points(w.store, actor_ids=actor_ids, countries=countries) if e.drawn]


#: Events listed under an actor's chart, newest first (the API and the export give them all).
LISTED = 50


def event_list(events: list[EventPoint]) -> list[dict[str, Any]]:
    """The newest :data:`LISTED` events as rows of the actor page's list (the chart's text equivalent)."""
    newest = sorted(events, key=lambda e: (e.period or (dt.date.min,))[0], reverse=True)[:LISTED]
    return [
        {
            "when": e.when,
            "type": e.type,
            "family": e.family,
            "hypothetical": e.hypothetical,
            "parties": e.parties,
            "trigger": e.trigger,
            "href": event_url(e),
            "sightings": e.sightings,
        }
        for e in newest
    ]


def event_url(e: EventPoint) -> str:
    """Where a chart's event marker leads: the article that reports it (its representative report)."""
    return f"/articles/{quote(e.article_id, safe='')}"


__all__ = ["chart_events", "event_list", "event_url", "events_page"]
