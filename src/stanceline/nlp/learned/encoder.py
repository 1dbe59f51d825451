"""The encoder reading of attribution: a fine-tuned MiniLM-L6, int8 ONNX, on ONNX Runtime.

A spaCy component, ``stanceline_attribution_encoder``, that writes the same
``doc.spans["stanceline.attribution_tags"]`` as the thinc tagger (:mod:`.component`), so the
attribution component groups its spans the same way (``--attribution learned`` / ``hybrid`` with
an encoder folder). It needs ``onnxruntime`` and ``tokenizers`` (the ``[encoder]`` extra; E051
when they are missing), never torch::

    nlp.add_pipe("stanceline_attribution_encoder", config={"path": "my-encoder"})

The text is cut into word pieces, read in overlapping windows (:mod:`.pieces`), each token takes
the scores of its first piece, and the tags are decoded under the BIO constraints.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span

from ...errors import UsageError
from .component import SPANS_KEY
from .labels import decode
from .pieces import piece_logits, token_tags

ENCODER_FORMAT = "stanceline.attribution-encoder/1"
ENCODER_FILES = ("model.onnx", "tokenizer.json")


def runtime(folder: Path) -> tuple[Any, Any]:
    """The ``onnxruntime`` and ``tokenizers`` modules, for the model in ``folder``.

    Raises:
        UsageError: E051 when either is not installed.
    """
    try:
        import onnxruntime
        import tokenizers
    except ImportError as err:
        raise UsageError.make("E051", path=str(folder), module=err.name or "onnxruntime") from None
    return onnxruntime, tokenizers


class AttributionEncoder:
    """Tags source / cue / content spans with an int8 ONNX encoder (see the module's docstring)."""

    def __init__(self, folder: Path, manifest: dict[str, Any], threads: int = 1) -> None:
        ort, tokenizers = runtime(folder)
        config = manifest["config"]
        self.window = int(config.get("window", 254))
        self.overlap = int(config.get("overlap", 64))
        self.tokenizer = tokenizers.Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_truncation()
        self.tokenizer.no_padding()
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(
            str(folder / "model.onnx"), options, providers=["CPUExecutionProvider"]
        )

    def run(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Scores ``(windows, pieces, tags)`` of a batch of windows."""
        return self.session.run(["logits"], {"input_ids": ids, "attention_mask": mask})[0]

    def __call__(self, doc: Doc) -> Doc:
        enc, logits = piece_logits(self.run, self.tokenizer, doc.text, size=self.window, overlap=self.overlap)
        tags = token_tags(doc, enc.offsets, logits)
        doc.spans[SPANS_KEY] = [
            Span(doc, s, e, label=role) for role, found in decode(doc, tags).items() for s, e in found
        ]
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 8) -> Iterator[Doc]:
        """Tag each Doc in turn (one ONNX run per Doc, its windows as the batch)."""
        for doc in docs:
            yield self(doc)


@Language.factory(
    "stanceline_attribution_encoder",
    assigns=["doc.spans"],
    default_config={"path": None, "threads": 1},
)
def make_attribution_encoder(nlp: Language, name: str, path: str | None, threads: int) -> AttributionEncoder:
    """Factory of the encoder tagger; ``path`` a folder of :data:`ENCODER_FORMAT` (``None``: the shipped one).

    Raises:
        UsageError: E037 (missing or damaged model), E051 (``onnxruntime``/``tokenizers`` not installed).
    """
    from .shipped import read_manifest, shipped_encoder_dir

    folder = Path(path) if path is not None else shipped_encoder_dir()
    return AttributionEncoder(folder, read_manifest(folder), threads)
