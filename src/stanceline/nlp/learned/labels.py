"""Token labels for attribution tagging: two BIO layers folded into one tag per token.

Layer 1 holds the **source** and **cue** spans, layer 2 the **content** spans; a token's tag is
``"LAYER1|LAYER2"`` (``"B-CUE|I-CONTENT"``: a cue inside another relation's content). Two layers
because a cue and a source often lie inside another attribution's content ("Veldt said the envoy
had promised ...") while sources and cues almost never overlap each other.

How overlapping gold spans are folded (the model can only learn one reading per token):

- layer 1: spans in text order, the first one that claims a token keeps it;
- layer 2: content pieces longest first, a piece that touches a token already claimed is left out,
  so the outermost content of nested attributions is kept and the contents nested in it are not;
- whitespace tokens get no tag (``""``: missing in training, skipped when decoding).

:func:`decode` reads tags back as spans under the BIO constraints (a Viterbi pass over the
15 folded tags, so an ``I-`` never follows anything but its own ``B-``/``I-``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from spacy.tokens import Doc

Piece = tuple[int, int]
LAYER1 = ("O", "B-SOURCE", "I-SOURCE", "B-CUE", "I-CUE")
LAYER2 = ("O", "B-CONTENT", "I-CONTENT")
TAGS = tuple(f"{a}|{b}" for a in LAYER1 for b in LAYER2)
ROLE_OF = {"source": "SOURCE", "cue": "CUE", "content": "CONTENT"}


def piece_tokens(doc: Doc, start: int, end: int) -> list[int]:
    """Indices of the non-space tokens that share a character with ``[start, end)``."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    return [t.i for t in span if not t.is_space and t.idx < end and t.idx + len(t) > start]


def _mark(layer: list[str], idx: list[int], role: str, *, whole: bool) -> None:
    """Label the runs of consecutive indices ``B-role I-role ...``; ``whole``: only if all are free."""
    if not idx or (whole and any(layer[i] != "O" for i in idx)):
        return
    prev = -2
    for i in idx:
        if layer[i] != "O":
            prev = -2
            continue
        layer[i] = ("I-" if i == prev + 1 else "B-") + role
        prev = i


def encode(doc: Doc, relations: Iterable[object]) -> list[str]:
    """The folded tag of each token of ``doc`` for gold ``relations``.

    Args:
        doc: The tokenised text.
        relations: Objects with ``source``, ``cue`` (pieces or ``None``) and ``content`` (pieces),
            such as :class:`stanceline.evaluate.Relation`.

    Returns:
        One tag per token (``""`` for whitespace tokens).
    """
    rels = list(relations)
    one = ["O"] * len(doc)
    two = ["O"] * len(doc)
    marks = []
    for rel in rels:
        for role in ("source", "cue"):
            for s, e in getattr(rel, role) or ():
                marks.append((s, e, ROLE_OF[role]))
    for s, e, role in sorted(marks):
        _mark(one, piece_tokens(doc, s, e), role, whole=True)
    contents = {p for rel in rels for p in rel.content}  # type: ignore[attr-defined]
    for s, e in sorted(contents, key=lambda p: (p[0] - p[1], p[0])):
        _mark(two, piece_tokens(doc, s, e), "CONTENT", whole=True)
    return ["" if t.is_space else f"{one[t.i]}|{two[t.i]}" for t in doc]


def _allowed() -> np.ndarray:
    """``allowed[i, j]``: tag ``j`` may follow tag ``i``; row ``len(TAGS)`` is the start."""

    def ok(prev: str, cur: str) -> bool:
        return not cur.startswith("I-") or prev[2:] == cur[2:] and prev != "O"

    out = np.zeros((len(TAGS) + 1, len(TAGS)), dtype=bool)
    for j, cur in enumerate(TAGS):
        c1, c2 = cur.split("|")
        out[len(TAGS), j] = ok("O", c1) and ok("O", c2)
        for i, prev in enumerate(TAGS):
            p1, p2 = prev.split("|")
            out[i, j] = ok(p1, c1) and ok(p2, c2)
    return out


ALLOWED = _allowed()


def viterbi(log_probs: np.ndarray, labels: Sequence[str]) -> list[str]:
    """The best tag sequence under the BIO constraints.

    Args:
        log_probs: ``(tokens, len(labels))`` log-probabilities.
        labels: The model's labels (a subset or reordering of :data:`TAGS`).

    Returns:
        One tag per row.
    """
    n = len(log_probs)
    if n == 0:
        return []
    order = [TAGS.index(lab) for lab in labels]
    allowed = ALLOWED[np.ix_(order + [len(TAGS)], order)]
    penalty = np.where(allowed, 0.0, -1e9)
    score = log_probs[0] + penalty[-1]
    back = np.zeros((n, len(labels)), dtype=np.int32)
    for t in range(1, n):
        cand = score[:, None] + penalty[:-1]
        back[t] = cand.argmax(axis=0)
        score = cand.max(axis=0) + log_probs[t]
    best = [int(score.argmax())]
    for t in range(n - 1, 0, -1):
        best.append(int(back[t, best[-1]]))
    return [labels[i] for i in reversed(best)]


def decode(doc: Doc, tags: Sequence[str]) -> dict[str, list[tuple[int, int]]]:
    """Token spans ``(start, end)`` per role (``SOURCE``, ``CUE``, ``CONTENT``) from one tag per token.

    Whitespace tokens are passed over: a span runs on across a line break's token when the tag
    after it continues it, and never starts or ends on one.
    """
    out: dict[str, list[tuple[int, int]]] = {"SOURCE": [], "CUE": [], "CONTENT": []}
    for layer in (0, 1):
        open_role, first, last = None, 0, 0
        for tok, tag in zip(doc, tags, strict=True):
            if tok.is_space or not tag:
                continue
            part = tag.split("|")[layer]
            if part.startswith("I-") and open_role == part[2:]:
                last = tok.i
                continue
            if open_role is not None:
                out[open_role].append((first, last + 1))
                open_role = None
            if part != "O":
                open_role, first, last = part[2:], tok.i, tok.i
        if open_role is not None:
            out[open_role].append((first, last + 1))
    return out
