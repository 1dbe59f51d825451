"""Temporal expressions: tables of sentences, publication dates and expected TIMEX3 values."""

from __future__ import annotations

import datetime as dt

import pytest

from stanceline.nlp.temporal import find_timexes, granularity

PUB = dt.date(2021, 6, 14)  # a Monday

# (sentence, [(text, type, value)]) with the publication date PUB
CASES = [
    # absolute dates at any granularity
    ("The accord was signed on 3 March 2021.", [("3 March 2021", "DATE", "2021-03-03")]),
    ("The accord was signed on March 3, 2021.", [("March 3, 2021", "DATE", "2021-03-03")]),
    ("She spoke on March 3.", [("March 3", "DATE", "2021-03-03")]),
    ("The talks collapsed in May 2018.", [("May 2018", "DATE", "2018-05")]),
    ("The border was closed in 2013.", [("2013", "DATE", "2013")]),
    ("The border was closed in the 1990s.", [("the 1990s", "DATE", "199")]),
    ("The file is dated 2021-02-01.", [("2021-02-01", "DATE", "2021-02-01")]),
    # relative ones, resolved against the publication date
    ("Veldt spoke yesterday.", [("yesterday", "DATE", "2021-06-13")]),
    ("Veldt will speak tomorrow.", [("tomorrow", "DATE", "2021-06-15")]),
    ("Veldt said on Tuesday that talks were over.", [("Tuesday", "DATE", "2021-06-08")]),
    ("Veldt will travel to Halden on Tuesday.", [("Tuesday", "DATE", "2021-06-15")]),
    ("Veldt spoke on Monday.", [("Monday", "DATE", "2021-06-14")]),
    ("Last Monday, Veldt spoke.", [("Last Monday", "DATE", "2021-06-07")]),
    ("The talks failed last week.", [("last week", "DATE", "2021-W23")]),
    ("The talks failed two years ago.", [("two years ago", "DATE", "2019")]),
    ("The talks failed three days ago.", [("three days ago", "DATE", "2021-06-11")]),
    ("The ministry said so earlier this month.", [("earlier this month", "DATE", "2021-06")]),
    ("Last August, Veldt told the assembly no.", [("Last August", "DATE", "2020-08")]),
    ("She said in October that she would stay.", [("October", "DATE", "2020-10")]),
    ("Kalden vowed this past winter to fight.", [("this past winter", "DATE", "2020-WI")]),
    ("The election will be held next year.", [("next year", "DATE", "2022")]),
    ("Trade fell last year.", [("last year", "DATE", "2020")]),
    ("In recent years the two sides drifted apart.", [("recent years", "DATE", "PAST_REF")]),
    ("The minister spoke this morning.", [("this morning", "TIME", "2021-06-14TMO")]),
    ("The vote is at 3:30 p.m.", [("3:30 p.m.", "TIME", "2021-06-14T15:30")]),
    ("The talks ended at noon Sunday.", [("noon Sunday", "TIME", "2021-06-13T12:00")]),
    ("The polls closed at 8 p.m. Saturday.", [("8 p.m. Saturday", "TIME", "2021-06-12T20:00")]),
    ("Profits rose in the third quarter.", [("the third quarter", "DATE", "2020-Q3")]),  # past: the last one
    # named days of a fixed date (data/temporal.txt [holidays]); the weekend; quarters named with their year
    ("Kalden spoke in his New Year's address.", [("New Year's", "DATE", "2021-01-01")]),
    ("The truce began on Christmas Eve.", [("Christmas Eve", "DATE", "2020-12-24")]),
    ("Talks resumed over the weekend.", [("the weekend", "DATE", "2021-W23-WE")]),
    ("Exports rose in this year's first quarter.", [("this year's first quarter", "DATE", "2021-Q1")]),
    ("Exports fell in the 2019 second quarter.", [("the 2019 second quarter", "DATE", "2019-Q2")]),
    ("Exports fell in the year-ago first quarter.", [("the year-ago first quarter", "DATE", "2020-Q1")]),
    ("Exports for the full year fell.", [("the full year", "DATE", "2021")]),
    (
        "Exports fell in the year ended March 31.",
        [("the year", "DURATION", "P1Y"), ("March 31", "DATE", "2021-03-31")],
    ),
    ("In June last year the talks failed.", [("June last year", "DATE", "2020-06")]),
    ("The border closed in nineteen ninety-six.", [("nineteen ninety-six", "DATE", "1996")]),
    ("The plan ran out by the year two thousand.", [("the year two thousand", "DATE", "2000")]),
    ("The editorial of Saturday, June 12: the talks failed.", [("Saturday, June 12", "DATE", "2021-06-12")]),
    ("Tarsk lost money in each of the past two quarters.", [("the past two quarters", "DURATION", "P2Q")]),
    # durations and sets
    ("The ceasefire lasted two weeks.", [("two weeks", "DURATION", "P2W")]),
    ("She served a two-year term.", [("two-year", "DURATION", "P2Y")]),
    ("Prices rose over the past three months.", [("the past three months", "DURATION", "P3M")]),
    ("The assembly meets every year.", [("every year", "SET", "P1Y")]),
    ("The ministry publishes figures daily.", [("daily", "SET", "P1D")]),
    ("Tarsk is now ready to talk.", [("now", "DATE", "PRESENT_REF")]),
    ("The ministry is currently reviewing the offer.", [("currently", "DATE", "PRESENT_REF")]),
    # must not be tagged
    ("Veldt may sign the accord.", []),
    ("May I ask a question?", []),
    ("Protesters will march on the capital.", []),
    ("The march drew thousands.", []),
    ("Tarsk sent 2,000 troops to the valley.", []),
    ("The law is set out in Section 2013 of the code.", []),
    ("The offer was worth $2013.", []),
    ("Turnout rose by 12 percent.", []),
    # titles and shares are no dates
    ("Veldt told USA TODAY the offer stood.", []),
    ("Kalden appeared on the Today show.", []),
    ("Tarsk imports a quarter of its grain.", []),
    ("Kalden, 52 years old, took office.", []),
    ("Tarsk imports three-quarters of its grain.", []),
    ("the new year brought no talks.", []),
]


