"""Scoring shift detection against a gold list (``examples/shifts.json``).

A predicted shift matches a gold one with the same actor (by name), topic,
polarity before and after (``oppose`` vs ``support``/``conditional``) and date
(equal at the coarser of the two granularities). Each gold shift matches at most
one prediction.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..timeline import POLARITY, Point, Shift


@dataclass(frozen=True)
class ShiftScores:
    tp: int
    fp: int
    fn: int
    false_positives: tuple[str, ...]
    missed: tuple[str, ...]

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def _same_date(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def _label(actor: str, topic: str, frm: str, to: str, date: str | None) -> str:
    return f"{date} {actor} on {topic}: {frm} → {to}"


def score_shifts(predicted: Iterable[Shift], gold: Sequence[dict[str, Any]]) -> ShiftScores:
    """Match predicted shifts to gold records (``actor``, ``topic``, ``from``, ``to``, ``date``)."""
    left = list(gold)
    tp, fps = 0, []
    for s in predicted:
        hit = next(
            (
                g
                for g in left
                if g["actor"] == s.actor
                and g["topic"] == s.topic
                and POLARITY[g["from"]] == POLARITY[s.from_stance]
                and POLARITY[g["to"]] == POLARITY[s.to_stance]
                and _same_date(g["date"], s.date)
            ),
            None,
        )
        if hit is None:
            fps.append(_label(s.actor, s.topic, s.from_stance, s.to_stance, s.when))
        else:
            left.remove(hit)
            tp += 1
    missed = tuple(_label(g["actor"], g["topic"], g["from"], g["to"], g["date"]) for g in left)
    return ShiftScores(tp, len(fps), len(left), tuple(fps), missed)


def gold_points(gold_dir: str | Path) -> list[Point]:
    """The sample corpus gold as points (actors keyed by name), to check the detector on perfect input."""
    out = []
    for f in sorted(Path(gold_dir).glob("*.json")):
        g = json.loads(f.read_text(encoding="utf-8"))
        names = {a["id"]: (a["name"], a["kind"]) for a in g["actors"]}
        path = g["article"]["path"]
        for s in g["statements"]:
            actor = (s.get("source") or {}).get("actor")
            if actor is None or names[actor][1] != "person":
                continue
            said = s.get("said_on") or {}
            for st in s.get("stances") or []:
                out.append(
                    Point(
                        statement_id=f"{f.stem}#{s['id']}",
                        actor_id=names[actor][0],
                        actor=names[actor][0],
                        topic=st["topic"],
                        stance=st["stance"],
                        said_on=said.get("value"),
                        granularity=said.get("granularity", "unknown"),
                        basis=said.get("basis", "unknown"),
                        content=" … ".join(c["text"] for c in s["content"]),
                        article_id=f.stem,
                        local_id=s["id"],
                        confidence=1.0,
                        path=path,
                        first_seen=g["article"].get("published"),
                    )
                )
    return out
