"""Temporal expressions: find them, and normalise them to TIMEX3 values.

Two steps, both pure:

* :func:`find_timex_drafts` reads a parsed Doc and returns :class:`TimexDraft`
  records: the span, the TIMEX3 type, and a *recipe* for the value — either the
  value itself (``2021-03-03``, ``P2W``, ``PRESENT_REF``) or a relative rule
  (``("weekday", 1, "past")``) that needs the publication date. Tense (read
  from the parse) fixes the direction of expressions that are ambiguous alone:
  a past-tense "on Tuesday" is the Tuesday before publication.
* :func:`resolve` turns a draft into its value for a publication date, or
  ``None`` when the date is unknown and the expression is relative.

:func:`find_timexes` does both. All the patterns live in :data:`RULES`, in this
one module, in the order below; the longest match wins where two overlap.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from spacy.attrs import IDX, LEMMA
from spacy.tokens import Doc, Token

from ...config import TemporalWords, load_temporal_words
from ...model import Timex
from ..lexicon import FUTURE_AUXILIARIES as _FUTURE_AUX
from ..text import doc_text
from .filters import acceptable
from .patterns import COMPILED, NEEDS, RULES, TimexDraft, build_recipe, holiday_patterns

__all__ = [
    "RULES",
    "TimexDraft",
    "as_date",
    "find_timex_drafts",
    "find_timexes",
    "full_dates",
    "granularity",
    "resolve",
    "tense_of",
]

# ---- reading the parse ------------------------------------------------------------------------


def tense_of(token: Token) -> str:
    """``past`` or ``future``: where the clause of a token points from the publication date.

    Past by default (news reports what happened). A modal (``will``, ``would``), a
    to-infinitive (``planned to leave Thursday``) or ``going to`` points forward; so does
    a present-tense verb the expression hangs on directly (``the court meets Tuesday``),
    but not a noun in between (``Tuesday's ruling is final``).
    """
    verb = token
    through_noun = token.dep_ in ("poss", "compound", "nmod", "amod")
    for _ in range(6):
        if verb.pos_ in ("VERB", "AUX") or verb.head == verb:
            break
        if verb is not token and verb.pos_ in ("NOUN", "PROPN"):
            through_noun = True
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return "past"
    return _verb_tense(verb, through_noun)


def _verb_tense(verb: Token, through_noun: bool = False) -> str:
    """The direction of a verb's clause: a modal looks ahead unless perfect ("may have been" is past);
    an infinitive of purpose or a subject infinitive ("staged celebrations to mark the entry on Friday")
    has its main verb's; one under a past perfect ("had been due to expire Friday") is past."""
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if verb.tag_ == "VBG" and not auxes and verb.dep_ in ("pcomp", "pobj"):
        # a gerund after a preposition ("can take part in planning the summit in April"): its verb's
        head = verb.head
        for _ in range(3):
            if head.pos_ in ("VERB", "AUX") or head.head is head:
                break
            head = head.head
        if head.pos_ in ("VERB", "AUX") and head is not verb:
            return _verb_tense(head, through_noun)
    if auxes & _FUTURE_AUX or verb.lower_ == "going":
        return "past" if "have" in auxes and verb.tag_ == "VBN" else "future"
    if "to" in auxes and verb.tag_ == "VB":
        head = verb.head
        if verb.dep_ in ("advcl", "csubj") and head is not verb and head.pos_ in ("VERB", "AUX"):
            return _verb_tense(head)
        if _under_past_perfect(verb):
            return "past"
        return "future"
    if auxes & {"has", "have", "had", "was", "were", "did"} or verb.tag_ in ("VBD", "VBN"):
        return "past"
    if (verb.tag_ in ("VBZ", "VBP") or auxes & {"is", "are", "am"}) and not through_noun:
        return "future"
    return "past"


def _under_past_perfect(verb: Token) -> bool:
    """Does a verb hang (through adjectives and verbs) on one in the past perfect ("had been due to")?"""
    for _ in range(4):
        if verb.head is verb:
            return False
        verb = verb.head
        if any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children):
            return True
    return False


