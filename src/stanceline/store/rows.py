"""One analysed article as database rows (the per-article fact tables)."""

from __future__ import annotations

import json
from typing import Any

from ..model import Analysis


def _j(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def article_rows(analysis: Analysis, settings: str) -> dict[str, list[dict[str, Any]]]:
    """Rows for ``articles``, ``article_actors``, ``sightings``, ``stances``, ``conditions`` and
    ``article_events``.

    Args:
        analysis: The article's analysis.
        settings: What it was analysed from (see :func:`stanceline.ingest.analysed_key`).
    """
    art = analysis.article
    aid = art.id
    record = analysis.to_dict()
    record["article"].pop("text", None)
    out: dict[str, list[dict[str, Any]]] = {
        "articles": [
            {
                "id": aid,
                "path": art.path,
                "url": art.url,
                "title": art.title,
                "source": art.source,
                "published": art.published.value,
                "published_basis": art.published.basis,
                "chars": len(art.text),
                "text": art.text,
                "record": _j(record),
                "analysed_with": settings,
            }
        ],
        "article_actors": [],
        "sightings": [],
        "stances": [],
        "conditions": [],
        "article_events": event_rows(aid, analysis.events),
    }
    mentions = {a.id: len(a.mentions) for a in analysis.actors}
    for a in analysis.actors:
        out["article_actors"].append(
            {
                "article_id": aid,
                "local_id": a.id,
                "name": a.name,
                "kind": a.kind,
                "titles": _j(list(a.titles)),
                "country": a.country,
                "mentions": mentions[a.id],
            }
        )
    for seq, st in enumerate(analysis.statements):
        src, cue, said = st.source, st.cue, st.said_on
        content = [c.to_dict() for c in st.content]
        out["sightings"].append(
            {
                "article_id": aid,
                "local_id": st.id,
                "seq": seq,
                "kind": st.kind,
                "actor_local": src.actor if src else None,
                "source_start": src.start if src else None,
                "source_end": src.end if src else None,
                "source_text": src.text if src else None,
                "resolved_by": src.resolved_by if src else "none",
                "cue_start": cue.start if cue else None,
                "cue_end": cue.end if cue else None,
                "cue_text": cue.text if cue else None,
                "cue_lemma": cue.lemma if cue else None,
                "content_start": min((c.start for c in st.content), default=0),
                "content_end": max((c.end for c in st.content), default=0),
                "content": _j(content),
                "content_text": " … ".join(c.text for c in st.content),
                "said_on": said.value if said else None,
                "said_granularity": said.granularity if said else "unknown",
                "said_basis": said.basis if said else "unknown",
                "said_evidence": _j(said.evidence.to_dict()) if said and said.evidence else None,
                "confidence": st.confidence,
            }
        )
        for i, sc in enumerate(st.stances):
            out["stances"].append(
                {
                    "article_id": aid,
                    "local_id": st.id,
                    "idx": i,
                    "topic": sc.topic,
                    "stance": sc.stance,
                    "target_start": sc.target.start if sc.target else None,
                    "target_end": sc.target.end if sc.target else None,
                    "target_text": sc.target.text if sc.target else None,
                    "cues": _j(list(sc.cues)),
                    "confidence": sc.confidence,
                    "rule": sc.rule,
                    "counterpart_text": sc.counterpart.text if sc.counterpart else None,
                    "counterpart_actor": sc.counterpart.actor if sc.counterpart else None,
                    "counterpart_country": sc.counterpart.country if sc.counterpart else None,
                }
            )
            for j, c in enumerate(sc.conditions):
                out["conditions"].append(
                    {
                        "article_id": aid,
                        "local_id": st.id,
                        "stance_idx": i,
                        "idx": j,
                        "start": c.start,
                        "end": c.end,
                        "text": c.text,
                    }
                )
    return out


def _part(d: Any, key: str) -> Any:
    """``d[key]`` when ``d`` is an object that has it; ``None`` otherwise (an absent span is ``null``)."""
    return d.get(key) if isinstance(d, dict) else None


def event_rows(article_id: str, events: Any) -> list[dict[str, Any]]:
    """The ``article_events`` rows of an article's events; an id given twice (or none) gets one of its own
    (``e{n}``, its place in the list), so one article's mistake never fails the batch it is written in."""
    out, seen = [], set()
    for seq, e in enumerate(events):
        if not isinstance(e, dict):
            continue
        row = event_row(article_id, seq, e)
        if row["local_id"] in seen or len(row["local_id"]) > 16:
            row["local_id"] = f"e{seq + 1}~"
        seen.add(row["local_id"])
        out.append(row)
    return out


def event_row(article_id: str, seq: int, e: dict[str, Any]) -> dict[str, Any]:
    """One ``article_events`` row from the contract's event object (absent parts stored as null).

    Args:
        article_id: The article's id.
        seq: The event's place in the article's list.
        e: The event (``Analysis.events[seq]``).
    """
    trig, src, tgt, loc = e.get("trigger"), e.get("source"), e.get("target"), e.get("location")
    when = e.get("happened_on") or {}
    evidence = when.get("evidence")
    row: dict[str, Any] = {
        "article_id": article_id,
        "local_id": str(e.get("id") or f"e{seq + 1}"),
        "seq": seq,
        "type": str(e.get("type") or ""),
        "mode": e.get("mode"),
        "context": _j(list(e.get("context") or [])),
        "location_start": _part(loc, "start"),
        "location_end": _part(loc, "end"),
        "location_text": _part(loc, "text"),
        "location_country": _part(loc, "country"),
        "happened_on": when.get("value"),
        "happened_granularity": when.get("granularity") or "unknown",
        "happened_basis": when.get("basis") or "unknown",
        "happened_evidence": _j(evidence) if evidence else None,
        "negated": int(bool(e.get("negated"))),
        "hypothetical": int(bool(e.get("hypothetical"))),
        "statement_local": e.get("statement"),
        "confidence": float(e.get("confidence") or 0.0),
    }
    for name, span in (("trigger", trig), ("source", src), ("target", tgt)):
        row[f"{name}_start"] = _part(span, "start")
        row[f"{name}_end"] = _part(span, "end")
        row[f"{name}_text"] = _part(span, "text")
    for name, span in (("source", src), ("target", tgt)):
        row[f"{name}_actor"] = _part(span, "actor")
        row[f"{name}_country"] = _part(span, "country")
        row[f"{name}_sector"] = _part(span, "sector")
    return row
