"""The output contract ``stanceline.article/1``: every key present in every object,
and a lossless round trip."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from stanceline.model import (
    SCHEMA,
    Actor,
    Analysis,
    Article,
    Cue,
    Published,
    SaidOn,
    Source,
    Span,
    Stance,
    Statement,
    Timex,
    text_id,
)

# The keys of each object in docs/contract.md; "Absent values are null (or [] for lists), never missing keys."
TOP = {"schema", "article", "actors", "statements", "timexes", "events"}
ARTICLE = {"id", "path", "url", "title", "source", "published", "language", "chars"}
PUBLISHED = {"value", "basis"}
ACTOR = {"id", "name", "kind", "titles", "country", "mentions"}
SPAN = {"start", "end", "text"}
STATEMENT = {"id", "kind", "source", "cue", "content", "said_on", "stances", "corrected", "confidence"}
SOURCE = {"start", "end", "text", "actor", "resolved_by"}
CUE = {"start", "end", "text", "lemma"}
SAID_ON = {"value", "granularity", "basis", "evidence"}
STANCE = {
    "topic",
    "target",
    "stance",
    "conditions",
    "cues",
    "rule",
    "confidence",
    "counterpart",
    "carried_from",
}
TIMEX = {"start", "end", "text", "type", "value"}
EVENT = {
    "id",
    "type",
    "mode",
    "context",
    "trigger",
    "source",
    "target",
    "location",
    "happened_on",
    "negated",
    "hypothetical",
    "statement",
    "confidence",
}
PARTY = SPAN | {"actor", "country", "sector"}

TEXT = (
    'On March 3, Prime Minister Anaya Veldt said "we will talk once the embargo is lifted". '
    "Officials said the border would stay closed."
)


def _span(sub: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(sub, start + 1)
    return Span.of(TEXT, start, start + len(sub))


def _cue(sub: str, lemma: str, nth: int = 0) -> Cue:
    s = _span(sub, nth)
    return Cue(s.start, s.end, s.text, lemma)


def _timex(sub: str, kind: str, value: str | None) -> Timex:
    s = _span(sub)
    return Timex(s.start, s.end, s.text, kind, value)


def full_analysis(include_text: bool = False) -> Analysis:
    """Every optional part filled in."""
    veldt = _span("Prime Minister Anaya Veldt")
    content = _span('"we will talk once the embargo is lifted"')
    return Analysis(
        article=Article(
            text=TEXT,
            path="a.txt",
            url="https://example.org/a",
            title="Talks",
            source="Ledger",
            published=Published("2021-06-14", "given"),
        ),
        actors=(Actor("a1", "Anaya Veldt", "person", ("Prime Minister",), "TRK", (veldt,)),),
        statements=(
            Statement(
                id="s1",
                kind="mixed",
                source=Source(veldt.start, veldt.end, veldt.text, "a1", "name"),
                cue=_cue("said", "say"),
                content=(content,),
                said_on=SaidOn("2021-03-03", "day", "explicit", _span("March 3")),
                stances=(
                    Stance(
                        "negotiations",
                        "conditional",
                        _span("talk"),
                        (_span("once the embargo is lifted"),),
                        ("once",),
                        0.8,
                    ),
                ),
                confidence=0.9,
            ),
            Statement(
                id="s2",
                kind="indirect",
                source=Source(None, None, None, None, "none"),
                cue=_cue("said", "say", nth=1),
                content=(_span("the border would stay closed"),),
                said_on=SaidOn("2021-06-14", "day", "publication", None),
                stances=(Stance("border", "oppose"),),
                confidence=0.5,
            ),
        ),
        timexes=(_timex("March 3", "DATE", "2021-03-03"),),
        include_text=include_text,
    )


def bare_analysis(include_text: bool = False) -> Analysis:
    """Nothing optional: every absent value must still be a key, null or []."""
    return Analysis(
        article=Article(text=TEXT),
        statements=(
            Statement(
                id="s1",
                kind="indirect",
                source=None,
                cue=None,
                content=(_span("the border would stay closed"),),
            ),
        ),
        include_text=include_text,
    )


def _check_keys(d: dict, *, with_text: bool) -> None:
    assert set(d) == TOP
    assert d["schema"] == SCHEMA
    assert set(d["article"]) == ARTICLE | ({"text"} if with_text else set())
    assert set(d["article"]["published"]) == PUBLISHED
    for a in d["actors"]:
        assert set(a) == ACTOR
        assert isinstance(a["titles"], list) and isinstance(a["mentions"], list)
        for m in a["mentions"]:
            assert set(m) == SPAN
    for s in d["statements"]:
        assert set(s) == STATEMENT
        assert s["source"] is None or set(s["source"]) == SOURCE
        assert s["cue"] is None or set(s["cue"]) == CUE
        assert isinstance(s["content"], list) and s["content"]
        for c in s["content"]:
            assert set(c) == SPAN
        if s["said_on"] is not None:
            assert set(s["said_on"]) == SAID_ON
            assert s["said_on"]["evidence"] is None or set(s["said_on"]["evidence"]) == SPAN
        assert isinstance(s["stances"], list)
        for st in s["stances"]:
            assert set(st) == STANCE
            assert st["target"] is None or set(st["target"]) == SPAN
            assert isinstance(st["conditions"], list) and isinstance(st["cues"], list)
            for c in st["conditions"]:
                assert set(c) == SPAN
    for t in d["timexes"]:
        assert set(t) == TIMEX
    for e in d["events"]:
        assert set(e) == EVENT and set(e["trigger"]) == SPAN and set(e["happened_on"]) == SAID_ON
        assert all(e[k] is None or set(e[k]) == PARTY for k in ("source", "target"))
        assert e["location"] is None or set(e["location"]) == SPAN | {"country"}
        assert isinstance(e["context"], list)


@pytest.mark.parametrize("make", [full_analysis, bare_analysis])
@pytest.mark.parametrize("include_text", [False, True])
def test_to_dict_has_exactly_the_contract_keys(make, include_text):
    d = make(include_text).to_dict()
    _check_keys(d, with_text=include_text)
    json.dumps(d)  # plain JSON types only


def test_absent_values_are_null_or_empty_lists():
    d = bare_analysis().to_dict()
    assert d["article"] == {
        "id": text_id(TEXT),
        "path": None,
        "url": None,
        "title": None,
        "source": None,
        "published": {"value": None, "basis": "unknown"},
        "language": "en",
        "chars": len(TEXT),
    }
    assert d["actors"] == [] and d["timexes"] == [] and d["events"] == []
    [s] = d["statements"]
    assert (s["source"], s["cue"], s["said_on"], s["stances"]) == (None, None, None, [])
    s2 = full_analysis().to_dict()["statements"][1]
    assert s2["source"] == {"start": None, "end": None, "text": None, "actor": None, "resolved_by": "none"}
    assert s2["said_on"]["evidence"] is None
    assert s2["stances"] == [
        {
            "topic": "border",
            "target": None,
            "stance": "oppose",
            "conditions": [],
            "cues": [],
            "rule": None,
            "confidence": 0.0,
            "counterpart": None,
            "carried_from": None,
        }
    ]


@pytest.mark.parametrize("make", [full_analysis, bare_analysis])
def test_every_span_is_a_slice_of_the_text(make):
    d = make().to_dict()
    stack: list = [d]
    spans = 0
    while stack:
        x = stack.pop()
        if isinstance(x, dict):
            if {"start", "end", "text"} <= set(x) and x["start"] is not None:
                assert x["text"] == TEXT[x["start"] : x["end"]]
                spans += 1
            stack.extend(x.values())
        elif isinstance(x, list):
            stack.extend(x)
    assert spans


@pytest.mark.parametrize("make", [full_analysis, bare_analysis])
def test_round_trip_with_text_included(make):
    a = make(include_text=True)
    d = a.to_dict()
    back = Analysis.from_dict(json.loads(json.dumps(d)))
    assert back == a
    assert back.to_dict() == d


@pytest.mark.parametrize("make", [full_analysis, bare_analysis])
def test_round_trip_with_text_given(make):
    a = make()
    d = a.to_dict()
    back = Analysis.from_dict(json.loads(json.dumps(d)), text=TEXT)
    assert back == a
    assert back.to_dict() == d


SENTENCES = [
    '"We will not talk while they threaten us," Prime Minister Anaya Veldt said on Monday.',
    '"We are ready," she said, "but only if the sanctions are lifted." Officials said the offer stood.',
    "The foreign minister, Ilse Marrow, told reporters that the government remained committed to peace. "
    "She added that talks would resume next week.",
    "Veldt signed the decree on Monday.",  # no statement at all
]


@pytest.mark.parametrize("text", SENTENCES)
def test_real_analysis_keys_and_round_trip(analyze, text):
    a = analyze(text, published="2021-06-14", title="Talks")
    d = a.to_dict()
    _check_keys(d, with_text=False)
    assert d["article"]["published"] == {"value": "2021-06-14", "basis": "given"}
    assert d["article"]["chars"] == len(text)
    assert Analysis.from_dict(d, text=text) == a


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("2024-05-08", Published("2024-05-08", "given")),
        (" 2024-05-08 ", Published("2024-05-08", "given")),
        (dt.date(2024, 5, 8), Published("2024-05-08", "given")),
        (dt.datetime(2024, 5, 8, 9, 30), Published("2024-05-08", "given")),
        (None, Published()),
        ("", Published()),
        (Published("2024-01-02", "html"), Published("2024-01-02", "html")),  # a Published stays as given
    ],
)
def test_article_takes_a_publication_date_as_a_string_or_a_date(given, expected):
    # Article(text=..., published="2024-05-08") is what a user writes (README): it was E014 at analysis
    assert Article(text="Prime Minister Anaya Veldt of Velmora spoke.", published=given).published == expected


@pytest.mark.parametrize("bad", ["08/05/2024", "2024-13-01", "May 8"])
def test_article_with_a_publication_date_that_is_no_date_is_e010(bad):
    from stanceline.errors import StancelineError

    with pytest.raises(StancelineError, match="E010"):
        Article(text="President Kalden of Tarsk spoke.", published=bad)
