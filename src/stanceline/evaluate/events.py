"""Scoring coded events: against PLOVER gold records (one event per sentence) and against the sample
corpus gold events (``examples/gold/*.json``, ``events``). Pure functions, no NLP."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .attribution import PRF

#: PLOVER v0.5 labels that PLOVER 2.0 renamed or merged.
OLD_LABELS = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
#: Targets of benchmarks/events.py on PLOVER_GSR_dev.json, and of the sample corpus floor test.
PLOVER_TARGETS = {"type_accuracy": 0.70, "macro_f1": 0.60, "source": 0.75, "target": 0.60}
SAMPLE_TARGETS = {"f1": 0.80, "happened_on": 0.90}
_WORD = re.compile(r"[^\W_]+")
_STOP = frozenset({"the", "a", "an", "of", "and", "its", "his", "her", "their", "s", "in", "to", "for"})


@dataclass(frozen=True, slots=True)
class PloverRecord:
    """One gold sentence: its text, type (PLOVER 2.0) and actors as ``(text, code)`` pairs."""

    id: str
    text: str
    type: str
    sources: tuple[tuple[str, str], ...]
    targets: tuple[tuple[str, str], ...]


def read_plover(path: str | Path) -> list[PloverRecord]:
    """Read a PLOVER gold file (a JSON list), skipping DOCUMENT records and mapping old labels."""
    out = []
    for r in json.loads(Path(path).read_text(encoding="utf-8")):
        if r.get("event") == "DOCUMENT" or not r.get("text"):
            continue

        def actors(v: Any) -> tuple[tuple[str, str], ...]:
            return tuple(
                (a.get("actorText") or "", a.get("code") or "") for a in v or () if isinstance(a, dict)
            )

        kind = OLD_LABELS.get(r["event"], r["event"])
        out.append(PloverRecord(r["id"], r["text"], kind, actors(r.get("source")), actors(r.get("target"))))
    return out


def main_event(events: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    """A sentence's main event: said to have happened first, then highest in the parse (the order the
    coder gives: a lower ``confidence`` breaks no tie it need not), then the surest."""
    if not events:
        return None
    return min(
        enumerate(events),
        key=lambda ie: (
            ie[1].get("negated", False),
            ie[1].get("_depth", 0),
            -ie[1].get("confidence", 0),
            ie[0],
        ),
    )[1]


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.casefold()) if w not in _STOP}


def _overlap(a: set[str], b: set[str]) -> bool:
    """Shared words, a demonym counting for its state ("Tarskan units" names Tarsk: a word that starts with
    a name word of four letters or more)."""
    return bool(a & b) or any(
        x.startswith(y) or y.startswith(x) for x in a for y in b if min(len(x), len(y)) >= 4
    )


def party_matches(party: dict[str, Any] | None, gold: Sequence[tuple[str, str]]) -> bool:
    """Does a predicted party name one of the gold actors (shared words, or the same country code)?"""
    if party is None or not gold:
        return False
    mine = _words(party.get("text") or "")
    return any(
        _overlap(mine, _words(text)) or (party.get("country") and party.get("country") == code)
        for text, code in gold
    )


@dataclass
class PloverScores:
    """Sentence-level scores on PLOVER gold records."""

    sentences: int = 0
    type_correct: int = 0
    no_event: int = 0
    source_correct: int = 0
    source_gold: int = 0
    target_correct: int = 0
    target_gold: int = 0
    per_type: dict[str, dict[str, int]] = field(default_factory=dict)
    confusion: dict[str, int] = field(default_factory=dict)
    errors: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def type_accuracy(self) -> float:
        return self.type_correct / self.sentences if self.sentences else 0.0

    @property
    def source_accuracy(self) -> float:
        return self.source_correct / self.source_gold if self.source_gold else 0.0

    @property
    def target_accuracy(self) -> float:
        return self.target_correct / self.target_gold if self.target_gold else 0.0

    @property
    def macro_f1(self) -> float:
        f1s = [
            PRF.of(c["tp"], c["tp"] + c["fp"], c["tp"], c["tp"] + c["fn"]).f1 for c in self.per_type.values()
        ]
        return sum(f1s) / len(f1s) if f1s else 0.0


def score_plover(pairs: Iterable[tuple[PloverRecord, dict[str, Any]]]) -> PloverScores:
    """Score each sentence's main event (:func:`main_event`) against its gold record.

    Source and target are scored on every sentence that has gold ones (a sentence with no event, or the
    wrong one, scores what its main event has); macro-F1 averages per-type F1 over the gold types.
    """
    s = PloverScores()
    confusion: Counter[str] = Counter()
    for rec, analysis in pairs:
        s.sentences += 1
        event = main_event(analysis.get("events") or [])
        guess = event["type"] if event else "(none)"
        for t in (rec.type, guess):
            s.per_type.setdefault(t, {"tp": 0, "fp": 0, "fn": 0}) if t != "(none)" else None
        if guess == rec.type:
            s.type_correct += 1
            s.per_type[rec.type]["tp"] += 1
        else:
            s.per_type[rec.type]["fn"] += 1
            if event:
                s.per_type[guess]["fp"] += 1
            confusion[f"{rec.type} -> {guess}"] += 1
            s.errors.append((rec.type, guess, rec.text))
        s.no_event += event is None
        if rec.sources:
            s.source_gold += 1
            s.source_correct += party_matches(event and event.get("source"), rec.sources)
        if rec.targets:
            s.target_gold += 1
            s.target_correct += party_matches(event and event.get("target"), rec.targets)
    s.per_type = {k: v for k, v in s.per_type.items() if v["tp"] + v["fn"]}  # macro over the gold types
    s.confusion = dict(confusion.most_common())
    return s


def format_plover(s: PloverScores, *, errors: int = 0) -> str:
    """Render :class:`PloverScores` as text: the four measures with their targets, per-type F1, the most
    frequent confusions and, with ``errors``, the first wrong sentences."""
    t = PLOVER_TARGETS
    lines = [
        f"{s.sentences} sentences, {s.no_event} with no event",
        f"type accuracy    {s.type_accuracy:.3f}  (target {t['type_accuracy']:.2f})",
        f"macro-F1 (types) {s.macro_f1:.3f}  (target {t['macro_f1']:.2f})",
        f"source accuracy  {s.source_accuracy:.3f}  (target {t['source']:.2f}, {s.source_gold} sentences)",
        f"target accuracy  {s.target_accuracy:.3f}  (target {t['target']:.2f}, {s.target_gold} sentences)",
        f"{'type':10} {'gold':>5} {'P':>6} {'R':>6} {'F1':>6}",
    ]
    for kind, c in sorted(s.per_type.items()):
        prf = PRF.of(c["tp"], c["tp"] + c["fp"], c["tp"], c["tp"] + c["fn"])
        lines.append(f"{kind:10} {c['tp'] + c['fn']:5} {prf.precision:6.2f} {prf.recall:6.2f} {prf.f1:6.2f}")
    lines.append("most frequent confusions (gold -> predicted):")
    lines += [f"  {k:28} {n}" for k, n in list(s.confusion.items())[:12]]
    for gold, guess, text in s.errors[:errors]:
        lines.append(f"  [{gold} -> {guess}] {text}")
    return "\n".join(lines)


# ---- the sample corpus -----------------------------------------------------------------------------


@dataclass
class SampleEventScores:
    """Sample-corpus event scores: a predicted event matches a gold one of the same type and source actor
    (one-to-one, the nearest triggers first); ``happened_on`` is scored over the matched pairs."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    dated: int = 0
    types: dict[str, dict[str, int]] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)

    @property
    def prf(self) -> PRF:
        return PRF.of(self.matched, self.predicted, self.matched, self.gold)

    @property
    def happened_on(self) -> float:
        return self.dated / self.matched if self.matched else 0.0


