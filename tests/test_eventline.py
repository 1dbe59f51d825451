"""What happened in between a stance shift: which events belong to its story (stanceline.eventline).

Invented states: Velmora (XVL, Prime Minister Anaya Veldt's country), Tarsk (XTK), Ostland (XOS).
"""

from __future__ import annotations

import pytest

from stanceline.eventline import EventPoint, between, family, relevant
from stanceline.timeline import Point, Shift

VELDT = "a-veldt"


def said(sid: str, day: str, stance: str) -> Point:
    return Point(sid, VELDT, "Anaya Veldt", "negotiations", stance, day, "day", "explicit", "…", "art", sid)


def shift(counterpart: str | None = None) -> Shift:
    return Shift(
        actor_id=VELDT,
        actor="Anaya Veldt",
        topic="negotiations",
        from_stance="oppose",
        to_stance="support",
        date="2024-08-01",
        uncertain=False,
        before=(said("st-before", "2024-07-01", "oppose"),),
        after=(said("st-after", "2024-08-01", "support"),),
        counterpart=counterpart,
    )


def event(
    type_: str,
    source: tuple[str | None, str | None] = (None, None),
    target: tuple[str | None, str | None] = (None, None),
    day: str = "2024-07-15",
    **kw,
) -> EventPoint:
    """``source`` / ``target``: (corpus actor id, country)."""
    return EventPoint(
        event_id=f"ev-{type_}-{day}",
        type=type_,
        happened_on=day,
        granularity="day" if len(day) == 10 else "month",
        basis="explicit",
        negated=kw.pop("negated", False),
        hypothetical=kw.pop("hypothetical", False),
        article_id="art",
        local_id="e1",
        source_actor_id=source[0],
        source_country=source[1],
        target_actor_id=target[0],
        target_country=target[1],
        **kw,
    )


@pytest.mark.parametrize(
    "ev, counterpart, expected",
    [
        # the actor is a party: what she did, said, or had said to her
        (event("ACCUSE", (VELDT, "XVL"), (None, "XTK")), None, True),
        (event("THREATEN", ("a-kalden", "XTK"), (VELDT, "XVL")), None, True),
        (event("SUPPORT", (VELDT, "XVL")), None, True),
        # deeds by or against her country or the counterpart
        (event("ASSAULT", (None, "XTK"), (None, "XVL")), None, True),
        (event("SANCTION", (None, "XVL"), (None, "XTK")), "XTK", True),
        (event("AID", (None, "XOS"), (None, "XTK")), "XTK", True),
        # another state's words addressed to her country
        (event("THREATEN", ("a-kalden", "XTK"), (None, "XVL")), None, True),
        # words between the two sides, either way
        (event("ACCUSE", ("a-mensk", "XTK"), (None, "XVL")), "XTK", True),
        (event("REQUEST", ("a-varn", "XVL"), (None, "XTK")), "XTK", True),
        # must yield nothing: her compatriots' words, third states' words, words with one side unknown
        (event("SUPPORT", ("a-varn", "XVL"), (None, "XOS")), None, False),
        (event("SUPPORT", ("a-varn", "XVL"), (None, "XOS")), "XTK", False),
        (event("ACCUSE", ("a-brekke", "XOS"), (None, "XTK")), "XTK", False),
        (event("REQUEST", ("a-mensk", None), (None, "XVL")), None, False),
        (event("CONSULT", ("a-brekke", "XOS"), (None, "XOS")), None, False),
        # a deed of neither side
        (event("ASSAULT", (None, "XOS"), (None, "XRX")), "XTK", False),
    ],
)
def test_what_belongs_to_a_shifts_story(ev, counterpart, expected):
    assert relevant(shift(counterpart), ev, actor_country="XVL") is expected, (ev.type, family(ev.type))


@pytest.mark.parametrize(
    "ev, expected",
    [
        (event("ASSAULT", (None, "XTK"), (None, "XVL"), day="2024-07-15"), True),
        # both ends of the window are in it
        (event("ASSAULT", (None, "XTK"), (None, "XVL"), day="2024-07-01"), True),
        (event("ASSAULT", (None, "XTK"), (None, "XVL"), day="2024-08-01"), True),
        # a month that overlaps the window may fall in it
        (event("ASSAULT", (None, "XTK"), (None, "XVL"), day="2024-06"), False),
        (event("ASSAULT", (None, "XTK"), (None, "XVL"), day="2024-07"), True),
        (event("ASSAULT", (None, "XTK"), (None, "XVL"), day="2024-08-02"), False),
        # said not to have happened
        (event("ASSAULT", (None, "XTK"), (None, "XVL"), negated=True), False),
        # threatened: it is news, drawn apart
        (event("ASSAULT", (None, "XTK"), (None, "XVL"), hypothetical=True), True),
        # read from the statement after the shift: that is the evidence, not what happened in between
        (event("SUPPORT", (VELDT, "XVL"), day="2024-08-01", statement_id="st-after"), False),
        (event("SUPPORT", (VELDT, "XVL"), day="2024-08-01", statement_id="st-other"), True),
    ],
)
def test_between_keeps_the_window_and_leaves_out_the_evidence(ev, expected):
    assert (between(shift(), [ev], actor_country="XVL") == [ev]) is expected


def test_between_orders_by_date():
    late = event("SANCTION", (None, "XVL"), (None, "XTK"), day="2024-07-25")
    early = event("ASSAULT", (None, "XTK"), (None, "XVL"), day="2024-07-14")
    assert between(shift(), [late, early], actor_country="XVL") == [early, late]
