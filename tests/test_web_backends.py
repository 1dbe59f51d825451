"""The web app over the sample corpus on SQLite and on PostgreSQL alike: forged input is a 400, never a 500 or a
503, and both backends answer the same."""

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
    "abc", "!!!!", "====", "é", "-_-_", cursor(b"\xff\xfe\x00"), cursor("not json"), cursor("{}"), cursor("[]"),
    cursor('"s"'), cursor("null"), cursor('["s"]'), cursor('["s",1,2]'), cursor('["a",1]'), cursor('["s","1"]'),
    cursor('["s",1.5]'), cursor('["s",true]'), cursor('["s",null]'), cursor('["s",[1]]'), cursor('["s",1e400]'),
    cursor('["s",99999999999999999999999999]'), cursor('["s",-9223372036854775808]'), cursor('["s",-1]'),
    cursor(f'["s",{2 ** 62}]'), cursor(f'["s",{2 ** 63 - 1}]'), cursor(f'["s",{2 ** 64}]'),
    cursor('["a",99999999999999999999,"x"]'), cursor('["a",-1,"x"]'), cursor('["a",1,"\\u0000"]'),
    cursor('["a",1,"\\ud800"]'), cursor('["a",1,2]'), cursor('["a","1","x"]'), cursor('["h","a","b","c","\\u0000"]'),
    cursor('["h",1,2,3,4]'), cursor('["h","a","b","c"]'), cursor("[" * 140 + "]" * 140),
]
API = ["/api/statements", "/api/actors", "/api/shifts"]
PAGES = ["/search", "/actors", "/shifts"]


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
    for key in (0, 2 ** 62 - 1):
        r = client.get("/api/statements", params={"cursor": cursor(f'["s",{key}]')})
        assert r.status_code == 200, r.text
    assert client.get("/api/statements", params={"cursor": cursor('["s",0]')}).json()["items"] == []
    assert client.get("/api/actors", params={"cursor": cursor(f'["a",{2 ** 62 - 1},"x"]')}).status_code == 200


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


@pytest.mark.parametrize("path", ["/api/actors/%00", "/api/statements/%00", "/api/articles/%00", "/actors/%00",
                                  "/statements/%00", "/articles/%00", "/api/timeline?actor=%00"])
def test_control_characters_in_ids_are_bad_parameters(client, path):
    r = client.get(path)
    assert r.status_code == 400, r.text[:300]