# counted from an event of the narrative, not from the publication date: a duration (TimeBank), but "a
# year earlier" in a report compares with the year before publication
CASES += [
    ("Three days later, Veldt resigned.", [("Three days later", "DURATION", "P3D")]),
    ("A few days later, the talks resumed.", [("A few days later", "DURATION", "PXD")]),
    ("Kalden had left an hour earlier.", [("an hour earlier", "DURATION", "PT1H")]),
    ("Sales rose from a year earlier.", [("a year earlier", "DATE", "2020")]),
    ("Veldt resigned two years ago.", [("two years ago", "DATE", "2019")]),
]
# the tense of a clause: an infinitive of purpose has its main verb's, a modal perfect is past, an
# infinitive under a past perfect is past; "this September" is of the publication year whatever the tense
CASES += [
    (
        "The government staged a number of celebrations to mark the country's entry into the alliance "
        "on Friday.",
        [("Friday", "DATE", "2021-06-11")],
    ),
    ("Kalden planned to leave Halden on Friday.", [("Friday", "DATE", "2021-06-18")]),
    ("The rumour may have hurt the currency on Wednesday.", [("Wednesday", "DATE", "2021-06-09")]),
    ("The offer had been due to expire Friday.", [("Friday", "DATE", "2021-06-11")]),
    ("Veldt will speak on Friday.", [("Friday", "DATE", "2021-06-18")]),
    ("The election was set for this September.", [("this September", "DATE", "2021-09")]),
]
# a part of a year or month, hyphenated or not
CASES += [
    ("The plant closed in mid-1996.", [("mid-1996", "DATE", "1996")]),
    ("The plant closed in early 2020.", [("early 2020", "DATE", "2020")]),
    ("The talks stalled in late-November.", [("late-November", "DATE", "2020-11")]),
]
# named days on a weekday of a month (data/temporal.txt [weekday holidays])
CASES += [
    ("Kalden spoke on Memorial Day.", [("Memorial Day", "DATE", "2021-05-31")]),
    ("Tarsk will vote on Labor Day.", [("Labor Day", "DATE", "2021-09-06")]),
    ("The border closed on Thanksgiving.", [("Thanksgiving", "DATE", "2020-11-26")]),
    ("Kalden gave thanks for the harvest.", []),
]
# sets of a weekday or a month; a gerund after a preposition takes its verb's tense
CASES += [
    ("The council meets each Thursday.", [("each Thursday", "SET", "XXXX-WXX-4")]),
    ("Protesters gather every Sunday evening.", [("every Sunday evening", "SET", "XXXX-WXX-7TEV")]),
    ("The fleet sails every July.", [("every July", "SET", "XXXX-07")]),
    # the noun 'march', and midday
    ("Thousands joined the annual March for Peace in Halden.", []),
    ("The polls closed in March.", [("March", "DATE", "2021-03")]),
    ("The talks resumed at midday.", [("midday", "TIME", "2021-06-14T12:00")]),
    # a half of a unit in the next smaller one; "the past decade" is the last ten years, "the last decade"
    # a decade
    ("The talks lasted 5 1/2 hours.", [("5 1/2 hours", "DURATION", "PT5H30M")]),
    ("Kalden served 2 1/2 years in office.", [("2 1/2 years", "DURATION", "P2Y6M")]),
    ("The vote took a minute and a half.", [("a minute and a half", "DURATION", "PT1M30S")]),
    ("Prices rose in the past decade.", [("the past decade", "DURATION", "P10Y")]),
    ("The last decade was calm.", [("The last decade", "DATE", "201")]),
    # a day read out as an ordinal, a weekday and its date as one expression, the week of a day
    ("The vote was held on March eighth.", [("March eighth", "DATE", "2021-03-08")]),
    ("The summit opened on May the twenty-first.", [("May the twenty-first", "DATE", "2021-05-21")]),
    ("Veldt spoke last Tuesday, June 8.", [("last Tuesday, June 8", "DATE", "2021-06-08")]),
    ("The talks resumed the week of June 7.", [("the week of June 7", "DATE", "2021-W23")]),
    # a part of day before the day; decades read out
    ("Trading halted in mid afternoon yesterday.", [("mid afternoon yesterday", "TIME", "2021-06-13TAF")]),
    ("Prices soared in the nineties.", [("the nineties", "DATE", "199")]),
    ("Veldt visited Halden in the early sixties.", [("the early sixties", "DATE", "196")]),
    ("Tarsk can take part in planning for the summit in April.", [("April", "DATE", "2022-04")]),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_timexes(nlp, text, expected):
    doc = nlp(text)
    got = [(t.text, t.type, t.value) for t in find_timexes(doc, PUB)]
    assert got == expected
    for t in find_timexes(doc, PUB):
        assert text[t.start : t.end] == t.text


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Veldt spoke yesterday.", [("yesterday", None)]),
        ("Veldt said on Tuesday that talks were over.", [("Tuesday", None)]),
        ("The accord was signed on 3 March 2021.", [("3 March 2021", "2021-03-03")]),
        ("The talks lasted two weeks.", [("two weeks", "P2W")]),
    ],
)
def test_relative_values_stay_null_without_a_publication_date(nlp, text, expected):
    assert [(t.text, t.value) for t in find_timexes(nlp(text), None)] == expected


