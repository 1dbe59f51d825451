"""Which event reports an incremental relink folds again: those near the ones that changed.

:func:`~stanceline.store.eventfold.fold_events` sweeps the reports of one type and flags in date order, and
a report only looks back :func:`~stanceline.store.eventfold.reach` days for the group it joins. So reports of
one type and flags whose first days lie further apart than that, with none in between, never meet: the stored
reports fall into independent runs, and folding again the runs that hold a changed report gives the rows a
fold of the whole corpus gives.

A relink's changed reports are those of its *seed* articles: the articles it refolds (stored since the last
relink, links changed, corrected), those naming an actor whose country changed, and those whose statement
now belongs to another corpus statement. :func:`region` finds, per type and flags, the days around them,
widened along ``event_sightings(type, negated, hypothetical, span_start)`` until no stored report lies within
reach beyond either end; those reports, and every report of the seed articles, are folded again.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import and_, func, or_, select

from . import schema as S
from .eventfold import foldable_start, reach
from .events import link_events, report_of
from .identity import Identities
from .locals import stream
from .store import Store

#: Keys per ``IN (...)`` list.
CHUNK = 400
#: When the runs to fold again hold more than this share of the stored reports (news dense enough that every
#: type's reports are within reach of each other), the whole fold is cheaper than finding them one by one.
WHOLE_SHARE = 0.5

Bucket = tuple[str, int, int]  # type, negated, hypothetical


def _day(value: str, days: int) -> str:
    return (dt.date.fromisoformat(value) + dt.timedelta(days=days)).isoformat()


def moved_statements(conn: Any) -> set[str]:
    """Articles with a report whose statement (the one it was read from) is not the one stored with it."""
    es, ae, mem = S.event_sightings, S.article_events, S.statement_sightings
    q = (
        select(es.c.article_id)
        .select_from(
            es.join(ae, and_(ae.c.article_id == es.c.article_id, ae.c.local_id == es.c.local_id)).outerjoin(
                mem, and_(mem.c.article_id == ae.c.article_id, mem.c.local_id == ae.c.statement_local)
            )
        )
        .where(func.coalesce(mem.c.statement_id, "") != func.coalesce(es.c.statement_id, ""))
        .distinct()
    )
    return {r[0] for r in stream(conn, q)}


def naming(conn: Any, actors: Iterable[str]) -> set[str]:
    """Articles with a report that names one of these corpus actors as a party."""
    es, ids, out = S.event_sightings, sorted(actors), set()
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i : i + CHUNK]
        q = select(es.c.article_id).where(
            or_(es.c.source_actor_id.in_(chunk), es.c.target_actor_id.in_(chunk))
        )
        out.update(r[0] for r in conn.execute(q.distinct()))
    return out


def _between(conn: Any, bucket: Bucket, lo: str, hi: str) -> list[Any]:
    """The stored reports of ``bucket`` whose first day is in ``[lo, hi)``."""
    es = S.event_sightings
    q = select(es.c.article_id, es.c.local_id, es.c.event_id, es.c.span_start).where(
        es.c.type == bucket[0],
        es.c.negated == bucket[1],
        es.c.hypothetical == bucket[2],
        es.c.span_start >= lo,
        es.c.span_start < hi,
    )
    return list(conn.execute(q))


def _runs(conn: Any, bucket: Bucket, starts: list[str], window: int) -> list[Any]:
    """The stored reports of the runs holding these first days (see the module's docstring): around each
    span of seeds, the reports within reach, then within reach of those, each day read once."""
    far = reach(window)
    spans: list[list[str]] = []
    for d in sorted(set(starts)):  # seeds within reach of each other start as one span
        if spans and _day(spans[-1][1], far) >= d:
            spans[-1][1] = d
        else:
            spans.append([d, d])
    found: dict[tuple[str, str], Any] = {}

    def take(lo: str, hi: str) -> list[str]:
        rows = _between(conn, bucket, lo, hi)
        found.update({(r.article_id, r.local_id): r for r in rows})
        return [r.span_start for r in rows]

    for lo, hi in spans:
        bottom, top = _day(lo, -far), _day(hi, far + 1)  # read so far: [bottom, top)
        first = take(bottom, top)
        low, high = min([lo, *first]), max([hi, *first])
        while low < lo:  # a report within reach below: look within its reach too
            lo = low
            got = take(_day(lo, -far), bottom)
            bottom, low = _day(lo, -far), min([lo, *got])
        while high > hi:  # and above
            hi = high
            got = take(top, _day(hi, far + 1))
            top, high = _day(hi, far + 1), max([hi, *got])
    return list(found.values())


def region(
    conn: Any, seeds: set[str], new_reports: list[Any], window: int
) -> tuple[set[tuple[str, str]], set[str]]:
    """The reports to fold again: ``(keys of stored reports outside the seed articles, ids of the stored
    events of every report folded again)``.

    Args:
        conn: An open connection, before the relink writes events.
        seeds: The seed articles (every report of theirs, as stored now and as it was, is folded again).
        new_reports: The seed articles' reports as :class:`~stanceline.store.eventfold.EventSighting`, with
            their first day (``(report, start or None)``).
        window: The folding window in days.
    """
    es = S.event_sightings
    starts: dict[Bucket, list[str]] = defaultdict(list)
    old_events: set[str] = set()
    arts = sorted(seeds)
    for i in range(0, len(arts), CHUNK):
        q = select(es.c.event_id, es.c.type, es.c.negated, es.c.hypothetical, es.c.span_start)
        for r in conn.execute(q.where(es.c.article_id.in_(arts[i : i + CHUNK]))):
            old_events.add(r.event_id)
            if r.span_start:
                starts[(r.type, r.negated, r.hypothetical)].append(r.span_start)
    for s, start in new_reports:
        if start:
            starts[(s.type, int(s.negated), int(s.hypothetical))].append(start)
    others: set[tuple[str, str]] = set()
    for bucket in sorted(starts):
        for r in _runs(conn, bucket, starts[bucket], window):
            old_events.add(r.event_id)
            if r.article_id not in seeds:
                others.add((r.article_id, r.local_id))
    return others, old_events


def countries_changed(conn: Any, ident: Identities) -> set[str]:
    """The corpus actors whose country differs from the one stored (new and gone actors too): a report's side
    named by such an actor, with no country of its own, now folds by another country."""
    a = S.actors
    before = {r.id: r.country for r in stream(conn, select(a.c.id, a.c.country))}
    now = {x.id: x.country for x in ident.actors.values()}
    return {k for k in before.keys() | now.keys() if before.get(k, "?") != now.get(k, "?")}


def fold_near(store: Store, conn: Any, ident: Identities, window: int, seeds: set[str]) -> int | None:
    """Fold again the reports of the ``seeds`` articles and every stored report of their runs (see
    :func:`region`), replacing those runs' events and reports; return the rows changed (``None``: nothing
    done, the runs hold more than :data:`WHOLE_SHARE` of the stored reports: fold them all)."""
    ae, art, mem, ev, es = S.article_events, S.articles, S.statement_sightings, S.events, S.event_sightings
    countries = {a.id: a.country for a in ident.actors.values()}

    def by_article(table: Any, arts: Iterable[str]) -> Iterator[Any]:
        ids = sorted(arts)
        for i in range(0, len(ids), CHUNK):
            yield from conn.execute(select(table).where(table.c.article_id.in_(ids[i : i + CHUNK])))

    def dates(arts: Iterable[str]) -> dict[str, str | None]:
        ids, out = sorted(arts), {}
        for i in range(0, len(ids), CHUNK):
            q = select(art.c.id, art.c.published).where(art.c.id.in_(ids[i : i + CHUNK]))
            out.update({r.id: r.published for r in conn.execute(q)})
        return out

    rows = list(by_article(ae, seeds))
    published = dates(seeds)
    new = []
    for r in rows:
        s = report_of(r, ident.links, countries, published)
        start = foldable_start(s)
        new.append((s, start.isoformat() if start else None))
    others, old_ids = region(conn, seeds, new, window)
    stored = conn.execute(select(func.count()).select_from(es)).scalar_one()
    if len(rows) + len(others) > WHOLE_SHARE * stored:
        return None
    rows += [r for r in by_article(ae, {k[0] for k in others}) if (r.article_id, r.local_id) in others]
    arts = {r.article_id for r in rows}
    published.update(dates(arts - seeds))
    statement_of = {(r.article_id, r.local_id): r.statement_id for r in by_article(mem, arts)}
    event_rows, members = link_events(
        conn,
        links=ident.links,
        statement_of=statement_of,
        published=published,
        countries=countries,
        window_days=window,
        rows=rows,
    )
    ids = sorted(old_ids | {r["id"] for r in event_rows})
    changed = 0
    for i in range(0, len(ids), CHUNK):  # the rows of these events, replaced a chunk of ids at a time
        chunk = set(ids[i : i + CHUNK])
        changed += store.replace(
            conn, ev, [r for r in event_rows if r["id"] in chunk], where=ev.c.id.in_(sorted(chunk))
        )
        changed += store.replace(
            conn, es, [r for r in members if r["event_id"] in chunk], where=es.c.event_id.in_(sorted(chunk))
        )
    return changed


__all__ = ["countries_changed", "fold_near", "moved_statements", "naming", "region"]
