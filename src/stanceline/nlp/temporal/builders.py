"""The value recipes of the temporal rules: the closed-class words they read (month and weekday names,
numerals, units) and one builder per rule of :data:`stanceline.nlp.temporal.patterns.RULES`, turning a match
and the tense of its clause into ``(type, value, rule, suffix)``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

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


Build = Callable[[re.Match, str], "tuple[str, str | None, tuple, str] | None"]


def group(m: re.Match, name: str) -> str | None:
    """A named group of a match, or ``None`` where the rule has no such group."""
    return m.groupdict().get(name)


def number_of(word: str | None) -> int | None:
    if word is None:
        return None
    w = word.lower()
    if w[0].isdigit():
        return int(float(w))
    return NUMBERS.get(w)


def month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def unit_letter(m: re.Match) -> str:
    u = group(m, "unit").lower()
    return UNITS["century" if u.startswith("centur") else u]


def duration(n: int | None, unit: str) -> str:
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


def rel_step(word: str) -> int:
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


def full_date(m: re.Match, tense: str) -> tuple:
    return (
        "DATE",
        f"{int(group(m, 'year')):04d}-{month_number(group(m, 'mon')):02d}-{int(group(m, 'day')):02d}",
        (),
        "",
    )


def iso_date(m: re.Match, tense: str) -> tuple:
    return "DATE", f"{group(m, 'year')}-{group(m, 'm2')}-{group(m, 'd2')}", (), ""


def slash_date(m: re.Match, tense: str) -> tuple | None:
    mo, d, y = int(group(m, "m2")), int(group(m, "d2")), int(group(m, "y2"))
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    if y < 100:
        y += 1900 if y > 30 else 2000
    return "DATE", f"{y:04d}-{mo:02d}-{d:02d}", (), ""


def month_day(m: re.Match, tense: str) -> tuple:
    return "DATE", None, ("monthday", month_number(group(m, "mon")), int(group(m, "day")), tense), ""


_ORDINAL_WORDS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
).split()
# "eighth" -> 8, "twenty-first" -> 21, "thirty-first" -> 31
ORDINAL_DAYS = {w: k for k, w in enumerate(_ORDINAL_WORDS, 1)}
ORDINAL_DAYS |= {f"twenty-{w}": 20 + k for k, w in enumerate(_ORDINAL_WORDS[:9], 1)}
ORDINAL_DAYS |= {"thirtieth": 30, "thirty-first": 31}


def month_day_words(m: re.Match, tense: str) -> tuple:
    """'March eighth', 'May the twenty-first' (read out in broadcast transcripts)."""
    day = ORDINAL_DAYS[group(m, "dayw").lower().replace(" ", "-")]
    return "DATE", None, ("monthday", month_number(group(m, "mon")), day, tense), ""


def week_of(m: re.Match, tense: str) -> tuple:
    """'the week of March 6': the week that holds the day."""
    return "DATE", None, ("weekof", month_number(group(m, "mon")), int(group(m, "day")), tense), ""


def month_year(m: re.Match, tense: str) -> tuple:
    return "DATE", f"{group(m, 'year')}-{month_number(group(m, 'mon')):02d}", (), ""


def month_only(m: re.Match, tense: str) -> tuple:
    rel = group(m, "rel")
    step = rel_step(rel) if rel else 0
    if rel and rel.lower() == "this":  # "this September": of the publication year, whatever the tense
        return "DATE", None, ("monthyear", month_number(group(m, "mon")), 0), ""
    if step:
        return "DATE", None, ("monthname", month_number(group(m, "mon")), "last" if step < 0 else "next"), ""
    return "DATE", None, ("monthname", month_number(group(m, "mon")), tense), ""


def year_of(m: re.Match, tense: str) -> tuple:
    return "DATE", group(m, "year"), (), ""


def spoken_year(m: re.Match, tense: str) -> tuple:
    ones = NUMBERS.get((group(m, "ones") or group(m, "ones2") or "").lower(), 0)
    tens = group(m, "tens")
    year = 1900 + NUMBERS_TENS[tens.lower()] + ones if tens else 2000 + ones
    return "DATE", f"{year:04d}", (), ""


def decade_words(m: re.Match, tense: str) -> tuple:
    """'the nineties' -> 199 (of the 20th century, as spoken)."""
    tens = NUMBERS_TENS[group(m, "decw").lower()[:-3] + "y"]
    return "DATE", f"19{tens // 10}", (), ""


def decade(m: re.Match, tense: str) -> tuple:
    y = group(m, "dec") or group(m, "dec2") or ""
    if len(y) == 2:  # the '90s
        y = ("19" if int(y) > 20 else "20") + y
    return "DATE", y[:3], (), ""


def weekday(m: re.Match, tense: str) -> tuple:
    step = rel_step(group(m, "rel")) if group(m, "rel") else 0
    direction = "past" if step < 0 else "future" if step > 0 else tense
    # "Tuesday night" is kept whole but valued as the day, as TimeBank mostly does
    return "DATE", None, ("weekday", WEEKDAYS[group(m, "wd").lower()], direction), ""


def deictic_day(m: re.Match, tense: str) -> tuple:
    word = group(m, "deic").lower()
    shift = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word]
    part = group(m, "part") or group(m, "part0")  # "yesterday afternoon", "mid afternoon yesterday"
    suffix = "T" + PARTS_OF_DAY[part.lower()] if part else ""
    return ("TIME" if suffix else "DATE"), None, ("day", shift), suffix


def this_part(m: re.Match, tense: str) -> tuple:
    part = group(m, "part").lower()
    if group(m, "w").lower() == "last":  # last night
        return "TIME", None, ("day", -1), "T" + PARTS_OF_DAY[part]
    return "TIME", None, ("day", 0), "T" + PARTS_OF_DAY[part]


def rel_unit(m: re.Match, tense: str) -> tuple | None:
    """last/this/next week|month|year|quarter|weekend|decade|century."""
    unit = unit_letter(m)
    step = rel_step(group(m, "rel"))
    if m.group(0).endswith("s"):  # "the coming months", "the past weeks"
        return "DATE", "FUTURE_REF" if step > 0 else "PAST_REF", (), ""
    if unit in ("DE", "CE") and group(m, "rel").lower() == "past":  # "the past decade": the last ten years
        return "DURATION", duration(1, unit), (), ""
    if unit.startswith("T") or unit == "D":
        return None
    return "DATE", None, ("unit", unit, step), ""


def edge_unit(m: re.Match, tense: str) -> tuple | None:
    """earlier/later this month, early next year, the end of the year."""
    unit = unit_letter(m)
    step = rel_step(group(m, "rel") or "this")
    if unit.startswith("T") or unit == "D":
        return None
    return "DATE", None, ("unit", unit, step), ""


def ago(m: re.Match, tense: str) -> tuple | None:
    """'two years ago', 'a week from now': a date from the publication date. 'Three days later', 'an hour
    earlier', 'several months before' count from an event of the narrative, not from the publication
    date: a duration, as TimeBank has it (but 'a year earlier' in a report compares with the year
    before publication)."""
    word = group(m, "num")  # None: "a few"
    n = (
        None
        if word is None or word.lower() in ("several", "few", "a few", "many", "some")
        else number_of(word)
    )
    unit = unit_letter(m)
    narrative = group(m, "dir").lower() in ("earlier", "before", "later")
    if narrative and (n is None or unit not in ("Y", "Q")):
        return "DURATION", duration(n, unit), (), ""
    if n is None or unit.startswith("T"):
        return "DATE", "PAST_REF", (), ""
    sign = 1 if group(m, "dir").lower() in ("from now", "hence") else -1
    return "DATE", None, ("ago", unit, sign * n), ""


def span_dur(m: re.Match, tense: str) -> tuple | None:
    """'two weeks', 'the past three years', 'a two-year'... -> a duration."""
    word = group(m, "num")
    unit = unit_letter(m)
    n = None if word and word.lower() in ("several", "few", "a few", "many", "some") else number_of(word)
    if word and word.lower() == "the":
        n = 1
    if n is not None and (group(m, "half") or group(m, "half2")):
        return "DURATION", _and_a_half(n, unit), (), ""
    return "DURATION", duration(n, unit), (), ""


# Half of a unit in the next smaller one: "2 1/2 years" P2Y6M, "five and a half hours" PT5H30M.
_HALVES = {"Y": ("M", 6), "M": ("D", 15), "W": ("D", 3), "D": ("TH", 12), "TH": ("TM", 30), "TM": ("TS", 30)}


def _and_a_half(n: int, unit: str) -> str:
    if unit not in _HALVES:
        return duration(None, unit)
    small, k = _HALVES[unit]
    if unit == "W":  # half a week: 3 days 12 hours
        return f"P{n * 7 + 3}DT12H"
    whole = duration(n, unit)
    if small.startswith("T") and not unit.startswith("T"):
        return f"{whole}T{k}{small[1]}"
    return f"{whole}{k}{small[-1]}"


def plural_dur(m: re.Match, tense: str) -> tuple:
    return "DURATION", duration(None, unit_letter(m)), (), ""


def set_of(m: re.Match, tense: str) -> tuple:
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
            return "SET", duration(1, unit), (), ""
    return "SET", duration(1, unit_letter(m)), (), ""


def weekday_set(m: re.Match, tense: str) -> tuple:
    """'every Thursday' -> XXXX-WXX-4; 'each Sunday evening' -> XXXX-WXX-7TEV."""
    part = group(m, "part")
    suffix = "T" + PARTS_OF_DAY[part.lower()] if part else ""
    return "SET", f"XXXX-WXX-{WEEKDAYS[group(m, 'wd').lower()] + 1}{suffix}", (), ""


def month_set(m: re.Match, tense: str) -> tuple:
    """'every July' -> XXXX-07."""
    return "SET", f"XXXX-{month_number(group(m, 'mon')):02d}", (), ""


def season(m: re.Match, tense: str) -> tuple:
    s = SEASONS[group(m, "season").lower()]
    if group(m, "year"):
        return "DATE", f"{group(m, 'year')}-{s}", (), ""
    step = rel_step(group(m, "rel")) if group(m, "rel") else 0
    return "DATE", None, ("season", s, "past" if step < 0 else "future" if step > 0 else "this"), ""


def quarter(m: re.Match, tense: str) -> tuple:
    q = ORDINALS[group(m, "ord").lower()]
    if group(m, "year"):
        return "DATE", f"{group(m, 'year')}-Q{q}", (), ""
    return "DATE", None, ("quarter", q, tense), ""


def year_quarter(m: re.Match, tense: str) -> tuple:
    q = ORDINALS[group(m, "ord").lower()]
    if group(m, "year"):
        return "DATE", f"{group(m, 'year')}-Q{q}", (), ""
    step = {"this": 0, "last": -1, "next": 1}.get((group(m, "yrel") or "").lower(), -1)
    return "DATE", None, ("yearquarter", step, q), ""


def year_period(m: re.Match, tense: str) -> tuple:
    return "DATE", None, ("yearperiod", int(group(m, "year"))), ""


def the_quarter(m: re.Match, tense: str) -> tuple:
    return "DATE", None, ("unit", "Q", -1), ""


def year_ago(m: re.Match, tense: str) -> tuple:
    return "DATE", None, ("ago", "Y", -1), ""


def the_weekend(m: re.Match, tense: str) -> tuple:
    return "DATE", None, ("weekend", tense), ""


def const_unit(unit: str, step: int) -> Build:
    def build(m: re.Match, tense: str) -> tuple:
        return "DATE", None, ("unit", unit, step), ""

    return build


def clock(m: re.Match, tense: str) -> tuple | None:
    h = int(group(m, "h"))
    mi = int(group(m, "mi") or 0)
    ap = (group(m, "ap") or "").lower().replace(".", "")
    if h > 12 or mi > 59:
        return None
    if ap == "pm" and h < 12:
        h += 12
    if ap == "am" and h == 12:
        h = 0
    return "TIME", None, clock_day(m, tense), f"T{h:02d}:{mi:02d}"


def clock_day(m: re.Match, tense: str) -> tuple:
    """The day of a clock time: the weekday after it ("9 a.m. Tuesday"), else the publication day."""
    wd = group(m, "wd")
    return ("weekday", WEEKDAYS[wd.lower()], tense) if wd else ("day", 0)


def noon(m: re.Match, tense: str) -> tuple:
    suffix = "T24:00" if group(m, "noon").lower() == "midnight" else "T12:00"
    return "TIME", None, clock_day(m, tense), suffix


def const(value: str, kind: str = "DATE") -> Build:
    def build(m: re.Match, tense: str) -> tuple:
        return kind, value, (), ""

    return build


def fiscal(m: re.Match, tense: str) -> tuple:
    return "DATE", group(m, "year"), (), ""


def century(m: re.Match, tense: str) -> tuple:
    n = int(group(m, "cn"))
    return "DATE", f"{n - 1:02d}", (), ""
