"""Scoring the real-news yardstick (``realnews/``: hand-annotated statements, dates, stances, shifts).

Pure functions, no NLP: the inputs are contract dicts (``Analysis.to_dict()``), the
article texts, the gold lines (``gold.jsonl``), the exported shift rows and the gold
shifts (``shifts.json``). The matching follows the rules of the data's README (those of
the scorer used on its held-out sets):

- **found**: a gold statement is found when one predicted statement's content spans cover
  at least half of the gold quote's characters, the quote taken at its first occurrence in
  the text. Each gold line is judged on its best-covering predicted statement (the
  earliest on a tie); several gold lines may share one.
- **speaker**: the resolved actor's name (lacking an actor, the source text) contains the
  gold name or one of its distinctive words (:func:`speaker_matches`).
- **said_on**: the predicted value starts with the gold value and is no finer than a
  month or year gold value; a gold ``publication`` basis is also met by a predicted one.
- **stance**: right when a predicted stance of that statement on the gold topic has the
  gold label. Accuracy and macro-F1 over the labels present in the gold.
- **shifts**: a gold shift is found when a predicted one has the actor (as for
  speakers), the topic and the same from/to labels; a predicted shift on a ``no_shift``
  actor/topic pair is a false alarm.

A statement missed (not found) is wrong on speaker, date and stance: every rate is over
all gold lines (stance: over those with a topic).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..model import Analysis
from .attribution import PRF
from .places import find_places, words

STANCES = ("support", "oppose", "conditional", "neutral")
NONE = "none"  # the confusion column (and counted label) for no stance on the gold topic
FOUND_SHARE = 0.5  # a quote is found when one statement's content covers at least this share of it

#: Words of a name that say what a speaker is, not who: titles, bodies, offices, function
#: words. They never count as a distinctive word ("US State Department" is not found by
#: "department"); a name left with none but a country is a government (see :func:`speaker_matches`).
GENERIC = frozenset(
    """
    a an and the of for in on at to by from with s mr mrs ms dr us
    government governments administration regime ministry ministries minister ministers department
    departments state states office offices embassy embassies consulate ambassador ambassadors
    president presidential presidency vice prime premier chancellor foreign defense defence interior
    affairs external home national security council cabinet parliament parliamentary congress senate
    assembly committee commission agency authority authorities official officials spokesman spokeswoman
    spokesperson spokespeople representative representatives envoy envoys special chief head leader
    leaders leadership supreme chairman chairwoman chair general secretary deputy acting former top senior
    high central party people peoples popular republic democratic federal federation kingdom union united
    islamic news media press agency service services army military forces force armed navy command staff
    joint intelligence police delegation team negotiator negotiators mission spokesmen
    north south east west northern southern eastern western new royal king queen prince emir sheikh
    """.split()
)


@dataclass(frozen=True, slots=True)
class Rate:
    """Right answers out of a total (``rate`` is 0.0 for an empty total)."""

    right: int
    total: int
    rate: float

    @classmethod
    def of(cls, right: int, total: int) -> Rate:
        return cls(right, total, right / total if total else 0.0)


@dataclass(frozen=True, slots=True)
class StatementResult:
    """One gold line judged: what was predicted for it, and which measures it passes."""

    article: str
    line: int  # 1-based line of the gold file (its order in ``gold``)
    speaker: str
    quote: str
    quote_span: tuple[int, int] | None  # None: the quote is not in the article text
    coverage: float  # share of the quote covered by the best predicted statement
    found: bool
    statement: str | None  # id of the best-covering predicted statement (None: covers nothing)
    predicted_speaker: str | None
    speaker_ok: bool
    said_on: str | None
    said_on_basis: str | None
    predicted_said_on: str | None
    predicted_basis: str | None
    said_on_ok: bool
    said_on_prefix_ok: bool  # diagnostic: right if a finer value were allowed for month/year golds
    topic: str | None
    stance: str | None
    predicted_stances: tuple[str, ...]  # that statement's labels on the gold topic
    predicted_stance: str | None  # the label counted (gold's if present, else the first, else "none")
    stance_ok: bool


@dataclass(frozen=True, slots=True)
class LabelScores:
    """One stance label over the gold lines with a topic."""

    gold: int
    predicted: int
    right: int
    prf: PRF


@dataclass(frozen=True, slots=True)
class ShiftResult:
    """Shift detection against the gold shifts and stable positions."""

    gold: int
    found: int
    predicted: int
    false_alarms: int
    found_shifts: tuple[str, ...]
    missed: tuple[str, ...]
    alarms: tuple[str, ...]
    predicted_shifts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RealnewsScores:
    """The real-news figures; ``statements`` holds each gold line's judgement."""

    documents: int
    predicted: int
    gold: int
    quotes_missing: int
    found: Rate
    speaker: Rate
    said_on: Rate
    said_on_by_basis: dict[str, Rate]
    said_on_finer_allowed: Rate  # diagnostic only: finer values allowed for month/year golds
    stance: Rate
    stance_macro_f1: float
    labels: dict[str, LabelScores]
    confusion: dict[str, dict[str, int]]
    shifts: ShiftResult | None
    statements: tuple[StatementResult, ...]


