"""Timelines and stance shifts: pure functions over statement rows.

A *point* is one statement's stance on one topic, dated by when it was said.
A *shift* is a change of polarity between an actor's successive dated points on
a topic toward one counterpart: ``oppose`` on one side, ``support`` or
``conditional`` on the other (``neutral`` is ignored; support ↔ conditional is
a nuance, not a shift: see docs/corpus.md, "Timelines and shifts", for why this stays so for now).

Series: one per (actor, topic, counterpart country). A statement that names no
counterpart at all joins the country its speaker named on that topic in the
same article if there is exactly one, else the one anybody named on that topic
in that article, else the actor's only country on that topic anywhere; with
none or several it stays apart, in the actor's series without a country. A
statement whose counterpart is a party but no country ("talks with the rebels")
goes to that series too (see :func:`counterparts`, :func:`counterpart_key`).

Statements dated only by their article's publication are placed at that date
but marked uncertain (``≤2024-03-05``): they were said on or before it.

Trust (precision first, a false shift costs an analyst more than a missed one):

- the statements of one date are one position when one polarity has twice the
  confidence of the other (a single noisy reading among consistent ones is
  outvoted); a date read both ways evenly keeps them all, in order;
- a lone statement that contradicts the positions on both sides of it is an
  outlier, not two shifts;
- each side of a shift needs evidence: its :func:`strength` (the chance that at
  least one of its readings is right, ``1 - ∏(1 - confidence)``) at least
  :data:`SIDE_STRENGTH`, i.e. several statements or one of high confidence, and
  a last word that rests on one statement needs :data:`LONE_CONFIDENCE`;
- a shift's ``confidence`` is the weaker of its two sides' strengths;
- a change is read between dates: two readings of one said-on value cannot be put in order, so a run
  that starts on the only date of the run before it is a contradiction, not a shift (:func:`_unordered`);
- in a series with no country, both sides must be able to mean one party: when every statement of each
  side names its counterpart and no name is shared ("a very good meeting with Chairman Kalden", then
  "talks with the Brotherhood are dead"), they are positions toward two parties, not a change
  (:func:`_other_parties`).

Such statements stay in the timeline; they just do not start a shift (see
:func:`detect_shifts`).
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
    #: With whom (the statement's counterpart on this topic): the phrase, the corpus actor, the country.
    counterpart_text: str | None = None
    counterpart_actor_id: str | None = None
    counterpart_country: str | None = None
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
    #: The weaker of the two sides' :func:`strength`: how far the evidence on both sides can be trusted.
    confidence: float = 0.0
    #: With whom: the series' counterpart country (ISO alpha-3), None: none named.
    counterpart: str | None = None

    @property
    def when(self) -> str:
        return self.after[0].when

    def to_dict(self) -> dict[str, Any]:
        return {
            "actor_id": self.actor_id,
            "actor": self.actor,
            "topic": self.topic,
            "counterpart": self.counterpart,
            "from": self.from_stance,
            "to": self.to_stance,
            "date": self.date,
            "date_uncertain": self.uncertain,
            "confidence": self.confidence,
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
        "confidence": p.confidence,
        "counterpart": p.counterpart_text,
        "article_id": p.article_id,
        "ref": p.ref,
        "url": p.url,
        "sightings": p.sightings,
        "corrected": p.corrected,
    }


#: A side of a shift needs at least this :func:`strength`: one reading of a rule right at least four times in
#: five on the dev splits (``benchmarks/calibration.py``; rule confidences are their measured precision), or
#: two of a rule right a little more than half the time (1 - 0.45² ≈ 0.8).
SIDE_STRENGTH = 0.8
#: A new position that rests on one statement alone, with nothing after it to confirm it, needs a reading of
#: high confidence (the top band of ``benchmarks/calibration.py``).
LONE_CONFIDENCE = 0.85
#: The statements of one date are one position only when one polarity has this many times the confidence
#: of the other; a day read both ways about evenly keeps its statements in the order they were said.
DAY_MAJORITY = 2.0


def strength(points: Iterable[Point]) -> float:
    """The chance that at least one of the readings is right: ``1 - ∏(1 - confidence)``."""
    wrong = 1.0
    for p in points:
        wrong *= 1.0 - min(max(p.confidence, 0.0), 1.0)
    return round(1.0 - wrong, 2)


def _days(points: Sequence[Point]) -> list[list[Point]]:
    """The points of one said-on value (a day, a month ...) together, in order."""
    days: list[list[Point]] = []
    for p in points:
        if days and days[-1][0].said_on == p.said_on:
            days[-1].append(p)
        else:
            days.append([p])
    return days


def _day_position(day: list[Point]) -> list[Point]:
    """The points of the day's position: those of the polarity with :data:`DAY_MAJORITY` times the other's
    confidence (a single noisy reading among consistent ones is outvoted); all of them when it is even."""
    weight: dict[int, float] = defaultdict(float)
    for p in day:
        weight[POLARITY[p.stance]] += p.confidence  # type: ignore[index]
    if len(weight) < 2:
        return day
    best = max(weight, key=lambda pol: weight[pol])
    if weight[best] < DAY_MAJORITY * weight[-best]:
        return day
    return [p for p in day if POLARITY[p.stance] == best]  # type: ignore[index]


def _runs(points: Sequence[Point]) -> list[list[Point]]:
    runs: list[list[Point]] = []
    for p in points:
        if runs and POLARITY[runs[-1][0].stance] == POLARITY[p.stance]:  # type: ignore[index]
            runs[-1].append(p)
        else:
            runs.append([p])
    return runs


def _doubtful(runs: list[list[Point]], i: int) -> bool:
    """A run that cannot carry a shift: a lone statement that contradicts the runs on both sides of it
    (an outlier, not two shifts), a side too weakly read (:data:`SIDE_STRENGTH`), or a last word that rests
    on one statement below :data:`LONE_CONFIDENCE`."""
    if len(runs) < 2:
        return False
    if len(runs[i]) == 1:
        if 0 < i < len(runs) - 1:
            return True
        if i == len(runs) - 1 and runs[i][0].confidence < LONE_CONFIDENCE:
            return True
    return strength(runs[i]) < SIDE_STRENGTH


def _smooth(points: list[Point]) -> list[list[Point]]:
    """Drop doubtful runs, outliers first, then the weakest, until every run left can carry a shift."""
    while True:
        runs = _runs(points)
        doubtful = [i for i in range(len(runs)) if _doubtful(runs, i)]
        if not doubtful:
            return runs
        # an outlier between two agreeing sides goes first, whatever its confidence: dropping a weak last
        # word first would leave the outlier as the new position
        drop = min(
            doubtful,
            key=lambda i: (
                not (len(runs[i]) == 1 and 0 < i < len(runs) - 1),
                strength(runs[i]),
                len(runs[i]),
            ),
        )
        gone = {id(p) for p in runs[drop]}
        points = [p for p in points if id(p) not in gone]


def _unordered(prev: Sequence[Point], new: Sequence[Point]) -> bool:
    """The side before was all said on the date the new side starts: which came first is not known, so no
    change is (a side before with earlier dates orders the change, whatever its last day holds)."""
    return all(p.said_on == new[0].said_on for p in prev)


def _names(side: Sequence[Point]) -> set[str]:
    """The capitalised words of a side's counterpart phrases: the names of the parties it speaks of."""
    return {
        w.strip(".,;:'\"").lower()
        for p in side
        for w in (p.counterpart_text or "").split()
        if w[:1].isupper()
    }


