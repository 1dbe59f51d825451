"""Scoring attribution relations against gold: pure functions, no NLP.

A *relation* is one attribution: a source, a cue and a content, each a list of
``(start, end)`` character pieces (PolNeAR spans may be discontinuous). Two
measures per span type, after Citron's scorer (Newell et al. 2018):

- **exact**: a matched pair's spans are equal once each piece is stripped of
  surrounding whitespace, punctuation, quotation marks and dashes, and pieces
  separated only by such characters are joined.
- **overlap**: a matched pair earns ``shared / predicted`` tokens towards
  precision and ``shared / gold`` tokens towards recall, where tokens are the
  document's word-character runs (``\\w+``) touching the span.

Precision divides by the predicted relations that have that span, recall by
the gold relations that have it. Relations are paired one-to-one first (see
:func:`match_relations`); a span absent on either side never scores.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Analysis

Piece = tuple[int, int]
Pieces = tuple[Piece, ...]
ROLES = ("source", "cue", "content")
_WORD = re.compile(r"\w+")
UNKNOWN = "\x00"  # fills gaps of a text rebuilt from spans: never stripped, never a token


@dataclass(frozen=True, slots=True)
class Relation:
    """One attribution relation; ``source``/``cue`` are ``None`` when absent."""

    source: Pieces | None
    cue: Pieces | None
    content: Pieces

    def span(self, role: str) -> Pieces:
        """Return the pieces of ``role`` (``()`` when absent), sorted."""
        return tuple(sorted(getattr(self, role) or ()))


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and F1 (0.0 where a denominator is 0)."""

    precision: float
    recall: float
    f1: float

    @classmethod
    def of(cls, p_hits: float, predicted: float, r_hits: float, gold: float) -> PRF:
        p = p_hits / predicted if predicted else 0.0
        r = r_hits / gold if gold else 0.0
        return cls(p, r, 2 * p * r / (p + r) if p + r else 0.0)


@dataclass(frozen=True, slots=True)
class SpanScores:
    """Exact and overlap scores for one span type."""

    exact: PRF
    overlap: PRF


@dataclass(frozen=True, slots=True)
class AttributionScores:
    """Corpus scores per span type, plus relation counts."""

    source: SpanScores
    cue: SpanScores
    content: SpanScores
    predicted: int
    gold: int
    matched: int
    documents: int


@dataclass(slots=True)
class _SpanSums:
    """Running sums for one span type over a corpus."""

    exact: int = 0  # matched pairs whose normalised spans are equal
    p_part: float = 0.0  # sum of shared / predicted tokens over matched pairs
    r_part: float = 0.0  # sum of shared / gold tokens over matched pairs
    predicted: int = 0  # predicted relations that have this span
    gold: int = 0  # gold relations that have this span

    def scores(self) -> SpanScores:
        return SpanScores(
            PRF.of(self.exact, self.predicted, self.exact, self.gold),
            PRF.of(self.p_part, self.predicted, self.r_part, self.gold),
        )


@dataclass(slots=True)
class Tally:
    """Running sums for a corpus."""

    roles: dict[str, _SpanSums] = field(default_factory=lambda: {r: _SpanSums() for r in ROLES})
    predicted: int = 0
    gold: int = 0
    matched: int = 0
    documents: int = 0

    def add_document(self, predicted: int, gold: int, matched: int) -> None:
        self.documents += 1
        self.predicted += predicted
        self.gold += gold
        self.matched += matched

    def scores(self) -> AttributionScores:
        return AttributionScores(
            *(self.roles[r].scores() for r in ROLES), self.predicted, self.gold, self.matched, self.documents
        )


class Tokens:
    """The word-character runs of one text, for token overlap between spans."""

    def __init__(self, text: str) -> None:
        found = [m.span() for m in _WORD.finditer(text)]
        self._starts = [s for s, _ in found]
        self._ends = [e for _, e in found]

    def of(self, pieces: Iterable[Piece]) -> set[int]:
        """Return the indices of the tokens that share at least a character with ``pieces``."""
        out: set[int] = set()
        for start, end in pieces:
            out.update(range(bisect_right(self._ends, start), bisect_left(self._starts, end)))
        return out


def _ignorable(ch: str) -> bool:
    return ch.isspace() or ch == "`" or unicodedata.category(ch).startswith("P")


