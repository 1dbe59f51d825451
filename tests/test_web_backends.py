"""The web app over the sample corpus on SQLite and on PostgreSQL alike: forged input is a 400, never a 500
or a 503, and both backends answer the same."""

from __future__ import annotations

import base64
import json

import pytest


def cursor(raw: str | bytes) -> str:
    """``raw`` as a cursor is sent: urlsafe base64, padding stripped."""
    data = raw.encode() if isinstance(raw, str) else raw
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


#: Cursors no page ever gave: not base64, not JSON, the wrong JSON, the wrong types, out-of-range ints.
FORGED = [
    "abc",
    "!!!!",
    "====",
    "é",
    "-_-_",
    cursor(b"\xff\xfe\x00"),
    cursor("not json"),
    cursor("{}"),
    cursor("[]"),
    cursor('"s"'),
    cursor("null"),
    cursor('["s"]'),
    cursor('["s",1,2]'),
    cursor('["a",1]'),
    cursor('["s","1"]'),
    cursor('["s",1.5]'),
    cursor('["s",true]'),
    cursor('["s",null]'),
    cursor('["s",[1]]'),
    cursor('["s",1e400]'),
    cursor('["s",99999999999999999999999999]'),
    cursor('["s",-9223372036854775808]'),
    cursor('["s",-1]'),
    cursor(f'["s",{2**62}]'),
    cursor(f'["s",{2**63 - 1}]'),
    cursor(f'["s",{2**64}]'),
    cursor('["a",99999999999999999999,"x"]'),
    cursor('["a",-1,"x"]'),
    cursor('["a",1,"\\u0000"]'),
    cursor('["a",1,"\\ud800"]'),
    cursor('["a",1,2]'),
    cursor('["a","1","x"]'),
    cursor('["h","a","b","c","\\u0000"]'),
    cursor('["h",1,2,3,4]'),
    cursor('["h","a","b","c"]'),
    cursor("[" * 140 + "]" * 140),
]
API = ["/api/statements", "/api/actors", "/api/shifts"]
#: Pages that take the API's cursors (the actors and articles lists page by offset, ``start``: checked in
#: tests/test_web_dashboard.py).
PAGES = ["/search", "/shifts"]


@pytest.fixture(scope="module")
def client(sample_any_client):
    return sample_any_client


@pytest.fixture(scope="module")
def actor_page(client) -> str:
    return client.get("/api/actors").json()["items"][0]["page"]


def test_forged_cursors_are_bad_parameters_on_every_list(client, actor_page):
    for value in FORGED:
        for path in API:
            r = client.get(path, params={"cursor": value})
            assert r.status_code == 400, (path, value, r.text)
            assert r.json() == {"error": {"code": "bad_parameter", "message": r.json()["error"]["message"]}}
            assert r.json()["error"]["message"].startswith("cursor:")
        for path in [*PAGES, actor_page]:
            r = client.get(path, params={"cursor": value})
            assert r.status_code == 400, (path, value, r.text[:300])
            assert r.headers["content-type"].startswith("text/html") and "cursor: not a cursor" in r.text


def test_cursors_at_the_edge_of_the_range_are_taken(client):
    for key in (0, 2**62 - 1):
        r = client.get("/api/statements", params={"cursor": cursor(f'["s",{key}]')})
        assert r.status_code == 200, r.text
    assert client.get("/api/statements", params={"cursor": cursor('["s",0]')}).json()["items"] == []
    assert client.get("/api/actors", params={"cursor": cursor(f'["a",{2**62 - 1},"x"]')}).status_code == 200


def test_real_cursors_still_walk_every_page(client):
    seen, nxt = [], None
    while True:
        body = client.get("/api/statements", params={"limit": 40, **({"cursor": nxt} if nxt else {})}).json()
        seen += [s["id"] for s in body["items"]]
        nxt = body["next_cursor"]
        if nxt is None:
            break
        assert json.loads(base64.urlsafe_b64decode(nxt + "=" * (-len(nxt) % 4)))[0] == "s"
    assert len(seen) == len(set(seen)) > 100


@pytest.mark.parametrize(
    "path",
    [
        "/api/actors/%00",
        "/api/statements/%00",
        "/api/articles/%00",
        "/actors/%00",
        "/statements/%00",
        "/articles/%00",
        "/api/timeline?actor=%00",
    ],
)
def test_control_characters_in_ids_are_bad_parameters(client, path):
    r = client.get(path)
    assert r.status_code == 400, r.text[:300]


# ---- links that outlive re-folding -------------------------------------------------------------------------

QUOTE = (
    'Veldt holds firm\n\n{place} — "We will not negotiate while the sanctions stay," '
    "Prime Minister Anaya Veldt said on Monday.\n"
)


