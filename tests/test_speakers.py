"""Speakers: names, titles, pronouns, carry-over, groups and anonymous sources."""

from __future__ import annotations

import pytest


def speakers(result):
    """(source text, actor name, actor kind, resolved_by) per statement."""
    out = []
    for s in result.statements:
        actor = result.actor(s.source.actor) if s.source else None
        out.append(
            (
                s.source.text if s.source else None,
                actor.name if actor else None,
                actor.kind if actor else None,
                s.source.resolved_by if s.source else "none",
            )
        )
    return out


CASES = [
    # "he" after a speaker known only by a description goes to that speaker, not to a named man before
    (
        "The rebels' spokesman Ivo Marn said talks ended on Saturday. He rejected reports of a truce. On "
        "Saturday evening, the Velmoran special envoy for reconciliation in Tarsk tweeted: “Heading home and "
        "the meetings here were productive.” However, he added: “We still have several points to settle.”",
        [
            ("The rebels' spokesman Ivo Marn", "Ivo Marn", "person", "name"),
            ("He", "Ivo Marn", "person", "pronoun"),
            (
                "the Velmoran special envoy for reconciliation in Tarsk",
                "Velmoran special envoy for reconciliation in Tarsk",
                "person",
                "none",
            ),
            ("he", "Velmoran special envoy for reconciliation in Tarsk", "person", "pronoun"),
        ],
    ),
    # "he" in a sentence that names one person before it, as an owner, is that person
    (
        'Therefore, Ivo Marn said, "We are taking a pause." The new round of talks had come after President '
        "Oren Kastell's unannounced trip to the garrison in Tarsk on October 9, when he voiced hope that "
        '"the rebels want a deal."',
        [("Ivo Marn", "Ivo Marn", "person", "name"), ("he", "Oren Kastell", "person", "pronoun")],
    ),
    # a transcript excerpt without quotation marks, in the first person of the speaker quoted before it
    (
        '"My meeting with Veldt was honest and productive," Kalden said. He said "the embargo will stay '
        'in place."\n\nChairman Veldt and I just drafted a common declaration in which he restated his '
        "pledge to demilitarization. We also agreed to weekly consultations.\n\nChairman Veldt has told me "
        "that Tarsk has already dismantled a large artillery proving ground. That is not in your document.",
        [
            ("Kalden", "Kalden", "person", "name"),
            ("He", "Kalden", "person", "pronoun"),
            ("He", "Kalden", "person", "carryover"),
            ("He", "Kalden", "person", "carryover"),
            ("Chairman Veldt", "Veldt", "person", "name"),
        ],
    ),
    # ("US" is the country, not the writer's "us")
    (
        '"My meeting with Veldt was honest," Kalden said. He said "the embargo will stay in place."'
        "\n\nChairman Veldt and I just drafted a common declaration in which he restated his pledge to "
        "demilitarization.\n\nTalks between Tarsk and the US resume in May.",
        [
            ("Kalden", "Kalden", "person", "name"),
            ("He", "Kalden", "person", "pronoun"),
            ("He", "Kalden", "person", "carryover"),
        ],
    ),
    # ... not the writer's "I": after words quoted without "I" or "we", naming the speaker, or in a text
    # whose writer says "I" elsewhere
    (
        'Kalden said "the embargo will stay in place."\n\nI think the president is wrong about that and '
        "the sanctions should have been lifted long ago.",
        [("Kalden", "Kalden", "person", "name")],
    ),
    (
        'Kalden said "we will keep the sanctions."\n\nI have covered Kalden for a decade and we have rarely '
        "seen him this confident about a deal.",
        [("Kalden", "Kalden", "person", "name")],
    ),
    (
        'Kalden said "we will keep the sanctions."\n\nI think he is wrong and the sanctions should have been '
        "lifted long ago.\n\nThe talks resume in May. My guess is that they will fail again before the "
        "summer.",
        [("Kalden", "Kalden", "person", "name")],
    ),
    # ... but not an owner inside what is said
    (
        "Prime Minister Anaya Veldt set out her terms on Monday. Foreign Minister Lena Brekke, who met her "
        "Ostlander counterpart in Kelvik on Tuesday, was more cautious. Veldt's terms, she said, were "
        '"a good start in the wrong order".',
        [("she", "Lena Brekke", "person", "pronoun")],
    ),
    # a body owned by a country of two words keeps both ("South Velmora", not "Velmora")
    (
        "South Velmora's Foreign Ministry said the border would stay closed.",
        [("South Velmora's Foreign Ministry", "South Velmora Foreign Ministry", "organization", "name")],
    ),
    # surname after full name with title; pronoun to the only woman
    (
        'Prime Minister Anaya Veldt spoke on Monday. "We will not talk," Veldt said. '
        "She added that talks were a trap.",
        [("Veldt", "Anaya Veldt", "person", "name"), ("She", "Anaya Veldt", "person", "pronoun")],
    ),
    # title learned from apposition, then used alone
    (
        "Anaya Veldt, the prime minister, met the envoy. "
        "Later the prime minister said that the offer was generous.",
        [("the prime minister", "Anaya Veldt", "person", "title")],
    ),
    # group and anonymous sources kept as written
    (
        "Officials in Tarsk said the border would stay closed.",
        [("Officials in Tarsk", "Officials in Tarsk", "group", "none")],
    ),
    (
        "A source close to the talks said the deal was near.",
        [("A source close to the talks", "A source close to the talks", "anonymous", "none")],
    ),
    # his spokesman speaks for him
    (
        "President Oren Kastell left early. His spokesman said that the president was unwell.",
        [("His spokesman", "Oren Kastell", "person", "pronoun")],
    ),
    ("Kastell's spokesman said the offer stood.", [("Kastell's spokesman", "Kastell", "person", "name")]),
    # the name in apposition, not the country that owns the title
    (
        "Ostland's foreign minister, Jonas Brekke, has said he is willing to host talks.",
        [("Ostland's foreign minister, Jonas Brekke", "Jonas Brekke", "person", "name")],
    ),
    # a title alone, learned from apposition, that spaCy tags as an organisation
    (
        "The Supreme Guide, Halvar Ostrem, spoke for an hour. "
        "Later the Supreme Guide said the accord was dead.",
        [("the Supreme Guide", "Halvar Ostrem", "person", "title")],
    ),
    # a bare head noun of a learned title
    (
        'Foreign Minister Jonas Brekke arrived on Monday. "We are ready," said the minister.',
        [("the minister", "Jonas Brekke", "person", "title")],
    ),
    # comma-set asides are not part of a group's name
    (
        "A senior Tarskan official, asking not to be named, said the speech was sensible.",
        [("A senior Tarskan official", "A senior Tarskan official", "anonymous", "none")],
    ),
    # an outlet the model takes for a person is a body; later short forms refer back to it
    (
        "The Tarsk Herald, a daily close to the government, has learned that the envoy will resign. "
        "The newspaper said it had seen the letter. The Herald also reported that the army was ready.",
        [
            ("The Tarsk Herald, a daily close to the government", "Tarsk Herald", "organization", "name"),
            ("The newspaper", "Tarsk Herald", "organization", "name"),
            ("The Herald", "Tarsk Herald", "organization", "name"),
        ],
    ),
    # a body with its own name is not its owner's voice; a bare "X's office" is
    (
        "Velmora's statistics office, which published the figures on Tuesday, said trade had fallen.",
        [
            (
                "Velmora's statistics office, which published the figures on Tuesday",
                "Velmora statistics office",
                "organization",
                "name",
            )
        ],
    ),
    # a group keeps its name as written, less asides set off by commas deeper in the phrase
    (
        "Two members of the Farmers' Party, who asked not to be named, said the silos were empty.",
        [
            (
                "Two members of the Farmers' Party, who asked not to be named",
                "Two members of the Farmers' Party",
                "group",
                "none",
            )
        ],
    ),
    # a pronoun owner after the content refers to the person the content is about
    (
        "Jonas Brekke said the offer stood. "
        "President Oren Kastell will attend the funerals on Monday, his office said.",
        [
            ("Jonas Brekke", "Jonas Brekke", "person", "name"),
            ("his office", "Oren Kastell", "person", "pronoun"),
        ],
    ),
    # an anonymous speaker holding the floor is the next "he"
    (
        "Tomas Arkwell wrote the report. A senior economist, who asked not to be identified, "
        'told me the money was gone. "After that, nothing is left," he said.',
        [
            ("A senior economist, who asked not to be identified", "A senior economist", "anonymous", "none"),
            ("he", "A senior economist", "anonymous", "pronoun"),
        ],
    ),
    # a name the model tags as a person but also as a place is a country, so "she" can find the woman
    (
        "Prime Minister Anaya Veldt said talks could resume if Velmora suspended the embargo. "
        "She added that Ostland must take part. "
        'President Mira Kalden of Velmora rejected the idea. "The embargo stays," she said.',
        [
            ("Prime Minister Anaya Veldt", "Anaya Veldt", "person", "name"),
            ("She", "Anaya Veldt", "person", "pronoun"),
            ("President Mira Kalden of Velmora", "Mira Kalden", "person", "name"),
            ("she", "Mira Kalden", "person", "pronoun"),
        ],
    ),
    # a group's name without the examples it includes
    (
        "Others, including a senior diplomat who asked not to be named, "
        "warned that the clashes could resume.",
        [("Others, including a senior diplomat who asked not to be named", "Others", "group", "none")],
    ),
    # a dateline is not the speaker
    (
        "Kalden wants more\n\nCORVENNA, October 5, 2023 (Northgate Press) — "
        "Senator Mira Kalden said that the sanctions did not go far enough.",
        [("Senator Mira Kalden", "Mira Kalden", "person", "name")],
    ),
    # "she" after a passive: the recipient, not the owner of the passive subject (nor the last speaker)
    (
        '"Whatever divides us, it does not divide us from a drowning child," '
        'Foreign Minister Tamsin Ardell said. "We are ready," she added.\n\n'
        'Prime Minister Anaya Veldt spoke in Hallum. "Aid is not a weapon," she said.\n\n'
        "Veldt’s conditions were relayed to Ardell by Ostland's foreign minister, Jonas Brekke. "
        "On Thursday evening "
        "she told reporters that Velmora would respect the arrangements.",
        [
            ("Foreign Minister Tamsin Ardell", "Tamsin Ardell", "person", "name"),
            ("she", "Tamsin Ardell", "person", "pronoun"),
            ("she", "Anaya Veldt", "person", "pronoun"),
            ("she", "Tamsin Ardell", "person", "pronoun"),
        ],
    ),
    # an object cue's object stays in view for a later pronoun
    (
        "Mr. Kastell's aide credited Mrs. Ardell with the deal. "
        "On Thursday she told reporters the talks were over.",
        [("Mr. Kastell's aide", "Kastell", "person", "name"), ("she", "Ardell", "person", "pronoun")],
    ),
    # a subject outranks an object of the same sentence
    (
        "Prime Minister Anaya Veldt met Foreign Minister Tamsin Ardell in Halden on Monday. "
        "She said the talks were useful.",
        [("She", "Anaya Veldt", "person", "pronoun")],
    ),
    # the owner of an active subject is in focus
    (
        "Senator Mira Kalden met Foreign Minister Tamsin Ardell in May. Kalden's reversal is striking. "
        "She told reporters the sanctions had failed.",
        [("She", "Mira Kalden", "person", "pronoun")],
    ),
    # an object mentioned in the speaker's own sentence does not take the floor
    (
        '"We will not talk," Prime Minister Anaya Veldt said on Monday, '
        'after meeting Foreign Minister Tamsin Ardell. "Not this year," she added.',
        [
            ("Prime Minister Anaya Veldt", "Anaya Veldt", "person", "name"),
            ("she", "Anaya Veldt", "person", "pronoun"),
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_speakers(analyze, text, expected):
    assert speakers(analyze(text)) == expected


def test_pronoun_skips_the_wrong_gender(analyze):
    text = (
        "Prime Minister Anaya Veldt said her government was ready. "
        "President Oren Kastell disagreed, and his aides were angry. "
        "She said that the door remained open."
    )
    got = speakers(analyze(text))
    assert got[-1] == ("She", "Anaya Veldt", "person", "pronoun")


def test_carryover_paragraph_keeps_the_speaker(analyze):
    text = (
        '"We will not talk while they threaten us," Prime Minister Anaya Veldt said.\n\n'
        '"Talks with this government would be poison."'
    )
    result = analyze(text)
    assert len(result.statements) == 2
    second = result.statements[1]
    assert second.cue is None and second.source is not None
    assert second.source.resolved_by == "carryover"
    assert result.actor(second.source.actor).name == "Anaya Veldt"
    # the source points at where the speaker was named, so it is a real span of the text
    assert second.source.text == "Prime Minister Anaya Veldt"
    assert text[second.source.start : second.source.end] == second.source.text


def test_carryover_does_not_reach_past_a_statement_without_speaker(analyze):
    text = (
        '"We are ready," Veldt said.\n\n"The border stays closed," it was reported.\n\n"Nothing has changed."'
    )
    last = analyze(text).statements[-1]
    assert last.source is None or last.source.actor is None


def test_a_named_spokesman_speaks_as_himself(analyze):
    text = "Veldt's spokesman, Ivo Marn, said that the offer was withdrawn."
    assert speakers(analyze(text)) == [("Veldt's spokesman, Ivo Marn", "Ivo Marn", "person", "name")]


def test_actor_mentions_name_the_actor_and_do_not_overlap(analyze):
    text = (
        "Prime Minister Anaya Veldt arrived late. Veldt, the prime minister, said that talks were off. "
        "Her spokesman said that the decision was final."
    )
    result = analyze(text)
    veldt = next(a for a in result.actors if a.name == "Anaya Veldt")
    spans = sorted((m.start, m.end) for m in veldt.mentions)
    for m in veldt.mentions:
        assert text[m.start : m.end] == m.text
    texts = {m.text for m in veldt.mentions}
    assert "Her" in texts and "Her spokesman" not in texts
    assert not any(
        a_end > b_start and a_start != b_start
        for (a_start, a_end), (b_start, _) in zip(spans, spans[1:], strict=False)
    )


def test_he_follows_the_new_subject_not_the_last_speaker(analyze):
    text = (
        'President Oren Kastell said the offer was fair. "We are ready," he added. '
        "Foreign Minister Jonas Brekke was more cautious. He said that the talks would take months. "
        '"Nothing is agreed," he added.'
    )
    got = [name for _, name, _, _ in speakers(analyze(text))]
    assert got == ["Oren Kastell", "Oren Kastell", "Jonas Brekke", "Jonas Brekke"]


def test_a_speaker_owning_remarks_stays_a_person(analyze):
    text = (
        'Kastell said the border would stay shut. "We are ready," Kastell said. '
        "Kastell's remarks angered Tarsk."
    )
    result = analyze(text)
    kastell = next(a for a in result.actors if a.name == "Kastell")
    assert kastell.kind == "person"


def test_a_pronoun_before_the_name_does_not_give_the_name_its_gender(analyze):
    text = (
        "Senator Mira Kalden told the Senate that the sanctions were working. "
        "She is right, and President Oren Kastell should borrow her clarity. "
        '"We did not choose this," he told the paper.'
    )
    assert speakers(analyze(text))[-1][1] == "Oren Kastell"


def test_an_untagged_bare_name_can_be_the_he_that_follows(analyze):
    text = (
        "Veldt said on Monday that the talks were over. Kastell disagreed. "
        "He said that the talks would go on."
    )
    result = analyze(text, published="2024-03-07")
    last = result.statements[-1]
    assert result.actor(last.source.actor).name == "Kastell"
    assert last.said_on.basis == "publication"  # Veldt's Monday is not his


# --- a user's titles and sources files (--titles, --sources; titles_path, sources_path) ---------------

GRAND_VIZIER = "Grand Vizier Omar Tesk arrived on Monday. Later the Grand Vizier said the accord was dead."
VIZIER_AND_PM = (
    "Grand Vizier Omar Tesk met Prime Minister Anaya Veldt. The Grand Vizier said the accord was dead. "
    "Later the prime minister said that talks were a trap."
)
MOUTHPIECE = "President Oren Kastell left early. Kastell's mouthpiece said the offer stood."
HIS_MOUTHPIECE = "President Oren Kastell left early. His mouthpiece said that the president was unwell."
HIS_SPOKESMAN = "President Oren Kastell left early. His spokesman said that the president was unwell."
PM = "Prime Minister Anaya Veldt spoke on Monday. Later the prime minister said that talks were a trap."


def _shipped(name: str) -> str:
    from importlib import resources

    return resources.files("stanceline").joinpath("data", name).read_text(encoding="utf-8")


# (what the user's files say, text, expected speakers); no file: the shipped vocabulary.
VOCABULARY_CASES = [
    # a title the shipped list lacks is a name without a file, the office with one
    ({}, GRAND_VIZIER, [("the Grand Vizier", "Grand Vizier", "person", "name")]),
    ({"titles": "grand vizier\n"}, GRAND_VIZIER, [("the Grand Vizier", "Omar Tesk", "person", "title")]),
    # the shipped list with one title more: both offices resolve
    (
        {"titles": _shipped("titles.txt").replace("[titles]\n", "[titles]\ngrand vizier\n")},
        VIZIER_AND_PM,
        [
            ("The Grand Vizier", "Omar Tesk", "person", "title"),
            ("the prime minister", "Anaya Veldt", "person", "title"),
        ],
    ),
    # a new agent noun speaks for its principal, named or referred to
    ({}, MOUTHPIECE, [("Kastell's mouthpiece", "Kastell's mouthpiece", "group", "none")]),
    (
        {"sources": "[agents]\nmouthpiece\n"},
        MOUTHPIECE,
        [("Kastell's mouthpiece", "Oren Kastell", "person", "name")],
    ),
    (
        {"sources": "[agents]\nmouthpiece\n"},
        HIS_MOUTHPIECE,
        [("His mouthpiece", "Oren Kastell", "person", "pronoun")],
    ),
    # a section of the user's file replaces the shipped one: "spokesman" is no agent in this [agents]
    ({}, HIS_SPOKESMAN, [("His spokesman", "Oren Kastell", "person", "pronoun")]),
    (
        {"sources": "[agents]\nmouthpiece\n"},
        HIS_SPOKESMAN,
        [("His spokesman", "His spokesman", "person", "none")],  # an office, its holder unnamed
    ),
    # ... and the sections it does not have are kept: the shipped titles still apply
    ({"sources": "[agents]\nmouthpiece\n"}, PM, [("the prime minister", "Anaya Veldt", "person", "title")]),
    ({}, PM, [("the prime minister", "Anaya Veldt", "person", "title")]),
]


@pytest.mark.parametrize(
    ("files", "text", "expected"),
    VOCABULARY_CASES,
    ids=[f"{'+'.join(f) or 'shipped'}:{t[:30]}" for f, t, _ in VOCABULARY_CASES],
)
def test_a_users_titles_and_sources_files_are_honoured(analyze, tmp_path, files, text, expected):
    import stanceline

    paths = {}
    for name, body in files.items():
        path = tmp_path / f"{name}.txt"
        path.write_text(body, encoding="utf-8")
        paths[name] = str(path)
    result = stanceline.analyze(text, **paths) if paths else analyze(text)
    assert speakers(result) == expected


@pytest.mark.parametrize(
    "words, tags, pos, ents, expected",
    [
        # headline case: the model takes the verb into the name ("Veldt Says ..."): the person ends before it
        (
            ["Veldt", "Says", "Talks", "Are", "Over"],
            ["NNP", "VBZ", "NNS", "VBP", "RB"],
            ["PROPN", "VERB", "NOUN", "AUX", "ADV"],
            ["B-PERSON", "I-PERSON", "O", "O", "O"],
            [("Veldt", "PERSON")],
        ),
        (
            ["Kalden", "Seeks", "More", "Aid"],
            ["NNP", "VBZ", "JJR", "NN"],
            ["PROPN", "VERB", "ADJ", "NOUN"],
            ["B-PERSON", "I-PERSON", "O", "O"],
            [("Kalden", "PERSON")],
        ),
        # a name with no verb in it stays whole
        (
            ["Anaya", "Veldt", "spoke"],
            ["NNP", "NNP", "VBD"],
            ["PROPN", "PROPN", "VERB"],
            ["B-PERSON", "I-PERSON", "O"],
            [("Anaya Veldt", "PERSON")],
        ),
    ],
)
def test_a_person_entity_ends_before_a_finite_verb(nlp, words, tags, pos, ents, expected):
    from spacy.tokens import Doc

    from stanceline.nlp.speakers import Registry

    sent_starts = [True] + [False] * (len(words) - 1)
    doc = Doc(nlp.vocab, words=words, tags=tags, pos=pos, ents=ents, sent_starts=sent_starts)
    registry = Registry(doc, (), [False] * len(doc))
    assert [(e.text, e.label_) for e in registry.ents] == expected
