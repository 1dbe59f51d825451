"""Stance from the speaker's own account (``nlp/stance/account.py``): what a party announces, is able to do,
judges by an adjective, holds or waits for; and what others did in the past, which takes no side.

Sentences in, expected ``(topic, stance, rule)`` out; the last table holds sentences whose reading must
not change.
"""

from __future__ import annotations

import pytest


def rules_of(analyze, text: str) -> set[tuple[str, str, str]]:
    """The stances of the statements with a source (attribution may also read "that its couriers are
    ready ..." of "rejected reports that its couriers are ready ..." as a statement of its own, with none)."""
    return {
        (s.topic, s.stance, s.rule)
        for st in analyze(text).statements
        if st.source is not None
        for s in st.stances
    }


def conditions_of(analyze, text: str) -> set[tuple[str, str, tuple[str, ...]]]:
    return {
        (s.topic, s.stance, tuple(c.text for c in s.conditions))
        for st in analyze(text).statements
        for s in st.stances
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the topic event announced, with the topic itself or the speaker's side as subject
        (
            '"Talks with Tarsk will start soon," Prime Minister Anaya Veldt of Velmora said.',
            {("negotiations", "support", "announced-event")},
        ),
        (
            '"The ceasefire will last until the end of the festival," President Kalden said.',
            {("ceasefire", "support", "announced-event")},
        ),
        # ... or able: the speaker's own means
        (
            '"Our missiles can reach every city of Tarsk," President Kalden said.',
            {("military_action", "support", "announced-event")},
        ),
        (
            '"Our missiles are on alert," President Kalden said.',
            {("military_action", "support", "own-means")},
        ),
        (
            "Kalden said he has a nuclear button on his desk.",
            {("military_action", "support", "own-means")},
        ),
        # the topic noun judged by its adjective, or by what came of it
        (
            '"We had detailed, substantive conversations with Tarsk about the next steps," Veldt said.',
            {("negotiations", "support", "attributive-evaluation")},
        ),
        (
            '"We held fruitless talks with Tarsk," Veldt said.',
            {("negotiations", "oppose", "attributive-evaluation")},
        ),
        (
            '"Progress was made during the talks over the ferry crossings at Ostmere," Veldt said.',
            {("negotiations", "support", "attributive-evaluation")},
        ),
        (
            '"We made a breakthrough at the talks with Tarsk," Veldt said.',
            {("negotiations", "support", "attributive-evaluation")},
        ),
        # others' act told in the past: a report
        (
            "Veldt said officials from Tarsk and Ostland held meetings with Kalden on Sunday.",
            {("negotiations", "neutral", "others-past-act")},
        ),
        # ... and a reported "she" who has held meetings: a record
        (
            "Veldt said she has held several meetings with the Tarskans involved in the canal dispute.",
            {("negotiations", "neutral", "others-past-act")},
        ),
        # ... not "we", nor what she will hold
        ('"We held talks with Tarsk on Sunday," Veldt said.', {("negotiations", "support", "stance-word")}),
        (
            "Veldt said she will hold meetings with President Kalden of Tarsk.",
            {("negotiations", "support", "stance-word")},
        ),
        # a disposition said of a thing is nobody's readiness
        (
            "Veldt said there had been a draft accord on the canal tolls that was ready to be initialled.",
            {("agreement", "neutral", "no-stance-word")},
        ),
        # waiting for the other side's move: conditional
        (
            "Kalden said he is ready to wait for Veldt to change her attitude to the talks until the end of "
            "the year.",
            {("negotiations", "conditional", "awaited-move")},
        ),
        (
            '"I will wait for the Tarskan president to come back to the talks," Kalden said.',
            {("negotiations", "conditional", "awaited-move")},
        ),
        # a rejected report denies what it said
        (
            "The Tarsk Front have rejected reports that its couriers are ready to reopen talks with Velmora.",
            {("negotiations", "oppose", "denied-clause")},
        ),
        (
            "Kalden denied reports that Tarsk would lift the sanctions.",
            {("sanctions", "support", "denied-clause")},
        ),
        # the topic failed the speaker's side
        (
            '"The canal negotiations have not fulfilled our expectations and soon fizzled out," Kalden said.',
            {("negotiations", "oppose", "unmet-expectations")},
        ),
        # another party's past act told as the scene: not the speaker's position
        (
            '"Now that President Kastell has announced the suspension of talks with Velmora, this will harm '
            'nobody but Tarsk," Veldt said.',
            set(),
        ),
        ('"When Kastell broke off the talks, we were surprised," Veldt said.', set()),
        # what an agreement favoured is about is favoured too
        (
            '"After nine winters of border feuding, we have now come to an understanding with Tarsk on '
            'a marked reduction in violence," Veldt said.',
            {("ceasefire", "support", "agreed-content")},
        ),
        # the second term of an equative is held equal, not chosen
        (
            "Kalden said Tarsk is just as ready to face Velmora in a war of the marshes as at the "
            "negotiating table.",
            {("negotiations", "neutral", "equal-terms")},
        ),
        # what must come first is the condition
        (
            "Veldt insisted that Tarsk must agree to dismantle every launcher along the coast before "
            "receiving sanctions relief.",
            {("sanctions", "conditional", "prerequisite")},
        ),
        # a past time clause tells when, it takes the main clause's side on nothing
        (
            '"When I met President Kalden today, I expressed outrage about the attack," Veldt said.',
            {("negotiations", "neutral", "no-stance-word")},
        ),
    ],
)
def test_the_speakers_own_account_decides(analyze, text, expected):
    assert rules_of(analyze, text) >= expected
    assert {(t, s) for t, s, _ in rules_of(analyze, text) if t in {e[0] for e in expected}} == {
        (t, s) for t, s, _ in expected
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kalden said he is ready to wait for Veldt to change her attitude to the talks.",
            {("negotiations", "conditional", ("for Veldt to change her attitude to the talks",))},
        ),
        (
            '"I will wait for the Tarskan president to come back to the talks," Kalden said.',
            {("negotiations", "conditional", ("for the Tarskan president to come back to the talks",))},
        ),
    ],
)
def test_what_is_waited_for_is_the_condition(analyze, text, expected):
    assert conditions_of(analyze, text) == expected