# ---- found ---------------------------------------------------------------------------------------------


def quote_span(text: str, quote: str) -> tuple[int, int] | None:
    """The offsets of the first occurrence of ``quote`` in ``text`` (``None``: absent or empty)."""
    start = text.find(quote) if quote else -1
    return (start, start + len(quote)) if start >= 0 else None


def covered(span: tuple[int, int], pieces: Iterable[tuple[int, int]]) -> int:
    """How many characters of ``span`` lie inside the union of ``pieces``."""
    lo, hi = span
    total, reach = 0, lo
    for start, end in sorted(pieces):
        start, end = max(start, reach), min(end, hi)
        if end > start:
            total += end - start
            reach = end
    return total


def _pieces(statement: Mapping[str, Any]) -> list[tuple[int, int]]:
    return [(c["start"], c["end"]) for c in statement.get("content") or [] if c.get("start") is not None]


def best_statement(span: tuple[int, int], statements: Sequence[Mapping[str, Any]]) -> tuple[int | None, int]:
    """The predicted statement whose content covers most of ``span``.

    Args:
        span: The gold quote's offsets.
        statements: The contract's ``statements``.

    Returns:
        ``(index, covered characters)``; the earliest statement wins a tie, and the
        index is ``None`` when no statement covers any character.
    """
    best, most = None, 0
    for i, st in enumerate(statements):
        n = covered(span, _pieces(st))
        if n > most:
            best, most = i, n
    return best, most


def is_found(span: tuple[int, int], covered_chars: int) -> bool:
    """At least :data:`FOUND_SHARE` of the quote's characters are covered."""
    size = span[1] - span[0]
    return size > 0 and covered_chars >= FOUND_SHARE * size


# ---- speaker -------------------------------------------------------------------------------------------


def _reading(name: str) -> tuple[tuple[str, ...], tuple[str, ...], frozenset[str]]:
    """A name's folded words, its distinctive words, and the countries it names."""
    raw, folded = words(name)
    places, used = find_places(raw, folded)
    distinctive = tuple(w for i, w in enumerate(folded) if i not in used and w not in GENERIC)
    return folded, distinctive, places


def _contains(hay: Sequence[str], needle: Sequence[str]) -> bool:
    n = len(needle)
    return n > 0 and any(tuple(hay[i : i + n]) == tuple(needle) for i in range(len(hay) - n + 1))


def speaker_matches(predicted: str | None, gold: str) -> bool:
    """Whether a predicted speaker name stands for the gold speaker.

    Right when the predicted name contains (word for word, case and accents aside) the
    gold name, or one of the gold name's distinctive words: a word that is neither in
    :data:`GENERIC` nor part of a country's name, demonym or capital ("Anaya Veldt" is
    found by "Veldt", the "Velmora Freedom Front" by "a Front spokesman", the "Velmora
    State Department" not by "the department"). A gold name with no distinctive word but a country is a
    government (a ministry, an embassy, "the Norwegian government"): it also matches a
    predicted name that names the same country (by name, demonym, capital or abbreviation) and
    has no distinctive word of its own ("Ukraine", "Kyiv", "the Ukrainian foreign
    ministry"; not "Ukrainian rebels").

    Args:
        predicted: The resolved actor's name, or the source text; ``None`` when there is none.
        gold: The gold canonical name.
    """
    if not predicted or not gold:
        return False
    p_words, p_distinctive, p_places = _reading(predicted)
    g_words, g_distinctive, g_places = _reading(gold)
    if _contains(p_words, g_words) or any(w in p_words for w in g_distinctive):
        return True
    return not g_distinctive and not p_distinctive and bool(g_places & p_places)


