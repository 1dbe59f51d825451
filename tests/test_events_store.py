"""Events across the corpus: folding reports of one event (store/eventfold.py), and storing them on SQLite and
PostgreSQL (store/events.py, relink). Every test taking ``db_url`` runs on both backends."""

from __future__ import annotations

import pytest
from eventkit import CORPUS
from sqlalchemy import func, select, update
from sqlalchemy import text as sql
from storekit import dump

from stanceline.errors import UsageError
from stanceline.store import Store, relink
from stanceline.store import schema as S
from stanceline.store.eventfold import EventSighting, fold_events


def report(art, local, day, *, type="ASSAULT", src="A", tgt="B", src_c=None, tgt_c=None, grain="day", **kw):
    return EventSighting(
        art, local, 0, type, src, tgt, src_c, tgt_c, day, grain if day else "unknown", "explicit", **kw
    )


@pytest.mark.parametrize(
    "reports, groups",
    [
        # the same strike in two articles, a day apart: one event
        ([report("x", "e1", "2024-07-14"), report("y", "e1", "2024-07-13")], [["x:e1", "y:e1"]]),
        # at the window's edge (3 days) it folds, a day further it does not
        ([report("x", "e1", "2024-07-14"), report("y", "e1", "2024-07-17")], [["x:e1", "y:e1"]]),
        ([report("x", "e1", "2024-07-14"), report("y", "e1", "2024-07-18")], [["x:e1"], ["y:e1"]]),
        # another type, the same parties and day: two events
        (
            [report("x", "e1", "2024-07-14"), report("y", "e1", "2024-07-14", type="SANCTION")],
            [["x:e1"], ["y:e1"]],
        ),
        # a strike said not to have happened never folds into one that did; a threatened one stays apart
        (
            [
                report("x", "e1", "2024-07-14"),
                report("y", "e1", "2024-07-14", negated=True),
                report("z", "e1", "2024-07-14", hypothetical=True),
            ],
            [["x:e1"], ["y:e1"], ["z:e1"]],
        ),
        # two negated reports of the same non-event fold together (kept, never drawn)
        (
            [report("x", "e1", "2024-07-14", negated=True), report("y", "e1", "2024-07-15", negated=True)],
            [["x:e1", "y:e1"]],
        ),
        # other parties: no fold; the parties the other way round: no fold either
        ([report("x", "e1", "2024-07-14"), report("y", "e1", "2024-07-14", tgt="C")], [["x:e1"], ["y:e1"]]),
        (
            [report("x", "e1", "2024-07-14"), report("y", "e1", "2024-07-14", src="B", tgt="A")],
            [["x:e1"], ["y:e1"]],
        ),
        # a side unresolved in one report matches by country
        (
            [
                report("x", "e1", "2024-07-14", src="A", src_c="XTK"),
                report("y", "e1", "2024-07-14", src=None, src_c="XTK"),
                report("z", "e1", "2024-07-14", src=None, src_c="XVL"),
            ],
            [["x:e1", "y:e1"], ["z:e1"]],
        ),
        # no party known on either side: nothing to fold on
        (
            [
                report("x", "e1", "2024-07-14", src=None, tgt=None),
                report("y", "e1", "2024-07-14", src=None, tgt=None),
            ],
            [["x:e1"], ["y:e1"]],
        ),
        # a month holds its days; a year or no date folds with nothing
        ([report("x", "e1", "2024-07", grain="month"), report("y", "e1", "2024-07-20")], [["x:e1", "y:e1"]]),
        (
            [report("x", "e1", "2024", grain="year"), report("y", "e1", "2024", grain="year")],
            [["x:e1"], ["y:e1"]],
        ),
        ([report("x", "e1", None), report("y", "e1", None)], [["x:e1"], ["y:e1"]]),
        # reports two days apart each do not drift into one event: each is compared with the first
        (
            [
                report("x", "e1", "2024-07-10"),
                report("y", "e1", "2024-07-12"),
                report("z", "e1", "2024-07-14"),
            ],
            [["x:e1", "y:e1"], ["z:e1"]],
        ),
    ],
)
def test_folding(reports, groups):
    for order in (reports, reports[::-1]):  # the result never depends on the order reports come in
        got = sorted(sorted(f"{s.article_id}:{s.local_id}" for s in f.sightings) for f in fold_events(order))
        assert got == sorted(groups)
        assert sum(len(f.sightings) for f in fold_events(order)) == len(reports)  # never a report lost


@pytest.mark.parametrize("window, groups", [(0, 2), (1, 1), (3, 1)])
def test_folding_window_is_a_setting(window, groups):
    reports = [report("x", "e1", "2024-07-14"), report("y", "e1", "2024-07-15")]
    assert len(fold_events(reports, window_days=window)) == groups


def test_folded_event_takes_the_best_founded_date_and_the_earliest_report():
    reports = [
        EventSighting(
            "late",
            "e1",
            0,
            "AID",
            "A",
            "B",
            None,
            None,
            "2024-07-20",
            "day",
            "publication",
            published="2024-07-20",
        ),
        EventSighting(
            "early",
            "e2",
            0,
            "AID",
            "A",
            "B",
            None,
            None,
            "2024-07-18",
            "day",
            "explicit",
            published="2024-07-19",
        ),
    ]
    (f,) = fold_events(reports)
    assert (f.happened_on, f.basis, f.first_seen) == ("2024-07-18", "explicit", "2024-07-19")
    assert f.sightings[0].article_id == "early"


