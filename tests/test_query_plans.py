"""The busiest reads of the dashboard and API go through an index, on SQLite and on PostgreSQL.

Each case runs a web query as the app does, records every SELECT it sends, and asks the database for the
plan of each (SQLite ``EXPLAIN QUERY PLAN``; PostgreSQL ``EXPLAIN`` with sequential scans priced out, so
that a plan still scanning a table shows that no index can serve the query, whatever the table's size).
No statement may walk a whole corpus-sized table, and each case must use the index named. These are the
plans that keep the answers as fast at ten million statements as at ten thousand
(``benchmarks/scale_store.py web`` measures that); timing them here would measure the machine.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import event, select

from stanceline.store import Store
from stanceline.store import schema as S
from stanceline.store.refold import Fixes, actor_sightings, stance_rows, unspoken_sightings
from stanceline.web import browse
from stanceline.web.params import StatementFilters
from stanceline.web.queries import WebData

#: Tables that grow with the corpus: never read whole by a page.
CORPUS_TABLES = (
    "statements",
    "sightings",
    "statement_sightings",
    "statement_stances",
    "search_statements",
    "stances",
    "actor_links",
    "articles",
    "shifts",
)
_SQLITE_FULL_SCAN = re.compile(r"^SCAN (\w+)(?: AS \w+)?$")


def _plan(store: Store, sql: str, params: Any) -> list[str]:
    with store.engine.connect() as conn:
        if store.dialect == "sqlite":
            return [r[-1] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, params)]
        conn.exec_driver_sql("SET enable_seqscan = off")
        return [r[0] for r in conn.exec_driver_sql("EXPLAIN " + sql, params)]


def plans(store: Store, run: Callable[[], Any]) -> list[tuple[str, list[str]]]:
    """The SELECTs ``run`` sends, each with its plan."""
    sent: list[tuple[str, Any]] = []

    def grab(conn, cursor, statement, parameters, context, executemany) -> None:  # noqa: ANN001
        if statement.lstrip().upper().startswith("SELECT"):
            sent.append((statement, parameters))

    event.listen(store.engine, "before_cursor_execute", grab)
    try:
        run()
    finally:
        event.remove(store.engine, "before_cursor_execute", grab)
    return [(sql, _plan(store, sql, params)) for sql, params in sent]


def full_scans(dialect: str, plan: list[str]) -> list[str]:
    """The corpus-sized tables a plan reads whole."""
    out = []
    for line in plan:
        if dialect == "sqlite":
            m = _SQLITE_FULL_SCAN.match(line.strip())
            if m and m.group(1) in CORPUS_TABLES + ("s",):
                out.append(line.strip())
        else:
            m = re.search(r"Seq Scan on (\w+)", line)
            if m and m.group(1) in CORPUS_TABLES:
                out.append(line.strip())
    return out


@pytest.fixture(scope="module")
def web(sample_any_db):
    store = Store(sample_any_db)
    with store.connect() as conn:
        actor = conn.execute(
            select(S.actors.c.id).order_by(S.actors.c.statements.desc(), S.actors.c.id).limit(1)
        ).scalar_one()
        topic = conn.execute(
            select(S.statement_stances.c.topic).order_by(S.statement_stances.c.topic).limit(1)
        ).scalar_one()
    yield store, WebData(store), actor, topic
    store.close()


def _relink_batch(store: Store, actor: str) -> None:
    """What a relink reads for one batch: an actor's sightings, their stances, an article's unspoken ones."""
    from stanceline.store.fold import fold

    with store.connect() as conn:
        found = actor_sightings(conn, [actor], Fixes())
        stance_rows(conn, fold(found), {}, {})
        unspoken_sightings(conn, [found[0].article_id], Fixes())


def _shift_batch(store: Store, actor: str) -> None:
    """What a relink reads to detect an actor's shifts again: its points, the other points of their
    articles, and the speakers of those articles."""
    from stanceline.store import shiftstore

    with store.connect() as conn:
        shiftstore.detect_for(conn, [actor], {})
        shiftstore.speakers_of(conn, shiftstore.point_articles(conn, [actor]))


#: (case, the call, the index its main query must use on SQLite, on PostgreSQL)
CASES = [
    (
        "relink: a batch of actors",
        lambda w, a, t: _relink_batch(w.store, a),
        "ix_actor_links_actor",
        "ix_actor_links_actor",
    ),
    (
        "actors list, most quoted first",
        lambda w, a, t: w.actors(kind=None, limit=20, cursor=None),
        "ix_actors_statements",
        "ix_actors_statements",
    ),
    ("actor page", lambda w, a, t: w.actor(a), "ix_statements_actor_said", "ix_statements_actor_said"),
    (
        "search by words",
        lambda w, a, t: w.statements(StatementFilters(q="talks"), limit=20, cursor=None),
        "VIRTUAL TABLE INDEX",
        "ix_search_statements_tsv",
    ),
    (
        "search by words and topic",
        lambda w, a, t: w.statements(StatementFilters(q="talks", topic=t), limit=20, cursor=None),
        "VIRTUAL TABLE INDEX",
        "ix_search_statements_tsv",
    ),
    (
        "an actor's statements, newest first",
        lambda w, a, t: w.statements(StatementFilters(actor=a), limit=20, cursor=None),
        "ix_search_statements_actor",
        "ix_search_statements_actor",
    ),
    (
        "newest statements",
        lambda w, a, t: w.statements(StatementFilters(), limit=20, cursor=None),
        "SCAN search_statements",  # the integer key itself, walked backwards from the newest
        "search_statements_pkey",
    ),
    ("timeline", lambda w, a, t: w.timeline(a), "ix_statements_actor_said", "ix_statements_actor_said"),
    (
        "timeline on a topic",
        lambda w, a, t: w.timeline(a, topic=t),
        "ix_statements_actor_said",
        "ix_statements_actor_said",
    ),
    (
        "articles page, newest first",
        lambda w, a, t: browse.articles_page(
            w.store, source=None, date_from=None, date_to=None, actor_id=None, limit=100, cursor=None
        ),
        "ix_articles_newest",
        "ix_articles_newest",
    ),
    *(
        (
            f"actors page by {sort}",
            lambda w, a, t, sort=sort: browse.actors_page(
                w.store, name=None, kind=None, sort=sort, limit=100, cursor=None
            ),
            index,
            index,
        )
        for sort, index in (
            ("statements", "ix_actors_statements"),
            ("articles", "ix_actors_articles"),
            ("name", "ix_actors_lower_name"),
        )
    ),
    (
        "shifts feed, newest first",
        lambda w, a, t: w.shifts(actor=None, topic=None, limit=25, cursor=None),
        "ix_shifts_feed",
        "ix_shifts_feed",
    ),
    (
        "shifts feed on a topic",
        lambda w, a, t: w.shifts(actor=None, topic=t, limit=25, cursor=None),
        "ix_shifts_topic_feed",
        "ix_shifts_topic_feed",
    ),
    (
        "relink: the shifts of a batch of actors",
        lambda w, a, t: _shift_batch(w.store, a),
        "ix_statements_actor_said",
        "ix_statements_actor_said",
    ),
    (
        "topic page",
        lambda w, a, t: w.topic(t),
        "ix_statement_stances_topic",
        "ix_statement_stances_topic",
    ),
]


@pytest.mark.parametrize(("case", "call", "sqlite_index", "pg_index"), CASES, ids=[c[0] for c in CASES])
def test_busiest_reads_use_their_index(web, case, call, sqlite_index, pg_index):
    store, data, actor, topic = web
    found = plans(store, lambda: call(data, actor, topic))
    assert found, "the call reads the database"
    scans = [
        (" ".join(sql.split()).split(" FROM ", 1)[-1][:60], s)
        for sql, plan in found
        for s in full_scans(store.dialect, plan)
    ]
    if case == "newest statements":  # the one walk allowed: the key, newest first, stopped at the page's end
        scans = [s for s in scans if not s[1].startswith("SCAN search_statements")]
    assert scans == []
    want = sqlite_index if store.dialect == "sqlite" else pg_index
    assert any(want in line for _, plan in found for line in plan), [p for _, p in found]


@pytest.mark.parametrize(
    ("dialect", "plan", "scans"),
    [
        ("sqlite", ["SCAN statements"], ["SCAN statements"]),
        ("sqlite", ["SCAN s"], ["SCAN s"]),
        ("sqlite", ["SCAN actors USING INDEX ix_actors_statements"], []),
        ("sqlite", ["SEARCH statements USING INDEX ix_statements_actor_said (actor_id=?)"], []),
        ("sqlite", ["SCAN corrections"], []),  # the analyst's corrections are few
        (
            "postgresql",
            ["  ->  Seq Scan on statements  (cost=10000000000.00..)"],
            ["->  Seq Scan on statements"],
        ),
        ("postgresql", ["Index Scan using ix_statements_actor_said on statements"], []),
    ],
)
def test_full_scans_are_told_apart(dialect, plan, scans):
    assert [s.split("  (")[0] for s in full_scans(dialect, plan)] == scans


def test_the_overview_reads_its_summaries_not_the_corpus(web, monkeypatch):
    """The overview's counts, months and topics come from the summary tables (schema 6): none of its
    queries walks a corpus-sized table, nor does its list of the latest shifts (the ``shifts`` table's index,
    schema 7)."""
    store, _, _, _ = web
    data = WebData(store)
    found = plans(store, data.overview)
    tables = {t for sql, _ in found for t in re.findall(r"FROM (\w+)", sql)}
    assert {"summary_counts", "summary_months", "summary_stances"} <= tables
    assert [s for _, plan in found for s in full_scans(store.dialect, plan)] == []
    assert data.overview()["counts"]["statements"] > 0