def _other_parties(prev: Sequence[Point], new: Sequence[Point]) -> bool:
    """Every statement of both sides names its counterpart, and the two sides share no name: two parties,
    not one position that changed (a statement that names none may mean either, and keeps the shift)."""
    if not all(p.counterpart_text for p in (*prev, *new)):
        return False
    before, after = _names(prev), _names(new)
    return bool(before) and bool(after) and not before & after


def counterpart_key(p: Point) -> str | None:
    """The country a point's counterpart stands for (ISO alpha-3), the key its series is grouped by.

    Only countries split a series: a movement, a person or a description ("with the militants") can be
    named in many ways that do not reliably mean one party across articles, so those points group with
    the actor's statements that name no country.
    """
    return p.counterpart_country or None


def _only(keys: Iterable[str | None]) -> str | None:
    found = {k for k in keys if k is not None}
    return found.pop() if len(found) == 1 else None


def counterparts(points: Sequence[Point]) -> dict[int, str | None]:
    """Each point's series counterpart (by ``id``): its own, else the one of its context (see the module's
    docstring: the speaker's in the article, anybody's in the article, the speaker's anywhere)."""
    own = {id(p): counterpart_key(p) for p in points}
    by_speaker: dict[tuple, set] = defaultdict(set)
    by_article: dict[tuple, set] = defaultdict(set)
    by_actor: dict[tuple, set] = defaultdict(set)
    for p in points:
        k = own[id(p)]
        by_speaker[(p.actor_id, p.topic, p.article_id)].add(k)
        by_article[(p.topic, p.article_id)].add(k)
        by_actor[(p.actor_id, p.topic)].add(k)
    out: dict[int, str | None] = {}
    for p in points:
        k = own[id(p)]
        if k is None and not p.counterpart_text:  # a party named that is no country stays apart
            k = (
                _only(by_speaker[(p.actor_id, p.topic, p.article_id)])
                or _only(by_article[(p.topic, p.article_id)])
                or _only(by_actor[(p.actor_id, p.topic)])
            )
        out[id(p)] = k
    return out