def find_timex_drafts(doc: Doc, words: TemporalWords | None = None) -> list[TimexDraft]:
    """Every temporal expression of a parsed Doc, with its value or its relative rule.

    Args:
        doc: A Doc that was tagged and parsed.
        words: The nouns that tell a year from a number (:func:`stanceline.config.load_temporal_words`);
            ``None``: the shipped ones.

    Returns:
        :class:`TimexDraft` records in text order, none overlapping.
    """
    words = words if words is not None else load_temporal_words()
    text = doc_text(doc)
    found: list[tuple[int, int, str, re.Match]] = []
    lowered = text.lower()
    for name, rx, _ in COMPILED:
        needs = NEEDS.get(name)
        if needs is not None and not any(w in lowered for w in needs):
            continue
        for m in rx.finditer(text):
            if m.end() > m.start():
                found.append((m.start(), m.end(), name, m))
    holidays: dict[tuple[int, int], tuple] = {}  # match extent -> the rule of a named day, less its tense
    for rx, month, day, first in holiday_patterns(words.holidays):
        if first not in lowered:
            continue
        for m in rx.finditer(text):
            if m.group(0)[0].isupper():
                found.append((m.start(), m.end(), "holiday", m))
                holidays[m.span()] = ("monthday", month, day)
    moving = words.weekday_holidays
    for rx, _, k, first in holiday_patterns(
        tuple((name, month, k) for k, (name, month, _, _) in enumerate(moving))
    ):
        if first not in lowered:
            continue
        for m in rx.finditer(text):
            if m.group(0)[0].isupper():
                found.append((m.start(), m.end(), "holiday", m))
                holidays[m.span()] = ("nthweekday", *moving[k][1:])
    if not found:
        return []
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    # token index by char, for tags and tense
    starts = doc.to_array(IDX).tolist()  # (not a Token per word)
    from bisect import bisect_right

    def tok_at(char: int) -> Token:
        return doc[max(0, bisect_right(starts, char) - 1)]

    out: list[TimexDraft] = []
    last_end = -1
    # earnings news: a report on a quarter ("third-quarter profit", "in the quarter")
    strings = doc.vocab.strings
    quarterly = any(strings[h].lower() == "quarter" for h in set(doc.to_array(LEMMA).tolist()))
    for start, end, name, m in found:
        if start < last_end:
            continue
        if not acceptable(name, m, text, tok_at, words):
            continue
        if name in ("the_period", "year_period") and "period" in m.group(0).lower() and not quarterly:
            continue
        dated = (
            "md",
            "dm",
            "md_words",
            "week_of",
            "month",
            "weekday",
            "quarter",
            "holiday",
            "weekend",
            "clock",
        )
        dated += ("noon",)
        tense = tense_of(tok_at(start)) if name in dated else "past"
        if name == "holiday":
            built = ("DATE", None, (*holidays[(start, end)], tense), "")
        else:
            built = build_recipe(name, m, tense)
        if built is None:
            continue
        kind, value, rule, suffix = built
        if rule in (("ago", "Y", -1),) and quarterly:
            # Earnings news ("profit in the quarter rose from a year ago"): the same reported
            # quarter a year before, and the reported quarter is the one before publication.
            rule = ("unit", "Q", -5)
        out.append(TimexDraft(start, end, text[start:end], kind, value, rule, suffix))
        last_end = end
    return out


# ---- resolving against the publication date ---------------------------------------------------


def _week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _add_months(d: dt.date, n: int) -> tuple[int, int]:
    k = d.year * 12 + d.month - 1 + n
    return k // 12, k % 12 + 1


