"""Unit tests of the scoring functions, on small synthetic relations (no spaCy, no corpora)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from stanceline.evaluate import (
    PRF,
    STATEMENT_MATCH_F,
    GoldArticle,
    Relation,
    Tokens,
    format_sample,
    format_stance,
    format_table,
    gold_item_stances,
    load_brat,
    match_relations,
    normalise,
    read_stance_gold,
    relations_from_analysis,
    score_corpus,
    score_dating,
    score_sample,
    score_stance_items,
    score_stance_sample,
    unite_stances,
)
from stanceline.model import Actor, Analysis, Article, Cue, Source, Span, Statement

#          0         1         2         3         4         5         6         7
#          0123456789012345678901234567890123456789012345678901234567890123456789012345
TEXT = '"We will sign," Veldt said, "once tariffs drop." Officials said talks stalled.'
WE_WILL_SIGN = (0, 15)  # '"We will sign,"'
VELDT = (16, 21)
SAID = (22, 26)
ONCE = (28, 48)  # '"once tariffs drop."'
OFFICIALS = (49, 58)
SAID2 = (59, 63)
TALKS = (64, 77)  # 'talks stalled' (no full stop)


def span_of(text: str, sub: str) -> tuple[int, int]:
    start = text.index(sub)
    return start, start + len(sub)


def test_offsets_of_the_fixture() -> None:
    assert TEXT[slice(*VELDT)] == "Veldt"
    assert TEXT[slice(*ONCE)] == '"once tariffs drop."'
    assert TEXT[slice(*TALKS)] == "talks stalled"


@pytest.mark.parametrize(
    ("text", "pieces", "expected"),
    [
        ('"We will sign,"', [(0, 15)], ((1, 13),)),
        ("\u201cYes\u201d", [(0, 5)], ((1, 4),)),
        ("\u2018no\u2019 \u2014 ", [(0, 7)], ((1, 3),)),
        ("x \u2015word\u2013 y", [(2, 9)], ((3, 7),)),
        ("  ,;  ", [(0, 6)], ((2, 4),)),
        ("a \u2015 b", [(2, 3)], ((2, 3),)),
        ("   ", [(0, 3)], ()),
        # pieces separated only by punctuation and spaces are joined
        ("one, two", [(5, 8), (0, 4)], ((0, 8),)),
        # a word between pieces keeps them apart
        ("one he said two", [(0, 3), (12, 15)], ((0, 3), (12, 15))),
        # a symbol is not punctuation
        ("$100", [(0, 4)], ((0, 4),)),
    ],
    ids=[
        "straight-quotes",
        "curly-double",
        "curly-single-dash",
        "horizontal-bar-en-dash",
        "all-punct-kept",
        "punct-cue-kept",
        "blank-dropped",
        "join-across-comma",
        "keep-apart-across-words",
        "keep-dollar",
    ],
)
def test_normalise(text: str, pieces: list[tuple[int, int]], expected: tuple[tuple[int, int], ...]) -> None:
    assert normalise(text, pieces) == expected


def test_tokens_touching_a_span() -> None:
    tokens = Tokens("ab cd-ef")
    assert tokens.of([(0, 2)]) == {0}
    assert tokens.of([(1, 4)]) == {0, 1}  # a cut word still counts as that token
    assert tokens.of([(2, 3)]) == set()
    assert tokens.of([(0, 2), (6, 8)]) == {0, 2}


def _one(role: str, scores: Any, measure: str = "exact") -> PRF:
    return getattr(getattr(scores, role), measure)


@pytest.mark.parametrize(
    ("predicted", "gold", "role", "measure", "expected"),
    [
        # quotes and the comma inside them do not matter for exact match
        (
            [Relation((VELDT,), (SAID,), ((1, 13),))],
            [Relation((VELDT,), (SAID,), (WE_WILL_SIGN,))],
            "content",
            "exact",
            (1.0, 1.0),
        ),
        # discontinuous content, same pieces
        (
            [Relation((VELDT,), (SAID,), (WE_WILL_SIGN, ONCE))],
            [Relation((VELDT,), (SAID,), (ONCE, WE_WILL_SIGN))],
            "content",
            "exact",
            (1.0, 1.0),
        ),
        # one piece over both is not the discontinuous gold
        (
            [Relation((VELDT,), (SAID,), ((0, 48),))],
            [Relation((VELDT,), (SAID,), (WE_WILL_SIGN, ONCE))],
            "content",
            "exact",
            (0.0, 0.0),
        ),
        # ...but overlaps it: 6 shared of 8 predicted tokens, 6 of 6 gold
        (
            [Relation((VELDT,), (SAID,), ((0, 48),))],
            [Relation((VELDT,), (SAID,), (WE_WILL_SIGN, ONCE))],
            "content",
            "overlap",
            (6 / 8, 1.0),
        ),
        # overlap of a longer source: 1 shared of 2 predicted, 1 of 1 gold
        (
            [Relation(((9, 21),), (SAID,), (WE_WILL_SIGN,))],
            [Relation((VELDT,), (SAID,), (WE_WILL_SIGN,))],
            "source",
            "overlap",
            (0.5, 1.0),
        ),
        # a missing predicted source is neither a hit nor a predicted source
        (
            [Relation(None, (SAID,), (WE_WILL_SIGN,))],
            [Relation((VELDT,), (SAID,), (WE_WILL_SIGN,))],
            "source",
            "exact",
            (0.0, 0.0),
        ),
        # both without a source: nothing to score
        (
            [Relation(None, (SAID,), (WE_WILL_SIGN,))],
            [Relation(None, (SAID,), (WE_WILL_SIGN,))],
            "source",
            "exact",
            (0.0, 0.0),
        ),
        # cue matches even though the content is wrong: the pair matches through its cue
        (
            [Relation((VELDT,), (SAID,), (TALKS,))],
            [Relation((VELDT,), (SAID,), (WE_WILL_SIGN,))],
            "cue",
            "exact",
            (1.0, 1.0),
        ),
        # no content and no cue overlap: no match, so nothing scores
        (
            [Relation((VELDT,), (SAID2,), (TALKS,))],
            [Relation((VELDT,), (SAID,), (WE_WILL_SIGN,))],
            "source",
            "exact",
            (0.0, 0.0),
        ),
        # a punctuation cue (the comma after "sign") scores all or nothing, in both measures
        (
            [Relation((VELDT,), ((13, 14),), (WE_WILL_SIGN,))],
            [Relation((VELDT,), ((13, 14),), (WE_WILL_SIGN,))],
            "cue",
            "overlap",
            (1.0, 1.0),
        ),
        (
            [Relation((VELDT,), ((14, 15),), (WE_WILL_SIGN,))],
            [Relation((VELDT,), ((13, 14),), (WE_WILL_SIGN,))],
            "cue",
            "overlap",
            (0.0, 0.0),
        ),
    ],
    ids=[
        "exact-strips-quotes",
        "discontinuous-same",
        "discontinuous-vs-one-piece",
        "overlap-arithmetic",
        "overlap-source",
        "missing-source",
        "no-source-either-side",
        "match-through-cue",
        "no-overlap-no-match",
        "punctuation-cue-same",
        "punctuation-cue-different",
    ],
)
def test_span_scores(
    predicted: list[Relation], gold: list[Relation], role: str, measure: str, expected: tuple[float, float]
) -> None:
    scores = score_corpus([(TEXT, predicted, gold)])
    prf = _one(role, scores, measure)
    assert (prf.precision, prf.recall) == pytest.approx(expected)


def test_two_predictions_compete_for_one_gold() -> None:
    gold = [Relation((VELDT,), (SAID,), (WE_WILL_SIGN,))]
    loose = Relation((VELDT,), (SAID,), ((0, 48),))
    tight = Relation((VELDT,), (SAID,), (WE_WILL_SIGN,))
    assert match_relations(TEXT, [loose, tight], gold) == [(1, 0)]
    scores = score_corpus([(TEXT, [loose, tight], gold)])
    assert (scores.predicted, scores.gold, scores.matched) == (2, 1, 1)
    assert (scores.content.exact.precision, scores.content.exact.recall) == (0.5, 1.0)
    assert scores.content.exact.f1 == pytest.approx(2 / 3)


def test_one_to_one_assigns_each_gold_its_best() -> None:
    gold = [Relation((VELDT,), (SAID,), (WE_WILL_SIGN,)), Relation((OFFICIALS,), (SAID2,), (TALKS,))]
    predicted = [
        Relation((OFFICIALS,), (SAID2,), (TALKS,)),
        Relation((VELDT,), (SAID,), (WE_WILL_SIGN, ONCE)),
    ]
    assert match_relations(TEXT, predicted, gold) == [(1, 0), (0, 1)]


def test_cue_and_source_break_content_ties() -> None:
    gold = [Relation((VELDT,), (SAID,), (TALKS,))]
    wrong_cue = Relation((VELDT,), (SAID2,), (TALKS,))
    right_cue = Relation((OFFICIALS,), (SAID,), (TALKS,))
    assert match_relations(TEXT, [wrong_cue, right_cue], gold) == [(1, 0)]


def test_scores_sum_over_documents() -> None:
    rel = Relation((VELDT,), (SAID,), (WE_WILL_SIGN,))
    scores = score_corpus([(TEXT, [rel], [rel]), (TEXT, [], [rel])])
    assert (scores.documents, scores.predicted, scores.gold, scores.matched) == (2, 1, 2, 1)
    assert (scores.cue.exact.precision, scores.cue.exact.recall) == (1.0, 0.5)


def test_empty_corpus_scores_zero() -> None:
    scores = score_corpus([])
    assert scores.content.exact == PRF(0.0, 0.0, 0.0)


BRAT = """T1\tSource 16 21\tVeldt
T2\tCue 22 26\tsaid
T3\tContent 0 15;28 48\t"We will sign," "once tariffs drop."
T4\tAttribution 22 26\tsaid
E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1
T5\tCue 59 63\tsaid
T6\tContent 64 77\ttalks stalled
T7\tAttribution 59 63\tsaid
E2\tAttribution-no-source:T7 Cue:T5 Content:T6
T8\tDiscard 49 58\tOfficials
E3\tAttribution-no-source:T7
T9\tContent 0 5\t"We w
E4\tAttribution:T4 Cue:T2 Content:T6 Content2:T9
"""


def test_load_brat(tmp_path: Path) -> None:
    (tmp_path / "a.ann").write_text(BRAT, encoding="utf-8")
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    relations = load_brat(tmp_path / "a.ann", tmp_path / "a.txt")
    assert relations == [
        Relation((VELDT,), (SAID,), (WE_WILL_SIGN, ONCE)),
        Relation(None, (SAID2,), (TALKS,)),
        Relation(None, (SAID,), (TALKS, (0, 5))),
    ]


@pytest.mark.parametrize(
    ("ann", "message"),
    [
        ("T1\tSource 16 999\tVeldt\n", "outside a text of 78 characters"),
        ("T1\tSource sixteen\tVeldt\n", "cannot read brat line"),
    ],
    ids=["offset-outside-text", "unparsable"],
)
def test_load_brat_rejects_bad_lines(tmp_path: Path, ann: str, message: str) -> None:
    (tmp_path / "a.ann").write_text(ann, encoding="utf-8")
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        load_brat(tmp_path / "a.ann", tmp_path / "a.txt")


def _analysis() -> Analysis:
    def sp(offsets: tuple[int, int]) -> Span:
        return Span.of(TEXT, *offsets)

    return Analysis(
        article=Article(text=TEXT),
        actors=(Actor("a1", "Anaya Veldt", "person"),),
        statements=(
            Statement(
                "s1",
                "direct",
                Source(*VELDT, "Veldt", actor="a1", resolved_by="name"),
                Cue(*SAID, "said", "say"),
                (sp(ONCE), sp(WE_WILL_SIGN)),
            ),
            Statement(
                "s2",
                "indirect",
                Source(None, None, None, actor="a1", resolved_by="carryover"),
                None,
                (sp(TALKS),),
            ),
        ),
    )


def test_relations_from_analysis() -> None:
    assert relations_from_analysis(_analysis()) == [
        Relation((VELDT,), (SAID,), (WE_WILL_SIGN, ONCE)),
        Relation(None, None, (TALKS,)),
    ]


def _gold(statements: list[dict[str, Any]], actors: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "schema": "stanceline.gold/1",
        "article": {"path": "articles/01.txt"},
        "actors": actors,
        "statements": statements,
    }


def _span(offsets: tuple[int, int]) -> dict[str, Any]:
    return {"start": offsets[0], "end": offsets[1], "text": TEXT[slice(*offsets)]}


def _statement(
    kind: str,
    source: tuple[int, int] | None,
    actor: str | None,
    cue: tuple[int, int] | None,
    *content: tuple[int, int],
) -> dict[str, Any]:
    src = {**_span(source), "actor": actor, "resolved_by": "name"} if source else None
    return {
        "kind": kind,
        "source": src,
        "cue": _span(cue) if cue else None,
        "content": [_span(c) for c in content],
        "said_on": None,
        "stances": [],
    }


GOLD = _gold(
    [
        _statement("direct", VELDT, "g1", SAID, WE_WILL_SIGN, ONCE),
        _statement("indirect", OFFICIALS, "g2", SAID2, TALKS),
    ],
    [
        {"id": "g1", "name": "Anaya  Veldt", "kind": "person"},
        {"id": "g2", "name": "officials", "kind": "group"},
    ],
)


@pytest.mark.parametrize(
    ("statements", "actors", "expected"),
    [
        # everything right; names agree after case-folding and whitespace collapsing
        (
            [
                _statement("direct", VELDT, "p1", SAID, WE_WILL_SIGN, ONCE),
                _statement("indirect", OFFICIALS, "p2", SAID2, TALKS),
            ],
            [{"id": "p1", "name": "anaya veldt"}, {"id": "p2", "name": "Officials"}],
            {"statements": 1.0, "speaker": 1.0, "cue": 1.0, "content": 1.0, "matched": 2},
        ),
        # second speaker unresolved: wrong; first content half found: Dice 2*3/(3+6) >= 0.5 still matches
        (
            [
                _statement("direct", VELDT, "p1", SAID, WE_WILL_SIGN),
                _statement("indirect", OFFICIALS, None, SAID2, TALKS),
            ],
            [{"id": "p1", "name": "Anaya Veldt"}],
            {"statements": 1.0, "speaker": 0.5, "cue": 1.0, "content": 0.5, "matched": 2},
        ),
        # a content too small to match (Dice 2*1/(1+6) < 0.5) and one false positive
        (
            [
                _statement("direct", VELDT, "p1", SAID, (1, 3)),
                _statement("indirect", OFFICIALS, "p2", SAID2, TALKS),
                _statement("direct", None, None, None, (49, 58)),
            ],
            [{"id": "p2", "name": "officials"}],
            {
                "statements": PRF.of(1, 3, 1, 2).f1,
                "speaker": 1.0,
                "cue": PRF.of(1, 2, 1, 2).f1,
                "content": PRF.of(1, 3, 1, 2).f1,
                "matched": 1,
            },
        ),
    ],
    ids=["all-right", "unresolved-speaker", "below-threshold-and-false-positive"],
)
def test_score_sample(
    statements: list[dict[str, Any]], actors: list[dict[str, Any]], expected: dict[str, float]
) -> None:
    prediction = {
        "schema": "stanceline.article/1",
        "article": {"path": None},
        "actors": actors,
        "statements": statements,
    }
    scores = score_sample([(prediction, GOLD)])
    assert scores.matched == expected["matched"]
    assert scores.statements.f1 == pytest.approx(expected["statements"])
    assert scores.speaker_accuracy == pytest.approx(expected["speaker"])
    assert scores.cue_exact.f1 == pytest.approx(expected["cue"])
    assert scores.content_exact.f1 == pytest.approx(expected["content"])


def test_score_sample_takes_an_analysis_and_counts_kinds() -> None:
    gold = _gold(
        [
            _statement("direct", VELDT, "g1", SAID, WE_WILL_SIGN, ONCE),
            _statement("indirect", None, "g1", None, TALKS),
        ],
        [{"id": "g1", "name": "Anaya Veldt", "kind": "person"}],
    )
    analysis = _analysis()
    scores = score_sample([(analysis, gold)])
    assert (scores.predicted, scores.gold, scores.matched) == (2, 2, 2)
    assert scores.speaker_accuracy == 0.5  # the gold's second statement has no source, hence no actor
    assert scores.kinds["direct"].same_kind == 1
    assert scores.kinds["indirect"].gold == 1
    assert 0 < STATEMENT_MATCH_F <= 1


def test_tables_name_every_system_and_measure() -> None:
    rel = Relation((VELDT,), (SAID,), (WE_WILL_SIGN,))
    scores = score_corpus([(TEXT, [rel], [rel])])
    table = format_table({"stanceline": scores, "textacy": score_corpus([(TEXT, [], [rel])])})
    assert "stanceline" in table and "textacy" in table
    assert table.count("exact") == 3 and table.count("overlap") == 3
    assert "100.0" in table
    sample = format_sample(score_sample([(_analysis(), GOLD)]))
    assert "speaker accuracy" in sample and "direct" in sample


# ---- stance -------------------------------------------------------------------------------------

ONCE_TARIFFS_DROP = span_of(TEXT, "once tariffs drop")


def _stance(topic: str, stance: str, confidence: float = 0.5, *conditions: tuple[int, int]) -> dict[str, Any]:
    return {
        "topic": topic,
        "stance": stance,
        "target": {"text": "sign"},
        "conditions": [_span(c) for c in conditions],
        "cues": ["sign"],
        "confidence": confidence,
    }


def test_unite_stances_prefers_a_conditional_then_the_most_confident() -> None:
    united = unite_stances(
        [
            _stance("agreement", "support", 0.9),
            _stance("agreement", "conditional", 0.1, ONCE_TARIFFS_DROP),
            _stance("trade", "neutral", 0.9),
            _stance("trade", "oppose", 0.2),
            _stance("trade", "support", 0.6),
        ]
    )
    assert united["agreement"]["stance"] == "conditional"
    assert united["agreement"]["conditions"] == [ONCE_TARIFFS_DROP]
    assert united["trade"]["stance"] == "support"
    assert united["trade"]["target"] == "sign"


def test_score_stance_items(tmp_path: Path) -> None:
    item = {
        "text": TEXT,
        "stances": [
            {
                "topic": "agreement",
                "stance": "conditional",
                "target": "sign",
                "conditions": ["once tariffs drop"],
            },
            {"topic": "trade", "stance": "support", "target": "tariffs"},
        ],
    }
    path = tmp_path / "dev.jsonl"
    path.write_text("\n" + json.dumps(item) + "\n\n", encoding="utf-8")
    items = read_stance_gold(path)
    assert [n for n, _ in items] == [2]  # blank lines are skipped, line numbers kept
    once_tariffs = span_of(TEXT, "once tariffs")
    prediction = {
        "statements": [
            {"stances": [_stance("agreement", "conditional", 0.5, once_tariffs)]},
            {"stances": [_stance("negotiations", "oppose")]},
        ]
    }
    tally = score_stance_items(items, [prediction])
    f = tally.figures()
    assert f["topic_pairs"] == {"matched": 1, "extra": 1, "missed": 1}
    assert f["topic"]["f1"] == pytest.approx(0.5)
    assert (f["stance_accuracy"], f["stance_pairs"]) == (1.0, 1)
    assert f["stance_macro_f1"] == 1.0  # only the labels present on either side count
    assert f["condition"]["f1"] == pytest.approx(PRF.of(1, 1, 2 / 3, 1).f1)  # 2 of the 3 gold tokens
    assert sorted(e.split(": ", 1)[1].split(" (")[0] for e in tally.errors) == [
        "agreement conditions ['once tariffs'] for gold ['once tariffs drop']",
        "extra topic negotiations",
        "missed topic trade",
    ]
    assert all(e.startswith("2 [] ") for e in tally.errors)  # no id: the line number names the item
    text = format_stance("dev", f)
    assert text.startswith("dev\n") and "macro-F1 1.000" in text and "conditional: 0 0 1 0" in text


def test_a_gold_condition_must_be_in_the_text() -> None:
    item = {
        "id": "x1",
        "text": TEXT,
        "stances": [{"topic": "trade", "stance": "conditional", "conditions": ["unless"]}],
    }
    with pytest.raises(ValueError, match="x1: condition 'unless' is not in the text"):
        gold_item_stances(item)


def _gold_article(statements: list[dict[str, Any]]) -> GoldArticle:
    gold = _gold([{**st, "id": f"s{n}"} for n, st in enumerate(statements, 1)], [])
    return GoldArticle(Path("gold/01-halden.json"), gold, Article(text=TEXT))


def test_score_stance_sample_compares_matched_statements() -> None:
    signed = _statement("direct", VELDT, None, SAID, WE_WILL_SIGN, ONCE)
    stalled = _statement("indirect", OFFICIALS, None, SAID2, TALKS)
    gold = _gold_article(
        [
            {**signed, "stances": [_stance("agreement", "conditional", 1.0, ONCE_TARIFFS_DROP)]},
            {**stalled, "stances": [_stance("negotiations", "neutral")]},
        ]
    )
    prediction = {"statements": [{**signed, "stances": [_stance("agreement", "support")]}]}
    tally = score_stance_sample([(gold, prediction)])
    f = tally.figures()
    assert f["topic_pairs"] == {"matched": 1, "extra": 0, "missed": 1}  # the second statement is unmatched
    assert f["confusion"]["conditional"]["support"] == 1
    assert f["condition_pairs"] == {"predicted": 0, "gold": 1}
    assert tally.errors[0].startswith("01-halden s1 ")


# ---- dating -------------------------------------------------------------------------------------


def test_score_dating() -> None:
    def said_on(value: str | None, basis: str) -> dict[str, Any]:
        return {
            "value": value,
            "granularity": "day" if value else "unknown",
            "basis": basis,
            "evidence": None,
        }

    signed = _statement("direct", VELDT, None, SAID, WE_WILL_SIGN, ONCE)
    stalled = _statement("indirect", OFFICIALS, None, SAID2, TALKS)
    gold = _gold_article(
        [
            {**signed, "said_on": said_on("2024-03-04", "explicit")},
            {**stalled, "said_on": said_on("2024-03-07", "publication")},
            {
                **_statement("direct", None, None, None, (49, 58)),
                "said_on": said_on("2024-03-07", "publication"),
            },
        ]
    )
    prediction = {
        "statements": [
            {**signed, "said_on": said_on("2024-03-04", "context")},  # the basis does not count
            {**stalled, "said_on": said_on("2024-03-06", "publication")},
        ]
    }
    errors: list[str] = []
    result = score_dating([(gold, prediction)], errors=errors)
    assert result == {
        "gold": 3,
        "matched": 2,
        "correct": 1,
        "accuracy": 1 / 3,
        "matched_accuracy": 0.5,
        "by_basis": {"explicit": [1, 1], "publication": [0, 2]},
    }
    assert len(errors) == 2 and errors[0].startswith("01-halden said: 'talks stalled' got 2024-03-06")
    assert errors[1].startswith("01-halden unmatched: 'Officials'")
