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


def _veldt(client) -> str:
    return next(
        a["id"] for a in client.get("/api/actors?limit=500").json()["items"] if a["name"] == "Anaya Veldt"
    )


@pytest.mark.parametrize(
    "page",
    [
        lambda c: f"/actors/{_veldt(c)}?topic=negotiations",  # a shift card's evidence
        lambda c: "/topics/negotiations",  # who stands where
        lambda c: c.get("/api/statements?stance=conditional&limit=1").json()["items"][0][
            "page"
        ],  # the evidence
    ],
    ids=["actor", "topic", "statement"],
)
def test_a_condition_is_labelled_once(client, page):
    """A condition's words keep their marker ('if ...', 'once ...'): labelled 'condition:', not 'if if'."""
    text = client.get(page(client)).text
    labels = re.findall(r'class="cond">([^<]{0,14})', text)
    assert labels and all(label.startswith("condition: ") for label in labels), labels


def unescape(text: str) -> str:
    return html.unescape(text)


@pytest.fixture(scope="module")
def small(tmp_path_factory, nlp):
    """Three invented articles from two outlets; in the second "she" is Anaya Veldt."""
    from web_fixtures import client_class, store_of

    from stanceline import Article, analyze_articles
    from stanceline.web import create_app

    articles = [
        Article(
            text='Veldt rejects talks\n\n"We will never accept these talks," Prime Minister Anaya Veldt '
            "of Velmora said on Monday.\n",
            id="post-1",
            title="Veldt rejects talks",
            source="Velmora Post",
            published="2024-03-04",
        ),
        Article(
            text="Veldt softens\n\nPrime Minister Anaya Veldt spoke in Corvenna on Tuesday.\n\n"
            '"We will join the talks if the sanctions are lifted," she said.\n',
            id="herald-1",
            title="Veldt softens",
            source="Tarsk Herald",
            published="2024-05-07",
        ),
        Article(
            text='Kalden on sanctions\n\n"The sanctions must stay until Tarsk returns to the table," '
            "President Mira Kalden said on Friday.\n",
            id="herald-2",
            title="Kalden on sanctions",
            source="Tarsk Herald",
            published="2024-06-14",
        ),
    ]
    db = store_of(
        str(tmp_path_factory.mktemp("small") / "small.db"), list(analyze_articles(articles, nlp=nlp))
    )
    with client_class()(create_app(db)) as c:
        yield c


def article_links(text: str) -> list[str]:
    return re.findall(r'<td><a href="/articles/([^"]+)">', text)


@pytest.mark.parametrize(
    "query, expected",
    [
        ("", ["herald-2", "herald-1", "post-1"]),
        ("?source=Tarsk+Herald", ["herald-2", "herald-1"]),
        ("?source=Velmora+Post", ["post-1"]),
        ("?source=Nowhere+Times", []),
        ("?from=2024-05", ["herald-2", "herald-1"]),
        ("?to=2024-05-07", ["herald-1", "post-1"]),
        ("?from=2024-04&to=2024-05", ["herald-1"]),
        ("?actor=Veldt", ["herald-1", "post-1"]),
        ("?actor=Mira+Kalden&source=Tarsk+Herald", ["herald-2"]),
        ("?actor=Kalden&source=Velmora+Post", []),
    ],
)
def test_articles_list_filters_by_source_dates_and_actor(small, query, expected):
    r = small.get("/articles" + query)
    assert r.status_code == 200
    assert article_links(r.text) == expected
    for art in expected:
        assert small.get(f"/articles/{art}").status_code == 200


@pytest.mark.parametrize(
    "query, message",
    [
        ("?from=May", "from: give a date"),
        ("?from=2024-06&to=2024-05", "from: 2024-06 is after to: 2024-05"),
        ("?actor=Nobody", "actor: no actor 'Nobody'"),
    ],
)
def test_articles_list_shows_a_bad_filter_on_the_form(small, query, message):
    r = small.get("/articles" + query)
    assert r.status_code == 400 and message in unescape(r.text) and "<form" in r.text
    assert article_links(r.text) == []


@pytest.mark.parametrize("path", ["/actors", "/articles"])
@pytest.mark.parametrize(
    "cursor, status",
    [
        ("", 200),
        ("-1", 400),
        ("x", 400),
        ("WyJzIiwxMDBd", 400),  # a cursor of the statements list
        ("WyJhY3RvcnMtc3RhdGVtZW50cyIsMTAwMDAwMDAwMDAwMDAwMDAwMDAwMDAsImEiXQ", 400),  # a count out of range
    ],
)
def test_lists_check_the_cursor_they_start_from(client, path, cursor, status):
    r = client.get(path, params={"cursor": cursor})
    assert r.status_code == status and r.headers["content-type"].startswith("text/html")


def test_articles_list_pages_by_a_hundred(client, sample_db):
    from stanceline.store import Store

    with Store(sample_db) as st, st.connect() as conn:
        from sqlalchemy import func, select

        from stanceline.store import schema as S

        n = conn.execute(select(func.count()).select_from(S.articles)).scalar_one()
    shown = article_links(client.get("/articles").text)
    assert len(shown) == min(n, 100) and len(set(shown)) == len(shown)


