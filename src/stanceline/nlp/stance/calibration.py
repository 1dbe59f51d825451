"""The confidence of each verdict rule: its measured precision on the stance dev splits, and abstention.

``RULE_COUNTS`` holds, per rule, how many of its readings were right and how many it gave on the stance dev
splits (``examples/stance/dev.jsonl`` … ``dev9.jsonl``; never ``test``), readings on topics the gold also
has, as printed by::

    .venv/bin/python benchmarks/calibration.py --realnews ''

(measured 2026-12-07). A rule's confidence is its precision shrunk toward one half by one right and one
wrong reading (``(right + 1) / (n + 2)``), so that a rule seen three times does not claim certainty; a rule
not in the table keeps the confidence it gives. A rule that takes a side (support, oppose, conditional)
with a confidence below :data:`ABSTAIN_BELOW`, measured on at least :data:`ABSTAIN_MIN_READINGS` readings,
gives no stance at all: abstaining beats a coin toss an analyst would have to check. A neutral reading
already takes no side and is kept. On the 2026-12-07 counts no side-taking rule is that weak (the lowest,
``lexicon-evaluation``, is 1 right of 4, and ``deontic-modal`` 3 of 5: too few to drop them), so the guard
drops nothing yet. The rules of the speaker's own account (:mod:`.account`) are rare on the dev splits (real
news gives them their work): those not measured there keep the confidence they give (0.6-0.7, the middle
band).
"""

from __future__ import annotations

#: rule → (right, readings) on the stance dev splits.
RULE_COUNTS: dict[str, tuple[int, int]] = {
    "announced-event": (2, 2),
    "answered-question": (3, 3),
    "asked-answered-yes": (1, 1),
    "asked-conditional": (1, 1),
    "asked-no-side": (6, 10),
    "attributive-evaluation": (1, 1),
    "conditional-clause": (433, 440),
    "denied-clause": (3, 3),
    "deontic-modal": (3, 5),
    "double-negation": (4, 6),
    "evaluation": (80, 87),
    "exit-terms": (34, 38),
    "forecast": (19, 20),
    "hedge": (19, 23),
    "judged-clause": (4, 6),
    "lexicon-evaluation": (1, 4),
    "lifted-barrier": (5, 6),
    "negated-knowing": (3, 3),
    "negated-oppose": (45, 47),
    "negated-past-event": (5, 6),
    "negated-possibility": (10, 10),
    "negated-support": (50, 57),
    "negation": (40, 48),
    "neither-nor": (2, 2),
    "no-stance-word": (69, 136),
    "open-question": (35, 41),
    "past-event": (5, 9),
    "possible-on-terms": (1, 1),
    "preference": (3, 3),
    "reported-attitude": (4, 5),
    "reported-event": (4, 4),
    "rhetorical-question": (17, 18),
    "stance-word": (359, 417),
    "tally": (10, 10),
    "timetable": (6, 6),
    "topic-verb": (4, 4),
}

#: Readings that take a side with a confidence below this are dropped (the stance is not given) ...
ABSTAIN_BELOW = 0.6
#: ... when the rule was measured on at least this many readings (a rule is not dropped on a handful).
ABSTAIN_MIN_READINGS = 10


def rule_confidence(rule: str, given: float) -> float:
    """The calibrated confidence of a reading by ``rule`` (``given``: its own, for rules not measured)."""
    counts = RULE_COUNTS.get(rule)
    if counts is None:
        return given
    right, n = counts
    return round((right + 1) / (n + 2), 2)


def abstains(rule: str, stance: str | None, given: float) -> bool:
    """Whether a reading is too unreliable to give: it takes a side and its rule's confidence is low."""
    counts = RULE_COUNTS.get(rule)
    return (
        stance not in (None, "neutral")
        and counts is not None
        and counts[1] >= ABSTAIN_MIN_READINGS
        and rule_confidence(rule, given) < ABSTAIN_BELOW
    )
