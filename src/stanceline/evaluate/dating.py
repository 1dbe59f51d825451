"""Scoring statement dates (``said_on``) against the sample corpus gold (``examples/gold/*.json``).
Pure functions, no NLP.

Predicted and gold statements are paired as in :func:`.score_sample` (:func:`.match_statements`: content
token Dice >= 0.5, best pair first); a pair is right when ``said_on`` agrees on value and granularity.
Accuracy is over the gold statements (an unmatched one counts as wrong), and also over matched pairs only.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from ..model import Analysis
from .attribution import Tokens
from .sample import GoldArticle, match_statements, statement_relations

DATING_TARGET = 0.90  # said_on accuracy over the gold statements


def score_dating(
    pairs: Iterable[tuple[GoldArticle, Analysis | dict[str, Any]]], *, errors: list[str] | None = None
) -> dict[str, Any]:
    """Compare the predicted ``said_on`` of each gold statement's match with the gold one.

    Args:
        pairs: ``(gold article, prediction)`` per gold file, the prediction an :class:`Analysis` of the
            article or its ``to_dict()``.
        errors: A list to append one line per wrong or unmatched statement to.

    Returns:
        ``gold``, ``matched``, ``correct``, ``accuracy`` (over gold), ``matched_accuracy``,
        and ``by_basis`` (gold basis -> [correct, total]).
    """
    total = matched = correct = 0
    by_basis: dict[str, Counter[str]] = {}
    for gold_article, prediction in pairs:
        name, g, text = gold_article.path.stem, gold_article.gold, gold_article.article.text
        pred = prediction.to_dict() if isinstance(prediction, Analysis) else prediction
        p_rel, g_rel = statement_relations(pred), statement_relations(g)
        found = {j: i for i, j in match_statements(text, p_rel, g_rel, Tokens(text))}
        for j, gs in enumerate(g["statements"]):
            want = gs["said_on"]
            tally = by_basis.setdefault(want["basis"], Counter())
            tally["total"] += 1
            total += 1
            i = found.get(j)
            if i is None:
                if errors is not None:
                    errors.append(f"{name} unmatched: {gs['content'][0]['text'][:60]!r} gold {want['value']}")
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
                    f"{name} {gs['cue']['text'] if gs.get('cue') else '-'}: "
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
