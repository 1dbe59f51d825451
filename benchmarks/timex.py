"""Temporal expressions on TempEval-3 (TimeBank + AQUAINT): TE3 Task A figures.

Usage::

    .venv/bin/python benchmarks/timex.py [DIR] [--errors N] [--json]

DIR holds ``.tml`` files, searched recursively (default: ``../shared/data/tempeval3``,
the TBAQ-cleaned training data). For each document the text is the ``TEXT``
element with its tags stripped, and the publication date is the creation time
(``functionInDocument="CREATION_TIME"``). The corpus is read in place, never copied.

Figures (UzZaman et al. 2013): strict extent P/R/F1 (same offsets), relaxed
extent P/R/F1 (overlap, one-to-one), value accuracy over relaxed matches, and
value F1 = relaxed F1 x value accuracy.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DIR = Path(__file__).resolve().parents[1] / "../shared/data/tempeval3"

# Published on the TE3 platinum test set (value F1, relaxed extent F1), in %.
PUBLISHED = {"HeidelTime": (77.61, 90.30), "SUTime": (67.38, None), "ClearTK": (64.66, None)}
TARGET_VALUE_F1 = 0.75

_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    type: str
    value: str


def read_tml(path: Path) -> tuple[str, dt.date | None, list[GoldTimex]]:
    """The stripped TEXT, the creation date and the gold TIMEX3s of one ``.tml`` file."""
    raw = path.read_text(encoding="utf-8")
    dct = None
    for m in re.finditer(r"<TIMEX3([^>]*)>", raw):
        attrs = dict(_ATTR.findall(m.group(1)))
        if attrs.get("functionInDocument") == "CREATION_TIME":
            dct = dt.date.fromisoformat(attrs["value"][:10])
            break
    body = raw[raw.index("<TEXT>") + len("<TEXT>") : raw.index("</TEXT>")]
    out: list[str] = []
    length = 0
    gold: list[GoldTimex] = []
    open_at: dict[str, str] | None = None
    start = 0
    pos = 0
    for m in _TAG.finditer(body):
        piece = html.unescape(body[pos : m.start()])
        out.append(piece)
        length += len(piece)
        pos = m.end()
        if m.group(2) == "TIMEX3":
            if m.group(1) == "":
                open_at, start = dict(_ATTR.findall(m.group(3))), length
            elif open_at is not None:
                gold.append(GoldTimex(start, length, open_at.get("type", ""), open_at.get("value", "")))
                open_at = None
    out.append(html.unescape(body[pos:]))
    return "".join(out), dct, gold


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="TempEval-3 Task A: timex extent and value.")
    parser.add_argument("dir", nargs="?", type=Path, default=DEFAULT_DIR, help="folder of .tml files")
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="print N errors of each kind")
    parser.add_argument("--json", action="store_true", help="print machine-readable results")
    args = parser.parse_args(argv)
    files = sorted(args.dir.rglob("*.tml"))
    if not files:
        print(f"No .tml files under {args.dir.resolve()}: point DIR at the TempEval-3 data.", file=sys.stderr)
        return 2

    import stanceline
    from stanceline.nlp.temporal import find_timexes

    nlp = stanceline.pipeline()
    docs = [read_tml(f) for f in files]
    started = time.perf_counter()
    strict = relaxed = value_ok = n_pred = n_gold = 0
    misses: list[str] = []
    spurious: list[str] = []
    wrong: list[str] = []
    names = [
        n
        for n in nlp.pipe_names
        if n
        in ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner", "stanceline_paragraphs")
    ]
    with nlp.select_pipes(enable=names):
        parsed = nlp.pipe((t for t, _, _ in docs), batch_size=16)
        for (text, dct, gold), doc, path in zip(docs, parsed, files, strict=True):
            pred = find_timexes(doc, dct)
            n_pred += len(pred)
            n_gold += len(gold)
            gspans = [_strip(text, g.start, g.end) for g in gold]
            used: set[int] = set()
            for p in pred:
                best = None
                for j, (gs, ge) in enumerate(gspans):
                    if j in used or ge <= p.start or gs >= p.end:
                        continue
                    if (gs, ge) == (p.start, p.end):
                        best = j
                        break
                    best = j if best is None else best
                if best is None:
                    spurious.append(f"{path.name}: {p.text!r} {p.value}")
                    continue
                used.add(best)
                relaxed += 1
                g = gold[best]
                strict += gspans[best] == (p.start, p.end)
                if (p.value or "") == g.value:
                    value_ok += 1
                else:
                    wrong.append(
                        f"{path.name} [{dct}]: {p.text!r} -> {p.value}, gold {text[g.start : g.end]!r} "
                        f"{g.value}"
                    )
            for j, g in enumerate(gold):
                if j not in used:
                    misses.append(f"{path.name}: {text[g.start : g.end]!r} {g.type} {g.value}")
    seconds = time.perf_counter() - started

    def prf(hit: int) -> tuple[float, float, float]:
        p = hit / n_pred if n_pred else 0.0
        r = hit / n_gold if n_gold else 0.0
        return p, r, 2 * p * r / (p + r) if p + r else 0.0

    sp, rp = prf(strict), prf(relaxed)
    accuracy = value_ok / relaxed if relaxed else 0.0
    value_f1 = rp[2] * accuracy
    result = {
        "documents": len(files),
        "gold": n_gold,
        "predicted": n_pred,
        "strict": dict(zip("prf", sp, strict=True)),
        "relaxed": dict(zip("prf", rp, strict=True)),
        "value_accuracy": accuracy,
        "value_f1": value_f1,
        "seconds": seconds,
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(
            f"TempEval-3 Task A on {len(files)} documents in {args.dir.resolve()} "
            f"({n_gold} gold, {n_pred} predicted, {seconds:.1f}s)"
        )
        print(f"{'':16} {'P':>6} {'R':>6} {'F1':>6}")
        print(f"{'strict extent':16} {sp[0] * 100:6.2f} {sp[1] * 100:6.2f} {sp[2] * 100:6.2f}")
        print(f"{'relaxed extent':16} {rp[0] * 100:6.2f} {rp[1] * 100:6.2f} {rp[2] * 100:6.2f}")
        print(f"value accuracy   {accuracy * 100:6.2f}  (over {relaxed} relaxed matches)")
        print(f"value F1         {value_f1 * 100:6.2f}  (target {TARGET_VALUE_F1 * 100:.0f})")
        print(
            "published (TE3 platinum test): "
            + ", ".join(
                f"{k} {v:.2f}" + (f" (relaxed F1 {r:.2f})" if r else "") for k, (v, r) in PUBLISHED.items()
            )
        )
        for title, rows in (("missed", misses), ("spurious", spurious), ("wrong value", wrong)):
            if args.errors and rows:
                print(f"-- {title} ({len(rows)})")
                print("\n".join(rows[: args.errors]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
