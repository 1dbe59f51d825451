"""The JSON API (``/api/...``) and the streamed exports (``/export/...``). Read-only: GET only."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import StreamingResponse

from ..eventline import EventPoint, in_range
from ..export import ACTOR_COLUMNS, SHIFT_COLUMNS, write_csv, write_jsonl
from ..export import rows as export_rows_of
from ..store.events import shift_events
from ..timeline import Point, Shift
from .events import chart_events, events_page
from .evidence import EXPORT_COLUMNS, export_rows, sighting_url
from .models import (
    ERRORS,
    EXPORT_OK,
    ActorDetail,
    ActorPage,
    EventPage,
    ShiftPage,
    StatementDetail,
    StatementPage,
    TimelineOut,
)
from .params import (
    ACTOR_HELP,
    TEXT,
    ActorsCursor,
    EventsCursor,
    EventType,
    HappenedFrom,
    HappenedTo,
    Limit,
    QFrom,
    QText,
    QTo,
    ShiftsCursor,
    StatementFilters,
    StatementsCursor,
    clean_range,
    clean_text,
    statement_filters,
)
from .queries import WebData, shift_rows

router = APIRouter(responses=ERRORS)
Kind = Literal["person", "organization", "country", "group", "anonymous"]
Format = Literal["csv", "jsonl"]
Id = Annotated[str, Path(max_length=200, json_schema_extra=TEXT)]


def web(request: Request) -> WebData:
    return request.app.state.web


Web = Annotated[WebData, Depends(web)]
Filters = Annotated[StatementFilters, Depends(statement_filters)]


@router.get("/api/actors", response_model=ActorPage, tags=["actors"])
def api_actors(
    w: Web, kind: Kind | None = None, limit: Limit = 50, cursor: ActorsCursor = None
) -> dict[str, Any]:
    """Actors, most quoted first."""
    items, nxt = w.actors(kind=kind, limit=limit, cursor=cursor)
    return {"items": items, "next_cursor": nxt}


@router.get("/api/actors/{actor_id:path}", response_model=ActorDetail, tags=["actors"])
def api_actor(w: Web, actor_id: Id) -> dict[str, Any]:
    """One actor (by id, name, alias or unique surname): aliases, titles with their dates, statements per
    topic and stance."""
    return w.actor(actor_id)


@router.get("/api/statements", response_model=StatementPage, tags=["statements"])
def api_statements(w: Web, f: Filters, limit: Limit = 50, cursor: StatementsCursor = None) -> dict[str, Any]:
    """Statements, newest first, filtered; `q` searches their content (full text)."""
    items, nxt = w.statements(f, limit=limit, cursor=cursor)
    return {
        "items": items,
        "next_cursor": nxt,
        "export": {fmt: f"/export/statements.{fmt}?{f.query()}".rstrip("?") for fmt in ("csv", "jsonl")},
    }


@router.get("/api/statements/{statement_id}", response_model=StatementDetail, tags=["statements"])
def api_statement(w: Web, statement_id: Id) -> dict[str, Any]:
    """One statement, with every article that reports it.

    A statement's id can change when the corpus is re-folded (an older article reporting it ingested, actors
    merged): keep a `permalink` (a sighting, `/sightings/ARTICLE/ID`) to come back to it."""
    out = w.statement(statement_id)
    out.pop("evidence", None)
    return out


def point_dict(p: Point) -> dict[str, Any]:
    return {
        "statement_id": p.statement_id,
        "topic": p.topic,
        "stance": p.stance,
        "said_on": p.said_on,
        "when": p.when,
        "uncertain": p.uncertain,
        "granularity": p.granularity,
        "basis": p.basis,
        "content": p.content,
        "conditions": list(p.conditions),
        "confidence": p.confidence,
        "sightings": p.sightings,
        "article_id": p.article_id,
        "page": f"/statements/{p.statement_id}",
        "permalink": sighting_url(p.article_id, p.local_id),
        "corrected": p.corrected,
    }


def shift_dict(s: Shift, between: Sequence[EventPoint] = ()) -> dict[str, Any]:
    """A shift as the API gives it: each statement on either side with its lasting link, and what happened
    in between."""
    out = s.to_dict()
    out["between"] = [e.to_dict() for e in between]
    for side in ("before", "after"):
        for e, p in zip(out[side], getattr(s, side), strict=True):
            e["permalink"] = sighting_url(p.article_id, p.local_id)
    return out


@router.get("/api/timeline", response_model=TimelineOut, tags=["timelines"])
def api_timeline(
    w: Web,
    actor: Annotated[str, Query(max_length=200, description=ACTOR_HELP, json_schema_extra=TEXT)],
    topic: QText = None,
    date_from: QFrom = None,
    date_to: QTo = None,
) -> dict[str, Any]:
    """An actor's statements in the order said (one point per statement and topic), and their stance
    shifts."""
    topic = clean_text(topic, "topic")
    lo, hi = clean_range(date_from, date_to)
    actor_id = w.actor_id(clean_text(actor, "actor") or "", param="actor")
    pts, shifts = w.timeline(actor_id, topic=topic, date_from=lo, date_to=hi)
    name = pts[0].actor if pts else w.actor(actor_id)["name"]
    return {
        "actor": {"id": actor_id, "name": name},
        "topic": topic,
        "from": lo,
        "to": hi,
        "points": [point_dict(p) for p in pts],
        "shifts": [shift_dict(s, e) for s, e in zip(shifts, shift_events(w.store, shifts), strict=True)],
        "events": [e.to_dict() for e in in_range(chart_events(w, [actor_id], with_country=True), lo, hi)],
    }


@router.get("/api/events", response_model=EventPage, tags=["events"])
def api_events(
    w: Web,
    actor: Annotated[
        str | None,
        Query(max_length=200, description=ACTOR_HELP + " (as source or target)", json_schema_extra=TEXT),
    ] = None,
    type: Annotated[EventType | None, Query(description="PLOVER 2.0 event type")] = None,
    date_from: HappenedFrom = None,
    date_to: HappenedTo = None,
    limit: Limit = 50,
    cursor: EventsCursor = None,
) -> dict[str, Any]:
    """Events (PLOVER), newest first, each with every article that reports it; `from` and `to` are when it
    happened (an undated event is in no range). Negated ones (said not to have happened) are listed with
    `negated: true`, threatened or planned ones with `hypothetical: true`."""
    lo, hi = clean_range(date_from, date_to)
    items, nxt = events_page(
        w,
        actor=clean_text(actor, "actor"),
        event_type=type,
        date_from=lo,
        date_to=hi,
        limit=limit,
        cursor=cursor,
    )
    return {"items": items, "next_cursor": nxt}


@router.get("/api/shifts", response_model=ShiftPage, tags=["timelines"])
def api_shifts(
    w: Web, actor: QText = None, topic: QText = None, limit: Limit = 50, cursor: ShiftsCursor = None
) -> dict[str, Any]:
    """Stance shifts, newest first, each with the statements on both sides."""
    items, nxt = w.shifts(
        actor=clean_text(actor, "actor"), topic=clean_text(topic, "topic"), limit=limit, cursor=cursor
    )
    between = shift_events(w.store, items)
    return {"items": [shift_dict(s, e) for s, e in zip(items, between, strict=True)], "next_cursor": nxt}


@router.get("/api/articles/{article_id:path}", tags=["articles"])
def api_article(w: Web, article_id: Id) -> dict[str, Any]:
    """An article as analysed: the `stanceline.article/1` record with its text."""
    return w.article(article_id)


# ---- exports ------------------------------------------------------------------------------------------

#: Rows written per chunk of a streamed export.
CHUNK_ROWS = 500


def encode_rows(rows: Iterable[dict[str, Any]], columns: tuple[str, ...], fmt: str) -> Iterator[str]:
    """Rows as CSV (a header row, then :data:`CHUNK_ROWS` at a time) or JSONL text, in chunks.

    Written by ``stanceline export``'s own writers (:func:`~stanceline.export.write_csv`,
    :func:`~stanceline.export.write_jsonl`): the same encoding, and the same CSV cell escaping (text that
    starts like a spreadsheet formula gets a leading ``'``).
    """
    batch: list[dict[str, Any]] = []
    first = True

    def encode() -> str:
        buf = io.StringIO()
        if fmt != "csv":
            write_jsonl(batch, buf)
            return buf.getvalue()
        write_csv(batch, buf, columns)
        out = buf.getvalue()
        return out if first else out.split("\r\n", 1)[1]  # the header only once

    for r in rows:
        batch.append(r)
        if len(batch) >= CHUNK_ROWS:
            yield encode()
            first, batch = False, []
    if batch or first:
        yield encode()


def stream(
    rows: Iterable[dict[str, Any]], columns: tuple[str, ...], fmt: str, name: str
) -> StreamingResponse:
    """Rows as a CSV or JSONL download, written as they are read (the encoding of ``stanceline export``)."""
    media = "text/csv; charset=utf-8" if fmt == "csv" else "application/x-ndjson; charset=utf-8"
    return StreamingResponse(
        encode_rows(rows, columns, fmt),
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="stanceline-{name}.{fmt}"'},
    )


@router.get(
    "/export/statements.{fmt}", tags=["exports"], response_class=StreamingResponse, responses=EXPORT_OK
)
def export_statements(w: Web, f: Filters, fmt: Format) -> StreamingResponse:
    """Every statement of a list (the same filters as /api/statements), one row each, streamed."""
    first, cursor = w.statements(f, limit=1000, cursor=None)  # bad parameters fail here, before streaming

    def items() -> Iterator[dict[str, Any]]:
        nonlocal cursor
        yield from first
        while cursor:
            page, cursor = w.statements(f, limit=1000, cursor=cursor)
            yield from page

    return stream(export_rows(items()), EXPORT_COLUMNS, fmt, "statements")


@router.get("/export/shifts.{fmt}", tags=["exports"], response_class=StreamingResponse, responses=EXPORT_OK)
def export_shifts(w: Web, fmt: Format, actor: QText = None, topic: QText = None) -> StreamingResponse:
    """Stance shifts (newest first), one row each: the last statement before and the first after."""
    shifts, _ = w.shifts(
        actor=clean_text(actor, "actor"), topic=clean_text(topic, "topic"), limit=10**9, cursor=None
    )
    return stream(shift_rows(shifts), SHIFT_COLUMNS, fmt, "shifts")


@router.get("/export/actors.{fmt}", tags=["exports"], response_class=StreamingResponse, responses=EXPORT_OK)
def export_actors(w: Web, fmt: Format) -> StreamingResponse:
    """Every actor with names, titles and counts."""
    return stream(export_rows_of(w.store, "actors"), ACTOR_COLUMNS, fmt, "actors")