def detect_shifts(
    points: Iterable[Point],
    *,
    actor: str | None = None,
    topic: str | None = None,
    since: str | None = None,
    min_confidence: float = 0.0,
    context: Iterable[Point] = (),
) -> list[Shift]:
    """Every change of position in each (actor, topic, counterpart) series, oldest first.

    Points are statements (already folded: a speech reported by five articles is
    one point), so one change reported five times is one shift. Its date is the
    date of the first statement with the new stance; ``since`` keeps shifts
    from that date on; ``min_confidence`` keeps readings (and shifts) at least that confident.
    ``context``: more points, of the articles of ``points``, that only lend their counterparts to the points
    that name none (:func:`counterparts`); their own series are not read (a relink detects the shifts of a
    few actors at a time, with the other speakers of their articles as context).
    """

    def usable_point(p: Point) -> bool:
        return (
            p.stance in POLARITY
            and p.topic is not None
            and p.said_on is not None
            and p.confidence >= min_confidence
        )

    usable = [p for p in points if usable_point(p)]
    with_whom = counterparts([*usable, *(p for p in context if usable_point(p))])
    series: dict[tuple[str, str, str], list[Point]] = defaultdict(list)
    for p in usable:
        if (actor is None or p.actor_id == actor) and (topic is None or p.topic == topic):
            series[(p.actor_id, p.topic, with_whom[id(p)] or "")].append(p)  # type: ignore[index]
    shifts = []
    for (aid, top, whom), pts in sorted(series.items()):
        runs = _smooth([p for day in _days(sorted(pts, key=_key)) for p in _day_position(day)])
        for prev, new in itertools.pairwise(runs):
            if _unordered(prev, new) or (not whom and _other_parties(prev, new)):
                continue
            first = new[0]
            if since and (first.period is None or first.period[1] < period(since)[0]):  # type: ignore[index]
                continue
            confidence = min(strength(prev), strength(new))
            if confidence < min_confidence:
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
                    confidence,
                    whom or None,
                )
            )
    return sorted(shifts, key=lambda s: (s.after[0].period or (dt.date.max,))[0:1] + (s.actor, s.topic))
