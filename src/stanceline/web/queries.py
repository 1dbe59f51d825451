"""What the pages and the API read from the store.

Everything a request does is an index lookup or an index range, whatever the
size of the corpus: statements come a page at a time through the search index
(:mod:`stanceline.store.search`), an actor's timeline through
``statements(actor_id, said_on)``. The few corpus-wide aggregates (overview
counts, months, all shifts, a topic's standings) are computed once per
*generation* of the index and cached; every relink starts a new generation.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from typing import Any

from sqlalchemy import and_, func, select, tuple_

from ..errors import UsageError
from ..export import shift_rows
from ..store import Store, search, shiftstore, summary
from ..store import queries as SQ
from ..store import schema as S
from ..store.corrections import corrected
from ..timeline import CERTAIN_BASES, Point, Shift, detect_shifts, period, shown_date, timeline
from .evidence import evidence, sighting_url, split_sighting, statement_gone
from .params import (
    StatementFilters,
    bad,
    clean_id,
    decode_cursor,
    encode_cursor,
    first_day,
    last_day,
    not_found,
)

log = logging.getLogger("stanceline.web")


class WebData:
    """The store as the web app reads it, with per-generation caches (thread-safe)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._gen: Any = object()
        self._cache: dict[Any, Any] = {}

    def cached(self, key: Any, compute: Callable[[], Any]) -> Any:
        with self.store.connect() as conn:
            gen = search.generation(conn)
        with self._lock:
            if gen != self._gen:
                self._cache.clear()
                self._gen = gen
            if key in self._cache:
                return self._cache[key]
        value = compute()
        with self._lock:
            if self._gen == gen:
                self._cache[key] = value
        return value

    # ---- actors ------------------------------------------------------------------------------------

    def find_actor(self, conn: Any, ref: str, *, param: str | None = None) -> Any:
        """The actor row for an id or a name it is known by, as ``stanceline`` commands resolve it.

        First the indexed exact lookups (the id, then a name through the alias index); failing those,
        :func:`stanceline.store.queries.find_actor`, as the CLI does: names and aliases with case ignored,
        and a unique surname ("Veldt").

        Raises:
            ApiError: 404 when nothing matches (naming ``param`` when it came from a filter: the schema
                cannot say which names exist); 400 when several do, naming them.
        """
        a, al = S.actors, S.aliases
        ref = clean_id(ref, param or "actor")
        row = conn.execute(select(a).where(a.c.id == ref)).first()
        if row is None:
            ids = sorted(
                {
                    r.actor_id
                    for r in conn.execute(select(al.c.actor_id).where(al.c.alias == ref, al.c.kind == "name"))
                }
            )
            if len(ids) > 1:
                raise bad(
                    f"{param or 'actor'}: {ref!r} names {len(ids)} actors ({', '.join(ids[:5])}); give an id"
                )
            row = conn.execute(select(a).where(a.c.id == ids[0])).first() if ids else None
        if row is None:
            try:
                found = SQ.find_actor(self.store, ref)
            except UsageError as exc:  # E021: none, or several (named in the message)
                message = exc.message.replace("`stanceline actors` lists them", "/api/actors lists them")
                # several candidates are named after the reference (which may itself hold those words)
                if " could be " in message.replace(repr(ref), "", 1):
                    raise bad(f"{param or 'actor'}: {message}") from None
                raise not_found(f"{param}: {message}" if param else message) from None
            row = conn.execute(select(a).where(a.c.id == found["id"])).first()
            if row is None:  # relinked away between the two reads
                raise not_found(f"{param}: no actor {ref!r}" if param else f"no actor {ref!r}")
        return row

    def actor_id(self, ref: str, *, param: str) -> str:
        with self.store.connect() as conn:
            return str(self.find_actor(conn, ref, param=param).id)

    def actor(self, ref: str) -> dict[str, Any]:
        """An actor with its aliases, titles (with their dates) and statement counts per topic and stance."""
        al = S.aliases
        with self.store.connect() as conn:
            row = self.find_actor(conn, ref)
            out = _actor_summary(row._mapping)
            out["pinned"] = bool(row.pinned)
            out["aliases"], out["titles"] = [], []
            for r in conn.execute(
                select(al).where(al.c.actor_id == row.id).order_by(al.c.kind, al.c.valid_from, al.c.alias)
            ):
                if r.kind == "name":
                    if r.alias != row.name:
                        out["aliases"].append(r.alias)
                else:
                    out["titles"].append(
                        {
                            "title": r.alias,
                            "valid_from": r.valid_from or None,
                            "valid_to": r.valid_to,
                            "origin": r.origin,
                        }
                    )
            st, ss = S.statements, S.statement_stances
            topics: dict[str, dict[str, int]] = defaultdict(dict)
            q = (
                select(ss.c.topic, ss.c.stance, func.count().label("n"))
                .select_from(st.join(ss, ss.c.statement_id == st.c.id))
                .where(st.c.actor_id == row.id)
                .group_by(ss.c.topic, ss.c.stance)
            )
            for r in conn.execute(q):
                topics[r.topic][r.stance] = r.n
            out["topics"] = {t: topics[t] for t in sorted(topics)}
        return out

    def actors(self, *, kind: str | None, limit: int, cursor: str | None) -> tuple[list[dict], str | None]:
        """Actors, most statements first (then by id), a page at a time."""
        a = S.actors
        key = decode_cursor(cursor, "a", (int, str))
        q = select(a).order_by(a.c.statements.desc(), a.c.id.desc()).limit(limit + 1)
        if kind:
            q = q.where(a.c.kind == kind)
        if key:
            q = q.where(tuple_(a.c.statements, a.c.id) < tuple_(*key))
        with self.store.connect() as conn:
            rows = [r._mapping for r in conn.execute(q)]
        nxt = (
            encode_cursor("a", rows[limit - 1]["statements"], rows[limit - 1]["id"])
            if len(rows) > limit
            else None
        )
        return [_actor_summary(r) for r in rows[:limit]], nxt

    # ---- statements --------------------------------------------------------------------------------

    def statements(
        self, f: StatementFilters, *, limit: int, cursor: str | None
    ) -> tuple[list[dict], str | None]:
        """A page of statements matching ``f``, newest first, and the cursor of the next page."""
        args = self._search_args(f, cursor)
        with self.store.connect() as conn:
            found = search.find(conn, **args, limit=limit + 1)
            items = self._details(conn, [sid for _, sid in found[:limit]])
        nxt = encode_cursor("s", found[limit - 1][0]) if len(found) > limit else None
        return items, nxt

    def statement_facets(self, f: StatementFilters, *, cap: int) -> tuple[list[dict[str, Any]], bool]:
        """The first ``cap`` statements matching ``f``, newest first, with only what the search page counts
        (:func:`~.browse.search_counts`: the speaker, the topics and stances), and whether more match: the
        counts without reading the evidence of a thousand statements."""
        args = self._search_args(f, None)
        with self.store.connect() as conn:
            found = search.find(conn, **args, limit=cap + 1)
            ids = [sid for _, sid in found[:cap]]
            st, a, ss = S.statements, S.actors, S.statement_stances
            who: dict[str, dict[str, Any] | None] = {}
            stances: dict[str, list[dict[str, Any]]] = defaultdict(list)
            for i in range(0, len(ids), 500):
                part = ids[i : i + 500]
                q = select(st.c.id, st.c.actor_id, a.c.name).select_from(
                    st.outerjoin(a, a.c.id == st.c.actor_id)
                )
                for r in conn.execute(q.where(st.c.id.in_(part))):
                    who[r.id] = {"id": r.actor_id, "name": r.name} if r.actor_id else None
                q = select(ss.c.statement_id, ss.c.topic, ss.c.stance).where(ss.c.statement_id.in_(part))
                for r in conn.execute(q):
                    stances[r.statement_id].append({"topic": r.topic, "stance": r.stance})
        items = [{"actor": who[sid], "stances": stances.get(sid, [])} for sid in ids if sid in who]
        return items, len(found) > cap

    def _search_args(self, f: StatementFilters, cursor: str | None) -> dict[str, Any]:
        """:func:`~stanceline.store.search.find`'s arguments for the filters ``f`` from ``cursor`` on.

        Raises:
            ApiError: 400 for a bad query, date or cursor; 404 for an unknown actor.
        """
        actor_id = self.actor_id(f.actor, param="actor") if f.actor else None
        try:
            terms = search.parse_query(f.q) if f.q else []
        except UsageError as exc:
            raise bad(f"q: {exc.message.split(': ', 1)[-1]}") from None
        tags = []
        if f.topic and f.stance:
            tags.append(search.tag("ts", f.topic, f.stance))
        elif f.topic:
            tags.append(search.tag("t", f.topic))
        elif f.stance:
            tags.append(search.tag("s", f.stance))
        lo = hi = said_from = None
        if f.date_from:
            start = first_day(f.date_from)
            said_from = start.isoformat()
            # A month- or year-dated statement starts before it ends: look back a year, then check its end.
            lo = max(start.toordinal() - 366, 1) << search.ID_BITS
        elif f.date_to:
            lo = 1 << search.ID_BITS  # undated statements are left out of any date range
        if f.date_to:
            hi = search.day_bounds(last_day(f.date_to))[1]
        key = decode_cursor(cursor, "s", (int,))
        if key:
            hi = key[0] - 1 if hi is None else min(hi, key[0] - 1)
        return {
            "terms": terms,
            "tags": tags,
            "actor_id": actor_id,
            "lo": lo,
            "hi": hi,
            "said_from": said_from,
        }

    def all_statements(self, f: StatementFilters, *, size: int = 1000) -> Iterator[dict[str, Any]]:
        """Every statement matching ``f``, page by page (for exports: never all in memory)."""
        cursor = None
        while True:
            items, cursor = self.statements(f, limit=size, cursor=cursor)
            yield from items
            if cursor is None:
                return

    def _details(self, conn: Any, ids: list[str]) -> list[dict[str, Any]]:
        if not ids:
            return []
        st, sg, a, ar, ss = S.statements, S.sightings, S.actors, S.articles, S.statement_stances
        q = (
            select(
                st.c.id,
                st.c.actor_id,
                a.c.name.label("actor"),
                st.c.said_on,
                st.c.said_granularity,
                st.c.said_basis,
                st.c.sightings,
                st.c.article_id,
                st.c.local_id,
                sg.c.content_text,
                sg.c.content_start,
                sg.c.content_end,
                ar.c.title,
                ar.c.source,
                ar.c.url,
                ar.c.published,
                ar.c.path,
            )
            .select_from(
                st.outerjoin(a, a.c.id == st.c.actor_id)
                .join(sg, and_(sg.c.article_id == st.c.article_id, sg.c.local_id == st.c.local_id))
                .join(ar, ar.c.id == st.c.article_id)
            )
            .where(st.c.id.in_(ids))
        )
        rows = {r.id: r for r in conn.execute(q)}
        stances: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in conn.execute(
            select(ss).where(ss.c.statement_id.in_(ids)).order_by(ss.c.statement_id, ss.c.topic)
        ):
            stances[r.statement_id].append(
                {
                    "topic": r.topic,
                    "stance": r.stance,
                    "confidence": r.confidence,
                    "conditions": [c["text"] for c in json.loads(r.conditions or "[]")],
                    "target": r.target,
                }
            )
        fixed = corrected(conn, ids)
        out = []
        for sid in ids:
            r = rows.get(sid)
            if r is None:  # relinked between the two reads
                continue
            out.append(
                {
                    "id": r.id,
                    "actor": {"id": r.actor_id, "name": r.actor} if r.actor_id else None,
                    "said_on": r.said_on,
                    "when": shown_date(r.said_on, r.said_basis),
                    "said_on_basis": r.said_basis,
                    "said_on_granularity": r.said_granularity,
                    "said_on_uncertain": r.said_basis not in CERTAIN_BASES,
                    "content": r.content_text,
                    "content_start": r.content_start,
                    "content_end": r.content_end,
                    "stances": stances.get(sid, []),
                    "article": {
                        "id": r.article_id,
                        "title": r.title,
                        "source": r.source,
                        "url": r.url,
                        "published": r.published,
                        "path": r.path,
                    },
                    "sighting": r.local_id,
                    "sightings": r.sightings,
                    "page": f"/statements/{r.id}",
                    "permalink": sighting_url(r.article_id, r.local_id),
                    "corrected": fixed.get(sid),
                }
            )
        return out

    def statement(self, sid: str, sighting: str | None = None) -> dict[str, Any]:
        """One statement with the evidence of one of its sightings (the first, unless ``article:local``).

        Raises:
            ApiError: 404 for an unknown statement; 400 for a sighting that is not one of its own.
        """
        st, mem, ar = S.statements, S.statement_sightings, S.articles
        sid = clean_id(sid, "statement_id")
        with self.store.connect() as conn:
            items = self._details(conn, [sid])
            if not items:
                raise not_found(statement_gone(sid))
            out = items[0]
            q = (
                select(mem.c.article_id, mem.c.local_id, ar.c.title, ar.c.source, ar.c.published, ar.c.path)
                .select_from(mem.join(ar, ar.c.id == mem.c.article_id))
                .where(mem.c.statement_id == sid)
                .order_by(ar.c.published, mem.c.article_id, mem.c.local_id)
            )
            out["all_sightings"] = [
                {**r._mapping, "permalink": sighting_url(r.article_id, r.local_id)} for r in conn.execute(q)
            ]
            rep = conn.execute(select(st.c.article_id, st.c.local_id).where(st.c.id == sid)).one()
            art_id, local = rep.article_id, rep.local_id
            if sighting:
                pick = split_sighting(sighting)
                if not any((s["article_id"], s["local_id"]) == pick for s in out["all_sightings"]):
                    raise bad(
                        f"sighting: {sighting!r} is not a sighting of statement {sid}; "
                        "give ARTICLE_ID:LOCAL_ID from its list"
                    )
                art_id, local = pick
            out["evidence"] = evidence(conn, art_id, local)
        return out

    def statement_of(self, article_id: str, local_id: str) -> str | None:
        """The id of the statement a sighting belongs to now (``None``: no such sighting in a statement)."""
        mem = S.statement_sightings
        article_id, local_id = clean_id(article_id, "article_id"), clean_id(local_id, "local_id")
        with self.store.connect() as conn:
            return conn.execute(
                select(mem.c.statement_id).where(mem.c.article_id == article_id, mem.c.local_id == local_id)
            ).scalar()

    def article(self, article_id: str) -> dict[str, Any]:
        """The stored ``stanceline.article/1`` record, with its text; each statement's ``corrected`` is
        what the analyst corrected in the statement it belongs to now (``null``: nothing)."""
        article_id = clean_id(article_id, "article_id")
        rec = self.store.record(article_id)
        if rec is None:
            raise not_found(f"no article {article_id!r}")
        mem = S.statement_sightings
        with self.store.connect() as conn:
            of = {
                r.local_id: r.statement_id
                for r in conn.execute(select(mem).where(mem.c.article_id == article_id))
            }
            fixed = corrected(conn, sorted(set(of.values())))
        for st in rec.get("statements", []):
            st["corrected"] = fixed.get(of.get(st.get("id"), ""))
        return rec

    # ---- timelines and shifts ----------------------------------------------------------------------

    def timeline(
        self,
        actor_id: str,
        *,
        topic: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
    ) -> tuple[list[Point], list[Shift]]:
        """An actor's points in the order said and its shifts.

        All statements, stanced or not, unless ``topic`` is given.
        """
        # The topic is filtered here, not in SQL: given both, SQLite may walk the topic's index (every
        # statement on it, corpus-wide) instead of the actor's, which is what keeps this bounded.
        pts = SQ.points(self.store, actor_id=actor_id, with_unstanced=topic is None)
        if topic is not None:
            pts = [p for p in pts if p.topic == topic]
        shifts = detect_shifts([p for p in pts if p.topic], topic=topic)
        if date_from or date_to:
            lo = first_day(date_from) if date_from else dt.date.min
            hi = last_day(date_to) if date_to else dt.date.max
            shifts = [s for s in shifts if (sp := period(s.date)) and sp[1] >= lo and sp[0] <= hi]
        return timeline(pts, topic=topic, date_from=date_from, date_to=date_to), shifts

    def all_shifts(self, limit: int | None = None) -> list[tuple[tuple[str, ...], Shift]]:
        """The corpus's shifts with their feed keys, newest first (up to ``limit``), from the ``shifts``
        table that relink keeps (an index range: nothing is detected at request time)."""
        with self.store.connect() as conn:
            return shiftstore.feed(conn, topic=None, limit=limit, after=None)  # type: ignore[return-value]

    def shifts(
        self, *, actor: str | None, topic: str | None, limit: int, cursor: str | None
    ) -> tuple[list[Shift], str | None]:
        """A page of the shifts feed, newest first."""
        key = decode_cursor(cursor, "h", (str, str, str, str))
        if actor:
            actor_id = self.actor_id(actor, param="actor")
            pts = SQ.points(self.store, actor_id=actor_id, topic=topic)
            keyed = sorted(
                ((_shift_key(s), s) for s in detect_shifts(pts, topic=topic)),
                key=lambda k: k[0],
                reverse=True,
            )
            if key:
                keyed = [k for k in keyed if k[0] < tuple(key)]
            page = keyed[: limit + 1]
        else:
            with self.store.connect() as conn:
                after = tuple(key) if key else None
                page = shiftstore.feed(conn, topic=topic, limit=limit + 1, after=after)  # type: ignore[arg-type]
        nxt = encode_cursor("h", *page[limit - 1][0]) if len(page) > limit else None
        return [s for _, s in page[:limit]], nxt

    # ---- corpus-wide views (cached) -----------------------------------------------------------------

    def warm(self) -> None:
        """Fill the caches of the corpus-wide views (run once in the background at start)."""
        try:
            self.overview()
        except Exception:
            log.warning("could not precompute the overview", exc_info=True)

    def overview(self) -> dict[str, Any]:
        def compute() -> dict[str, Any]:
            with self.store.connect() as conn:  # a few rows each, kept by relink (store.summary)
                counts, months, topics = summary.read(conn)
            top, _ = self.actors(kind=None, limit=12, cursor=None)
            return {
                "counts": counts,
                "months": months,
                "top_actors": top,
                "topics": [(t, topics[t], sum(topics[t].values())) for t in sorted(topics)],
                "latest_shifts": [s for _, s in self.all_shifts(6)],
            }

        return self.cached("overview", compute)

    def topic(self, topic: str) -> dict[str, Any]:
        """Who stands where on a topic (each actor's latest stance and counts), and who moved (cached)."""

        def compute() -> dict[str, Any] | None:
            pts = timeline(SQ.points(self.store, topic=topic))
            if not pts:
                return None
            by_actor: dict[str, list[Point]] = defaultdict(list)
            for p in pts:
                by_actor[p.actor_id].append(p)
            standings = sorted(
                (
                    {
                        "actor": {"id": aid, "name": ps[0].actor},
                        "statements": len(ps),
                        "stances": dict(Counter(p.stance for p in ps)),
                        "latest": ps[-1],
                        "first": ps[0].when,
                        "last": ps[-1].when,
                    }
                    for aid, ps in by_actor.items()
                ),
                key=lambda r: (-r["statements"], r["actor"]["name"]),
            )
            charted = {r["actor"]["id"] for r in standings[:12]}
            return {
                "topic": topic,
                "statements": len(pts),
                "standings": standings,
                "shifts": detect_shifts(pts, topic=topic),
                "chart": [p for p in pts if p.actor_id in charted],
                "lanes": [r["actor"]["name"] for r in standings[:12]],
            }

        out = self.cached(("topic", topic), compute)
        if out is None:
            raise not_found(f"no statement on the topic {topic!r}; the overview lists the topics")
        return out


def _actor_summary(r: Any) -> dict[str, Any]:
    return {
        "id": r["id"],
        "name": r["name"],
        "kind": r["kind"],
        "country": r["country"],
        "articles": r["articles"],
        "statements": r["statements"],
        "page": f"/actors/{r['id']}",
    }


def _shift_key(s: Shift) -> tuple[str, str, str, str]:
    span = s.after[0].period
    return (span[0].isoformat() if span else "", s.actor_id, s.topic, s.after[0].statement_id)


__all__ = ["WebData", "shift_rows"]
