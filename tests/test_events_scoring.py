"""Scoring the sample corpus's gold events (pure functions): which predictions match which gold events."""

from __future__ import annotations

import pytest

from stanceline.evaluate.events import score_sample_events

ACTORS = [{"id": "a1", "name": "Velmora"}, {"id": "a2", "name": "Tarsk"}]


def _event(kind: str, start: int, source: str | None, day: str, **flags) -> dict:
    return {
        "type": kind,
        "trigger": {"start": start, "end": start + 4, "text": "word"},
        "source": source,
        "happened_on": {"value": day},
        "negated": flags.get("negated", False),
        "hypothetical": flags.get("hypothetical", False),
    }


def _pred(kind: str, start: int, actor: str | None, day: str, **flags) -> dict:
    event = _event(kind, start, None, day, **flags)
    event["source"] = {"text": "", "actor": actor} if actor else None
    return event


@pytest.mark.parametrize(
    ("golds", "preds", "expected"),
    [
        # each prediction goes to the gold event nearest its trigger, so the dates compare the right pairs
        (
            [_event("ASSAULT", 10, None, "2023-12-10"), _event("ASSAULT", 90, None, "2023-12-11")],
            [_pred("ASSAULT", 88, None, "2023-12-11"), _pred("ASSAULT", 12, None, "2023-12-10")],
            (2, 2, 2, 2),
        ),
        # the wrong type or the wrong source matches nothing
        (
            [_event("SANCTION", 10, "a1", "2023-01-12")],
            [_pred("THREATEN", 10, "a1", "2023-01-12"), _pred("SANCTION", 10, "a2", "2023-01-12")],
            (1, 2, 0, 0),
        ),
        # negated and hypothetical events are left out on both sides
        (
            [
                _event("AGREE", 10, "a2", "2024-03-03"),
                _event("CONCEDE", 50, "a1", "2024-03-03", hypothetical=True),
            ],
            [_pred("AGREE", 10, "a2", "2024-03-04"), _pred("CONSULT", 30, "a2", "2024-03-04", negated=True)],
            (1, 1, 1, 0),
        ),
        # nothing predicted, nothing matched
        ([_event("REJECT", 10, "a2", "2024-01-19")], [], (1, 0, 0, 0)),
    ],
)
def test_sample_event_matching(golds, preds, expected):
    gold = {"article": {"path": "articles/x.txt"}, "actors": ACTORS, "events": golds}
    pred = {"actors": ACTORS, "events": preds}
    s = score_sample_events([(pred, gold, "")])
    assert (s.gold, s.predicted, s.matched, s.dated) == expected
