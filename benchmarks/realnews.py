"""stanceline on real news: statements, speakers, dates, stances and shifts against hand annotation.

Usage::

    .venv/bin/python benchmarks/realnews.py [DIR] [--errors N] [--json]

``DIR`` holds ``articles.jsonl`` (a stanceline JSONL corpus), ``gold.jsonl`` and
``shifts.json`` (default ``../shared/data/realnews/dev``; see its README). The
articles are read as ``stanceline analyze`` reads them and analysed with the full
pipeline; for the shifts the corpus is ingested into a fresh temporary SQLite
database and its ``export --what shifts --format jsonl`` is read back. Scoring is
:func:`stanceline.evaluate.realnews.score_realnews`. ``--errors N`` lists the first
N gold lines of each kind of miss (not found, wrong speaker, wrong date, wrong
stance) with what was predicted.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import io
import json
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from stanceline.evaluate.realnews import RealnewsScores, StatementResult, format_realnews, score_realnews

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DIR = REPO.parent / "shared" / "data" / "realnews" / "dev"


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def analyse(corpus: Path) -> dict[str, tuple[str, dict[str, Any]]]:
    """Analyse the corpus as ``stanceline analyze`` reads it: article id to ``(text, contract dict)``."""
    import stanceline
    from stanceline.io.readers import read_inputs

    articles = []
    for res in read_inputs([str(corpus)]):
        if res.error is not None:
            raise res.error
        articles.append(res.article)
    ids = [str(obj.get("id")) for obj in read_jsonl(corpus)]
    if len(ids) != len(articles):
        raise ValueError(f"{corpus}: {len(ids)} lines but {len(articles)} articles read")
    out = {}
    for art_id, analysis in zip(
        ids, stanceline.analyze_articles(articles, nlp=stanceline.pipeline()), strict=True
    ):
        out[art_id] = (analysis.article.text, analysis.to_dict())
    return out


def exported_shifts(corpus: Path) -> list[dict[str, Any]]:
    """Ingest the corpus into a fresh database and read ``export --what shifts --format jsonl``."""
    from stanceline.export import export
    from stanceline.ingest import ingest
    from stanceline.store import Store

    with tempfile.TemporaryDirectory(prefix="realnews-") as tmp:
        store = Store(str(Path(tmp) / "realnews.db"), create=True)
        try:
            counts = ingest([str(corpus)], store, workers=1, command=f"ingest {corpus}")
            if counts.failed:
                raise RuntimeError(f"ingest of {corpus}: {counts.failed} article(s) failed")
            out = io.StringIO()
            export(store, "shifts", "jsonl", out=out)
        finally:
            store.close()
    return [json.loads(line) for line in out.getvalue().splitlines() if line.strip()]


def _cut(text: str | None, width: int = 90) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def errors(scores: RealnewsScores, n: int) -> dict[str, list[dict[str, Any]]]:
    """The first ``n`` gold lines of each kind of miss, with what was predicted."""

    def row(r: StatementResult, **more: Any) -> dict[str, Any]:
        return {"article": r.article, "line": r.line, "speaker": r.speaker, "quote": r.quote, **more}

    found = [r for r in scores.statements if r.found]
    return {
        "not_found": [
            row(
                r,
                coverage=round(r.coverage, 2),
                best_statement=r.statement,
                quote_in_text=r.quote_span is not None,
            )
            for r in scores.statements
            if not r.found
        ][:n],
        "speaker": [row(r, predicted=r.predicted_speaker) for r in found if not r.speaker_ok][:n],
        "said_on": [
            row(
                r,
                said_on=r.said_on,
                basis=r.said_on_basis,
                predicted=r.predicted_said_on,
                predicted_basis=r.predicted_basis,
            )
            for r in found
            if not r.said_on_ok
        ][:n],
        "stance": [
            row(r, topic=r.topic, stance=r.stance, predicted=list(r.predicted_stances))
            for r in found
            if r.topic and r.stance and not r.stance_ok
        ][:n],
    }


def print_errors(listing: dict[str, list[dict[str, Any]]]) -> None:
    titles = {
        "not_found": "not found",
        "speaker": "wrong speaker",
        "said_on": "wrong date",
        "stance": "wrong stance",
    }
    for kind, rows in listing.items():
        print(f"\n{titles[kind]} (first {len(rows)}):")
        for e in rows:
            head = f'  {e["article"]}:{e["line"]} {e["speaker"]}: "{_cut(e["quote"], 70)}"'
            if kind == "not_found":
                where = "quote not in text" if not e["quote_in_text"] else f"best covers {e['coverage']:.0%}"
                print(f"{head}\n      {where} ({e['best_statement'] or 'no statement'})")
            elif kind == "speaker":
                print(f"{head}\n      predicted {e['predicted']!r}")
            elif kind == "said_on":
                print(
                    f"{head}\n      gold {e['said_on']} ({e['basis']}), "
                    f"predicted {e['predicted']} ({e['predicted_basis']})"
                )
            else:
                print(f"{head}\n      {e['topic']}: gold {e['stance']}, predicted {e['predicted'] or 'none'}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score stanceline on the real-news gold.")
    parser.add_argument("dir", nargs="?", type=Path, default=DEFAULT_DIR, help="folder with the three files")
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="list N misses of each kind")
    parser.add_argument("--json", action="store_true", help="print machine-readable results")
    args = parser.parse_args(argv)

    corpus, gold_path, shifts_path = (args.dir / f for f in ("articles.jsonl", "gold.jsonl", "shifts.json"))
    missing = [str(p) for p in (corpus, gold_path, shifts_path) if not p.is_file()]
    if missing:
        print(f"error: not found: {', '.join(missing)} (the data lives in ../shared/data)", file=sys.stderr)
        return 1
    gold = read_jsonl(gold_path)
    with open(shifts_path, encoding="utf-8") as f:
        gold_shifts = json.load(f)
    documents = analyse(corpus)
    predicted_shifts = exported_shifts(corpus)
    scores = score_realnews(documents, gold, predicted_shifts=predicted_shifts, gold_shifts=gold_shifts)
    today = dt.date.today().isoformat()
    if args.json:
        out = dataclasses.asdict(scores)
        del out["statements"]  # per-line judgements: in "errors" on request
        out = {"date": today, "dir": str(args.dir.resolve()), **out}
        if args.errors:
            out["errors"] = errors(scores, args.errors)
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0
    print(f"realnews: {args.dir.resolve()}  ({today})")
    print(format_realnews(scores))
    if scores.shifts is not None and args.errors:
        s = scores.shifts
        print("\nshifts predicted: " + ("; ".join(s.predicted_shifts) or "none"))
        print("gold shifts missed: " + ("; ".join(s.missed) or "none"))
        print("false alarms: " + ("; ".join(s.alarms) or "none"))
    if args.errors:
        print_errors(errors(scores, args.errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
