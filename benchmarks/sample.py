"""stanceline against the project's own gold: ``examples/gold/*.json``.

Usage::

    .venv/bin/python benchmarks/sample.py [--examples DIR] [--json]

Each gold file names its article (``article.path``, relative to the examples
folder, e.g. ``articles/01.txt``). The articles are analysed with the full
pipeline and scored with :func:`stanceline.evaluate.score_sample`.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from stanceline.evaluate import format_sample, read_sample_gold, score_sample

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score stanceline on the sample corpus gold.")
    parser.add_argument("--examples", type=Path, default=EXAMPLES, help="folder with gold/ and articles/")
    parser.add_argument("--json", action="store_true", help="print machine-readable results")
    parser.add_argument(
        "--attribution", default="auto", help="attribution mode: rules, learned, hybrid or auto (default)"
    )
    args = parser.parse_args(argv)

    import stanceline

    try:
        golds = read_sample_gold(args.examples)
    except FileNotFoundError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    nlp = stanceline.pipeline(attribution=args.attribution)
    analyses = stanceline.analyze_articles((g.article for g in golds), nlp=nlp)
    scores = score_sample(zip(analyses, (g.gold for g in golds), strict=True))
    if args.json:
        print(json.dumps(dataclasses.asdict(scores), indent=2))
    else:
        print(f"sample corpus: {args.examples.resolve()}")
        print(format_sample(scores))
    return 0


if __name__ == "__main__":
    sys.exit(main())