def test_timexes_are_in_the_contract(analyze):
    result = analyze("Veldt said on Tuesday that Tarsk would sign in 2022.", published="2021-06-14")
    assert [t.to_dict() for t in result.timexes] == [
        {"start": 14, "end": 21, "text": "Tuesday", "type": "DATE", "value": "2021-06-08"},
        {"start": 47, "end": 51, "text": "2022", "type": "DATE", "value": "2022"},
    ]


def test_component_sets_a_span_group(nlp):
    doc = nlp("Veldt spoke on Tuesday.")
    assert [(s.text, s.label_) for s in doc.spans["stanceline.timex"]] == [("Tuesday", "DATE")]


@pytest.mark.parametrize(
    "value,expected",
    [
        ("2021-03-03", "day"),
        ("2021-03-03TEV", "day"),
        ("2021-03", "month"),
        ("2021", "year"),
        ("199", "decade"),
        ("2021-W23", "unknown"),
        ("P2W", "unknown"),
        (None, "unknown"),
    ],
)
def test_granularity(value, expected):
    assert granularity(value) == expected


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        # two months ahead of publication in a past clause is still this year's ("payable Aug. 20") ...
        (("monthday", 8, 20, "past"), "2021-08-20"),
        # ... three or more ahead, last year's
        (("monthday", 9, 20, "past"), "2020-09-20"),
        (("monthname", 10, "past"), "2020-10"),
        (("monthname", 8, "last"), "2020-08"),
    ],
)
def test_year_of_a_month_named_without_one(rule, expected):
    from stanceline.nlp.temporal import TimexDraft, resolve

    assert resolve(TimexDraft(0, 1, "x", "DATE", None, rule), PUB) == expected


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        # when something was said, a month two ahead of publication is last year's
        (("monthday", 8, 20, "past"), "2020-08-20"),
        (("monthname", 8, "past"), "2020-08"),
        # a month one ahead is no evidence (after publication): the publication date
        (("monthday", 7, 2, "past"), "2021-06-14"),
    ],
)
def test_said_on_reads_a_month_backwards(rule, expected):
    from stanceline.nlp.temporal import DatingDraft, TimexDraft, resolve_said_on

    draft = DatingDraft("explicit", TimexDraft(0, 1, "x", "DATE", None, rule))
    assert resolve_said_on(draft, PUB, "x").value == expected
