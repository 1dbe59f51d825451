"""Timelines and shifts: pure functions over points, and the sample corpus's shifts end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stanceline.evaluate.shifts import gold_points, score_shifts
from stanceline.timeline import Point, detect_shifts, period, timeline

ROOT = Path(__file__).resolve().parents[1]


def pt(
    n: int,
    stance: str | None,
    said_on: str | None,
    *,
    actor: str = "Veldt",
    topic: str | None = "talks",
    basis: str = "explicit",
    confidence: float = 0.9,
    country: str | None = None,
    party: str | None = None,
    article: str | None = None,
) -> Point:
    return Point(
        statement_id=f"st{n}",
        actor_id=actor,
        actor=actor,
        topic=topic,
        stance=stance,
        said_on=said_on,
        granularity="day",
        basis=basis,
        content=f"quote {n}",
        article_id=article or f"art{n}",
        local_id=f"s{n}",
        confidence=confidence,
        path=f"articles/{n:02d}.txt",
        counterpart_text=party or (f"with {country}" if country else None),
        counterpart_country=country,
    )


def changes(points: list[Point]) -> list[tuple[str, str, str | None]]:
    return [(s.from_stance, s.to_stance, s.date) for s in detect_shifts(points)]


@pytest.mark.parametrize(
    ("points", "expected"),
    [
        # refusal, then conditional openness: one shift, dated by the first new statement
        (
            [
                pt(1, "oppose", "2023-01-12"),
                pt(2, "oppose", "2023-08-22"),
                pt(3, "conditional", "2024-03-03"),
                pt(4, "conditional", "2024-06-11"),
            ],
            [("oppose", "conditional", "2024-03-03")],
        ),
        # the order is the date said, not the order given
        (
            [pt(3, "conditional", "2024-03-03"), pt(1, "oppose", "2023-01-12")],
            [("oppose", "conditional", "2024-03-03")],
        ),
        # support <-> conditional is a nuance, neutral is ignored: no shift
        (
            [
                pt(1, "support", "2023-01-01"),
                pt(2, "conditional", "2023-02-01"),
                pt(3, "neutral", "2023-03-01"),
                pt(4, "support", "2023-04-01"),
            ],
            [],
        ),
        # one outlier between two agreeing sides is not two shifts
        ([pt(1, "support", "2023-01-01"), pt(2, "oppose", "2023-02-01"), pt(3, "support", "2023-03-01")], []),
        # an outlier between two agreeing sides goes before a weak last word that agrees with the first side
        (
            [
                pt(1, "support", "2023-01-01"),
                pt(2, "conditional", "2023-01-02"),
                pt(3, "oppose", "2023-02-01", confidence=0.86),
                pt(4, "conditional", "2023-03-01", confidence=0.65),
            ],
            [],
        ),
        # a last word read below the top band alone does not make a shift; a clear one does
        ([pt(1, "support", "2023-01-01"), pt(2, "oppose", "2023-02-01", confidence=0.6)], []),
        ([pt(1, "support", "2023-01-01"), pt(2, "oppose", "2023-02-01", confidence=0.82)], []),
        (
            [pt(1, "support", "2023-01-01"), pt(2, "oppose", "2023-02-01", confidence=0.9)],
            [("support", "oppose", "2023-02-01")],
        ),
        # back and forth, each side held by two statements: two shifts
        (
            [
                pt(1, "oppose", "2023-01-01"),
                pt(2, "oppose", "2023-02-01"),
                pt(3, "support", "2023-03-01"),
                pt(4, "support", "2023-04-01"),
                pt(5, "oppose", "2023-05-01"),
                pt(6, "oppose", "2023-06-01"),
            ],
            [("oppose", "support", "2023-03-01"), ("support", "oppose", "2023-05-01")],
        ),
        # undated statements and statements without a stance are left out
        ([pt(1, "oppose", None), pt(2, None, "2023-01-01", topic=None), pt(3, "support", "2023-02-01")], []),
    ],
)
def test_detect_shifts(points, expected):
    assert changes(points) == expected


@pytest.mark.parametrize(
    ("points", "expected"),
    [
        # talks with one country refused, with another welcomed: two positions, no shift
        ([pt(1, "oppose", "2023-01-01", country="TRK"), pt(2, "support", "2023-02-01", country="VEL")], []),
        # a statement naming no counterpart joins the one its speaker named in the same article
        (
            [
                pt(1, "oppose", "2023-01-01", country="TRK"),
                pt(2, "oppose", "2023-01-01", article="a2"),
                pt(3, "support", "2023-03-01", country="TRK", article="a3"),
                pt(4, "support", "2023-03-02", article="a3"),
            ],
            [("oppose", "support", "2023-03-01", "TRK")],
        ),
        # ... else the actor's only counterpart on the topic anywhere
        (
            [pt(1, "oppose", "2023-01-01", country="TRK"), pt(2, "support", "2023-03-01")],
            [("oppose", "support", "2023-03-01", "TRK")],
        ),
        # with two counterparts, a statement naming none stays apart
        (
            [
                pt(1, "oppose", "2023-01-01", country="TRK"),
                pt(2, "support", "2023-01-02", country="VEL"),
                pt(3, "support", "2023-03-01"),
            ],
            [],
        ),
        # a party that is no country ("with the rebels") does not join a country's series
        (
            [
                pt(1, "oppose", "2023-01-01", party="with the rebels"),
                pt(2, "oppose", "2023-01-02", party="with the Tarsk Front"),
                pt(3, "support", "2023-03-01", country="VEL"),
            ],
            [],
        ),
    ],
)
def test_shifts_are_per_counterpart(points, expected):
    assert [(s.from_stance, s.to_stance, s.date, s.counterpart) for s in detect_shifts(points)] == expected


# A shift is a change in time toward one party: readings of one date cannot be ordered, and two parties
# named apart are two positions.
@pytest.mark.parametrize(
    ("points", "expected"),
    [
        # the two sides meet within one date (one report read both ways): a contradiction, no shift
        ([pt(1, "support", "2023-05-02", article="a1"), pt(2, "oppose", "2023-05-02", article="a1")], []),
        ([pt(1, "support", "2023-05", article="a1"), pt(2, "oppose", "2023-05", article="a2")], []),
        # ... a side before with earlier dates orders the change, whatever its last day holds
        (
            [
                pt(1, "oppose", "2023-01-02", article="a1"),
                pt(2, "oppose", "2023-05-02", article="a2", confidence=0.7),
                pt(3, "support", "2023-05-02", article="a2", confidence=0.95),
            ],
            [("oppose", "support", "2023-05-02", None)],
        ),
        # ... a day later it is a change
        (
            [pt(1, "support", "2023-05-02", article="a1"), pt(2, "oppose", "2023-05-03", article="a1")],
            [("support", "oppose", "2023-05-03", None)],
        ),
        # every statement names its counterpart and no name is shared: two parties, no shift
        (
            [
                pt(1, "support", "2023-01-01", party="with Chairman Kalden"),
                pt(2, "oppose", "2023-03-01", party="with the Tarsk Front"),
            ],
            [],
        ),
        # one name shared: one party, the shift stands
        (
            [
                pt(1, "support", "2023-01-01", party="with the Tarsk Front"),
                pt(2, "oppose", "2023-03-01", party="with Front fighters"),
            ],
            [("support", "oppose", "2023-03-01", None)],
        ),
        # a statement naming no counterpart may mean either party: the shift stands
        (
            [
                pt(1, "support", "2023-01-01", party="with Chairman Kalden"),
                pt(2, "support", "2023-01-02"),
                pt(3, "oppose", "2023-03-01", party="with the Tarsk Front"),
            ],
            [("support", "oppose", "2023-03-01", None)],
        ),
        # a country's series is one party whatever the phrases say
        (
            [
                pt(1, "support", "2023-01-01", country="TRK", party="with President Kastell"),
                pt(2, "oppose", "2023-03-01", country="TRK", party="with Tarsk"),
            ],
            [("support", "oppose", "2023-03-01", "TRK")],
        ),
    ],
)
def test_a_shift_is_ordered_in_time_and_toward_one_party(points, expected):
    assert [(s.from_stance, s.to_stance, s.date, s.counterpart) for s in detect_shifts(points)] == expected


@pytest.mark.parametrize(
    ("points", "expected"),
    [
        # one statement a side, each read at 0.9: a shift of confidence 0.9
        ([pt(1, "oppose", "2023-01-01"), pt(2, "support", "2023-02-01")], [0.9]),
        # two statements before: the weaker side (after) still decides
        (
            [pt(1, "oppose", "2023-01-01"), pt(2, "oppose", "2023-01-05"), pt(3, "support", "2023-02-01")],
            [0.9],
        ),
        # two weaker readings together carry a side (1 - 0.4 * 0.4 = 0.84) ...
        (
            [
                pt(1, "oppose", "2023-01-01"),
                pt(2, "support", "2023-02-01", confidence=0.6),
                pt(3, "support", "2023-02-03", confidence=0.6),
            ],
            [0.84],
        ),
        # ... but not two coin tosses (1 - 0.5 * 0.5 = 0.75)
        (
            [
                pt(1, "oppose", "2023-01-01"),
                pt(2, "support", "2023-02-01", confidence=0.5),
                pt(3, "support", "2023-02-03", confidence=0.5),
            ],
            [],
        ),
        # one weak reading alone does not
        ([pt(1, "oppose", "2023-01-01"), pt(2, "support", "2023-02-01", confidence=0.6)], []),
        ([pt(1, "oppose", "2023-01-01", confidence=0.5), pt(2, "support", "2023-02-01")], []),
    ],
)
def test_a_shift_needs_evidence_on_both_sides(points, expected):
    assert [s.confidence for s in detect_shifts(points)] == expected


@pytest.mark.parametrize(
    ("points", "expected"),
    [
        # a single noisy reading among consistent ones on the same day is outvoted: no shift
        (
            [
                pt(1, "oppose", "2023-01-01"),
                pt(2, "oppose", "2023-01-01"),
                pt(3, "support", "2023-01-01", confidence=0.6),
                pt(4, "oppose", "2023-02-01"),
            ],
            [],
        ),
        # the same day read mostly the other way is the new position
        (
            [
                pt(1, "oppose", "2023-01-01"),
                pt(2, "oppose", "2023-01-05"),
                pt(3, "support", "2023-02-01"),
                pt(4, "support", "2023-02-01"),
                pt(5, "oppose", "2023-02-01", confidence=0.5),
            ],
            [("oppose", "support", "2023-02-01")],
        ),
    ],
)
def test_one_day_is_one_position(points, expected):
    assert changes(points) == expected


def test_shift_confidence_and_counterpart_are_in_its_dict():
    d = detect_shifts([pt(1, "oppose", "2023-01-01", country="TRK"), pt(2, "support", "2023-02-01")])[
        0
    ].to_dict()
    assert d["confidence"] == 0.9 and d["counterpart"] == "TRK"
    assert d["before"][0]["confidence"] == 0.9 and d["before"][0]["counterpart"] == "with TRK"


def test_shifts_are_per_actor_and_topic():
    points = [
        pt(1, "oppose", "2023-01-01"),
        pt(2, "support", "2023-02-01", actor="Kalden"),
        pt(3, "oppose", "2023-03-01", topic="sanctions"),
        pt(4, "support", "2023-04-01", topic="sanctions"),
    ]
    shifts = detect_shifts(points)
    assert [(s.actor, s.topic) for s in shifts] == [("Veldt", "sanctions")]
    assert [p.statement_id for p in shifts[0].before] == ["st3"]
    assert detect_shifts(points, actor="Kalden") == []
    assert detect_shifts(points, since="2023-05") == []


def test_uncertain_dates_are_shown_as_such():
    p = pt(1, "oppose", "2024-03-05", basis="publication")
    assert p.uncertain and p.when == "≤2024-03-05"
    assert pt(2, "oppose", "2024-03").when == "2024-03"
    assert pt(3, "oppose", None).when == "?"
    shift = detect_shifts(
        [pt(4, "support", "2024-01-01"), pt(5, "support", "2024-01-02"), p, pt(6, "oppose", "2024-04-01")]
    )[0]
    assert shift.uncertain and shift.to_dict()["date_uncertain"] is True


def test_timeline_orders_and_filters():
    points = [
        pt(3, "support", "2024-03-03"),
        pt(1, "oppose", "2023"),
        pt(2, "oppose", "2023-06"),
        pt(4, None, None, topic=None),
    ]
    assert [p.statement_id for p in timeline(points)] == ["st1", "st2", "st3", "st4"]
    # a period overlapping the range counts; undated ones only without a range
    assert [p.statement_id for p in timeline(points, date_from="2023-06-15", date_to="2023-12")] == [
        "st1",
        "st2",
    ]
    assert [p.statement_id for p in timeline(points, date_from="2024")] == ["st3"]
    assert [p.statement_id for p in timeline(points, topic="talks")] == ["st1", "st2", "st3"]


def test_period():
    assert [str(d) for d in period("2024-02")] == ["2024-02-01", "2024-02-29"]
    assert [str(d) for d in period("2023")] == ["2023-01-01", "2023-12-31"]
    assert [str(d) for d in period("2024-W38")] == ["2024-09-16", "2024-09-22"]
    assert period("PRESENT_REF") is None and period(None) is None


def test_detector_on_the_gold_finds_exactly_the_gold_shifts():
    gold = json.loads((ROOT / "examples" / "shifts.json").read_text(encoding="utf-8"))
    scores = score_shifts(detect_shifts(gold_points(ROOT / "examples" / "gold")), gold)
    assert (scores.tp, scores.fp, scores.fn) == (len(gold), 0, 0)


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory, nlp):
    from stanceline.ingest import ingest
    from stanceline.store import Store

    db = tmp_path_factory.mktemp("sample") / "sample.db"
    with Store(str(db)) as store:
        counts = ingest([str(ROOT / "examples" / "articles")], store, workers=1)
    assert counts.new == 24 and counts.failed == 0
    return str(db)


@pytest.mark.slow
def test_sample_corpus_shifts_precision_and_recall_are_one(sample_db):
    """Every shift in examples/shifts.json is found from the pipeline's own output, and nothing else."""
    from stanceline.store import Store
    from stanceline.store.queries import points

    gold = json.loads((ROOT / "examples" / "shifts.json").read_text(encoding="utf-8"))
    with Store(sample_db) as store:
        scores = score_shifts(detect_shifts(points(store)), gold)
    assert scores.false_positives == () and scores.missed == ()
    assert scores.precision == 1.0 and scores.recall == 1.0


