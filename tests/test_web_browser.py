"""The dashboard in a real headless Chromium (Debian's, through Playwright): charts render, points open
their evidence, and a hostile article runs nothing even with the Content-Security-Policy switched off."""

from __future__ import annotations

import json
import urllib.request

import pytest
from web_fixtures import MARKUP_NAMES, LiveServer

pytestmark = pytest.mark.browser

CHART_POINTS = "#chart .scatterlayer .trace .points path"
#: Elements that would only be there if markup from an article had been parsed as HTML.
INJECTED = "img[onerror], svg[onload], [onmouseover], script:not([src]):not([type='application/json'])"


@pytest.fixture(scope="module")
def sample_server(sample_db):
    with LiveServer(sample_db) as server:
        yield server


def get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as r:
        return json.load(r)


def watch(page) -> list[str]:
    """Collect page errors, failed loads and CSP violations as they happen."""
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on(
        "console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None
    )
    return problems


def test_actor_chart_renders_and_a_point_opens_its_highlighted_evidence(chromium, sample_server):
    actors = get_json(f"{sample_server.url}/api/actors?limit=500")["items"]
    veldt = next(a for a in actors if a["name"] == "Anaya Veldt")
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    problems = watch(page)
    page.goto(f"{sample_server.url}/actors/{veldt['id']}")
    page.wait_for_selector("#chart[data-ready]", timeout=20_000)

    points = page.locator(CHART_POINTS)
    assert points.count() >= 20
    lanes = page.locator("#chart .yaxislayer-above text").all_text_contents()
    assert "negotiations" in lanes and "sanctions" in lanes
    legend = " ".join(page.locator("#chart .legendtext").all_text_contents())
    assert "oppose" in legend and "on or before publication" in legend
    # uncertain dates are drawn open, exact ones filled
    symbols = page.evaluate("""() => document.getElementById('chart').data
        .flatMap(t => Array.isArray(t.marker.symbol) ? t.marker.symbol : [])""")
    assert "circle-open" in symbols and "circle" in symbols

    # the first point of the first trace, and every statement drawn at the same spot
    first = page.evaluate("""() => { const data = document.getElementById('chart').data, t = data[0];
        const ids = data.flatMap(u => (u.customdata || [])
            .filter((_, i) => u.x[i] === t.x[0] && u.y[i] === t.y[0]));
        return {ids, text: t.text[0]}; }""")
    box = points.first.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    hover = page.locator("#chart .hoverlayer .hovertext")
    hover.first.wait_for(timeout=5_000)
    assert (hover.first.text_content() or "").strip()

    page.mouse.click(x, y)
    page.wait_for_url("**/statements/**", timeout=10_000)
    sid = page.url.split("/statements/")[1].split("#")[0].split("?")[0]
    assert sid in first["ids"]
    content = page.locator("mark.hl-content")
    assert content.count() >= 1 and content.first.is_visible()
    assert page.locator("#ev").is_visible()  # scrolled to the statement
    assert page.locator("mark.hl-cue").count() >= 1
    statement = get_json(f"{sample_server.url}/api/statements/{sid}")
    shown = " ".join(m for m in page.locator("mark.hl-content").all_inner_texts())
    assert statement["content"].split(" … ")[0][:30] in " ".join(shown.split())
    assert not problems, problems
    page.close()


def test_overview_and_topic_charts_render(chromium, sample_server):
    page = chromium.new_page()
    problems = watch(page)
    for path, selector in (("/", "#chart .barlayer"), ("/topics/negotiations", CHART_POINTS)):
        page.goto(sample_server.url + path)
        page.wait_for_selector("#chart[data-ready]", timeout=20_000)
        assert page.locator(selector).count() >= 1, path
    page.goto(f"{sample_server.url}/search?q=sanctions&from=2023")
    assert page.locator("table.statements tbody tr").count() >= 5
    page.locator("table.statements td.quote a").first.click()
    page.wait_for_url("**/statements/**")
    assert page.locator("mark.hl-content").first.is_visible()
    assert not problems, problems
    page.close()


