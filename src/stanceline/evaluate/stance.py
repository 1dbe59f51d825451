"""Scoring stances against gold: topic detection, stance labels and condition spans. Pure functions, no NLP.

Two kinds of gold:

- **stance gold** (``examples/stance/{split}.jsonl``): one object a line,
  ``{"id", "text", "stances": [{"topic", "stance", "target", "conditions"}]}`` with ``target`` and
  ``conditions`` exact substrings of ``text`` (first occurrence). The stances of a text's statements are
  united per topic (:func:`unite_stances`) and compared with the item's;
- **the sample corpus** (``examples/gold/*.json``): predicted statements are paired with gold ones on content
  (:func:`.match_relations`), and stances are compared per (statement, topic).

Figures (:meth:`StanceTally.figures`): topic detection P/R/F1 over (unit, topic) pairs; stance accuracy and
macro-F1 over the four labels on pairs found on both sides; condition-span token-overlap P/R/F1 (Citron-style:
shared / predicted and shared / gold tokens, summed over matched pairs that have conditions).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..model import Analysis
from .attribution import PRF, Relation, Tokens, match_relations, read_text
from .sample import GoldArticle

STANCE_LABELS = ("support", "oppose", "conditional", "neutral")
STANCE_TARGETS = {"stance_macro_f1": 0.80, "condition_f1": 0.70, "topic_f1": 0.85}  # on the test split

Pieces = list[tuple[int, int]]
StanceItem = tuple[int, dict[str, Any]]  # (line number, the line's object) of a stance gold file


@dataclass
class StanceTally:
    """Running sums over (unit, topic) pairs."""

    topic_tp: int = 0
    topic_fp: int = 0
    topic_fn: int = 0
    confusion: dict[str, dict[str, int]] = field(
        default_factory=lambda: {g: dict.fromkeys(STANCE_LABELS, 0) for g in STANCE_LABELS}
    )
    cond_p: float = 0.0
    cond_r: float = 0.0
    cond_predicted: int = 0
    cond_gold: int = 0
    errors: list[str] = field(default_factory=list)

    def add(
        self,
        key: str,
        text: str,
        predicted: dict[str, dict[str, Any]],
        gold: dict[str, dict[str, Any]],
        tokens: Tokens | None = None,
    ) -> None:
        """Add one unit (an item, or a matched statement): stances per topic on both sides."""
        tokens = tokens or Tokens(text)
        for topic in predicted.keys() - gold.keys():
            self.topic_fp += 1
            self.errors.append(
                f"{key}: extra topic {topic} ({predicted[topic]['stance']}, {predicted[topic]['target']!r})"
            )
        for topic in gold.keys() - predicted.keys():
            self.topic_fn += 1
            self.errors.append(
                f"{key}: missed topic {topic} ({gold[topic]['stance']}, {gold[topic]['target']!r})"
            )
        for topic in predicted.keys() & gold.keys():
            self.topic_tp += 1
            p, g = predicted[topic], gold[topic]
            if p["stance"] in STANCE_LABELS and g["stance"] in STANCE_LABELS:
                self.confusion[g["stance"]][p["stance"]] += 1
            if p["stance"] != g["stance"]:
                self.errors.append(
                    f"{key}: {topic} {p['stance']} for gold {g['stance']} (cues {p.get('cues')})"
                )
            pc, gc = p["conditions"], g["conditions"]
            self.cond_predicted += bool(pc)
            self.cond_gold += bool(gc)
            if pc and gc:
                pt, gt = tokens.of(pc), tokens.of(gc)
                if pt and gt:
                    self.cond_p += len(pt & gt) / len(pt)
                    self.cond_r += len(pt & gt) / len(gt)
            if (pc or gc) and _texts(text, pc) != _texts(text, gc):
                self.errors.append(
                    f"{key}: {topic} conditions {_texts(text, pc)} for gold {_texts(text, gc)}"
                )

    def figures(self) -> dict[str, Any]:
        """The figures as a JSON-ready dict (see the module docstring)."""
        topic = PRF.of(
            self.topic_tp, self.topic_tp + self.topic_fp, self.topic_tp, self.topic_tp + self.topic_fn
        )
        pairs = sum(sum(row.values()) for row in self.confusion.values())
        correct = sum(self.confusion[label][label] for label in STANCE_LABELS)
        per_label = {}
        for label in STANCE_LABELS:
            tp = self.confusion[label][label]
            predicted = sum(self.confusion[g][label] for g in STANCE_LABELS)
            gold = sum(self.confusion[label].values())
            per_label[label] = PRF.of(tp, predicted, tp, gold).f1
        present = [
            label
            for label in STANCE_LABELS
            if sum(self.confusion[label].values()) or sum(self.confusion[g][label] for g in STANCE_LABELS)
        ]
        macro = sum(per_label[label] for label in present) / len(present) if present else 0.0
        cond = PRF.of(self.cond_p, self.cond_predicted, self.cond_r, self.cond_gold)
        return {
            "topic": asdict(topic),
            "topic_pairs": {"matched": self.topic_tp, "extra": self.topic_fp, "missed": self.topic_fn},
            "stance_accuracy": correct / pairs if pairs else 0.0,
            "stance_macro_f1": macro,
            "stance_f1": per_label,
            "stance_pairs": pairs,
            "condition": asdict(cond),
            "condition_pairs": {"predicted": self.cond_predicted, "gold": self.cond_gold},
            "confusion": self.confusion,
        }


def _texts(text: str, pieces: Pieces) -> list[str]:
    return [text[s:e] for s, e in sorted(pieces)]


def _rank(s: dict[str, Any]) -> tuple[int, float]:
    return (
        2 if s["stance"] == "conditional" else 1 if s["stance"] != "neutral" else 0,
        float(s.get("confidence") or 0.0),
    )


def unite_stances(stances: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """One stance per topic from several statements' stances: a conditional wins, then the most confident.

    Args:
        stances: Contract ``stances`` objects.

    Returns:
        Topic -> ``{"stance", "target", "conditions": [(start, end)], "cues", "confidence"}``.
    """
    out: dict[str, dict[str, Any]] = {}
    for s in stances:
        entry = {
            "stance": s["stance"],
            "target": (s.get("target") or {}).get("text"),
            "conditions": [(c["start"], c["end"]) for c in s.get("conditions") or []],
            "cues": s.get("cues"),
            "confidence": s.get("confidence"),
        }
        prev = out.get(s["topic"])
        if prev is None or _rank(entry) > _rank(prev):
            out[s["topic"]] = entry
    return out


def gold_item_stances(item: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The stances of one stance gold item, per topic, each condition at its first occurrence in the text.

    Raises:
        ValueError: if a condition is not in the item's text.
    """
    text = item["text"]
    out = {}
    for g in item.get("stances") or []:
        conds = []
        for c in g.get("conditions") or []:
            at = text.find(c)
            if at < 0:
                raise ValueError(f"{item.get('id')}: condition {c!r} is not in the text")
            conds.append((at, at + len(c)))
        out[g["topic"]] = {"stance": g["stance"], "target": g.get("target"), "conditions": conds}
    return out


