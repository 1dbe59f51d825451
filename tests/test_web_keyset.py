"""The articles and actors pages go by cursor: walking the pages gives every row once, in order.

Pages are made small here (seven rows) so that the sample corpus spans several of them.
"""

from __future__ import annotations

import re
from html import unescape

import pytest

from stanceline.web import pages

NEXT = re.compile(r'<a class="next" href="\?([^"]*)"')
FIRST = re.compile(r'<a href="\?([^"]*)">« First page</a>')
ARTICLE_ROW = re.compile(r'<a href="/articles/([^"]+)">')
ACTOR_ROW = re.compile(r'<a href="/actors/([^"]+)">')


@pytest.fixture
def client(sample_client):
    return sample_client


def walk(client, path: str, query: str, row: re.Pattern[str]) -> tuple[list[str], list[str]]:
    """The ids of every page from the first, following "Next page"; and the first-page links seen."""
    ids, firsts = [], []
    while True:
        r = client.get(f"{path}?{query}")
        assert r.status_code == 200, r.text[:300]
        ids += row.findall(r.text)
        firsts += FIRST.findall(r.text)
        nxt = NEXT.search(r.text)
        if not nxt:
            return ids, firsts
        query = unescape(nxt.group(1))


@pytest.mark.parametrize(
    ("path", "query", "row"),
    [
        ("/articles", "", ARTICLE_ROW),
        ("/articles", "from=2024", ARTICLE_ROW),
        ("/actors", "", ACTOR_ROW),
        ("/actors", "sort=articles", ACTOR_ROW),
        ("/actors", "sort=name", ACTOR_ROW),
        ("/actors", "kind=person&sort=name", ACTOR_ROW),
        ("/actors", "q=zzzz-no-such-name", ACTOR_ROW),  # no row: one empty page, no next link
    ],
)
def test_pages_by_cursor_give_every_row_once_in_order(client, monkeypatch, path, query, row):
    whole, _ = walk(client, path, query, row)  # one page holds them all
    monkeypatch.setattr(pages, "PAGE_ROWS", 7)
    paged, firsts = walk(client, path, query, row)
    assert paged == whole
    assert len(set(paged)) == len(paged)
    assert len(firsts) == max(0, -(-len(whole) // 7) - 1)  # every page after the first links back to it
    if "zzzz" in query:
        assert whole == []
    else:
        assert len(whole) > 7


@pytest.mark.parametrize(
    "query",
    [
        "cursor=abc",
        # A cursor of another order of the same list, and of another list.
        "sort=name&cursor=WyJhY3RvcnMtc3RhdGVtZW50cyIsMywiYWNfMSJd",
        "cursor=WyJhcnRpY2xlcyIsIjIwMjQiLCJ4Il0",
    ],
)
def test_actors_page_refuses_a_cursor_it_did_not_give(client, query):
    assert client.get(f"/actors?{query}").status_code == 400
