"""The learned attribution reading: tag folding, BIO decoding, grouping into statements, the brat
reader, a tiny training run and the model folder's integrity check. Sentences are invented."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from stanceline.errors import InputError, UsageError
from stanceline.evaluate import Relation
from stanceline.nlp.learned import (
    TAGS,
    decode,
    encode,
    group_spans,
    merge_with_rules,
    read_manifest,
    shipped_model_dir,
    to_attributions,
    viterbi,
)
from stanceline.training import parser_pipeline, read_brat_folder, split_held_out, train_attribution


@pytest.fixture(scope="module")
def parser():
    return parser_pipeline("en_core_web_sm")


def rel(text: str, source: str | None, cue: str, *contents: str) -> Relation:
    def piece(part: str) -> tuple[tuple[int, int], ...]:
        start = text.index(part)
        return ((start, start + len(part)),)

    content = tuple(p for c in contents for p in piece(c))
    return Relation(piece(source) if source else None, piece(cue), content)


# ---- folding gold relations into tags and back --------------------------------------------------

ENCODE_CASES = [
    (
        "Prime Minister Anaya Veldt said the border would reopen.",
        [("Prime Minister Anaya Veldt", "said", "the border would reopen")],
        {
            "Prime": "B-SOURCE|O",
            "Veldt": "I-SOURCE|O",
            "said": "B-CUE|O",
            "the": "O|B-CONTENT",
            "reopen": "O|I-CONTENT",
            ".": "O|O",
        },
    ),
    (  # a nested relation: its source and cue sit inside the outer content, its content is folded away
        "Kalden said the envoy claimed Tarsk had agreed.",
        [
            ("Kalden", "said", "the envoy claimed Tarsk had agreed"),
            ("the envoy", "claimed", "Tarsk had agreed"),
        ],
        {
            "Kalden": "B-SOURCE|O",
            "said": "B-CUE|O",
            "the": "B-SOURCE|B-CONTENT",
            "envoy": "I-SOURCE|I-CONTENT",
            "claimed": "B-CUE|I-CONTENT",
            "Tarsk": "O|I-CONTENT",
            "agreed": "O|I-CONTENT",
        },
    ),
    (  # no relation: every token outside
        "The ferry to Mensk left at noon.",
        [],
        {"The": "O|O", "ferry": "O|O", "noon": "O|O"},
    ),
]


@pytest.mark.parametrize(("text", "relations", "expected"), ENCODE_CASES)
def test_encode_folds_relations_into_two_layers(parser, text, relations, expected):
    doc = parser(text)
    tags = dict(zip((t.text for t in doc), encode(doc, [rel(text, *r) for r in relations]), strict=True))
    assert {word: tags[word] for word in expected} == expected


@pytest.mark.parametrize(("text", "relations", "_"), ENCODE_CASES)
def test_decode_reads_back_the_encoded_spans(parser, text, relations, _):
    doc = parser(text)
    spans = decode(doc, encode(doc, [rel(text, *r) for r in relations]))
    outer = [rel(text, *r) for r in relations[:1]]
    want_contents = [c for r in outer for c in r.content]
    got_contents = [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1])) for s, e in spans["CONTENT"]]
    assert got_contents == want_contents
    assert len(spans["CUE"]) == len(relations)


VITERBI_CASES = [
    # (argmax tags per token, what the constrained decoding makes of them)
    (["O|O", "I-CUE|O", "O|O"], ["O|O", "O|O", "O|O"]),  # an I- with no B- before it is not kept
    (["B-SOURCE|O", "I-SOURCE|O", "B-CUE|O"], ["B-SOURCE|O", "I-SOURCE|O", "B-CUE|O"]),
    (["O|B-CONTENT", "O|I-CONTENT", "B-CUE|I-CONTENT"], ["O|B-CONTENT", "O|I-CONTENT", "B-CUE|I-CONTENT"]),
]


@pytest.mark.parametrize(("argmax", "expected"), VITERBI_CASES)
def test_viterbi_keeps_bio_order(argmax, expected):
    probs = np.full((len(argmax), len(TAGS)), 0.01)
    for i, tag in enumerate(argmax):
        probs[i, TAGS.index(tag)] = 0.6
        probs[i, TAGS.index("O|O")] = max(probs[i, TAGS.index("O|O")], 0.3 if tag != "O|O" else 0.6)
    assert viterbi(np.log(probs), list(TAGS)) == expected


# ---- grouping tagged spans into statements ------------------------------------------------------

GROUP_CASES = [
    (
        "President Kalden of Ostrem said the talks would resume.",
        {"SOURCE": ["President Kalden of Ostrem"], "CUE": ["said"], "CONTENT": ["the talks would resume"]},
        [("President Kalden of Ostrem", "said", ["the talks would resume"], "indirect")],
    ),
    (  # a split quotation: both pieces go to the cue between them
        '"We will sign," Veldt said, "but not this week."',
        {"SOURCE": ["Veldt"], "CUE": ["said"], "CONTENT": ['"We will sign,"', '"but not this week."']},
        [("Veldt", "said", ['"We will sign,"', '"but not this week."'], "direct")],
    ),
    (  # two statements in two paragraphs: each content stays with its paragraph's cue
        "Tarsk announced a ceasefire.\n\nMensk officials denied any deal was near.",
        {
            "SOURCE": ["Tarsk", "Mensk officials"],
            "CUE": ["announced", "denied"],
            "CONTENT": ["a ceasefire", "any deal was near"],
        },
        [
            ("Tarsk", "announced", ["a ceasefire"], "indirect"),
            ("Mensk officials", "denied", ["any deal was near"], "indirect"),
        ],
    ),
    (  # no tagged source: the cue's subject in the parse
        "The envoy from Tarsk insisted that the blockade would end.",
        {"SOURCE": [], "CUE": ["insisted"], "CONTENT": ["that the blockade would end"]},
        [("The envoy from Tarsk", "insisted", ["that the blockade would end"], "indirect")],
    ),
    (  # a content the tagger stopped short of: it runs to the end of the clause the cue governs
        "Kalden argued that the treaty with Ostrem had failed its farmers.",
        {"SOURCE": ["Kalden"], "CUE": ["argued"], "CONTENT": ["that the treaty"]},
        [("Kalden", "argued", ["that the treaty with Ostrem had failed its farmers"], "indirect")],
    ),
    (  # a tagged cue with no tagged content: its reported clause from the parse
        "Veldt conceded the vote was lost.",
        {"SOURCE": ["Veldt"], "CUE": ["conceded"], "CONTENT": []},
        [("Veldt", "conceded", ["the vote was lost"], "indirect")],
    ),
    (  # a cue with no content makes nothing
        "Kalden spoke in Mensk on Friday.",
        {"SOURCE": ["Kalden"], "CUE": ["spoke"], "CONTENT": []},
        [],
    ),
    (  # a cue tagged on its verb alone takes the verb group, as the rules' cues do
        "Kalden has openly hinted that the talks would resume.",
        {"SOURCE": ["Kalden"], "CUE": ["hinted"], "CONTENT": ["that the talks would resume"]},
        [("Kalden", "has openly hinted", ["that the talks would resume"], "indirect")],
    ),
    (  # ... and its particle
        "Veldt pointed out that Ostrem had signed.",
        {"SOURCE": ["Veldt"], "CUE": ["pointed"], "CONTENT": ["that Ostrem had signed"]},
        [("Veldt", "pointed out", ["that Ostrem had signed"], "indirect")],
    ),
    (  # a cue that is no verb stays as tagged
        "Veldt's claim that the port was mined alarmed Tarsk.",
        {"SOURCE": ["Veldt"], "CUE": ["claim"], "CONTENT": ["that the port was mined"]},
        [("Veldt", "claim", ["that the port was mined"], "indirect")],
    ),
    (  # a content with no cue in its paragraph makes nothing
        "The harbour stayed closed.\n\nVeldt smiled.",
        {"SOURCE": [], "CUE": ["smiled"], "CONTENT": ["The harbour stayed closed"]},
        [],
    ),
]


def token_span(doc, part: str) -> tuple[int, int]:
    start = doc.text.index(part)
    span = doc.char_span(start, start + len(part))
    return (span.start, span.end)


@pytest.mark.parametrize(("text", "spans", "expected"), GROUP_CASES)
def test_group_spans_make_statements(parser, text, spans, expected):
    doc = parser(text)
    by_role = {role: [token_span(doc, p) for p in parts] for role, parts in spans.items()}
    found = to_attributions(doc, group_spans(doc, by_role))
    got = [
        (a.source.text if a.source else None, a.cue.text, [text[s:e] for s, e in a.content], a.kind)
        for a in found
    ]
    assert got == expected


def test_hybrid_keeps_rules_and_adds_only_what_they_lack(parser):
    text = "Veldt said the port would open. Kalden unveiled a plan to cut tariffs."
    doc = parser(text)
    both = {
        "SOURCE": [token_span(doc, "Veldt"), token_span(doc, "Kalden")],
        "CUE": [token_span(doc, "said"), token_span(doc, "unveiled")],
        "CONTENT": [token_span(doc, "the port would open"), token_span(doc, "a plan to cut tariffs")],
    }
    learned = to_attributions(doc, group_spans(doc, both))
    rules = learned[:1]  # the rules found the first statement
    merged = merge_with_rules(rules, learned)
    assert [(a.cue.text, a in rules) for a in merged] == [("said", True), ("unveiled", False)]


LEND_CASES = [
    # (the rule statement's source, carried over, the source the merged statement has)
    (None, False, "Kalden"),  # the rules named no source: the learned statement on the same cue lends its own
    (None, True, None),  # carried over from an earlier sentence: the rules' reading stands
    ("The envoy", False, "The envoy"),  # the rules named one: it stays
]


@pytest.mark.parametrize(("rule_source", "carried", "expected"), LEND_CASES)
def test_hybrid_lends_a_learned_source_to_a_rule_statement_without_one(
    parser, rule_source, carried, expected
):
    import dataclasses

    text = "The envoy listened. Kalden insisted the harbour would stay open."
    doc = parser(text)
    spans = {
        "SOURCE": [token_span(doc, "Kalden")],
        "CUE": [token_span(doc, "insisted")],
        "CONTENT": [token_span(doc, "the harbour would stay open")],
    }
    learned = to_attributions(doc, group_spans(doc, spans))
    source = doc[slice(*token_span(doc, rule_source))] if rule_source else None
    rule = dataclasses.replace(learned[0], source=source, carryover=carried)
    merged = merge_with_rules([rule], learned)
    assert [a.source.text if a.source else None for a in merged] == [expected]


# ---- the brat reader, a tiny training run, the integrity check ----------------------------------

BRAT_TEXTS = {
    "a1": "Prime Minister Anaya Veldt said the border would reopen on Monday.\n",
    "a2": "President Kalden of Ostrem warned that Tarsk would answer any blockade.\n",
    "a3": '"We are ready to talk," Veldt told reporters in Mensk.\n',
    "a4": "Officials in Tarsk denied that troops had crossed the river.\n",
}
BRAT_RELATIONS = {
    "a1": ("Prime Minister Anaya Veldt", "said", "the border would reopen on Monday"),
    "a2": ("President Kalden of Ostrem", "warned", "Tarsk would answer any blockade"),
    "a3": ("Veldt", "told", '"We are ready to talk,"'),
    "a4": ("Officials in Tarsk", "denied", "troops had crossed the river"),
}


def write_brat(folder, texts=BRAT_TEXTS, relations=BRAT_RELATIONS):
    (folder / "text").mkdir(parents=True)
    (folder / "attributions").mkdir()
    for name, text in texts.items():
        (folder / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
        lines = []
        for k, (role, part) in enumerate(zip(("Source", "Cue", "Content"), relations[name], strict=True), 1):
            start = text.index(part)
            lines.append(f"T{k}\t{role} {start} {start + len(part)}\t{part}")
        lines.append("E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3")
        (folder / "attributions" / f"{name}_ann1.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_read_brat_folder_reads_one_annotator_per_text(tmp_path):
    folder = write_brat(tmp_path / "brat")
    (folder / "attributions" / "a1_ann2.ann").write_text("", encoding="utf-8")  # a second annotator: not read
    docs = read_brat_folder(folder)
    assert [(d.name, len(d.relations)) for d in docs] == [("a1", 1), ("a2", 1), ("a3", 1), ("a4", 1)]
    first = docs[0]
    assert first.text[slice(*first.relations[0].cue[0])] == "said"


BAD_FOLDERS = [
    ("no text/ folder", lambda f: shutil.rmtree(f / "text"), "no text/ folder in it"),
    (
        "no annotations",
        lambda f: [p.unlink() for p in (f / "attributions").glob("*.ann")],
        "no text in text/ has an annotation file",
    ),
]


@pytest.mark.parametrize(("case", "damage", "detail"), BAD_FOLDERS)
def test_read_brat_folder_rejects_a_folder_it_cannot_use(tmp_path, case, damage, detail):
    folder = write_brat(tmp_path / "brat")
    damage(folder)
    with pytest.raises(UsageError) as err:
        read_brat_folder(folder)
    assert err.value.code == "E038" and detail in str(err.value)


def test_read_brat_folder_reports_a_bad_file_and_reads_the_rest(tmp_path):
    folder = write_brat(tmp_path / "brat")
    (folder / "attributions" / "a2_ann1.ann").write_text("T1\tSource 0 9999\tx\n", encoding="utf-8")
    problems: list[InputError] = []
    docs = read_brat_folder(folder, problems=problems)
    assert [d.name for d in docs] == ["a1", "a3", "a4"]
    assert [p.code for p in problems] == ["E038"] and "a2_ann1.ann" in str(problems[0])


def test_split_held_out_is_fixed_by_the_seed(tmp_path):
    docs = read_brat_folder(write_brat(tmp_path / "brat"))
    first = split_held_out(docs, fraction=0.25, seed=3)
    assert split_held_out(docs, fraction=0.25, seed=3) == first
    assert len(first[1]) == 1 and {d.name for d in first[0] + first[1]} == set(BRAT_TEXTS)


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    folder = write_brat(tmp_path_factory.mktemp("brat") / "data")
    out = tmp_path_factory.mktemp("model") / "attribution"
    result = train_attribution(folder, out, epochs=2, seed=0, held_out=0.25, dev=folder, patience=2)
    return out, result


def test_tiny_training_run_logs_each_epoch_and_saves_a_loadable_model(trained, parser):
    out, result = trained
    log = [json.loads(line) for line in (out / "train_log.jsonl").read_text().splitlines()]
    assert [row["epoch"] for row in log] == [1, 2]
    assert set(log[0]["held_out"]) == {"source", "cue", "content", "content_overlap"} and "dev" in log[0]
    manifest = read_manifest(out)
    assert manifest["trained"]["seed"] == 0 and manifest["trained"]["best_epoch"] == result.best_epoch
    from stanceline.nlp.learned import load_into

    nlp = parser_pipeline("en_core_web_sm")
    load_into(nlp, out)
    doc = nlp("Veldt said the border would reopen.")
    assert "stanceline.attribution_tags" in doc.spans


DAMAGES = [
    ("manifest.json", lambda p: p.unlink(), "manifest.json is missing"),
    ("model", lambda p: p.unlink(), "model is missing"),
    ("model", lambda p: p.write_bytes(p.read_bytes()[:-10]), "model does not match its SHA-256"),
    ("cfg", lambda p: p.write_text("{}"), "cfg does not match its SHA-256"),
    ("manifest.json", lambda p: p.write_text("{not json"), "manifest.json cannot be read"),
]


@pytest.mark.parametrize(("name", "damage", "detail"), DAMAGES)
def test_a_missing_or_damaged_model_is_error_e034(trained, tmp_path, name, damage, detail):
    copy = tmp_path / "model"
    shutil.copytree(trained[0], copy)
    damage(copy / name)
    with pytest.raises(UsageError) as err:
        read_manifest(copy)
    assert err.value.code == "E037" and detail in str(err.value) and str(copy) in str(err.value)


# ---- the features the rules lend the tagger -----------------------------------------------------

FEATURE_CASES = [
    # (text, word, QUOTE column, CUE_WORD column)
    ('"We will sign," Veldt said.', "sign", 1, 0),
    ('"We will sign," Veldt said.', "said", 0, 1),
    ('"We will sign," Veldt said.', '"', 2, 0),
    ("Kalden rejected the claim that Tarsk had massed troops.", "claim", 0, 2),
    ("Kalden rejected the claim that Tarsk had massed troops.", "troops", 0, 0),
    ("The ferry to Mensk left at noon.", "left", 0, 0),  # must find nothing
]


@pytest.mark.parametrize(("text", "word", "quote", "cue"), FEATURE_CASES)
def test_feature_columns_mark_quotes_and_cue_words(parser, text, word, quote, cue):
    from stanceline.nlp.learned.features import cue_column, quote_column, shipped_cues

    doc = parser(text)
    i = next(t.i for t in doc if t.text == word)
    assert (int(quote_column(doc)[i]), int(cue_column(doc, shipped_cues())[i])) == (quote, cue)


# ---- the command line ---------------------------------------------------------------------------

CLI_CASES = [
    (["analyze", "-", "--attribution", "neural"], 2, "E023 bad value 'neural' for --attribution"),
    (["train", "attribution", "--data", "{missing}"], 2, "E038 bad training data"),
]


@pytest.mark.parametrize(("args", "code", "message"), CLI_CASES)
def test_cli_rejects_bad_attribution_settings(tmp_path, args, code, message):
    from typer.testing import CliRunner

    from stanceline.cli import app

    args = [a.replace("{missing}", str(tmp_path / "nothing")) for a in args]
    result = CliRunner().invoke(app, args, input="Veldt said the port would open.\n")
    assert result.exit_code == code
    assert message in result.output


def test_cli_trains_a_model_on_a_brat_folder(tmp_path):
    from typer.testing import CliRunner

    from stanceline.cli import app

    folder = write_brat(tmp_path / "brat")
    out = tmp_path / "model"
    args = [
        "train",
        "attribution",
        "--data",
        str(folder),
        "--out",
        str(out),
        "--epochs",
        "1",
        "--held-out",
        "0.25",
    ]
    result = CliRunner().invoke(app, [*args, "--silent"])
    assert result.exit_code == 0, result.output
    assert "best epoch 1 of 1" in result.output
    assert read_manifest(out)["trained"]["epochs_run"] == 1


SETTINGS_CASES = [
    # (mode given, mode in the settings, in the key's parts)
    ("rules", "rules", None),
    ("auto", "rules", None),  # auto is the rules today: the key of an analysis stays what it was
    ("learned", "learned", "learned"),
    ("hybrid", "hybrid", "hybrid"),
]


@pytest.mark.parametrize(("given", "mode", "part"), SETTINGS_CASES)
def test_the_attribution_mode_is_part_of_the_settings_key(given, mode, part):
    from stanceline.settings import AnalysisSettings

    settings = AnalysisSettings.current("en_core_web_sm", attribution=given)
    rules = AnalysisSettings.current("en_core_web_sm", attribution="rules")
    assert settings.attribution == mode and settings.parts().get("attribution") == part
    assert (settings.key() == rules.key()) == (part is None)
    if part:
        assert settings.changes(rules.parts()) == (f"the attribution changed (rules → {mode})",)


# ---- the shipped model on invented sentences ----------------------------------------------------

LEARNED_CASES = [
    (
        "Prime Minister Anaya Veldt of Velmora said the border would reopen on Monday.",
        [("Prime Minister Anaya Veldt of Velmora", "said", ["the border would reopen on Monday"])],
    ),
    (
        '"We will not sign this treaty," President Kalden told reporters in Ostrem.',
        [("President Kalden", "told", ['"We will not sign this treaty,"'])],
    ),
    (
        "Officials in Tarsk denied that troops had crossed the river.",
        [("Officials in Tarsk", "denied", ["that troops had crossed the river"])],
    ),
    (  # a figure reports, and a statement inside another's content has its own source
        "A poll released on Friday shows that most voters in Velmora oppose the tariffs.",
        [
            ("A poll released on Friday", "shows", ["that most voters in Velmora oppose the tariffs"]),
            ("most voters in Velmora", "oppose", ["the tariffs"]),
        ],
    ),
    ("The ferry to Mensk left at noon.", []),  # must find nothing
]


@pytest.fixture(scope="module")
def learned_nlp():
    import stanceline

    return stanceline.pipeline(attribution="learned")


@pytest.mark.parametrize(("text", "expected"), LEARNED_CASES)
def test_the_learned_reading_finds_statements(learned_nlp, text, expected):
    import stanceline

    found = stanceline.analyze(text, nlp=learned_nlp).statements
    got = [(s.source.text if s.source else None, s.cue.text, [c.text for c in s.content]) for s in found]
    assert got == expected


def test_hybrid_keeps_the_rules_statements_and_their_speakers(nlp):
    import stanceline

    text = 'According to Prime Minister Anaya Veldt, the talks will resume. "We are ready," she said.'
    hybrid = stanceline.pipeline(attribution="hybrid")

    def read(result):
        return [
            (s.source.text, s.cue.text, getattr(result.actor(s.source.actor), "name", None))
            for s in result.statements
        ]

    rules = read(stanceline.analyze(text, nlp=nlp))
    assert rules == [
        ("Prime Minister Anaya Veldt", "According to", "Anaya Veldt"),
        ("she", "said", "Anaya Veldt"),
    ]
    assert read(stanceline.analyze(text, nlp=hybrid))[:2] == rules


def test_the_shipped_model_passes_its_integrity_check():
    manifest = read_manifest(shipped_model_dir())
    assert manifest["format"] == "stanceline.attribution-tagger/1"
    assert manifest["trained"]["seed"] == 0 and "dev" in manifest["figures"]
