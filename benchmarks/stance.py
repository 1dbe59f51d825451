"""Stance against gold: topic detection, stance labels and condition spans.

Usage::

    .venv/bin/python benchmarks/stance.py [--split dev|dev2|dev3|dev4|dev5|test] [--errors N] [--json]
    .venv/bin/python benchmarks/stance.py --sample [--errors N] [--json]

``--split`` reads ``examples/stance/{split}.jsonl``: one object a line,
``{"id", "text", "stances": [{"topic", "stance", "target", "conditions"}]}``
with ``target`` and ``conditions`` exact substrings of ``text`` (first
occurrence). Each text is analysed and the stances of its statements are
united per topic (a conditional wins, then the most confident).

``--sample`` scores the sample corpus (``examples/gold/*.json``): predicted
statements are paired with gold ones on content
(:func:`stanceline.evaluate.match_relations`), and stances are compared per
(statement, topic).

Printed: topic detection P/R/F1 over (item, topic) pairs; stance accuracy and
macro-F1 over the four labels on pairs found on both sides; condition-span
token-overlap P/R/F1 (Citron-style: shared / predicted and shared / gold tokens,
summed over matched pairs that have conditions). Targets on the test split:
stance macro-F1 >= 0.80, condition F1 >= 0.70, topic F1 >= 0.85.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from stanceline.evaluate import PRF, Relation, Tokens, match_relations, read_text

ROOT = Path(__file__).resolve().parents[1]
STANCE_DIR = ROOT / "examples" / "stance"
EXAMPLES = ROOT / "examples"
LABELS = ("support", "oppose", "conditional", "neutral")
TARGETS = {"stance_macro_f1": 0.80, "condition_f1": 0.70, "topic_f1": 0.85}

Pieces = list[tuple[int, int]]


@dataclass
class Tally:
    """Running sums over (item, topic) pairs."""

    topic_tp: int = 0
    topic_fp: int = 0
    topic_fn: int = 0
    confusion: dict[str, dict[str, int]] = field(
        default_factory=lambda: {g: dict.fromkeys(LABELS, 0) for g in LABELS}
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
            if p["stance"] in LABELS and g["stance"] in LABELS:
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
        topic = PRF.of(
            self.topic_tp, self.topic_tp + self.topic_fp, self.topic_tp, self.topic_tp + self.topic_fn
        )
        pairs = sum(sum(row.values()) for row in self.confusion.values())
        correct = sum(self.confusion[label][label] for label in LABELS)
        per_label = {}
        for label in LABELS:
            tp = self.confusion[label][label]
            predicted = sum(self.confusion[g][label] for g in LABELS)
            gold = sum(self.confusion[label].values())
            per_label[label] = PRF.of(tp, predicted, tp, gold).f1
        present = [
            label
            for label in LABELS
            if sum(self.confusion[label].values()) or sum(self.confusion[g][label] for g in LABELS)
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


def unite(stances: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
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


def _gold_item(item: dict[str, Any]) -> dict[str, dict[str, Any]]:
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


def score_split(path: Path, nlp: Any) -> Tally:
    """Score every item of a stance gold file (JSONL)."""
    import stanceline

    tally = Tally()
    for n, line in enumerate(read_text(path).splitlines(), 1):
        if not line.strip():
            continue
        item = json.loads(line)
        text = item["text"]
        analysis = stanceline.analyze(text, nlp=nlp)
        predicted = unite(s.to_dict() for st in analysis.statements for s in st.stances)
        tally.add(
            f"{item.get('id', n)} [{item.get('construction', '')}] {text[:90]!r}",
            text,
            predicted,
            _gold_item(item),
        )
    return tally


def score_sample(examples: Path, nlp: Any) -> Tally:
    """Score the sample corpus: stances of predicted statements paired with gold statements on content."""
    import stanceline
    from stanceline.model import Article, Published

    tally = Tally()
    for path in sorted((examples / "gold").glob("*.json")):
        gold = json.loads(read_text(path))
        text = read_text(examples / gold["article"]["path"])
        pub = gold["article"].get("published")
        article = Article(
            text=text, path=gold["article"]["path"], published=Published(pub, "given") if pub else Published()
        )
        pred = next(stanceline.analyze_articles([article], nlp=nlp)).to_dict()
        tokens = Tokens(text)
        p_rel = [_relation(s) for s in pred["statements"]]
        g_rel = [_relation(s) for s in gold["statements"]]
        pairs = dict((j, i) for i, j in match_relations(text, p_rel, g_rel, tokens=tokens))
        for j, g in enumerate(gold["statements"]):
            gs = unite(g.get("stances") or [])
            i = pairs.get(j)
            ps = unite(pred["statements"][i]["stances"]) if i is not None else {}
            content = " … ".join(c["text"] for c in g["content"])[:90]
            tally.add(f"{path.stem[:24]} {g['id']} {content!r}", text, ps, gs, tokens)
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


def format_figures(name: str, f: dict[str, Any]) -> str:
    """The figures as a few lines of text."""
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


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score stance, topics and conditions against gold.")
    parser.add_argument(
        "--split",
        choices=("dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9", "test"),
        default="dev",
        help="stance gold split to score",
    )
    parser.add_argument(
        "--sample", action="store_true", help="score the sample corpus (examples/gold) instead"
    )
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="print the first N disagreements")
    parser.add_argument("--json", action="store_true", help="print machine-readable results")
    args = parser.parse_args(argv)

    import stanceline

    nlp = stanceline.pipeline()
    if args.sample:
        tally, name = score_sample(EXAMPLES, nlp), "sample corpus (examples/gold)"
    else:
        path = STANCE_DIR / f"{args.split}.jsonl"
        if not path.is_file():
            print(f"error: {path} does not exist: write the stance gold first.", file=sys.stderr)
            return 1
        tally, name = score_split(path, nlp), f"stance gold, {args.split} split ({path.name})"
    figures = tally.figures()
    if args.json:
        print(json.dumps({"name": name, **figures, "targets": TARGETS}, indent=2))
    else:
        print(format_figures(name, figures))
        print("  targets (test split): " + ", ".join(f"{k} >= {v}" for k, v in TARGETS.items()))
    for line in tally.errors[: args.errors]:
        print("  ! " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
