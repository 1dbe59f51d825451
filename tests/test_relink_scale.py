"""Relink at scale: incremental and batched, with the same rows as a full relink, on SQLite and PostgreSQL.

The sample corpus is analysed once (the session's ``sample_db``); its analyses are read back from that
store and put into fresh databases in different orders and batches, with a relink after each batch, as
successive ingests would. However the articles arrive, the derived tables must be those of one full
relink of the whole corpus, and a full relink afterwards must find nothing to change.
"""

from __future__ import annotations

import json
import random

import pytest
from sqlalchemy import create_engine, func, select, text

from stanceline.model import Analysis
from stanceline.store import Store, relink, summary
from stanceline.store import corrections as C
from stanceline.store import schema as S
from stanceline.store.fold import Sighting, fold
from stanceline.store.identity import resolve
from stanceline.store.locals import local_actors

#: The derived tables a relink writes, compared row by row (the search index apart: its text is
#: stemmed for PostgreSQL and left to FTS5 on SQLite), with the overview's summaries (schema 6) and the
#: shifts (schema 7).
DERIVED = (
    "actors",
    "aliases",
    "actor_links",
    "statements",
    "statement_stances",
    "statement_sightings",
    "summary_counts",
    "summary_months",
    "summary_stances",
    "shifts",
)


def recounted(st: Store) -> tuple[dict[str, int], list[tuple[str, int]], dict[str, dict[str, int]]]:
    """What the summaries should hold, counted from every row as the overview counted it before them."""
    sm, ss = S.statements, S.statement_stances
    with st.connect() as conn:
        counts = {
            name: conn.execute(select(func.count()).select_from(S.metadata.tables[name])).scalar_one()
            for name in summary.COUNTED
        }
        month = func.substr(sm.c.said_on, 1, 7)
        months = conn.execute(
            select(month, func.count()).where(func.length(sm.c.said_on) >= 7).group_by(month).order_by(month)
        ).all()
        topics: dict[str, dict[str, int]] = {}
        q = select(ss.c.topic, ss.c.stance, func.count()).group_by(ss.c.topic, ss.c.stance)
        for topic, stance, n in conn.execute(q.order_by(ss.c.topic, ss.c.stance)):
            topics.setdefault(topic, {})[stance] = n
    return counts, [tuple(r) for r in months], topics


def summarised(st: Store) -> tuple[dict[str, int], list[tuple[str, int]], dict[str, dict[str, int]]]:
    with st.connect() as conn:
        return summary.read(conn)


@pytest.fixture(scope="module")
def sample_analyses(sample_db) -> list[Analysis]:
    """The sample corpus's analyses, read back from the session's sample store, in id order."""
    with Store(sample_db) as st:
        with st.connect() as conn:
            ids = sorted(r[0] for r in conn.execute(select(S.articles.c.id)))
        return [Analysis.from_dict(st.record(i)) for i in ids]