def test_statement_links_survive_an_older_article_ingested_later(db_url, tmp_path):
    """A statement's id follows its earliest report: ingesting an older article that reports it gives it
    a new id. The links the dashboard hands out go through a sighting, and keep working; the old id is
    a helpful 404."""
    from urllib.parse import quote

    from web_fixtures import client_class

    from stanceline.ingest import ingest
    from stanceline.store import Store
    from stanceline.web import create_app

    later, earlier = tmp_path / "later.jsonl", tmp_path / "earlier.jsonl"
    later.write_text(
        json.dumps(
            {"id": "wire/2024/later", "published": "2024-03-08", "text": QUOTE.format(place="CORVENNA")}
        )
        + "\n",
        encoding="utf-8",
    )
    earlier.write_text(
        json.dumps(
            {"id": "wire/2024/earlier", "published": "2024-03-05", "text": QUOTE.format(place="HALDEN")}
        )
        + "\n",
        encoding="utf-8",
    )
    TestClient = client_class()
    with Store(db_url) as st:
        ingest([str(later)], st, workers=1)
    with TestClient(create_app(db_url)) as c:
        [old] = c.get("/api/statements").json()["items"]
        permalink = old["permalink"]
        assert permalink == f"/sightings/{quote('wire/2024/later', safe='')}/{old['sighting']}"
        r = c.get(permalink, follow_redirects=False)
        assert r.status_code == 307
        assert (
            r.headers["location"]
            == f"/statements/{old['id']}?sighting=wire%2F2024%2Flater%3A{old['sighting']}"
        )
        # every link to it on the pages goes through the sighting
        actor = old["actor"]["id"]
        for path in ("/search?q=negotiate", f"/actors/{actor}", "/topics/negotiations"):
            page = c.get(path).text
            assert f'href="{permalink}#ev"' in page or f'"href": "{permalink}"' in page, path
            assert 'href="/statements/' not in page, path
    with Store(db_url) as st:
        ingest([str(earlier)], st, workers=1)
    with TestClient(create_app(db_url)) as c:
        [new] = c.get("/api/statements").json()["items"]
        assert new["id"] != old["id"] and new["sightings"] == 2  # re-folded under the earlier report
        r = c.get(permalink, follow_redirects=False)
        assert r.status_code == 307 and r.headers["location"].startswith(f"/statements/{new['id']}?sighting=")
        r = c.get(permalink)
        assert r.status_code == 200 and "wire/2024/later" in r.text and "(shown)" in r.text
        # a page address saved before: 404, saying why and offering search
        r = c.get(f"/statements/{old['id']}")
        assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
        assert "earliest report" in r.text and 'action="/search"' in r.text
        assert "earliest report" in c.get(f"/api/statements/{old['id']}").json()["error"]["message"]
        # ... unless it names its sighting, as the dashboard's links used to: then it finds the statement
        r = c.get(
            f"/statements/{old['id']}",
            params={"sighting": f"wire/2024/later:{old['sighting']}"},
            follow_redirects=False,
        )
        assert r.status_code == 307 and r.headers["location"].startswith(f"/statements/{new['id']}?")
        # a sighting that was never a statement
        r = c.get("/sightings/wire%2F2024%2Flater/s999")
        assert r.status_code == 404 and 'action="/search"' in r.text


# ---- full text: the same statements on both backends -------------------------------------------------------

#: Words, stop words (alone and in phrases), short words Porter would clip ("us" is not "U.S."), exclusions.
QUERIES = [
    "sanctions",
    "sanction negotiations",
    "talks",
    "the",
    "not",
    "will not",
    "is",
    "us",
    "a",
    '"will not talk"',
    '"will not"',
    '"is not a"',
    '"without us"',
    "talks -the",
    "sanctions -not",
    '"would not" -talk',
    "cease-fire",
    "ceasefire",
    "Velmora's",
    "VELDT",
    "negotiated",
    "truce",
    "ÉTAT",
    "apologise",
    '"the sanctions"',
]


@pytest.fixture(scope="module")
def both(sample_db, sample_pg_db):
    from web_fixtures import client_class

    from stanceline.web import create_app

    TestClient = client_class()
    with TestClient(create_app(sample_db)) as lite, TestClient(create_app(sample_pg_db)) as pg:
        yield lite, pg


def every_id(client, **params) -> list[str]:
    ids, nxt = [], None
    while True:
        r = client.get("/api/statements", params={**params, "limit": 500, **({"cursor": nxt} if nxt else {})})
        assert r.status_code == 200, r.text
        ids += [s["id"] for s in r.json()["items"]]
        nxt = r.json()["next_cursor"]
        if nxt is None:
            return ids


