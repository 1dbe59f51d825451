"""Scoring the project's own sample corpus (``examples/gold/*.json``): statements, speakers,
cues and contents within matched statements. Pure functions, no NLP."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model import Analysis, Article, Published
from .attribution import PRF, UNKNOWN, Relation, Tally, Tokens, add_pairs, dice, match_relations, read_text

STATEMENT_MATCH_F = 0.5  # a predicted and a gold statement match when content token Dice >= this


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """One gold file of the sample corpus, with the article to analyse for it."""

    path: Path  # the gold file
    gold: dict[str, Any]
    article: Article


def read_sample_gold(examples: str | Path) -> list[GoldArticle]:
    """Read the sample corpus gold (``gold/*.json`` under ``examples``), each with the article to analyse.

    Each article is read from the gold's ``article.path`` (relative to ``examples``; default
    ``articles/{gold file stem}.txt``) and carries that path and the gold publication date (``given``).

    Raises:
        FileNotFoundError: if there is no gold file, or a gold file's article is missing.
    """
    examples = Path(examples)
    files = sorted((examples / "gold").glob("*.json"))
    if not files:
        raise FileNotFoundError(f"No gold files in {examples / 'gold'}: the sample corpus is not there yet.")
    out = []
    for path in files:
        gold = json.loads(read_text(path))
        rel = gold.get("article", {}).get("path") or f"articles/{path.stem}.txt"
        if not (examples / rel).is_file():
            raise FileNotFoundError(f"{path} names {examples / rel}, which does not exist: fix article.path.")
        pub = gold["article"].get("published")
        article = Article(
            text=read_text(examples / rel),
            path=rel,
            published=Published(pub, "given") if pub else Published(),
        )
        out.append(GoldArticle(path, gold, article))
    return out


@dataclass(frozen=True, slots=True)
class KindCounts:
    """Statements of one kind: gold, predicted, matched (by gold kind), and kind agreement."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    same_kind: int = 0


@dataclass(frozen=True, slots=True)
class SampleScores:
    """Sample-corpus scores; all spans compared only within matched statements."""

    statements: PRF
    speaker_accuracy: float
    cue_exact: PRF
    content_exact: PRF
    content_overlap: PRF
    kinds: dict[str, KindCounts]
    predicted: int
    gold: int
    matched: int
    documents: int


def _rebuild_text(statements: Iterable[dict[str, Any]]) -> str:
    """A stand-in text from the spans' own text, for dicts written without ``article.text``."""
    chars: list[str] = []
    for st in statements:
        for span in [st.get("source"), st.get("cue"), *(st.get("content") or [])]:
            if span and span.get("start") is not None and span.get("text") is not None:
                start, body = span["start"], span["text"]
                chars.extend(UNKNOWN * (start + len(body) - len(chars)))
                chars[start : start + len(body)] = body
    return "".join(chars)


def _statements(d: dict[str, Any]) -> list[tuple[Relation, str, str | None]]:
    """``(relation, kind, speaker name or None)`` per statement of a contract or gold dict."""
    names = {a["id"]: " ".join(str(a["name"]).casefold().split()) for a in d.get("actors") or []}
    out = []
    for st in d.get("statements") or []:
        src, cue = st.get("source"), st.get("cue")
        source = ((src["start"], src["end"]),) if src and src.get("start") is not None else None
        rel = Relation(
            source,
            ((cue["start"], cue["end"]),) if cue else None,
            tuple(sorted((c["start"], c["end"]) for c in st.get("content") or [])),
        )
        out.append((rel, st.get("kind", ""), names.get(src.get("actor")) if src else None))
    return out


def statement_relations(d: dict[str, Any]) -> list[Relation]:
    """One :class:`Relation` per statement of a contract or gold dict, in order."""
    return [rel for rel, _, _ in _statements(d)]


def match_statements(
    text: str, predicted: Sequence[Relation], gold: Sequence[Relation], tokens: Tokens
) -> list[tuple[int, int]]:
    """Pair statements one-to-one, best first (:func:`.match_relations`), keeping the pairs whose content
    token Dice is at least :data:`STATEMENT_MATCH_F`.

    Returns:
        ``(predicted index, gold index)`` pairs, in gold order.
    """
    return [
        (i, j)
        for i, j in match_relations(text, predicted, gold, tokens=tokens)
        if dice(tokens.of(predicted[i].content), tokens.of(gold[j].content)) >= STATEMENT_MATCH_F
    ]


def score_sample(pairs: Iterable[tuple[Analysis | dict[str, Any], dict[str, Any]]]) -> SampleScores:
    """Score stanceline's output against the sample corpus gold.

    Statements are paired one-to-one, best content token Dice first, and a pair
    counts only at Dice >= :data:`STATEMENT_MATCH_F`. Over matched pairs: the
    speaker is right when both actor names agree after case-folding and
    whitespace collapsing (no actor on both sides also agrees); cue and content
    are scored exact and overlap as in :func:`score_corpus`.

    Args:
        pairs: ``(prediction, gold)`` per article; the prediction is an
            :class:`Analysis` or its ``to_dict()``. The text comes from the
            Analysis, else ``article.text`` of either dict, else the spans.

    Returns:
        The :class:`SampleScores`.
    """
    tally = Tally()
    speakers = 0
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    for prediction, gold in pairs:
        pred = prediction.to_dict() if isinstance(prediction, Analysis) else prediction
        own = prediction.article.text if isinstance(prediction, Analysis) else None
        text = (
            own
            or (pred.get("article") or {}).get("text")
            or (gold.get("article") or {}).get("text")
            or _rebuild_text([*(pred.get("statements") or []), *(gold.get("statements") or [])])
        )
        ps, gs = _statements(pred), _statements(gold)
        p_rel, g_rel = [p[0] for p in ps], [g[0] for g in gs]
        tokens = Tokens(text)
        kept = match_statements(text, p_rel, g_rel, tokens)
        add_pairs(tally, text, tokens, p_rel, g_rel, kept, ("cue", "content"))
        tally.add_document(len(ps), len(gs), len(kept))
        speakers += sum(ps[i][2] == gs[j][2] for i, j in kept)
        for _, kind, _ in gs:
            kinds[kind]["gold"] += 1
        for _, kind, _ in ps:
            kinds[kind]["predicted"] += 1
        for i, j in kept:
            kinds[gs[j][1]]["matched"] += 1
            kinds[gs[j][1]]["same_kind"] += ps[i][1] == gs[j][1]
    return SampleScores(
        statements=PRF.of(tally.matched, tally.predicted, tally.matched, tally.gold),
        speaker_accuracy=speakers / tally.matched if tally.matched else 0.0,
        cue_exact=tally.roles["cue"].scores().exact,
        content_exact=tally.roles["content"].scores().exact,
        content_overlap=tally.roles["content"].scores().overlap,
        kinds={k: KindCounts(**c) for k, c in sorted(kinds.items())},
        predicted=tally.predicted,
        gold=tally.gold,
        matched=tally.matched,
        documents=tally.documents,
    )


def format_sample(scores: SampleScores) -> str:
    """Render :class:`SampleScores` as a plain-text table (figures in %).

    Args:
        scores: The sample-corpus scores.

    Returns:
        The table.
    """
    rows = [
        ("statements", scores.statements),
        ("cue exact", scores.cue_exact),
        ("content exact", scores.content_exact),
        ("content overlap", scores.content_overlap),
    ]
    lines = [f"{'measure':16} {'P':>6} {'R':>6} {'F1':>6}"]
    lines += [
        f"{name:16} {s.precision * 100:6.1f} {s.recall * 100:6.1f} {s.f1 * 100:6.1f}" for name, s in rows
    ]
    lines.append(
        f"{'speaker accuracy':16} {scores.speaker_accuracy * 100:6.1f}  (over {scores.matched} matched)"
    )
    lines.append(f"{scores.documents} documents, {scores.predicted} predicted / {scores.gold} gold")
    lines.append(f"{'kind':10} {'gold':>5} {'pred':>5} {'match':>5} {'same':>5}")
    lines += [
        f"{k or '?':10} {c.gold:5} {c.predicted:5} {c.matched:5} {c.same_kind:5}"
        for k, c in scores.kinds.items()
    ]
    return "\n".join(lines)
