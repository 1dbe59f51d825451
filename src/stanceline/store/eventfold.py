"""The same event in many articles: fold the reports of one event into one corpus event.

Three outlets reporting that Tarsk struck a depot on 14 July give three *event sightings* and one
*event*. Two reports are the same event when:

* they have the same PLOVER type, and the same ``negated`` and ``hypothetical`` flags (a strike said not
  to have happened never folds into one that did; a threatened strike stays apart from a real one);
* they have the same parties: on each side (source, target) the same corpus actor, or, when a side's
  actor is not resolved in one of them, the same country (ISO alpha-3); a side unknown in both is the
  same; a report with neither side known folds with nothing;
* their dates are close: at most :data:`WINDOW_DAYS` days apart (a setting: ``relink --event-window``),
  comparing the spans of days each date can mean (a month holds its days). Reports dated to a year or
  coarser, or not at all, fold with nothing: "in 2023" cannot tell two strikes apart.

Each report is compared with the first (earliest dated) report of a group, so a chain of reports a few
days apart each does not drift into one event spanning weeks. The result does not depend on the order
the reports come in. Every report is kept (``event_sightings``). Pure functions; the store feeds and
writes them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ..timeline import period

#: Reports of one event may date it a few days apart (a strike on the night of the 13th, reported as the
#: 14th; "on Monday" read against a later publication date).
WINDOW_DAYS = 3
#: The widest window ``relink --event-window`` takes.
MAX_WINDOW_DAYS = 366
#: Dates this coarse or coarser never fold.
_UNFOLDABLE = ("year", "decade", "unknown")
_BASIS_RANK = {"explicit": 0, "context": 1, "publication": 2, "unknown": 3}
_GRAIN_RANK = {"day": 0, "month": 1, "year": 2, "decade": 3, "unknown": 4}


@dataclass(frozen=True)
class EventSighting:
    """One event as one article reports it, its parties resolved to corpus actors where they can be."""

    article_id: str
    local_id: str
    seq: int
    type: str
    source_actor_id: str | None
    target_actor_id: str | None
    source_country: str | None
    target_country: str | None
    happened_on: str | None
    granularity: str
    basis: str
    negated: bool = False
    hypothetical: bool = False
    published: str | None = None


@dataclass(frozen=True)
class FoldedEvent:
    """One corpus event and the reports of it (representative first: the earliest published)."""

    id: str
    sightings: tuple[EventSighting, ...]
    happened_on: str | None
    granularity: str
    basis: str
    first_seen: str | None


def _side_match(
    a_actor: str | None, a_country: str | None, b_actor: str | None, b_country: str | None
) -> bool:
    if a_actor and b_actor:
        return a_actor == b_actor
    if a_country and b_country:
        return a_country == b_country
    return not (a_actor or a_country or b_actor or b_country)


def same_parties(a: EventSighting, b: EventSighting) -> bool:
    """Whether two reports name the same parties (see the module's docstring)."""
    return _side_match(
        a.source_actor_id, a.source_country, b.source_actor_id, b.source_country
    ) and _side_match(a.target_actor_id, a.target_country, b.target_actor_id, b.target_country)


def _known(s: EventSighting) -> bool:
    return bool(s.source_actor_id or s.source_country or s.target_actor_id or s.target_country)


def _span(s: EventSighting) -> tuple[dt.date, dt.date] | None:
    if s.granularity in _UNFOLDABLE:
        return None
    return period(s.happened_on)


def close_in_time(a: EventSighting, b: EventSighting, window_days: int = WINDOW_DAYS) -> bool:
    """Whether the days the two dates can mean are at most ``window_days`` apart (``False`` when either
    is undated or dated to a year or coarser)."""
    pa, pb = _span(a), _span(b)
    if pa is None or pb is None:
        return False
    gap = (max(pa[0], pb[0]) - min(pa[1], pb[1])).days
    return gap <= window_days


def _date_order(s: EventSighting) -> tuple:
    span = _span(s)
    return (span[0] if span else dt.date.max, s.published or "9999", s.article_id, s.seq)


def _published_order(s: EventSighting) -> tuple:
    return (s.published or "9999", s.article_id, s.seq)


def _date_of(group: list[EventSighting]) -> tuple[str | None, str, str]:
    """When the event happened: a date of the text (explicit, or from its scene) over "on or before
    publication"; among several, the most frequent, then the finest, then the earliest."""
    for bases in (("explicit", "context"), ("publication",)):
        dated = [s for s in group if s.happened_on and s.basis in bases]
        if dated:
            counts = Counter(s.happened_on for s in dated)
            best = min(
                dated,
                key=lambda s: (
                    -counts[s.happened_on],
                    _GRAIN_RANK.get(s.granularity, 9),
                    _BASIS_RANK.get(s.basis, 9),
                    s.happened_on,
                ),
            )
            return best.happened_on, best.granularity, best.basis
    return None, "unknown", "unknown"


def reach(window_days: int) -> int:
    """How many days before a report :func:`fold_events` looks for the group it joins (the window and a
    month, the longest span that still folds). Reports of one type and flags whose first days are further
    apart than this, with no report in between, never meet: their folds are independent of each other."""
    return window_days + 31


def foldable_start(s: EventSighting) -> dt.date | None:
    """The first day of a report that can fold with others (known parties, a date finer than a year);
    ``None`` for one that is an event of its own whatever else is stored."""
    if not _known(s):
        return None
    span = _span(s)
    return span[0] if span else None


def _find_group(groups: list[list[EventSighting]], s: EventSighting, window_days: int) -> list | None:
    """The earliest group ``s`` belongs to. Groups come in the order of their first report's first day, so
    only the last few can be close in time: the scan back stops at a group that starts more than the window
    and a month (the longest span that still folds) before ``s``."""
    span = _span(s)
    if span is None:
        return None
    stop = span[0] - dt.timedelta(days=reach(window_days))
    found = None
    for g in reversed(groups):
        first = _span(g[0])
        if first is None or first[0] < stop:
            break
        if same_parties(s, g[0]) and close_in_time(s, g[0], window_days):
            found = g
    return found


def event_id(s: EventSighting) -> str:
    """The id of the event whose representative report is ``s`` (a content hash: the same in any store)."""
    return hashlib.sha256(f"{s.type}\x1f{s.article_id}\x1f{s.local_id}".encode()).hexdigest()[:16]


def fold_events(sightings: Iterable[EventSighting], *, window_days: int = WINDOW_DAYS) -> list[FoldedEvent]:
    """Group reports into events; deterministic whatever the input order.

    Args:
        sightings: Every report of every article.
        window_days: How many days apart two reports of one event may date it.
    """
    buckets: dict[tuple[str, bool, bool], list[EventSighting]] = defaultdict(list)
    for s in sightings:
        buckets[(s.type, s.negated, s.hypothetical)].append(s)
    out = []
    for key in sorted(buckets):
        groups: list[list[EventSighting]] = []
        for s in sorted(buckets[key], key=_date_order):
            hit = _find_group(groups, s, window_days) if _known(s) else None
            if hit is None:
                groups.append([s])
            else:
                hit.append(s)
        for g in groups:
            g.sort(key=_published_order)
            value, grain, basis = _date_of(g)
            first = min((s.published for s in g if s.published), default=None)
            out.append(FoldedEvent(event_id(g[0]), tuple(g), value, grain, basis, first))
    return sorted(out, key=lambda f: f.id)