# ---- in the store -------------------------------------------------------------------------------------


def events_of(store):
    with store.connect() as conn:
        return {r.id: r for r in conn.execute(select(S.events))}


def test_events_are_stored_folded_and_linked(db_url):
    with Store(db_url) as store:
        store.put([(a, "v1") for a in CORPUS])
        summary = relink(store)
        assert (summary.events, summary.event_sightings) == (5, 6)
        events = events_of(store)
        by_type = {}
        for e in events.values():
            by_type.setdefault((e.type, bool(e.negated), bool(e.hypothetical)), []).append(e)
        (strike,) = by_type[("ASSAULT", False, False)]
        # the same strike in two articles (its source resolved in one, a country in the other): one event
        assert strike.sightings == 2 and strike.first_seen == "2024-07-15" and strike.trigger_text == "struck"
        assert (strike.source_country, strike.target_country, strike.family) == (
            "XTK",
            "XVL",
            "material conflict",
        )
        assert (strike.happened_start, strike.happened_end) == ("2024-07-13", "2024-07-13")
        (negated,) = by_type[("ASSAULT", True, False)]
        (threat,) = by_type[("THREATEN", False, True)]
        assert negated.sightings == 1 and threat.hypothetical == 1
        (accuse,) = by_type[("ACCUSE", False, False)]
        with store.connect() as conn:
            statement = conn.execute(
                select(S.statement_sightings.c.statement_id).where(
                    S.statement_sightings.c.article_id == CORPUS[2].article.id
                )
            ).scalar_one()
            members = conn.execute(select(func.count()).select_from(S.event_sightings)).scalar_one()
            reports = conn.execute(select(func.count()).select_from(S.article_events)).scalar_one()
        assert accuse.statement_id == statement  # read from reported speech: linked to its corpus statement
        assert members == reports == sum(len(a.events) for a in CORPUS)  # never a report lost
        # idempotent: a second relink changes nothing
        snapshot = dump(db_url)
        assert relink(store).changed == 0 and dump(db_url) == snapshot


def test_reanalysed_article_replaces_its_events(db_url):
    with Store(db_url) as store:
        store.put([(a, "v1") for a in CORPUS])
        relink(store)
        from dataclasses import replace

        store.put([(replace(CORPUS[1], events=()), "v2")])
        relink(store)
        events = events_of(store)
        assert len(events) == 4 and all(e.sightings == 1 for e in events.values())


def test_event_window_is_kept_for_later_relinks(db_url):
    with Store(db_url) as store:
        store.put([(a, "v1") for a in CORPUS])
        relink(store, event_window=0)  # the strike dated the 13th and the 14th: two events now
        assert len(events_of(store)) == 6
        relink(store)  # the window kept
        assert len(events_of(store)) == 6
        relink(store, event_window=3)
        assert len(events_of(store)) == 5
        with pytest.raises(UsageError) as exc:
            relink(store, event_window=-1)
        assert exc.value.code == "E023" and "--event-window" in str(exc.value)


def test_schema_4_gains_the_event_tables(db_url):
    """Schema 5: a schema-4 database (no event tables) is upgraded in place on both backends, then stores
    and folds events."""
    with Store(db_url) as store, store.begin() as conn:
        for table in ("event_sightings", "events", "article_events"):
            conn.execute(sql(f"DROP TABLE {table}"))
        conn.execute(update(S.meta).where(S.meta.c.key == "schema_version").values(value="4"))
    with Store(db_url) as store:
        with store.connect() as conn:
            version = conn.execute(
                select(S.meta.c.value).where(S.meta.c.key == "schema_version")
            ).scalar_one()
        assert version == str(S.SCHEMA_VERSION)
        store.put([(a, "v1") for a in CORPUS])
        assert relink(store).events == 5


def test_odd_events_never_fail_the_batch(db_url):
    """A pipeline's mistakes (an id twice, no id, a country or type beyond ISO and PLOVER, something that is
    no object) are stored as well as they can be, on both backends: the batch and its other articles go on."""
    from dataclasses import replace

    good = CORPUS[0].events[0]
    odd = (
        good,
        {**good, "source": {**good["source"], "country": "Velmora"}},  # the same id again, a name as country
        {**good, "id": None, "type": "BLOCKADE_OF_PORTS_AND_STRAITS", "mode": "m" * 60},
        "not an event",
    )
    with Store(db_url) as store:
        store.put([(replace(CORPUS[0], events=odd), "v1"), (CORPUS[1], "v1")])
        relink(store)
        with store.connect() as conn:
            rows = conn.execute(
                select(
                    S.article_events.c.local_id, S.article_events.c.type, S.article_events.c.source_country
                )
                .where(S.article_events.c.article_id == CORPUS[0].article.id)
                .order_by(S.article_events.c.seq)
            ).all()
            others = conn.execute(
                select(func.count())
                .select_from(S.article_events)
                .where(S.article_events.c.article_id == CORPUS[1].article.id)
            ).scalar_one()
        assert [tuple(r) for r in rows] == [
            ("e1", "ASSAULT", "XTK"),
            ("e2~", "ASSAULT", "Velmora"),
            ("e3", "BLOCKADE_OF_PORTS_AND_STRAITS", "XTK"),
        ]
        assert others == len(CORPUS[1].events)
        assert {e.family for e in events_of(store).values()} >= {"other", "material conflict"}
