"""The dashboard read at a glance: chart ranges and same-day spreading, the lists and indexes, search counts
and highlighted terms, article highlights that link to their statements, offline API docs."""

from __future__ import annotations

import datetime as dt
import html
import json
import re

import pytest

from stanceline.timeline import Point
from stanceline.web.charts import chart_data, opening_range


def day(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


def point(sid: str, said_on: str, *, actor: str = "Anaya Veldt", topic: str = "sanctions", basis="explicit"):
    return Point(sid, "a1", actor, topic, "oppose", said_on, "day", basis, "No.", "art1", sid)


# ---- charts -------------------------------------------------------------------------------------------

MAY = [f"2024-05-{d:02d}" for d in range(1, 29)]


@pytest.mark.parametrize(
    "dates, opens_within, shows_all",
    [
        # one stray old date: the axis opens on May 2024, not on 1995
        (["1995-03-01", *MAY], ("2024-04-01", "2024-06-30"), False),
        # a stray date at each end
        (["1995-03-01", *MAY, "2031-01-01"], ("2024-04-01", "2024-06-30"), False),
        # evenly spread dates: everything is shown
        ([f"{y}-06-01" for y in range(2010, 2025)], ("2009-01-01", "2025-12-31"), True),
        # a single date, and two close ones
        (["2024-05-02"], ("2024-04-20", "2024-05-15"), True),
        (["2024-05-02", "2024-05-09"], ("2024-04-20", "2024-05-20"), True),
    ],
)
def test_the_time_axis_opens_where_the_statements_are(dates, opens_within, shows_all):
    lo, hi = opening_range([day(d) for d in dates])
    assert day(opens_within[0]) <= lo < hi <= day(opens_within[1])
    assert all(lo < day(d) < hi for d in dates) == shows_all
    # every date but the strays is inside, with a margin
    assert all(lo < day(d) < hi for d in MAY if d in dates)


def test_no_dates_no_range():
    assert opening_range([]) is None
    data = chart_data([point("s1", None, basis="unknown")], lane="topic")
    assert data["range"] is None and data["outside"] == 0 and data["undated"] == 1


def test_chart_data_counts_the_points_outside_the_opening_range():
    pts = [point("old", "1995-03-01")] + [point(f"s{i}", d) for i, d in enumerate(MAY)]
    data = chart_data(pts, lane="topic")
    assert data["outside"] == 1
    assert data["full_range"][0] < "1995-03-01" and data["full_range"][1] > "2024-05-28"
    assert data["range"][0] > "2024-01-01"


@pytest.mark.parametrize(
    "said, same_day",
    [
        (["2024-05-02"], [1]),
        (["2024-05-02", "2024-05-02", "2024-05-02"], [3, 3, 3]),
        (["2024-05-02", "2024-05-03", "2024-05-02"], [2, 1, 2]),
    ],
)
def test_same_day_points_of_a_lane_are_spread_within_their_day_and_counted(said, same_day):
    data = chart_data([point(f"s{i}", d) for i, d in enumerate(said)], lane="topic")
    xs = [p["x"] for p in data["points"]]
    assert [p["same_day"] for p in data["points"]] == same_day
    assert len(set(xs)) == len(xs)  # none drawn on another
    assert [x[:10] for x in xs] == said  # each stays within its day
    for p, n in zip(data["points"], same_day, strict=True):
        assert (f"one of {n} on this day" in p["hover"]) == (n > 1)


def test_same_day_points_of_different_lanes_are_not_spread():
    pts = [point("s1", "2024-05-02", topic="sanctions"), point("s2", "2024-05-02", topic="trade")]
    data = chart_data(pts, lane="topic")
    assert [p["same_day"] for p in data["points"]] == [1, 1]
    assert data["points"][0]["x"] == data["points"][1]["x"] == "2024-05-02T12:00"


def test_chart_colours_are_the_okabe_ito_palette_and_fill_is_the_date():
    from stanceline.web import charts

    js = (charts.__file__.rsplit("/", 1)[0]) + "/static/chart.js"
    text = open(js, encoding="utf-8").read()
    for colour in ("#009E73", "#0072B2", "#CC79A7", "#D55E00"):
        assert colour in text
    for old in ("#1a9850", "#d73027"):  # the red/green pair
        assert old not in text
    assert 'symbol: "square"' in text  # the stance legend shows colour only
    assert 'undated ? "circle-open" : "circle"' in text


# ---- pages (through the test client on the sample corpus) ----------------------------------------------


@pytest.fixture(scope="module")
def client(sample_client):
    return sample_client


def chart_json(text: str) -> dict:
    m = re.search(r'<script type="application/json" id="chart-data">(.*?)</script>', text, re.DOTALL)
    return json.loads(m.group(1))


def test_actor_page_explains_colour_and_fill(client):
    veldt = next(a for a in client.get("/api/actors?limit=500").json()["items"] if a["name"] == "Anaya Veldt")
    r = client.get(f"/actors/{veldt['id']}")
    assert "Colour is the stance" in r.text and "Fill is the date" in r.text
    data = chart_json(r.text)
    assert data["range"] and all("same_day" in p for p in data["points"])


def unescape(text: str) -> str:
    return html.unescape(text)
