"""The rules for temporal expressions: vocabularies, patterns and value recipes.

One readable table, :data:`RULES` — (name, regular expression, builder) in order,
the longest match winning where two overlap. A builder turns a match and the tense
of its clause into a *recipe*: a TIMEX3 value (``2021-03-03``, ``P2W``), or a
relative rule (``("weekday", 1, "past")``) that :func:`stanceline.nlp.timex.resolve`
completes with the publication date. Finding the matches in a Doc and resolving
them live in :mod:`stanceline.nlp.timex`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

# ---- vocabularies -----------------------------------------------------------------------------

MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "hundred": 100,
}
NUMBERS_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
# TIMEX3 unit letters; "T" marks units of the time part (PT3H).
UNITS = {
    "second": "TS",
    "minute": "TM",
    "hour": "TH",
    "day": "D",
    "week": "W",
    "month": "M",
    "year": "Y",
    "decade": "DE",
    "century": "CE",
    "quarter": "Q",
    "weekend": "WE",
}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}
# The open-class nouns that tell a year from a number ("Section 2013", "2000 troops") are data:
# ``data/temporal.txt``, read by :func:`stanceline.config.load_temporal_words`.

# ---- regex pieces -----------------------------------------------------------------------------

_MON = (
    r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.)"
)
_WD = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[5-9]\d\d|20\d\d)"
_NUMW = (
    r"(?P<num>\d{1,3}(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen"
    r"|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|hundred"
    r"|several|few|a few|many|some|the)"
)
_UNIT = r"(?P<unit>second|minute|hour|day|week|weekend|month|year|decade|century|centurie|quarter)s?"
_PART = r"(?P<part>morning|afternoon|evening|night)"
_SEASON = r"(?P<season>spring|summer|fall|autumn|winter)"
_REL = r"(?P<rel>last|this|next|past|coming|previous|this past|this coming)"
_B = r"(?<![\w$.,/-])"  # no word, digit, currency or number punctuation before
_E = r"(?![\w%]|[.,]\d)"  # nor after


@dataclass(frozen=True, slots=True)
class TimexDraft:
    """A temporal expression before its value is fixed to a publication date.

    ``value`` is set for expressions that need no anchor; ``rule`` otherwise
    (a tuple read by :func:`resolve`). ``suffix`` is added to a resolved date
    (``TEV`` for "evening").
    """

    start: int
    end: int
    text: str
    type: str
    value: str | None = None
    rule: tuple = ()
    suffix: str = ""

    @property
    def relative(self) -> bool:
        return self.value is None and bool(self.rule)


Build = Callable[[re.Match, str], "tuple[str, str | None, tuple, str] | None"]


def group(m: re.Match, name: str) -> str | None:
    """A named group of a match, or ``None`` where the rule has no such group."""
    return m.groupdict().get(name)


def _num(word: str | None) -> int | None:
    if word is None:
        return None
    w = word.lower()
    if w[0].isdigit():
        return int(float(w))
    return NUMBERS.get(w)


def _month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _unit(m: re.Match) -> str:
    u = group(m, "unit").lower()
    return UNITS["century" if u.startswith("centur") else u]


def _duration(n: int | None, unit: str) -> str:
    q = "X" if n is None else str(n)
    if unit.startswith("T"):
        return f"PT{q}{unit[1]}"
    if unit == "Q":  # TIMEX3 counts quarters: P2Q
        return f"P{q}Q"
    if unit == "DE":
        return f"P{'X' if n is None else n * 10}Y"
    if unit == "CE":
        return f"P{'X' if n is None else n * 100}Y"
    if unit == "WE":
        return f"P{'X' if n is None else n * 2}D"
    return f"P{q}{unit}"


def _rel_step(word: str) -> int:
    w = " ".join(word.lower().split())
    return {
        "last": -1,
        "past": -1,
        "previous": -1,
        "this past": -1,
        "next": 1,
        "coming": 1,
        "this coming": 1,
    }.get(w, 0)


# Each builder returns (type, value, rule, suffix) or None to drop the match.


def _full_date(m: re.Match, tense: str) -> tuple:
    return (
        "DATE",
        f"{int(group(m, 'year')):04d}-{_month(group(m, 'mon')):02d}-{int(group(m, 'day')):02d}",
        (),
        "",
    )


def _iso_date(m: re.Match, tense: str) -> tuple:
    return "DATE", f"{group(m, 'year')}-{group(m, 'm2')}-{group(m, 'd2')}", (), ""


def _slash_date(m: re.Match, tense: str) -> tuple | None:
    mo, d, y = int(group(m, "m2")), int(group(m, "d2")), int(group(m, "y2"))
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    if y < 100:
        y += 1900 if y > 30 else 2000
    return "DATE", f"{y:04d}-{mo:02d}-{d:02d}", (), ""


def _month_day(m: re.Match, tense: str) -> tuple:
    return "DATE", None, ("monthday", _month(group(m, "mon")), int(group(m, "day")), tense), ""


def _month_year(m: re.Match, tense: str) -> tuple:
    return "DATE", f"{group(m, 'year')}-{_month(group(m, 'mon')):02d}", (), ""


def _month_only(m: re.Match, tense: str) -> tuple:
    step = _rel_step(group(m, "rel")) if group(m, "rel") else 0
    if step:
        return "DATE", None, ("monthname", _month(group(m, "mon")), "last" if step < 0 else "next"), ""
    return "DATE", None, ("monthname", _month(group(m, "mon")), tense), ""


def _year(m: re.Match, tense: str) -> tuple:
    return "DATE", group(m, "year"), (), ""


_TENS = r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ONES = r"one|two|three|four|five|six|seven|eight|nine"


def _spoken_year(m: re.Match, tense: str) -> tuple:
    ones = NUMBERS.get((group(m, "ones") or group(m, "ones2") or "").lower(), 0)
    tens = group(m, "tens")
    year = 1900 + NUMBERS_TENS[tens.lower()] + ones if tens else 2000 + ones
    return "DATE", f"{year:04d}", (), ""


def _decade(m: re.Match, tense: str) -> tuple:
    y = group(m, "dec") or group(m, "dec2") or ""
    if len(y) == 2:  # the '90s
        y = ("19" if int(y) > 20 else "20") + y
    return "DATE", y[:3], (), ""


def _weekday(m: re.Match, tense: str) -> tuple:
    step = _rel_step(group(m, "rel")) if group(m, "rel") else 0
    direction = "past" if step < 0 else "future" if step > 0 else tense
    # "Tuesday night" is kept whole but valued as the day, as TimeBank mostly does
    return "DATE", None, ("weekday", WEEKDAYS[group(m, "wd").lower()], direction), ""


def _deictic_day(m: re.Match, tense: str) -> tuple:
    word = group(m, "deic").lower()
    shift = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word]
    part = group(m, "part")
    suffix = "T" + PARTS_OF_DAY[part.lower()] if part else ""
    return ("TIME" if suffix else "DATE"), None, ("day", shift), suffix


def _this_part(m: re.Match, tense: str) -> tuple:
    part = group(m, "part").lower()
    if group(m, "w").lower() == "last":  # last night
        return "TIME", None, ("day", -1), "T" + PARTS_OF_DAY[part]
    return "TIME", None, ("day", 0), "T" + PARTS_OF_DAY[part]


def _rel_unit(m: re.Match, tense: str) -> tuple | None:
    """last/this/next week|month|year|quarter|weekend|decade|century."""
    unit = _unit(m)
    step = _rel_step(group(m, "rel"))
    if m.group(0).endswith("s"):  # "the coming months", "the past weeks"
        return "DATE", "FUTURE_REF" if step > 0 else "PAST_REF", (), ""
    if unit.startswith("T") or unit == "D":
        return None
    return "DATE", None, ("unit", unit, step), ""


def _edge_unit(m: re.Match, tense: str) -> tuple | None:
    """earlier/later this month, early next year, the end of the year."""
    unit = _unit(m)
    step = _rel_step(group(m, "rel") or "this")
    if unit.startswith("T") or unit == "D":
        return None
    return "DATE", None, ("unit", unit, step), ""


def _ago(m: re.Match, tense: str) -> tuple | None:
    n = _num(group(m, "num"))
    unit = _unit(m)
    if n is None or unit.startswith("T"):
        return "DATE", "PAST_REF", (), ""
    sign = 1 if group(m, "dir").lower() in ("from now", "hence") else -1
    return "DATE", None, ("ago", unit, sign * n), ""


def _span_dur(m: re.Match, tense: str) -> tuple | None:
    """'two weeks', 'the past three years', 'a two-year'... -> a duration."""
    word = group(m, "num")
    unit = _unit(m)
    n = None if word and word.lower() in ("several", "few", "a few", "many", "some") else _num(word)
    if word and word.lower() == "the":
        n = 1
    return "DURATION", _duration(n, unit), (), ""


def _plural_dur(m: re.Match, tense: str) -> tuple:
    return "DURATION", _duration(None, _unit(m)), (), ""


def _set(m: re.Match, tense: str) -> tuple:
    word = m.group(0).lower()
    for adj, unit in (
        ("daily", "D"),
        ("weekly", "W"),
        ("monthly", "M"),
        ("annually", "Y"),
        ("yearly", "Y"),
        ("annual", "Y"),
        ("hourly", "TH"),
        ("quarterly", "Q"),
    ):
        if word == adj:
            return "SET", _duration(1, unit), (), ""
    return "SET", _duration(1, _unit(m)), (), ""


def _season(m: re.Match, tense: str) -> tuple:
    s = SEASONS[group(m, "season").lower()]
    if group(m, "year"):
        return "DATE", f"{group(m, 'year')}-{s}", (), ""
    step = _rel_step(group(m, "rel")) if group(m, "rel") else 0
    return "DATE", None, ("season", s, "past" if step < 0 else "future" if step > 0 else "this"), ""


def _quarter(m: re.Match, tense: str) -> tuple:
    q = ORDINALS[group(m, "ord").lower()]
    if group(m, "year"):
        return "DATE", f"{group(m, 'year')}-Q{q}", (), ""
    return "DATE", None, ("quarter", q, tense), ""


def _year_quarter(m: re.Match, tense: str) -> tuple:
    q = ORDINALS[group(m, "ord").lower()]
    if group(m, "year"):
        return "DATE", f"{group(m, 'year')}-Q{q}", (), ""
    step = {"this": 0, "last": -1, "next": 1}.get((group(m, "yrel") or "").lower(), -1)
    return "DATE", None, ("yearquarter", step, q), ""


def _year_period(m: re.Match, tense: str) -> tuple:
    return "DATE", None, ("yearperiod", int(group(m, "year"))), ""


def _the_quarter(m: re.Match, tense: str) -> tuple:
    return "DATE", None, ("unit", "Q", -1), ""


def _year_ago(m: re.Match, tense: str) -> tuple:
    return "DATE", None, ("ago", "Y", -1), ""


def _the_weekend(m: re.Match, tense: str) -> tuple:
    return "DATE", None, ("weekend", tense), ""


def _const_unit(unit: str, step: int) -> Build:
    def build(m: re.Match, tense: str) -> tuple:
        return "DATE", None, ("unit", unit, step), ""

    return build


def _clock(m: re.Match, tense: str) -> tuple | None:
    h = int(group(m, "h"))
    mi = int(group(m, "mi") or 0)
    ap = (group(m, "ap") or "").lower().replace(".", "")
    if h > 12 or mi > 59:
        return None
    if ap == "pm" and h < 12:
        h += 12
    if ap == "am" and h == 12:
        h = 0
    return "TIME", None, _clock_day(m, tense), f"T{h:02d}:{mi:02d}"


def _clock_day(m: re.Match, tense: str) -> tuple:
    """The day of a clock time: the weekday after it ("9 a.m. Tuesday"), else the publication day."""
    wd = group(m, "wd")
    return ("weekday", WEEKDAYS[wd.lower()], tense) if wd else ("day", 0)


def _noon(m: re.Match, tense: str) -> tuple:
    suffix = "T12:00" if group(m, "noon").lower() == "noon" else "T24:00"
    return "TIME", None, _clock_day(m, tense), suffix


def _const(value: str, kind: str = "DATE") -> Build:
    def build(m: re.Match, tense: str) -> tuple:
        return kind, value, (), ""

    return build


def _fiscal(m: re.Match, tense: str) -> tuple:
    return "DATE", group(m, "year"), (), ""


def _century(m: re.Match, tense: str) -> tuple:
    n = int(group(m, "cn"))
    return "DATE", f"{n - 1:02d}", (), ""


# ---- the rules, most specific first -----------------------------------------------------------
# (name, pattern, builder, flags). Month and weekday names must be capitalised (a check below), so
# "march" the verb is never a date; "May" the modal is dropped by its tag.

RULES: list[tuple[str, str, Build]] = [
    # 3 March 2021, March 3, 2021, March 3rd 2021
    ("mdy", rf"{_B}(?:{_WD},?\s+)?{_MON}\s+{_DAY},?\s+{_YEAR}{_E}", _full_date),
    ("dmy", rf"{_B}{_DAY}\s+(?:of\s+)?{_MON},?\s+{_YEAR}{_E}", _full_date),
    ("iso", rf"{_B}{_YEAR}-(?P<m2>0[1-9]|1[0-2])-(?P<d2>[0-2]\d|3[01]){_E}", _iso_date),
    (
        "compact",
        r"(?<![\w$.,/-])(?P<year>19[5-9]\d|20\d\d)(?P<m2>0[1-9]|1[0-2])(?P<d2>[0-2]\d|3[01])(?![\w%])",
        _iso_date,
    ),
    ("slash", r"(?<![\w$.,/-])(?P<m2>\d{1,2})/(?P<d2>\d{1,2})/(?P<y2>\d{2}|\d{4})(?![\w%/])", _slash_date),
    # March 3, 3 March (year from the publication date and tense)
    (
        "md",
        rf"{_B}(?:{_WD},?\s+)?{_MON}\s+{_DAY}(?!\s*(?:%|percent|million|billion))(?!\w|:\d)(?!,\d)",
        _month_day,
    ),
    ("dm", rf"{_B}{_DAY}\s+(?:of\s+)?{_MON}(?![\w])", _month_day),
    # May 2018, January of this year is handled below, 'mid-March 2020'
    ("my", rf"{_B}(?:(?i:early|late|mid-?)\s*)?{_MON}\s+(?:of\s+)?{_YEAR}{_E}", _month_year),
    # January of this year, June last year, April next year
    ("month_this_year", rf"{_B}{_MON}\s+(?:of\s+)?(?:this|last|next)\s+year{_E}", None),  # built specially
    # last August, early March, March
    (
        "month",
        rf"{_B}(?:(?P<rel>(?i:last|this|next|this past|this coming|past))\s+"
        rf"|(?P<mod>(?i:early|late|mid-?))\s*)?{_MON}(?![\w-])",
        _month_only,
    ),
    # the 1990s, the '90s, the mid-1990s
    (
        "decade",
        r"(?<![\w$.,/-])(?:the\s+)?(?:(?:early|late|mid-?)\s*)?(?:(?P<dec>1[5-9]\d0|20[0-9]0)s|'(?P<dec2>\d0)s)"
        r"(?!\w)",
        _decade,
    ),
    ("century", r"(?i:(?:the\s+)?(?P<cn>1\d|2[01])(?:st|nd|rd|th)[\s-]+century)", _century),
    ("season_year", rf"(?i:(?:the\s+)?{_SEASON}\s+(?:of\s+)?){_YEAR}{_E}", _season),
    ("season", rf"(?i:(?:{_REL}\s+){_SEASON})(?!\w)", _season),
    (
        "quarter",
        rf"(?i:(?:the\s+)?(?P<ord>first|second|third|fourth)[\s-]+quarter(?:\s+of\s+{_YEAR})?)(?!\w)",
        _quarter,
    ),
    # this year's third quarter, the 1988 second quarter, the year-ago first quarter
    (
        "year_quarter",
        rf"(?i:(?:the\s+)?(?:(?P<yrel>this|last|next)\s+year['’]s|{_YEAR}|year-(?:ago|earlier))"
        r"[\s-]+(?P<ord>first|second|third|fourth)[\s-]+quarter)(?![\w-])",
        _year_quarter,
    ),
    # the 1988 quarter, the 1989 period: the reported quarter of that year ("period" only in quarterly news)
    ("year_period", rf"(?i:the\s+){_YEAR}\s+(?i:(?P<what>quarter|period))(?!\w)", _year_period),
    (
        "the_quarter",
        r"(?i:the\s+(?:(?:latest|most recent|last|recent|previous|current)\s+)?quarter)(?![\w-])",
        _the_quarter,
    ),
    # earnings news: "the latest period" (read only in a report on a quarter), "the year-earlier quarter"
    ("the_period", r"(?i:the\s+(?:latest|most recent)\s+(?:fiscal\s+)?period)(?!\w)", _the_quarter),
    (
        "year_ago",
        r"(?i:(?:the\s+)?(?:comparable\s+|same\s+)?year-(?:earlier|ago)(?:\s+(?:quarter|period))?)(?![\w-])",
        _year_ago,
    ),
    # "for the year", "the full year": the publication year
    (
        "the_year",
        r"(?i:(?<!\w)the\s+(?:full\s+|current\s+)?year)(?![\w-]|\s+(?:before|two|end(?:ed|ing))\b)",
        _const_unit("Y", 0),
    ),
    # "the year ended March 31": a fiscal year, a span of a year
    ("year_ended", r"(?i:(?<!\w)the\s+year)(?=\s+end(?:ed|ing)\b)", _const("P1Y", "DURATION")),
    # "over the weekend": the one before publication, or after it in a clause that looks ahead
    ("weekend", r"(?i:(?<!\w)the\s+weekend)(?!\w)", _the_weekend),
    ("fiscal", rf"(?i:fiscal(?:\s+year)?\s+){_YEAR}{_E}", _fiscal),
    # Tuesday, on Tuesday evening, last Friday
    (
        "weekday",
        rf"{_B}(?:(?P<rel>(?i:last|this|next|this past|this coming|past))\s+)?{_WD}(?:\s+{_PART})?(?!\w)",
        _weekday,
    ),
    (
        "deictic",
        r"(?i:(?<!\w)(?P<deic>today(?='s)|today|tonight|yesterday|tomorrow)(?:\s+(?P<part>morning|afternoon|evening"
        r"|night))?)(?!\w)",
        _deictic_day,
    ),
    (
        "this_part",
        r"(?i:(?<!\w)(?P<w>this|last)\s+(?P<part>morning|afternoon|evening|night))(?!\w)",
        _this_part,
    ),
    # earlier this month, later this year, early next year, the end of the year
    (
        "edge",
        rf"(?i:(?<!\w)(?:earlier|later|early|late|mid-?|the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of)"
        rf"\s*(?:(?P<rel>this|next|last)\s+|the\s+){_UNIT})(?!\w)",
        _edge_unit,
    ),
    # last week, this year, next month, the past week (a date; "the past two weeks" is a duration)
    ("rel_unit", rf"(?i:(?<!\w)(?:the\s+)?{_REL}\s+{_UNIT})(?!\w)", _rel_unit),
    (
        "this_unit_only",
        r"(?i:(?<!\w)(?P<rel>this)\s+(?P<unit>week|month|year|quarter|weekend))(?!\w)",
        _rel_unit,
    ),
    # two years ago, three days earlier, a week from now
    (
        "ago",
        rf"(?i:(?<!\w)(?:a\s+few|{_NUMW}(?<!the))(?:\s+|-){_UNIT}"
        r"\s+(?P<dir>ago|earlier|before|later|from now|hence))(?!\w)",
        _ago,
    ),
    # sets: every year, each week, daily
    ("set", rf"(?i:(?<!\w)(?:every|each|per)\s+{_UNIT})(?!\w)", _set),
    ("set_adj", r"(?i:(?<!\w)(?:daily|weekly|monthly|yearly|hourly))(?!\w)", _set),
    # durations: the past two weeks, two weeks, a two-year (term), 90 days, several months
    (
        "duration",
        rf"(?i:(?<!\w)(?:(?:the\s+)?(?:past|last|next|first|coming|previous)\s+)?(?:a\s+few|{_NUMW})"
        rf"(?:\s+|-){_UNIT})(?!\w|-old|\s+old\b)",
        _span_dur,
    ),
    (
        "durations",
        r"(?i:(?<!\w)(?:for\s+)?(?P<unit>year|month|week|decade|day)s(?=\s+(?:of|to|after|before|later)"
        r"\b))",
        _plural_dur,
    ),
    ("year_span", rf"{_B}{_YEAR}{_E}", _year),
    # years read out in broadcast transcripts: nineteen ninety-six, the year two thousand
    (
        "spoken_year",
        rf"(?i:(?<!\w)(?:nineteen\s+(?P<tens>{_TENS})(?:[\s-](?P<ones>{_ONES}))?"
        rf"|the\s+year\s+two\s+thousand(?:\s+and)?(?:\s+(?P<ones2>{_ONES}))?))(?![\w-])",
        _spoken_year,
    ),
    # clock times
    (
        "clock",
        r"(?i:(?<![\w:.])(?P<h>\d{1,2})(?::(?P<mi>[0-5]\d))?\s*(?P<ap>a\.m\.|p\.m\.|am|pm)(?=\W|$)"
        r"(?:\s+(?:EDT|EST|CDT|CST|PDT|PST|GMT|local time))?)"
        rf"(?:,?\s+(?:on\s+)?{_WD})?(?!\w)",
        _clock,
    ),
    ("noon", rf"(?i:(?<!\w)(?P<noon>noon|midnight))(?:,?\s+(?:on\s+)?{_WD})?(?!\w)", _noon),
    # reference words
    (
        "present",
        r"(?i:(?<!\w)(?:now|currently|current|at present|presently|these days|nowadays)(?!\w))",
        _const("PRESENT_REF"),
    ),
    (
        "past",
        r"(?i:(?<!\w)(?:recent\s+(?:years|months|weeks|days|decades)|recently|the\s+past(?!\s+(?:\w+\s+)?(?:years?|months?|weeks?|days?|decades?|centur|quarters?))"
        r"|formerly|lately)(?!\w))",
        _const("PAST_REF"),
    ),
    (
        "future",
        r"(?i:(?<!\w)(?:the\s+future|future|in\s+the\s+coming\s+(?:years|months|weeks|days)"
        r"|the\s+coming\s+(?:years|months|weeks|days))(?!\w))",
        _const("FUTURE_REF"),
    ),
]
# The case-sensitive parts (month and weekday names) keep their case; everything marked (?i:) ignores it.
COMPILED = [(name, re.compile(pat), build) for name, pat, build in RULES]
_BUILDERS = {name: build for name, _, build in RULES}
CAP_WORDS = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
    re.IGNORECASE,
)


def build_recipe(name: str, m: re.Match, tense: str) -> tuple | None:
    if name == "month_this_year":
        which = m.group(0).split()[-2].lower()
        return (
            "DATE",
            None,
            ("monthyear", _month(group(m, "mon")), {"this": 0, "last": -1, "next": 1}[which]),
            "",
        )
    return _BUILDERS[name](m, tense)


@lru_cache(maxsize=4)
def holiday_patterns(holidays: tuple[tuple[str, int, int], ...]) -> tuple[tuple[re.Pattern, int, int], ...]:
    """One pattern per named day of ``data/temporal.txt`` [holidays] (``new year's day`` matches "New
    Year's Day", "New Years Day"), with its month and day; the text must capitalise the name."""
    out = []
    for name, month, day in holidays:
        words = []
        for w in name.split():
            if w.endswith("'s"):
                words.append(re.escape(w[:-2]) + r"(?:['’]?s)?")
            else:
                words.append(re.escape(w))
        out.append((re.compile(r"(?<![\w'’])(?i:" + r"\s+".join(words) + r")(?![\w'’])"), month, day))
    return tuple(out)
