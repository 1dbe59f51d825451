"""The rules for temporal expressions: the patterns, in one table, with the builders of their values.

One readable table, :data:`RULES` — (name, regular expression, builder) in order (the builders and the
closed-class words they read are :mod:`.builders`),
the longest match winning where two overlap. A builder turns a match and the tense
of its clause into a *recipe*: a TIMEX3 value (``2021-03-03``, ``P2W``), or a
relative rule (``("weekday", 1, "past")``) that :func:`stanceline.nlp.timex.resolve`
completes with the publication date. Finding the matches in a Doc and resolving
them live in :mod:`stanceline.nlp.timex`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .builders import (
    ORDINAL_DAYS,
    Build,
    ago,
    century,
    clock,
    const,
    const_unit,
    decade,
    decade_words,
    deictic_day,
    edge_unit,
    fiscal,
    full_date,
    group,
    iso_date,
    month_day,
    month_day_words,
    month_number,
    month_only,
    month_set,
    month_year,
    noon,
    plural_dur,
    quarter,
    rel_unit,
    season,
    set_of,
    slash_date,
    span_dur,
    spoken_year,
    the_quarter,
    the_weekend,
    this_part,
    week_of,
    weekday,
    weekday_set,
    year_ago,
    year_of,
    year_period,
    year_quarter,
)

# ---- regex pieces -----------------------------------------------------------------------------

_MON = (
    r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.)"
)
_WD = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[5-9]\d\d|20\d\d)"
# "this coming Sunday, March 8": the weekday and its date, one expression
_WD_REL = r"(?:(?i:this\s+coming|this\s+past|last|next|this)\s+)?"
_ORD_DAY = "|".join(sorted(ORDINAL_DAYS, key=len, reverse=True)).replace("-", r"[\s-]")
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
_TENS = r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_DECADE_WORDS = r"twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties"
_ONES = r"one|two|three|four|five|six|seven|eight|nine"


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


# ---- the rules, most specific first -----------------------------------------------------------
# (name, pattern, builder, flags). Month and weekday names must be capitalised (a check below), so
# "march" the verb is never a date; "May" the modal is dropped by its tag.

RULES: list[tuple[str, str, Build]] = [
    # 3 March 2021, March 3, 2021, March 3rd 2021
    ("mdy", rf"{_B}(?:{_WD},?\s+)?{_MON}\s+{_DAY},?\s+{_YEAR}{_E}", full_date),
    ("dmy", rf"{_B}{_DAY}\s+(?:of\s+)?{_MON},?\s+{_YEAR}{_E}", full_date),
    ("iso", rf"{_B}{_YEAR}-(?P<m2>0[1-9]|1[0-2])-(?P<d2>[0-2]\d|3[01]){_E}", iso_date),
    (
        "compact",
        r"(?<![\w$.,/-])(?P<year>19[5-9]\d|20\d\d)(?P<m2>0[1-9]|1[0-2])(?P<d2>[0-2]\d|3[01])(?![\w%])",
        iso_date,
    ),
    ("slash", r"(?<![\w$.,/-])(?P<m2>\d{1,2})/(?P<d2>\d{1,2})/(?P<y2>\d{2}|\d{4})(?![\w%/])", slash_date),
    # March 3, 3 March (year from the publication date and tense)
    (
        "md",
        rf"{_B}(?:{_WD_REL}{_WD},?\s+)?{_MON}\s+{_DAY}(?!\s*(?:%|percent|million|billion))(?!\w|:\d)(?!,\d)",
        month_day,
    ),
    ("dm", rf"{_B}{_DAY}\s+(?:of\s+)?{_MON}(?![\w])", month_day),
    # March eighth, May the twenty-first (broadcast transcripts)
    (
        "md_words",
        rf"{_B}(?:{_WD_REL}{_WD},?\s+)?{_MON}\s+(?:the\s+)?(?P<dayw>(?i:{_ORD_DAY}))(?![\w-])",
        month_day_words,
    ),
    # the week of March 6
    ("week_of", rf"(?i:(?<!\w)the\s+week\s+of\s+){_MON}\s+{_DAY}(?!\w)", week_of),
    # May 2018, January of this year is handled below, 'mid-March 2020'
    ("my", rf"{_B}(?:(?i:early|late|mid-?)\s*)?{_MON}\s+(?:of\s+)?{_YEAR}{_E}", month_year),
    # January of this year, June last year, April next year
    ("month_this_year", rf"{_B}{_MON}\s+(?:of\s+)?(?:this|last|next)\s+year{_E}", None),  # built specially
    # last August, early March, March
    (
        "month",
        rf"{_B}(?:(?P<rel>(?i:last|this|next|this past|this coming|past))\s+"
        rf"|(?P<mod>(?i:early|late|mid))-?\s*)?{_MON}(?![\w-])",
        month_only,
    ),
    # the 1990s, the '90s, the mid-1990s
    (
        "decade",
        r"(?<![\w$.,/-])(?:the\s+)?(?:(?:early|late|mid-?)\s*)?(?:(?P<dec>1[5-9]\d0|20[0-9]0)s|'(?P<dec2>\d0)s)"
        r"(?!\w)",
        decade,
    ),
    # the nineties, the early sixties (read out in broadcast transcripts)
    (
        "decade_words",
        rf"(?i:(?<!\w)the\s+(?:(?:early|late|mid-?)\s*)?(?P<decw>{_DECADE_WORDS}))(?!\w)",
        decade_words,
    ),
    ("century", r"(?i:(?:the\s+)?(?P<cn>1\d|2[01])(?:st|nd|rd|th)[\s-]+century)", century),
    ("season_year", rf"(?i:(?:the\s+)?{_SEASON}\s+(?:of\s+)?){_YEAR}{_E}", season),
    ("season", rf"(?i:(?:{_REL}\s+){_SEASON})(?!\w)", season),
    (
        "quarter",
        rf"(?i:(?:the\s+)?(?P<ord>first|second|third|fourth)[\s-]+quarter(?:\s+of\s+{_YEAR})?)(?!\w)",
        quarter,
    ),
    # this year's third quarter, the 1988 second quarter, the year-ago first quarter
    (
        "year_quarter",
        rf"(?i:(?:the\s+)?(?:(?P<yrel>this|last|next)\s+year['’]s|{_YEAR}|year-(?:ago|earlier))"
        r"[\s-]+(?P<ord>first|second|third|fourth)[\s-]+quarter)(?![\w-])",
        year_quarter,
    ),
    # the 1988 quarter, the 1989 period: the reported quarter of that year ("period" only in quarterly news)
    ("year_period", rf"(?i:the\s+){_YEAR}\s+(?i:(?P<what>quarter|period))(?!\w)", year_period),
    (
        "the_quarter",
        r"(?i:the\s+(?:(?:latest|most recent|last|recent|previous|current)\s+)?quarter)(?![\w-])",
        the_quarter,
    ),
    # earnings news: "the latest period" (read only in a report on a quarter), "the year-earlier quarter"
    ("the_period", r"(?i:the\s+(?:latest|most recent)\s+(?:fiscal\s+)?period)(?!\w)", the_quarter),
    (
        "year_ago",
        r"(?i:(?:the\s+)?(?:comparable\s+|same\s+)?year-(?:earlier|ago)(?:\s+(?:quarter|period))?)(?![\w-])",
        year_ago,
    ),
    # "for the year", "the full year": the publication year
    (
        "the_year",
        r"(?i:(?<!\w)the\s+(?:full\s+|current\s+)?year)(?![\w-]|\s+(?:before|two|end(?:ed|ing))\b)",
        const_unit("Y", 0),
    ),
    # "the year ended March 31": a fiscal year, a span of a year
    ("year_ended", r"(?i:(?<!\w)the\s+year)(?=\s+end(?:ed|ing)\b)", const("P1Y", "DURATION")),
    # "over the weekend": the one before publication, or after it in a clause that looks ahead
    ("weekend", r"(?i:(?<!\w)the\s+weekend)(?!\w)", the_weekend),
    ("fiscal", rf"(?i:fiscal(?:\s+year)?\s+){_YEAR}{_E}", fiscal),
    # Tuesday, on Tuesday evening, last Friday
    (
        "weekday",
        rf"{_B}(?:(?P<rel>(?i:last|this|next|this past|this coming|past))\s+)?{_WD}(?:\s+{_PART})?(?!\w)",
        weekday,
    ),
    (
        "deictic",
        r"(?i:(?<!\w)(?:(?:mid-?\s*|early\s+|late\s+)?(?P<part0>morning|afternoon|evening)\s+)?"
        r"(?P<deic>today(?='s)|today|tonight|yesterday|tomorrow)(?:\s+(?P<part>morning|afternoon|evening"
        r"|night))?)(?!\w)",
        deictic_day,
    ),
    (
        "this_part",
        r"(?i:(?<!\w)(?P<w>this|last)\s+(?P<part>morning|afternoon|evening|night))(?!\w)",
        this_part,
    ),
    # earlier this month, later this year, early next year, the end of the year
    (
        "edge",
        rf"(?i:(?<!\w)(?:earlier|later|early|late|mid-?|the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of)"
        rf"\s*(?:(?P<rel>this|next|last)\s+|the\s+){_UNIT})(?!\w)",
        edge_unit,
    ),
    # last week, this year, next month, the past week (a date; "the past two weeks" is a duration)
    ("rel_unit", rf"(?i:(?<!\w)(?:the\s+)?{_REL}\s+{_UNIT})(?!\w)", rel_unit),
    (
        "this_unit_only",
        r"(?i:(?<!\w)(?P<rel>this)\s+(?P<unit>week|month|year|quarter|weekend))(?!\w)",
        rel_unit,
    ),
    # two years ago, three days earlier, a week from now
    (
        "ago",
        rf"(?i:(?<!\w)(?:a\s+few|{_NUMW}(?<!the))(?:\s+|-){_UNIT}"
        r"\s+(?P<dir>ago|earlier|before|later|from now|hence))(?!\w)",
        ago,
    ),
    # sets: every year, each week, daily
    ("set", rf"(?i:(?<!\w)(?:every|each|per)\s+{_UNIT})(?!\w)", set_of),
    # every Thursday, each Sunday evening: XXXX-WXX-4
    ("set_weekday", rf"(?i:(?<!\w)(?:every|each)\s+){_WD}(?:\s+(?i:{_PART}))?(?!\w)", weekday_set),
    # every July, each January: XXXX-07
    ("set_month", rf"(?i:(?<!\w)(?:every|each)\s+){_MON}(?!\w)", month_set),
    ("set_adj", r"(?i:(?<!\w)(?:daily|weekly|monthly|yearly|hourly))(?!\w)", set_of),
    # durations: the past two weeks, two weeks, a two-year (term), 90 days, several months
    (
        "duration",
        rf"(?i:(?<!\w)(?:(?:the\s+)?(?:past|last|next|first|coming|previous)\s+)?(?:a\s+few|{_NUMW})"
        rf"(?P<half>\s+1/2|\s+and\s+a\s+half)?(?:\s+|-){_UNIT}(?P<half2>\s+and\s+a\s+half)?)"
        r"(?!\w|-old|\s+old\b)",
        span_dur,
    ),
    (
        "durations",
        r"(?i:(?<!\w)(?:for\s+)?(?P<unit>year|month|week|decade|day)s(?=\s+(?:of|to|after|before|later)"
        r"\b))",
        plural_dur,
    ),
    # mid-1996, early 1991: a year, whatever follows
    ("year_part", rf"(?i:(?<![\w$.,/-])(?:early|late|mid)-?\s*){_YEAR}{_E}", year_of),
    ("year_span", rf"{_B}{_YEAR}{_E}", year_of),
    # years read out in broadcast transcripts: nineteen ninety-six, the year two thousand
    (
        "spoken_year",
        rf"(?i:(?<!\w)(?:nineteen\s+(?P<tens>{_TENS})(?:[\s-](?P<ones>{_ONES}))?"
        rf"|the\s+year\s+two\s+thousand(?:\s+and)?(?:\s+(?P<ones2>{_ONES}))?))(?![\w-])",
        spoken_year,
    ),
    # clock times
    (
        "clock",
        r"(?i:(?<![\w:.])(?P<h>\d{1,2})(?::(?P<mi>[0-5]\d))?\s*(?P<ap>a\.m\.|p\.m\.|am|pm)(?=\W|$)"
        r"(?:\s+(?:EDT|EST|CDT|CST|PDT|PST|GMT|local time))?)"
        rf"(?:,?\s+(?:on\s+)?{_WD})?(?!\w)",
        clock,
    ),
    ("noon", rf"(?i:(?<!\w)(?P<noon>noon|midday|midnight))(?:,?\s+(?:on\s+)?{_WD})?(?!\w)", noon),
    # reference words
    (
        "present",
        r"(?i:(?<!\w)(?:now|currently|current|at present|presently|these days|nowadays)(?!\w))",
        const("PRESENT_REF"),
    ),
    (
        "past",
        r"(?i:(?<!\w)(?:recent\s+(?:years|months|weeks|days|decades)|recently|the\s+past(?!\s+(?:\w+\s+)?(?:years?|months?|weeks?|days?|decades?|centur|quarters?))"
        r"|formerly|lately)(?!\w))",
        const("PAST_REF"),
    ),
    (
        "future",
        r"(?i:(?<!\w)(?:the\s+future|future|in\s+the\s+coming\s+(?:years|months|weeks|days)"
        r"|the\s+coming\s+(?:years|months|weeks|days))(?!\w))",
        const("FUTURE_REF"),
    ),
]
# The case-sensitive parts (month and weekday names) keep their case; everything marked (?i:) ignores it.
COMPILED = [(name, re.compile(pat), build) for name, pat, build in RULES]
# Words (lower case) one of which every match of a rule holds: a text with none of them is not searched
# with that rule (a speed-up only; the patterns decide).
_SEASONS = ("spring", "summer", "fall", "autumn", "winter")
NEEDS: dict[str, tuple[str, ...]] = {
    "century": ("century",),
    "season_year": _SEASONS,
    "season": _SEASONS,
    "quarter": ("quarter",),
    "year_quarter": ("quarter",),
    "year_period": ("quarter", "period"),
    "the_quarter": ("quarter",),
    "the_period": ("period",),
    "year_ago": ("year-",),
    "the_year": ("year",),
    "year_ended": ("year",),
    "month_this_year": ("year",),
    "weekend": ("weekend",),
    "fiscal": ("fiscal",),
    "edge": ("earlier", "later", "early", "late", "mid", "end", "start", "beginning"),
    "ago": ("ago", "earlier", "before", "later", "from", "hence"),
    "set": ("every", "each", "per"),
    "set_adj": ("daily", "weekly", "monthly", "yearly", "hourly"),
    "set_weekday": ("every", "each"),
    "set_month": ("every", "each"),
    "week_of": ("week",),
    "decade_words": ("ties",),
    "decade": ("0s",),
    "spoken_year": ("nineteen", "thousand"),
    "year_part": ("early", "late", "mid"),
    "noon": ("noon", "midday", "midnight"),
    "this_part": ("morning", "afternoon", "evening", "night"),
    "durations": ("years", "months", "weeks", "decades", "days"),
}
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
            ("monthyear", month_number(group(m, "mon")), {"this": 0, "last": -1, "next": 1}[which]),
            "",
        )
    return _BUILDERS[name](m, tense)


@lru_cache(maxsize=4)
def holiday_patterns(
    holidays: tuple[tuple[str, int, int], ...],
) -> tuple[tuple[re.Pattern, int, int, str], ...]:
    """One pattern per named day of ``data/temporal.txt`` [holidays] (``new year's day`` matches "New
    Year's Day", "New Years Day"), with its month and day, and its first word in lower case (a text without
    it need not be searched); the text must capitalise the name."""
    out = []
    for name, month, day in holidays:
        first = name.split()[0].removesuffix("'s")
        words = []
        for w in name.split():
            if w.endswith("'s"):
                words.append(re.escape(w[:-2]) + r"(?:['’]?s)?")
            else:
                words.append(re.escape(w))
        out.append((re.compile(r"(?<![\w'’])(?i:" + r"\s+".join(words) + r")(?![\w'’])"), month, day, first))
    return tuple(out)
