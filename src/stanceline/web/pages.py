"""The HTML pages: server-rendered Jinja2 templates (autoescaped), plotly charts from local files.

Charts get their data as JSON in a ``<script type="application/json">`` element
(``tojson`` escapes ``<``, ``>``, ``&`` and ``'``) read by ``static/chart.js``:
no page has an inline script, so the Content-Security-Policy can forbid them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from sqlalchemy import select

from ..store import schema as S
from ..timeline import shown_date
from .api import Id, Kind, Web
from .charts import chart_data
from .highlight import KINDS, Mark, highlight, safe_url
from .params import STANCES, ApiError, Cursor, Limit, QText, StatementFilters, clean_text, statement_filters
from .queries import sighting_url, split_sighting

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
HERE = Path(__file__).parent
BASIS = {
    "explicit": "a date given with the statement",
    "context": "the date of the scene the article sets before it",
    "publication": "no date of its own: said on or before the article's publication",
    "inferred": "no date of its own: on or before the article's date (read from its text)",
    "unknown": "no date known",
}


def environment() -> Environment:
    # Block tags keep their line breaks: in HTML they are only spaces, and they keep words apart.
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True, undefined=StrictUndefined)
    env.filters["safe_url"] = safe_url
    env.filters["seg"] = lambda v: quote(str(v), safe="")  # one path segment
    env.filters["qs"] = lambda d: urlencode([(k, v) for k, v in d.items() if v not in (None, "")])
    env.globals.update(STANCES=STANCES, BASIS=BASIS, KINDS=KINDS, when=shown_date, sighting_url=sighting_url)
    return env


templates = Jinja2Templates(env=environment())


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
def actors(request: Request, w: Web, kind: Kind | None = None, cursor: Cursor = None) -> HTMLResponse:
    items, nxt = w.actors(kind=kind, limit=100, cursor=cursor)
    return render(request, "actors.html", title="Actors", items=items, next_cursor=nxt, kind=kind)


@router.get("/actors/{actor_id:path}")
def actor(request: Request, w: Web, actor_id: Id, topic: QText = None, cursor: Cursor = None) -> HTMLResponse:
    a = w.actor(actor_id)
    topic = clean_text(topic, "topic")
    pts, shifts = w.timeline(a["id"], topic=topic)
    f = StatementFilters(actor=a["id"], topic=topic)
    items, nxt = w.statements(f, limit=50, cursor=cursor)
    return render(
        request,
        "actor.html",
        title=a["name"],
        a=a,
        topic=topic,
        shifts=shifts,
        items=items,
        next_cursor=nxt,
        filters=f,
        plot=chart_data(pts, lane="topic"),
        cursor=cursor,
    )


@router.get("/topics/{topic:path}")
def topic(request: Request, w: Web, topic: Id) -> HTMLResponse:
    t = w.topic(clean_text(topic, "topic") or "")
    return render(
        request,
        "topic.html",
        title=t["topic"],
        t=t,
        plot=chart_data(t["chart"], lane="actor", lanes=t["lanes"]),
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
    """The lasting link to a statement (see :func:`~.queries.sighting_url`): 307 to its page as it is now."""
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
    marks = [Mark(c["start"], c["end"], "content") for st in rec["statements"] for c in st["content"]]
    marks += [
        Mark(st["source"]["start"], st["source"]["end"], "source")
        for st in rec["statements"]
        if st.get("source")
    ]
    marks += [Mark(st["cue"]["start"], st["cue"]["end"], "cue") for st in rec["statements"] if st.get("cue")]
    names = {a["id"]: a["name"] for a in rec["actors"]}
    return render(
        request,
        "article.html",
        title=rec["article"].get("title") or "Article",
        rec=rec,
        ids=ids,
        names=names,
        marked=highlight(rec["article"]["text"], marks, anchor=None),
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
    except ApiError as exc:
        error = exc.message
        f = StatementFilters()
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