def read_stance_gold(path: str | Path) -> list[StanceItem]:
    """Read a stance gold file (JSONL).

    Returns:
        ``(line number, object)`` per non-blank line, in file order; the line number names an item without
        an ``id`` in the errors.
    """
    return [(n, json.loads(line)) for n, line in enumerate(read_text(path).splitlines(), 1) if line.strip()]


def score_stance_items(
    items: Iterable[StanceItem], predictions: Iterable[Analysis | dict[str, Any]]
) -> StanceTally:
    """Score the analyses of stance gold items against their gold.

    Args:
        items: As from :func:`read_stance_gold`.
        predictions: The analysis of each item's ``text``, in the same order: an :class:`Analysis` or its
            ``to_dict()``.

    Returns:
        The :class:`StanceTally`, one unit per item.
    """
    tally = StanceTally()
    for (n, item), prediction in zip(items, predictions, strict=True):
        text = item["text"]
        if isinstance(prediction, Analysis):
            stances = (s.to_dict() for st in prediction.statements for s in st.stances)
        else:
            stances = (s for st in prediction.get("statements") or [] for s in st.get("stances") or [])
        tally.add(
            f"{item.get('id', n)} [{item.get('construction', '')}] {text[:90]!r}",
            text,
            unite_stances(stances),
            gold_item_stances(item),
        )
    return tally


def score_stance_sample(pairs: Iterable[tuple[GoldArticle, Analysis | dict[str, Any]]]) -> StanceTally:
    """Score stances on the sample corpus: predicted statements paired with gold ones on content.

    Args:
        pairs: ``(gold article, prediction)`` per gold file, the prediction an :class:`Analysis` of the
            article or its ``to_dict()``.

    Returns:
        The :class:`StanceTally`, one unit per gold statement (an unmatched one has no predicted stances).
    """
    tally = StanceTally()
    for gold_article, prediction in pairs:
        gold = gold_article.gold
        text = gold_article.article.text
        pred = prediction.to_dict() if isinstance(prediction, Analysis) else prediction
        tokens = Tokens(text)
        p_rel = [_relation(s) for s in pred["statements"]]
        g_rel = [_relation(s) for s in gold["statements"]]
        matched = dict((j, i) for i, j in match_relations(text, p_rel, g_rel, tokens=tokens))
        for j, g in enumerate(gold["statements"]):
            gs = unite_stances(g.get("stances") or [])
            i = matched.get(j)
            ps = unite_stances(pred["statements"][i]["stances"]) if i is not None else {}
            content = " … ".join(c["text"] for c in g["content"])[:90]
            tally.add(f"{gold_article.path.stem[:24]} {g['id']} {content!r}", text, ps, gs, tokens)
    return tally


def _relation(s: dict[str, Any]) -> Relation:
    def pieces(span: dict[str, Any] | None) -> tuple[tuple[int, int], ...] | None:
        if not span or span.get("start") is None:
            return None
        return ((span["start"], span["end"]),)

    return Relation(
        pieces(s.get("source")),
        pieces(s.get("cue")),
        tuple((c["start"], c["end"]) for c in s.get("content") or []),
    )


def format_stance(name: str, f: dict[str, Any]) -> str:
    """:meth:`StanceTally.figures` as a few lines of text, headed by ``name``."""
    t, c = f["topic"], f["condition"]
    lines = [
        f"{name}",
        f"  topics      P {t['precision']:.3f}  R {t['recall']:.3f}  F1 {t['f1']:.3f}   "
        f"({f['topic_pairs']['matched']} matched, {f['topic_pairs']['extra']} extra, "
        f"{f['topic_pairs']['missed']} missed)",
        f"  stance      accuracy {f['stance_accuracy']:.3f}  macro-F1 {f['stance_macro_f1']:.3f}   "
        f"({f['stance_pairs']} pairs; F1 "
        + ", ".join(f"{k} {v:.2f}" for k, v in f["stance_f1"].items())
        + ")",
        f"  conditions  P {c['precision']:.3f}  R {c['recall']:.3f}  F1 {c['f1']:.3f}   "
        f"({f['condition_pairs']['predicted']} predicted, {f['condition_pairs']['gold']} gold, "
        "token overlap)",
        "  confusion (gold row -> predicted column): "
        + "; ".join(f"{g}: " + " ".join(f"{v}" for v in row.values()) for g, row in f["confusion"].items()),
    ]
    return "\n".join(lines)