def predicted_speaker(statement: Mapping[str, Any], actors: Mapping[str, str]) -> str | None:
    """The resolved actor's name, else the source text, else ``None``."""
    source = statement.get("source") or {}
    name = actors.get(source.get("actor") or "")
    return name or source.get("text") or None


# ---- said_on -------------------------------------------------------------------------------------------


def said_on_matches(
    predicted: Mapping[str, Any] | None,
    gold_value: str | None,
    gold_basis: str | None,
    *,
    allow_finer: bool = False,
) -> bool:
    """Whether a predicted ``said_on`` meets the gold date.

    Right when the predicted value starts with the gold value and, for a month or a year
    gold value (shorter than ``YYYY-MM-DD``), is no finer than it (so equal); for a gold
    ``publication`` basis a predicted ``publication`` basis is right too. A gold without a
    value is met only by a prediction without one.

    Args:
        predicted: The contract's ``said_on`` object (``None`` when missing).
        gold_value: ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or ``None``.
        gold_basis: ``explicit``, ``context`` or ``publication``.
        allow_finer: Accept a finer value for a month or year gold too (not the rule: a
            diagnostic, counting dates right but over-precise, such as a publication day
            given for a statement the text dates only to its month).
    """
    predicted = predicted or {}
    value = predicted.get("value")
    if gold_basis == "publication" and predicted.get("basis") == "publication":
        return True
    if not gold_value:
        return not value
    if not value or not str(value).startswith(gold_value):
        return False
    return allow_finer or len(gold_value) >= len("YYYY-MM-DD") or len(str(value)) == len(gold_value)


# ---- stance --------------------------------------------------------------------------------------------


def stances_on(statement: Mapping[str, Any] | None, topic: str) -> tuple[str, ...]:
    """The labels a predicted statement gives ``topic``, in order."""
    return tuple(s.get("stance") for s in (statement or {}).get("stances") or [] if s.get("topic") == topic)


def counted_label(labels: Sequence[str], gold: str) -> str:
    """The predicted label a gold line counts: the gold's if in ``labels``, else the first, else "none"."""
    return gold if gold in labels else (labels[0] if labels else NONE)


def label_scores(pairs: Sequence[tuple[str, str]]) -> tuple[dict[str, LabelScores], float]:
    """Per-label P/R/F1 and their macro-F1 over the labels present in the gold.

    Args:
        pairs: ``(gold label, counted predicted label)`` per gold line with a topic;
            the predicted label may be ``"none"``, which is no label.

    Returns:
        ``({label: LabelScores}, macro-F1)``, labels in :data:`STANCES` order.
    """
    gold = Counter(g for g, _ in pairs)
    pred = Counter(p for _, p in pairs)
    right = Counter(g for g, p in pairs if g == p)
    present = [s for s in STANCES if gold[s]] + sorted(set(gold) - set(STANCES))
    out = {
        s: LabelScores(gold[s], pred[s], right[s], PRF.of(right[s], pred[s], right[s], gold[s]))
        for s in present
    }
    return out, sum(s.prf.f1 for s in out.values()) / len(out) if out else 0.0


def confusion(pairs: Sequence[tuple[str, str]]) -> dict[str, dict[str, int]]:
    """Gold label × predicted label counts; columns every label seen, then "none"."""
    seen = {p for _, p in pairs} | {g for g, _ in pairs}
    rows = [s for s in STANCES if any(g == s for g, _ in pairs)] + sorted(
        {g for g, _ in pairs} - set(STANCES)
    )
    cols = [s for s in STANCES if s in seen] + sorted(seen - set(STANCES) - {NONE}) + [NONE]
    counts = Counter(pairs)
    return {g: {p: counts[(g, p)] for p in cols} for g in rows}


# ---- shifts --------------------------------------------------------------------------------------------


def _shift_label(s: Mapping[str, Any]) -> str:
    return f"{s.get('actor')} on {s.get('topic')}: {s.get('from')} → {s.get('to')}"


