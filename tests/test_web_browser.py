"""The dashboard in a real headless Chromium (Debian's, through Playwright): charts render, points open
their evidence, and a hostile article runs nothing even with the Content-Security-Policy switched off."""

from __future__ import annotations

import json
import os
import urllib.request

import pytest
from web_fixtures import MARKUP_NAMES, ROOT, LiveServer

pytestmark = pytest.mark.browser

CHART_POINTS = "#chart .scatterlayer .trace .points path"
STANCE_NAMES = {"support", "conditional", "neutral", "oppose", "no stance"}
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
    assert "oppose" in legend and "on or before publication" in legend and "dated" in legend
    # colour is the stance (its legend entry a square), fill the date: each drawn trace is one or the other
    traces = page.evaluate("""() => document.getElementById('chart').data.map(t => ({name: t.name,
        symbol: (t.marker || {}).symbol, legend: t.showlegend !== false, n: (t.customdata || []).length}))""")
    drawn = [t for t in traces if t["n"]]
    assert {t["symbol"] for t in drawn} == {"circle", "circle-open"}
    assert all(t["symbol"] == "square" for t in traces if t["legend"] and t["name"] in STANCE_NAMES)
    assert not any(t["legend"] for t in drawn)

    # the first point inside the range shown, and every statement drawn at the same spot
    first = page.evaluate("""() => { const el = document.getElementById('chart'), data = el.data;
        const [lo, hi] = el.layout.xaxis.range.map(v => String(v).slice(0, 10));
        for (let c = 0; c < data.length; c++) { const t = data[c];
          for (let i = 0; i < (t.customdata || []).length; i++) {
            const d = String(t.x[i]).slice(0, 10);
            if (d < lo || d > hi) continue;
            const ids = data.flatMap(u => (u.customdata || [])
                .filter((_, j) => u.x[j] === t.x[i] && u.y[j] === t.y[i]));
            return {curve: c, index: i, ids, text: t.text[i]}; } }
        return null; }""")
    assert first is not None
    point = (
        page.locator("#chart .scatterlayer .trace")
        .nth(first["curve"])
        .locator(".points path")
        .nth(first["index"])
    )
    box = point.bounding_box()
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


#: The README's picture of the actor page: made by the test below, committed, embedded in README.md.
SCREENSHOT = ROOT / "docs" / "img" / "actor-page.png"
SCREENSHOT_VIEWPORT = {"width": 1200, "height": 1250}
SCREENSHOT_MAX_BYTES = 300_000
UPDATE_SCREENSHOTS = os.environ.get("STANCELINE_UPDATE_SCREENSHOTS", "").strip() not in ("", "0")


