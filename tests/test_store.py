"""The corpus store (store/store.py, store/link.py) on SQLite and on a real PostgreSQL server.

Every test that takes ``db_url`` runs twice: on a fresh SQLite file and on a fresh PostgreSQL database.
"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from sqlalchemy import func, insert, inspect, select, update
from sqlalchemy import text as sql
from storekit import dump

from stanceline.errors import InputError, UsageError
from stanceline.store import Store, database_url, relink
from stanceline.store import schema as S

TEXTS = [
    (
        (
            "KELMAR, 3 March 2023 - "
            '"We will not sign the border treaty while our farmers are being punished," '
            "Prime Minister Lorin Haske said on Tuesday. Foreign Minister Mira Tollen told reporters that "
            "Varnia would support the ceasefire if the embargo is lifted. "
            '"We are ready to talk," Tollen added.\n'
        ),
        "2023-03-03",
    ),
    (
        (
            'OSTERHOLM - "We will not sign the border treaty while our farmers are being punished," Haske '
            "said. Senator Edda Marrick said the sanctions were working.\n"
        ),
        "2023-03-06",
    ),
    (
        (
            '"Nobody in Kelmar wants the talks to fail," President Jaspar Quell said on Friday. '
            "A senior official, who asked not to be named, said the ceasefire would hold.\n"
        ),
        "2023-04-14",
    ),
]


@pytest.fixture(scope="module")
def analyses(nlp):
    import stanceline

    out = []
    for i, (text, published) in enumerate(TEXTS):
        a = stanceline.analyze(text, published=published, nlp=nlp)
        out.append(
            replace(
                a,
                article=replace(
                    a.article,
                    path=f"/corpus/{i}.txt",
                    url=f"https://news.example/{i}",
                    source="The Kelmar Ledger",
                ),
            )
        )
    return out


def table_counts(store: Store) -> dict[str, int]:
    with store.connect() as conn:
        return {
            t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
            for t in S.metadata.sorted_tables
        }


@pytest.mark.parametrize(
    "db, url",
    [
        ("corpus.db", "sqlite:///corpus.db"),
        ("~/c.db", None),
        (":memory:", "sqlite://"),
        ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgres://u:pw@h:5433/db", "postgresql+psycopg://u:pw@h:5433/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:////tmp/x.db", "sqlite:////tmp/x.db"),
    ],
)
def test_database_url(db, url):
    got = database_url(db)
    if url is None:
        assert got.startswith("sqlite:///") and got.endswith("/c.db") and "~" not in got
    else:
        assert got == url


def test_schema_created_with_its_version(db_url):
    with Store(db_url) as store:
        assert store.dialect == ("sqlite" if db_url.startswith("sqlite") else "postgresql")
        with store.connect() as conn:
            assert set(inspect(conn).get_table_names()) >= {t.name for t in S.metadata.sorted_tables}
            version = conn.execute(
                select(S.meta.c.value).where(S.meta.c.key == "schema_version")
            ).scalar_one()
        assert version == str(S.SCHEMA_VERSION)
        assert store.counts() == {"articles": 0, "sightings": 0, "statements": 0, "actors": 0, "failures": 0}
    with Store(db_url) as store:  # opened again: nothing to do
        assert store.migrate() == S.SCHEMA_VERSION
    if db_url.startswith("sqlite"):
        with Store(db_url) as store, store.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_newer_schema_is_e020(db_url):
    with Store(db_url) as store, store.begin() as conn:
        conn.execute(
            update(S.meta).where(S.meta.c.key == "schema_version").values(value=str(S.SCHEMA_VERSION + 1))
        )
    with pytest.raises(UsageError) as exc:
        Store(db_url)
    assert exc.value.code == "E020"
    assert f"schema version {S.SCHEMA_VERSION + 1}, newer than this stanceline's {S.SCHEMA_VERSION}" in str(
        exc.value
    )


def test_older_schema_is_migrated(db_url, monkeypatch):
    with Store(db_url) as store, store.begin() as conn:
        conn.execute(
            update(S.meta).where(S.meta.c.key == "schema_version").values(value=str(S.SCHEMA_VERSION - 1))
        )
    ran = []
    monkeypatch.setitem(S.MIGRATIONS, S.SCHEMA_VERSION - 1, lambda conn: ran.append(conn.dialect.name))
    with Store(db_url) as store, store.connect() as conn:
        assert conn.execute(
            select(S.meta.c.value).where(S.meta.c.key == "schema_version")
        ).scalar_one() == str(S.SCHEMA_VERSION)
    assert len(ran) == 1


def test_unopenable_database_is_e019(tmp_path):
    with pytest.raises(UsageError) as exc:
        Store(str(tmp_path / "no" / "such" / "dir" / "c.db"))
    assert exc.value.code == "E019" and str(tmp_path / "no") in str(exc.value)
    with pytest.raises(UsageError) as exc:
        Store("postgresql://nobody:secret@127.0.0.1:1/none?connect_timeout=2")
    assert exc.value.code == "E019" and "secret" not in str(exc.value)


def test_schema_1_gains_the_stance_rule_column(db_url, analyses):
    """Schema 2 (each stance records the rule that decided it): a database made with schema 1 is upgraded in
    place, on SQLite and PostgreSQL; the stances stored before keep a null rule, relink carries rules over."""
    with Store(db_url) as store, store.begin() as conn:
        for table in ("stances", "statement_stances"):
            for column in ("rule", *COUNTERPART_COLUMNS[table]):
                conn.execute(sql(f"ALTER TABLE {table} DROP COLUMN {column}"))  # what schema 1 made
        as_schema_3(conn)
        conn.execute(update(S.meta).where(S.meta.c.key == "schema_version").values(value="1"))
        conn.execute(
            insert(S.stances).values(
                article_id="old",
                local_id="s1",
                idx=0,
                topic="trade",
                stance="support",
                cues="[]",
                confidence=0.8,
            )
        )
    with Store(db_url) as store:
        with store.connect() as conn:
            for table in ("stances", "statement_stances"):
                assert "rule" in {c["name"] for c in inspect(conn).get_columns(table)}, table
            assert conn.execute(
                select(S.meta.c.value).where(S.meta.c.key == "schema_version")
            ).scalar_one() == str(S.SCHEMA_VERSION)
            assert (
                conn.execute(select(S.stances.c.rule).where(S.stances.c.article_id == "old")).scalar_one()
                is None
            )
        store.put([(analyses[0], "v1")])
        relink(store)
        with store.connect() as conn:
            rules = (
                conn.execute(select(S.stances.c.rule).where(S.stances.c.article_id != "old")).scalars().all()
            )
            folded = conn.execute(select(S.statement_stances.c.rule)).scalars().all()
        assert rules and all(rules) and set(folded) <= set(rules) and all(folded)


def as_schema_3(conn) -> None:
    """Make a database what schema 3 made: ids and topics VARCHAR(64) on PostgreSQL, no ``runs.host`` or
    ``runs.pid``."""
    if conn.dialect.name == "postgresql":
        for table, columns in S.WIDENED.items():
            for column in columns:
                conn.execute(sql(f"ALTER TABLE {table} ALTER COLUMN {column} TYPE VARCHAR(64)"))
    for column in ("host", "pid"):
        conn.execute(sql(f"ALTER TABLE runs DROP COLUMN {column}"))


def test_schema_3_takes_ids_of_any_length(db_url, analyses):
    """Schema 4: a schema-3 database (VARCHAR(64) ids on PostgreSQL) is upgraded in place, and then stores an
    article whose id (a long URL from a JSONL corpus) has 300 characters, with its statements, on both
    backends; a run left "running" by schema 3 (no process id) is marked interrupted by the next run."""
    long_id = "https://news.example/velmora/" + "x" * 271
    article = replace(analyses[0].article, id=long_id)
    with Store(db_url) as store, store.begin() as conn:
        as_schema_3(conn)
        conn.execute(update(S.meta).where(S.meta.c.key == "schema_version").values(value="3"))
        conn.execute(
            insert(S.runs).values(started_at="2024-01-01T00:00:00", command="ingest old", status="running")
        )
    with Store(db_url) as store:
        with store.connect() as conn:
            assert conn.execute(
                select(S.meta.c.value).where(S.meta.c.key == "schema_version")
            ).scalar_one() == str(S.SCHEMA_VERSION)
        store.put([(replace(analyses[0], article=article), "v1")])
        relink(store)
        assert store.record(long_id)["article"]["id"] == long_id
        assert len(store.record(long_id)["statements"]) == len(analyses[0].statements)
        store.start_run("ingest new")
        with store.connect() as conn:
            runs = conn.execute(select(S.runs.c.command, S.runs.c.status).order_by(S.runs.c.id)).all()
        assert [tuple(r) for r in runs] == [("ingest old", "interrupted"), ("ingest new", "running")]


COUNTERPART_COLUMNS = {
    "stances": ("counterpart_text", "counterpart_actor", "counterpart_country"),
    "statement_stances": ("counterpart_text", "counterpart_actor_id", "counterpart_country"),
}


def test_schema_2_gains_the_counterpart_columns(db_url, analyses):
    """Schema 3 (each stance records its counterpart): a schema-2 database is upgraded in place, on SQLite
    and PostgreSQL; the stances stored before have no counterpart, a stance analysed again keeps its own."""
    with Store(db_url) as store, store.begin() as conn:
        for table, columns in COUNTERPART_COLUMNS.items():
            for column in columns:
                conn.execute(sql(f"ALTER TABLE {table} DROP COLUMN {column}"))  # what schema 2 made
        as_schema_3(conn)
        conn.execute(update(S.meta).where(S.meta.c.key == "schema_version").values(value="2"))
    with Store(db_url) as store:
        with store.connect() as conn:
            for table, columns in COUNTERPART_COLUMNS.items():
                assert set(columns) <= {c["name"] for c in inspect(conn).get_columns(table)}, table
            assert conn.execute(
                select(S.meta.c.value).where(S.meta.c.key == "schema_version")
            ).scalar_one() == str(S.SCHEMA_VERSION)
        store.put([(analyses[0], "v1")])
        relink(store)
        with store.connect() as conn:
            texts = conn.execute(select(S.stances.c.counterpart_text)).scalars().all()
        expected = [
            s.counterpart.text if s.counterpart else None for st in analyses[0].statements for s in st.stances
        ]
        assert texts and sorted(texts, key=str) == sorted(expected, key=str)


def test_put_replaces_an_articles_rows(db_url, analyses):
    first = analyses[0]
    with Store(db_url) as store:
        store.put([(first, "v1")])
        before = table_counts(store)
        assert before["articles"] == 1 and before["sightings"] == len(first.statements) >= 3
        assert before["stances"] >= 3 and before["conditions"] >= 1
        store.put([(first, "v1")])  # the same again: the same rows
        assert table_counts(store) == before
        store.put([(first, "v0"), (first, "v1")])  # twice in one batch: the last stands
        assert table_counts(store) == before
        # Re-analysed with fewer statements: the old ones go, none is left behind.
        fewer = replace(first, statements=first.statements[:1])
        store.put([(fewer, "v2")])
        after = table_counts(store)
        assert after["articles"] == 1 and after["sightings"] == 1
        assert store.analysed_with([first.article.id, "nope"]) == {first.article.id: "v2"}
        record = store.record(first.article.id)
        assert record["article"]["text"] == first.article.text and len(record["statements"]) == 1
        assert store.record("nope") is None


def test_upsert_is_idempotent(db_url):
    rows = [{"key": f"k{i}", "value": str(i)} for i in range(5)]
    with Store(db_url) as store:
        for _ in range(2):
            with store.begin() as conn:
                store.upsert(conn, S.meta, rows)
        with store.begin() as conn:
            store.upsert(conn, S.meta, [{"key": "k1", "value": "changed"}])
            store.upsert(conn, S.meta, [])
        with store.connect() as conn:
            got = dict(
                conn.execute(select(S.meta.c.key, S.meta.c.value).where(S.meta.c.key.like("k%"))).all()
            )
        assert got == {"k0": "0", "k1": "changed", "k2": "2", "k3": "3", "k4": "4"}


def test_replace_touches_only_what_differs(db_url):
    with Store(db_url) as store:
        want = [{"key": f"r{i}", "value": "x"} for i in range(4)]
        other = {"key": "schema_version", "value": str(S.SCHEMA_VERSION)}
        with store.begin() as conn:
            assert store.replace(conn, S.meta, [other, *want]) == 4
            assert store.replace(conn, S.meta, [other, *want]) == 0
            assert store.replace(conn, S.meta, [other, *want[:3], {"key": "r3", "value": "y"}]) == 1
            assert store.replace(conn, S.meta, [other, *want[:2]]) == 2


def test_relink_is_idempotent(db_url, analyses):
    with Store(db_url) as store:
        store.put([(a, "v1") for a in analyses])
        first = relink(store)
        assert first.changed > 0 and first.actors >= 4
        assert first.sightings == sum(len(a.statements) for a in analyses)
        snapshot = dump(db_url)
        assert relink(store).changed == 0
        assert dump(db_url) == snapshot
        # The same quote of the same speaker in two articles is one statement seen twice.
        with store.connect() as conn:
            twice = conn.execute(select(S.statements).where(S.statements.c.sightings == 2)).all()
            assert len(twice) == 1 and twice[0].first_seen == "2023-03-03"
            haske = conn.execute(select(S.actors).where(S.actors.c.name == "Lorin Haske")).one()
            assert twice[0].actor_id == haske.id and haske.articles == 2
            # Every sighting belongs to exactly one statement, every in-article actor to one actor.
            n_sightings = conn.execute(select(func.count()).select_from(S.sightings)).scalar_one()
            n_members = conn.execute(select(func.count()).select_from(S.statement_sightings)).scalar_one()
            n_local = conn.execute(select(func.count()).select_from(S.article_actors)).scalar_one()
            n_links = conn.execute(select(func.count()).select_from(S.actor_links)).scalar_one()
            assert n_sightings == n_members and n_local == n_links


def test_relink_after_an_article_is_gone_leaves_nothing_behind(db_url, analyses):
    with Store(db_url) as store:
        store.put([(a, "v1") for a in analyses[:2]])
        relink(store)
        two = dump(db_url)
        store.put([(analyses[2], "v1")])
        relink(store)
        # Take the third article out again by hand: relinking gives back exactly the two-article tables.
        from sqlalchemy import delete

        with store.begin() as conn:
            for t in (S.articles, *S.PER_ARTICLE):
                col = t.c.id if t is S.articles else t.c.article_id
                conn.execute(delete(t).where(col == analyses[2].article.id))
        relink(store)
        assert dump(db_url) == two


def test_failures_recorded_then_cleared(db_url, analyses):
    ok = analyses[0]
    path = ok.article.path
    with Store(db_url) as store:
        bad = [
            InputError.make("E003", path=path, detail="NUL bytes"),
            InputError.make("E002", path="/corpus/empty.txt"),
            InputError.make("E002", path="/corpus/empty.txt"),
        ]  # twice in one batch: one row
        store.put([], bad, run_id=7)
        got = {f["input"]: (f["code"], f["run_id"]) for f in store.failures()}
        assert got == {path: ("E003", 7), "/corpus/empty.txt": ("E002", 7)}
        assert store.failures()[0]["message"].startswith("E003 binary input: /corpus/0.txt")
        # The file was fixed: stored now, its failure is over.
        store.put([(ok, "v1")], [], run_id=8)
        assert [f["input"] for f in store.failures()] == ["/corpus/empty.txt"]
        # An input that reads fine again while its article is stored already (unchanged) clears it too.
        store.put([], [], run_id=9, ok=["/corpus/empty.txt"])
        assert store.failures() == []


def test_runs_log(db_url):
    with Store(db_url) as store:
        run = store.start_run("ingest x")
        store.finish_run(run, status="done", new=2, updated=0, unchanged=1, failed=0)
        with store.connect() as conn:
            row = conn.execute(select(S.runs)).one()
        assert (row.command, row.status, row.new, row.unchanged) == ("ingest x", "done", 2, 1)
        assert row.finished_at >= row.started_at


def test_overrides_oldest_first(db_url):
    with Store(db_url) as store:
        store.add_override("merge", "Lorin Haske", "Haske")
        store.add_override("split", "Lorin Haske", "Haske")
        store.add_override("merge", "A", "B")
        assert store.overrides() == [
            ("merge", "Lorin Haske", "Haske"),
            ("split", "Lorin Haske", "Haske"),
            ("merge", "A", "B"),
        ]


def test_memory_store_and_stream():
    with Store(":memory:") as store:
        with store.begin() as conn:
            store.upsert(conn, S.meta, [{"key": f"m{i:04d}", "value": json.dumps(i)} for i in range(2500)])
        rows = list(
            store.stream(select(S.meta).where(S.meta.c.key.like("m%")).order_by(S.meta.c.key), size=100)
        )
        assert len(rows) == 2500 and rows[-1] == {"key": "m2499", "value": "2499"}