# A position followed by "but" and an event that may come about holds until then; any other "but" leaves it.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '"The sanctions remain but at a later stage during the negotiations much can happen," '
            "Kalden said.",
            {
                ("sanctions", "conditional", ("at a later stage during the negotiations much can happen",)),
                ("negotiations", "neutral", ()),
            },
        ),
        (
            '"The sanctions remain, but we are ready to talk," Kalden said.',
            {("sanctions", "support", ()), ("negotiations", "support", ())},
        ),
    ],
)
def test_a_position_left_open_is_conditional(analyze, text, expected):
    assert conditions_of(analyze, text) == expected


# A demand that the other party show its readiness conditions the speaker's position on the process; a
# demand of anything else, or the demand's own topic words, leave it.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '"We will hold talks with Tarsk. Tarsk must show it is ready to compromise," Veldt said.',
            {("negotiations", "conditional", ("Tarsk must show it is ready to compromise",))},
        ),
        (
            '"When I met the Front today, I expressed outrage about the attack. The Front must show they are '
            'willing and able to respond," Veldt said.',
            {("negotiations", "conditional", ("The Front must show they are willing and able to respond",))},
        ),
        (
            '"Tarsk must show it is ready to negotiate seriously," Veldt said.',
            {("negotiations", "support", ())},
        ),
        (
            '"We will hold talks with Tarsk. Tarsk must stop the shelling," Veldt said.',
            {("negotiations", "support", ()), ("military_action", "oppose", ())},
        ),
    ],
)
def test_a_demand_of_readiness_conditions_the_process(analyze, text, expected):
    assert conditions_of(analyze, text) == expected


# A condition that opens the sentence before the source conditions what is reported after it.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Should Tarsk withdraw its troops, Veldt said the talks would resume quickly.",
            {("negotiations", "conditional", ("Should Tarsk withdraw its troops",))},
        ),
        (
            "If Tarsk withdraws its troops, Veldt said the talks would resume.",
            {("negotiations", "conditional", ("If Tarsk withdraws its troops",))},
        ),
        # a past time clause there is when it was said
        ("When the talks began, Veldt said Tarsk would lift the sanctions.", {("sanctions", "oppose", ())}),
        ("After meeting Kastell, Veldt said the talks would resume.", {("negotiations", "support", ())}),
        # a participle frames the question answered: no condition (the answer is read by the frame's rules)
        (
            'Asked if the embargo would outlast the winter, Aalders said: "It will outlast the winter."',
            {("sanctions", "neutral", ())},
        ),
    ],
)
def test_a_fronted_condition_conditions_the_report(analyze, text, expected):
    assert conditions_of(analyze, text) == expected


