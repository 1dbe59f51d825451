"""Event words in senses that are no political act, and parties that are no one: tables of invented
sentences about fictional states, with the events they must give (often none) beside the same words in an
act's sense."""

from __future__ import annotations

import pytest


def coded(analyze, text: str) -> list[tuple]:
    d = analyze(text, published="2024-03-08").to_dict()
    return [
        (e["type"], e["trigger"]["text"], (e["source"] or {}).get("text"), (e["target"] or {}).get("text"))
        for e in d["events"]
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # [not events]: "cut short" a visit, texts and figures released
        ("Prime Minister Anaya Veldt, who cut short a visit to Ostland, spoke in Brennport.", []),
        ("The official results were released on Wednesday by the Election Commission of Velmora.", []),
        ("Tarsk released forty prisoners on Wednesday.", [("RETREAT", "released", "Tarsk", None)]),
        ("Our negotiators will stay only as long as Velmora keeps moving on the sanctions.", []),
        (
            "Tarsk began moving artillery toward the valley on Friday.",
            [("MOBILIZE", "moving", "Tarsk", "artillery")],
        ),
        # a material act whose only object is a clause
        ("It is worth recalling how firm her position has been.", []),
        (
            "Velmora recalled its ambassador from Tarsk.",
            [("SANCTION", "recalled", "Velmora", "its ambassador from Tarsk")],
        ),
        # force done to an accord is a figure of speech; force done with shells is force
        ("Both capitals say the other side killed the accord.", []),
        (
            "Velmoran artillery fired more than 200 shells into the valley on Sunday night.",
            [("ASSAULT", "fired", "Velmoran artillery", "more than 200 shells")],
        ),
        # a preposition of a date makes no phrasal verb ("insist on")
        ("President Kalden insisted in a speech on November 3 that Tarsk had never left the accord.", []),
        (
            "President Kalden insisted on a full inquiry.",
            [("REQUEST", "insisted on", "President Kalden", "full inquiry")],
        ),
        # a date is when, never who
        (
            "Last month's clash in the Serin Valley killed five soldiers.",
            [("ASSAULT", "clash", None, None), ("ASSAULT", "killed", None, "five soldiers")],
        ),
        # a noun in a quote whose only party is a pronoun that names no one: a mention, not an event
        ('"Let them keep their sanctions," Prime Minister Anaya Veldt said.', []),
        (
            "Foreign Minister Jonas Brekke repeated that his offer to host talks in Halden stood.",
            [("AGREE", "offer", "his", "Halden")],
        ),
        (
            "Senator Mira Kalden said Velmora's sanctions on Tarsk had failed.",
            [("SANCTION", "sanctions", "Velmora", "Tarsk")],
        ),
    ],
)
def test_senses_and_parties_that_are_no_act(analyze, text, expected):
    assert coded(analyze, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a verb with its object's or predicate's lemma ("shake hand", "return fire", "hold responsible")
        (
            "Foreign Minister Jonas Brekke shook hands with Dario Mensk in Halden.",
            [("CONSULT", "shook hands", "Foreign Minister Jonas Brekke", "Dario Mensk")],
        ),
        (
            "Velmoran gunners returned fire across the river.",
            [("ASSAULT", "returned fire", "Velmoran gunners", None)],
        ),
        (
            "Velmora holds Tarsk fully responsible for the shelling.",
            [("ACCUSE", "holds Tarsk fully responsible", "Velmora", "Tarsk")],
        ),
        ("Velmora holds the record for wheat exports.", []),
        # aid and cooperation said to come are commitments (AGREE)
        ("Ostland will send 300 monitors to the valley in January.", [("AGREE", "send", "Ostland", None)]),
        (
            "The Concord of Nations will pay for the mission.",
            [("AGREE", "pay for", "Concord of Nations", "mission")],
        ),
        ("Ostland will convene the commission next week.", [("AGREE", "convene", "Ostland", None)]),
        ("Velmora shut the crossing at Kelvik.", [("SANCTION", "shut", "Velmora", "crossing")]),
        # a light verb with its preposition ("return to talks"); a return to a place is no event
        (
            "Prime Minister Anaya Veldt said Tarsk would not return to negotiations.",
            [("REJECT", "negotiations", "Tarsk", None)],
        ),
        (
            "The delegates of Velmora returned to the talks on Monday.",
            [("CONSULT", "talks", "delegates of Velmora", None)],
        ),
        ("The minister returned to Brennport on Monday.", []),
        (
            "Tarsk's troop movements near the border alarmed Velmora.",
            [("MOBILIZE", "movements", "Tarsk", None)],
        ),
    ],
)
def test_phrases_of_a_verb_and_its_object(analyze, text, expected):
    assert coded(analyze, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a gerund that names an activity: a subject, or after a preposition that is not one of time or means
        ("The leaders of Mensk have built careers on refusing.", []),
        ("President Kalden has no intention of begging Tarsk for talks.", []),
        ("Withdrawing ten thousand soldiers from the valley is not easy.", []),
        ("She named a price rather than simply refusing to negotiate with Velmora.", []),
        ("The envoy of Mensk flew home without conceding anything.", []),
        (
            "Velmora answered by recalling its ambassador from Tarsk.",
            [("SANCTION", "recalling", None, "its ambassador from Tarsk")],
        ),
        # a habit is no event
        ("Senator Mira Kalden, who has often clashed with the president, spoke in Brennport.", []),
        ("Ostrem, who rarely agrees with Veldt, spoke on Monday.", []),
        # a fact admitted is no concession; something given up is
        ("Foreign Minister Jonas Brekke conceded that the truce was fragile.", []),
        # declining to say refuses nothing ([not events]); a doer that is no one did nothing
        ("The office of President Kalden declined to comment.", []),
        ("A spokesman for Ostrem declined to say more.", []),
        (
            "Tarsk declined to join the talks in Halden.",
            [("REJECT", "declined", "Tarsk", "Halden")],
        ),
        ("Not everyone in Velmora applauded.", []),
        # "should have" reproaches the past and asks nothing; "should" asks
        ('"The talks should have begun a year ago," President Kalden said.', []),
        (
            '"Tarsk should withdraw its troops," President Kalden said.',
            [("REQUEST", "should", "President Kalden", "Tarsk")],
        ),
    ],
)
def test_activities_habits_and_admissions_are_no_event(analyze, text, expected):
    """What the article says happened: events neither negated nor hypothetical (as the sample is scored)."""
    d = analyze(text, published="2024-03-08").to_dict()
    done = [
        (e["type"], e["trigger"]["text"], (e["source"] or {}).get("text"), (e["target"] or {}).get("text"))
        for e in d["events"]
        if not e["negated"] and not e["hypothetical"]
    ]
    assert done == expected