@pytest.mark.postgres
@pytest.mark.parametrize("q", QUERIES)
def test_search_finds_the_same_statements_on_sqlite_and_postgresql(both, q):
    lite, pg = both
    got = every_id(lite, q=q)
    assert got == every_id(pg, q=q)
    assert got or q in ("ÉTAT", "cease-fire"), q


@pytest.mark.postgres
def test_stop_words_count_and_phrases_are_exact(both):
    for client in both:
        talk = set(every_id(client, q="talk"))
        will_not_talk = set(every_id(client, q='"will not talk"'))
        assert will_not_talk and will_not_talk < talk  # not every "talk": the phrase, with its stop words
        for sid in will_not_talk:
            content = client.get(f"/api/statements/{sid}").json()["content"]
            assert "will not talk" in content.lower(), content
        assert set(every_id(client, q="the")) > set(every_id(client, q='"the sanctions"'))
        assert not set(every_id(client, q="us")) & set(every_id(client, q='"u s"'))  # "us" is not "U.S."


#: Words where tokenizers and stemmers part ways: Unicode case folding and diacritics, hyphens, dots, short
#: and long words, Porter's later rules and FTS5's reading of them.
TRICKY = (
    "Straße STRASSE Erdoğan İzmir Ölüdeniz ŁÓDŹ naïve café CAFÉ Ǡ µs ς ΣΟΦΟΣ ɔ́r e\u0301te cease-fire U.S. "
    "e-mail example.com 3.5 1990s G7s 2024-03-05 us is as yes eed ies sses apology apologize possibly "
    "possible generously skies dying specced relational conditional hopping filing agreed feed bled "
    "sensibility electrical hopefulness formalize triplicate adjustable rates controll roll "
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
    "ations don't l'état Velmora's négociations ﬁnal"
)


def fts5_words(text: str) -> list[str]:
    """``text`` as SQLite FTS5's ``porter unicode61 remove_diacritics 2`` tokenizer indexes it."""
    import sqlite3

    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE f USING fts5(x, tokenize='porter unicode61 remove_diacritics 2')")
    db.execute("CREATE VIRTUAL TABLE v USING fts5vocab(f, 'instance')")
    db.execute("INSERT INTO f(rowid, x) VALUES (1, ?)", (text,))
    return [t for (t,) in db.execute("SELECT term FROM v ORDER BY offset")]


def test_words_and_stems_are_those_of_fts5():
    """PostgreSQL's index holds what search.words and search.porter make of a text: exactly FTS5's tokens."""
    from pathlib import Path

    from stanceline.store.search import porter, words

    root = Path(__file__).resolve().parents[1]
    texts = [
        TRICKY,
        *(p.read_text(encoding="utf-8") for p in sorted((root / "examples" / "articles").iterdir())),
    ]
    for text in texts:
        assert [porter(w) for w in words(text)] == fts5_words(text)
    assert words("Erdoğan's İzmir ΣΟΦΟΣ") == ["erdogan", "s", "izmir", "σοφοσ"]
    assert [porter(w) for w in ("us", "is", "talks", "negotiations", "apologize", "apology")] == [
        "us",
        "is",
        "talk",
        "negoti",
        "apolog",
        "apolog",
    ]


def test_an_index_built_the_old_way_is_rebuilt_at_start(db_url, analyze):
    """A database indexed before (PostgreSQL's 'english' configuration, the text as written) is re-indexed
    when the dashboard opens it, and then finds stop words."""
    from sqlalchemy import text
    from web_fixtures import client_class

    from stanceline.store import Store, relink
    from stanceline.store import schema as S
    from stanceline.web import create_app

    said = '"We will not talk to them," Prime Minister Anaya Veldt said on Monday.'
    with Store(db_url) as st:
        st.put([(analyze(said, published="2024-03-08"), "test")])
        relink(st)
        with st.begin() as conn:
            conn.execute(S.meta.delete().where(S.meta.c.key == "search_format"))
            conn.execute(S.search_statements.update().values(content=said))
            if conn.dialect.name == "postgresql":
                conn.execute(text("ALTER TABLE search_statements DROP COLUMN tsv"))
                conn.execute(
                    text(
                        "ALTER TABLE search_statements ADD COLUMN tsv tsvector GENERATED ALWAYS AS "
                        "(to_tsvector('english'::regconfig, content) || "
                        "to_tsvector('simple'::regconfig, tags)) STORED"
                    )
                )
    with client_class()(create_app(db_url)) as c:
        for q in ("the", '"will not talk"', "talking", "them"):
            assert len(c.get("/api/statements", params={"q": q}).json()["items"]) == (q != "the"), q
    with Store(db_url) as st, st.connect() as conn:
        assert conn.execute(S.search_statements.select()).first().content.startswith("we will not talk")