def score_shifts(predicted: Iterable[Mapping[str, Any]], gold: Mapping[str, Any]) -> ShiftResult:
    """Predicted shifts (rows of ``export --what shifts``) against the gold ``shifts.json``.

    Args:
        predicted: Rows with ``actor``, ``topic``, ``from``, ``to``.
        gold: ``{"shifts": [{actor, topic, from, to, ...}], "no_shift": [{actor, topic, ...}]}``.

    Returns:
        The :class:`ShiftResult`: a gold shift is found when some predicted shift has its
        actor (:func:`speaker_matches`), topic and from/to labels; a predicted shift on a
        ``no_shift`` actor/topic pair is a false alarm.
    """
    predicted = list(predicted)
    shifts = list(gold.get("shifts") or [])
    stable = list(gold.get("no_shift") or [])

    def hit(p: Mapping[str, Any], g: Mapping[str, Any]) -> bool:
        return p.get("topic") == g.get("topic") and speaker_matches(p.get("actor"), g.get("actor") or "")

    found = [
        g
        for g in shifts
        if any(hit(p, g) and (p.get("from"), p.get("to")) == (g.get("from"), g.get("to")) for p in predicted)
    ]
    alarms = [p for p in predicted if any(hit(p, s) for s in stable)]
    return ShiftResult(
        gold=len(shifts),
        found=len(found),
        predicted=len(predicted),
        false_alarms=len(alarms),
        found_shifts=tuple(_shift_label(g) for g in found),
        missed=tuple(_shift_label(g) for g in shifts if not any(g is f for f in found)),
        alarms=tuple(_shift_label(p) for p in alarms),
        predicted_shifts=tuple(_shift_label(p) for p in predicted),
    )


# ---- the corpus ----------------------------------------------------------------------------------------


def judge(
    line: int, gold: Mapping[str, Any], text: str, prediction: Mapping[str, Any]
) -> tuple[StatementResult, bool]:
    """Judge one gold line against its article's prediction.

    Args:
        line: The gold line's number (1-based), for reporting.
        gold: The gold line.
        text: The article text the prediction's offsets index.
        prediction: The article's contract dict.

    Returns:
        ``(result, whether the quote was in the text)``.
    """
    statements = prediction.get("statements") or []
    actors = {a["id"]: a.get("name") or "" for a in prediction.get("actors") or []}
    span = quote_span(text, gold.get("quote") or "")
    index, chars = best_statement(span, statements) if span else (None, 0)
    found = bool(span) and index is not None and is_found(span, chars)  # type: ignore[arg-type]
    st = statements[index] if found and index is not None else None
    said = (st or {}).get("said_on") or {}
    who = predicted_speaker(st, actors) if st else None
    topic, label = gold.get("topic"), gold.get("stance")
    labels = stances_on(st, topic) if st and topic else ()
    counted = counted_label(labels, label) if topic and label else None
    size = span[1] - span[0] if span else 0
    result = StatementResult(
        article=str(gold.get("article")),
        line=line,
        speaker=str(gold.get("speaker")),
        quote=str(gold.get("quote")),
        quote_span=span,
        coverage=chars / size if size else 0.0,
        found=found,
        statement=statements[index].get("id") if index is not None else None,
        predicted_speaker=who,
        speaker_ok=found and speaker_matches(who, str(gold.get("speaker") or "")),
        said_on=gold.get("said_on"),
        said_on_basis=gold.get("said_on_basis"),
        predicted_said_on=said.get("value") if st else None,
        predicted_basis=said.get("basis") if st else None,
        said_on_ok=found and said_on_matches(said, gold.get("said_on"), gold.get("said_on_basis")),
        said_on_prefix_ok=found
        and said_on_matches(said, gold.get("said_on"), gold.get("said_on_basis"), allow_finer=True),
        topic=topic,
        stance=label,
        predicted_stances=labels,
        predicted_stance=counted,
        stance_ok=found and counted is not None and counted == label,
    )
    return result, span is not None