def dump(url: str, tables: tuple[str, ...] = DERIVED) -> dict[str, list[str]]:
    """Every row of ``tables``, as sorted JSON lines."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {
                t: sorted(
                    json.dumps(
                        {k: v for k, v in r._mapping.items() if k != "tsv"}, sort_keys=True, default=str
                    )
                    for r in conn.execute(text(f"SELECT * FROM {t}"))
                )
                for t in tables
            }
    finally:
        engine.dispose()


def _url(db: str) -> str:
    return db if "://" in db else f"sqlite:///{db}"


def batches(order: str, n: int) -> list[list[int]]:
    """Article positions, in the batches an ingest of this kind would store them."""
    idx = list(range(n))
    if order == "at once":
        return [idx]
    if order == "in halves":
        return [idx[: n // 2], idx[n // 2 :]]
    if order == "six at a time, shuffled":
        random.Random(3).shuffle(idx)
        return [idx[i : i + 6] for i in range(0, n, 6)]
    if order == "all, then a third again":
        return [idx, idx[: n // 3]]
    raise AssertionError(order)


@pytest.mark.parametrize(
    "order", ["at once", "in halves", "six at a time, shuffled", "all, then a third again"]
)
def test_incremental_relinks_give_the_rows_of_a_full_one(db_url, sample_analyses, order):
    with Store(db_url) as st:
        summaries = []
        for batch in batches(order, len(sample_analyses)):
            st.put([(sample_analyses[i], "test") for i in batch])
            summaries.append(relink(st))
            assert summarised(st) == recounted(st)  # kept by the incremental relink's tallies
        after_steps = dump(_url(st.url))
        again = relink(st, full=True)
        assert again.changed == 0  # a full relink finds nothing the incremental ones missed
        assert dump(_url(st.url)) == after_steps
        # A new database is relinked in full, each later one incrementally.
        assert [s.full for s in summaries] == [True] + [False] * (len(summaries) - 1)
        assert again.full and again.refolded == again.actors  # full: every actor, each once
    assert after_steps["statements"], "the sample corpus gives statements"


def test_relink_of_nothing_new_refolds_nothing_and_changes_nothing(db_url, sample_analyses):
    with Store(db_url) as st:
        st.put([(a, "test") for a in sample_analyses])
        first = relink(st)
        second = relink(st)
        st.put([(sample_analyses[0], "test")])  # one article stored again, as it was
        third = relink(st)
    assert (second.changed, second.refolded, second.articles, second.full) == (0, 0, 0, False)
    assert third.changed == 0 and third.articles == 1
    # Only the actors of that one article were refolded, not the corpus's.
    assert 0 < third.refolded <= len(sample_analyses[0].actors) < first.refolded


@pytest.mark.parametrize(
    "correction",
    [
        {"said_on": "2023-05-02"},
        {"stances": ["sanctions=oppose"]},
        {"speaker": "another person"},
    ],
)
def test_corrections_and_merges_apply_incrementally(db_url, sample_analyses, correction):
    with Store(db_url) as st:
        st.put([(a, "test") for a in sample_analyses])
        relink(st)
        with st.connect() as conn:
            sid, actor = conn.execute(
                select(S.statements.c.id, S.statements.c.actor_id)
                .where(S.statements.c.actor_id.is_not(None))
                .order_by(S.statements.c.id)
            ).first()
            other = conn.execute(
                select(S.actors.c.id)
                .where(S.actors.c.id != actor, S.actors.c.kind == "person")
                .order_by(S.actors.c.statements.desc(), S.actors.c.id)
            ).scalar()
        kw = {**correction, "speaker": other} if "speaker" in correction else correction
        C.record(st, sid, **kw)
        relink(st)
        assert summarised(st) == recounted(st)
        assert relink(st, full=True).changed == 0
        st.add_override("merge", other, actor)
        merged = relink(st)
        assert not merged.full and merged.changed > 0
        assert summarised(st) == recounted(st)
        assert relink(st, full=True).changed == 0
        with st.connect() as conn:
            assert conn.execute(select(S.corrections)).all(), "the correction is stored"
        # Taking the correction away is a change the next incremental relink sees too.
        with st.begin() as conn:
            conn.execute(S.corrections.delete())
        relink(st)
        assert summarised(st) == recounted(st)
        assert relink(st, full=True).changed == 0


def test_the_statements_are_those_of_resolve_and_fold(sample_db):
    """The batched relink folds exactly what the pure functions fold over the whole corpus at once."""
    with Store(sample_db) as st, st.connect() as conn:
        ident = resolve(local_actors(conn), overrides=st.overrides(conn))
        published = dict(conn.execute(select(S.articles.c.id, S.articles.c.published)).all())
        sg = S.sightings
        sightings = [
            Sighting(
                r.article_id,
                r.local_id,
                r.seq,
                ident.links.get((r.article_id, r.actor_local), (None,))[0] if r.actor_local else None,
                r.content_text,
                r.said_on,
                r.said_granularity,
                r.said_basis,
                published.get(r.article_id),
            )
            for r in conn.execute(select(sg))
        ]
        want = {(f.id, f.actor_id, f.said_on, len(f.sightings)) for f in fold(sightings)}
        mem = S.statement_sightings
        have = {
            (r.id, r.actor_id, r.said_on, r.n)
            for r in conn.execute(
                select(
                    S.statements.c.id, S.statements.c.actor_id, S.statements.c.said_on, text("count(*) AS n")
                )
                .select_from(S.statements.join(mem, mem.c.statement_id == S.statements.c.id))
                .group_by(S.statements.c.id, S.statements.c.actor_id, S.statements.c.said_on)
            )
        }
    assert have == want and len(want) > 100


def test_batches_and_backends_give_the_rows_of_sqlite_at_once(tmp_path, db_url, sample_analyses):
    """Eight articles at a time on each backend, against all at once on SQLite."""
    with Store(f"sqlite:///{tmp_path}/ref.db") as ref:
        ref.put([(a, "test") for a in sample_analyses])
        relink(ref)
        want = dump(_url(ref.url))
    with Store(db_url) as st:
        for i in range(0, len(sample_analyses), 8):
            st.put([(a, "test") for a in sample_analyses[i : i + 8]])
            relink(st)
        assert dump(_url(st.url)) == want


def test_schema_5_gains_the_summaries(db_url, sample_analyses):
    """Schema 6: a schema-5 database (no summary tables) is upgraded in place on both backends, its
    summaries counted from the statements it holds; the overview reads them."""
    from stanceline.web.queries import WebData

    with Store(db_url) as st:
        st.put([(a, "test") for a in sample_analyses])
        relink(st)
        want = recounted(st)
        events = dump(_url(st.url), ("events", "event_sightings"))
        with st.begin() as conn:  # what schema 5 made
            for table in ("summary_counts", "summary_months", "summary_stances"):
                conn.execute(text(f"DROP TABLE {table}"))
            conn.execute(text("DROP INDEX ix_event_sightings_span"))
            for column in ("type", "negated", "hypothetical", "span_start"):
                conn.execute(text(f"ALTER TABLE event_sightings DROP COLUMN {column}"))
            conn.execute(S.meta.update().where(S.meta.c.key == "schema_version").values(value="5"))
    with Store(db_url) as st:
        with st.connect() as conn:
            version = conn.execute(select(S.meta.c.value).where(S.meta.c.key == "schema_version")).scalar()
            spans = conn.execute(select(S.event_sightings.c.span_start)).scalars().all()
        assert version == "7" == str(S.SCHEMA_VERSION)
        assert summarised(st) == want
        assert spans and set(spans) == {None}  # unknown until the next relink folds the events whole
        relink(st)
        assert dump(_url(st.url), ("events", "event_sightings")) == events
        overview = WebData(st).overview()
        assert overview["counts"] == want[0] and overview["months"] == want[1]
        assert [t for t, _, _ in overview["topics"]] == sorted(want[2]) and want[1] and want[2]


@pytest.mark.parametrize(
    ("have", "delta", "left"),
    [
        ({}, {"2024-03": 2}, {"2024-03": 2}),  # a month first counted
        ({"2024-03": 2}, {"2024-03": 3}, {"2024-03": 5}),
        ({"2024-03": 2}, {"2024-03": -2}, {}),  # its last statement gone: the row goes
        (
            {"2024-03": 2, "2024-04": 1},
            {"2024-03": 0, "2024-04": -1, "2024-05": 4},
            {"2024-03": 2, "2024-05": 4},
        ),
        ({"2024-03": 2}, {}, {"2024-03": 2}),  # nothing changed: nothing written
    ],
)
def test_a_tally_adds_its_differences(tmp_path, have, delta, left):
    from collections import Counter

    with Store(f"sqlite:///{tmp_path}/t.db") as st:
        with st.begin() as conn:
            for month, n in have.items():
                conn.execute(S.summary_months.insert().values(month=month, n=n))
            summary.Tally(months=Counter(delta)).write(st, conn)
        with st.connect() as conn:
            assert dict(conn.execute(select(S.summary_months.c.month, S.summary_months.c.n)).all()) == left
