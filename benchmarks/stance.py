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

The scoring is :mod:`stanceline.evaluate.stance`; this script runs the
pipeline and prints.

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
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from stanceline.evaluate import (
    STANCE_TARGETS,
    StanceTally,
    format_stance,
    read_sample_gold,
    read_stance_gold,
    score_stance_items,
    score_stance_sample,
)

ROOT = Path(__file__).resolve().parents[1]
STANCE_DIR = ROOT / "examples" / "stance"
EXAMPLES = ROOT / "examples"


def score_split(path: Path, nlp: Any) -> StanceTally:
    """Analyse every item of a stance gold file (JSONL) and score it."""
    import stanceline

    items = read_stance_gold(path)
    return score_stance_items(items, (stanceline.analyze(item["text"], nlp=nlp) for _, item in items))


def score_sample(examples: Path, nlp: Any) -> StanceTally:
    """Analyse the sample corpus, one article at a time, and score its stances."""
    import stanceline

    golds = read_sample_gold(examples)
    return score_stance_sample((g, next(stanceline.analyze_articles([g.article], nlp=nlp))) for g in golds)


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
        print(json.dumps({"name": name, **figures, "targets": STANCE_TARGETS}, indent=2))
    else:
        print(format_stance(name, figures))
        print("  targets (test split): " + ", ".join(f"{k} >= {v}" for k, v in STANCE_TARGETS.items()))
    for line in tally.errors[: args.errors]:
        print("  ! " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