# Readings the account must not change: negated, hedged, asked, scheduled, wanted by others, the speaker's
# own past act, a named state's act, a forecast.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"Talks with Tarsk will not start soon," Veldt said.', {("negotiations", "oppose")}),
        ('"The talks will open in Halden on 19 May," Veldt said.', {("negotiations", "neutral")}),
        ('"Will the talks start soon?" Veldt asked.', {("negotiations", "neutral")}),
        (
            '"We held fruitful negotiations with the Tarskan delegation," Veldt said.',
            {("negotiations", "support")},
        ),
        ("Veldt said Velmora had resumed talks with Tarsk.", {("negotiations", "support")}),
        ('"Trade might pick up again if the crossing reopened," Veldt said.', {("trade", "neutral")}),
        ("Veldt said Kastell wants talks.", set()),
        # a report confirmed is not denied; a negated past event with the speaker's side as subject is a fact
        ("Kalden confirmed reports that Tarsk would lift the sanctions.", {("sanctions", "oppose")}),
        ('"We had not yet read the accord," Kalden said.', {("agreement", "neutral")}),
        # no "of": the topic named, not judged
        ('"This is an act of war," Veldt said.', {("military_action", "neutral")}),
        ('"Tarsk has missiles," Veldt said.', {("military_action", "neutral")}),
        # what another party insists on is theirs; the reason for an act is not what it is done to
        (
            "Kastell blamed the breakdown on Tarsk’s insistence that all the sanctions be lifted at once.",
            {("sanctions", "oppose")},  # (Tarsk's own statement; Kastell's has none)
        ),
        (
            '"We are backing off entirely in view of the Halden attack," Veldt said.',
            {("military_action", "neutral")},
        ),
        # an event of the topic itself in a time clause is told, not hidden
        (
            '"When the truce collapsed in March, our units were already in position," Rovan said.',
            {("ceasefire", "neutral")},
        ),
        # the cue's own time clause is the statement itself
        (
            "The talks opened days after Tarsk said it had test-fired a new missile.",
            {("military_action", "support")},
        ),
        # the speaker's own past act in a time clause is still the speaker's; a "when" that looks ahead is a
        # condition
        ('"When we broke off the talks, Kastell was surprised," Veldt said.', {("negotiations", "oppose")}),
        ('"When they withdraw, we will return to the talks," Veldt said.', {("negotiations", "conditional")}),
        # talks on a measure of pressure favour no sanction; a neutral host passes nothing on
        (
            '"We will hold talks on the sanctions next week," Veldt said.',
            {("negotiations", "support"), ("sanctions", "neutral")},
        ),
        # "before" without a demand is a time
        ('"We will sign the accord before the talks," Veldt said.', {("agreement", "support")}),
        # waiting for a thing, not a party's move
        ('"We will wait for the results of the talks," Veldt said.', {("negotiations", "neutral")}),
    ],
)
def test_the_account_leaves_these_readings(analyze, text, expected):
    assert {(s.topic, s.stance) for st in analyze(text).statements for s in st.stances} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # gratitude for the topic event is support of it; for its refusal, opposition
        (
            "The rebels thanked the government of Ostland for facilitating talks, Veldt said.",
            {("negotiations", "support", "stance-word")},
        ),
        (
            '"We thank Ostland for hosting the talks," Veldt said.',
            {("negotiations", "support", "stance-word")},
        ),
        (
            '"We thank Ostland for rejecting the talks," Veldt said.',
            {("negotiations", "oppose", "stance-word")},
        ),
        # ... thanks on another matter leave the topic's own reading
        (
            '"We thank Ostland, but we reject the talks," Veldt said.',
            {("negotiations", "oppose", "stance-word")},
        ),
    ],
)
def test_gratitude_for_the_topic_is_support(analyze, text, expected):
    assert rules_of(analyze, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # another party said to break the topic: the speaker holds to it
        (
            "The spokesman for Tarsk said Velmora's demands ran against the letter of the accord.",
            {("agreement", "support", "accused-breach")},
        ),
        ('"Tarsk violated the ceasefire again," Veldt said.', {("ceasefire", "support", "accused-breach")}),
        ('"They have breached the truce," Veldt said.', {("ceasefire", "support", "accused-breach")}),
        # ... not the speaker's own side, a passive report, a denial
        ('"We broke the truce," Veldt said.', {("ceasefire", "oppose", "stance-word")}),
        (
            "Veldt said the ceasefire had been violated eleven times.",
            {("ceasefire", "neutral", "reported-event")},
        ),
        ('"Tarsk did not violate the accord," Veldt said.', {("agreement", "support", "negated-oppose")}),
        ('"We will abandon the accord," Veldt said.', {("agreement", "oppose", "stance-word")}),
        ('"Tarsk broke off the talks," Kalden said.', {("negotiations", "oppose", "stance-word")}),
    ],
)
def test_an_accused_breach_holds_to_the_topic(analyze, text, expected):
    assert rules_of(analyze, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what will come of the topic event, announced, favours it
        (
            "Kalden said that more historic developments will result from the talks with Veldt.",
            {("negotiations", "support", "announced-event")},
        ),
        (
            '"Good things will come out of the talks with Tarsk," Kalden said.',
            {("negotiations", "support", "announced-event")},
        ),
        # ... nothing coming of it is the opposite; a past result is no announcement
        (
            '"Nothing will come of the talks with Tarsk," Kalden said.',
            {("negotiations", "oppose", "negation")},
        ),
        (
            '"No progress will result from the talks with Tarsk," Kalden said.',
            {("negotiations", "oppose", "negation")},
        ),
    ],
)
def test_a_promised_outcome_of_the_topic_is_support(analyze, text, expected):
    assert rules_of(analyze, text) == expected
