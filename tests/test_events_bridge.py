"""The statement-to-event bridge: statements whose saying is the event (a stance that rejects an accord, a
deed of force reported of another party, a word of saying that accuses), and statements that must stay
only statements. Invented sentences about fictional states."""

from __future__ import annotations

import pytest

from stanceline.errors import UsageError
from stanceline.nlp.events import load_event_words


def coded(analyze, text: str) -> list[tuple]:
    d = analyze(text, published="2024-03-08").to_dict()
    names = {a["id"]: a["name"] for a in d["actors"]}
    return [
        (
            e["type"],
            e["trigger"]["text"],
            names.get((e["source"] or {}).get("actor")) or (e["source"] or {}).get("text"),
            (e["target"] or {}).get("text"),
            e["statement"],
            e["happened_on"]["value"],
        )
        for e in d["events"]
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # [stance acts]: an accord judged dead is rejected by whoever says so, when it was said
        (
            'President Kalden declared on Monday that the Ostrem Treaty was "dead and buried".',
            [("REJECT", "declared", "Kalden", "the Ostrem Treaty", "s1", "2024-03-04")],
        ),
        (
            '"The pact is dead," Foreign Minister Dario Mensk said.',
            [("REJECT", "said", "Dario Mensk", None, "s1", "2024-03-08")],
        ),
        # a deed of force reported of another party: the speaker accuses it, and the deed stays
        (
            "Prime Minister Anaya Veldt said Velmora had shelled the depot at Ostra Kel.",
            [
                ("ACCUSE", "said", "Anaya Veldt", "Velmora", "s1", "2024-03-08"),
                ("ASSAULT", "shelled", "Velmora", "depot", "s1", "2024-03-08"),
            ],
        ),
        # [speech acts]: "argue" takes a side against someone
        (
            "Senator Mira Kalden argued that the cabinet of Velmora had been too slow for too long.",
            [("ACCUSE", "argued", "Mira Kalden", None, "s1", "2024-03-08")],
        ),
        # the cue is an event word already: one event, the coder's
        (
            "Prime Minister Anaya Veldt accused Velmora of shelling the depot at Ostra Kel.",
            [("ACCUSE", "accused", "Anaya Veldt", "Velmora", "s1", "2024-03-08")],
        ),
        # the content already holds what is said (a refusal): no second event for the statement
        (
            "Prime Minister Anaya Veldt said the accord was dead and Tarsk would not sign it.",
            [("REJECT", "sign", "Tarsk", "it", "s1", "2024-03-08")],
        ),
        # a deed of the speaker's own side, or one only feared, accuses no one
        (
            "Defence Minister Piet Rovan said his own gunners had shelled the depot at Ostra Kel.",
            [("ASSAULT", "shelled", "his own gunners", "depot", "s1", "2024-03-08")],
        ),
        (
            "Prime Minister Anaya Veldt said Velmora might shell the depot at Ostra Kel.",
            [("ASSAULT", "shell", "Velmora", "depot", "s1", "2024-03-08")],
        ),
        # a warning that one's own side will not act refuses; one of what no one will do threatens no one
        (
            "Prime Minister Anaya Veldt warned that her government would not be pushed into negotiations.",
            [("REJECT", "warned", "Anaya Veldt", None, "s1", "2024-03-08")],
        ),
        (
            "The head of the Farmers' Union of Velmora warned that some farms would not survive the winter.",
            [],
        ),
        (
            "President Kalden warned Tarsk against any provocation.",
            [("THREATEN", "warned", "Kalden", "Tarsk", "s1", "2024-03-08")],
        ),
        # a neutral cue with no act in its stance or content is a statement, not an event
        ("Prime Minister Anaya Veldt said the harvest in Mensk was late this year.", []),
        # no resolved speaker: no one to be the source of the act
        ("Someone said the accord was dead.", []),
    ],
)
def test_statements_whose_saying_is_the_event(analyze, text, expected):
    assert coded(analyze, text) == expected


@pytest.mark.parametrize(
    ("content", "text", "expected"),
    [
        # a user's cue word and a user's stance act, added to the shipped ones
        (
            "[+speech acts]\nlament | ACCUSE\n",
            "President Kalden lamented that Ostland had broken its word.",
            [("ACCUSE", "lamented")],
        ),
        (
            "[+stance acts]\nsanctions support | SUPPORT\n",
            "President Kalden said the sanctions were working.",
            [("SUPPORT", "said")],
        ),
        # replacing the section takes the shipped entries away
        (
            "[stance acts]\nsanctions support | SUPPORT\n",
            'President Kalden said the Ostrem Treaty was "dead".',
            [],
        ),
    ],
)
def test_user_speech_and_stance_acts(tmp_path, content, text, expected):
    import stanceline

    path = tmp_path / "events.txt"
    path.write_text(content, encoding="utf-8")
    nlp = stanceline.pipeline(events=str(path))
    events = stanceline.analyze(text, nlp=nlp, published="2024-03-08").to_dict()["events"]
    assert [(e["type"], e["trigger"]["text"]) for e in events] == expected


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[stance acts]\nagreement | REJECT\n", "line 2: 'agreement | REJECT' should be 'topic stance"),
        ("[stance acts]\nagreement hate | REJECT\n", "line 2: 'agreement hate | REJECT' should be"),
        ("[speech acts]\nargue | BLAME\n", "line 2: 'argue | BLAME' should be 'words | TYPE [mode]"),
    ],
)
def test_bad_speech_and_stance_acts(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(UsageError) as err:
        load_event_words(str(path))
    assert err.value.code == "E034"
    assert str(err.value).startswith(f"E034 bad event vocabulary file {path}: {message}")
