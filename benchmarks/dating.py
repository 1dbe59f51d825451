"""``said_on`` accuracy on the project's sample corpus (``examples/gold/*.json``).

Usage::

    .venv/bin/python benchmarks/dating.py [--examples DIR] [--errors] [--json]

Each article is analysed with the gold publication date given. Predicted and gold
statements are paired as in :func:`stanceline.evaluate.score_sample` (content token
Dice >= 0.5, best pair first); a pair is right when ``said_on`` agrees on value
and granularity. Accuracy is over the gold statements (an unmatched one counts as
wrong), and also shown over matched pairs only. The scoring is
:mod:`stanceline.evaluate.dating`; this script runs the pipeline and prints.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from stanceline.evaluate import DATING_TARGET, read_sample_gold, score_dating

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def score(examples: Path = EXAMPLES, *, errors: list[str] | None = None) -> dict[str, Any]:
    """Analyse the sample corpus with the gold publication dates and score ``said_on``
    (:func:`stanceline.evaluate.score_dating`)."""
    import stanceline

    nlp = stanceline.pipeline()
    golds = read_sample_gold(examples)
    analyses = stanceline.analyze_articles([g.article for g in golds], nlp=nlp)
    return score_dating(zip(golds, analyses, strict=True), errors=errors)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="said_on accuracy on the sample corpus gold.")
    parser.add_argument("--examples", type=Path, default=EXAMPLES, help="folder with gold/ and articles/")
    parser.add_argument("--errors", action="store_true", help="list the wrong statements")
    parser.add_argument("--json", action="store_true", help="print machine-readable results")
    args = parser.parse_args(argv)
    errors: list[str] = []
    result = score(args.examples, errors=errors)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(
        f"said_on accuracy (value and granularity): {result['accuracy'] * 100:.1f}% "
        f"({result['correct']}/{result['gold']} gold statements; target {DATING_TARGET * 100:.0f}%)"
    )
    print(f"over matched statements: {result['matched_accuracy'] * 100:.1f}% ({result['matched']} matched)")
    for basis, (ok, n) in result["by_basis"].items():
        print(f"  gold {basis:12} {ok:4}/{n:<4}")
    if args.errors:
        print("\n".join(errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
