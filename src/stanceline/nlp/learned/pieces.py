"""Word pieces ↔ spaCy tokens, and the windows a long text is read in (no torch, no onnxruntime).

The encoder reads word pieces (a WordPiece tokenizer's, with character offsets); the rest of
stanceline reads spaCy tokens. Both training and inference tie them the same way:

- a spaCy token reads the **first piece that shares a character with it** (:func:`first_pieces`);
  a piece that two tokens share ("don" of ``do`` + ``n't``) is read by both, trained on by the first;
- a text longer than one window is read in windows of at most ``size`` pieces that overlap by
  ``overlap`` pieces (:func:`windows`); a piece in two windows takes its scores from the window
  where it lies further from the edge (:func:`owners`), so every piece sees context on both sides.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from spacy.tokens import Doc

from .labels import TAGS, viterbi

Offsets = Sequence[tuple[int, int]]


def first_pieces(doc: Doc, offsets: Offsets) -> list[int]:
    """For each token of ``doc``, the index of the first piece that overlaps it (-1: none, a space).

    Args:
        doc: The tokenised text.
        offsets: ``(start, end)`` character offsets of the pieces of ``doc.text``, in order.
    """
    starts = [s for s, _ in offsets]
    out = []
    for tok in doc:
        if tok.is_space:
            out.append(-1)
            continue
        begin, end = tok.idx, tok.idx + len(tok)
        k = max(bisect_right(starts, begin) - 1, 0)
        while k < len(offsets) and offsets[k][1] <= begin:
            k += 1
        out.append(k if k < len(offsets) and offsets[k][0] < end else -1)
    return out


def windows(n: int, size: int, overlap: int) -> list[tuple[int, int]]:
    """Piece ranges ``[start, end)`` of at most ``size`` pieces covering ``n``, overlapping by ``overlap``."""
    if n <= size:
        return [(0, n)]
    step = size - overlap
    out = []
    start = 0
    while True:
        end = min(start + size, n)
        out.append((start, end))
        if end == n:
            return out
        start += step


def owners(spans: Sequence[tuple[int, int]], n: int) -> np.ndarray:
    """For each of ``n`` pieces, the window (index in ``spans``) it is read from: where it lies
    furthest from the window's edges."""
    best = np.full(n, -1, dtype=np.int64)
    margin = np.full(n, -1, dtype=np.int64)
    for k, (s, e) in enumerate(spans):
        idx = np.arange(s, e)
        m = np.minimum(idx - s, e - 1 - idx)
        better = m > margin[s:e]
        best[s:e][better] = k
        margin[s:e][better] = m[better]
    return best


def piece_logits(
    run: Callable[[np.ndarray, np.ndarray], np.ndarray],
    tokenizer: Any,
    text: str,
    *,
    size: int = 254,
    overlap: int = 64,
) -> tuple[Any, np.ndarray]:
    """The encoding of ``text`` and each piece's scores, read in overlapping windows by ``run``
    (``(ids, mask) → (batch, length, tags)``)."""
    cls, sep = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    enc = tokenizer.encode(text, add_special_tokens=False)
    n = len(enc.ids)
    out = np.zeros((n, len(TAGS)), dtype=np.float32)
    if n == 0:
        return enc, out
    spans = windows(n, size, overlap)
    width = max(e - s for s, e in spans) + 2
    ids = np.zeros((len(spans), width), dtype=np.int64)
    mask = np.zeros((len(spans), width), dtype=np.int64)
    for k, (s, e) in enumerate(spans):
        ids[k, : e - s + 2] = [cls, *enc.ids[s:e], sep]
        mask[k, : e - s + 2] = 1
    scores = run(ids, mask)
    own = owners(spans, n)
    for k, (s, _e) in enumerate(spans):
        idx = np.nonzero(own == k)[0]
        out[idx] = scores[k, idx - s + 1]
    return enc, out


def token_tags(doc: Any, offsets: Sequence[tuple[int, int]], logits: np.ndarray) -> list[str]:
    """One tag per token of ``doc`` (``""`` for spaces): its first piece's scores, Viterbi-decoded."""
    firsts = first_pieces(doc, offsets)
    keep = [t.i for t in doc if firsts[t.i] >= 0]
    tags = [""] * len(doc)
    if keep:
        rows = logits[[firsts[i] for i in keep]]
        rows = rows - rows.max(axis=1, keepdims=True)
        rows = rows - np.log(np.exp(rows).sum(axis=1, keepdims=True))
        for i, tag in zip(keep, viterbi(rows, TAGS), strict=True):
            tags[i] = tag
    return tags
