"""Relink: rebuild the corpus-wide tables from the per-article facts.

After every ingest and every ``actors merge`` / ``split``, the derived tables
(actors, aliases, links, statements and their stances) are recomputed from
everything stored, in one transaction, touching only rows that change. This
makes the result independent of the order articles arrived in and of
interruptions: the same facts always give the same derived rows.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import delete, insert, select

from . import schema as S
from .fold import Sighting, fold
from .identity import Entry, LocalActor, TitleTerm, resolve
from .search import update_search
from .store import PENDING_KEY, Store


@dataclass(frozen=True)
class LinkSummary:
    actors: int
    statements: int
    sightings: int
    changed: int


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


def relink(store: Store, gazetteer: Iterable[Entry] | None = None) -> LinkSummary:
    """Recompute actors, aliases, links, statements and statement stances.

    Args:
        store: The store.
        gazetteer: Pinned identities; saved for later relinks. ``None`` uses the saved one.
    """
    with store.begin() as conn:
        gazetteer = stored_gazetteer(conn) if gazetteer is None else save_gazetteer(conn, gazetteer)
        published = {r.id: r.published for r in conn.execute(select(S.articles.c.id, S.articles.c.published))}
        local = [
            LocalActor(
                r.article_id,
                r.local_id,
                r.name,
                r.kind,
                tuple(json.loads(r.titles)),
                r.country,
                published.get(r.article_id),
            )
            for r in conn.execute(select(S.article_actors))
        ]
        ident = resolve(local, gazetteer, store.overrides(conn))
        links = ident.links

        sightings = []
        for r in conn.execute(
            select(
                S.sightings.c.article_id,
                S.sightings.c.local_id,
                S.sightings.c.seq,
                S.sightings.c.actor_local,
                S.sightings.c.content_text,
                S.sightings.c.said_on,
                S.sightings.c.said_granularity,
                S.sightings.c.said_basis,
            )
        ):
            link = links.get((r.article_id, r.actor_local)) if r.actor_local else None
            sightings.append(
                Sighting(
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
            )
        folded = fold(sightings)
        del sightings

        stance_rows = _stances(conn, folded)

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
        changed = 0
        for table, rows in (
            (S.actors, actor_rows),
            (S.aliases, list(alias_rows.values())),
            (S.actor_links, link_rows),
            (S.statements, statement_rows),
            (S.statement_stances, stance_rows),
            (S.statement_sightings, member_rows),
        ):
            changed += store.replace(conn, table, rows)
        conn.execute(delete(S.meta).where(S.meta.c.key == PENDING_KEY))
        # The full-text index follows the statements, in the same transaction.
        changed += update_search(store, conn, derived_changed=changed)
    return LinkSummary(len(actor_rows), len(statement_rows), len(member_rows), changed)


def _stances(conn: Any, folded: list) -> list[dict[str, Any]]:
    """Per statement and topic: the stance most sightings read, with one sighting as evidence."""
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
            }
        )
    return out
