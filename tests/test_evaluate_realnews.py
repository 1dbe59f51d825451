"""Unit tests of the real-news scoring (``stanceline.evaluate.realnews``) on small invented data.

No spaCy and no corpus: predictions are hand-written contract dicts about fictional people.
"""

from __future__ import annotations

from typing import Any

import pytest

from stanceline.evaluate.realnews import (
    NONE,
    Rate,
    best_statement,
    confusion,
    counted_label,
    covered,
    format_realnews,
    is_found,
    label_scores,
    quote_span,
    said_on_matches,
    score_realnews,
    score_shifts,
    speaker_matches,
)

TEXT = (
    'Prime Minister Anaya Veldt said on Monday that Velmora "will return to the talks once the blockade '
    'ends." The Norwegian government said it would keep its sanctions in place. Tomas Brekke, the envoy, '
    "said nothing was settled."
)
QUOTE_VELDT = "will return to the talks once the blockade ends"
QUOTE_OSLO = "it would keep its sanctions in place"
QUOTE_BREKKE = "nothing was settled"


def span(sub: str) -> dict[str, Any]:
    start = TEXT.index(sub)
    return {"start": start, "end": start + len(sub), "text": sub}


def statement(
    sid: str,
    content: list[str],
    *,
    actor: str | None = None,
    source: str | None = None,
    said_on: tuple[str | None, str] = (None, "unknown"),
    stances: list[tuple[str, str]] = (),
) -> dict[str, Any]:
    return {
        "id": sid,
        "kind": "indirect",
        "source": ({**span(source), "actor": actor} if source else None),
        "cue": None,
        "content": [span(c) for c in content],
        "said_on": {"value": said_on[0], "granularity": "day", "basis": said_on[1], "evidence": None},
        "stances": [{"topic": t, "stance": s} for t, s in stances],
    }


PREDICTION = {
    "actors": [
        {"id": "a1", "name": "Anaya Veldt", "kind": "person"},
        {"id": "a2", "name": "Norway", "kind": "country"},
    ],
    "statements": [
        statement(
            "s1",
            ["will return to the talks once the blockade ends."],
            actor="a1",
            source="Prime Minister Anaya Veldt",
            said_on=("2031-03-03", "explicit"),
            stances=[("negotiations", "conditional")],
        ),
        statement(
            "s2",
            ["it would keep its sanctions"],  # 27 of the 36 characters of QUOTE_OSLO
            actor="a2",
            source="The Norwegian government",
            said_on=("2031-03-04", "publication"),
            stances=[("sanctions", "neutral")],
        ),
    ],
}

GOLD = [
    {
        "article": "v1",
        "speaker": "Anaya Veldt",
        "quote": QUOTE_VELDT,
        "said_on": "2031-03-03",
        "said_on_basis": "explicit",
        "topic": "negotiations",
        "stance": "conditional",
    },
    {  # the same statement on a second topic: no stance predicted on it
        "article": "v1",
        "speaker": "Anaya Veldt",
        "quote": QUOTE_VELDT,
        "said_on": "2031-03",
        "said_on_basis": "context",
        "topic": "aid",
        "stance": "support",
    },
    {
        "article": "v1",
        "speaker": "Norwegian government",
        "quote": QUOTE_OSLO,
        "said_on": "2031-03-04",
        "said_on_basis": "publication",
        "topic": "sanctions",
        "stance": "support",
    },
    {  # not predicted at all
        "article": "v1",
        "speaker": "Tomas Brekke",
        "quote": QUOTE_BREKKE,
        "said_on": "2031-03-04",
        "said_on_basis": "publication",
        "topic": "agreement",
        "stance": "oppose",
    },
    {  # no topic: counts for found, speaker and date only
        "article": "v1",
        "speaker": "Anaya Veldt",
        "quote": QUOTE_VELDT,
        "said_on": "2031-03-03",
        "said_on_basis": "explicit",
        "topic": None,
        "stance": None,
    },
]


# ---- found ----------------------------------------------------------------------------------------------


def test_quote_span_is_the_first_occurrence() -> None:
    assert quote_span("said no, then said no", "said no") == (0, 7)
    assert quote_span(TEXT, "not in the text") is None
    assert quote_span(TEXT, "") is None


def test_covered_counts_each_character_once() -> None:
    assert covered((10, 20), [(0, 12), (11, 15), (18, 30)]) == 2 + 3 + 2
    assert covered((10, 20), [(20, 30), (0, 10)]) == 0


@pytest.mark.parametrize(("end", "found"), [(5, True), (4, False)])
def test_found_at_half_of_the_quote(end: int, found: bool) -> None:
    quote = (0, 10)
    index, chars = best_statement(quote, [{"content": [{"start": 0, "end": end}]}])
    assert (index, chars) == (0, end)
    assert is_found(quote, chars) is found


def test_best_statement_is_the_best_covering_earliest_on_a_tie() -> None:
    statements = [
        {"content": [{"start": 0, "end": 3}]},
        {"content": [{"start": 2, "end": 9}]},
        {"content": [{"start": 2, "end": 9}]},
    ]
    assert best_statement((0, 10), statements) == (1, 7)
    assert best_statement((20, 30), statements) == (None, 0)


