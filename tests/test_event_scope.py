"""Incremental event folding (store/eventscope.py): a relink folds again only the reports near the changed
ones, and the events are those a fold of every report gives, on SQLite and PostgreSQL.

The corpus is generated (seeded): invented wire articles about Tarsk and Velmora, President Kalden and Prime
Minister Anaya Veldt, each with one to three strikes or sanctions dated a few days before it appeared (some to
a month, some undated, some said not to have happened, some parties named by their country only), some read
from a statement of Veldt's.
"""

from __future__ import annotations

import datetime as dt
import random

import pytest
from eventkit import ACTORS, Ev, Said, article
from sqlalchemy import create_engine, select

from stanceline.store import Store, eventscope, relink
from stanceline.store import schema as S
from stanceline.store.eventfold import EventSighting, foldable_start, reach


@pytest.fixture(autouse=True)
def never_whole(monkeypatch):
    """These corpora are small and dense: without this, most incremental relinks would fold every report."""
    monkeypatch.setattr(eventscope, "WHOLE_SHARE", 2.0)


def wire(seed: int, n: int = 36, *, first: int = 0, shift: int = 0) -> list:
    """``n`` generated articles (``shift``: every event and publication that many days later)."""
    rng = random.Random(seed)
    out = []
    for i in range(first, first + n):
        pub = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 240) + shift)
        events = []
        for _ in range(rng.randint(1, 3)):
            src, tgt = rng.sample(sorted(ACTORS), 2)
            day = pub - dt.timedelta(days=rng.randint(0, 6))
            kind = rng.random()
            value, grain = (None, "day") if kind < 0.1 else (day.isoformat()[:7], "month")
            if kind >= 0.25:
                value, grain = day.isoformat(), "day"
            events.append(
                Ev(
                    rng.choice(("ASSAULT", "SANCTION")),
                    src,
                    "struck",
                    tgt,
                    value,
                    granularity=grain,
                    negated=rng.random() < 0.1,
                    unresolved=rng.random() < 0.2,
                )
            )
        said = [Said("Veldt", f"We will answer dispatch {i}", "sanctions", "oppose", pub.isoformat())]
        linked = {0: 0} if rng.random() < 0.5 else None
        out.append(article(f"Wire {i:03d} {shift}", pub.isoformat(), events, said, link=linked))
    return out


def events_dump(url: str) -> dict[str, list]:
    engine = create_engine(url if "://" in url else f"sqlite:///{url}")
    try:
        with engine.connect() as conn:
            return {
                t.name: sorted(conn.execute(select(t)).all(), key=repr) for t in (S.events, S.event_sightings)
            }
    finally:
        engine.dispose()


def shuffled() -> list[list]:
    arts = random.Random(5).sample(wire(1), 36)
    return [arts[i : i + 6] for i in range(0, 36, 6)]


#: (how the articles arrive: batches of the generated corpus, each followed by a relink)
ARRIVALS = {
    "at once": lambda: [wire(1)],
    "in halves": lambda: [wire(1)[:18], wire(1)[18:]],
    "six at a time, shuffled": shuffled,
    "then the same again": lambda: [wire(1), wire(1)[:12]],
    "then others a few days later": lambda: [wire(1), wire(2, 12, first=100, shift=3)],
    "a second corpus in between": lambda: [wire(1)[:20], wire(3, 20, first=200), wire(1)[20:]],
}


@pytest.mark.parametrize("arrival", sorted(ARRIVALS))
def test_incremental_event_folds_give_the_events_of_a_whole_fold(db_url, arrival):
    with Store(db_url) as st:
        steps = []
        for batch in ARRIVALS[arrival]():
            st.put([(a, "test") for a in batch])
            steps.append(relink(st))
        after_steps = events_dump(st.url)
        whole = relink(st, full=True)
        assert whole.changed == 0  # the whole fold finds nothing the incremental ones missed
        assert events_dump(st.url) == after_steps
    assert [s.full for s in steps] == [True] + [False] * (len(steps) - 1)
    assert whole.events > 20 and whole.event_sightings > whole.events  # reports did fold


@pytest.mark.parametrize("share", [0.0, 0.5])
def test_runs_holding_most_reports_are_folded_whole(db_url, monkeypatch, share):
    """Past :data:`eventscope.WHOLE_SHARE` of the stored reports, the relink folds them all: the same rows."""
    monkeypatch.setattr(eventscope, "WHOLE_SHARE", share)
    with Store(db_url) as st:
        for batch in ARRIVALS["then others a few days later"]():
            st.put([(a, "test") for a in batch])
            relink(st)
        after = events_dump(st.url)
        assert relink(st, full=True).changed == 0
        assert events_dump(st.url) == after


def test_a_merge_and_a_changed_country_refold_the_events_that_name_them(db_url):
    """Merging two actors changes the parties of reports in articles no new article touched."""
    with Store(db_url) as st:
        st.put([(a, "test") for a in wire(4)])
        relink(st)
        st.add_override("merge", "Kalden", "Tarsk")
        merged = relink(st)
        assert not merged.full
        after = events_dump(st.url)
        assert relink(st, full=True).changed == 0
        assert events_dump(st.url) == after


def test_a_statement_reported_earlier_elsewhere_moves_the_events_read_from_it(db_url):
    """An older article quoting the same words makes it the statement's representative: the statement's id
    changes, and so does the one of every event read from it, in articles no relink refolds."""
    first = wire(6)
    echoes = [
        article(
            f"Echo {n}",
            (dt.date.fromisoformat(a.article.published.value) - dt.timedelta(days=1)).isoformat(),
            said=[
                Said(
                    "Veldt",
                    a.statements[0].content[0].text,
                    "sanctions",
                    "oppose",
                    a.statements[0].said_on.value,
                )
            ],
        )
        for n, a in enumerate(first)
        if any(e["statement"] for e in a.events)
    ]
    with Store(db_url) as st:
        st.put([(a, "test") for a in first])
        relink(st)
        before = {r.statement_id for r in events_dump(st.url)["event_sightings"] if r.statement_id}
        st.put([(a, "test") for a in echoes])
        assert not relink(st).full
        after = events_dump(st.url)
        assert relink(st, full=True).changed == 0
        assert events_dump(st.url) == after
    moved = {r.statement_id for r in after["event_sightings"] if r.statement_id}
    assert echoes and moved and not moved & before  # every one of them moved


def report(day: str | None, grain: str = "day", *, src: str | None = "A") -> EventSighting:
    return EventSighting("x", "e1", 0, "ASSAULT", src, "B", None, None, day, grain, "explicit")


@pytest.mark.parametrize(
    ("sighting", "start"),
    [
        (report("2024-07-14"), dt.date(2024, 7, 14)),
        (report("2024-07", "month"), dt.date(2024, 7, 1)),
        (report("2024-W29", "week"), dt.date(2024, 7, 15)),
        (report("2024", "year"), None),  # a year never folds
        (report(None, "unknown"), None),
        (
            EventSighting("x", "e1", 0, "ASSAULT", None, None, None, None, "2024-07-14", "day", "explicit"),
            None,
        ),
    ],
)
def test_the_first_day_a_report_folds_by(sighting, start):
    assert foldable_start(sighting) == start


@pytest.mark.parametrize(("window", "days"), [(0, 31), (3, 34), (366, 397)])
def test_reach_is_the_window_and_a_month(window, days):
    assert reach(window) == days
