"""The JSON API, pages and exports of the web app, through FastAPI's test client, on the sample corpus."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from sqlalchemy import func, select

from stanceline.store import Store
from stanceline.store import queries as SQ
from stanceline.store import schema as S
from stanceline.timeline import detect_shifts, period, timeline

VELDT = "Anaya Veldt"


@pytest.fixture(scope="module")
def client(sample_client):
    return sample_client


@pytest.fixture(scope="module")
def store(sample_db):
    with Store(sample_db) as s:
        yield s


@pytest.fixture(scope="module")
def veldt(client) -> dict:
    actors = client.get("/api/actors", params={"limit": 500}).json()["items"]
    return next(a for a in actors if a["name"] == VELDT)


def walk(client, path: str, **params) -> list[dict]:
    """Every item of a paginated list, following next_cursor."""
    items, cursor, pages = [], None, 0
    while True:
        r = client.get(path, params={**params, **({"cursor": cursor} if cursor else {})})
        assert r.status_code == 200, r.text
        body = r.json()
        items += body["items"]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            return items
        assert pages < 1000


# ---- lists and pagination ---------------------------------------------------------------------------


def test_actor_pages_cover_every_actor_once_most_quoted_first(client, store):
    items = walk(client, "/api/actors", limit=7)
    assert len(items) == store.counts()["actors"]
    assert len({a["id"] for a in items}) == len(items)
    assert [a["statements"] for a in items] == sorted((a["statements"] for a in items), reverse=True)


def test_actor_detail_has_aliases_titles_and_topic_counts(client, veldt):
    a = client.get(f"/api/actors/{veldt['id']}").json()
    assert a["name"] == VELDT and a["kind"] == "person"
    assert any(t["title"] == "Prime Minister" and t["valid_from"] for t in a["titles"])
    assert sum(sum(c.values()) for c in a["topics"].values()) >= a["statements"] // 2
    assert client.get("/api/actors/" + VELDT).json()["id"] == veldt["id"]  # an exact name works too


@pytest.mark.parametrize("ref", ["Veldt", "veldt", "anaya veldt", "ANAYA VELDT"])
def test_actors_are_found_as_the_cli_finds_them(client, veldt, ref):
    """Names with case ignored and unique surnames, as `stanceline timeline` takes them."""
    items = client.get("/api/statements", params={"actor": ref}).json()["items"]
    assert items and all(s["actor"]["id"] == veldt["id"] for s in items)
    assert client.get("/api/timeline", params={"actor": ref}).json()["actor"]["id"] == veldt["id"]
    assert client.get(f"/api/actors/{ref}").json()["id"] == veldt["id"]
    assert client.get(f"/actors/{ref}").status_code == 200
    assert client.get("/search", params={"actor": ref}).status_code == 200


def test_an_ambiguous_actor_is_a_400_naming_the_candidates(tmp_path, analyze):
    from web_fixtures import client_class, store_of

    from stanceline.web import create_app

    texts = [
        '"We will not negotiate," Prime Minister Anna Berg said on Monday.',
        '"Talks must resume," Foreign Minister Lars Berg said on Tuesday.',
    ]
    db = store_of(str(tmp_path / "bergs.db"), [analyze(t, published="2024-03-08") for t in texts])
    with Store(db) as st:
        with st.connect() as conn:
            bergs = dict(
                conn.execute(
                    select(S.actors.c.name, S.actors.c.id).where(S.actors.c.name.like("%Berg"))
                ).all()
            )
    assert set(bergs) == {"Anna Berg", "Lars Berg"}
    with client_class()(create_app(db)) as c:
        for path, params in [
            ("/api/statements", {"actor": "Berg"}),
            ("/api/timeline", {"actor": "berg"}),
            ("/api/actors/Berg", {}),
        ]:
            r = c.get(path, params=params)
            assert r.status_code == 400, (path, r.text)
            message = r.json()["error"]["message"]
            assert all(i in message for i in bergs.values()) and "give the id" in message, message
        assert (
            c.get("/api/statements", params={"actor": "lars berg"}).json()["items"][0]["actor"]["id"]
            == bergs["Lars Berg"]
        )
        r = c.get("/api/statements", params={"actor": "Nobody"})
        # an actor the database does not hold is not found (the schema cannot say which names exist)
        assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
        assert r.json()["error"]["message"].startswith("actor: no actor 'Nobody'")
        r = c.get("/api/actors/Nobody")
        assert r.status_code == 404 and "/api/actors lists them" in r.json()["error"]["message"]


def test_statement_pages_cover_every_statement_once_newest_first(client, store):
    items = walk(client, "/api/statements", limit=13)
    assert len(items) == store.counts()["statements"]
    assert len({s["id"] for s in items}) == len(items)
    dated = [s["said_on"] for s in items if s["said_on"]]
    starts = [d + "-01" * ((10 - len(d)) // 3) for d in dated]
    assert starts == sorted(starts, reverse=True)
    assert all(s["said_on"] is None for s in items[len(dated) :])  # undated last


def test_statement_items_carry_their_evidence(client):
    s = client.get("/api/statements", params={"limit": 1}).json()["items"][0]
    art = client.get(f"/api/articles/{s['article']['id']}").json()
    assert art["schema"] == "stanceline.article/1"
    text = art["article"]["text"]
    assert s["content"].split(" … ")[0] in text[s["content_start"] : s["content_end"]]
    assert client.get(s["page"]).status_code == 200


@pytest.mark.parametrize(
    "params",
    [
        {"topic": "sanctions"},
        {"topic": "negotiations", "stance": "oppose"},
        {"stance": "conditional"},
        {"from": "2024"},
        {"to": "2023-06"},
        {"from": "2023-10", "to": "2023-10-31"},
    ],
)
def test_filters_match_a_direct_reading_of_the_store(client, store, params):
    got = {s["id"] for s in walk(client, "/api/statements", limit=50, **params)}
    with store.connect() as conn:
        said = dict(conn.execute(select(S.statements.c.id, S.statements.c.said_on)).all())
        stances = conn.execute(
            select(
                S.statement_stances.c.statement_id, S.statement_stances.c.topic, S.statement_stances.c.stance
            )
        ).all()
    lo = period(params["from"])[0] if "from" in params else None
    hi = period(params["to"])[1] if "to" in params else None

    def dated_in(sid: str) -> bool:
        span = period(said[sid])
        if lo is None and hi is None:
            return True
        return span is not None and (lo is None or span[1] >= lo) and (hi is None or span[0] <= hi)

    if "topic" in params or "stance" in params:
        want = {
            sid
            for sid, topic, stance in stances
            if params.get("topic", topic) == topic
            and params.get("stance", stance) == stance
            and dated_in(sid)
        }
    else:
        want = {sid for sid in said if dated_in(sid)}
    assert got == want
    assert got


def test_actor_filter_with_text(client, veldt):
    items = walk(client, "/api/statements", actor=veldt["id"], q="talks")
    assert items and all(s["actor"]["id"] == veldt["id"] for s in items)
    assert all(re.search(r"\btalk", s["content"], re.IGNORECASE) for s in items)


@pytest.mark.parametrize(
    "q,must,must_not",
    [
        ("sanction", r"\bsanction", None),  # stemmed: finds "sanctions"
        ('"not talk"', r"\bnot talk", None),
        ("sanctions -velmora", r"\bsanction", r"\bvelmora\b"),  # a word: "Velmorans" stays
        ("negotiations SANCTIONS", r"\bnegotiat", None),
    ],
)
def test_full_text_search(client, q, must, must_not):
    items = walk(client, "/api/statements", q=q)
    assert items
    for s in items:
        assert re.search(must, s["content"], re.IGNORECASE), s["content"]
        if must_not:
            assert not re.search(must_not, s["content"], re.IGNORECASE), s["content"]


def test_search_index_matches_the_statements(store):
    from stanceline.store import relink, search

    with store.connect() as conn:
        n = conn.execute(select(func.count()).select_from(S.search_statements)).scalar_one()
        assert n == conn.execute(select(func.count()).select_from(S.statements)).scalar_one()
        fts = conn.exec_driver_sql("SELECT count(*) FROM search_fts").scalar_one()
        assert fts == n
    relink(store)  # nothing changed: the index stays as it is
    with store.begin() as conn:
        assert search.update_search(store, conn) == 0


# ---- timeline and shifts ----------------------------------------------------------------------------


def test_timeline_is_the_cli_timeline(client, store, veldt):
    body = client.get("/api/timeline", params={"actor": veldt["id"], "topic": "negotiations"}).json()
    pts = SQ.points(store, actor_id=veldt["id"], topic="negotiations")
    assert [p["statement_id"] for p in body["points"]] == [p.statement_id for p in timeline(pts)]
    assert [s["to"] for s in body["shifts"]] == [s.to_stance for s in detect_shifts(pts)]
    assert body["shifts"], "Veldt moves on negotiations in the sample corpus"
    dated = client.get("/api/timeline", params={"actor": veldt["id"], "from": "2024"}).json()
    assert dated["points"] and all((p["said_on"] or "0") >= "2024" for p in dated["points"])


def test_shift_feed_is_every_shift_newest_first(client, store):
    items = walk(client, "/api/shifts", limit=3)
    # as the feed was before the shifts table (schema 7): every shift detected anew, sorted by its key
    fresh = sorted(
        detect_shifts(SQ.points(store)),
        key=lambda s: (s.after[0].period[0].isoformat(), s.actor_id, s.topic, s.after[0].statement_id),
        reverse=True,
    )
    assert [(s["actor_id"], s["topic"], s["after"][0]["statement_id"]) for s in items] == [
        (s.actor_id, s.topic, s.after[0].statement_id) for s in fresh
    ]
    dates = [s["after"][0]["said_on"].lstrip("≤") for s in items]
    assert dates == sorted(dates, reverse=True)
    assert walk(client, "/api/shifts", topic="sanctions") == [s for s in items if s["topic"] == "sanctions"]


# ---- errors: one shape, 400 for bad parameters, never a 500 -----------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/api/statements?limit=0",
        "/api/statements?limit=501",
        "/api/statements?limit=abc",
        "/api/statements?from=2023-13",
        "/api/statements?from=yesterday",
        "/api/statements?to=2023-02-30",
        "/api/statements?from=2024&to=2023",
        "/api/statements?stance=maybe",
        "/api/statements?q=%00",
        "/api/statements?q=%22%22",
        "/api/statements?q=-velmora",
        "/api/statements?q=!!!",
        "/api/statements?cursor=abc",
        "/api/actors?cursor=WyJzIiwxXQ",
        "/api/statements?actor=nobody",
        "/api/statements?q=" + "x" * 201,
        "/api/actors?kind=robot",
        "/api/timeline",
        "/api/timeline?actor=nobody",
        "/api/shifts?cursor=%FF",
        "/export/statements.csv?from=x",
        "/export/statements.xml",
    ],
)
def test_bad_parameters_get_400_with_the_error_shape(client, path):
    r = client.get(path)
    assert r.status_code in (400, 404), r.text
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["message"] and "Traceback" not in r.text
    if r.status_code == 400:
        assert body["error"]["code"] == "bad_parameter"


def test_an_inverted_date_range_is_a_400_wherever_dates_are_taken(client, veldt):
    paths = [
        "/api/statements",
        f"/api/timeline?actor={veldt['id']}",
        "/search",
        "/export/statements.csv",
        "/export/statements.jsonl",
    ]
    for path in paths:
        sep = "&" if "?" in path else "?"
        r = client.get(f"{path}{sep}from=2025&to=2023")
        assert r.status_code == 400, path
        assert "from: 2025 is after to: 2023" in (
            r.json()["error"]["message"] if "json" in r.headers["content-type"] else r.text
        ), path
        # a range that only touches itself (a month and its first day) is fine
        assert client.get(f"{path}{sep}from=2023-05-02&to=2023-05").status_code == 200, path
        assert client.get(f"{path}{sep}from=2023-05&to=2023-05-01").status_code == 200, path


@pytest.mark.parametrize(
    "path", ["/api/actors/nobody", "/api/statements/0000", "/api/articles/nope", "/api/x"]
)
def test_unknown_ids_get_404_with_the_error_shape(client, path):
    r = client.get(path)
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "not_found"


def test_no_write_endpoints(client):
    for method in ("post", "put", "delete", "patch"):
        r = getattr(client, method)("/api/statements")
        assert r.status_code == 405
        assert r.json()["error"]["code"] == "method_not_allowed"


def test_pages_answer_errors_as_pages(client):
    r = client.get("/actors/nobody")
    assert r.status_code == 404 and "text/html" in r.headers["content-type"]
    r = client.get("/search", params={"from": "soon"})
    assert r.status_code == 400 and "from: give a date" in r.text and "<form" in r.text


# ---- pages --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/actors",
        "/actors?kind=person",
        "/shifts",
        "/search",
        "/search?q=sanctions&topic=sanctions&from=2023",
        "/topics/negotiations",
    ],
)
def test_pages_render(client, path):
    r = client.get(path)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in r.headers["content-security-policy"]


def test_actor_page_has_chart_data_aliases_and_statements(client, veldt):
    r = client.get(f"/actors/{veldt['id']}")
    assert r.status_code == 200
    data = json.loads(
        re.search(r'<script type="application/json" id="chart-data">(.*?)</script>', r.text, re.DOTALL).group(
            1
        )
    )
    assert data["kind"] == "stance" and "negotiations" in data["lanes"]
    assert any(p["uncertain"] for p in data["points"]) and any(not p["uncertain"] for p in data["points"])
    assert all(set(p) >= {"id", "x", "y", "stance", "hover"} for p in data["points"])
    assert "/assets/plotly.min.js" in r.text and "cdn" not in r.text.lower()
    assert "Prime Minister" in r.text and "/export/statements.csv?actor=" in r.text


def test_plotly_is_served_from_the_package(client):
    r = client.get("/assets/plotly.min.js")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/javascript")
    assert b"plotly" in r.content[:2000].lower() and len(r.content) > 1_000_000


def test_evidence_page_highlights_every_span(client, store):
    s = client.get(
        "/api/statements", params={"topic": "negotiations", "stance": "conditional", "limit": 50}
    ).json()
    with_cond = next(it for it in s["items"] if any(st["conditions"] for st in it["stances"]))
    r = client.get(with_cond["page"])
    for kind in ("source", "cue", "content", "condition"):
        assert f"hl-{kind}" in r.text
    assert 'id="ev"' in r.text
    rec = client.get(f"/api/articles/{with_cond['article']['id']}").json()
    assert rec["article"]["published"]["value"] in r.text


def test_other_sightings_can_be_shown(client, store):
    with store.connect() as conn:
        sid = conn.execute(select(S.statements.c.id).where(S.statements.c.sightings > 1)).scalars().first()
        rows = conn.execute(
            select(S.statement_sightings).where(S.statement_sightings.c.statement_id == sid)
        ).all()
    other = rows[-1]
    r = client.get(f"/statements/{sid}", params={"sighting": f"{other.article_id}:{other.local_id}"})
    assert r.status_code == 200 and "(shown)" in r.text
    assert client.get(f"/statements/{sid}", params={"sighting": "x:y"}).status_code == 400


# ---- exports ----------------------------------------------------------------------------------------


def test_exports_stream_the_same_rows_as_the_list(client, veldt):
    items = walk(client, "/api/statements", actor=veldt["id"])
    r = client.get("/export/statements.csv", params={"actor": veldt["id"]})
    assert r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [row["statement_id"] for row in rows] == [s["id"] for s in items]
    r = client.get("/export/statements.jsonl", params={"actor": veldt["id"]})
    assert [json.loads(line)["statement_id"] for line in r.text.splitlines()] == [s["id"] for s in items]
    shifts = client.get("/export/shifts.csv").text.splitlines()
    assert shifts[0].startswith("actor_id,actor,topic,from,to")
    assert len(shifts) - 1 == len(walk(client, "/api/shifts"))
    assert client.get("/export/actors.jsonl").text.count("\n") == len(walk(client, "/api/actors"))


def test_exports_are_written_by_stanceline_export(client, store):
    """The dashboard's CSV and JSONL are stanceline export's: the same writers, byte for byte where the rows
    are the same (actors; shifts, which the dashboard lists newest first)."""
    from stanceline.export import export

    for what in ("actors", "shifts"):
        for fmt in ("csv", "jsonl"):
            buf = io.StringIO(newline="")
            export(store, what, fmt, out=buf)
            web, cli = client.get(f"/export/{what}.{fmt}").text, buf.getvalue()
            if what == "actors":
                assert web == cli, fmt
            else:
                assert sorted(web.split("\r\n" if fmt == "csv" else "\n")) == sorted(
                    cli.split("\r\n" if fmt == "csv" else "\n")
                ), fmt


def test_streamed_csv_escapes_formulas_and_writes_one_header():
    from stanceline.web.api import CHUNK_ROWS, encode_rows

    cells = ['=HYPERLINK("http://x")', "+1", "-2 percent", "@everyone", "\tx", "\rx", "plain", "a=b"]
    rows = [{"n": i, "content": cells[i % len(cells)]} for i in range(CHUNK_ROWS * 2 + 3)]
    chunks = list(encode_rows(rows, ("n", "content"), "csv"))
    assert len(chunks) == 3
    got = list(csv.DictReader(io.StringIO("".join(chunks))))
    assert [int(r["n"]) for r in got] == list(range(len(rows)))  # one header, every row once, in order
    assert [r["content"] for r in got[: len(cells)]] == ["'" + c for c in cells[:6]] + ["plain", "a=b"]
    jsonl = "".join(encode_rows(rows, ("n", "content"), "jsonl")).splitlines()
    assert [json.loads(line)["content"] for line in jsonl[: len(cells)]] == cells  # JSONL keeps the text
    assert list(encode_rows([], ("n", "content"), "csv")) == ["n,content\r\n"]


def test_statement_export_escapes_a_quote_that_starts_like_a_formula(tmp_path, analyze):
    from web_fixtures import client_class, store_of

    from stanceline.web import create_app

    texts = [
        '"-2 percent is what the sanctions cost us," Prime Minister Anaya Veldt said on Monday.',
        '"@everyone must reject the talks," Prime Minister Anaya Veldt said on Tuesday.',
    ]
    db = store_of(str(tmp_path / "formulas.db"), [analyze(t, published="2024-03-08") for t in texts])
    with client_class()(create_app(db)) as c:
        rows = list(csv.DictReader(io.StringIO(c.get("/export/statements.csv").text)))
        assert sorted(r["content"][:3] for r in rows) == ["'-2", "'@e"]
        raw = [json.loads(line)["content"] for line in c.get("/export/statements.jsonl").text.splitlines()]
        assert sorted(t[:2] for t in raw) == ["-2", "@e"]


def test_openapi_documents_every_endpoint_and_the_error_shape(client):
    spec = client.get("/openapi.json").json()
    for path in (
        "/api/actors",
        "/api/actors/{actor_id}",
        "/api/statements",
        "/api/timeline",
        "/api/shifts",
        "/api/articles/{article_id}",
    ):
        assert path in spec["paths"]
        assert "400" in spec["paths"][path]["get"]["responses"]
    assert "ErrorBody" in spec["components"]["schemas"]
    # errors are answered 400 in the one shape, never FastAPI's 422: the schema says so
    for path, item in spec["paths"].items():
        for op in item.values():
            assert "422" not in op["responses"], path
            assert op["responses"]["400"]["content"]["application/json"]["schema"] == {
                "$ref": "#/components/schemas/ErrorBody"
            }, path
    assert not {"HTTPValidationError", "ValidationError"} & set(spec["components"]["schemas"])
    assert set(spec["paths"]["/export/statements.{fmt}"]["get"]["responses"]["200"]["content"]) == {
        "text/csv",
        "application/x-ndjson",
    }
    assert not any(p.startswith(("/actors", "/search")) for p in spec["paths"])  # pages are not API


# ---- safety -------------------------------------------------------------------------------------------


def test_hostile_article_is_escaped_everywhere(hostile_db):
    from web_fixtures import PAYLOADS, client_class

    from stanceline.web import create_app

    TestClient = client_class()

    with TestClient(create_app(hostile_db)) as c:
        items = c.get("/api/statements").json()["items"]
        assert any("<script>" in s["content"] for s in items), "the test article must yield a <script> quote"
        assert any("<svg onload" in s["content"] for s in items)
        actor = items[0]["actor"]["id"]
        pages = [
            "/",
            "/actors",
            f"/actors/{actor}",
            "/shifts",
            "/search?q=talks",
            "/search?q=%3Cscript%3E",
            f"/articles/{items[0]['article']['id']}",
            "/topics/negotiations",
            "/search?q=%3Cscript%3Ealert(1)%3C/script%3E&actor=%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E",
        ]
        pages += [s["page"] for s in items]
        for path in pages:
            r = c.get(path)
            assert r.status_code in (200, 400), path
            for payload in PAYLOADS:
                assert payload not in r.text, (path, payload)
            assert 'href="javascript:' not in r.text.lower()
            assert "&lt;script&gt;" in r.text or "&lt;img" in r.text or path in ("/actors",), path
        # the chart data is JSON inside a script element: no "<" may end it early
        r = c.get(f"/actors/{actor}")
        block = re.search(r'id="chart-data">(.*?)</script>', r.text, re.DOTALL).group(1)
        assert "<" not in block and "\\u0026lt;script\\u0026gt;" in block  # escaped for plotly, then for JSON


def test_article_ids_with_slashes_and_markup_have_working_escaped_links(odd_ids_db):
    from urllib.parse import quote

    from web_fixtures import ODD_IDS, PAYLOADS, client_class

    from stanceline.web import create_app

    with client_class()(create_app(odd_ids_db)) as c:
        items = c.get("/api/statements").json()["items"]
        assert {s["article"]["id"] for s in items} == {a["id"] for a in ODD_IDS}
        for art in ODD_IDS:
            quoted = quote(art["id"], safe="")
            if (
                "%" not in art["id"]
            ):  # the test client decodes the path twice: the next test has a real server
                assert c.get(f"/api/articles/{quoted}").json()["article"]["id"] == art["id"]
                r = c.get(f"/articles/{quoted}")
                assert r.status_code == 200 and f'href="/api/articles/{quoted}"' in r.text
            if "<" not in art["id"]:  # unquoted slashes work too
                assert c.get(f"/api/articles/{art['id']}").json()["article"]["id"] == art["id"]
                assert c.get(f"/articles/{art['id']}").status_code == 200
            page = next(s["page"] for s in items if s["article"]["id"] == art["id"])
            r = c.get(page)  # the evidence page links to the article, quoted, and that link works
            assert r.status_code == 200 and f'href="/articles/{quoted}"' in r.text
            for path in (page, "/search?q=sanctions", "/"):
                text = c.get(path).text
                assert not any(p in text for p in PAYLOADS), path


def test_article_ids_with_slashes_through_a_real_server(odd_ids_db):
    """uvicorn decodes the path once (the test client twice: an id holding "%2F" only works here)."""
    import urllib.request
    from urllib.parse import quote

    from web_fixtures import ODD_IDS, PAYLOADS, LiveServer

    with LiveServer(odd_ids_db) as server:
        for art in ODD_IDS:
            for path in (
                f"/api/articles/{quote(art['id'], safe='')}",
                f"/articles/{quote(art['id'], safe='')}",
            ):
                with urllib.request.urlopen(server.url + path, timeout=10) as r:
                    assert r.status == 200
                    body = r.read().decode()
                if path.startswith("/api"):
                    assert json.loads(body)["article"]["id"] == art["id"]
                else:
                    assert f'href="/api/articles/{quote(art["id"], safe="")}"' in body
                    assert not any(p in body for p in PAYLOADS)
        shown = "wire/&lt;script&gt;window.__xss=1&lt;/script&gt;/a?b#c%2F.."  # no title: the id, escaped
        with urllib.request.urlopen(
            f"{server.url}/articles/{quote(ODD_IDS[1]['id'], safe='')}", timeout=10
        ) as r:
            assert shown in r.read().decode()


# ---- PostgreSQL and SQLite alike ----------------------------------------------------------------------


def test_search_and_api_on_each_backend(db_url, analyze):
    from web_fixtures import client_class, store_of

    from stanceline.web import create_app

    TestClient = client_class()

    texts = [
        (
            '"We will not negotiate while the sanctions stay," Prime Minister Anaya Veldt said on Monday.',
            "2023-03-08",
        ),
        (
            (
                "Tarsk would return to negotiations if the sanctions were lifted, "
                "Prime Minister Anaya Veldt told reporters on Friday."
            ),
            "2024-03-04",
        ),
    ]
    store_of(db_url, [analyze(t, published=d) for t, d in texts])
    with TestClient(create_app(db_url)) as c:
        assert len(c.get("/api/statements").json()["items"]) == 2
        got = c.get("/api/statements", params={"q": "negotiation sanction", "topic": "negotiations"}).json()
        assert len(got["items"]) == 2
        assert len(c.get("/api/statements", params={"q": "negotiate -lifted"}).json()["items"]) == 1
        assert (
            len(c.get("/api/statements", params={"stance": "conditional", "from": "2024"}).json()["items"])
            == 1
        )
        page = c.get("/api/statements", params={"limit": 1}).json()
        assert page["items"][0]["said_on"] == "2024-03-01" and page["next_cursor"]
        nxt = c.get("/api/statements", params={"limit": 1, "cursor": page["next_cursor"]}).json()
        assert nxt["items"][0]["said_on"] == "2023-03-06" and nxt["next_cursor"] is None
        actor = c.get("/api/actors").json()["items"][0]
        assert c.get("/api/timeline", params={"actor": actor["id"]}).json()["shifts"]
        for path in ("/", f"/actors/{actor['id']}", "/search?q=talks", "/shifts", "/topics/negotiations"):
            assert c.get(path).status_code == 200, path


@pytest.mark.parametrize(
    "lane, actor, topic, label",
    [
        ("topic", "Officials in Tarsk", "sanctions", "sanctions"),
        ("actor", 'Officials in <a href="https://x.example">Tarsk</a>', "sanctions", None),
        ("actor", '<span style="font-size:90px">Kalden</span>', "sanctions", None),
        ("topic", "Kalden", "<b>trade</b>", None),
    ],
)
def test_chart_labels_are_text_never_markup(lane, actor, topic, label):
    """Plotly reads a few tags in axis labels: a lane named with markup shows the markup as text."""
    import html

    from stanceline.timeline import Point
    from stanceline.web.pages import chart_data

    p = Point("st1", "a1", actor, topic, "oppose", "2024-05-02", "day", "explicit", "No.", "art1", "s1")
    raw = topic if lane == "topic" else actor
    data = chart_data([p], lane=lane)
    expected = label or html.escape(raw, quote=False)
    assert data["lanes"] == [expected] and data["points"][0]["y"] == expected
    assert "<" not in data["points"][0]["y"]
    assert chart_data([p], lane=lane, lanes=[raw])["lanes"] == [expected]


def test_a_405_says_which_methods_there_are(client):
    for path in ("/api/statements", "/actors"):
        r = client.post(path)
        assert r.status_code == 405 and "GET" in r.headers["allow"], path


@pytest.mark.parametrize("path", ["/", "/actors", "/shifts", "/search?q=talks"])
def test_pages_answer_head(client, path):
    r = client.head(path)
    assert r.status_code == 200 and "text/html" in r.headers["content-type"]
    assert r.content == b""


@pytest.mark.parametrize("ref", [" could be ", "it could be anyone", "Veldt could be"])
def test_an_unknown_actor_whose_name_holds_the_words_of_the_ambiguity_message_is_404(sample_client, ref):
    """Found by schemathesis: "no actor ' could be '" was read as a list of candidates (400)."""
    r = sample_client.get(f"/api/actors/{ref}")
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found", r.text