def test_hostile_article_runs_nothing(chromium, hostile_db):
    # Without the CSP (bypass_csp) only escaping stands between the article and the page.
    context = chromium.new_context(bypass_csp=True)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    with LiveServer(hostile_db) as server:
        items = get_json(f"{server.url}/api/statements")["items"]
        assert any("<script>" in s["content"] for s in items)
        actor, article = items[0]["actor"]["id"], items[0]["article"]["id"]
        paths = [
            "/",
            "/actors",
            f"/actors/{actor}",
            f"/articles/{article}",
            "/shifts",
            "/topics/negotiations",
            "/search?q=talks",
            "/search?q=%3Cscript%3Ewindow.__xss%3D9%3C%2Fscript%3E",
            "/search?actor=%22%3E%3Cimg%20src%3Dx%20onerror%3Dwindow.__xss%3D8%3E",
        ]
        paths += [s["page"] for s in items]
        for path in paths:
            page.goto(server.url + path)
            page.wait_for_load_state("load")
            assert page.evaluate("() => window.__xss") is None, path
            assert page.locator(INJECTED).count() == 0, path
        page.goto(f"{server.url}/articles/{article}")
        assert "<script>" in page.title()  # shown as text
        assert page.locator("a[href^='javascript']").count() == 0

        # the chart's hover shows the quote as text
        page.goto(f"{server.url}/actors/{actor}")
        page.wait_for_selector("#chart[data-ready]", timeout=20_000)
        texts = page.evaluate("() => document.getElementById('chart').data.flatMap(t => t.text || [])")
        target = next(i for i, t in enumerate(texts) if "script" in t)
        points = page.locator(CHART_POINTS)
        box = points.nth(target).bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        hover = page.locator("#chart .hoverlayer .hovertext")
        hover.first.wait_for(timeout=5_000)
        label = " ".join(hover.all_text_contents())
        assert "<" in label and "script" in label, label
        assert page.evaluate("() => window.__xss") is None
    assert not dialogs
    context.close()


#: What markup in a name would make if it were parsed: a link, or a styled element.
MADE_BY_MARKUP = "a[href='x'], [style*='90px']"
#: The largest font size (px) of any text drawn in the chart, or in the page's main heading.
MAX_FONT = """() => Math.max(...[...document.querySelectorAll('#chart text, h1')]
    .map(e => parseFloat(getComputedStyle(e).fontSize) || 0))"""


@pytest.fixture(scope="module")
def markup_server(markup_names_db):
    with LiveServer(markup_names_db) as server:
        yield server


@pytest.mark.parametrize("name", MARKUP_NAMES)
def test_markup_in_a_name_shows_as_text_on_the_actor_page(chromium, markup_server, name):
    actors = get_json(f"{markup_server.url}/api/actors")["items"]
    actor = next(a for a in actors if a["name"] == name)
    page = chromium.new_page()
    problems = watch(page)
    page.goto(f"{markup_server.url}/actors/{actor['id']}")
    page.wait_for_selector("#chart[data-ready]", timeout=20_000)
    assert name in page.locator("h1").inner_text()  # the name, literally
    assert page.locator(MADE_BY_MARKUP).count() == 0
    assert page.locator("#chart a").count() == 0
    assert page.evaluate(MAX_FONT) < 40
    assert not problems, problems
    page.close()


def test_markup_in_names_shows_as_text_on_a_topic_chart(chromium, markup_server):
    page = chromium.new_page()
    problems = watch(page)
    page.goto(f"{markup_server.url}/topics/sanctions")
    page.wait_for_selector("#chart[data-ready]", timeout=20_000)
    lanes = page.locator("#chart .yaxislayer-above text").all_text_contents()
    for name in MARKUP_NAMES:  # each lane label is the name as written, tags and all
        assert name in lanes, lanes
    assert page.locator(MADE_BY_MARKUP).count() == 0
    assert page.locator("#chart a").count() == 0  # plotly draws <a> in SVG text for a parsed link
    assert page.evaluate(MAX_FONT) < 40
    assert not problems, problems
    page.close()
