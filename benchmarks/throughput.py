"""Throughput of the full stanceline path against bare spaCy on the same texts.

Usage::

    .venv/bin/python benchmarks/throughput.py [--n WORDS] [--json] [--clock wall|cpu]

Texts: the project's ``examples/articles/*.txt`` repeated to about ``--n`` words
(default 100,000); PolNeAR dev texts if the examples are absent. Each system runs
twice, interleaved, and its best run counts. The target is a ratio
stanceline / spaCy of at least 0.8. ``--clock cpu`` times with this process's CPU seconds
(``time.process_time``) in place of wall seconds: on a machine shared with other jobs the wall-clock ratio
says little.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from itertools import cycle
from pathlib import Path
from typing import Any

from stanceline.evaluate import read_text

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"
POLNEAR = ROOT / "../shared/data/polnear/dev/text"
TARGET_RATIO = 0.8


def corpus(words: int) -> tuple[list[str], str]:
    """Texts cycled until they hold at least ``words`` words.

    Returns:
        The texts and a description of where they came from.

    Raises:
        FileNotFoundError: if neither the examples nor PolNeAR are there.
    """
    for folder in (EXAMPLES, POLNEAR):
        files = sorted(folder.glob("*.txt"))
        if files:
            break
    else:
        raise FileNotFoundError(f"No texts in {EXAMPLES} or {POLNEAR.resolve()}: add example articles first.")
    texts, total = [], 0
    for text in cycle(read_text(f) for f in files):
        if total >= words:
            break
        texts.append(text)
        total += len(text.split())
    return texts, f"{len(files)} files from {folder.resolve()}, cycled to {len(texts)} texts"


def _timed(run: Callable[[], Any], clock: Callable[[], float] = time.perf_counter) -> float:
    start = clock()
    run()
    return clock() - start


def component_seconds(nlp: Any, texts: Sequence[str]) -> dict[str, float]:
    """Seconds per pipeline step (tokenizer, then each component) over ``texts``."""
    out = {}
    start = time.perf_counter()
    docs = [nlp.make_doc(t) for t in texts]
    out["tokenizer"] = time.perf_counter() - start
    for name, proc in nlp.pipeline:
        start = time.perf_counter()
        docs = list(proc.pipe(docs)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
        out[name] = time.perf_counter() - start
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Words per second: stanceline against bare spaCy.")
    parser.add_argument(
        "--n", type=int, default=100_000, metavar="WORDS", help="about how many words to process"
    )
    parser.add_argument("--json", action="store_true", help="print machine-readable results")
    parser.add_argument(
        "--clock",
        choices=("wall", "cpu"),
        default="wall",
        help="wall seconds (default; a quiet machine) or this process's CPU seconds (a shared one)",
    )
    parser.add_argument(
        "--attribution",
        default="auto",
        help="attribution mode: rules, learned, hybrid, encoder, encoder-hybrid or auto (default)",
    )
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("--n must be at least 1")

    import spacy

    import stanceline
    from stanceline.model import Article

    try:
        texts, origin = corpus(args.n)
    except FileNotFoundError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    words = sum(len(t.split()) for t in texts)
    nlp = stanceline.pipeline(attribution=args.attribution)
    model = f"{nlp.meta['lang']}_{nlp.meta['name']}"
    bare = spacy.load(model)

    batch = 16  # the same batch size on both sides: analyze_articles' default

    def ours() -> None:
        for _ in stanceline.analyze_articles((Article(text=t) for t in texts), nlp=nlp, batch_size=batch):
            pass

    def theirs() -> None:
        for _ in bare.pipe(texts, batch_size=batch):
            pass

    # Warm up both (lazy loading, first-call caches) on one text before timing.
    list(stanceline.analyze_articles([Article(text=texts[0])], nlp=nlp))
    list(bare.pipe(texts[:1]))
    runs: dict[str, list[float]] = {"stanceline": [], "spacy": []}
    # Three rounds, alternating which goes first, so neither always runs on a cold or warm machine.
    for round_ in range(3):
        order = (("stanceline", ours), ("spacy", theirs))
        for name, run in order if round_ % 2 == 0 else order[::-1]:
            runs[name].append(_timed(run, time.process_time if args.clock == "cpu" else time.perf_counter))
    wps = {k: words / min(v) for k, v in runs.items()}
    ratio = wps["stanceline"] / wps["spacy"]
    steps = component_seconds(nlp, texts)
    added = [name for name in nlp.pipe_names if name not in bare.pipe_names]

    if args.json:
        print(
            json.dumps(
                {
                    "texts": len(texts),
                    "words": words,
                    "origin": origin,
                    "model": model,
                    "clock": args.clock,
                    "seconds": runs,
                    "words_per_second": wps,
                    "ratio": ratio,
                    "target": TARGET_RATIO,
                    "component_seconds": steps,
                    "stanceline_components": added,
                },
                indent=2,
            )
        )
        return 0
    print(f"{words} words in {len(texts)} texts ({origin}); model {model}; {args.clock} clock")
    for name, secs in runs.items():
        print(f"  {name:10} {wps[name]:10,.0f} words/s  (runs: {', '.join(f'{s:.2f}s' for s in secs)})")
    verdict = "meets" if ratio >= TARGET_RATIO else "BELOW"
    print(f"  ratio stanceline / spacy = {ratio:.2f} ({verdict} the {TARGET_RATIO} target)")
    total = sum(steps.values())
    print("\nper pipeline step (one pass, nlp.pipe outside analyze_articles):")
    for name, secs in steps.items():
        mark = " *" if name in added else ""
        print(f"  {name:24} {secs:7.2f}s {100 * secs / total:5.1f}%{mark}")
    print("  (* = stanceline component; analyze_articles time beyond the steps is record building and I/O)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
