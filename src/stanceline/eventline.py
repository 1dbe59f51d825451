"""Events on timelines: what happened, beside what was said. Pure functions over event rows.

An *event point* is one corpus event (the reports of several articles folded into one, see
:mod:`stanceline.store.eventfold`) as timelines draw it: a PLOVER type, its family, its parties, when it
happened, and the report shown as evidence.

* A **negated** event ("did not attack") is kept in the store and in exports but is never drawn or listed
  as something that happened (:attr:`EventPoint.drawn` is false).
* A **hypothetical** event (threatened, planned, conditional) is drawn apart: open markers, its own
  legend entry ("threatened or planned"), and marked in text.

:func:`between` answers "what happened in between" for a stance shift: what the shift's actor did or
said, what was done by or to its country or the counterpart country, and what the two sides said to each
other, dated between the last statement before the shift and the first after it. Other people's words
about one side only, and the events read from the shift's own evidence, are left out (see
:func:`relevant`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from .model import EVENT_TYPES
from .timeline import CERTAIN_BASES, Shift, period, shown_date

#: The 16 PLOVER 2.0 event types, in PLOVER's order (cooperation to conflict).
TYPES = EVENT_TYPES
#: PLOVER's four quad classes: each type's family (what its marker's shape says on a chart).
FAMILIES = {
    "verbal cooperation": ("AGREE", "CONSULT", "SUPPORT", "CONCEDE"),
    "material cooperation": ("COOPERATE", "AID", "RETREAT"),
    "verbal conflict": ("REQUEST", "ACCUSE", "REJECT", "THREATEN"),
    "material conflict": ("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"),
}
_FAMILY_OF = {t: f for f, ts in FAMILIES.items() for t in ts}
#: The families of deeds (material cooperation and conflict), as opposed to words (verbal ones).
DEEDS = ("material cooperation", "material conflict")
#: The family of a type outside PLOVER's 16 (a user's pipeline may code others).
OTHER = "other"


def family(event_type: str | None) -> str:
    """The PLOVER family of an event type (``"other"`` for a type outside the 16)."""
    return _FAMILY_OF.get((event_type or "").upper(), OTHER)


@dataclass(frozen=True)
class EventPoint:
    """One corpus event as timelines, shifts and the API show it."""

    event_id: str
    type: str
    happened_on: str | None
    granularity: str
    basis: str
    negated: bool
    hypothetical: bool
    article_id: str
    local_id: str
    trigger: str | None = None
    source_actor_id: str | None = None
    source: str | None = None  # the corpus actor's name, else the report's words
    source_country: str | None = None
    target_actor_id: str | None = None
    target: str | None = None
    target_country: str | None = None
    location: str | None = None
    statement_id: str | None = None
    confidence: float = 0.0
    sightings: int = 1
    path: str | None = None
    url: str | None = None
    title: str | None = None

    @property
    def family(self) -> str:
        return family(self.type)

    @property
    def period(self) -> tuple[dt.date, dt.date] | None:
        return period(self.happened_on)

    @property
    def uncertain(self) -> bool:
        """Only "on or before publication" (or nothing) is known of the date."""
        return self.basis not in CERTAIN_BASES

    @property
    def when(self) -> str:
        return shown_date(self.happened_on, self.basis)

    @property
    def drawn(self) -> bool:
        """Whether timelines show it: a negated event ("did not strike") never happened."""
        return not self.negated

    @property
    def parties(self) -> str:
        """``source → target`` in words (``?`` for a party not known)."""
        src = self.source or self.source_country or "?"
        tgt = self.target or self.target_country
        return f"{src} → {tgt}" if tgt else src

    @property
    def ref(self) -> str:
        """``article-path-or-id#event-id``: where the evidence is."""
        name = (self.path or self.article_id).replace("\\", "/").rsplit("/", 1)[-1]
        return f"{name}#{self.local_id}"

    def to_dict(self) -> dict[str, object]:
        return {
            "event_id": self.event_id,
            "type": self.type,
            "family": self.family,
            "happened_on": self.happened_on,
            "when": self.when,
            "negated": self.negated,
            "hypothetical": self.hypothetical,
            "source": self.source,
            "source_actor_id": self.source_actor_id,
            "source_country": self.source_country,
            "target": self.target,
            "target_actor_id": self.target_actor_id,
            "target_country": self.target_country,
            "trigger": self.trigger,
            "location": self.location,
            "statement_id": self.statement_id,
            "article_id": self.article_id,
            "ref": self.ref,
            "url": self.url,
            "sightings": self.sightings,
            "confidence": self.confidence,
        }


def _start(e: EventPoint) -> tuple:
    span = e.period
    return (span[0] if span else dt.date.max, e.uncertain, e.event_id)


def in_range(events: Iterable[EventPoint], date_from: str | None, date_to: str | None) -> list[EventPoint]:
    """The events whose date may fall in ``[date_from, date_to]``, in the order they happened (undated
    ones last, and only when no date is given)."""
    lo = period(date_from)[0] if date_from else None  # type: ignore[index]
    hi = period(date_to)[1] if date_to else None  # type: ignore[index]
    out = []
    for e in events:
        span = e.period
        if (lo or hi) and (span is None or (lo and span[1] < lo) or (hi and span[0] > hi)):
            continue
        out.append(e)
    return sorted(out, key=_start)


def relevant(shift: Shift, event: EventPoint, actor_country: str | None = None) -> bool:
    """Whether an event belongs to the story of a shift (its date aside).

    * The shift's actor is a party: what they did or said, or what was done or said to them.
    * A deed (PLOVER's material families: a strike, sanctions, aid, a withdrawal) by or against the
      actor's country or the counterpart country.
    * Words (the verbal families) between the two sides: with a counterpart country, one side a party
      and the other side the other party ("Velmora's foreign ministry accused Tarsk"); without one,
      words of another state addressed to the actor's country (a threat, a demand, an offer).

    Words of the actor's compatriots to anyone, and of third states to each other, are left out: they
    are not what happened to this actor's position, and a large corpus holds hundreds of them.
    """
    if shift.actor_id and shift.actor_id in (event.source_actor_id, event.target_actor_id):
        return True
    sides = {c for c in (actor_country, shift.counterpart) if c}
    parties = {event.source_country, event.target_country}
    if not sides & parties:
        return False
    if event.family in DEEDS:
        return True
    if len(sides) == 2:
        return sides <= parties
    return (
        actor_country is not None
        and event.target_country == actor_country
        and event.source_country not in (None, actor_country)
    )


def between(
    shift: Shift, events: Iterable[EventPoint], *, actor_country: str | None = None
) -> list[EventPoint]:
    """What happened between the last statement before a shift and the first after it.

    The :func:`relevant` events (never a negated one, nor one read from the shift's own evidence),
    whose date may fall from the day the last statement before was said to the day the first statement
    after was said (both included), in the order they happened.

    Args:
        shift: The shift.
        events: Candidate events (an actor's, or the corpus's).
        actor_country: The actor's country (ISO alpha-3), when known.
    """
    before, after = shift.before[-1].period, shift.after[0].period
    if before is None or after is None:
        return []
    lo, hi = before[0], after[1]
    evidence = {p.statement_id for p in (*shift.before, *shift.after)}
    out = []
    for e in events:
        span = e.period
        if not e.drawn or span is None or span[1] < lo or span[0] > hi:
            continue
        if e.statement_id in evidence:  # the words on either side of the shift, read as an event
            continue
        if relevant(shift, e, actor_country):
            out.append(e)
    return sorted(out, key=_start)
