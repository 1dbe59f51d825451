"""The tagger's input features: the parse's token attributes plus two the rules know.

Besides spaCy's ``NORM``/``PREFIX``/``SUFFIX``/``SHAPE``/``POS``/``TAG``/``DEP``/``ENT_TYPE``, each
token gets:

- ``QUOTE``: 0 outside quotation marks, 1 inside a quotation, 2 a quotation mark itself
  (the quotations as :func:`stanceline.nlp.text.find_quotes` pairs them, across paragraphs);
- ``CUE_WORD``: 1 a verb of the shipped cue file, 2 a cue noun, 3 a cue adjective, 0 otherwise
  (the shipped ``data/cues.txt``, as at training time: a user's cue file does not change the model).

Every column is hashed into its own embedding table (:func:`embed`), as spaCy's ``MultiHashEmbed``
does, so the network learns how much each feature counts.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from functools import cache
from typing import Any

import numpy as np
from spacy.attrs import intify_attr
from spacy.tokens import Doc
from thinc.api import HashEmbed, Maxout, Model, chain, concatenate, list2ragged, ragged2list, with_array

from ...config import Cues, load_cues
from ..text import MARKS, doc_text, find_quotes, paragraphs

SPACY_FEATURES = ("NORM", "PREFIX", "SUFFIX", "SHAPE", "POS", "TAG", "DEP", "ENT_TYPE")
SPACY_ROWS = (5000, 1000, 2500, 500, 50, 100, 100, 50)
EXTRA_FEATURES = ("QUOTE", "CUE_WORD")
EXTRA_ROWS = (8, 8)


@cache
def shipped_cues() -> Cues:
    """The shipped cue vocabulary, read once."""
    return load_cues(None)


def quote_column(doc: Doc) -> np.ndarray:
    """Per token: 0 outside quotation marks, 1 inside, 2 a mark."""
    text = doc_text(doc)
    quotes = sorted((q.open_at, q.close_at) for q in find_quotes(text, paragraphs(text)))
    starts = [s for s, _ in quotes]
    out = np.zeros(len(doc), dtype="uint64")
    for tok in doc:
        k = bisect_right(starts, tok.idx) - 1
        if k >= 0 and tok.idx < quotes[k][1]:
            out[tok.i] = 2 if tok.text in MARKS or tok.text in ("``", "''") else 1
    return out


def cue_column(doc: Doc, cues: Cues) -> np.ndarray:
    """Per token: 1 a cue verb, 2 a cue noun, 3 a cue adjective, 0 otherwise (by lemma)."""
    out = np.zeros(len(doc), dtype="uint64")
    for tok in doc:
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("VERB", "AUX") and cues.is_verb(lemma):
            out[tok.i] = 1
        elif tok.pos_ == "NOUN" and lemma in cues.nouns:
            out[tok.i] = 2
        elif tok.pos_ == "ADJ" and lemma in cues.adjectives:
            out[tok.i] = 3
    return out


def feature_columns(doc: Doc, attr_ids: Sequence[int], cues: Cues) -> np.ndarray:
    """The ``(tokens, features)`` array of one Doc: spaCy's attributes, then the two extra columns."""
    base = doc.to_array(list(attr_ids)).reshape(len(doc), -1).astype("uint64")
    return np.hstack([base, quote_column(doc)[:, None], cue_column(doc, cues)[:, None]])


def feature_extractor() -> Model[list[Doc], list[Any]]:
    """A thinc layer: Docs → one uint64 feature array per Doc (no weights, no gradient)."""
    attr_ids = [intify_attr(a) for a in SPACY_FEATURES]

    def forward(model: Model, docs: list[Doc], is_train: bool) -> tuple[list[Any], Any]:
        cues = shipped_cues()
        return [model.ops.asarray(feature_columns(doc, attr_ids, cues), dtype="uint64") for doc in docs], (
            lambda d_features: []
        )

    return Model("stanceline_attribution_features", forward)


def embed(width: int) -> Model[list[Doc], list[Any]]:
    """Hash embeddings of every feature column, concatenated and mixed by a maxout layer."""
    rows = SPACY_ROWS + EXTRA_ROWS
    tables = [HashEmbed(width, n, column=i, seed=11 + i, dropout=0.0) for i, n in enumerate(rows)]
    mix = Maxout(width, width * len(tables), nP=3, dropout=0.0, normalize=True)
    return chain(
        feature_extractor(),
        list2ragged(),
        with_array(concatenate(*tables)),
        with_array(mix),
        ragged2list(),
    )