# ---- speaker --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("predicted", "gold", "ok"),
    [
        ("Anaya Veldt", "Anaya Veldt", True),
        ("Veldt", "Anaya Veldt", True),  # family name
        ("Anaya", "Anaya Veldt", True),  # given name
        ("Prime Minister Anaya Veldt", "Anaya Veldt", True),
        ("anaya  VELDT", "Anaya Veldt", True),
        ("Brekke", "Anaya Veldt", False),
        ("Veldtberg", "Anaya Veldt", False),  # whole words only
        ("Seo Min-ah", "Seo Min Ah", True),  # hyphen splits words
        (None, "Anaya Veldt", False),
        ("", "Anaya Veldt", False),
    ],
)
def test_speaker_by_name_or_distinctive_word(predicted: str | None, gold: str, ok: bool) -> None:
    assert speaker_matches(predicted, gold) is ok


@pytest.mark.parametrize(
    ("predicted", "gold"),
    [
        ("Foreign Ministry", "Velmora Foreign Ministry"),
        ("the president", "President Anaya Veldt"),
        ("State Department spokesman", "Velmora State Department"),
        ("the government", "Velmora government"),
        ("Defence Ministry of Chile", "Velmora Foreign Ministry"),
    ],
)
def test_generic_words_do_not_count(predicted: str, gold: str) -> None:
    assert not speaker_matches(predicted, gold)


def test_a_body_is_found_by_its_own_name() -> None:
    assert speaker_matches("a Velmora Foreign Ministry statement", "Velmora Foreign Ministry")
    assert speaker_matches("Velmora", "Velmora Foreign Ministry")  # not a known country: a distinctive word


@pytest.mark.parametrize(
    ("predicted", "ok"),
    [
        ("Ukraine", True),
        ("Kyiv", True),
        ("Kiev", True),  # the older spelling
        ("the Ukrainian Foreign Ministry", True),
        ("Ukrainian government", True),
        ("Ukrainian rebels", False),  # a group of the country is not its government
        ("Moscow", False),
        ("Olena Ukrainka", False),
    ],
)
def test_a_government_matches_its_country_or_capital(predicted: str, ok: bool) -> None:
    assert speaker_matches(predicted, "Ukrainian government") is ok


def test_country_abbreviations_match_only_as_written() -> None:
    assert speaker_matches("Washington", "U.S. Embassy")
    assert speaker_matches("U.S.", "US government")
    assert speaker_matches("the United States", "US government")
    assert not speaker_matches("us", "US government")  # the pronoun
    assert speaker_matches("Oslo", "Norwegian Foreign Ministry")
    assert not speaker_matches("Oslo", "Chilean Foreign Ministry")


def test_a_person_is_not_matched_by_a_country() -> None:
    assert not speaker_matches("Norway", "Anaya Veldt")
    assert not speaker_matches("Norway", "Norwegian Prime Minister Ingrid Dahl")
    assert speaker_matches("Dahl", "Norwegian Prime Minister Ingrid Dahl")


# ---- said_on --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "gold", "ok"),
    [
        ("2031-03-03", "2031-03-03", True),
        ("2031-03-04", "2031-03-03", False),
        ("2031-03", "2031-03-03", False),  # coarser than the gold day
        ("2031-03", "2031-03", True),
        ("2031-03-03", "2031-03", False),  # finer than a month gold
        ("2031", "2031-03", False),
        ("2031", "2031", True),
        ("2031-03", "2031", False),  # finer than a year gold
        (None, "2031-03-03", False),
    ],
)
def test_said_on_prefix_and_granularity(value: str | None, gold: str, ok: bool) -> None:
    assert said_on_matches({"value": value, "basis": "explicit"}, gold, "explicit") is ok


def test_said_on_finer_allowed_is_only_a_diagnostic() -> None:
    assert said_on_matches({"value": "2031-03-03"}, "2031-03", "context", allow_finer=True)
    assert not said_on_matches({"value": "2031-04-03"}, "2031-03", "context", allow_finer=True)


def test_publication_basis_is_right_for_a_publication_gold() -> None:
    predicted = {"value": "2031-03-09", "basis": "publication"}
    assert said_on_matches(predicted, "2031-03-04", "publication")
    assert not said_on_matches(predicted, "2031-03-04", "context")
    assert not said_on_matches({"value": "2031-03-09", "basis": "explicit"}, "2031-03-04", "publication")
    assert said_on_matches({"value": "2031-03-04", "basis": "explicit"}, "2031-03-04", "publication")
    assert not said_on_matches(None, "2031-03-04", "publication")


# ---- stance ---------------------------------------------------------------------------------------------


def test_counted_label_prefers_the_gold_label() -> None:
    assert counted_label(("neutral", "support"), "support") == "support"
    assert counted_label(("neutral", "oppose"), "support") == "neutral"
    assert counted_label((), "support") == NONE


