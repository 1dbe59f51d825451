"""The topic vocabulary of news about any conflict: meetings with a political counterpart, armed force with
a target or weapon, and evaluative predicates judged by VADER's lexicon where our own lists say nothing.
Invented sentences about fictional states and leaders."""

from __future__ import annotations

import pytest

from stanceline.nlp.stance import valence


def stances(analyze, text: str) -> set[tuple[str, str]]:
    return {(s.topic, s.stance) for st in analyze(text).statements for s in st.stances}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "meet" with a political counterpart: a person, a title, a state
        (
            '"We are ready to meet with President Kalden at any time," Prime Minister Anaya Veldt said.',
            {("negotiations", "support")},
        ),
        ("Veldt said she was looking forward to meeting President Kalden.", {("negotiations", "support")}),
        (
            "Veldt said she would accept an invitation to meet Kalden in Halden.",
            {("negotiations", "support")},
        ),
        (
            '"We will not hold a single meeting with the Tarskan envoy," Veldt said.',
            {("negotiations", "oppose")},
        ),
        # armed force with a weapon or a target
        ('"We will test more missiles," President Kalden said.', {("military_action", "support")}),
        ('"We will never test nuclear weapons again," Kalden said.', {("military_action", "oppose")}),
        (
            '"We will forge and station many nuclear warheads," Kalden said.',
            {("military_action", "support")},
        ),
        (
            '"We will stop holding joint military exercises," Kalden said.',
            {("military_action", "oppose")},
        ),
        # a threat of force is support of it; on a condition, conditional
        ('"Tarsk will face fire and fury," Kalden said.', {("military_action", "support")}),
        (
            '"We will totally destroy the Tarskan capital if they attack us," Kalden said.',
            {("military_action", "conditional")},
        ),
    ],
)
def test_news_vocabulary_of_talks_and_force(analyze, text, expected):
    assert stances(analyze, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # "meet" without a political counterpart
        '"We will meet the deadline," Veldt said.',
        '"The budget meets expectations," Veldt said.',
        '"Our farms can meet demand," Veldt said.',
        '"We will meet Tarsk\'s demands on paperwork," Veldt said.',  # what is met is demands, not Tarsk
        '"The board meeting was long," Veldt said.',
        # verbs of force without a weapon or target
        '"The police will destroy the evidence," Kalden said.',
        '"Our critics attack the plan," Kalden said.',
        '"I will fire the minister," Kalden said.',
        '"We will test the waters," Kalden said.',
        '"The two sides will meet in Halden," Kalden said.',  # no counterpart named
    ],
)
def test_no_topic_without_a_counterpart_or_target(analyze, text):
    assert not {t for t, _ in stances(analyze, text)} & {"negotiations", "military_action"}


def test_strike_a_deal_is_an_agreement_not_force(analyze):
    assert stances(analyze, '"We hope to strike a deal," Kalden said.') == {("agreement", "support")}


@pytest.mark.parametrize(
    ("word", "polarity"),
    [
        # judging words count
        ("poison", -1),
        ("useless", -1),
        ("harmful", -1),  # by its adverb "harmfully": VADER lacks the adjective
        ("honest", 1),
        ("successful", 1),
        ("disastrous", -1),
        # describing words do not: difficulty, readiness, size, novelty, length
        ("serious", 0),
        ("major", 0),
        ("new", 0),
        ("long", 0),
        ("difficult", 0),  # -1.5
        ("ready", 0),  # +1.5
        ("clear", 0),  # +1.6
        ("hostile", 0),  # -1.6
        ("tense", 0),
    ],
)
def test_vader_valence_threshold(word, polarity):
    assert valence.polarity(word) == polarity


@pytest.mark.parametrize(
    ("text", "expected", "rule"),
    [
        # our lists first
        (
            '"Talks with this government would be poison," Veldt said.',
            ("negotiations", "oppose"),
            "evaluation",
        ),
        ('"The deal is impossible," Veldt said.', ("agreement", "oppose"), "evaluation"),
        ('"The talks were productive," Veldt said.', ("negotiations", "support"), "evaluation"),
        # VADER's lexicon where our lists say nothing
        ('"The talks were honest," Veldt said.', ("negotiations", "support"), "lexicon-evaluation"),
        ('"The sanctions are harmful," Veldt said.', ("sanctions", "oppose"), "lexicon-evaluation"),
        # negation flips it
        ('"The talks were not productive," Veldt said.', ("negotiations", "oppose"), None),
        ('"The talks were not honest," Veldt said.', ("negotiations", "oppose"), None),
        # a describing word judges nothing
        ('"The talks were serious," Veldt said.', ("negotiations", "neutral"), "no-stance-word"),
        ('"The talks were difficult," Veldt said.', ("negotiations", "neutral"), "no-stance-word"),
    ],
)
def test_evaluative_predicates(analyze, text, expected, rule):
    got = {(s.topic, s.stance): s for st in analyze(text).statements for s in st.stances}
    assert set(got) == {expected}
    if rule is not None:
        assert got[expected].rule == rule


