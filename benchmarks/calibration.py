"""Is a stance's confidence calibrated? Accuracy per confidence band, and precision per verdict rule.

Usage::

    .venv/bin/python benchmarks/calibration.py [--splits dev,dev2,...] [--realnews DIR] [--json]

Each stance the pipeline gives on a topic the gold also has is one reading: right when its label is the
gold one. Readings on topics the gold does not have are topic errors, not stance errors, and are left
out. Sources: the stance dev splits (``examples/stance/dev*.jsonl``; never ``test``), each statement's
stance on its own (not united per item), and the real-news dev set (``../shared/data/realnews/dev``; a
gold line is matched to the predicted statements whose content covers at least half of its quote, as
:mod:`stanceline.evaluate.realnews` matches them).

Printed: per source, accuracy in the bands < 0.5, 0.5–0.7, 0.7–0.85, ≥ 0.85; then per rule its readings
and precision over the dev splits (the figures behind ``RULE_PRECISION`` in
``src/stanceline/nlp/stance/calibration.py``).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
STANCE_DIR = ROOT / "examples" / "stance"
REALNEWS = ROOT.parent / "shared" / "data" / "realnews" / "dev"
SPLITS = ("dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9")
BANDS = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.85), (0.85, 1.01))

Reading = tuple[str, float, bool]  # rule, confidence, right


def split_readings(path: Path, nlp: Any) -> list[Reading]:
    import stanceline
    from stanceline.evaluate.stance import gold_item_stances, read_stance_gold

    out = []
    for _, item in read_stance_gold(path):
        gold = gold_item_stances(item)
        analysis = stanceline.analyze(item["text"], nlp=nlp)
        for st in analysis.statements:
            for s in st.stances:
                if s.topic in gold:
                    out.append((s.rule or "?", s.confidence, s.stance == gold[s.topic]["stance"]))
    return out


def realnews_readings(corpus: Path, nlp: Any) -> list[Reading]:
    import stanceline
    from stanceline.io.readers import read_inputs

    articles = {}
    for res in read_inputs([str(corpus / "articles.jsonl")]):
        if res.error is None:
            articles[res.article.id] = res.article
    by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    with open(corpus / "gold.jsonl", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                g = json.loads(line)
                if g.get("topic") and g.get("stance"):
                    by_article[g["article"]].append(g)
    out = []
    for aid, golds in by_article.items():
        art = articles.get(aid)
        if art is None:
            continue
        analysis = next(stanceline.analyze_articles([art], nlp=nlp))
        text = art.text
        for g in golds:
            at = text.find(g["quote"])
            if at < 0:
                continue
            lo, hi = at, at + len(g["quote"])
            for st in analysis.statements:
                covered = sum(max(0, min(hi, c.end) - max(lo, c.start)) for c in st.content)
                if covered * 2 < hi - lo:
                    continue
                for s in st.stances:
                    if s.topic == g["topic"]:
                        out.append((s.rule or "?", s.confidence, s.stance == g["stance"]))
    return out


def bands(readings: Iterable[Reading]) -> list[dict[str, Any]]:
    rows = []
    readings = list(readings)
    for lo, hi in BANDS:
        got = [r for r in readings if lo <= r[1] < hi]
        right = sum(r[2] for r in got)
        rows.append(
            {
                "band": f"{lo:.2f}-{min(hi, 1.0):.2f}",
                "n": len(got),
                "accuracy": round(right / len(got), 3) if got else None,
            }
        )
    return rows


def per_rule(readings: Iterable[Reading]) -> dict[str, dict[str, Any]]:
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    conf: dict[str, float] = {}
    for rule, c, right in readings:
        tally[rule][0] += 1
        tally[rule][1] += right
        conf[rule] = c
    return {
        r: {"n": n, "right": k, "precision": round(k / n, 3), "confidence": conf[r]}
        for r, (n, k) in sorted(tally.items(), key=lambda kv: -kv[1][0])
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Reliability of stance confidence.")
    parser.add_argument("--splits", default=",".join(SPLITS), help="comma-separated dev splits (never test)")
    parser.add_argument("--realnews", default=str(REALNEWS), help="real-news dev directory ('' to skip)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    splits = [s for s in args.splits.split(",") if s]
    if "test" in splits:
        print("error: calibration never reads the test split", file=sys.stderr)
        return 2

    import stanceline

    nlp = stanceline.pipeline()
    dev: list[Reading] = []
    for s in splits:
        dev += split_readings(STANCE_DIR / f"{s}.jsonl", nlp)
    sources = {"stance dev splits": dev}
    if args.realnews and Path(args.realnews).is_dir():
        sources["realnews dev"] = realnews_readings(Path(args.realnews), nlp)
    result = {
        "bands": {name: bands(rs) for name, rs in sources.items()},
        "rules": {name: per_rule(rs) for name, rs in sources.items()},
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    for name, rows in result["bands"].items():
        total = len(sources[name])
        right = sum(r[2] for r in sources[name])
        print(f"{name}: {total} readings, accuracy {right / total if total else 0:.3f}")
        for row in rows:
            acc = "-" if row["accuracy"] is None else f"{row['accuracy']:.3f}"
            print(f"  confidence {row['band']:10} {row['n']:5}  accuracy {acc}")
    for name, rules in result["rules"].items():
        print(f"per rule, {name}:")
        for rule, f in rules.items():
            print(f"  {rule:28} n={f['n']:4} precision {f['precision']:.3f}  (confidence {f['confidence']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