@pytest.mark.slow
def test_sample_timeline_reads_like_the_story(sample_db):
    from stanceline.store import Store
    from stanceline.store.queries import find_actor, points

    with Store(sample_db) as store:
        veldt = find_actor(store, "Veldt")
        talks = timeline(points(store, actor_id=veldt["id"], topic="negotiations"))
    assert veldt["name"] == "Anaya Veldt"
    stances = [p.stance for p in talks]
    assert stances[0] == "oppose" and stances[-1] == "conditional"
    first_yes = next(p for p in talks if p.stance == "conditional")
    assert first_yes.said_on == "2024-03-03" and first_yes.conditions


VELDT_TURNS = [pt(1, "oppose", "2023-01-01"), pt(2, "support", "2023-02-01", article="art9")]


@pytest.mark.parametrize(
    ("context", "expected"),
    [
        ([], [("Veldt", None)]),  # no context: the change is in the series without a country
        # Kalden named Tarsk on the topic in the article of Veldt's second statement: it joins that series,
        # apart from the first, so there is no change left to read
        ([pt(7, "oppose", "2023-02-01", actor="Kalden", article="art9", country="TRK")], []),
        # another article, or another topic: nothing lent
        ([pt(7, "oppose", "2023-02-01", actor="Kalden", article="art8", country="TRK")], [("Veldt", None)]),
        (
            [pt(7, "oppose", "2023-02-01", actor="Kalden", article="art9", country="TRK", topic="aid")],
            [("Veldt", None)],
        ),
        # the context's own changes are not read
        (
            [
                pt(7, "oppose", "2023-01-01", actor="Kalden", article="art9"),
                pt(8, "support", "2023-03-01", actor="Kalden", article="art9"),
            ],
            [("Veldt", None)],
        ),
    ],
)
def test_context_points_lend_their_counterparts_only(context, expected):
    """What a relink does for a batch of actors: the other speakers of their articles as context."""
    shifts = detect_shifts(VELDT_TURNS, context=context)
    assert [(s.actor, s.counterpart) for s in shifts] == expected
    whole = detect_shifts([*VELDT_TURNS, *context])
    assert [s for s in whole if s.actor == "Veldt"] == shifts