def _name(actors: dict[str, str], actor: str | None) -> str | None:
    return actors.get(actor) if actor else None


def _same_source(pred: dict[str, Any], gold: dict[str, Any], p_names: dict, g_names: dict, text: str) -> bool:
    src = pred.get("source")
    want = _name(g_names, gold.get("source"))
    if want is None:
        return src is None or src.get("actor") is None
    if src is None:
        return False
    have = _name(p_names, src.get("actor"))
    if have is not None:
        return have == want or _overlap(_words(have), _words(want))
    return _overlap(_words(src.get("text") or ""), _words(want))


def _reported_done(event: dict[str, Any]) -> bool:
    return not event.get("negated") and not event.get("hypothetical")


def score_sample_events(pairs: Iterable[tuple[dict[str, Any], dict[str, Any], str]]) -> SampleEventScores:
    """Score predicted events against the gold ``events`` of the sample corpus.

    Args:
        pairs: ``(prediction, gold, article text)`` per article; prediction and gold are contract / gold
            dicts. A gold event is ``{type, trigger: {start, end, text}, source, target, happened_on,
            negated, hypothetical}`` with actor ids of the gold's ``actors``.

    Returns:
        The :class:`SampleEventScores`. Events said to have happened (or committed to, refused or
        threatened: the coder recodes those to AGREE, REJECT or THREATEN) are scored: negated and
        hypothetical ones, on either side, are left out (a gold file lists what happened, not what was
        denied, asked about or set as a condition: "once they lift the sanctions").
    """
    s = SampleEventScores()
    for pred, gold, text in pairs:
        p_names = {a["id"]: " ".join(a["name"].casefold().split()) for a in pred.get("actors") or []}
        g_names = {a["id"]: " ".join(a["name"].casefold().split()) for a in gold.get("actors") or []}
        predicted = [e for e in pred.get("events") or [] if _reported_done(e)]
        golds = [e for e in gold.get("events") or [] if _reported_done(e)]
        s.gold += len(golds)
        s.predicted += len(predicted)
        match = _pairs(golds, predicted, p_names, g_names, text)
        for k, g in enumerate(golds):
            c = s.types.setdefault(g["type"], {"gold": 0, "matched": 0})
            c["gold"] += 1
            if k not in match:
                s.misses.append(f"{gold['article']['path']}: {g['type']} {g['trigger']['text']!r}")
                continue
            s.matched += 1
            c["matched"] += 1
            s.dated += (predicted[match[k]].get("happened_on") or {}).get("value") == (
                g.get("happened_on") or {}
            ).get("value")
    return s


