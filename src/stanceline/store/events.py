"""Events across the corpus: folded at relink, read back for timelines, shifts, exports and the API.

:func:`link_events` is the part of :func:`~stanceline.store.link.relink` that rebuilds ``events`` and
``event_sightings`` from ``article_events`` (the folding rules are in :mod:`.eventfold`);
:func:`event_points` and :func:`event_export_rows` read them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from sqlalchemy import and_, delete, insert, or_, select

from ..errors import UsageError
from ..eventline import EventPoint, between, family
from ..timeline import Shift, period
from . import schema as S
from .eventfold import (
    MAX_WINDOW_DAYS,
    WINDOW_DAYS,
    EventSighting,
    FoldedEvent,
    fold_events,
    foldable_start,
)
from .store import Store

#: ``meta`` key of the folding window a relink was given (``relink --event-window``), kept for later relinks.
WINDOW_KEY = "event_window"


def check_window(value: int) -> int:
    """The folding window in days.

    Raises:
        UsageError: E023 for a value below 0 or above :data:`~.eventfold.MAX_WINDOW_DAYS`.
    """
    if not 0 <= value <= MAX_WINDOW_DAYS:
        raise UsageError.make(
            "E023",
            value=value,
            option="--event-window",
            detail=f"give a number of days from 0 to {MAX_WINDOW_DAYS} (default {WINDOW_DAYS})",
        )
    return value


def folding_window(conn: Any, value: int | None = None) -> int:
    """The window to fold with: ``value`` (then kept for later relinks), else the one kept, else the
    default :data:`~.eventfold.WINDOW_DAYS`."""
    if value is not None:
        check_window(value)
        conn.execute(delete(S.meta).where(S.meta.c.key == WINDOW_KEY))
        conn.execute(insert(S.meta).values(key=WINDOW_KEY, value=str(value)))
        return value
    raw = conn.execute(select(S.meta.c.value).where(S.meta.c.key == WINDOW_KEY)).scalar()
    return int(raw) if raw and raw.isdigit() else WINDOW_DAYS


def link_events(
    conn: Any,
    *,
    links: Mapping[tuple[str, str], tuple[str, str]],
    statement_of: Mapping[tuple[str, str], str],
    published: Mapping[str, str | None],
    countries: Mapping[str, str | None],
    window_days: int = WINDOW_DAYS,
    rows: Iterable[Any] | None = None,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Rows of ``events`` and ``event_sightings``, from every stored report (or from ``rows`` of
    ``article_events``: a set of reports closed under folding, see :mod:`.eventscope`).

    Args:
        conn: An open connection.
        links: In-article actor ``(article_id, local_id)`` → ``(corpus actor id, evidence)``.
        statement_of: Statement sighting ``(article_id, local_id)`` → corpus statement id.
        published: Article id → publication date.
        countries: Corpus actor id → its country (a side named by an actor with no country of its own in
            the report takes the actor's).
        window_days: How many days apart reports of one event may date it.
        rows: The reports to fold (``None``: every stored one).
    """
    raw: dict[tuple[str, str], Any] = {}
    reports = []
    for r in conn.execute(select(S.article_events)) if rows is None else rows:
        raw[(r.article_id, r.local_id)] = r
        reports.append(report_of(r, links, countries, published))
    folded = fold_events(reports, window_days=window_days)
    event_rows = [_event_row(f, raw, statement_of) for f in folded]
    member_rows = [
        {
            "article_id": s.article_id,
            "local_id": s.local_id,
            "event_id": f.id,
            "source_actor_id": s.source_actor_id,
            "target_actor_id": s.target_actor_id,
            "statement_id": _statement(raw[(s.article_id, s.local_id)], statement_of),
            "type": s.type,
            "negated": int(s.negated),
            "hypothetical": int(s.hypothetical),
            "span_start": start.isoformat() if (start := foldable_start(s)) else None,
        }
        for f in folded
        for s in f.sightings
    ]
    return event_rows, member_rows


def report_of(
    r: Any,
    links: Mapping[tuple[str, str], tuple[str, str]],
    countries: Mapping[str, str | None],
    published: Mapping[str, str | None],
) -> EventSighting:
    """A stored report (a row of ``article_events``) with its parties resolved to corpus actors."""
    src, tgt = _linked(links, r.article_id, r.source_actor), _linked(links, r.article_id, r.target_actor)
    return EventSighting(
        r.article_id,
        r.local_id,
        r.seq,
        r.type,
        src,
        tgt,
        r.source_country or countries.get(src or ""),
        r.target_country or countries.get(tgt or ""),
        r.happened_on,
        r.happened_granularity,
        r.happened_basis,
        bool(r.negated),
        bool(r.hypothetical),
        published.get(r.article_id),
    )