def test_macro_f1_over_the_gold_labels() -> None:
    pairs = [
        ("support", "support"),
        ("support", "support"),
        ("support", "oppose"),
        ("support", NONE),
        ("oppose", "oppose"),
        ("oppose", "neutral"),  # neutral is predicted but not in the gold: not averaged
    ]
    labels, macro = label_scores(pairs)
    assert list(labels) == ["support", "oppose"]
    s, o = labels["support"], labels["oppose"]
    assert (s.gold, s.predicted, s.right) == (4, 2, 2)
    assert (o.gold, o.predicted, o.right) == (2, 2, 1)
    f_support = 2 * 1.0 * 0.5 / 1.5  # P 2/2, R 2/4
    f_oppose = 0.5  # P 1/2, R 1/2
    assert s.prf.f1 == pytest.approx(f_support)
    assert macro == pytest.approx((f_support + f_oppose) / 2)
    table = confusion(pairs)
    assert list(table) == ["support", "oppose"]
    assert list(table["support"]) == ["support", "oppose", "neutral", NONE]
    assert table["support"] == {"support": 2, "oppose": 1, "neutral": 0, NONE: 1}
    assert label_scores([]) == ({}, 0.0)


# ---- shifts ---------------------------------------------------------------------------------------------

GOLD_SHIFTS = {
    "shifts": [
        {"actor": "Anaya Veldt", "topic": "negotiations", "from": "oppose", "to": "support"},
        {"actor": "Velmora Foreign Ministry", "topic": "sanctions", "from": "support", "to": "oppose"},
        {"actor": "Norwegian government", "topic": "aid", "from": "oppose", "to": "conditional"},
    ],
    "no_shift": [{"actor": "Tomas Brekke", "topic": "ceasefire", "stance": "support"}],
}


def test_shift_matching_and_false_alarms() -> None:
    predicted = [
        {"actor": "Veldt", "topic": "negotiations", "from": "oppose", "to": "support"},  # found
        {
            "actor": "Velmora Foreign Ministry",
            "topic": "sanctions",
            "from": "oppose",
            "to": "support",
        },  # reversed
        {"actor": "Oslo", "topic": "aid", "from": "oppose", "to": "conditional"},  # found: a government
        {"actor": "Brekke", "topic": "ceasefire", "from": "support", "to": "oppose"},  # false alarm
        {"actor": "Brekke", "topic": "aid", "from": "support", "to": "oppose"},  # another topic: no alarm
    ]
    result = score_shifts(predicted, GOLD_SHIFTS)
    assert (result.gold, result.found, result.predicted, result.false_alarms) == (3, 2, 5, 1)
    assert result.missed == ("Velmora Foreign Ministry on sanctions: support → oppose",)
    assert result.alarms == ("Brekke on ceasefire: support → oppose",)
    assert score_shifts([], GOLD_SHIFTS).found == 0


# ---- the corpus -----------------------------------------------------------------------------------------


def test_score_realnews_end_to_end() -> None:
    scores = score_realnews(
        {"v1": (TEXT, PREDICTION)},
        GOLD,
        predicted_shifts=[{"actor": "Veldt", "topic": "negotiations", "from": "oppose", "to": "support"}],
        gold_shifts=GOLD_SHIFTS,
    )
    assert (scores.documents, scores.predicted, scores.gold, scores.quotes_missing) == (1, 2, 5, 0)
    found = [r.found for r in scores.statements]
    assert found == [True, True, True, False, True]  # Oslo's 27 of 36 characters: found
    assert scores.found == Rate(4, 5, 0.8)
    assert scores.speaker == Rate.of(4, 5)  # Norway for the Norwegian government; the miss is wrong
    # dates: day right; month gold given a day; publication basis; the miss; day right
    assert [r.said_on_ok for r in scores.statements] == [True, False, True, False, True]
    assert scores.said_on_finer_allowed == Rate.of(4, 5)
    assert scores.said_on_by_basis["publication"] == Rate.of(1, 2)
    # stances over the 4 gold lines with a topic: only Veldt's conditional is right
    assert scores.stance == Rate.of(1, 4)
    assert [r.predicted_stance for r in scores.statements] == ["conditional", NONE, "neutral", NONE, None]
    assert scores.confusion["support"] == {"support": 0, "oppose": 0, "conditional": 0, "neutral": 1, NONE: 1}
    assert scores.stance_macro_f1 == pytest.approx(1 / 3)  # conditional F1 1, support 0, oppose 0
    assert scores.shifts is not None and scores.shifts.found == 1
    text = format_realnews(scores)
    assert "found" in text and "macro-F1 0.333" in text and "shifts: 1 of 3 gold found" in text


def test_absent_article_and_quote_are_misses() -> None:
    gold = [dict(GOLD[0], article="elsewhere"), dict(GOLD[0], quote="words nobody wrote")]
    scores = score_realnews({"v1": (TEXT, PREDICTION)}, gold)
    assert scores.found == Rate.of(0, 2)
    assert scores.quotes_missing == 2
    assert scores.shifts is None