def test_topics_index_lists_every_topic_with_its_count(client):
    overview = {t: total for t, _, total in client.app.state.web.overview()["topics"]}
    r = client.get("/topics")
    assert r.status_code == 200 and "<h1>Topics</h1>" in r.text
    listed = dict(
        (unescape(t), int(n))
        for t, n in re.findall(r'<a href="/topics/[^"]+">([^<]+)</a></td><td class="num">(\d+)</td>', r.text)
    )
    assert listed == overview and len(listed) >= 3
    counts = list(listed.values())
    assert counts == sorted(counts, reverse=True)  # most discussed first


@pytest.mark.parametrize("path", ["/topics/", "/topics/%20"])
def test_an_empty_topic_is_the_index_not_everything_lumped(client, path):
    r = client.get(path, follow_redirects=False)
    assert r.status_code == 308 and r.headers["location"] == "/topics"
    assert "Topic: <" not in client.get(path).text


@pytest.mark.parametrize(
    "query, expected, not_expected",
    [
        ("", ["Anaya Veldt", "Mira Kalden"], []),
        ("?q=veldt", ["Anaya Veldt"], ["Mira Kalden"]),
        ("?q=KALD", ["Mira Kalden"], ["Anaya Veldt"]),
        ("?q=%25", [], ["Anaya Veldt", "Mira Kalden"]),  # a LIKE wildcard is a literal character
        ("?q=Nobody+At+All", [], ["Anaya Veldt", "Mira Kalden"]),
    ],
)
def test_actors_list_filters_by_name(small, query, expected, not_expected):
    r = small.get("/actors" + query)
    assert r.status_code == 200
    names = re.findall(r'<td><a href="/actors/[^"]+">([^<]+)</a></td>', r.text)
    assert all(n in names for n in expected) and not any(n in names for n in not_expected)


@pytest.mark.parametrize("sort", ["statements", "articles", "name"])
def test_actors_list_sorts(client, sort):
    rows = re.findall(
        r'<td><a href="/actors/[^"]+">([^<]+)</a></td><td>[^<]*</td>'
        r'<td class="num">(\d+)</td><td class="num">(\d+)</td>',
        client.get(f"/actors?sort={sort}").text,
    )
    assert len(rows) >= 10
    key = {
        "statements": lambda r: -int(r[1]),
        "articles": lambda r: -int(r[2]),
        "name": lambda r: unescape(r[0]).lower(),
    }[sort]
    assert rows == sorted(rows, key=key)


@pytest.mark.parametrize(
    "query, status",
    [("?sort=shoe", 400), ("?kind=shoe", 400), ("?kind=&q=veldt&sort=name", 200), ("?cursor=abc", 400)],
)
def test_actors_list_takes_the_forms_values_and_rejects_others(client, query, status):
    assert client.get("/actors" + query).status_code == status


@pytest.mark.parametrize(
    "q, marked, unmarked",
    [
        ("sanction", {"sanction", "sanctions"}, set()),  # stemmed as the search finds it, case folded
        ("sanctions -trade", {"sanction", "sanctions"}, {"trade"}),  # excluded words are not marked
        ('"the table"', {"the", "table"}, {"sanctions"}),  # each word of a phrase
    ],
)
def test_search_marks_the_terms_it_found(client, q, marked, unmarked):
    r = client.get("/search", params={"q": q})
    found = {m.lower() for m in re.findall(r'<mark class="term">([^<]+)</mark>', r.text)}
    assert found == marked
    assert not found & unmarked


def test_search_terms_are_escaped(client):
    for q in ('sanctions "><img src=x onerror=alert(1)>', "<b>sanctions</b>"):
        r = client.get("/search", params={"q": q})
        assert r.status_code == 200
        assert "<img src=x" not in r.text and "<b>sanctions" not in r.text
        assert html.escape(q, quote=False).split('"')[-1] in r.text  # shown back on the form, as text


@pytest.mark.parametrize("limit", [None, 5])  # 5: one page of many, counted over all the matches
def test_search_counts_by_actor_topic_and_stance(client, limit):
    r = client.get("/search", params={"q": "sanctions", **({"limit": limit} if limit else {})})
    api = client.get("/api/statements", params={"q": "sanctions", "limit": 500}).json()["items"]
    facets = r.text[
        r.text.index('class="facets"') : r.text.index("</section>", r.text.index('class="facets"'))
    ]
    per_actor = dict(
        re.findall(
            r'<a href="/search\?q=sanctions&amp;actor=[^"]+">([^<]+)</a> <span class="num">(\d+)', facets
        )
    )
    from collections import Counter

    expected = Counter(it["actor"]["name"] for it in api if it["actor"])
    shown = [(unescape(k), int(v)) for k, v in per_actor.items()]
    assert len(shown) == min(8, len(expected)) and all(expected[k] == v for k, v in shown)
    assert [v for _, v in shown] == sorted((v for _, v in shown), reverse=True)
    assert min(v for _, v in shown) >= sorted(expected.values(), reverse=True)[len(shown) - 1]
    per_stance = dict(re.findall(r'stance=(\w+)">\w+</a> <span class="num">(\d+)', facets))
    assert {k: int(v) for k, v in per_stance.items()} == dict(
        Counter(s["stance"] for it in api for s in it["stances"])
    )
    assert f"all {len(api)} matches" in facets