def test_a_verdict_of_the_lexicon_is_less_sure_than_one_of_our_lists(analyze):
    ours = [s for st in analyze('"The talks were productive," Veldt said.').statements for s in st.stances]
    vader = [s for st in analyze('"The talks were honest," Veldt said.').statements for s in st.stances]
    assert ours[0].confidence > vader[0].confidence


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the adjective of what the speaker had judges it
        (
            '"We just had a very good meeting with President Kalden," Veldt said.',
            {("negotiations", "support")},
        ),
        # one sense per discourse: "the meeting" after a meeting with the president
        (
            '"I met President Kalden on Monday. The meeting was excellent," Veldt said.',
            {("negotiations", "support")},
        ),
        # taking part and indignation
        (
            '"We have been engaged in quiet peace talks with Tarsk," Kalden said.',
            {("negotiations", "support")},
        ),
        ('"I expressed outrage about the attack on Halden," Veldt said.', {("military_action", "oppose")}),
        ('"We will invite President Kalden to the capital," Veldt said.', {("negotiations", "support")}),
    ],
)
def test_meetings_judged_and_followed_through_the_article(analyze, text, expected):
    assert stances(analyze, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        '"The meeting was excellent," Veldt said.',  # no political meeting in the article
        '"We will invite reporters to the ceremony," Veldt said.',
        '"We had a long meeting of the cabinet," Veldt said.',
    ],
)
def test_no_meeting_without_a_counterpart_in_the_article(analyze, text):
    assert "negotiations" not in {t for t, _ in stances(analyze, text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # sanctions relief is the lifting of sanctions: a barrier to them
        ('"We will offer sanctions relief once they withdraw," Veldt said.', ("sanctions", "support")),
        ('"We want sanctions relief now," President Kalden said.', ("sanctions", "oppose")),
        # an understanding with a counterpart is an agreement; a reduction in violence a ceasefire
        ('"We have now come to an understanding with Tarsk," Veldt said.', ("agreement", "support")),
        ('"We welcome the reduction in violence," Veldt said.', ("ceasefire", "support")),
        # a pause taken, a backing off
        ('"The talks with Tarsk are taking a brief pause," Veldt said.', ("negotiations", "oppose")),
        ('"We are backing off the talks," Veldt said.', ("negotiations", "oppose")),
    ],
)
def test_relief_understanding_and_pauses(analyze, text, expected):
    assert expected in stances(analyze, text)


