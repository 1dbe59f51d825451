"""The trainable attribution tagger: a spaCy component on thinc, no torch.

Its model is its own small tok2vec (hash embeddings of the word's norm, prefix, suffix and shape,
the parse's POS, tag, dependency label and entity type, and two features the rules know: inside
quotation marks, a word of the cue file (:mod:`.features`); then a convolutional window encoder)
under a softmax over the folded tags of :mod:`.labels`. It reads the parse the English model left
and writes only ``doc.spans["stanceline.attribution_tags"]``: the ``SOURCE``/``CUE``/``CONTENT``
spans, decoded under the BIO constraints. The attribution component turns them into statements
(``--attribution learned`` or ``hybrid``)::

    nlp.add_pipe("stanceline_attribution_tagger", before="stanceline_attribution")
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from spacy.language import Language
from spacy.ml.models import MaxoutWindowEncoder, build_tagger_model
from spacy.ml.models.tok2vec import build_Tok2Vec_model
from spacy.pipeline import Tagger
from spacy.tokens import Doc, Span
from spacy.util import registry
from thinc.api import Config, Model

from .features import embed
from .labels import decode, viterbi

SPANS_KEY = "stanceline.attribution_tags"

DEFAULT_CONFIG = """
[model]
@architectures = "stanceline.AttributionTagger.v1"
width = 64
depth = 4
window_size = 1
maxout_pieces = 3
"""
DEFAULT_MODEL = Config().from_str(DEFAULT_CONFIG)["model"]


@registry.architectures("stanceline.AttributionTagger.v1")
def build_attribution_tagger(
    width: int, depth: int, window_size: int, maxout_pieces: int, nO: int | None = None
) -> Model[list[Doc], list[Any]]:
    """The tagger's network: hash embeddings of the features of :mod:`.features`, a CNN, a softmax.

    Args:
        width: Width of the token vectors.
        depth: Convolution layers (each sees ``window_size`` tokens either side).
        window_size: Tokens either side per layer.
        maxout_pieces: Maxout pieces per unit.
        nO: Number of tags (set from the labels at initialisation).
    """
    encode = MaxoutWindowEncoder(
        width=width, window_size=window_size, maxout_pieces=maxout_pieces, depth=depth
    )
    return build_tagger_model(build_Tok2Vec_model(embed(width), encode), nO=nO)


class AttributionTagger(Tagger):
    """A :class:`spacy.pipeline.Tagger` whose tags are the folded attribution tags of :mod:`.labels`.

    Training is the tagger's (the gold tags sit in the reference Doc's ``tag_``); prediction keeps the
    parse's tags and writes the decoded spans to ``doc.spans[SPANS_KEY]``.
    """

    def predict(self, docs: Iterable[Doc]) -> list[np.ndarray]:
        """The tag scores of each token (unnormalised), one array per Doc."""
        docs = list(docs)
        if not any(len(doc) for doc in docs):
            return [np.zeros((len(doc), len(self.labels)), dtype="f") for doc in docs]
        return [self.model.ops.to_numpy(s) for s in self.model.predict(docs)]

    def set_annotations(self, docs: Iterable[Doc], scores: Sequence[np.ndarray]) -> None:
        """Decode each Doc's probabilities into spans (:func:`.labels.viterbi`, :func:`.labels.decode`)."""
        for doc, probs in zip(docs, scores, strict=True):
            keep = [t.i for t in doc if not t.is_space]
            tags = [""] * len(doc)
            if keep:
                for i, tag in zip(keep, viterbi(log_softmax(probs[keep]), self.labels), strict=True):
                    tags[i] = tag
            doc.spans[SPANS_KEY] = [
                Span(doc, s, e, label=role) for role, found in decode(doc, tags).items() for s, e in found
            ]


def log_softmax(scores: np.ndarray) -> np.ndarray:
    """Row-wise log-probabilities of the softmax layer's scores (it leaves them unnormalised at
    prediction time, as spaCy's tagger does)."""
    shifted = scores - scores.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


@Language.factory(
    "stanceline_attribution_tagger",
    assigns=["doc.spans"],
    requires=["token.dep", "token.pos", "token.tag"],
    default_config={"model": DEFAULT_MODEL},
)
def make_attribution_tagger(nlp: Language, name: str, model: Model) -> AttributionTagger:
    """Factory of the trainable attribution tagger (``nlp.add_pipe("stanceline_attribution_tagger")``)."""
    return AttributionTagger(nlp.vocab, model, name, scorer=None)


def tagged_spans(doc: Doc) -> dict[str, list[tuple[int, int]]]:
    """The tagger's spans of ``doc`` as token ranges per role (empty lists where it did not run)."""
    out: dict[str, list[tuple[int, int]]] = {"SOURCE": [], "CUE": [], "CONTENT": []}
    for span in doc.spans.get(SPANS_KEY, []):
        out.setdefault(span.label_, []).append((span.start, span.end))
    return out
