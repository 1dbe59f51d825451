"""The ``said_on`` record of a statement's dating draft, for a publication date.

:mod:`.dating` drafts each statement's date (:class:`DatingDraft`: the basis and the expression it rests
on); :func:`resolve_said_on` fixes the value against the publication date, at the granularity the text
allows: a week, a weekend, a season or a quarter said of a statement gives the month or the year that
holds it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from ...model import SaidOn, Span
from .patterns import TimexDraft
from .timex import as_date, granularity, resolve


@dataclass(frozen=True, slots=True)
class DatingDraft:
    """The basis of one statement's date and the expression it rests on (``None`` if none)."""

    basis: str
    timex: TimexDraft | None = None
    month: bool = False  # only the month is known: of the expression, or of the publication date
    year: bool = False  # only the year of the publication date is known


# Relative rules whose last argument is the direction from the publication date.
_DIRECTED = ("weekday", "monthday", "nthweekday", "monthname", "quarter")


def looking_back(t: TimexDraft) -> TimexDraft:
    """A date tied to a cue read backwards from the publication date: a statement was made before it
    was reported, so "said on Tuesday he would ..." is the Tuesday before, whatever the tense of the
    clause the date hangs in ("on Friday" in an article of a Friday is that day)."""
    if t.rule and t.rule[0] in _DIRECTED and t.rule[-1] == "future":
        return replace(t, rule=(*t.rule[:-1], "past"))
    return t


def resolve_said_on(draft: DatingDraft, published: dt.date | None, text: str) -> SaidOn:
    """The :class:`~stanceline.model.SaidOn` record of a draft for a publication date.

    Args:
        draft: A :class:`DatingDraft`.
        published: The publication date, or ``None``.
        text: The analysed text (for the evidence span).

    Returns:
        The record; ``unknown`` when neither an expression nor the publication date dates it.
    """
    if draft.year and draft.timex is None and published is not None:
        return SaidOn(published.isoformat()[:4], "year", draft.basis, None)
    if draft.month and draft.timex is None and published is not None:
        return SaidOn(published.isoformat()[:7], "month", draft.basis, None)
    if draft.timex is not None:
        t = draft.timex
        if t.rule[:1] in (("monthday",), ("nthweekday",), ("monthname",)) and t.rule[-1] == "past":
            # when something was said: a month two or more ahead of publication is last year's
            t = replace(t, rule=(*t.rule[:-1], "before"))
        raw = resolve(t, published)
        value = as_date(raw) or _holding(raw, published)
        if draft.month and value is not None and granularity(value) == "day":
            value = value[:7]
        # A statement reported in an article was made on or before it appeared: a date that
        # resolves later (a future scene, a misread year) or to no calendar date is no evidence
        # of when it was made.
        if value is not None and (published is None or value <= published.isoformat()[: len(value)]):
            return SaidOn(value, granularity(value), draft.basis, Span.of(text, t.start, t.end))
        if published is None and value is None:
            return SaidOn(None, "unknown", draft.basis, Span.of(text, t.start, t.end))
    if published is not None:
        return SaidOn(published.isoformat(), "day", "publication", None)
    return SaidOn(None, "unknown", "unknown", None)


_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}  # winter runs into the next year


def _period(value: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day of a week (``2021-W23``), a weekend (``2021-W23-WE``), a quarter (``2021-Q1``)
    or a season (``2020-SU``)."""
    if m := re.fullmatch(r"(\d{4})-W(\d\d)(-WE)?", value):
        try:
            monday = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        except ValueError:
            return None
        first = monday + dt.timedelta(days=5 if m.group(3) else 0)
        return first, monday + dt.timedelta(days=6)
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", value):
        first_month = 3 * int(m.group(2)) - 2
    elif m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value):
        first_month = _SEASON_MONTHS[m.group(2)][0]
    else:
        return None
    year = int(m.group(1))
    k = year * 12 + first_month + 2  # the month after the last, counted from year 0
    return dt.date(year, first_month, 1), dt.date(k // 12, k % 12 + 1, 1) - dt.timedelta(days=1)


def _holding(value: str | None, published: dt.date | None) -> str | None:
    """The month, else the year, that holds a week, weekend, quarter or season up to the publication date
    ("said last week" in an article of 14 June is said in June; "last summer", in the year before)."""
    span = _period(value) if value else None
    if span is None:
        return None
    first, last = span
    if published is not None:
        last = min(last, published)
    if first > last:
        return None
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.year:04d}-{first.month:02d}"
    return f"{first.year:04d}" if first.year == last.year else None