def _season_of(d: dt.date) -> tuple[int, str]:
    m = d.month
    if m in (12, 1, 2):
        return (d.year if m == 12 else d.year - 1), "WI"
    return d.year, {3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(m, "FA")


_SEASON_ORDER = ["SP", "SU", "FA", "WI"]  # winter YYYY runs from December YYYY


def _year_shift(p: dt.date, month: int, direction: str) -> int:
    """-1, 0 or 1: the year of a month named without one. Tense moves it only when the month in
    the publication year lies well on the wrong side ("said in October", read in March, is last
    October; "in April", read in December with a future verb, is next April; "payable Dec. 7", read in
    October, is this December)."""
    gap = month - p.month
    if direction == "last":  # "last April": the latest April strictly before publication
        return -1 if gap >= 0 else 0
    if direction == "next":  # "next February": the first February strictly after
        return 1 if gap <= 0 else 0
    if direction == "before":  # when a statement was made: a month two or more ahead is last year's
        return -1 if gap >= 2 else 0
    if direction == "past" and gap >= 3:
        return -1
    if direction == "future" and gap <= -2:
        return 1
    return 0


# The period ``n`` units away from the publication date, by TIMEX3 unit letter: "last week" is
# ``("unit", "W", -1)``, "two years ago" ``("ago", "Y", -2)``.


def _days_away(p: dt.date, n: int) -> str:
    return (p + dt.timedelta(days=n)).isoformat()


def _week_away(p: dt.date, n: int) -> str:
    return _week(p + dt.timedelta(weeks=n))


def _weekend_away(p: dt.date, n: int) -> str:
    return _week(p + dt.timedelta(weeks=n)) + "-WE"


def _month_away(p: dt.date, n: int) -> str:
    y, m = _add_months(p, n)
    return f"{y:04d}-{m:02d}"


def _quarter_away(p: dt.date, n: int) -> str:
    k = p.year * 4 + (p.month - 1) // 3 + n
    return f"{k // 4:04d}-Q{k % 4 + 1}"


def _year_away(p: dt.date, n: int) -> str:
    return f"{p.year + n:04d}"


def _decade_away(p: dt.date, n: int) -> str:
    return f"{p.year // 10 + n:03d}"


def _century_away(p: dt.date, n: int) -> str:
    return f"{p.year // 100 + n:02d}"


_AWAY: dict[str, Callable[[dt.date, int], str]] = {
    "D": _days_away,
    "W": _week_away,
    "WE": _weekend_away,
    "M": _month_away,
    "Q": _quarter_away,
    "Y": _year_away,
    "DE": _decade_away,
    "CE": _century_away,
}
# "this week", "next quarter": a calendar unit, never a day count ("this day" is no such rule).
_CALENDAR_UNITS = frozenset(_AWAY) - {"D"}
# "three days ago", "two quarters ago": a count back, never a weekend ("two weekends ago" is a duration).
_COUNTED_UNITS = frozenset(_AWAY) - {"WE"}


# One value recipe per kind of relative rule, ``(publication date, draft, *rule arguments)``.


def _on_day(p: dt.date, draft: TimexDraft, shift: int) -> str:
    """``yesterday`` (-1), ``tonight`` (0, with the part of day as suffix)."""
    return _days_away(p, shift) + draft.suffix


def _on_weekday(p: dt.date, draft: TimexDraft, wd: int, direction: str) -> str:
    """``on Tuesday``: the one before publication in a past clause, after it in a future one."""
    # "last Friday", "next Friday", "this past Friday": never the publication day itself
    strict = draft.text.split()[0].lower() in ("last", "next", "past", "this", "coming", "previous")
    if direction == "future":
        d = p + dt.timedelta(days=(wd - p.weekday()) % 7 or (7 if strict else 0))
    else:
        d = p - dt.timedelta(days=(p.weekday() - wd) % 7 or (7 if strict else 0))
    return d.isoformat() + draft.suffix


def _on_weekend(p: dt.date, draft: TimexDraft, direction: str) -> str:
    """``the weekend``: the one on or before publication, on or after it in a clause that looks ahead."""
    if direction == "future":
        d = p + dt.timedelta(days=(5 - p.weekday()) % 7)
    else:
        d = p - dt.timedelta(days=(p.weekday() - 5) % 7 if p.weekday() != 6 else 1)
    return _week(d) + "-WE"


def _on_month_day(p: dt.date, draft: TimexDraft, mo: int, day: int, direction: str) -> str:
    """``March 3``: in the publication year, or the one next to it that tense points to."""
    y = p.year + _year_shift(p, mo, direction)
    return f"{y:04d}-{mo:02d}-{day:02d}"


def _on_nth_weekday(p: dt.date, draft: TimexDraft, mo: int, wd: int, n: int, direction: str) -> str:
    """``Thanksgiving``: the n-th (or last, -1) weekday of a month, in the year that tense points to."""
    y = p.year + _year_shift(p, mo, direction)
    if n > 0:
        first = dt.date(y, mo, 1)
        d = first + dt.timedelta(days=(wd - first.weekday()) % 7 + 7 * (n - 1))
    else:
        k = y * 12 + mo  # the first of the next month, counted from year 0
        last = dt.date(k // 12, k % 12 + 1, 1) - dt.timedelta(days=1)
        d = last - dt.timedelta(days=(last.weekday() - wd) % 7)
    return d.isoformat()


def _in_week_of(p: dt.date, draft: TimexDraft, mo: int, day: int, direction: str) -> str:
    """``the week of March 6``: the week that holds the day."""
    y = p.year + _year_shift(p, mo, direction)
    return _week(dt.date(y, mo, day))


def _in_month(p: dt.date, draft: TimexDraft, mo: int, direction: str) -> str:
    """``in March``, ``last August``."""
    y = p.year + _year_shift(p, mo, direction)
    return f"{y:04d}-{mo:02d}"


def _in_month_of_year(p: dt.date, draft: TimexDraft, mo: int, step: int) -> str:
    """``March of last year``."""
    return f"{p.year + step:04d}-{mo:02d}"


def _in_unit(p: dt.date, draft: TimexDraft, unit: str, step: int) -> str | None:
    """``last week``, ``this year``, ``earlier this month``."""
    return _AWAY[unit](p, step) if unit in _CALENDAR_UNITS else None


def _units_ago(p: dt.date, draft: TimexDraft, unit: str, n: int) -> str | None:
    """``two years ago`` (n = -2), ``a week from now`` (n = 1)."""
    return _AWAY[unit](p, n) if unit in _COUNTED_UNITS else None


def _in_season(p: dt.date, draft: TimexDraft, s: str, direction: str) -> str:
    """``this summer``, ``last winter``, ``next spring``."""
    y, cur = _season_of(p)
    if direction == "this":
        return f"{p.year:04d}-{s}"
    i, j = _SEASON_ORDER.index(cur), _SEASON_ORDER.index(s)
    if direction == "past":
        k = y * 4 + i - ((i - j) % 4 or 4)
    else:
        k = y * 4 + i + ((j - i) % 4 or 4)
    return f"{k // 4:04d}-{_SEASON_ORDER[k % 4]}"


def _in_year_quarter(p: dt.date, draft: TimexDraft, step: int, q: int) -> str:
    """``this year's third quarter`` (0), ``the year-ago first quarter`` (-1)."""
    return f"{p.year + step:04d}-Q{q}"


def _in_year_period(p: dt.date, draft: TimexDraft, year: int) -> str:
    """``the 1988 quarter``: the quarter of that year that is reported, the one before publication's."""
    return f"{year:04d}-Q{(p.month - 1) // 3 or 4}"


def _in_quarter(p: dt.date, draft: TimexDraft, q: int, direction: str) -> str:
    """``the third quarter``: of the publication year, or of the year before when it lies ahead in a past
    clause."""
    y = p.year
    if direction == "past" and q > (p.month - 1) // 3 + 1:
        y -= 1
    return f"{y:04d}-Q{q}"


_RECIPES: dict[str, Callable[..., str | None]] = {
    "day": _on_day,
    "weekday": _on_weekday,
    "weekend": _on_weekend,
    "monthday": _on_month_day,
    "nthweekday": _on_nth_weekday,
    "weekof": _in_week_of,
    "monthname": _in_month,
    "monthyear": _in_month_of_year,
    "unit": _in_unit,
    "ago": _units_ago,
    "season": _in_season,
    "quarter": _in_quarter,
    "yearquarter": _in_year_quarter,
    "yearperiod": _in_year_period,
}


def resolve(draft: TimexDraft, published: dt.date | None) -> str | None:
    """The TIMEX3 value of a draft for a publication date.

    Args:
        draft: A :class:`TimexDraft`.
        published: The publication date, or ``None`` when it is unknown.

    Returns:
        The value; ``None`` for a relative expression with no publication date.
    """
    if draft.value is not None or not draft.rule:
        return draft.value
    if published is None:
        return None
    kind, *args = draft.rule
    recipe = _RECIPES.get(kind)
    return recipe(published, draft, *args) if recipe is not None else None


def find_timexes(doc: Doc, published: dt.date | None) -> list[Timex]:
    """Temporal expressions of a parsed Doc with TIMEX3 values for a publication date.

    Args:
        doc: A tagged and parsed Doc.
        published: The publication date; relative expressions get ``None`` without it.

    Returns:
        :class:`~stanceline.model.Timex` records in text order.
    """
    return [Timex(d.start, d.end, d.text, d.type, resolve(d, published)) for d in find_timex_drafts(doc)]


_FULL_DATE_RULES = ("mdy", "dmy", "iso")


def full_dates(text: str) -> list[dt.date]:
    """Every explicit full date of a text (``March 14, 2024``, ``14 March 2024``, ``2024-03-14``),
    by the patterns of :data:`RULES` alone (no parse), in text order; impossible dates are skipped.
    """
    found: list[tuple[int, dt.date]] = []
    for name, rx, build in COMPILED:
        if name not in _FULL_DATE_RULES:
            continue
        for m in rx.finditer(text):
            try:
                found.append((m.start(), dt.date.fromisoformat(build(m, "past")[1])))
            except ValueError:
                continue
    return [d for _, d in sorted(found, key=lambda f: f[0])]


def granularity(value: str | None) -> str:
    """``day``, ``month``, ``year``, ``decade`` or ``unknown`` for a TIMEX3 value."""
    if not value:
        return "unknown"
    if re.fullmatch(r"\d{4}-\d\d-\d\d(T.*)?", value):
        return "day"
    if re.fullmatch(r"\d{4}-\d\d", value):
        return "month"
    if re.fullmatch(r"\d{4}", value):
        return "year"
    if re.fullmatch(r"\d{3}", value):
        return "decade"
    return "unknown"


def as_date(value: str | None) -> str | None:
    """The date part of a value at the granularity it has (``2021-03-03TEV`` → ``2021-03-03``)."""
    if not value:
        return None
    g = granularity(value)
    if g == "day":
        return value[:10]
    if g in ("month", "year", "decade"):
        return value
    return None