def _pairs(
    golds: list[dict[str, Any]], predicted: list[dict[str, Any]], p_names: dict, g_names: dict, text: str
) -> dict[int, int]:
    """One-to-one matches ``gold index -> predicted index`` of the same type and source, the nearest
    triggers first (a prediction goes to the gold event it reports, not to the first one it could)."""
    candidates = sorted(
        (abs(p["trigger"]["start"] - g["trigger"]["start"]), k, i)
        for k, g in enumerate(golds)
        for i, p in enumerate(predicted)
        if p["type"] == g["type"] and _same_source(p, g, p_names, g_names, text)
    )
    match: dict[int, int] = {}
    taken: set[int] = set()
    for _, k, i in candidates:
        if k not in match and i not in taken:
            match[k] = i
            taken.add(i)
    return match


def format_sample_events(s: SampleEventScores, *, misses: int = 0) -> str:
    """Render :class:`SampleEventScores` as text."""
    p = s.prf
    lines = [
        f"events (type + source)  P {p.precision * 100:5.1f}  R {p.recall * 100:5.1f}  F1 {p.f1 * 100:5.1f}"
        f"  (target F1 {SAMPLE_TARGETS['f1'] * 100:.0f})",
        f"happened_on right       {s.happened_on * 100:5.1f} % of {s.matched} matched"
        f"  (target {SAMPLE_TARGETS['happened_on'] * 100:.0f} %)",
        f"{s.predicted} predicted / {s.gold} gold",
    ]
    lines += [f"  {k:10} {c['matched']:3} of {c['gold']:3}" for k, c in sorted(s.types.items())]
    lines += [f"  missed: {m}" for m in s.misses[:misses]]
    return "\n".join(lines)