def test_search_counts_cover_every_page_not_just_this_one(client):
    r = client.get("/search", params={"q": "sanctions", "limit": 5})
    n = len(client.get("/api/statements", params={"q": "sanctions", "limit": 500}).json()["items"])
    assert n > 5 and f"all {n} matches" in r.text


def test_article_highlights_link_to_their_statements_and_name_the_speaker(small):
    r = small.get("/articles/herald-1")
    links = re.findall(
        r'<mark class="[^"]*"[^>]*><a href="(/sightings/herald-1/[^"]+)" title="([^"]+)"', r.text
    )
    assert links and all(href.endswith("#ev") for href, _ in links)
    assert any("said by Anaya Veldt (named here as “she”)" in unescape(t) for _, t in links)
    assert '<span class="who"> [Anaya Veldt]</span>' in r.text  # "she" → Anaya Veldt, visibly
    sighting = links[0][0].split("#")[0]
    assert small.get(sighting, follow_redirects=False).status_code == 307


def test_article_highlights_add_no_label_where_the_text_names_the_speaker(small):
    r = small.get("/articles/post-1")
    assert '<mark class="hl hl-source"' in r.text and 'class="who"> [' not in r.text


@pytest.mark.parametrize(
    "content, shown",
    [
        ("We will never accept these talks", "“We will never accept these talks”"),
        ("“We will never accept these talks”", "“We will never accept these talks”"),
        (
            "that the accord was “not a victory for one side”",
            "“that the accord was ‘not a victory for one side’”",
        ),
        ('he said "no" twice', "“he said ‘no’ twice”"),
        ("“a” and “b”", "“‘a’ and ‘b’”"),
        ("Tarsk’s ‘red lines’ stay", "“Tarsk’s ‘red lines’ stay”"),  # apostrophes and single quotes untouched
    ],
)
def test_quotations_are_quoted_once(content, shown):
    from stanceline.web.pages import quoted

    assert quoted(content) == shown
    assert "””" not in quoted(content)


def test_no_page_doubles_a_closing_quote(client):
    for path in re.findall(r'href="(/articles/[^"]+)"', client.get("/articles").text)[:30]:
        assert "””" not in client.get(path).text, path


# ---- offline API docs ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "schema, phrase",
    [
        ({"type": "integer", "minimum": 1, "maximum": 500}, "integer (1–500)"),
        (
            {"anyOf": [{"type": "string", "maxLength": 200}, {"type": "null"}]},
            "string (at most 200 characters) or null",
        ),
        ({"enum": ["csv", "jsonl"], "type": "string"}, "one of csv, jsonl"),
        ({"type": "array", "items": {"$ref": "#/components/schemas/StatementOut"}}, "list of StatementOut"),
        ({"type": "object", "additionalProperties": {"type": "integer"}}, "object of integer"),
        ({}, "any"),
        (None, "any"),
    ],
)
def test_schema_types_read_as_phrases(schema, phrase):
    from stanceline.web.apidocs import type_of

    assert type_of(schema) == phrase


def test_api_docs_document_every_operation_and_schema_offline(client):
    spec = client.get("/openapi.json").json()
    r = client.get("/docs")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    text = unescape(r.text)
    for path, item in spec["paths"].items():
        for method, op in item.items():
            assert f"<code>{method.upper()} {path}</code></h2>" in text, path
            for p in op.get("parameters", []):
                assert f"<code>{p['name']}</code>" in text
    for name in spec["components"]["schemas"]:
        assert f'id="schema-{name}"' in r.text, name
    for target in set(re.findall(r'href="#([^"]+)"', r.text)):  # every link on the page lands
        assert f'id="{target}"' in r.text, target
    # nothing from another host: no script at all, styles from this server
    assert "<script" not in r.text and "cdn" not in r.text.lower()
    assert not re.search(r'(src|href)="(https?:)?//', r.text)


@pytest.mark.parametrize(
    "text, html_out",
    [
        ("`q` searches the content", "<code>q</code> searches the content"),
        ("no code here", "no code here"),
        ("`<b>` stays text", "<code>&lt;b&gt;</code> stays text"),
        ("<script>x</script> `a`", "&lt;script&gt;x&lt;/script&gt; <code>a</code>"),
        ("an odd ` mark", "an odd ` mark"),
        (None, ""),
    ],
)
def test_api_descriptions_show_code_spans_and_nothing_else_as_markup(text, html_out):
    from stanceline.web.apidocs import inline_code

    assert str(inline_code(text)) == html_out