def score_realnews(
    documents: Mapping[str, tuple[str, Analysis | Mapping[str, Any]]],
    gold: Iterable[Mapping[str, Any]],
    *,
    predicted_shifts: Iterable[Mapping[str, Any]] | None = None,
    gold_shifts: Mapping[str, Any] | None = None,
) -> RealnewsScores:
    """Score a system's output on the real-news corpus.

    Args:
        documents: Article id (the ``article`` of the gold lines) to ``(text, prediction)``;
            the prediction is an :class:`Analysis` or its ``to_dict()``. A gold line whose
            article is absent is scored as missed.
        gold: The gold lines (``gold.jsonl``), in file order.
        predicted_shifts: Rows of ``export --what shifts``; shifts are not scored when ``None``.
        gold_shifts: The parsed ``shifts.json``.

    Returns:
        The :class:`RealnewsScores`.
    """
    preds = {k: (text, p.to_dict() if isinstance(p, Analysis) else p) for k, (text, p) in documents.items()}
    results: list[StatementResult] = []
    missing = 0
    for n, g in enumerate(gold, 1):
        text, pred = preds.get(str(g.get("article")), ("", {}))
        result, present = judge(n, g, text, pred)
        results.append(result)
        missing += not present
    by_basis: dict[str, list[int]] = {}
    for r in results:
        tally = by_basis.setdefault(r.said_on_basis or "?", [0, 0])
        tally[0] += r.said_on_ok
        tally[1] += 1
    stanced = [r for r in results if r.topic and r.stance]
    pairs = [(r.stance, r.predicted_stance or NONE) for r in stanced]
    labels, macro = label_scores(pairs)  # type: ignore[arg-type]
    shifts = None
    if predicted_shifts is not None:
        shifts = score_shifts(predicted_shifts, gold_shifts or {})
    total = len(results)
    return RealnewsScores(
        documents=len(preds),
        predicted=sum(len(p.get("statements") or []) for _, p in preds.values()),
        gold=total,
        quotes_missing=missing,
        found=Rate.of(sum(r.found for r in results), total),
        speaker=Rate.of(sum(r.speaker_ok for r in results), total),
        said_on=Rate.of(sum(r.said_on_ok for r in results), total),
        said_on_by_basis={k: Rate.of(*v) for k, v in sorted(by_basis.items())},
        said_on_finer_allowed=Rate.of(sum(r.said_on_prefix_ok for r in results), total),
        stance=Rate.of(sum(r.stance_ok for r in stanced), len(stanced)),
        stance_macro_f1=macro,
        labels=labels,
        confusion=confusion(pairs),  # type: ignore[arg-type]
        shifts=shifts,
        statements=tuple(results),
    )


def _pct(rate: Rate) -> str:
    return f"{rate.right:5} {rate.total:6} {rate.rate * 100:6.1f}"


def format_realnews(scores: RealnewsScores) -> str:
    """Render :class:`RealnewsScores` as plain-text tables (rates in %).

    Args:
        scores: The real-news scores.

    Returns:
        The text.
    """
    found = scores.found.right

    def of_found(rate: Rate) -> str:
        return f"   ({rate.right / found * 100:.1f} % of found)" if found else ""

    lines = [
        f"{scores.documents} documents, {scores.predicted} predicted statements, "
        f"{scores.gold} gold statements"
        + (f" ({scores.quotes_missing} quotes not in their text)" if scores.quotes_missing else ""),
        f"{'measure':18} {'right':>5} {'total':>6} {'%':>6}",
        f"{'found':18} {_pct(scores.found)}",
        f"{'speaker':18} {_pct(scores.speaker)}{of_found(scores.speaker)}",
        f"{'said_on':18} {_pct(scores.said_on)}{of_found(scores.said_on)}",
    ]
    lines += [f"{'  gold ' + basis:18} {_pct(rate)}" for basis, rate in scores.said_on_by_basis.items()]
    lines.append(
        f"{'  finer allowed':18} {_pct(scores.said_on_finer_allowed)}   "
        "(diagnostic, not the rule: a day predicted for a month/year gold counted right)"
    )
    lines.append(f"{'stance':18} {_pct(scores.stance)}   macro-F1 {scores.stance_macro_f1:.3f}")
    lines.append(f"{'label':12} {'gold':>5} {'pred':>5} {'right':>5} {'P':>6} {'R':>6} {'F1':>6}")
    lines += [
        f"{label:12} {s.gold:5} {s.predicted:5} {s.right:5} "
        f"{s.prf.precision * 100:6.1f} {s.prf.recall * 100:6.1f} {s.prf.f1 * 100:6.1f}"
        for label, s in scores.labels.items()
    ]
    if scores.confusion:
        cols = list(next(iter(scores.confusion.values())))
        lines.append("confusion (rows gold, columns predicted; none = no stance on the topic or not found)")
        lines.append(f"{'':12}" + "".join(f" {c:>11}" for c in cols))
        lines += [f"{g:12}" + "".join(f" {row[c]:11}" for c in cols) for g, row in scores.confusion.items()]
    s = scores.shifts
    if s is not None:
        lines.append(
            f"shifts: {s.found} of {s.gold} gold found; {s.predicted} predicted in all; "
            f"{s.false_alarms} false alarm(s) on stable (no_shift) pairs"
        )
    return "\n".join(lines)
