"""With whom: the counterpart of a stance, read from the parse around the topic word (invented sentences)."""

from __future__ import annotations

import pytest

from stanceline.analysis import to_analysis
from stanceline.model import Article, Counterpart, Stance


def stances(nlp, text: str) -> list[Stance]:
    doc = nlp(text)
    analysis = to_analysis(doc, Article(text=text, id="t"))
    return [s for st in analysis.statements for s in st.stances]


@pytest.mark.parametrize(
    ("text", "topic", "expected"),
    [
        # a preposition of the topic word
        (
            "President Kalden said Tarsk would resume talks with Velmora next week.",
            "negotiations",
            "with Velmora",
        ),
        ("Prime Minister Anaya Veldt said she backs new sanctions on Tarsk.", "sanctions", "on Tarsk"),
        ("Kalden said the strikes against Tarsk must continue.", "military_action", "against Tarsk"),
        # a compound of two names
        ("Veldt said the Velmora-Tarsk talks were a waste of time.", "negotiations", "Velmora-Tarsk"),
        # a country resolved to its ISO code
        ("Kalden said he supports talks with the United States.", "negotiations", "with the United States"),
        # no other party: none
        ("Kalden said the talks on trade were useful.", "negotiations", None),
        ("Veldt said she rejects the talks.", "negotiations", None),
        # a date is no party: "strike them on Tuesday"
        ("Kalden said Velmora would launch strikes on Monday.", "military_action", None),
    ],
)
def test_counterpart_text(nlp, text, topic, expected):
    got = {s.topic: s.counterpart for s in stances(nlp, text)}
    assert topic in got
    assert (got[topic].text if got[topic] else None) == expected


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Kalden said he supports talks with the United States.", "USA"),
        ("Kalden said he supports talks with Washington.", "USA"),
        ("Veldt said she backs sanctions on Tarsk.", None),  # a fictional state: no ISO code
    ],
)
def test_counterpart_country(nlp, text, country):
    got = [s.counterpart for s in stances(nlp, text) if s.counterpart]
    assert got and got[0].country == country


def test_counterpart_names_an_article_actor(nlp):
    text = 'Veldt said she was ready for talks with Kalden. "We will meet," Kalden said.'
    doc = nlp(text)
    analysis = to_analysis(doc, Article(text=text, id="t"))
    kalden = next(a.id for a in analysis.actors if "Kalden" in a.name)
    got = [s.counterpart for st in analysis.statements for s in st.stances if s.counterpart]
    assert got and got[0].actor == kalden


@pytest.mark.parametrize(
    "counterpart",
    [None, Counterpart("with Tarsk"), Counterpart("with the United States", "a2", "USA")],
)
def test_counterpart_in_the_contract_round_trips(counterpart):
    s = Stance("negotiations", "support", counterpart=counterpart)
    d = s.to_dict()
    assert d["counterpart"] == (counterpart.to_dict() if counterpart else None)
    assert Stance.from_dict(d) == s
