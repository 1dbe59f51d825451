"""Relink: rebuild the corpus-wide tables from the per-article facts.

After every ingest, every ``actors merge`` / ``split`` / ``rename`` and every
``correct``, the derived tables (actors, aliases, links, statements and their
stances) are recomputed from everything stored, in one transaction, touching only
rows that change. This makes the result independent of the order articles arrived
in and of interruptions: the same facts always give the same derived rows. The
analyst's corrections of statements (:mod:`stanceline.store.corrections`) apply on
top: a corrected speaker before statements are folded (so the statement folds with
that speaker's other reports of it), a corrected date and stance after.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any

from sqlalchemy import delete, insert, select

from ..config import load_titles
from . import corrections as C
from . import schema as S
from .events import folding_window, link_events
from .fold import Folded, Sighting, fold
from .identity import Entry, LocalActor, TitleTerm, find_actor, resolve
from .search import update_search
from .store import PENDING_KEY, Store


@dataclass(frozen=True)
class LinkSummary:
    actors: int
    statements: int
    sightings: int
    changed: int
    events: int = 0
    event_sightings: int = 0


def save_gazetteer(conn: Any, entries: Iterable[Entry]) -> list[Entry]:
    """Keep the gazetteer in the database, so later relinks (merge, split) use it too."""
    entries = list(entries)
    value = json.dumps([asdict(e) for e in entries], ensure_ascii=False)
    conn.execute(delete(S.meta).where(S.meta.c.key == "gazetteer"))
    conn.execute(insert(S.meta).values(key="gazetteer", value=value))
    return entries


def stored_gazetteer(conn: Any) -> list[Entry]:
    """The gazetteer given at the last ingest that gave one."""
    raw = conn.execute(select(S.meta.c.value).where(S.meta.c.key == "gazetteer")).scalar()
    if not raw:
        return []
    return [
        Entry(
            d["name"],
            d["kind"],
            tuple(d["aliases"]),
            d["country"],
            tuple(TitleTerm(t["title"], t["start"], t["end"]) for t in d["titles"]),
        )
        for d in json.loads(raw)
    ]


def save_titles(conn: Any, titles: Sequence[str]) -> tuple[str, ...]:
    """Keep the office titles an ingest analysed with, so later relinks (merge, split) tell titles from
    names as it did; the shipped titles are not kept (a later change of stanceline's list applies)."""
    titles = tuple(titles)
    conn.execute(delete(S.meta).where(S.meta.c.key == "titles"))
    if titles != load_titles():
        conn.execute(insert(S.meta).values(key="titles", value=json.dumps(titles, ensure_ascii=False)))
    return titles


def stored_titles(conn: Any) -> tuple[str, ...] | None:
    """The titles of the last ingest, when it was given a titles file; ``None``: the shipped ones."""
    raw = conn.execute(select(S.meta.c.value).where(S.meta.c.key == "titles")).scalar()
    return tuple(json.loads(raw)) if raw else None


def relink(
    store: Store,
    gazetteer: Iterable[Entry] | None = None,
    *,
    titles: Sequence[str] | None = None,
    event_window: int | None = None,
) -> LinkSummary:
    """Recompute actors, aliases, links, statements, statement stances and events.

    Args:
        store: The store.
        gazetteer: Pinned identities; saved for later relinks. ``None`` uses the saved one.
        titles: The office titles the articles were analysed with (an ingest gives them); saved for later
            relinks. ``None`` uses the saved ones (the shipped titles when none were saved).
        event_window: How many days apart reports of one event may date it (saved for later relinks).
            ``None`` uses the saved one (:data:`~stanceline.store.eventfold.WINDOW_DAYS` when none was).

    Raises:
        UsageError: E023 for an ``event_window`` out of range.
    """
    with store.begin() as conn:
        window = folding_window(conn, event_window)
        gazetteer = stored_gazetteer(conn) if gazetteer is None else save_gazetteer(conn, gazetteer)
        titles = stored_titles(conn) if titles is None else save_titles(conn, titles)
        published = {r.id: r.published for r in conn.execute(select(S.articles.c.id, S.articles.c.published))}
        raw = list(
            conn.execute(
                select(
                    S.sightings.c.article_id,
                    S.sightings.c.local_id,
                    S.sightings.c.seq,
                    S.sightings.c.actor_local,
                    S.sightings.c.source_text,
                    S.sightings.c.content_text,
                    S.sightings.c.content_start,
                    S.sightings.c.content_end,
                    S.sightings.c.said_on,
                    S.sightings.c.said_granularity,
                    S.sightings.c.said_basis,
                )
            )
        )
        spoken = _spoken(raw)
        local = [
            LocalActor(
                r.article_id,
                r.local_id,
                r.name,
                r.kind,
                tuple(json.loads(r.titles)),
                r.country,
                published.get(r.article_id),
                *spoken.get((r.article_id, r.local_id), (0, None, ())),
            )
            for r in conn.execute(select(S.article_actors))
        ]
        ident = resolve(local, gazetteer, store.overrides(conn), titles=titles)
        links = ident.links
        fixes = C.load(conn)
        speakers = {
            ref: (a.id if (a := find_actor(ident.actors, ref, titles)) else None)
            for f in fixes.values()
            if (ref := f.get("speaker", ("", ""))[0])
        }

        sightings, fixed = [], {}
        for r in raw:
            link = links.get((r.article_id, r.actor_local)) if r.actor_local else None
            s = Sighting(
                r.article_id,
                r.local_id,
                r.seq,
                link[0] if link else None,
                r.content_text,
                r.said_on,
                r.said_granularity,
                r.said_basis,
                published.get(r.article_id),
            )
            fix = fixes.get((r.article_id, r.content_start, r.content_end))
            if fix:
                fixed[(r.article_id, r.local_id)] = fix
                s = _corrected_sighting(s, fix, speakers)
            sightings.append(s)
        del raw
        folded = [_corrected_statement(f, fixed) for f in fold(sightings)]
        del sightings

        stance_rows = _stances(conn, folded, fixed, links)

        counts_art: dict[str, set[str]] = defaultdict(set)
        counts_st: Counter[str] = Counter()
        for f in folded:
            if f.actor_id:
                counts_st[f.actor_id] += 1
        for (art, _), (aid, _) in links.items():
            counts_art[aid].add(art)

        actor_rows = [
            {
                "id": a.id,
                "name": a.name,
                "kind": a.kind,
                "country": a.country,
                "pinned": int(a.pinned),
                "articles": len(counts_art.get(a.id, ())),
                "statements": counts_st.get(a.id, 0),
            }
            for a in ident.actors.values()
        ]
        alias_rows: dict[tuple, dict[str, Any]] = {}
        for a in ident.actors.values():
            for n, c in a.names.items():
                if c > 0:
                    alias_rows[(a.id, n, "name", "")] = {
                        "actor_id": a.id,
                        "alias": n,
                        "kind": "name",
                        "valid_from": "",
                        "valid_to": None,
                        "origin": "seen",
                    }
            for t, dates in a.titles.items():
                ds = sorted(d for d in dates if d)
                alias_rows[(a.id, t, "title", ds[0] if ds else "")] = {
                    "actor_id": a.id,
                    "alias": t,
                    "kind": "title",
                    "valid_from": ds[0] if ds else "",
                    "valid_to": ds[-1] if ds else None,
                    "origin": "seen",
                }
            for term in a.terms:
                alias_rows[(a.id, term.title, "title", term.start or "")] = {
                    "actor_id": a.id,
                    "alias": term.title,
                    "kind": "title",
                    "valid_from": term.start or "",
                    "valid_to": term.end,
                    "origin": "gazetteer",
                }
        link_rows = [
            {"article_id": k[0], "local_id": k[1], "actor_id": v[0], "evidence": v[1]}
            for k, v in links.items()
        ]
        statement_rows = [
            {
                "id": f.id,
                "actor_id": f.actor_id,
                "article_id": f.sightings[0].article_id,
                "local_id": f.sightings[0].local_id,
                "said_on": f.said_on,
                "said_granularity": f.granularity,
                "said_basis": f.basis,
                "first_seen": f.first_seen,
                "sightings": len({s.article_id for s in f.sightings}),
            }
            for f in folded
        ]
        member_rows = [
            {"article_id": s.article_id, "local_id": s.local_id, "statement_id": f.id}
            for f in folded
            for s in f.sightings
        ]
        event_rows, event_members = link_events(
            conn,
            links=links,
            statement_of={(s.article_id, s.local_id): f.id for f in folded for s in f.sightings},
            published=published,
            countries={a.id: a.country for a in ident.actors.values()},
            window_days=window,
        )
        changed = 0
        for table, rows in (
            (S.actors, actor_rows),
            (S.aliases, list(alias_rows.values())),
            (S.actor_links, link_rows),
            (S.statements, statement_rows),
            (S.statement_stances, stance_rows),
            (S.statement_sightings, member_rows),
            (S.events, event_rows),
            (S.event_sightings, event_members),
        ):
            changed += store.replace(conn, table, rows)
        conn.execute(delete(S.meta).where(S.meta.c.key == PENDING_KEY))
        # The full-text index follows the statements, in the same transaction.
        changed += update_search(store, conn, derived_changed=changed)
    return LinkSummary(
        len(actor_rows), len(statement_rows), len(member_rows), changed, len(event_rows), len(event_members)
    )


def _spoken(raw: list[Any]) -> dict[tuple[str, str], tuple[int, str | None, tuple[str, ...]]]:
    """Per in-article actor: how many statements it is the source of, when they were said (when
    the text says so: the date a bare title is resolved by), and their source texts."""
    count: Counter[tuple[str, str]] = Counter()
    dates: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    sources: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in raw:
        if not r.actor_local:
            continue
        key = (r.article_id, r.actor_local)
        count[key] += 1
        if r.source_text and r.source_text not in sources[key]:
            sources[key].append(r.source_text)
        if r.said_on and r.said_basis in ("explicit", "context"):
            if r.said_granularity == "day":
                dates[key][r.said_on[:10]] += 1
            elif r.said_granularity == "month":  # a month is taken at its middle
                dates[key][r.said_on[:7] + "-15"] += 1
    out = {}
    for key, n in count.items():
        said = min(dates[key], key=lambda d: (-dates[key][d], d)) if dates.get(key) else None
        out[key] = (n, said, tuple(sources[key]))
    return out


def _corrected_sighting(s: Sighting, fix: C.Fields, speakers: dict[str, str | None]) -> Sighting:
    """A report with the analyst's speaker and date (before folding: they decide what folds)."""
    if "speaker" in fix and speakers.get(fix["speaker"][0]):
        s = replace(s, actor_id=speakers[fix["speaker"][0]])
    if "said_on" in fix:
        value, grain = C.check_said_on(fix["said_on"][0])
        s = replace(s, said_on=value, granularity=grain, basis="explicit")
    return s


def _corrected_statement(f: Folded, fixed: dict[tuple[str, str], C.Fields]) -> Folded:
    """A statement with the analyst's date, whatever date its other reports give."""
    fix = C.merged(fixed[k] for s in f.sightings if (k := (s.article_id, s.local_id)) in fixed)
    if "said_on" not in fix:
        return f
    value, grain = C.check_said_on(fix["said_on"][0])
    return replace(f, said_on=value, granularity=grain, basis="explicit")


def _stances(
    conn: Any,
    folded: list[Folded],
    fixed: dict[tuple[str, str], C.Fields] | None = None,
    links: dict[tuple[str, str], Any] | None = None,
) -> list[dict[str, Any]]:
    """Per statement and topic: the stance most sightings read, with one sighting as evidence; the
    analyst's stance where there is one (a topic corrected to ``none`` is taken away)."""
    member = {(s.article_id, s.local_id): f.id for f in folded for s in f.sightings}
    order = {(s.article_id, s.local_id): n for f in folded for n, s in enumerate(f.sightings)}
    conds: dict[tuple[str, str, int], list[dict[str, Any]]] = defaultdict(list)
    q = select(S.conditions).order_by(
        S.conditions.c.article_id, S.conditions.c.local_id, S.conditions.c.stance_idx, S.conditions.c.idx
    )
    for r in conn.execute(q):
        conds[(r.article_id, r.local_id, r.stance_idx)].append(
            {"start": r.start, "end": r.end, "text": r.text}
        )
    votes: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for r in conn.execute(
        select(S.stances).order_by(S.stances.c.article_id, S.stances.c.local_id, S.stances.c.idx)
    ):
        sid = member.get((r.article_id, r.local_id))
        if sid is not None:
            votes[(sid, r.topic)].append(r)
    out = []
    for (sid, topic), rs in votes.items():
        tally: Counter[str] = Counter(r.stance for r in rs)
        weight: Counter[str] = Counter()
        for r in rs:
            weight[r.stance] += r.confidence
        stance = max(tally, key=lambda s: (tally[s], weight[s], s))
        ev = min(
            (r for r in rs if r.stance == stance), key=lambda r: (order[(r.article_id, r.local_id)], r.idx)
        )
        out.append(
            {
                "statement_id": sid,
                "topic": topic,
                "stance": stance,
                "confidence": round(weight[stance] / tally[stance], 2),
                "votes": tally[stance],
                "article_id": ev.article_id,
                "local_id": ev.local_id,
                "target": ev.target_text,
                "conditions": json.dumps(
                    conds.get((ev.article_id, ev.local_id, ev.idx), []), ensure_ascii=False
                ),
                "cues": ev.cues,
                "rule": ev.rule,
                "counterpart_text": ev.counterpart_text,
                "counterpart_actor_id": (links or {}).get((ev.article_id, ev.counterpart_actor), (None,))[0],
                "counterpart_country": ev.counterpart_country,
            }
        )
    return _corrected_stances(out, folded, fixed or {})


def _corrected_stances(
    rows: list[dict[str, Any]], folded: list[Folded], fixed: dict[tuple[str, str], C.Fields]
) -> list[dict[str, Any]]:
    by_key = {(r["statement_id"], r["topic"]): r for r in rows}
    for f in folded:
        fix = C.merged(fixed[k] for s in f.sightings if (k := (s.article_id, s.local_id)) in fixed)
        for name, (label, _) in fix.items():
            if not name.startswith("stance:"):
                continue
            key = (f.id, name.split(":", 1)[1])
            if label == C.REMOVE:
                by_key.pop(key, None)
            elif key in by_key:
                by_key[key] = {**by_key[key], "stance": label, "confidence": 1.0}
            else:
                rep = f.sightings[0]
                by_key[key] = {
                    "statement_id": f.id,
                    "topic": key[1],
                    "stance": label,
                    "confidence": 1.0,
                    "votes": 0,
                    "article_id": rep.article_id,
                    "local_id": rep.local_id,
                    "target": None,
                    "conditions": "[]",
                    "cues": "[]",
                }
    return list(by_key.values())
