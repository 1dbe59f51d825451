"""stanceline against the project's own gold: ``examples/gold/*.json``.

Usage::

    .venv/bin/python benchmarks/sample.py [--examples DIR] [--json] [--events [N]]

Each gold file names its article (``article.path``, relative to the examples
folder, e.g. ``articles/01.txt``). The articles are analysed with the full
pipeline and scored with :func:`stanceline.evaluate.score_sample`. ``--events`` scores the events too, over
the gold files that list ``events`` (:func:`stanceline.evaluate.events.score_sample_events`: F1 of type +
source, and ``happened_on``), listing the first N gold events missed.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from stanceline.evaluate import format_sample, read_sample_gold, score_sample
from stanceline.evaluate.events import format_sample_events, score_sample_events

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score stanceline on the sample corpus gold.")
    parser.add_argument("--examples", type=Path, default=EXAMPLES, help="folder with gold/ and articles/")
    parser.add_argument("--json", action="store_true", help="print machine-readable results")
    parser.add_argument(
        "--events", nargs="?", type=int, const=0, default=None, help="score events too (N: list N misses)"
    )
    parser.add_argument(
        "--attribution",
        default="auto",
        help="attribution mode: rules, learned, hybrid, encoder, encoder-hybrid or auto (default)",
    )
    args = parser.parse_args(argv)

    import stanceline

    try:
        golds = read_sample_gold(args.examples)
    except FileNotFoundError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    nlp = stanceline.pipeline(attribution=args.attribution)
    analyses = list(stanceline.analyze_articles((g.article for g in golds), nlp=nlp))
    scores = score_sample(zip(analyses, (g.gold for g in golds), strict=True))
    events = None
    if args.events is not None:
        with_events = [
            (a.to_dict(), g.gold, g.article.text)
            for a, g in zip(analyses, golds, strict=True)
            if "events" in g.gold
        ]
        events = score_sample_events(with_events)
    if args.json:
        out = dataclasses.asdict(scores)
        if events is not None:
            out["events"] = {
                "f1": events.prf.f1,
                "happened_on": events.happened_on,
                **dataclasses.asdict(events),
            }
        print(json.dumps(out, indent=2))
    else:
        print(f"sample corpus: {args.examples.resolve()}")
        print(format_sample(scores))
        if events is not None:
            print(f"events over {sum('events' in g.gold for g in golds)} articles with gold events:")
            print(format_sample_events(events, misses=args.events or 0))
    return 0


if __name__ == "__main__":
    sys.exit(main())