def _trim(text: str, start: int, end: int, strip: Callable[[str], bool]) -> Piece | None:
    while start < end and strip(text[start]):
        start += 1
    while end > start and strip(text[end - 1]):
        end -= 1
    return (start, end) if start < end else None


def normalise(text: str, pieces: Iterable[Piece]) -> Pieces:
    """Strip each piece's ends of whitespace, punctuation, quotes and dashes; join touching pieces.

    Args:
        text: The document text the offsets index.
        pieces: ``(start, end)`` character pieces of one span.

    Returns:
        The sorted, trimmed pieces, and pieces separated only by ignorable
        characters merged into one. A piece that is nothing but punctuation
        (PolNeAR's ``:`` and ``―`` cues) keeps its punctuation; a blank one is dropped.
    """
    out: list[Piece] = []
    for start, end in sorted(pieces):
        start, end = _trim(text, start, end, _ignorable) or _trim(text, start, end, str.isspace) or (0, 0)
        if start == end:
            continue
        if out and all(_ignorable(c) for c in text[out[-1][1] : start]):
            start = min(start, out[-1][0])
            end = max(end, out[-1][1])
            out.pop()
        out.append((start, end))
    return tuple(out)


def dice(a: set[int], b: set[int]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0


def _pair_score(p: dict[str, set[int]], g: dict[str, set[int]]) -> tuple[float, ...] | None:
    """Content, cue and source token Dice of a pair; ``None`` if the pair may not match."""
    if not (p["content"] & g["content"]) and not (p["cue"] & g["cue"]):
        return None
    return tuple(dice(p[role], g[role]) for role in ("content", "cue", "source"))


def match_relations(
    text: str, predicted: Sequence[Relation], gold: Sequence[Relation], *, tokens: Tokens | None = None
) -> list[tuple[int, int]]:
    """Pair predicted with gold relations one-to-one, best pair first.

    Every pair sharing a content or a cue token is a candidate, ranked by
    content token Dice, then cue Dice, then source Dice (earlier indices win
    ties); candidates are taken greedily while both sides are free.

    Args:
        text: The document text.
        predicted: The system's relations.
        gold: The gold relations.
        tokens: The text's :class:`Tokens`, if already built.

    Returns:
        ``(predicted index, gold index)`` pairs, in gold order.
    """
    tokens = tokens or Tokens(text)
    gold_tokens = [{role: tokens.of(g.span(role)) for role in ROLES} for g in gold]
    candidates = []
    for i, p in enumerate(predicted):
        p_tokens = {role: tokens.of(p.span(role)) for role in ROLES}
        for j, g_tokens in enumerate(gold_tokens):
            score = _pair_score(p_tokens, g_tokens)
            if score is not None:
                candidates.append((tuple(-s for s in score), i, j))
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, i, j in sorted(candidates):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return sorted(pairs, key=lambda ij: ij[1])


def add_pairs(
    tally: Tally,
    text: str,
    tokens: Tokens,
    predicted: Sequence[Relation],
    gold: Sequence[Relation],
    pairs: Sequence[tuple[int, int]],
    roles: Iterable[str] = ROLES,
) -> None:
    """Add the span counts of one document's ``pairs`` (and its span totals) to ``tally``."""
    for role in roles:
        sums = tally.roles[role]
        sums.predicted += sum(1 for p in predicted if p.span(role))
        sums.gold += sum(1 for g in gold if g.span(role))
        for i, j in pairs:
            ps, gs = normalise(text, predicted[i].span(role)), normalise(text, gold[j].span(role))
            if not ps or not gs:
                continue
            sums.exact += ps == gs
            pt, gt = tokens.of(ps), tokens.of(gs)
            if pt and gt:
                sums.p_part += len(pt & gt) / len(pt)
                sums.r_part += len(pt & gt) / len(gt)
            elif ps == gs:  # a punctuation-only span has no tokens: all or nothing
                sums.p_part += 1
                sums.r_part += 1


Document = tuple[str, Sequence[Relation], Sequence[Relation]]  # (text, predicted, gold)


def score_corpus(documents: Iterable[Document]) -> AttributionScores:
    """Score a system's relations over a corpus (micro-averaged over relations).

    Args:
        documents: ``(text, predicted relations, gold relations)`` per document.

    Returns:
        Exact and overlap P/R/F1 per span type, with relation counts.
    """
    tally = Tally()
    for text, predicted, gold in documents:
        tokens = Tokens(text)
        pairs = match_relations(text, predicted, gold, tokens=tokens)
        add_pairs(tally, text, tokens, predicted, gold, pairs)
        tally.add_document(len(predicted), len(gold), len(pairs))
    return tally.scores()


def format_table(systems: Mapping[str, AttributionScores]) -> str:
    """Render P/R/F1 (in %) per span type and measure, one column group per system.

    Args:
        systems: System name to its scores, in column order.

    Returns:
        A plain-text table.
    """
    names = list(systems)
    head = f"{'span':8} {'measure':8}" + "".join(f" | {n[:20]:>20}" for n in names)
    sub = f"{'':8} {'':8}" + "".join(f" | {'P':>6} {'R':>6} {'F1':>6}" for _ in names)
    lines = [head, sub, "-" * len(sub)]
    for role in ROLES:
        for measure in ("exact", "overlap"):
            cells = [getattr(getattr(systems[n], role), measure) for n in names]
            lines.append(
                f"{role:8} {measure:8}"
                + "".join(
                    f" | {c.precision * 100:6.1f} {c.recall * 100:6.1f} {c.f1 * 100:6.1f}" for c in cells
                )
            )
    lines += [
        f"relations, {n}: {s.predicted} predicted / {s.gold} gold / {s.matched} matched"
        for n, s in systems.items()
    ]
    return "\n".join(lines)


def read_text(path: str | Path) -> str:
    """Read a UTF-8 file exactly as stored (no newline translation), so offsets hold."""
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def load_brat(ann_path: str | Path, txt_path: str | Path) -> list[Relation]:
    """Read PolNeAR's brat standoff: ``T`` spans tied into relations by ``E`` lines.

    Args:
        ann_path: The ``.ann`` file.
        txt_path: Its text, used to check that every offset lies inside it.

    Returns:
        The relations in file order; roles an ``E`` line lacks are ``None``
        (content ``()``), ``Content2`` pieces join ``Content``, and relations
        with no role at all are dropped.

    Raises:
        ValueError: if a span lies outside the text or a line cannot be parsed.
    """
    size = len(read_text(txt_path))
    spans: dict[str, tuple[str, Pieces]] = {}
    events: list[str] = []
    for n, line in enumerate(read_text(ann_path).splitlines(), 1):
        fields = line.split("\t")
        try:
            if line.startswith("T"):
                kind, offsets = fields[1].split(" ", 1)
                pieces = tuple(tuple(int(x) for x in p.split()) for p in offsets.split(";"))
                if any(len(p) != 2 or not 0 <= p[0] <= p[1] <= size for p in pieces):
                    raise ValueError(f"span {offsets!r} outside a text of {size} characters")
                spans[fields[0]] = (kind, pieces)  # type: ignore[assignment]
            elif line.startswith("E"):
                events.append(fields[1])
        except (IndexError, ValueError) as err:
            raise ValueError(f"{ann_path}:{n}: cannot read brat line {line!r}: {err}") from err
    relations = []
    for event in events:
        roles: dict[str, list[Piece]] = {}
        for arg in event.split():
            role, _, ref = arg.partition(":")
            role = role.rstrip("0123456789").lower()
            if role in ROLES and ref in spans and spans[ref][0].lower() == role:
                roles.setdefault(role, []).extend(spans[ref][1])
        if roles:
            relations.append(
                Relation(
                    tuple(roles["source"]) if "source" in roles else None,
                    tuple(roles["cue"]) if "cue" in roles else None,
                    tuple(roles.get("content", ())),
                )
            )
    return relations


def relations_from_analysis(analysis: Analysis) -> list[Relation]:
    """Turn a stanceline :class:`~stanceline.model.Analysis` into relations.

    Args:
        analysis: One article's analysis.

    Returns:
        One relation per statement; a carried-over source (no offsets) is ``None``.
    """
    out = []
    for s in analysis.statements:
        src = s.source
        source = ((src.start, src.end),) if src and src.start is not None and src.end is not None else None
        cue = ((s.cue.start, s.cue.end),) if s.cue else None
        out.append(Relation(source, cue, tuple(sorted((c.start, c.end) for c in s.content))))
    return out
