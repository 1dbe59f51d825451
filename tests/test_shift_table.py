"""The ``shifts`` table (schema 7): what relink keeps there is what a detection over every statement finds.

The sample corpus's analyses are read back from the session's sample store and stored again in fresh
databases (SQLite and PostgreSQL), in several batches with an incremental relink after each; after every
relink the table must give the shifts of :func:`~stanceline.timeline.detect_shifts` over all points, in the
same order, point for point.
"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select, text

from stanceline.model import Analysis
from stanceline.store import Store, relink, shiftstore
from stanceline.store import queries as SQ
from stanceline.store import schema as S
from stanceline.timeline import Point, detect_shifts


@pytest.fixture(scope="module")
def sample_analyses(sample_db) -> list[Analysis]:
    """The sample corpus's analyses, read back from the session's sample store, in id order."""
    with Store(sample_db) as st:
        with st.connect() as conn:
            ids = sorted(r[0] for r in conn.execute(select(S.articles.c.id)))
        return [Analysis.from_dict(st.record(i)) for i in ids]


def fresh(st: Store, topic: str | None = None) -> list[dict]:
    shifts = detect_shifts(SQ.points(st, topic=topic))
    return [_full(s) for s in shifts]


def kept(st: Store, topic: str | None = None) -> list[dict]:
    with st.connect() as conn:
        return [_full(s) for s in shiftstore.read(conn, topic=topic)]


def _full(s) -> dict:
    """A shift with every field of the points on both sides (the contract's dict leaves some out)."""
    return {**s.to_dict(), "points": [p.__dict__ for p in (*s.before, *s.after)]}


@pytest.mark.parametrize(
    "batches",
    [
        [slice(None)],  # all at once
        [slice(0, None, 2), slice(1, None, 2)],  # every other article, then the rest
        [slice(i, i + 5) for i in range(0, 40, 5)] + [slice(40, None)],  # five at a time
        [slice(None), slice(0, 7)],  # all, then some of them again
    ],
    ids=["at once", "interleaved", "five at a time", "all then again"],
)
def test_the_table_holds_the_shifts_of_a_fresh_detection(db_url, sample_analyses, batches):
    with Store(db_url) as st:
        for part in batches:
            st.put([(a, "test") for a in sample_analyses[part]])
            relink(st)
            assert kept(st) == fresh(st)
        assert kept(st), "the sample corpus has shifts"
        topic = kept(st)[0]["topic"]
        assert kept(st, topic) == fresh(st, topic)
        assert relink(st, full=True).changed == 0  # the incremental relinks left what a full one writes


def test_merging_two_actors_detects_their_shifts_again(db_url, sample_analyses):
    with Store(db_url) as st:
        st.put([(a, "test") for a in sample_analyses])
        relink(st)
        with st.connect() as conn:
            a, b = conn.execute(
                select(S.actors.c.id)
                .where(S.actors.c.kind == "person")
                .order_by(S.actors.c.statements.desc(), S.actors.c.id)
                .limit(2)
            ).scalars()
        st.add_override("merge", b, a)
        relink(st)
        assert kept(st) == fresh(st)
        st.add_override("rename", a, "Another Name")
        relink(st)
        assert kept(st) == fresh(st)


def test_schema_6_gains_the_shift_table(db_url, sample_analyses):
    """A schema-6 database (no ``shifts``) is upgraded in place, its shifts detected from the statements it
    holds, every other row kept."""
    from test_relink_scale import DERIVED, _url, dump

    with Store(db_url) as st:
        st.put([(a, "test") for a in sample_analyses])
        relink(st)
        want, rows = kept(st), dump(_url(st.url), (*DERIVED, "articles", "sightings", "meta"))
        with st.begin() as conn:
            conn.execute(text("DROP TABLE shifts"))
            conn.execute(S.meta.update().where(S.meta.c.key == "schema_version").values(value="6"))
    with Store(db_url) as st:
        assert kept(st) == want and want
        after = dump(_url(st.url), (*DERIVED, "articles", "sightings", "meta"))
        assert after == rows  # schema_version is "7" again, as before the test set it back


def pt(n: int, stance: str, said_on: str, *, actor: str = "Veldt", country: str | None = None) -> Point:
    return Point(
        statement_id=f"st{n}",
        actor_id=actor.lower(),
        actor=actor,
        topic="talks",
        stance=stance,
        said_on=said_on,
        granularity="day",
        basis="explicit",
        content=f"quote {n}",
        article_id=f"art{n}",
        local_id=f"s{n}",
        confidence=0.9,
        conditions=("if the ceasefire holds",) if stance == "conditional" else (),
        counterpart_text=f"with {country}" if country else None,
        counterpart_country=country,
        corrected={"said_on": said_on} if n == 2 else None,
    )


@pytest.mark.parametrize(
    ("points", "rows"),
    [
        ([], []),  # nothing said: no row
        ([pt(1, "oppose", "2024-01-02"), pt(2, "oppose", "2024-02-02")], []),  # no change: no row
        (
            [
                pt(1, "oppose", "2024-01-02"),
                pt(2, "oppose", "2024-02-02"),
                pt(3, "conditional", "2024-03-03"),
            ],
            [("veldt", "talks", "", 0, "2024-03-03", "st3")],
        ),
        (  # two countries: two series, each with its own shift, numbered in its series
            [
                pt(1, "oppose", "2024-01-02", country="TRK"),
                pt(2, "oppose", "2024-01-03", country="TRK"),
                pt(3, "support", "2024-02-02", country="TRK"),
                pt(4, "support", "2024-02-03", country="TRK"),
                pt(5, "oppose", "2024-03-03", country="TRK"),
                pt(6, "oppose", "2024-03-04", country="TRK"),
                pt(7, "support", "2024-01-05", country="MSK"),
                pt(8, "support", "2024-01-06", country="MSK"),
                pt(9, "oppose", "2024-04-01", country="MSK"),
                pt(10, "oppose", "2024-04-02", country="MSK"),
            ],
            [
                ("veldt", "talks", "MSK", 0, "2024-04-01", "st9"),
                ("veldt", "talks", "TRK", 0, "2024-02-02", "st3"),
                ("veldt", "talks", "TRK", 1, "2024-03-03", "st5"),
            ],
        ),
    ],
)
def test_shift_rows_keep_every_point(points, rows):
    shifts = detect_shifts(points)
    got = shiftstore.shift_rows(shifts)
    keys = ("actor_id", "topic", "counterpart", "seq", "day", "statement_id")
    assert sorted(tuple(r[k] for k in keys) for r in got) == rows
    back = [shiftstore.to_shift(type("Row", (), r)) for r in got]
    assert back == shifts
    assert [json.dumps(s.to_dict(), sort_keys=True) for s in back] == [
        json.dumps(s.to_dict(), sort_keys=True) for s in shifts
    ]
