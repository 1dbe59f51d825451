"""Read-side queries over the store: actors, statement points, export rows."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from sqlalchemy import and_, func, or_, select

from ..errors import UsageError
from ..timeline import Point
from . import schema as S
from .corrections import corrected
from .corrections import load as load_corrections
from .identity import norm
from .store import Store


def _json(value: Any) -> str | None:
    """A nested value as one JSON cell (exports are flat: CSV and Parquet have no objects)."""
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def actors(store: Store, *, kind: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    """Corpus actors, most statements first, with their names and titles."""
    q = select(S.actors).order_by(S.actors.c.statements.desc(), S.actors.c.articles.desc(), S.actors.c.name)
    if kind:
        q = q.where(S.actors.c.kind == kind)
    if limit:
        q = q.limit(limit)
    with store.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(q)]
        ids = [r["id"] for r in rows]
        names: dict[str, list[str]] = {i: [] for i in ids}
        titles: dict[str, list[str]] = {i: [] for i in ids}
        for i in range(0, len(ids), 500):
            q2 = (
                select(S.aliases)
                .where(S.aliases.c.actor_id.in_(ids[i : i + 500]))
                .order_by(S.aliases.c.actor_id, S.aliases.c.kind, S.aliases.c.valid_from, S.aliases.c.alias)
            )
            rows_ = list(conn.execute(q2))
            # A title the gazetteer dates is shown with its dates only, not again as seen in articles.
            pinned = {
                (a.actor_id, a.alias.casefold())
                for a in rows_
                if a.kind == "title" and a.origin == "gazetteer"
            }
            for a in rows_:
                if a.kind == "name":
                    names[a.actor_id].append(a.alias)
                elif a.origin == "gazetteer" or (a.actor_id, a.alias.casefold()) not in pinned:
                    span = (
                        f" ({a.valid_from or '…'}–{a.valid_to or '…'})" if a.valid_from or a.valid_to else ""
                    )
                    titles[a.actor_id].append(a.alias + span)
    for r in rows:
        r["aliases"] = [n for n in names[r["id"]] if n != r["name"]]
        r["titles"] = titles[r["id"]]
    return rows


def find_actor(store: Store, ref: str) -> dict[str, Any]:
    """The actor an analyst means: an id, a name or an alias (case ignored).

    Raises:
        UsageError: E021 when none or several match (the several are named).
    """
    with store.connect() as conn:
        row = conn.execute(select(S.actors).where(S.actors.c.id == ref)).first()
        if row is not None:
            return dict(row._mapping)
        key = norm(ref)
        cands = [dict(r._mapping) for r in conn.execute(select(S.actors)) if norm(r.name) == key]
        if not cands:
            ids = {
                r.actor_id
                for r in conn.execute(
                    select(S.aliases.c.actor_id, S.aliases.c.alias).where(S.aliases.c.kind == "name")
                )
                if norm(r.alias) == key
            }
            cands = [dict(r._mapping) for r in conn.execute(select(S.actors).where(S.actors.c.id.in_(ids)))]
        if not cands and len(key.split()) == 1:  # a surname: "Veldt"
            cands = [
                dict(r._mapping)
                for r in conn.execute(select(S.actors).where(S.actors.c.kind == "person"))
                if norm(r.name).split()[-1:] == [key]
            ]
    people = [c for c in cands if c["kind"] != "anonymous"]
    if len(people) == 1:
        return people[0]
    if not people:
        raise UsageError.make("E021", path=repr(ref), detail="")
    # Names with their statement counts, the most quoted first; the id last, to copy.
    people.sort(key=lambda c: (-c["statements"], c["name"], c["id"]))
    listed = "; ".join(
        f"{c['name']} ({c['statements']} statement{'' if c['statements'] == 1 else 's'}, {c['id']})"
        for c in people[:5]
    )
    more = f"; and {len(people) - 5} more" if len(people) > 5 else ""
    raise UsageError.make(
        "E021", path=repr(ref), detail=f" that is unique: it could be {listed}{more}; give the id"
    )


def actor_ref(store: Store, actor: dict[str, Any]) -> str:
    """How an override or a correction names an actor: by its name when that finds it again, else by id.

    A name survives what changes ids (a gazetteer given later pins the person
    under a new id); an id is the only way to name one of two actors that
    share a name.
    """
    try:
        if find_actor(store, actor["name"])["id"] == actor["id"]:
            return actor["name"]
    except UsageError:
        pass
    return actor["id"]


def actors_named(store: Store, name: str) -> list[dict[str, Any]]:
    """Actors shown by exactly ``name``."""
    with store.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(select(S.actors).where(S.actors.c.name == name))]


def name_fragments(store: Store, name: str) -> list[dict[str, Any]]:
    """Unpinned actors shown by exactly ``name`` (a surname or title left apart in each article)."""
    key = norm(name)
    with store.connect() as conn:
        return [
            dict(r._mapping)
            for r in conn.execute(select(S.actors).where(S.actors.c.pinned == 0))
            if norm(r.name) == key and r.kind == "person"
        ]


def point_query(*, with_unstanced: bool = False) -> Any:
    """The select of :func:`points`, unfiltered: one row per statement and topic, with its evidence."""
    st, ss, a, sg, ar = S.statements, S.statement_stances, S.actors, S.sightings, S.articles
    join_on = and_(
        sg.c.article_id == func.coalesce(ss.c.article_id, st.c.article_id),
        sg.c.local_id == func.coalesce(ss.c.local_id, st.c.local_id),
    )
    return select(
        st.c.id.label("statement_id"),
        st.c.actor_id,
        a.c.name.label("actor"),
        ss.c.topic,
        ss.c.stance,
        ss.c.confidence,
        ss.c.conditions,
        ss.c.counterpart_text,
        ss.c.counterpart_actor_id,
        ss.c.counterpart_country,
        st.c.said_on,
        st.c.said_granularity.label("granularity"),
        st.c.said_basis.label("basis"),
        st.c.first_seen,
        st.c.sightings,
        sg.c.content_text.label("content"),
        sg.c.article_id,
        sg.c.local_id,
        sg.c.content_start.label("start"),
        sg.c.content_end.label("end"),
        ar.c.path,
        ar.c.url,
        ar.c.title,
        ar.c.source,
    ).select_from(
        st.join(a, a.c.id == st.c.actor_id)
        .join(ss, ss.c.statement_id == st.c.id, isouter=with_unstanced)
        .join(sg, join_on)
        .join(ar, ar.c.id == sg.c.article_id)
    )


def to_point(row: dict[str, Any], fixed: dict[str, dict[str, Any]]) -> Point:
    """A row of :func:`point_query` as a :class:`~stanceline.timeline.Point` (``fixed``: the corrections,
    by statement id, as :func:`~stanceline.store.corrections.corrected` gives them)."""
    row["conditions"] = [c["text"] for c in json.loads(row["conditions"] or "[]")]
    row["confidence"] = row["confidence"] or 0.0
    row["corrected"] = fixed.get(row["statement_id"])
    return Point.from_row(row)


def points(
    store: Store, *, actor_id: str | None = None, topic: str | None = None, with_unstanced: bool = False
) -> list[Point]:
    """Each statement's stance per topic, as :class:`~stanceline.timeline.Point` records.

    Args:
        actor_id: Only this actor's statements.
        topic: Only stances on this topic.
        with_unstanced: Also statements with no stance (``topic=None``), for timelines.
    """
    st, ss = S.statements, S.statement_stances
    q = point_query(with_unstanced=with_unstanced)
    if actor_id:
        q = q.where(st.c.actor_id == actor_id)
    elif topic:  # with an actor, its few rows are filtered here: SQLite would walk the topic's index
        q = q.where(ss.c.topic == topic)
    with store.connect() as conn:
        fixed = corrected(conn)  # the analyst's corrections are few: all of them, once
    return [to_point(row, fixed) for row in store.stream(q) if not (topic and row["topic"] != topic)]


STATEMENT_COLUMNS = (
    "statement_id",
    "sighting",
    "article_id",
    "url",
    "source",
    "path",
    "title",
    "published",
    "actor_id",
    "actor",
    "source_text",
    "source_start",
    "source_end",
    "resolved_by",
    "cue",
    "cue_start",
    "cue_end",
    "kind",
    "content",
    "content_start",
    "content_end",
    "said_on",
    "said_granularity",
    "said_basis",
    "topics",
    "stances",
    "conditions",
    "confidence",
    "sightings",
    "corrected",
)


def statement_rows(store: Store, *, actor_id: str | None = None, topic: str | None = None) -> Iterator[dict]:
    """Every sighting of every statement, streamed, one flat row each (see :data:`STATEMENT_COLUMNS`).

    The speaker is the statement's; a report the analyst corrected shows the corrected date and
    stances, and every report of a corrected statement its ``corrected`` object (as JSON).
    """
    sg, mem, st, ar, a = S.sightings, S.statement_sightings, S.statements, S.articles, S.actors
    q = (
        select(
            mem.c.statement_id,
            sg,
            ar.c.url,
            ar.c.source,
            ar.c.path,
            ar.c.title,
            ar.c.published,
            st.c.actor_id,
            a.c.name.label("actor"),
            st.c.sightings.label("n_sightings"),
        )
        .select_from(
            sg.join(mem, and_(mem.c.article_id == sg.c.article_id, mem.c.local_id == sg.c.local_id))
            .join(st, st.c.id == mem.c.statement_id)
            .join(ar, ar.c.id == sg.c.article_id)
            .outerjoin(a, a.c.id == st.c.actor_id)
        )
        .order_by(sg.c.article_id, sg.c.seq)
    )
    if actor_id:
        q = q.where(st.c.actor_id == actor_id)
    stance_q = select(S.stances).order_by(S.stances.c.article_id, S.stances.c.local_id, S.stances.c.idx)
    cond_q = select(S.conditions)
    if topic:
        q = q.where(
            select(S.stances.c.topic)
            .where(
                and_(
                    S.stances.c.article_id == sg.c.article_id,
                    S.stances.c.local_id == sg.c.local_id,
                    S.stances.c.topic == topic,
                )
            )
            .exists()
        )
    # Stances and conditions of the current article, read alongside (rows come grouped by article).
    cache: dict[str, dict[str, list]] = {}
    with store.connect() as conn:
        fixed, fixes = corrected(conn), load_corrections(conn)

    def stances_of(article_id: str) -> dict[str, list]:
        if article_id not in cache:
            cache.clear()
            found: dict[str, list] = {}
            with store.connect() as conn:
                conds: dict[tuple[str, int], list[str]] = {}
                for c in conn.execute(
                    cond_q.where(S.conditions.c.article_id == article_id).order_by(S.conditions.c.idx)
                ):
                    conds.setdefault((c.local_id, c.stance_idx), []).append(c.text)
                for s in conn.execute(stance_q.where(S.stances.c.article_id == article_id)):
                    found.setdefault(s.local_id, []).append(
                        (s.topic, s.stance, conds.get((s.local_id, s.idx), []))
                    )
            cache[article_id] = found
        return cache[article_id]

    for r in store.stream(q):
        stances = stances_of(r["article_id"]).get(r["local_id"], [])
        fix = fixes.get((r["article_id"], r["content_start"], r["content_end"]))
        if fix:
            r, stances = _corrected_row(r, stances, fix)
        yield {
            "statement_id": r["statement_id"],
            "sighting": r["local_id"],
            "article_id": r["article_id"],
            "url": r["url"],
            "source": r["source"],
            "path": r["path"],
            "title": r["title"],
            "published": r["published"],
            "actor_id": r["actor_id"],
            "actor": r["actor"],
            "source_text": r["source_text"],
            "source_start": r["source_start"],
            "source_end": r["source_end"],
            "resolved_by": r["resolved_by"],
            "cue": r["cue_text"],
            "cue_start": r["cue_start"],
            "cue_end": r["cue_end"],
            "kind": r["kind"],
            "content": r["content_text"],
            "content_start": r["content_start"],
            "content_end": r["content_end"],
            "said_on": r["said_on"],
            "said_granularity": r["said_granularity"],
            "said_basis": r["said_basis"],
            "topics": "; ".join(t for t, _, _ in stances),
            "stances": "; ".join(f"{t}:{s}" for t, s, _ in stances),
            "conditions": "; ".join(c for _, _, cs in stances for c in cs),
            "confidence": r["confidence"],
            "sightings": r["n_sightings"],
            "corrected": _json(fixed.get(r["statement_id"])),
        }


def _corrected_row(r: dict[str, Any], stances: list, fix: dict[str, tuple[str, str]]) -> tuple[dict, list]:
    """A report's row with the analyst's date and stances (its speaker is the statement's already)."""
    if "said_on" in fix:
        from .corrections import check_said_on

        value, grain = check_said_on(fix["said_on"][0])
        r = {**r, "said_on": value, "said_granularity": grain, "said_basis": "explicit"}
    by_topic = {t: (s, c) for t, s, c in stances}
    for name, (label, _) in fix.items():
        if name.startswith("stance:"):
            topic = name.split(":", 1)[1]
            if label == "none":
                by_topic.pop(topic, None)
            else:
                by_topic[topic] = (label, by_topic.get(topic, ("", []))[1])
    return r, [(t, s, c) for t, (s, c) in by_topic.items()]


def search_actor_ids(store: Store, text: str) -> list[str]:
    """Ids of actors whose name or alias contains ``text`` (case ignored)."""
    pat = f"%{text.lower()}%"
    with store.connect() as conn:
        q = select(S.aliases.c.actor_id).where(or_(func.lower(S.aliases.c.alias).like(pat))).distinct()
        return [r.actor_id for r in conn.execute(q)]


def check_topic(store: Store, topic: str | None) -> str | None:
    """The topic, if the corpus has statements on it.

    Raises:
        UsageError: E023 naming the topics there are (a typo such as ``sanction`` finds nothing).
    """
    if topic is None:
        return None
    with store.connect() as conn:
        known = sorted(r.topic for r in conn.execute(select(S.statement_stances.c.topic).distinct()))
    if topic not in known:
        raise UsageError.make(
            "E023",
            value=topic,
            option="--topic",
            detail="no statement in the corpus is on it; topics here: " + (", ".join(known) or "none"),
        )
    return topic


def check_range(date_from: str | None, date_to: str | None) -> None:
    """Raises E023 when ``--from`` is after ``--to``."""
    from ..timeline import period

    lo, hi = period(date_from), period(date_to)
    if lo and hi and lo[0] > hi[1]:
        raise UsageError.make("E023", value=date_from, option="--from", detail=f"it is after --to {date_to}")
