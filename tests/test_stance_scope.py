"""Stance: polarity, scope and conditions read from the parse (issue 14, point 2).

Sentences about fictional states and leaders in, expected ``(topic, stance, conditions)`` out; the
sentences that must keep their reading are in the same tables.
"""

from __future__ import annotations

import pytest


def stances(analyze, text: str) -> set[tuple[str, str, tuple[str, ...]]]:
    return {
        (s.topic, s.stance, tuple(c.text for c in s.conditions))
        for st in analyze(text).statements
        for s in st.stances
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "nor" denies its conjunct; the head's own negation belongs to the first conjunct
        (
            '"There will be no blockade, nor will we sit down with them," Prime Minister Anaya Veldt said.',
            {("sanctions", "oppose", ()), ("negotiations", "oppose", ())},
        ),
        (
            '"We will not attack, nor will we negotiate with Tarsk," Veldt said.',
            {("negotiations", "oppose", ())},
        ),
        # neither ... nor: both conjuncts denied ("not lift the sanctions" keeps them)
        (
            '"We will neither negotiate with Tarsk nor lift the sanctions," Veldt said.',
            {("negotiations", "oppose", ()), ("sanctions", "support", ())},
        ),
        (
            '"We will neither sign the accord nor return to the talks," Veldt said.',
            {("agreement", "oppose", ()), ("negotiations", "oppose", ())},
        ),
        (
            '"We want neither war nor sanctions," Veldt said.',
            {("military_action", "oppose", ()), ("sanctions", "oppose", ())},
        ),
        # not at any level, no longer, not ... any more
        (
            '"We will not negotiate at any level with this regime," Veldt said.',
            {("negotiations", "oppose", ())},
        ),
        ('"We will no longer negotiate with Tarsk," Veldt said.', {("negotiations", "oppose", ())}),
        ('"We will not negotiate with them any more," Veldt said.', {("negotiations", "oppose", ())}),
        # an "and" denies nothing
        (
            '"We will sign the accord and return to the talks," Veldt said.',
            {("agreement", "support", ()), ("negotiations", "support", ())},
        ),
    ],
)
def test_negation_scope(analyze, text, expected):
    assert stances(analyze, text) == expected