def png_size(data: bytes) -> tuple[int, int]:
    """The width and height of a PNG from its IHDR chunk (a ValueError for anything that is no PNG)."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise ValueError("not a PNG")
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


@pytest.mark.parametrize(
    ("data", "size"),
    [
        (
            b"\x89PNG\r\n\x1a\n"
            + b"\x00\x00\x00\rIHDR"
            + (1200).to_bytes(4, "big")
            + (1250).to_bytes(4, "big"),
            (1200, 1250),
        ),
        (b"GIF89a" + bytes(30), None),
        (b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIDAT" + bytes(8), None),
        (b"", None),
    ],
)
def test_png_size_reads_the_header(data, size):
    if size is None:
        with pytest.raises(ValueError, match="not a PNG"):
            png_size(data)
    else:
        assert png_size(data) == size


def test_the_readme_screenshot_shows_the_actor_page_as_it_is(chromium, sample_server):
    """docs/img/actor-page.png is the actor page of the sample actor whose stance moves (Anaya Veldt on
    negotiations: oppose, then conditional), at a fixed viewport. STANCELINE_UPDATE_SCREENSHOTS=1 writes
    it again; otherwise the committed image must be a PNG of that size, small, and the page must still show
    what the picture shows (name, chart lane, legend, the shift within the first screen)."""
    actors = get_json(f"{sample_server.url}/api/actors?limit=500")["items"]
    veldt = next(a for a in actors if a["name"] == "Anaya Veldt")
    page = chromium.new_page(viewport=SCREENSHOT_VIEWPORT)
    problems = watch(page)
    page.goto(f"{sample_server.url}/actors/{veldt['id']}?topic=negotiations")
    page.wait_for_selector("#chart[data-ready]", timeout=20_000)
    # let plotly's last relayout and the fonts settle before anything is measured or drawn
    page.evaluate("""() => document.fonts.ready.then(() =>
        new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))))""")

    assert page.locator("h1").inner_text().strip() == "Anaya Veldt"
    assert page.locator("#chart .yaxislayer-above text").all_text_contents() == ["negotiations", "(events)"]
    assert page.locator(CHART_POINTS).count() >= 8
    legend = page.locator("#chart .legendtext").all_text_contents()
    assert {"oppose", "conditional"} <= set(legend)
    shift = page.locator("article.shift h3").first
    assert "oppose" in shift.inner_text() and "conditional" in shift.inner_text()
    box = shift.bounding_box()
    assert box is not None and box["y"] + box["height"] < SCREENSHOT_VIEWPORT["height"], (
        "the shift is off the picture"
    )
    assert not problems, problems

    if UPDATE_SCREENSHOTS:
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOT))
    page.close()
    assert SCREENSHOT.is_file(), (
        f"no {SCREENSHOT.relative_to(ROOT)}: STANCELINE_UPDATE_SCREENSHOTS=1 makes it"
    )
    data = SCREENSHOT.read_bytes()
    assert png_size(data) == (SCREENSHOT_VIEWPORT["width"], SCREENSHOT_VIEWPORT["height"])
    assert len(data) < SCREENSHOT_MAX_BYTES, f"{len(data)} bytes: keep the README's picture small"


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


def test_new_pages_work_in_a_browser(chromium, sample_server):
    """The articles list, the topics index, the actors filter, search counts and terms, article highlights."""
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    problems = watch(page)
    page.goto(f"{sample_server.url}/topics")
    assert page.locator("table.topics tbody tr").count() >= 3
    page.locator("table.topics tbody a").first.click()
    page.wait_for_selector("#chart[data-ready]", timeout=20_000)
    assert page.locator("h1").inner_text().strip() not in ("Topic:", "Topic: ")

    page.goto(f"{sample_server.url}/actors")
    page.fill("main input[name=q]", "veldt")
    page.keyboard.press("Enter")  # the filter works by keyboard
    page.wait_for_url("**/actors?q=veldt**")
    assert page.locator("table tbody tr").count() == 1 and "Anaya Veldt" in page.locator("tbody").inner_text()

    page.goto(f"{sample_server.url}/search?q=sanctions")
    assert page.locator(".facets li").count() >= 3 and page.locator("mark.term").count() >= 5

    page.goto(f"{sample_server.url}/articles")
    page.locator("table.articles tbody a").first.click()
    page.wait_for_url("**/articles/**")
    link = page.locator(".article-text mark a[href^='/sightings/']").first
    assert "said by" in (link.get_attribute("title") or "")
    link.click()
    page.wait_for_url("**/statements/**")
    assert page.locator("mark.hl-content").first.is_visible()

    # the API docs load nothing from elsewhere
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(f"{sample_server.url}/docs")
    assert page.locator("section.endpoint").count() >= 8
    assert requested and all(u.startswith(sample_server.url) or u.startswith("data:") for u in requested)
    assert not problems, problems
    page.close()


AXE = ROOT / "tests" / "axe" / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="module")
def axe_page(chromium):
    """A page that may load axe-core (injected inline: the CSP is bypassed for the checker, not the pages)."""
    if not AXE.is_file():
        message = f"no axe-core at {AXE}: `make axe` (npm ci in tests/axe) installs it"
        if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    context = chromium.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def page_types(url: str) -> list[str]:
    """One address of every page type of the dashboard (the sample corpus's)."""
    statements = get_json(f"{url}/api/statements?limit=5")["items"]
    actor, article = statements[0]["actor"]["id"], statements[0]["article"]["id"]
    return [
        "/",
        "/actors",
        "/actors?q=veldt&sort=name",
        f"/actors/{actor}",
        "/topics",
        "/topics/negotiations",
        "/articles",
        f"/articles/{article}",
        "/shifts",
        "/search",
        "/search?q=sanctions",
        "/search?from=May",  # the form with an error
        statements[0]["page"],
        "/statements/nothing-here",  # the 404 page
        "/docs",
        "/no/such/page",  # the error page
    ]


def test_every_page_type_has_no_serious_accessibility_violation(axe_page, sample_server):
    """axe-core (WCAG 2.1 A and AA rules) on every page type: no serious or critical violation."""
    found = {}
    for path in page_types(sample_server.url):
        axe_page.goto(sample_server.url + path)
        if axe_page.locator("#chart").count():
            axe_page.wait_for_selector("#chart[data-ready]", timeout=20_000)
        axe_page.add_script_tag(path=str(AXE))
        result = axe_page.evaluate(
            """() => axe.run(document,
                    {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
                .then(r => r.violations.filter(v => ['serious', 'critical'].includes(v.impact))
                .map(v => ({id: v.id, impact: v.impact,
                            nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))"""
        )
        if result:
            found[path] = result
    assert not found, json.dumps(found, indent=1)


def test_the_dashboard_is_usable_by_keyboard(chromium, sample_server):
    """Tab reaches the navigation and the search box, Enter follows a link and submits a form."""
    page = chromium.new_page()
    page.goto(f"{sample_server.url}/")
    reached = []
    for _ in range(12):
        page.keyboard.press("Tab")
        reached.append(
            page.evaluate("() => document.activeElement.getAttribute('href') || document.activeElement.name")
        )
    assert {"/actors", "/topics", "/articles", "/search", "q"} <= set(reached)
    while page.evaluate("() => document.activeElement.getAttribute('href')") != "/topics":
        page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/topics")
    page.goto(f"{sample_server.url}/")
    page.focus("header input[name=q]")
    page.keyboard.type("sanctions")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=sanctions")
    assert page.locator("mark.term").count() >= 1
    # focus is visible: the focused link has an outline
    page.keyboard.press("Tab")
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "")
    page.close()