@pytest.mark.parametrize(
    "text",
    [
        '"We need a better understanding of the problem," Veldt said.',
        '"It was the right conversation in the wrong order," Veldt said.',
    ],
)
def test_no_agreement_or_talks_in_plain_nouns(analyze, text):
    assert not {t for t, _ in stances(analyze, text)} & {"agreement", "negotiations"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # announcing or declaring it makes it so
        ("President Kalden announced a temporary ceasefire for the holiday.", {("ceasefire", "support")}),
        ('"We will announce new sanctions on Tarsk," Veldt said.', {("sanctions", "support")}),
        # ... unless what is announced is its end, or a verb of naming gives it a name
        ('"We announce the end of the talks," Kalden said.', {("negotiations", "oppose")}),
        ("Kalden declared the talks with Tarsk dead.", {("negotiations", "oppose")}),
        ('"Tarsk broke off the talks," Kalden said.', {("negotiations", "oppose")}),
    ],
)
def test_announcing_declaring_and_breaking_off(analyze, text, expected):
    assert stances(analyze, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # envoys sent to talk; relations between states
        ('"We are willing to send a delegation to Halden," Kalden said.', {("negotiations", "support")}),
        ('"We will restore diplomatic relations with Tarsk," Kalden said.', {("negotiations", "support")}),
        ('"We will sever diplomatic ties with Tarsk," Kalden said.', {("negotiations", "oppose")}),
        ('"Tarsk has historic ties to the valley," Kalden said.', set()),
        ('"The two countries\' relations will improve," Kalden said.', {("negotiations", "support")}),
        # relations and ties of no state, delegations not sent, a parcel sent
        ('"Our public relations team is busy," Kalden said.', set()),
        ('"Family ties matter," Kalden said.', set()),
        ('"The two delegations had lunch," Kalden said.', set()),
        ('"We will send the parcel to Halden," Kalden said.', set()),
    ],
)
def test_envoys_and_relations_between_states(analyze, text, expected):
    assert stances(analyze, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # people met with are a counterpart; people (or things) met are not
        ('"We are meeting with them next week," Kalden said.', {("negotiations", "support")}),
        ('"We will meet them," Kalden said.', set()),
    ],
)
def test_a_pronoun_met_with_is_a_counterpart(analyze, text, expected):
    assert stances(analyze, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a phrase of force needs no argument, only a single argued word does
        (
            '"If they cross the river again, we will hit back," the army chief said.',
            {("military_action", "conditional")},
        ),
        # "announce" as a verb of saying takes no side; announcing a ceasefire or sanctions makes them
        ("The ministry announced that the ballot count will begin at 10 p.m.", {("elections", "neutral")}),
    ],
)
def test_phrases_need_no_argument_and_announcing_is_saying(analyze, text, expected):
    assert stances(analyze, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the terms of a deal: prisoners or hostages released or exchanged
        (
            '"There is no commitment on our part to releasing 41 prisoners," President Kalden said.',
            {("agreement", "oppose")},
        ),
        (
            '"We are ready for a prisoner exchange with Tarsk," Prime Minister Anaya Veldt said.',
            {("agreement", "support")},
        ),
        ('"We signed a joint statement with Tarsk," Kalden said.', {("agreement", "support")}),
        # a truce by another name: offensive operations halted, a de-escalation
        (
            '"Our forces will stop offensive maneuvers against the rebels," Kalden said.',
            {("ceasefire", "support")},
        ),
        ('"We call for an immediate de-escalation," Veldt said.', {("ceasefire", "support")}),
        # the formats of talks: a negotiating team, a political settlement
        ('"We want a political settlement of the conflict," Veldt said.', {("negotiations", "support")}),
        (
            '"A small working-level team will be named before the thaw," Kalden said.',
            {("negotiations", "support")},
        ),
        # campaigns of force
        (
            '"We will never accept a ground invasion of Velmora," Veldt said.',
            {("military_action", "oppose")},
        ),
    ],
)
def test_domain_vocabulary_of_deals_truces_and_force(analyze, text, expected):
    assert stances(analyze, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the measures of a sanctions regime
        ('"We will extend the price cap on Tarskan oil," Anaya Veldt said.', {("sanctions", "support")}),
        ('"The travel ban on Tarskan officials must stay," Veldt said.', {("sanctions", "support")}),
        # access for relief, and arms given to a party at war
        ('"We demand humanitarian access to Hallum," Veldt said.', {("aid", "support")}),
        ('"We will keep up arms deliveries to Velmora," President Kalden said.', {("aid", "support")}),
        # elections by another name
        ('"We reject the runoff," Kalden said.', {("elections", "oppose")}),
        # a trade war, an export ban: barriers to trade, whose end favours it
        ('"We want to end the trade war with Tarsk," Veldt said.', {("trade", "support")}),
        ('"We will lift the export ban on grain," Veldt said.', {("trade", "support")}),
        ('"We will impose an import ban," Veldt said.', {("trade", "oppose")}),
        # talks about a truce are talks; calm restored is a truce
        ('"We welcome the ceasefire talks," Veldt said.', {("negotiations", "support")}),
        ('"We want to restore calm in Hallum," Veldt said.', {("ceasefire", "support")}),
    ],
)
def test_vocabulary_of_sanctions_aid_elections_and_trade(analyze, text, expected):
    assert stances(analyze, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        '"The team will be formed next week," Kalden said.',  # a team, not a negotiating one
        '"We released the new album last week," Veldt said.',  # released, but no prisoners
        '"The delegation arrived late," Veldt said.',  # a delegation is not itself the talks
    ],
)
def test_no_topic_in_ordinary_words(analyze, text):
    assert stances(analyze, text) == set()


_TALKS_OPENED = "Talks between Velmora and Tarsk opened in Halden on Monday. "


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a definite "the meetings" after the talks were named refers back to them
        (
            _TALKS_OPENED + '"The meetings were productive," Prime Minister Anaya Veldt said.',
            {("negotiations", "support")},
        ),
        (_TALKS_OPENED + '"We will cancel the meeting," Veldt said.', {("negotiations", "oppose")}),
        # an indefinite one cancelled, held, attended (the topic's own verbs) is one of the talks too
        (
            _TALKS_OPENED + '"We will cancel a meeting planned for Sunday," Veldt said.',
            {("negotiations", "oppose")},
        ),
        ('"We will cancel a meeting planned for Sunday," Veldt said.', set()),
        (_TALKS_OPENED + '"We will hold a meeting of the board," Veldt said.', set()),
        # ... not without the talks named before, nor an indefinite or predicate noun
        ('"The meetings were productive," Prime Minister Anaya Veldt said.', set()),
        (_TALKS_OPENED + '"We need a better understanding of the problem," Veldt said.', set()),
        (_TALKS_OPENED + '"It was the right conversation in the wrong order," Veldt said.', set()),
    ],
)
def test_definite_meeting_refers_back_to_talks_named_before(analyze, text, expected):
    assert stances(analyze, text) == expected
