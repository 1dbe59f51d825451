"""Events in the dashboard: ``/api/events`` (filters, keyset cursor, errors) on SQLite and PostgreSQL, events
in ``/api/timeline``, in the actor and topic charts' data, and drawn as markers in a real Chromium, names with
markup shown as text."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from eventkit import CORPUS
from web_fixtures import MARKUP_NAMES, ROOT, LiveServer, client_class, store_of

from stanceline.web import create_app

#: Tarsk named with markup, as a careless extractor or a hostile feed could give it.
TARSK = MARKUP_NAMES[0]


def with_markup(analyses: list) -> list:
    out = []
    for a in analyses:
        actors = tuple(replace(x, name=TARSK) if x.name == "Tarsk" else x for x in a.actors)
        out.append(replace(a, actors=actors))
    return out


@pytest.fixture
def client(db_url):
    with client_class()(create_app(store_of(db_url, with_markup(CORPUS)))) as c:
        yield c


def ids(c, **params) -> list[str]:
    r = c.get("/api/events", params=params)
    assert r.status_code == 200, r.text
    return [(e["type"], e["happened_on"]) for e in r.json()["items"]]


def test_api_events_filters_and_pages(client):
    everything = ids(client, limit=50)
    # newest first; the strike reported twice is one event, the negated strike is listed as such
    assert everything == [
        ("ACCUSE", "2024-08-01"),
        ("SANCTION", "2024-07-25"),
        ("ASSAULT", "2024-07-20"),
        ("THREATEN", "2024-07-14"),
        ("ASSAULT", "2024-07-13"),
    ]
    # pages of two, following next_cursor, give the same list, then null
    got, cursor = [], None
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = client.get("/api/events", params=params).json()
        got += [(e["type"], e["happened_on"]) for e in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert got == everything
    items = client.get("/api/events", params={"type": "ASSAULT"}).json()["items"]
    assert [(e["negated"], e["sightings"], len(e["reports"])) for e in items] == [(True, 1, 1), (False, 2, 2)]
    strike = items[1]
    assert strike["source"]["actor"]["name"] == TARSK and strike["source"]["country"] == "XTK"
    assert [r["trigger"] for r in strike["reports"]] == ["struck", "shelled"]  # earliest published first
    accuse = client.get("/api/events", params={"type": "ACCUSE"}).json()["items"][0]
    assert accuse["statement"]["page"].startswith("/statements/")
    assert (
        client.get(accuse["statement"]["page"].replace("/statements/", "/api/statements/")).status_code == 200
    )


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"actor": "Anaya Veldt"}, [("ACCUSE", "2024-08-01")]),
        ({"from": "2024-07-20", "to": "2024-07-31"}, [("SANCTION", "2024-07-25"), ("ASSAULT", "2024-07-20")]),
        ({"from": "2024-08"}, [("ACCUSE", "2024-08-01")]),
        ({"to": "2024-07-13"}, [("ASSAULT", "2024-07-13")]),
        ({"type": "AID"}, []),  # nothing of that type
        ({"from": "2025"}, []),
        ({"actor": "Velmora", "type": "THREATEN"}, [("THREATEN", "2024-07-14")]),
    ],
)
def test_api_events_filter_table(client, params, expected):
    assert ids(client, **params) == expected


@pytest.mark.parametrize(
    "params, status, words",
    [
        ({"type": "STRIKE"}, 400, "type"),
        ({"from": "2024-08", "to": "2024-07"}, 400, "from: 2024-08 is after to: 2024-07"),
        ({"cursor": "not-a-cursor"}, 400, "cursor: not a cursor of this list"),
        ({"limit": 0}, 400, "limit"),
        ({"actor": "Nobody Atall"}, 404, "actor"),
    ],
)
def test_api_events_bad_parameters(client, params, status, words):
    r = client.get("/api/events", params=params)
    assert r.status_code == status and set(r.json()) == {"error"}
    assert words in r.json()["error"]["message"]


def test_api_timeline_and_charts_carry_events(client):
    veldt = client.get("/api/timeline", params={"actor": "Anaya Veldt"}).json()
    # her own accusation, and what her country was a party to; never the strike said not to have happened
    assert [(e["type"], e["hypothetical"]) for e in veldt["events"]] == [
        ("ASSAULT", False),
        ("THREATEN", True),
        ("SANCTION", False),
        ("ACCUSE", False),
    ]
    narrow = client.get("/api/timeline", params={"actor": "Anaya Veldt", "from": "2024-07-20"}).json()
    assert [e["type"] for e in narrow["events"]] == ["SANCTION", "ACCUSE"]
    actor_page = client.get(f"/actors/{veldt['actor']['id']}").text
    data = json.loads(actor_page.split('id="chart-data">')[1].split("</script>")[0])
    assert data["lanes"][0] == "(events)" and {e["y"] for e in data["events"]} == {"(events)"}
    assert sorted(e["family"] for e in data["events"]) == [
        "material conflict",
        "material conflict",
        "verbal conflict",
        "verbal conflict",
    ]
    assert "Dark markers are events" in actor_page
    listed = actor_page.split("<h2>What happened")[1].split("</table>")[0]
    assert listed.count("<tr>") == 5  # a header row and her four events, newest first
    assert (
        listed.index("ACCUSE") < listed.index("SANCTION") < listed.index("THREATEN") < listed.index("ASSAULT")
    )
    assert "&lt;a href=x&gt;Tarsk&lt;/a&gt;" in listed and "<a href=x>" not in listed
    topic_page = client.get("/topics/negotiations").text
    data = json.loads(topic_page.split('id="chart-data">')[1].split("</script>")[0])
    assert [e["type"] for e in data["events"]] == ["ACCUSE"]  # her own: the topic's lanes are actors
    assert data["events"][0]["y"] in data["lanes"]


# ---- in a real browser ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def events_server(tmp_path_factory):
    db = store_of(str(tmp_path_factory.mktemp("events") / "events.db"), with_markup(CORPUS))
    with LiveServer(db) as server:
        yield server


@pytest.mark.browser
def test_event_markers_render_with_a_legend_and_names_as_text(chromium, events_server):
    import urllib.request

    with urllib.request.urlopen(f"{events_server.url}/api/actors?limit=50", timeout=10) as r:
        veldt = next(a for a in json.load(r)["items"] if a["name"] == "Anaya Veldt")
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{events_server.url}/actors/{veldt['id']}")
    page.wait_for_selector("#chart[data-ready]", timeout=20_000)
    traces = page.evaluate("""() => document.getElementById('chart').data.map(t => ({name: t.name,
        symbol: (t.marker || {}).symbol, color: (t.marker || {}).color, n: (t.meta || []).length,
        statements: (t.customdata || []).length}))""")
    events = [t for t in traces if t["name"].startswith("event: ")]
    assert {(t["name"], t["symbol"], t["n"]) for t in events} == {
        ("event: material conflict", "x", 2),
        ("event: verbal conflict", "star", 1),
        ("event: verbal conflict (threatened or planned)", "star-open", 1),
    }
    assert all(t["statements"] == 0 and t["color"] == "#333333" for t in events)  # no stance colour
    legend = " ".join(page.locator("#chart .legendtext").all_text_contents())
    assert "event: material conflict" in legend and "oppose" in legend and "support" in legend
    assert page.locator("#chart .scatterlayer .trace .points path").count() >= 6  # 2 statements, 4 events
    lanes = page.locator("#chart .yaxislayer-above text").all_text_contents()
    assert "(events)" in lanes and "negotiations" in lanes
    # a marker's hover names Tarsk as written, tags and all, and builds no element from them
    hover = page.evaluate("""() => document.getElementById('chart').data
        .filter(t => (t.name || '').startsWith('event: material')).map(t => t.text.join(' ')).join(' ')""")
    assert "&lt;a href=x&gt;Tarsk&lt;/a&gt;" in hover
    assert page.locator("#chart a").count() == 0 and page.locator("a[href='x']").count() == 0
    assert not errors, errors
    page.close()


AXE = ROOT / "tests" / "axe" / "node_modules" / "axe-core" / "axe.min.js"


@pytest.mark.browser
def test_actor_page_with_events_has_no_serious_accessibility_violation(chromium, events_server):
    """axe-core (WCAG 2.1 A and AA) on an actor page with event markers and its list of events."""
    import os
    import urllib.request

    if not AXE.is_file():
        message = f"no axe-core at {AXE}: `make axe` (npm ci in tests/axe) installs it"
        if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    with urllib.request.urlopen(f"{events_server.url}/api/actors?limit=50", timeout=10) as r:
        veldt = next(a for a in json.load(r)["items"] if a["name"] == "Anaya Veldt")
    context = chromium.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    found = {}
    for path in (f"/actors/{veldt['id']}", "/topics/negotiations"):
        page.goto(events_server.url + path)
        page.wait_for_selector("#chart[data-ready]", timeout=20_000)
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            """() => axe.run(document,
                    {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
                .then(r => r.violations.filter(v => ['serious', 'critical'].includes(v.impact))
                .map(v => ({id: v.id, impact: v.impact,
                            nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))"""
        )
        if result:
            found[path] = result
    context.close()
    assert not found, json.dumps(found, indent=1)


def test_shifts_say_what_happened_in_between(client):
    (shift,) = client.get("/api/shifts").json()["items"]
    assert (shift["from"], shift["to"]) == ("oppose", "support")
    assert [(e["type"], e["hypothetical"]) for e in shift["between"]] == [
        ("ASSAULT", False),
        ("THREATEN", True),
        ("SANCTION", False),
    ]
    veldt = client.get("/api/timeline", params={"actor": "Anaya Veldt"}).json()
    assert [e["type"] for e in veldt["shifts"][0]["between"]] == ["ASSAULT", "THREATEN", "SANCTION"]
    for path in ("/shifts", f"/actors/{veldt['actor']['id']}"):
        page = client.get(path).text
        card = page.split("What happened in between (3)")[1].split("</article>")[0]
        assert card.count("<li>") == 3 and "(threatened or planned)" in card and "(2 articles)" in card, path
        assert "&lt;a href=x&gt;Tarsk&lt;/a&gt;" in card and "<a href=x>" not in card
