"""The HTML pages: server-rendered Jinja2 templates (autoescaped), plotly charts from local files.

Charts get their data as JSON in a ``<script type="application/json">`` element
(``tojson`` escapes ``<``, ``>``, ``&`` and ``'``) read by ``static/chart.js``:
no page has an inline script, so the Content-Security-Policy can forbid them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal, get_args
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from sqlalchemy import select

from ..nlp.text import CLOSERS, OPENERS, STRAIGHT
from ..store import schema as S
from ..store.events import shift_events
from ..store.search import parse_query
from ..timeline import shown_date
from . import apidocs, browse
from .api import Id, Kind, Web
from .charts import chart_data
from .events import chart_events, event_list
from .evidence import sighting_url, split_sighting
from .highlight import KINDS, Link, Mark, highlight, highlight_terms, safe_url
from .params import (
    STANCES,
    ApiError,
    Cursor,
    Limit,
    QText,
    StatementFilters,
    clean_range,
    clean_text,
    statement_filters,
)

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
HERE = Path(__file__).parent
BASIS = {
    "explicit": "a date given with the statement",
    "context": "the date of the scene the article sets before it",
    "publication": "no date of its own: said on or before the article's publication",
    "inferred": "no date of its own: on or before the article's date (read from its text)",
    "unknown": "no date known",
}
OPEN_MARKS = OPENERS | {STRAIGHT}
CLOSE_MARKS = CLOSERS | {STRAIGHT}


def environment() -> Environment:
    # Block tags keep their line breaks: in HTML they are only spaces, and they keep words apart.
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True, undefined=StrictUndefined)
    env.filters["safe_url"] = safe_url
    env.filters["seg"] = lambda v: quote(str(v), safe="")  # one path segment
    env.filters["qs"] = lambda d: urlencode([(k, v) for k, v in d.items() if v not in (None, "", 0)])
    env.filters["terms"] = highlight_terms
    env.filters["quoted"] = quoted
    env.filters["code"] = apidocs.inline_code
    env.globals.update(STANCES=STANCES, BASIS=BASIS, KINDS=KINDS, when=shown_date, sighting_url=sighting_url)
    return env


def quoted(text: str | None) -> str:
    """``text`` in curly double quotes, once, with the quotations inside it in single ones.

    A span that took in its own quote marks is not quoted twice, and a quotation inside it ends in ’”,
    never ””.
    """
    body = " ".join((text or "").split())
    if len(body) > 1 and body[0] in OPEN_MARKS and body[-1] in CLOSE_MARKS and not _inner(body[1:-1]):
        body = body[1:-1]
    out, depth = [], 0
    for ch in body:
        if ch in OPENERS or (ch == STRAIGHT and depth == 0):
            out.append("‘")
            depth += 1
        elif ch in CLOSERS or ch == STRAIGHT:
            out.append("’")
            depth = max(depth - 1, 0)
        else:
            out.append(ch)
    return "“" + "".join(out) + "”"


def _inner(body: str) -> bool:
    """Whether ``body`` closes a quotation before it opens one (so its outer marks are not a pair)."""
    depth = 0
    for ch in body:
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS:
            depth -= 1
            if depth < 0:
                return True
    return False


templates = Jinja2Templates(env=environment())
#: Rows per page of the articles and actors lists.
PAGE_ROWS = 100


def render(request: Request, name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
    ctx.setdefault("title", "")
    return templates.TemplateResponse(request, name, ctx, status_code=status)


# ---- pages --------------------------------------------------------------------------------------------


@router.get("/")
def overview(request: Request, w: Web) -> HTMLResponse:
    ov = w.overview()
    bars = {"kind": "bars", "x": [m for m, _ in ov["months"]], "y": [n for _, n in ov["months"]]}
    return render(request, "overview.html", title="Overview", ov=ov, plot=bars)


@router.get("/actors")
def actors(
    request: Request,
    w: Web,
    kind: QText = None,
    q: QText = None,
    sort: Literal["statements", "articles", "name"] = "statements",
    cursor: Cursor = None,
) -> HTMLResponse:
    """Actors, most quoted first (or by articles, or by name), filtered by a part of a name or alias.

    An empty ``kind`` (the form's "any") is every kind.
    """
    q, kind = clean_text(q, "q"), clean_text(kind, "kind")
    if kind is not None and kind not in get_args(Kind):
        raise ApiError(400, "bad_parameter", f"kind: give one of {', '.join(get_args(Kind))}, not {kind!r}")
    items, nxt = browse.actors_page(w.store, name=q, kind=kind, sort=sort, limit=PAGE_ROWS, cursor=cursor)
    form = {"kind": kind, "q": q, "sort": sort if sort != "statements" else None}
    return render(
        request,
        "actors.html",
        title="Actors",
        items=items,
        next_cursor=nxt,
        cursor=cursor,
        kind=kind,
        form=form,
    )


@router.get("/actors/{actor_id:path}")
def actor(request: Request, w: Web, actor_id: Id, topic: QText = None, cursor: Cursor = None) -> HTMLResponse:
    a = w.actor(actor_id)
    topic = clean_text(topic, "topic")
    pts, shifts = w.timeline(a["id"], topic=topic)
    happened = chart_events(w, [a["id"]], with_country=True)
    f = StatementFilters(actor=a["id"], topic=topic)
    items, nxt = w.statements(f, limit=50, cursor=cursor)
    return render(
        request,
        "actor.html",
        title=a["name"],
        a=a,
        topic=topic,
        shifts=shifts,
        between=shift_events(w.store, shifts),
        items=items,
        next_cursor=nxt,
        filters=f,
        plot=chart_data(pts, lane="topic", events=happened),
        happened=event_list(happened),
        cursor=cursor,
    )


@router.get("/topics")
def topics(request: Request, w: Web) -> HTMLResponse:
    """Every topic with its statement count and stances, most discussed first."""
    items = sorted(w.overview()["topics"], key=lambda t: (-t[2], t[0]))
    return render(request, "topics.html", title="Topics", items=items)


@router.get("/topics/{topic:path}")
def topic(request: Request, w: Web, topic: Id) -> Response:
    name = clean_text(topic, "topic")
    if not name:  # "/topics/": the index, not every statement lumped under an empty name
        return RedirectResponse("/topics", status_code=308)
    t = w.topic(name)
    return render(
        request,
        "topic.html",
        title=t["topic"],
        t=t,
        plot=chart_data(
            t["chart"],
            lane="actor",
            lanes=t["lanes"],
            events=chart_events(w, [r["actor"]["id"] for r in t["standings"][:12]]),
        ),
    )


@router.get("/shifts")
def shifts(
    request: Request, w: Web, actor: QText = None, topic: QText = None, cursor: Cursor = None
) -> HTMLResponse:
    actor, topic = clean_text(actor, "actor"), clean_text(topic, "topic")
    items, nxt = w.shifts(actor=actor, topic=topic, limit=25, cursor=cursor)
    query = StatementFilters(actor=actor, topic=topic).query()
    return render(
        request,
        "shifts.html",
        title="Stance shifts",
        items=items,
        between=shift_events(w.store, items),
        next_cursor=nxt,
        actor=actor,
        topic=topic,
        query=query,
    )


@router.get("/statements/{statement_id}")
def statement(request: Request, w: Web, statement_id: Id, sighting: QText = None) -> Response:
    sighting = clean_text(sighting, "sighting")
    try:
        s = w.statement(statement_id, sighting)
    except ApiError as exc:
        # A link made before the corpus was re-folded: the sighting it names still leads to its statement.
        moved = w.statement_of(*split_sighting(sighting)) if sighting and exc.status in (400, 404) else None
        if moved and moved != statement_id:
            return _to_statement(moved, sighting)
        if exc.status == 404:
            return render(
                request,
                "gone.html",
                status=404,
                title="Statement not found",
                message=exc.message,
                statement_id=statement_id,
            )
        raise
    ev = s["evidence"]
    return render(
        request,
        "statement.html",
        title="Evidence",
        s=s,
        ev=ev,
        marked=highlight(ev["text"], ev["marks"]),
        present={m.kind for m in ev["marks"]},
    )


@router.get("/sightings/{article_id:path}/{local_id}")
def sighting(request: Request, w: Web, article_id: Id, local_id: Id) -> Response:
    """The lasting link to a statement (see :func:`~.evidence.sighting_url`): 307 to its page as it is now."""
    sid = w.statement_of(article_id, local_id)
    if sid is None:
        message = (
            f"no statement is reported as {local_id!r} in the article {article_id!r} now; the article may "
            "have been re-analysed since the link was made"
        )
        return render(
            request, "gone.html", status=404, title="Statement not found", message=message, statement_id=None
        )
    return _to_statement(sid, f"{article_id}:{local_id}")


def _to_statement(sid: str, sighting: str) -> RedirectResponse:
    return RedirectResponse(
        f"/statements/{quote(sid, safe='')}?{urlencode({'sighting': sighting})}", status_code=307
    )


@router.get("/articles")
def articles(request: Request, w: Web, cursor: Cursor = None) -> HTMLResponse:
    """Articles newest first, filtered by outlet, publication dates and an actor they quote."""
    raw = request.query_params
    form = {k: raw.get(k, "") for k in ("source", "from", "to", "actor")}
    error, items, nxt = None, [], None
    try:
        source, actor = clean_text(form["source"], "source"), clean_text(form["actor"], "actor")
        date_from, date_to = clean_range(form["from"] or None, form["to"] or None)
        actor_id = w.actor_id(actor, param="actor") if actor else None
        items, nxt = browse.articles_page(
            w.store,
            source=source,
            date_from=date_from,
            date_to=date_to,
            actor_id=actor_id,
            limit=PAGE_ROWS,
            cursor=cursor,
        )
    except ApiError as exc:
        error = exc.message
    return render(
        request,
        "articles.html",
        status=400 if error else 200,
        title="Articles",
        items=items,
        next_cursor=nxt,
        cursor=cursor,
        form=form,
        sources=browse.article_sources(w.store),
        error=error,
    )


@router.get("/articles/{article_id:path}")
def article(request: Request, w: Web, article_id: Id) -> HTMLResponse:
    rec = w.article(article_id)
    with w.store.connect() as conn:
        mem = S.statement_sightings
        ids = {
            r.local_id: r.statement_id
            for r in conn.execute(
                select(mem.c.local_id, mem.c.statement_id).where(mem.c.article_id == article_id)
            )
        }
    names = {a["id"]: a["name"] for a in rec["actors"]}
    links, notes, marks = {}, {}, []
    for st in rec["statements"]:
        src = st.get("source") or {}
        who = names.get(src.get("actor"))
        said = src.get("text")
        marks += [Mark(c["start"], c["end"], "content", st["id"]) for c in st["content"]]
        if src:
            marks.append(Mark(src["start"], src["end"], "source", st["id"]))
            if who and said and not _names_alike(who, said):
                notes[src["end"]] = who  # "she" → [Anaya Veldt]
        if st.get("cue"):
            marks.append(Mark(st["cue"]["start"], st["cue"]["end"], "cue", st["id"]))
        if st["id"] in ids:
            by = f"said by {who}" if who else "no known speaker"
            if who and said and not _names_alike(who, said):
                by += f" (named here as “{said}”)"
            links[st["id"]] = Link(
                f"{sighting_url(rec['article']['id'], st['id'])}#ev", f"{by}: open the evidence"
            )
    return render(
        request,
        "article.html",
        title=rec["article"].get("title") or "Article",
        rec=rec,
        ids=ids,
        names=names,
        marked=highlight(rec["article"]["text"], marks, anchor=None, links=links, notes=notes),
    )


def _names_alike(name: str, text: str) -> bool:
    """Whether a source span already names its actor ("Veldt", "Prime Minister Anaya Veldt")."""
    a, b = name.casefold(), " ".join(text.split()).casefold()
    return a in b or set(b.split()) <= set(a.split())


@router.get("/docs")
def docs(request: Request) -> HTMLResponse:
    """The JSON API's documentation, made from its OpenAPI schema on the server: it works offline."""
    spec = request.app.openapi()
    return render(
        request,
        "docs.html",
        title="API documentation",
        spec=spec,
        ops=apidocs.operations(spec),
        schemas=apidocs.schemas(spec),
    )


@router.get("/search")
def search(request: Request, w: Web, limit: Limit = 50, cursor: Cursor = None) -> HTMLResponse:
    """The search form and its results; a bad value is shown on the form (status 400), not a bare error."""
    raw = request.query_params
    error = None
    items: list[dict[str, Any]] = []
    nxt = None
    try:
        f = statement_filters(
            q=raw.get("q"),
            actor=raw.get("actor"),
            topic=raw.get("topic"),
            stance=_stance(raw.get("stance")),
            date_from=raw.get("from"),
            date_to=raw.get("to"),
        )
        items, nxt = w.statements(f, limit=limit, cursor=cursor)
        terms = parse_query(f.q) if f.q else []
        # Counted over the matches (up to COUNT_CAP of them), not over this page.
        counted, capped = items, False
        if nxt or cursor:
            counted, capped = w.statement_facets(f, cap=browse.COUNT_CAP)
        counts = browse.search_counts(counted)
    except ApiError as exc:
        error = exc.message
        f = StatementFilters()
        terms, counts, counted, capped = [], None, [], False
    topics = [t for t, _, _ in w.overview()["topics"]]
    form = {k: raw.get(k, "") for k in ("q", "actor", "topic", "stance", "from", "to")}
    return render(
        request,
        "search.html",
        status=400 if error else 200,
        title="Search",
        items=items,
        next_cursor=nxt,
        filters=f,
        form=form,
        topics=topics,
        error=error,
        cursor=cursor,
        limit=limit,
        terms=terms,
        counts=counts,
        counted=len(counted),
        capped=capped,
    )


def _stance(value: str | None) -> str | None:
    if value in (None, ""):
        return None
    if value not in STANCES:
        raise ApiError(400, "bad_parameter", f"stance: give one of {', '.join(STANCES)}, not {value!r}")
    return value


# Every page answers HEAD as it answers GET (the headers, no body), as HTTP asks of a GET resource.
for _route in router.routes:
    _route.methods.add("HEAD")  # type: ignore[attr-defined]
