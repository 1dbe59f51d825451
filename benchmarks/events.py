"""stanceline's event coding against the PLOVER gold records (``PLOVER_GSR_dev.json``).

Usage::

    .venv/bin/python benchmarks/events.py [PATH] [--errors N] [--json]

``PATH`` defaults to ``../shared/data/plover/PLOVER_GSR_dev.json`` (222 sentences coded in PLOVER v0.5b1;
the DOCUMENT record is skipped). Old labels map to PLOVER 2.0: DEMAND→REQUEST, DISAPPROVE→ACCUSE,
INVESTIGATE→ACCUSE, FIGHT→ASSAULT. Each sentence is analysed alone with the full pipeline and scored by
:func:`stanceline.evaluate.events.score_plover`: the sentence's main event (the one highest in the parse,
then the surest) against the gold type (no event is wrong); its source and target against the gold actors
(text overlap, or the same country code); macro-F1 over the types; and a confusion summary.

No PETRARCH-style baseline is printed: neither PETRARCH nor PETRARCH2 is on the package index this
project installs from, and PETRARCH2 targets Python 2.7.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from stanceline.evaluate.events import format_plover, read_plover, score_plover

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / "../shared/data/plover/PLOVER_GSR_dev.json"
BASELINE_NOTE = "PETRARCH baseline: not run (no PETRARCH or PETRARCH2 package for Python 3.11 on the index)"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score stanceline's events on PLOVER gold records.")
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT, help="PLOVER_GSR_*.json")
    parser.add_argument("--errors", type=int, default=0, help="list the first N wrong sentences")
    parser.add_argument("--json", action="store_true", help="print machine-readable results")
    args = parser.parse_args(argv)
    if not args.path.is_file():
        print(f"error: {args.path} not found (see ../shared/data/README.md)", file=sys.stderr)
        return 1

    import stanceline
    from stanceline.analysis import event_dicts

    records = read_plover(args.path)
    nlp = stanceline.pipeline()
    coded = []
    for doc in nlp.pipe(r.text for r in records):
        events = event_dicts(doc._.events or [], doc.text, {}, None)
        for event, draft in zip(events, doc._.events or [], strict=True):
            event["_depth"] = draft.depth  # the main event of a sentence is the highest in its parse
        coded.append({"events": events})
    scores = score_plover(zip(records, coded, strict=True))
    if args.json:
        print(json.dumps(dataclasses.asdict(scores), indent=2))
        return 0
    print(f"PLOVER gold: {args.path.resolve()}")
    print(format_plover(scores, errors=args.errors))
    print(BASELINE_NOTE)
    return 0


if __name__ == "__main__":
    sys.exit(main())
