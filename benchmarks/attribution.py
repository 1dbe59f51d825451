"""Attribution extraction on PolNeAR: stanceline against textacy's direct quotations.

Usage::

    .venv/bin/python benchmarks/attribution.py [DIR] [--limit N] [--errors N] [--json]
        [--modes rules,learned,hybrid]

DIR holds ``text/NAME.txt`` and ``attributions/NAME_ANNOTATOR.ann`` (default: the
PolNeAR dev split in ``../shared/data/polnear/dev``). Both systems read the same
texts with the same spaCy model and are scored with :mod:`stanceline.evaluate`.
``--modes`` runs stanceline once per attribution mode (``rules``: the cue lists
and quotation marks; ``learned``: the trained tagger; ``hybrid``: both), each a
column of the table; the first mode is the one compared with textacy.
The corpus is read in place, never copied.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from stanceline.evaluate import (
    AttributionScores,
    Relation,
    format_table,
    load_brat,
    match_relations,
    read_text,
    relations_from_analysis,
    score_corpus,
)

DEFAULT_DIR = Path(__file__).resolve().parents[1] / "../shared/data/polnear/dev"

# Exact-match F1 (%) on the PolNeAR *test* split, as published (CofeNet, COLING 2022).
PUBLISHED = {
    "CoreNLP": (13.9, None, 17.5),
    "rule baseline": (10.7, 22.8, 5.6),
    "BERT-CRF": (82.2, 74.9, 71.0),
    "BERT+CofeNet": (83.2, 75.3, 72.9),
}


@dataclass(frozen=True, slots=True)
class Document:
    """One PolNeAR article: its name, text and gold relations (one annotator's)."""

    name: str
    text: str
    gold: list[Relation]


def load_polnear(directory: Path, *, limit: int | None = None) -> list[Document]:
    """Read the articles of one PolNeAR split that have an annotation file.

    Args:
        directory: The split's folder, with ``text/`` and ``attributions/``.
        limit: Read at most this many articles (in name order).

    Returns:
        The documents; where two annotators' files exist, the first in sorted order is used.

    Raises:
        FileNotFoundError: if ``directory`` has no ``text/`` folder.
    """
    text_dir, ann_dir = directory / "text", directory / "attributions"
    if not text_dir.is_dir():
        raise FileNotFoundError(
            f"No PolNeAR texts in {directory}: expected {text_dir}. Pass the split folder as DIR."
        )
    anns: dict[str, list[Path]] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        anns.setdefault(ann.stem.rsplit("_", 1)[0], []).append(ann)
    docs = []
    for txt in sorted(text_dir.glob("*.txt")):
        if txt.stem in anns:
            docs.append(Document(txt.stem, read_text(txt), load_brat(anns[txt.stem][0], txt)))
        if limit is not None and len(docs) >= limit:
            break
    return docs


def _token_pieces(tokens: Sequence[Any]) -> tuple[tuple[int, int], ...] | None:
    """Character pieces of a token list, adjacent tokens joined into one piece."""
    pieces: list[tuple[int, int]] = []
    last = -2
    for tok in sorted(tokens, key=lambda t: t.i):
        end = tok.idx + len(tok.text)
        if pieces and tok.i == last + 1:
            pieces[-1] = (pieces[-1][0], end)
        else:
            pieces.append((tok.idx, end))
        last = tok.i
    return tuple(pieces) or None


def run_textacy(docs: Sequence[Document], model: str) -> tuple[list[list[Relation]], float, int]:
    """Run ``textacy.extract.triples.direct_quotations`` on docs parsed by ``model``.

    textacy refuses a document with unbalanced quotation marks (``ValueError``);
    such a document counts as one where it found nothing.

    Returns:
        Relations per document, the seconds spent (parsing included), and how
        many documents textacy refused.
    """
    import spacy
    from textacy.extract.triples import direct_quotations

    nlp = spacy.load(model)
    start = time.perf_counter()
    out: list[list[Relation]] = []
    refused = 0
    for doc in nlp.pipe(d.text for d in docs):
        try:
            triples = list(direct_quotations(doc))
        except ValueError:
            triples, refused = [], refused + 1
        out.append(
            [
                Relation(
                    _token_pieces(q.speaker),
                    _token_pieces(q.cue),
                    ((q.content.start_char, q.content.end_char),),
                )
                for q in triples
            ]
        )
    return out, time.perf_counter() - start, refused


def run_stanceline(
    docs: Sequence[Document], attribution: str = "rules"
) -> tuple[list[list[Relation]], float, str, list[str]]:
    """Run the full stanceline path on the docs with one attribution mode.

    A document the pipeline fails on is scored as empty and listed
    (:func:`stanceline.runner.analyse_results` goes on past it).

    Returns:
        Relations per document, the seconds spent, the spaCy model's package
        name, and one ``"NAME: error"`` line per document that failed.
    """
    import stanceline
    from stanceline.io.readers import ReadResult
    from stanceline.model import Article
    from stanceline.runner import analyse_results

    nlp = stanceline.pipeline(attribution=attribution)
    start = time.perf_counter()
    failed: list[str] = []
    out: list[list[Relation]] = []
    reads = (ReadResult(article=Article(text=d.text, path=d.name)) for d in docs)
    for d, outcome in zip(docs, analyse_results(reads, nlp), strict=True):
        if outcome.analysis is None:
            out.append([])
            failed.append(f"{d.name}: {outcome.error}")
        else:
            out.append(relations_from_analysis(outcome.analysis))
    return out, time.perf_counter() - start, f"{nlp.meta['lang']}_{nlp.meta['name']}", failed


def _show(text: str, rel: Relation) -> str:
    def part(pieces: Sequence[tuple[int, int]] | None) -> str:
        return " … ".join(text[s:e] for s, e in pieces or ()) or "-"

    return f"source={part(rel.source)!r} cue={part(rel.cue)!r}\n      content={part(rel.content)[:200]!r}"


def print_errors(docs: Sequence[Document], predicted: Sequence[Sequence[Relation]], n: int) -> None:
    """Print up to ``n`` misses, false positives and boundary errors of one system."""
    misses, false_pos, boundary = [], [], []
    for doc, pred in zip(docs, predicted, strict=True):
        pairs = match_relations(doc.text, pred, doc.gold)
        matched_p, matched_g = {i for i, _ in pairs}, {j for _, j in pairs}
        misses += [(doc, g) for j, g in enumerate(doc.gold) if j not in matched_g]
        false_pos += [(doc, p) for i, p in enumerate(pred) if i not in matched_p]
        boundary += [(doc, pred[i], doc.gold[j]) for i, j in pairs if pred[i] != doc.gold[j]]
    for title, items in (
        ("MISSED (gold, unmatched)", misses),
        ("FALSE POSITIVES (predicted, unmatched)", false_pos),
    ):
        print(f"\n== {title}: {len(items)} ==")
        for doc, rel in items[:n]:
            print(f"  [{doc.name}] {_show(doc.text, rel)}")
    print(f"\n== MATCHED WITH DIFFERENT SPANS: {len(boundary)} ==")
    for doc, p, g in boundary[:n]:
        print(f"  [{doc.name}]\n    ours {_show(doc.text, p)}\n    gold {_show(doc.text, g)}")


def _ratios(ours: AttributionScores, theirs: AttributionScores) -> dict[str, float | None]:
    out = {}
    for role in ("source", "cue", "content"):
        a, b = getattr(ours, role).exact.f1, getattr(theirs, role).exact.f1
        out[role] = a / b if b else None
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score stanceline and textacy on PolNeAR attributions.")
    parser.add_argument("dir", nargs="?", type=Path, default=DEFAULT_DIR, help="PolNeAR split folder")
    parser.add_argument("--limit", type=int, default=None, help="score at most N documents")
    parser.add_argument(
        "--errors", type=int, default=0, metavar="N", help="print N examples of each error kind"
    )
    parser.add_argument("--json", action="store_true", help="print machine-readable results")
    parser.add_argument(
        "--modes",
        default="rules,learned,hybrid",
        help="attribution modes to run, comma-separated (rules, learned, hybrid, encoder, "
        "encoder-hybrid); the first is compared",
    )
    args = parser.parse_args(argv)
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be at least 1")
    if args.json and args.errors:
        parser.error("--errors prints text; leave it out with --json")

    directory = args.dir.resolve()
    try:
        docs = load_polnear(directory, limit=args.limit)
    except FileNotFoundError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    golds = [d.gold for d in docs]
    scores: dict[str, AttributionScores] = {}
    seconds: dict[str, float] = {}
    failed: list[str] = []
    for mode in modes:
        found, secs, model, failures = run_stanceline(docs, mode)
        name = "stanceline" if mode == modes[0] else f"stanceline {mode}"
        scores[name] = score_corpus(zip((d.text for d in docs), found, golds, strict=True))
        seconds[name] = round(secs, 2)
        failed += [f"[{mode}] {line}" for line in failures]
        if mode == modes[0]:
            ours, ours_s = found, secs
    theirs, theirs_s, refused = run_textacy(docs, model)
    scores["textacy"] = score_corpus(zip((d.text for d in docs), theirs, golds, strict=True))
    words = sum(len(d.text.split()) for d in docs)
    meta = {
        "date": dt.date.today().isoformat(),
        "corpus": "PolNeAR",
        "split": directory.name,
        "dir": str(directory),
        "documents": len(docs),
        "words": words,
        "model": model,
        "modes": modes,
        "seconds": {**seconds, "textacy": round(theirs_s, 2)},
        "textacy_refused_documents": refused,
        "stanceline_failed_documents": failed,
    }
    ratios = _ratios(scores["stanceline"], scores["textacy"])

    if args.json:
        print(
            json.dumps(
                {
                    **meta,
                    "scores": {k: dataclasses.asdict(v) for k, v in scores.items()},
                    "ratio_exact_f1": ratios,
                    "published_test_exact_f1": PUBLISHED,
                },
                indent=2,
            )
        )
        return 0
    print(f"PolNeAR {meta['split']} — {len(docs)} docs, {words} words — {meta['date']} — model {model}")
    print(
        f"time: stanceline ({modes[0]}) {ours_s:.1f}s, textacy (parse included) {theirs_s:.1f}s; "
        f"textacy refused {refused} docs (unbalanced quotation marks), scored as empty"
    )
    if failed:
        print(f"stanceline FAILED on {len(failed)} docs, scored as empty:")
        for line in failed:
            print(f"  {line[:200]}")
    print()
    print(format_table(scores))
    print(
        "\nratio stanceline / textacy, exact F1: "
        + ", ".join(
            f"{role} {r:.2f}" if r is not None else f"{role} n/a (textacy 0)" for role, r in ratios.items()
        )
    )
    print("\npublished exact F1 on PolNeAR test (not this split): source / cue / content")
    for name, figures in PUBLISHED.items():
        print(f"  {name:14} " + " / ".join("–" if f is None else f"{f:.1f}" for f in figures))
    if args.errors:
        print_errors(docs, ours, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
