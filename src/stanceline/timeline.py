"""Timelines and stance shifts: pure functions over statement rows.

A *point* is one statement's stance on one topic, dated by when it was said.
A *shift* is a change of polarity between an actor's successive dated points on
a topic: ``oppose`` on one side, ``support`` or ``conditional`` on the other
(``neutral`` is ignored; support ↔ conditional is a nuance, not a shift).

Statements dated only by their article's publication are placed at that date
but marked uncertain (``≤2024-03-05``): they were said on or before it.

Noise guard: one statement alone does not make a shift when it contradicts the
statements on *both* sides of it (an outlier, not two shifts), or when it is the
last word and its stance was decided by a negation alone (confidence below
:data:`LONE_CONFIDENCE`). Such statements stay in the timeline; they just do
not start a shift (see :func:`detect_shifts`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

POLARITY = {"oppose": -1, "support": 1, "conditional": 1}


@dataclass(frozen=True)
class Point:
    """One statement's stance on one topic (``topic``/``stance`` are ``None`` when it has none)."""

    statement_id: str
    actor_id: str
    actor: str
    topic: str | None
    stance: str | None
    said_on: str | None
    granularity: str
    basis: str
    content: str
    article_id: str
    local_id: str
    confidence: float = 0.0
    conditions: tuple[str, ...] = ()
    sightings: int = 1
    first_seen: str | None = None
    path: str | None = None
    url: str | None = None
    title: str | None = None
    source: str | None = None
    start: int | None = None
    end: int | None = None
    #: The contract's ``corrected`` object when the analyst corrected the statement (``stanceline correct``).
    corrected: dict[str, Any] | None = field(default=None, compare=False, hash=False)

    @property
    def uncertain(self) -> bool:
        """Only "on or before publication" (or nothing) is known of the date."""
        return self.basis not in CERTAIN_BASES

    @property
    def when(self) -> str:
        """The date as shown to people: ``2024-03-03``, ``2024-03``, ``≤2024-03-05``, ``?``."""
        return shown_date(self.said_on, self.basis)

    @property
    def period(self) -> tuple[dt.date, dt.date] | None:
        """The first and last day the date can mean."""
        return period(self.said_on)

    @property
    def ref(self) -> str:
        """``article-path-or-id#statement-id``: where the evidence is."""
        name = (self.path or self.article_id).replace("\\", "/").rsplit("/", 1)[-1]
        return f"{name}#{self.local_id}"

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Point:
        """From a store row (see :func:`stanceline.store.queries.points`)."""
        fields = cls.__dataclass_fields__
        return cls(**{k: (tuple(v) if k == "conditions" else v) for k, v in row.items() if k in fields})


# Bases of a said_on that date the statement itself; any other is "on or before publication".
CERTAIN_BASES = ("explicit", "context")


def shown_date(said_on: str | None, basis: str | None) -> str:
    """A statement's date as shown to people: ``2024-03-03``, ``2024-03``, ``≤2024-03-05``
    (only "on or before publication" is known), ``?``."""
    if not said_on:
        return "?"
    return ("" if basis in CERTAIN_BASES else "≤") + said_on


def period(value: str | None) -> tuple[dt.date, dt.date] | None:
    """The span of days a TIMEX3-style date covers (``2024``, ``2024-03``, ``2024-03-03``)."""
    if not value:
        return None
    try:
        if "W" in value:  # an ISO week, "2024-W38": Monday to Sunday
            y, w = value.split("-W")
            monday = dt.date.fromisocalendar(int(y), int(w[:2]), 1)
            return monday, monday + dt.timedelta(days=6)
        if len(value) == 4:
            y = int(value)
            return dt.date(y, 1, 1), dt.date(y, 12, 31)
        if len(value) == 7:
            y, m = int(value[:4]), int(value[5:7])
            return dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1])
        d = dt.date.fromisoformat(value[:10])
        return d, d
    except ValueError:
        return None


def _key(p: Point) -> tuple:
    span = p.period
    start = span[0] if span else dt.date.max
    # Within a day, an exact date before an "on or before" one; then by where it was first seen.
    return (start, p.uncertain, p.first_seen or "", p.article_id, p.local_id)


