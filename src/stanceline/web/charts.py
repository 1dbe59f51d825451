"""The data of the stance charts (read by ``static/chart.js``): points, lanes, the time range they open on.

Colour is the stance (the Okabe–Ito palette, safe for colour-blind readers, in ``chart.js`` and
``style.css``); fill is the date: a filled point is dated, an open ring only known to be said on or
before its article's publication. Points of one lane said on the same day are spread within that day
and carry how many share it, so none hides another. The time axis opens on the range where most
statements are (:func:`opening_range`); a range slider reaches the rest.
"""

from __future__ import annotations

import datetime as dt
import html
import textwrap
from collections import defaultdict
from typing import Any

from ..eventline import EventPoint
from ..timeline import Point
from .evidence import sighting_url

NO_TOPIC = "(no topic)"
#: The lane of an actor's events on its own page (its other lanes are topics).
EVENTS_LANE = "(events)"
#: Same-day points of a lane are spread over this much of their day, centred on noon.
DAY_SPREAD_HOURS = 16.0
#: The share of points left out at each end when looking for where the statements are.
TAIL = 0.05


def hover(p: Point, lane_label: str, same_day: int = 1) -> str:
    """Hover text for plotly: every piece escaped (plotly reads a few tags), joined by <br>."""
    lines = textwrap.wrap(" ".join(p.content.split()), 80, max_lines=6, placeholder=" …") or [""]
    date = f"said {'on or before' if p.uncertain else 'on'} {p.said_on or '?'}"
    if p.uncertain:
        date += " (publication: no date of its own)"
    meta = [lane_label, p.stance or "no stance", date]
    if same_day > 1:
        meta.append(f"one of {same_day} on this day")
    if p.conditions:
        meta.append("if: " + "; ".join(p.conditions))
    return "<br>".join(
        [
            *(html.escape(x, quote=False) for x in lines),
            "<i>" + " · ".join(html.escape(m, quote=False) for m in meta) + "</i>",
        ]
    )


def _quantile(days: list[int], q: float) -> float:
    """The ``q`` quantile of sorted ``days`` (linear between neighbours)."""
    pos = q * (len(days) - 1)
    lo = int(pos)
    hi = min(lo + 1, len(days) - 1)
    return days[lo] + (days[hi] - days[lo]) * (pos - lo)


def opening_range(dates: list[dt.date]) -> tuple[dt.date, dt.date] | None:
    """The dates the time axis opens on: where the statements are, robust to a few stray ones.

    The 5th to 95th percentile, widened by a quarter of its width on each side (at least 30 days): the
    points within that reach are all shown, and a stray date years away from the rest is left to the range
    slider. Then a margin of 4 % (at least 7 days) so no point sits on the edge.
    """
    if not dates:
        return None
    days = sorted(d.toordinal() for d in dates)
    lo_q, hi_q = _quantile(days, TAIL), _quantile(days, 1 - TAIL)
    reach = max((hi_q - lo_q) / 4, 30)
    inside = [d for d in days if lo_q - reach <= d <= hi_q + reach]
    lo, hi = inside[0], inside[-1]
    margin = max(round((hi - lo) * 0.04), 7)
    return dt.date.fromordinal(lo - margin), dt.date.fromordinal(hi + margin)


def _spread(points: list[tuple[Point, dt.date, str]]) -> list[tuple[Point, str, int]]:
    """Each point with its x (an ISO date-time within its day) and how many points share its lane and day."""
    groups: dict[tuple[str, dt.date], list[int]] = defaultdict(list)
    for i, (_, day, y) in enumerate(points):
        groups[(y, day)].append(i)
    out: list[tuple[Point, str, int]] = [None] * len(points)  # type: ignore[list-item]
    for (_, day), idx in groups.items():
        n = len(idx)
        step = DAY_SPREAD_HOURS / n
        for k, i in enumerate(idx):
            hours = 12.0 + (k - (n - 1) / 2) * step
            x = dt.datetime.combine(day, dt.time()) + dt.timedelta(hours=hours)
            out[i] = (points[i][0], x.isoformat(timespec="minutes"), n)
    return out