def _linked(
    links: Mapping[tuple[str, str], tuple[str, str]], article_id: str, local: str | None
) -> str | None:
    """The corpus actor an article's actor id is linked to (``None``: none given, or not linked)."""
    link = links.get((article_id, local)) if local else None
    return link[0] if link else None


def _statement(r: Any, statement_of: Mapping[tuple[str, str], str]) -> str | None:
    return statement_of.get((r.article_id, r.statement_local)) if r.statement_local else None


def _first(f: FoldedEvent, attr: str) -> Any:
    """The representative report's value, else the first other report's that has one."""
    return next((v for s in f.sightings if (v := getattr(s, attr))), None)


def _event_row(f: FoldedEvent, raw: Mapping[tuple[str, str], Any], statement_of: Mapping) -> dict[str, Any]:
    rep = f.sightings[0]
    r = raw[(rep.article_id, rep.local_id)]
    span = period(f.happened_on)
    return {
        "id": f.id,
        "type": rep.type,
        "family": family(rep.type),
        "mode": r.mode,
        "article_id": rep.article_id,
        "local_id": rep.local_id,
        "trigger_text": r.trigger_text,
        "source_actor_id": _first(f, "source_actor_id"),
        "source_text": r.source_text,
        "source_country": _first(f, "source_country"),
        "source_sector": r.source_sector,
        "target_actor_id": _first(f, "target_actor_id"),
        "target_text": r.target_text,
        "target_country": _first(f, "target_country"),
        "target_sector": r.target_sector,
        "location_text": r.location_text,
        "location_country": r.location_country,
        "happened_on": f.happened_on,
        "happened_granularity": f.granularity,
        "happened_basis": f.basis,
        "happened_start": span[0].isoformat() if span else "",
        "happened_end": span[1].isoformat() if span else "",
        "negated": int(rep.negated),
        "hypothetical": int(rep.hypothetical),
        "statement_id": next(
            (sid for s in f.sightings if (sid := _statement(raw[(s.article_id, s.local_id)], statement_of))),
            None,
        ),
        "confidence": max(raw[(s.article_id, s.local_id)].confidence for s in f.sightings),
        "first_seen": f.first_seen,
        "sightings": len({s.article_id for s in f.sightings}),
    }


# ---- reading ----------------------------------------------------------------------------------------


def _points_query() -> Any:
    ev, ar = S.events, S.articles
    src, tgt = S.actors.alias("src"), S.actors.alias("tgt")
    return select(
        ev,
        src.c.name.label("source_name"),
        tgt.c.name.label("target_name"),
        ar.c.path,
        ar.c.url,
        ar.c.title,
    ).select_from(
        ev.outerjoin(src, src.c.id == ev.c.source_actor_id)
        .outerjoin(tgt, tgt.c.id == ev.c.target_actor_id)
        .join(ar, ar.c.id == ev.c.article_id)
    )


def point_of(r: Mapping[str, Any]) -> EventPoint:
    """An :class:`~stanceline.eventline.EventPoint` from a row of :func:`_points_query`."""
    return EventPoint(
        event_id=r["id"],
        type=r["type"],
        happened_on=r["happened_on"],
        granularity=r["happened_granularity"],
        basis=r["happened_basis"],
        negated=bool(r["negated"]),
        hypothetical=bool(r["hypothetical"]),
        article_id=r["article_id"],
        local_id=r["local_id"],
        trigger=r["trigger_text"],
        source_actor_id=r["source_actor_id"],
        source=r["source_name"] or r["source_text"],
        source_country=r["source_country"],
        target_actor_id=r["target_actor_id"],
        target=r["target_name"] or r["target_text"],
        target_country=r["target_country"],
        location=r["location_text"],
        statement_id=r["statement_id"],
        confidence=r["confidence"],
        sightings=r["sightings"],
        path=r["path"],
        url=r["url"],
        title=r["title"],
    )


def event_points(
    store: Store, *, actor_ids: list[str] | None = None, countries: list[str] | None = None
) -> list[EventPoint]:
    """Corpus events in no particular order: all, or those whose source or target is one of ``actor_ids``
    or has one of ``countries``.

    Args:
        store: The store.
        actor_ids: Only events with one of these actors as a party (``None``: every event).
        countries: Also events with a party of one of these countries (ISO alpha-3).
    """
    ev = S.events
    q = _points_query()
    if actor_ids is not None:
        conds = [ev.c.source_actor_id.in_(actor_ids), ev.c.target_actor_id.in_(actor_ids)]
        if countries:
            conds += [ev.c.source_country.in_(countries), ev.c.target_country.in_(countries)]
        q = q.where(or_(*conds))
    return [point_of(r) for r in store.stream(q)]


