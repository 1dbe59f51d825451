"""``said_on`` accuracy on the project's sample corpus (``examples/gold/*.json``).

Usage::

    .venv/bin/python benchmarks/dating.py [--examples DIR] [--errors] [--json]

Each article is analysed with the gold publication date given. Predicted and gold
statements are paired as in :func:`stanceline.evaluate.score_sample` (content token
Dice >= 0.5, best pair first); a pair is right when ``said_on`` agrees on value
and granularity. Accuracy is over the gold statements (an unmatched one counts as
wrong), and also shown over matched pairs only.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from stanceline.evaluate import STATEMENT_MATCH_F, Relation, Tokens, match_relations, read_text
from stanceline.evaluate.attribution import dice

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
TARGET = 0.90


def _relations(d: dict[str, Any]) -> list[Relation]:
    out = []
    for st in d.get("statements") or []:
        src, cue = st.get("source"), st.get("cue")
        out.append(
            Relation(
                ((src["start"], src["end"]),) if src and src.get("start") is not None else None,
                ((cue["start"], cue["end"]),) if cue else None,
                tuple(sorted((c["start"], c["end"]) for c in st.get("content") or [])),
            )
        )
    return out


def score(examples: Path = EXAMPLES, *, errors: list[str] | None = None) -> dict[str, Any]:
    """Analyse the sample corpus and compare ``said_on`` with the gold.

    Args:
        examples: The folder with ``gold/`` and ``articles/``.
        errors: A list to append one line per wrong or unmatched statement to.

    Returns:
        ``gold``, ``matched``, ``correct``, ``accuracy`` (over gold), ``matched_accuracy``,
        and ``by_basis`` (gold basis -> [correct, total]).
    """
    import stanceline
    from stanceline.model import Article, Published

    nlp = stanceline.pipeline()
    files = sorted((examples / "gold").glob("*.json"))
    if not files:
        raise FileNotFoundError(f"No gold files in {examples / 'gold'}.")
    golds = [json.loads(read_text(f)) for f in files]
    articles = []
    for f, g in zip(files, golds, strict=True):
        text = read_text(examples / (g["article"].get("path") or f"articles/{f.stem}.txt"))
        articles.append(Article(text=text, published=Published(g["article"].get("published"), "given")))
    total = matched = correct = 0
    by_basis: dict[str, Counter[str]] = {}
    for f, g, analysis in zip(files, golds, stanceline.analyze_articles(articles, nlp=nlp), strict=True):
        text = analysis.article.text
        pred = analysis.to_dict()
        p_rel, g_rel = _relations(pred), _relations(g)
        tokens = Tokens(text)
        pairs = {
            j: i
            for i, j in match_relations(text, p_rel, g_rel, tokens=tokens)
            if dice(tokens.of(p_rel[i].content), tokens.of(g_rel[j].content)) >= STATEMENT_MATCH_F
        }
        for j, gs in enumerate(g["statements"]):
            want = gs["said_on"]
            tally = by_basis.setdefault(want["basis"], Counter())
            tally["total"] += 1
            total += 1
            i = pairs.get(j)
            if i is None:
                if errors is not None:
                    errors.append(
                        f"{f.stem} unmatched: {gs['content'][0]['text'][:60]!r} gold {want['value']}"
                    )
                continue
            matched += 1
            got = pred["statements"][i]["said_on"] or {}
            if (got.get("value"), got.get("granularity")) == (want["value"], want["granularity"]):
                correct += 1
                tally["correct"] += 1
            elif errors is not None:
                ev = (got.get("evidence") or {}).get("text")
                gev = (want.get("evidence") or {}).get("text")
                errors.append(
                    f"{f.stem} {gs['cue']['text'] if gs.get('cue') else '-'}: "
                    f"{gs['content'][0]['text'][:50]!r} got {got.get('value')} {got.get('basis')} "
                    f"{ev!r}, gold {want['value']} {want['basis']} {gev!r}"
                )
    return {
        "gold": total,
        "matched": matched,
        "correct": correct,
        "accuracy": correct / total if total else 0.0,
        "matched_accuracy": correct / matched if matched else 0.0,
        "by_basis": {k: [v["correct"], v["total"]] for k, v in sorted(by_basis.items())},
    }


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
        f"({result['correct']}/{result['gold']} gold statements; target {TARGET * 100:.0f}%)"
    )
    print(f"over matched statements: {result['matched_accuracy'] * 100:.1f}% ({result['matched']} matched)")
    for basis, (ok, n) in result["by_basis"].items():
        print(f"  gold {basis:12} {ok:4}/{n:<4}")
    if args.errors:
        print("\n".join(errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
