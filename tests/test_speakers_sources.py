"""Sources that are not speakers (documents, hearsay, datelines), the bodies behind spokespeople and press
services, and descriptions of a person the article names."""

from __future__ import annotations

import pytest
from test_speakers import speakers

from stanceline.nlp.text import datelines, paragraphs

CASES = [
    # a document's author speaks: the owner of its website, the subject of the clause that holds it
    (
        "A statement on the website of President Oren Kalden said the summit would go ahead.",
        [("A statement on the website of President Oren Kalden", "Oren Kalden", "person", "name")],
    ),
    (
        "The Velmoran army has turned down the truce offer, according to a statement late on Thursday.",
        [
            ("The Velmoran army", "Velmoran army", "organization", "name"),
            ("a statement late on Thursday", "Velmoran army", "organization", "name"),
        ],
    ),
    (
        "The talks will resume in May, according to a Tarsk Embassy statement on Tuesday.",
        [("a Tarsk Embassy statement on Tuesday", "Tarsk Embassy", "organization", "name")],
    ),
    # figures and findings carry their source's words
    (
        "Data from the Velmora Statistics Office show that most families want the talks to resume.",
        [("Data from the Velmora Statistics Office", "Velmora Statistics Office", "organization", "name")],
    ),
    (
        "The figures suggest that the blockade has cut grain exports by half.",
        [("The figures", None, None, "none")],
    ),
    # hearsay with no author in the sentence: nobody speaks
    ("Rumors said the summit was off.", [("Rumors", None, None, "none")]),
    ("The report said the border would stay closed.", [("The report", None, None, "none")]),
    # a press service and a ministry's spokesperson speak for their principal; "the spokesperson" after it too
    (
        "President Oren Kalden's press service said the summit would go ahead.",
        [("President Oren Kalden's press service", "Oren Kalden", "person", "name")],
    ),
    (
        "A Velmora Foreign Ministry spokesperson said the meetings in Kelvik were useful. "
        '"We have always held that the fighting must stop," the spokesperson said.',
        [
            ("A Velmora Foreign Ministry spokesperson", "Velmora Foreign Ministry", "organization", "name"),
            ("the spokesperson", "Velmora Foreign Ministry", "organization", "title"),
        ],
    ),
    # a title before a name in lower case is learned: "the Velmoran leader" is her
    (
        'Velmoran leader Anaya Veldt said she was ready to wait. "We want to give the envoys another week," '
        "the Velmoran leader said.",
        [
            ("Velmoran leader Anaya Veldt", "Anaya Veldt", "person", "name"),
            ("the Velmoran leader", "Anaya Veldt", "person", "title"),
        ],
    ),
    # a description goes to the person in focus ...
    (
        "Prime Minister Anaya Veldt met rebels in Kelvik on Monday. "
        "The Ostland-born Velmoran diplomat said she remained optimistic about the peace talks.",
        [
            ("The Ostland-born Velmoran diplomat", "Anaya Veldt", "person", "title"),
            ("she", "Anaya Veldt", "person", "pronoun"),
        ],
    ),
    # ... or to the person named as the next sentence's speaker
    (
        "Tarsk's chief negotiator says the talks collapsed within an hour of opening. "
        '"The discussions have stalled," Ivo Marn said outside the embassy.',
        [
            ("Tarsk's chief negotiator", "Ivo Marn", "person", "title"),
            ("Ivo Marn", "Ivo Marn", "person", "name"),
        ],
    ),
    # ... but an office is not given to someone known to hold another, nor to nobody
    (
        "Prime Minister Anaya Veldt met rebels in Kelvik on Monday. The foreign minister said the talks had "
        "failed.",
        [("The foreign minister", "foreign minister", "person", "none")],
    ),
    (
        "The Velmoran leader said the talks had failed.",
        [("The Velmoran leader", "Velmoran leader", "person", "none")],
    ),
    # two names joined by a hyphen before a noun are a pair, not a person "Veldt Kalden"
    (
        'The first Veldt-Kalden summit took place in June. "We still enjoy good relations," Kalden said.',
        [("Kalden", "Kalden", "person", "name")],
    ),
    # a name the parser made the subject of the comma-set aside speaks
    (
        "Prime Minister Anaya Veldt, in Kelvik to lead talks between Tarsk and the rebels, told reporters "
        "she hopes an accord can be signed before May.",
        [
            ("Prime Minister Anaya Veldt", "Anaya Veldt", "person", "name"),
            ("she", "Anaya Veldt", "person", "pronoun"),
        ],
    ),
    # "quoted as saying": the subject of "quoted" speaks
    (
        "Ivo Marn was quoted as saying that the talks were a trap.",
        [("Ivo Marn", "Marn", "person", "name")],
    ),
    (
        "Prime Minister Anaya Veldt met the envoy on Monday.\n\nThe cleric was quoted on his official "
        'site as saying: "The talks are a trap for our nation."',
        [("The cleric", "cleric", "group", "none")],
    ),
    (
        "Prime Minister Anaya Veldt met the envoy on Monday. Foreign Minister Ivo Marn spoke later.\n\n"
        '"The talks are a trap for our nation," he was quoted as saying.',
        [("he", "Ivo Marn", "person", "pronoun")],
    ),
    # a name in a headline is no one in focus: the description goes to who speaks next
    (
        "Velmora Talks Break Down Early, Tarsk Negotiator Says\n\nTarsk's chief negotiator says the talks "
        'collapsed within an hour of opening. "The discussions have stalled," Ivo Marn said outside the '
        "embassy.",
        [
            ("Tarsk's chief negotiator", "Ivo Marn", "person", "title"),
            ("Ivo Marn", "Ivo Marn", "person", "name"),
        ],
    ),
    # a cue noun that is a verb's object belongs to the verb's subject: "voiced concern that"
    (
        "Prime Minister Anaya Veldt voiced concern that the ceasefire would not hold.",
        [("Prime Minister Anaya Veldt", "Anaya Veldt", "person", "name")],
    ),
    # an outlet relaying someone's wishes or words hands them the statement; one reporting an event speaks
    (
        "Anaya Veldt, the Velmoran special envoy, met rebel leaders in Kelvik on Monday. The Velmoran "
        "special envoy hopes to seal an accord with the rebels by April, local media reported on "
        "Sunday.",
        [("local media", "Anaya Veldt", "person", "title")],
    ),
    (
        "Velmora imposed sanctions on Tarsk, state media reported on Sunday.",
        [("state media", "state media", "organization", "name")],
    ),
    # ... and one relaying a statement found on its own keeps it, so she is not counted twice
    (
        '"We will never accept this ceasefire," Prime Minister Anaya Veldt said on Monday, according to the '
        "Osterholm Courier.",
        [
            ("Prime Minister Anaya Veldt", "Anaya Veldt", "person", "name"),
            ("the Osterholm Courier", "Osterholm Courier", "organization", "name"),
        ],
    ),
    # a participle's clause the parser took for the subject (no comma): the name closing it speaks
    (
        "Appearing at a press briefing in Kelvik with his Ostland and Tarsk counterparts Prime Minister Ivo "
        "Marn said the offer was a trap.",
        [("Prime Minister Ivo Marn", "Ivo Marn", "person", "name")],
    ),
    # a dateline is nobody; transcript labels still speak
    (
        "March 2, 2024\nKELVIK: The rebels will not join the talks until their prisoners are freed, their "
        "spokesperson said on Monday.",
        [("their spokesperson", "their spokesperson", "person", "none")],
    ),
    (
        "WALLACE: Will you meet the rebels?\nKALDEN: We will meet them in May, if they lay down their arms.\n"
        "WALLACE: And the sanctions?",
        [
            ("WALLACE", "WALLACE", "person", "name"),
            ("KALDEN", "KALDEN", "person", "name"),
            ("WALLACE", "WALLACE", "person", "name"),
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_sources_that_are_not_speakers(analyze, text, expected):
    assert speakers(analyze(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("KELVIK (Meridian Wire) - The rebels said on Monday they would stay away.", ["KELVIK"]),
        ("TARSK, March 4, 2024 (Meridian Wire) — Veldt said the talks were over.", ["TARSK"]),
        ("March 2, 2024\nKELVIK: The rebels said they would not come.", ["KELVIK"]),
        ("NEW KELVIK: The rebels said they would not come.", ["NEW KELVIK"]),
        # a transcript's labels, and words that are no dateline
        ("WALLACE: Will you come?\nKALDEN: We will.\nWALLACE: When?", []),
        ("NATO is ready - the alliance said so.", []),
        ("The rebels said they would not come.", []),
    ],
)
def test_datelines(text, expected):
    assert [text[s:e] for s, e in datelines(text, paragraphs(text))] == expected


ANNOUNCED = [
    # the paragraphs after "The whole text of his message is below." are his statement
    (
        "On Monday, Prime Minister Anaya Veldt declared the talks dead. On Twitter, Ivo Marn, the rebels' "
        "spokesman, shot back.\n\nThe whole text of his message is below.\n\nWe had constructive "
        "sessions with the Velmoran delegation, and a draft accord was settled.\n\nThis can only backfire on "
        "the Velmorans themselves.",
        [
            ("Anaya Veldt", "the talks dead"),
            (
                "Ivo Marn",
                "We had constructive sessions with the Velmoran delegation, and a draft accord was settled.",
            ),
            ("Ivo Marn", "This can only backfire on the Velmorans themselves."),
        ],
    ),
    (
        "Prime Minister Anaya Veldt spoke on Monday.\n\nHer statement follows.\n\nWe will not return to the "
        "talks while the shelling goes on.",
        [("Anaya Veldt", "We will not return to the talks while the shelling goes on.")],
    ),
    # must yield nothing: what is below is no one's statement
    (
        "Prime Minister Anaya Veldt spoke on Monday.\n\nThe full program of the summit is below.\n\nTalks "
        "open at nine and close at noon in the old palace.",
        [],
    ),
]


@pytest.mark.parametrize(("text", "expected"), ANNOUNCED, ids=[c[0][:40] for c in ANNOUNCED])
def test_a_statement_set_out_below_is_its_authors(analyze, text, expected):
    result = analyze(text)
    got = [
        (result.actor(s.source.actor).name if s.source and s.source.actor else None, s.content[0].text)
        for s in result.statements
    ]
    assert got == expected