def timeline(
    points: Iterable[Point],
    *,
    actor: str | None = None,
    topic: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
) -> list[Point]:
    """An actor's points in the order they were said, filtered by topic and dates.

    A point is kept when its date *may* fall in ``[date_from, date_to]``;
    undated points only when no date filter is given.
    """
    lo = period(date_from)[0] if date_from else None  # type: ignore[index]
    hi = period(date_to)[1] if date_to else None  # type: ignore[index]
    out = []
    for p in points:
        if actor is not None and p.actor_id != actor:
            continue
        if topic is not None and p.topic != topic:
            continue
        if lo or hi:
            span = p.period
            if span is None or (lo and span[1] < lo) or (hi and span[0] > hi):
                continue
        out.append(p)
    return sorted(out, key=_key)


@dataclass(frozen=True)
class Shift:
    """A change of stance, with the evidence on both sides."""

    actor_id: str
    actor: str
    topic: str
    from_stance: str
    to_stance: str
    date: str | None  # when the first statement with the new stance was said
    uncertain: bool  # that date is only "on or before publication"
    before: tuple[Point, ...]
    after: tuple[Point, ...]

    @property
    def when(self) -> str:
        return self.after[0].when

    def to_dict(self) -> dict[str, Any]:
        return {
            "actor_id": self.actor_id,
            "actor": self.actor,
            "topic": self.topic,
            "from": self.from_stance,
            "to": self.to_stance,
            "date": self.date,
            "date_uncertain": self.uncertain,
            "before": [_evidence(p) for p in self.before],
            "after": [_evidence(p) for p in self.after],
        }


def _evidence(p: Point) -> dict[str, Any]:
    return {
        "statement_id": p.statement_id,
        "said_on": p.when,
        "stance": p.stance,
        "content": p.content,
        "conditions": list(p.conditions),
        "article_id": p.article_id,
        "ref": p.ref,
        "url": p.url,
        "sightings": p.sightings,
        "corrected": p.corrected,
    }


def _runs(points: Sequence[Point]) -> list[list[Point]]:
    runs: list[list[Point]] = []
    for p in points:
        if runs and POLARITY[runs[-1][0].stance] == POLARITY[p.stance]:  # type: ignore[index]
            runs[-1].append(p)
        else:
            runs.append([p])
    return runs


#: A shift that rests on one statement needs at least this confidence (a reading decided by a
#: stance word, not by a negation alone).
LONE_CONFIDENCE = 0.7


def _doubtful(runs: list[list[Point]], i: int) -> bool:
    """A lone statement that cannot carry a shift on its own.

    Either it contradicts the statements on *both* sides of it (an outlier, not
    two shifts), or it is the last word and only weakly read.
    """
    if i == 0 or len(runs[i]) != 1:
        return False
    if i < len(runs) - 1:
        return True
    return runs[i][0].confidence < LONE_CONFIDENCE


def _smooth(points: list[Point]) -> list[Point]:
    while True:
        runs = _runs(points)
        drop = next((i for i in range(len(runs)) if _doubtful(runs, i)), None)
        if drop is None:
            return points
        points = [p for p in points if p is not runs[drop][0]]


def detect_shifts(
    points: Iterable[Point],
    *,
    actor: str | None = None,
    topic: str | None = None,
    since: str | None = None,
    min_confidence: float = 0.0,
) -> list[Shift]:
    """Every change of polarity in each (actor, topic) series, oldest first.

    Points are statements (already folded: a speech reported by five articles is
    one point), so one change reported five times is one shift. Its date is the
    date of the first statement with the new stance; ``since`` keeps shifts
    from that date on.
    """
    series: dict[tuple[str, str], list[Point]] = defaultdict(list)
    for p in points:
        if p.stance not in POLARITY or p.topic is None or p.said_on is None or p.confidence < min_confidence:
            continue
        if (actor is None or p.actor_id == actor) and (topic is None or p.topic == topic):
            series[(p.actor_id, p.topic)].append(p)
    shifts = []
    for (aid, top), pts in sorted(series.items()):
        ordered = _smooth(sorted(pts, key=_key))
        runs = _runs(ordered)
        for prev, new in itertools.pairwise(runs):
            first = new[0]
            if since and (first.period is None or first.period[1] < period(since)[0]):  # type: ignore[index]
                continue
            shifts.append(
                Shift(
                    aid,
                    first.actor,
                    top,
                    prev[-1].stance or "",
                    first.stance or "",
                    first.said_on,
                    first.uncertain,
                    tuple(prev),
                    tuple(new),
                )
            )
    return sorted(shifts, key=lambda s: (s.after[0].period or (dt.date.max,))[0:1] + (s.actor, s.topic))
