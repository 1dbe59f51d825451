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
        # a "neither" before coordinated verbs denies them all, with "and" as with "nor"
        (
            '"We would neither plan and launch air strikes any longer," President Kalden said.',
            {("military_action", "oppose", ())},
        ),
        (
            '"We would neither plan nor launch air strikes," President Kalden said.',
            {("military_action", "oppose", ())},
        ),
        (
            '"We would plan and launch air strikes," President Kalden said.',
            {("military_action", "support", ())},
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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "neither ... nor" with opposite verbs or a report between: no side
        (
            '"We will neither support nor oppose the talks," Veldt said.',
            {("negotiations", "neutral", ())},
        ),
        (
            "Rovan said he would neither confirm nor deny reports of an offensive.",
            {("military_action", "neutral", ())},
        ),
    ],
)
def test_neither_nor_without_a_side(analyze, text, expected):
    assert stances(analyze, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # temporal conditionals: a time clause before a main clause that looks ahead (a modal, or the present)
        (
            '"Once they honour what they signed, they will find us at the table for talks," Veldt said.',
            {("negotiations", "conditional", ("Once they honour what they signed",))},
        ),
        (
            '"The moment the embargo goes, our door is open to negotiations," Veldt said.',
            {("negotiations", "conditional", ("The moment the embargo goes",))},
        ),
        (
            '"As soon as they withdraw, our door is open to talks," Veldt said.',
            {("negotiations", "conditional", ("As soon as they withdraw",))},
        ),
        (
            '"When Tarsk withdraws its troops, we are ready to talk," Veldt said.',
            {("negotiations", "conditional", ("When Tarsk withdraws its troops",))},
        ),
        (
            '"Whenever Tarsk withdraws its troops, we are ready to talk," Veldt said.',
            {("negotiations", "conditional", ("Whenever Tarsk withdraws its troops",))},
        ),
        (
            '"The day that Tarsk withdraws, we sign the accord," Veldt said.',
            {("agreement", "conditional", ("The day that Tarsk withdraws",))},
        ),
        (
            '"Supposing Tarsk withdraws, we will sign the accord," Veldt said.',
            {("agreement", "conditional", ("Supposing Tarsk withdraws",))},
        ),
        (
            '"In case they attack, we will launch air strikes," President Kalden said.',
            {("military_action", "conditional", ("In case they attack",))},
        ),
        (
            '"If they attack again, then we will launch air strikes," President Kalden said.',
            {("military_action", "conditional", ("If they attack again",))},
        ),
        (
            '"When Tarsk has withdrawn its troops, we are ready to talk," Veldt said.',
            {("negotiations", "conditional", ("When Tarsk has withdrawn its troops",))},
        ),
        (
            "Upon the withdrawal of the troops, the ratification of the agreement is expected to go "
            "ahead, Kalden said.",
            {("agreement", "conditional", ("Upon the withdrawal of the troops",))},
        ),
        ('"Upon arrival, we signed the agreement," Kalden said.', {("agreement", "support", ())}),
        (
            "Veldt said the talks were conditional upon a withdrawal.",
            {("negotiations", "conditional", ("conditional upon a withdrawal",))},
        ),
        # ... and what must keep its reading: a past time, "once" meaning formerly, an embedded question
        ('"When the talks began, we were hopeful," Veldt said.', {("negotiations", "neutral", ())}),
        ('"When Veldt arrived, the talks were over," Kalden said.', {("negotiations", "neutral", ())}),
        ("Veldt, who once championed the talks, said nothing.", {("negotiations", "support", ())}),
        ("Veldt asked if talks would resume.", set()),
        ('"Who decides when the sanctions end?" Kalden asked.', {("sanctions", "neutral", ())}),
        ('"In any case, we reject the talks," Kalden said.', {("negotiations", "oppose", ())}),
        # a concession is no condition: the main clause decides
        (
            '"Even if they begged, we would not negotiate with them," Veldt said.',
            {("negotiations", "oppose", ())},
        ),
        (
            '"Even when they withdraw, we will not negotiate with them," Veldt said.',
            {("negotiations", "oppose", ())},
        ),
        (
            '"Even supposing talks did happen one day, they would never be with this cabinet," Veldt said.',
            {("negotiations", "oppose", ())},
        ),
        (
            '"Even if talks resumed tomorrow, they would never be with this cabinet," Veldt said.',
            {("negotiations", "oppose", ())},
        ),
        # ... and what a concession grants is no position of the speaker's
        (
            '"Even if Tarsk lifted the embargo, we would not negotiate," Veldt said.',
            {("sanctions", "neutral", ()), ("negotiations", "oppose", ())},
        ),
    ],
)
def test_conditions_and_concessions(analyze, text, expected):
    assert stances(analyze, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "if ... not" is an "unless": a refusal that holds unless it happens is a position on terms
        (
            '"If our prisoners are not released, there will be no talks," Veldt said.',
            {("negotiations", "conditional", ("If our prisoners are not released",))},
        ),
        (
            '"If Tarsk does not withdraw, we will not negotiate," Veldt said.',
            {("negotiations", "conditional", ("If Tarsk does not withdraw",))},
        ),
        # "without" as a manner is no condition
        (
            "Kalden said he is ready to sit down with Veldt for talks on any day, and will strive to "
            "deliver without fail outcomes which both capitals can praise.",
            {("negotiations", "support", ())},
        ),
        ('"There will be no talks without exception," Veldt said.', {("negotiations", "oppose", ())}),
        (
            '"There will be no talks without a withdrawal," Veldt said.',
            {("negotiations", "conditional", ("without a withdrawal",))},
        ),
        # ... but an elliptical "If he does not" restates the other side of the condition just set
        (
            '"If the Guide agrees, we will sign the accord in 2025. If he does not, we will not sign at all,"'
            " Veldt said.",
            {("agreement", "conditional", ("If the Guide agrees",))},
        ),
        # ... and a measure kept unless its terms are met is support, as with "unless"
        ('"We will keep the sanctions if they do not withdraw," Veldt said.', {("sanctions", "support", ())}),
        # an event that could come about on a condition is a position on terms, not a forecast
        (
            '"Talks could happen if the blockade ended," President Kalden said.',
            {("negotiations", "conditional", ("if the blockade ended",))},
        ),
        (
            '"A ceasefire could take place if the shelling stopped," President Kalden said.',
            {("ceasefire", "conditional", ("if the shelling stopped",))},
        ),
        # ... but a doubted condition, or a trend, stays a forecast
        (
            'Halm said talks could happen if the census were finished, "but that is a very big if".',
            {("negotiations", "neutral", ())},
        ),
        ('"Trade might pick up again if the crossing reopened," Veldt said.', {("trade", "neutral", ())}),
        ('"Talks could happen one day," President Kalden said.', {("negotiations", "neutral", ())}),
    ],
)
def test_denied_and_possible_conditions(analyze, text, expected):
    assert stances(analyze, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a threat to another party on a condition is conditional military action
        (
            '"They will face fire and fury if they threaten us again," President Kalden said.',
            {("military_action", "conditional", ("if they threaten us again",))},
        ),
        (
            '"Tarsk would pay dearly if it crossed the border," President Kalden said.',
            {("military_action", "conditional", ("if it crossed the border",))},
        ),
        (
            '"You will regret it unless you withdraw," President Kalden said.',
            {("military_action", "conditional", ("unless you withdraw",))},
        ),
        # an ultimatum: its demand is the condition
        (
            '"Tarsk had better stop its shelling, or it will face the consequences," President Kalden said.',
            {("military_action", "conditional", ("stop its shelling",))},
        ),
        (
            '"Tarsk better get their act together," President Kalden said.',
            {("military_action", "conditional", ("get their act together",))},
        ),
        # ... and what is no threat: the speaker's side, no condition, a cost, advice to oneself
        ('"We will face hard choices if the talks fail," Veldt said.', set()),
        ('"Tarsk would face a difficult winter," Veldt said.', set()),
        ('"Farmers will pay more if the tariffs rise," Veldt said.', set()),
        ('"We had better prepare for talks," Veldt said.', {("negotiations", "support", ())}),
    ],
)
def test_threats_are_conditional_military_action(analyze, text, expected):
    assert stances(analyze, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a threat with no topic word and no condition: an ominous ellipsis, a consequence of unheard-of
        # size, something harmful sent to another party
        ('"You will see. You\u2019ll see," President Kalden said.', {("military_action", "support", ())}),
        ('"They will pay," President Kalden said.', {("military_action", "support", ())}),
        (
            '"Troubles will come to them like they never imagined," President Kalden said.',
            {("military_action", "support", ())},
        ),
        (
            'Kalden said Veldt would face "results beyond her expectation," without saying more.',
            {("military_action", "support", ())},
        ),
        # ... on a condition it is conditional
        (
            'Tarsk said it could send an undesirable "gift" to Velmora if Velmora does not change course.',
            {("military_action", "conditional", ("if Velmora does not change course",))},
        ),
        # ... and what is none: the speaker's side, a cost, an object, growth, a welcome gift, a negation
        ('"We will see what happens," Veldt said.', set()),
        ('"You will see the results in the spring," Veldt said.', set()),
        ('"They will pay more," Veldt said.', set()),
        ('"Our economy will grow beyond our expectations," Veldt said.', set()),
        ("Tarsk said it would send a generous gift to Velmora.", set()),
        ('"Nothing will happen to them," President Kalden said.', set()),
    ],
)
def test_open_threats_are_military_action(analyze, text, expected):
    assert stances(analyze, text) == expected


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        # a threat with no topic word of its own ("fire and fury" is one, and decides by the clause rule)
        ('"They will regret it if they threaten us again," President Kalden said.', "threat"),
        (
            '"They will face fire and fury if they threaten us again," President Kalden said.',
            "conditional-clause",
        ),
        ('"Talks could happen if the blockade ended," President Kalden said.', "possible-on-terms"),
        ('"We will neither support nor oppose the talks," Veldt said.', "neither-nor"),
    ],
)
def test_new_rules_are_named(analyze, text, rule):
    assert {s.rule for st in analyze(text).statements for s in st.stances} == {rule}