def shift_events(store: Store, shifts: list[Shift]) -> list[list[EventPoint]]:
    """For each shift, what happened in between (see :func:`stanceline.eventline.between`): one query for
    the events of all the shifts' actors, their countries and counterparts.

    Args:
        store: The store.
        shifts: The shifts (a page of them: the events of their actors are read at once).

    Returns:
        The events between the two sides of ``shifts[i]``, at ``[i]``.
    """
    if not shifts:
        return []
    ids = sorted({s.actor_id for s in shifts})
    with store.connect() as conn:
        country = dict(
            conn.execute(select(S.actors.c.id, S.actors.c.country).where(S.actors.c.id.in_(ids))).all()
        )
    wanted = sorted({c for c in [*country.values(), *(s.counterpart for s in shifts)] if c})
    found = event_points(store, actor_ids=ids, countries=wanted)
    return [between(s, found, actor_country=country.get(s.actor_id)) for s in shifts]


EVENT_COLUMNS = (
    "event_id",
    "type",
    "family",
    "mode",
    "context",
    "happened_on",
    "happened_granularity",
    "happened_basis",
    "negated",
    "hypothetical",
    "source_actor_id",
    "source_actor",
    "source_text",
    "source_country",
    "source_sector",
    "target_actor_id",
    "target_actor",
    "target_text",
    "target_country",
    "target_sector",
    "location_text",
    "location_country",
    "trigger",
    "trigger_start",
    "trigger_end",
    "statement_id",
    "confidence",
    "sightings",
    "sighting",
    "article_id",
    "url",
    "source",
    "path",
    "title",
    "published",
    "sighting_happened_on",
    "sighting_basis",
)


def event_export_rows(store: Store) -> Iterator[dict[str, Any]]:
    """Every report of every event, streamed, one flat row each (see :data:`EVENT_COLUMNS`): the corpus
    event's fields (its id, type, date, parties as folded), then the report's article, trigger and own date.
    """
    ev, mem, ae, ar = S.events, S.event_sightings, S.article_events, S.articles
    src, tgt = S.actors.alias("src"), S.actors.alias("tgt")
    q = (
        select(
            ev,
            src.c.name.label("source_actor"),
            tgt.c.name.label("target_actor"),
            mem.c.article_id.label("s_article_id"),
            mem.c.local_id.label("s_local_id"),
            ae.c.context,
            ae.c.trigger_text.label("s_trigger"),
            ae.c.trigger_start,
            ae.c.trigger_end,
            ae.c.happened_on.label("s_happened_on"),
            ae.c.happened_basis.label("s_basis"),
            ar.c.url,
            ar.c.source.label("outlet"),
            ar.c.path,
            ar.c.title,
            ar.c.published,
        )
        .select_from(
            mem.join(ev, ev.c.id == mem.c.event_id)
            .join(ae, and_(ae.c.article_id == mem.c.article_id, ae.c.local_id == mem.c.local_id))
            .join(ar, ar.c.id == mem.c.article_id)
            .outerjoin(src, src.c.id == ev.c.source_actor_id)
            .outerjoin(tgt, tgt.c.id == ev.c.target_actor_id)
        )
        .order_by(ev.c.happened_start, ev.c.id, ar.c.published, mem.c.article_id, mem.c.local_id)
    )
    for r in store.stream(q):
        yield {
            "event_id": r["id"],
            "type": r["type"],
            "family": r["family"],
            "mode": r["mode"],
            "context": "; ".join(_context(r["context"])),
            "happened_on": r["happened_on"],
            "happened_granularity": r["happened_granularity"],
            "happened_basis": r["happened_basis"],
            "negated": bool(r["negated"]),
            "hypothetical": bool(r["hypothetical"]),
            **{k: r[k] for k in EVENT_COLUMNS[10:22]},
            "trigger": r["s_trigger"],
            "trigger_start": r["trigger_start"],
            "trigger_end": r["trigger_end"],
            "statement_id": r["statement_id"],
            "confidence": r["confidence"],
            "sightings": r["sightings"],
            "sighting": r["s_local_id"],
            "article_id": r["s_article_id"],
            "url": r["url"],
            "source": r["outlet"],
            "path": r["path"],
            "title": r["title"],
            "published": r["published"],
            "sighting_happened_on": r["s_happened_on"],
            "sighting_basis": r["s_basis"],
        }


def _context(raw: str | None) -> list[str]:
    import json

    try:
        got = json.loads(raw or "[]")
    except ValueError:
        return []
    return [str(c) for c in got] if isinstance(got, list) else []