def event_hover(e: EventPoint) -> str:
    """Hover text of an event marker: every piece escaped, as for statements."""
    lines = [f"{e.type}: {e.parties}"]
    if e.trigger:
        lines.append(f"“{e.trigger}”")
    meta = [e.family, f"happened {'on or before' if e.uncertain else 'on'} {e.happened_on or '?'}"]
    if e.hypothetical:
        meta.append("threatened or planned, not (yet) happened")
    if e.sightings > 1:
        meta.append(f"reported by {e.sightings} articles")
    return "<br>".join(
        [
            *(html.escape(x, quote=False) for x in lines),
            "<i>" + " · ".join(html.escape(m, quote=False) for m in meta) + "</i>",
        ]
    )


def _event_marks(events: list[EventPoint], lane_of: dict[str, str] | None) -> list[dict[str, Any]]:
    """Event markers: on the events lane, or (``lane_of``: actor id → lane) in a party's lane."""
    from .events import event_url

    out = []
    for e in events:
        span = e.period
        if span is None or not e.drawn:
            continue
        if lane_of is None:
            y = EVENTS_LANE
        else:
            y = lane_of.get(e.source_actor_id or "") or lane_of.get(e.target_actor_id or "")
            if y is None:
                continue
        out.append(
            {
                "id": e.event_id,
                "href": event_url(e),
                "x": dt.datetime.combine(span[0], dt.time(12)).isoformat(timespec="minutes"),
                "y": y,
                "type": e.type,
                "family": e.family,
                "hypothetical": e.hypothetical,
                "hover": event_hover(e),
            }
        )
    return out


def chart_data(
    points: list[Point],
    *,
    lane: str,
    lanes: list[str] | None = None,
    events: list[EventPoint] | None = None,
) -> dict[str, Any]:
    """The stance chart of ``points`` with one lane per topic (``lane="topic"``) or actor (``"actor"``), and
    ``events`` as markers between them: in a lane of their own on an actor's chart, in their party's lane
    on a topic's."""
    placed: list[tuple[Point, dt.date, str]] = []
    seen: list[str] = []
    for p in points:
        span = p.period
        if span is None:
            continue
        # Plotly reads a few tags in axis labels: a name like "<a href=...>Tarsk</a>" must stay text.
        y = html.escape((p.topic or NO_TOPIC) if lane == "topic" else p.actor, quote=False)
        if y not in seen:
            seen.append(y)
        placed.append((p, span[0], y))
    out = [
        {
            "id": p.statement_id,
            "href": sighting_url(p.article_id, p.local_id),
            "x": x,
            "y": y,
            "stance": p.stance or "none",
            "uncertain": p.uncertain,
            "same_day": n,
            "hover": hover(p, p.topic or NO_TOPIC if lane == "actor" else y, n),
        }
        for (p, x, n), (_, _, y) in zip(_spread(placed), placed, strict=True)
    ]
    order = (
        [html.escape(t, quote=False) for t in lanes]
        if lanes
        else sorted(seen, key=lambda t: (t == NO_TOPIC, t))
    )
    if lane == "topic":
        marks = _event_marks(events or [], None)
        order = ([EVENTS_LANE] if marks else []) + order
    else:
        lane_of = {p.actor_id: html.escape(p.actor, quote=False) for p in points}
        marks = _event_marks(events or [], {k: v for k, v in lane_of.items() if v in order})
    days = [d for _, d, _ in placed]
    shown = opening_range(days)
    every = days + [dt.date.fromisoformat(m["x"][:10]) for m in marks]
    full = (min(every) - dt.timedelta(days=7), max(every) + dt.timedelta(days=7)) if every else None
    return {
        "kind": "stance",
        "points": out,
        "events": marks,
        "lanes": order,
        "undated": sum(1 for p in points if p.period is None),
        "range": [d.isoformat() for d in shown] if shown else None,
        "full_range": [d.isoformat() for d in full] if full else None,
        "outside": sum(1 for d in days if shown and not shown[0] <= d <= shown[1]),
    }
