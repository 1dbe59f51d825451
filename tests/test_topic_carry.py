"""Topic carry-over: a statement whose content names no topic but points back to one ("they're dead",
"we are backing off", "we will never walk away from it") takes the topic of its antecedent (the same
speaker's previous statement, or a topic word that the cue's preposition takes), with a lower confidence,
the place where the topic was named (``carried_from``) and the antecedent's counterpart. Invented
sentences about fictional states and leaders."""

from __future__ import annotations

import pytest


def last_stances(analyze, text: str) -> set[tuple[str, str, str | None, str | None]]:
    """(topic, stance, counterpart text, carried_from text) of the last statement."""
    st = analyze(text).statements[-1]
    return {
        (
            s.topic,
            s.stance,
            s.counterpart.text if s.counterpart else None,
            s.carried_from.text if s.carried_from else None,
        )
        for s in st.stances
    }


_ACCORD = '"The accord with Tarsk is our best hope," President Kalden said. '
_SIGNED = '"We signed the Halden Accord with Tarsk," President Kalden said. '
_SANCTIONS = '"The sanctions on Tarsk are working," President Kalden said. '
_TALKS = '"We want talks with Tarsk," President Kalden said. '


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a particle of refusal with its object left out: the topic of the speaker's previous statement
        (
            _ACCORD + '"Now we are backing off completely," he added.',
            {("agreement", "oppose", "with Tarsk", "The accord")},
        ),
        (_ACCORD + '"We have pulled out," he added.', {("agreement", "oppose", "with Tarsk", "The accord")}),
        # what the cue's preposition takes: "said of the talks"
        (
            '"They are dead," President Kalden said of the talks with Tarsk.',
            {("negotiations", "oppose", "with Tarsk", "the talks")},
        ),
        # the speaker's latest topic of the pronoun's number: the talks, not the accord named after them
        (
            '"We want talks with Tarsk and an accord," President Kalden told reporters. '
            '"They are a waste of time," he added.',
            {("negotiations", "oppose", "with Tarsk", "talks")},
        ),
        # the subject of a verb said of measures and treaties
        (
            '"The sanctions on Tarsk must stay," President Kalden said. "They are working," he added.',
            {("sanctions", "support", "on Tarsk", "The sanctions")},
        ),
        # a pronoun whose nearest noun is no topic word, after the speaker's previous statement
        (
            _SIGNED + '"We will never walk away from it," he added.',
            {("agreement", "support", "with Tarsk", "the Halden Accord")},
        ),
        # a pronoun whose nearest noun is the topic word: the counterpart follows it too
        (
            _SANCTIONS + '"They must be kept," he added.',
            {("sanctions", "support", "on Tarsk", "The sanctions")},
        ),
        (
            _SANCTIONS + '"Lifting them would be a mistake," he added.',
            {("sanctions", "support", "on Tarsk", "The sanctions")},
        ),
    ],
)
def test_topic_carried_from_the_antecedent(analyze, text, expected):
    assert last_stances(analyze, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # the pronoun stands for a noun of the content, not for the talks
        _TALKS + '"Our farmers are angry. We must help them," he added.',
        # an acting subject is people; a demonstrative object is an act
        _TALKS + '"They will happen soon," he added.',
        _TALKS + '"I did that because it was right," he added.',
        # an acting subject is people
        _TALKS + '"They threaten us every day," he added.',
        # the number does not agree: "it" is not the talks
        _TALKS + '"The team will be formed soon. It will be led by my deputy," he added.',
        # the previous statement names no topic
        '"The soldiers were tired," President Kalden said. "They are dead," he added.',
        # a particle verb with its own object
        _ACCORD + '"We called off the parade," he added.',
        # nothing points back, or to no topic
        _TALKS + '"The weather was bad today," he added.',
        '"It is over," President Kalden said about the weather.',
    ],
)
def test_nothing_carried(analyze, text):
    assert last_stances(analyze, text) == set()


def test_carried_stance_has_a_lower_confidence(analyze):
    a = analyze(_ACCORD + '"Now we are backing off completely," he added.')
    carried = a.statements[-1].stances[0]
    assert carried.carried_from is not None and carried.target.text == "backing off"
    assert 0 < carried.confidence < 0.8
    assert a.statements[0].stances[0].carried_from is None


def test_carried_from_in_the_contract(analyze):
    d = analyze(_ACCORD + '"Now we are backing off completely," he added.').to_dict()
    first, last = d["statements"][0]["stances"][0], d["statements"][-1]["stances"][0]
    assert first["carried_from"] is None
    assert last["carried_from"]["text"] == "The accord"


@pytest.mark.parametrize(
    ("text", "counterpart"),
    [
        # a definite topic noun with no party of its own refers back to the talks named with one
        (
            'Talks with Tarsk opened in Halden. "We will never leave the talks," President Kalden said.',
            "with Tarsk",
        ),
        # ... not a bare plural, which names talks in general
        (
            'Talks with Tarsk opened in Halden on Monday. "Talks are always useful," President Kalden said.',
            None,
        ),
        # ... nor a mention of another topic
        ('Sanctions on Tarsk began in May. "We will never leave the talks," President Kalden said.', None),
    ],
)
def test_counterpart_of_a_definite_noun_follows_its_earlier_mention(analyze, text, counterpart):
    [s] = analyze(text).statements[-1].stances
    assert (s.counterpart.text if s.counterpart else None) == counterpart
    assert s.carried_from is None


def test_particle_carries_another_topic_than_the_content_names(analyze):
    """The content names the shelling (the existing rules read it as they do); what is backed off from is the
    accord of the speaker's previous statement."""
    got = last_stances(
        analyze, _ACCORD + '"We are backing off entirely in view of the shelling of Hallum," he added.'
    )
    assert ("agreement", "oppose", "with Tarsk", "The accord") in got
