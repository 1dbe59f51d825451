"""A statement's evidence as the pages and the API show it: its lasting link, one sighting's spans in its
article, and flat export rows."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

from sqlalchemy import select

from ..store import schema as S
from .params import ApiError

EXPORT_COLUMNS = (
    "statement_id",
    "actor_id",
    "actor",
    "said_on",
    "said_on_uncertain",
    "said_granularity",
    "said_basis",
    "topics",
    "stances",
    "conditions",
    "content",
    "article_id",
    "sighting",
    "content_start",
    "content_end",
    "title",
    "source",
    "url",
    "published",
    "sightings",
    "corrected",
)


def sighting_url(article_id: str, local_id: str) -> str:
    """The lasting link to a statement: one of its sightings, which ``/sightings/...`` redirects to its page.

    A statement's id is a hash of its representative sighting, so it changes when an older article reporting
    it is ingested or actors are merged; the sighting (an article id and the statement's id within that
    article) does not. Every link the dashboard shows to a statement is this one.
    """
    return f"/sightings/{quote(article_id, safe='')}/{quote(local_id, safe='')}"


def statement_gone(sid: str) -> str:
    return (
        f"no statement {sid!r} now: statement ids follow their earliest report, so one can change when an "
        "older article is ingested or actors are merged (links to /sightings/ARTICLE/ID keep working); "
        "search for what was said instead"
    )


def split_sighting(value: str) -> tuple[str, str]:
    """``ARTICLE_ID:LOCAL_ID`` as its two parts (article ids may hold ":", local ids do not)."""
    pick = value.rpartition(":")
    return pick[0], pick[2]


def _cell(value: Any) -> str | None:
    """A nested value as one JSON cell (CSV and Parquet have no objects)."""
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def evidence(conn: Any, article_id: str, local_id: str) -> dict[str, Any]:
    """One sighting's spans in its article, with the article's text and dates."""
    from .highlight import Mark

    sg, ar, sc, cd = S.sightings, S.articles, S.stances, S.conditions
    s = conn.execute(select(sg).where(sg.c.article_id == article_id, sg.c.local_id == local_id)).first()
    art = conn.execute(
        select(
            ar.c.id,
            ar.c.title,
            ar.c.source,
            ar.c.url,
            ar.c.path,
            ar.c.published,
            ar.c.published_basis,
            ar.c.text,
        ).where(ar.c.id == article_id)
    ).first()
    if s is None or art is None:
        raise ApiError(404, "not_found", f"no sighting {article_id}:{local_id}")
    marks = [Mark(c["start"], c["end"], "content") for c in json.loads(s.content)]
    if s.source_start is not None and s.source_end is not None:
        marks.append(Mark(s.source_start, s.source_end, "source"))
    if s.cue_start is not None and s.cue_end is not None:
        marks.append(Mark(s.cue_start, s.cue_end, "cue"))
    date_span = json.loads(s.said_evidence) if s.said_evidence else None
    if date_span:
        marks.append(Mark(date_span["start"], date_span["end"], "date"))
    stances = []
    conds: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for c in conn.execute(
        select(cd)
        .where(cd.c.article_id == article_id, cd.c.local_id == local_id)
        .order_by(cd.c.stance_idx, cd.c.idx)
    ):
        conds[c.stance_idx].append({"start": c.start, "end": c.end, "text": c.text})
        marks.append(Mark(c.start, c.end, "condition"))
    for r in conn.execute(
        select(sc).where(sc.c.article_id == article_id, sc.c.local_id == local_id).order_by(sc.c.idx)
    ):
        stances.append(
            {
                "topic": r.topic,
                "stance": r.stance,
                "confidence": r.confidence,
                "target": r.target_text,
                "cues": json.loads(r.cues),
                "rule": r.rule,
                "conditions": conds.get(r.idx, []),
            }
        )
        if r.target_start is not None and r.target_end is not None:
            marks.append(Mark(r.target_start, r.target_end, "target"))
    return {
        "article": {
            k: getattr(art, k)
            for k in ("id", "title", "source", "url", "path", "published", "published_basis")
        },
        "text": art.text,
        "marks": marks,
        "sighting": local_id,
        "kind": s.kind,
        "source_text": s.source_text,
        "resolved_by": s.resolved_by,
        "cue": s.cue_text,
        "content": json.loads(s.content),
        "said_on": s.said_on,
        "said_granularity": s.said_granularity,
        "said_basis": s.said_basis,
        "said_evidence": date_span,
        "confidence": s.confidence,
        "stances": stances,
    }


def export_rows(items: Iterator[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Statement items (as the API gives them) as flat rows with :data:`EXPORT_COLUMNS`."""
    for it in items:
        art = it["article"]
        yield {
            "statement_id": it["id"],
            "actor_id": (it["actor"] or {}).get("id"),
            "actor": (it["actor"] or {}).get("name"),
            "said_on": it["said_on"],
            "said_on_uncertain": it["said_on_uncertain"],
            "said_granularity": it["said_on_granularity"],
            "said_basis": it["said_on_basis"],
            "topics": "; ".join(s["topic"] for s in it["stances"]),
            "stances": "; ".join(f"{s['topic']}:{s['stance']}" for s in it["stances"]),
            "conditions": "; ".join(c for s in it["stances"] for c in s["conditions"]),
            "content": it["content"],
            "article_id": art["id"],
            "sighting": it["sighting"],
            "content_start": it["content_start"],
            "content_end": it["content_end"],
            "title": art["title"],
            "source": art["source"],
            "url": art["url"],
            "published": art["published"],
            "sightings": it["sightings"],
            "corrected": _cell(it.get("corrected")),
        }


__all__ = ["EXPORT_COLUMNS", "evidence", "export_rows", "sighting_url", "split_sighting", "statement_gone"]
