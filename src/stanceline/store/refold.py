"""Refold the statements of a few actors: the part of a relink that reads statements, done in batches.

A statement folds the sightings of one corpus speaker (:func:`stanceline.store.fold.fold`), so the
statements, their stances, their sightings and their search rows of one actor depend on that actor's
sightings alone (and the analyst's corrections of them). A relink therefore reads the sightings of a
batch of actors with one indexed query (``actor_links`` by actor), folds them, and replaces that batch's
rows, then goes on to the next: memory is bounded by the largest batch, not by the corpus. Sightings
with no known speaker are each their own statement, and go by article.

The analyst's corrections apply as in a whole-corpus relink: a corrected speaker moves a report into that
speaker's batch before folding (:class:`Fixes`), a corrected date and stance apply after.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import and_, select

from . import corrections as C
from . import schema as S
from .fold import Folded, Sighting, fold
from .identity import CorpusActor, find_actor
from .search import index_text, seq_key, tags_for
from .store import Store
from .summary import Tally

#: Keys per ``IN (...)`` list (well under SQLite's bound on parameters).
KEYS_PER_QUERY = 400


@dataclass
class Fixes:
    """The analyst's corrections of reports, placed: which sighting each names and where it goes."""

    speakers: dict[str, str | None] = field(default_factory=dict)  # speaker as given → actor id
    fixed: dict[tuple[str, str], C.Fields] = field(default_factory=dict)  # (article, statement) → fields
    moved_in: dict[str, list[Sighting]] = field(default_factory=lambda: defaultdict(list))
    moved_out: set[tuple[str, str]] = field(default_factory=set)
    actors: set[str] = field(default_factory=set)  # speakers of corrected reports, before and after
    articles: set[str] = field(default_factory=set)


def sightings_query(*, spoken: bool = False) -> Any:
    """Sightings with their corpus speaker (null: none) and their article's publication date; only those
    with a speaker when ``spoken`` (an inner join, which a planner can start from the speaker's links:
    SQLite walks every sighting for the outer one, whatever the filter on the speaker)."""
    sg, al, ar = S.sightings, S.actor_links, S.articles
    return select(
        sg.c.article_id,
        sg.c.local_id,
        sg.c.seq,
        al.c.actor_id,
        sg.c.content_text,
        sg.c.said_on,
        sg.c.said_granularity,
        sg.c.said_basis,
        sg.c.content_start,
        sg.c.content_end,
        ar.c.published,
    ).select_from(
        sg.join(
            al,
            and_(al.c.article_id == sg.c.article_id, al.c.local_id == sg.c.actor_local),
            isouter=not spoken,
        ).join(ar, ar.c.id == sg.c.article_id, isouter=True)
    )


def _sighting(r: Any) -> Sighting:
    return Sighting(
        r.article_id,
        r.local_id,
        r.seq,
        r.actor_id,
        r.content_text,
        r.said_on,
        r.said_granularity,
        r.said_basis,
        r.published,
    )


def corrected_sighting(s: Sighting, fix: C.Fields, speakers: dict[str, str | None]) -> Sighting:
    """A report with the analyst's speaker and date (before folding: they decide what folds)."""
    if "speaker" in fix and speakers.get(fix["speaker"][0]):
        s = replace(s, actor_id=speakers[fix["speaker"][0]])
    if "said_on" in fix:
        value, grain = C.check_said_on(fix["said_on"][0])
        s = replace(s, said_on=value, granularity=grain, basis="explicit")
    return s


def place_fixes(
    conn: Any,
    reports: dict[tuple[str, int, int], C.Fields],
    actors: dict[str, CorpusActor],
    titles: tuple[str, ...] | None,
) -> Fixes:
    """Find the sightings the corrections name (after the links are written) and where each goes."""
    out = Fixes()
    out.speakers = {
        ref: (a.id if (a := find_actor(actors, ref, titles)) else None)
        for f in reports.values()
        if (ref := f.get("speaker", ("", ""))[0])
    }
    out.articles = {k[0] for k in reports}
    sg = S.sightings
    arts = sorted(out.articles)
    for i in range(0, len(arts), KEYS_PER_QUERY):
        for r in conn.execute(sightings_query().where(sg.c.article_id.in_(arts[i : i + KEYS_PER_QUERY]))):
            fix = reports.get((r.article_id, r.content_start, r.content_end))
            if not fix:
                continue
            s = _sighting(r)
            key = (r.article_id, r.local_id)
            out.fixed[key] = fix
            moved = corrected_sighting(s, fix, out.speakers)
            out.actors.update(a for a in (s.actor_id, moved.actor_id) if a)
            if moved.actor_id != s.actor_id and moved.actor_id is not None:
                out.moved_out.add(key)
                out.moved_in[moved.actor_id].append(moved)
    return out


def corrected_statement(f: Folded, fixed: dict[tuple[str, str], C.Fields]) -> Folded:
    """A statement with the analyst's date, whatever date its other reports give."""
    fix = C.merged(fixed[k] for s in f.sightings if (k := (s.article_id, s.local_id)) in fixed)
    if "said_on" not in fix:
        return f
    value, grain = C.check_said_on(fix["said_on"][0])
    return replace(f, said_on=value, granularity=grain, basis="explicit")


def _in_keys(conn: Any, table: Any, keys: set[tuple[str, str]], *order: Any) -> Iterable[Any]:
    """The rows of ``table`` whose ``(article_id, local_id)`` is one of ``keys``.

    Asked by article (the primary key's first column) and sorted out here: SQLite reads a table whole for
    ``(a, b) IN ((?, ?), ...)``, which made a relink quadratic.
    """
    articles = sorted({k[0] for k in keys})
    for i in range(0, len(articles), KEYS_PER_QUERY):
        q = select(table).where(table.c.article_id.in_(articles[i : i + KEYS_PER_QUERY])).order_by(*order)
        yield from (r for r in conn.execute(q) if (r.article_id, r.local_id) in keys)


def stance_rows(
    conn: Any,
    folded: list[Folded],
    fixed: dict[tuple[str, str], C.Fields],
    links: dict[tuple[str, str], tuple[str, str]],
) -> list[dict[str, Any]]:
    """Per statement and topic: the stance most sightings read, with one sighting as evidence; the
    analyst's stance where there is one (a topic corrected to ``none`` is taken away)."""
    member = {(s.article_id, s.local_id): f.id for f in folded for s in f.sightings}
    order = {(s.article_id, s.local_id): n for f in folded for n, s in enumerate(f.sightings)}
    keys = set(member)
    st, cd = S.stances, S.conditions
    votes: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for r in _in_keys(conn, st, keys, st.c.article_id, st.c.local_id, st.c.idx):
        votes[(member[(r.article_id, r.local_id)], r.topic)].append(r)
    conds: dict[tuple[str, str, int], list[dict[str, Any]]] = defaultdict(list)
    for r in _in_keys(conn, cd, keys, cd.c.article_id, cd.c.local_id, cd.c.stance_idx, cd.c.idx):
        conds[(r.article_id, r.local_id, r.stance_idx)].append(
            {"start": r.start, "end": r.end, "text": r.text}
        )
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
                "counterpart_actor_id": links.get((ev.article_id, ev.counterpart_actor), (None,))[0],
                "counterpart_country": ev.counterpart_country,
            }
        )
    return _corrected_stances(out, folded, fixed)


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


def _search_rows(
    conn: Any, folded: list[Folded], stances: list[dict[str, Any]], scope: Any
) -> list[dict[str, Any]]:
    """The search rows of these statements (see :func:`stanceline.store.search.search_rows`); a key that
    a statement outside ``scope`` already holds moves up one, as two alike in one pass do."""
    from ..timeline import period

    by_statement: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for r in stances:
        by_statement[r["statement_id"]].append((r["topic"], r["stance"]))
    t = S.search_statements
    dialect = conn.dialect.name
    keys: dict[str, int] = {}
    spans = {}
    for f in sorted(folded, key=lambda f: f.id):
        span = spans[f.id] = period(f.said_on)
        keys[f.id] = seq_key(span[0] if span else None, f.id)
    # Two ids alike in their first 40 bits on one day (rare): the later id moves up one, past any key
    # that another statement, outside this batch, holds already.
    taken: set[int] = set()
    while True:
        used: set[int] = set()
        for sid in keys:
            while keys[sid] in used or keys[sid] in taken:
                keys[sid] += 1
            used.add(keys[sid])
        wanted = sorted(used - taken)
        clash = {
            r.seq
            for i in range(0, len(wanted), KEYS_PER_QUERY)
            for r in conn.execute(select(t.c.seq).where(t.c.seq.in_(wanted[i : i + KEYS_PER_QUERY]), ~scope))
        }
        if not clash:
            break
        taken |= clash
    out = []
    for f in folded:
        span = spans[f.id]
        out.append(
            {
                "seq": keys[f.id],
                "statement_id": f.id,
                "actor_id": f.actor_id,
                "said_start": span[0].isoformat() if span else None,
                "said_end": span[1].isoformat() if span else None,
                "content": index_text(f.sightings[0].content, dialect),
                "tags": tags_for(f.actor_id, sorted(by_statement.get(f.id, ()))),
            }
        )
    return out


def write_batch(
    store: Store,
    conn: Any,
    sightings: list[Sighting],
    *,
    fixed: dict[tuple[str, str], C.Fields],
    links: dict[tuple[str, str], tuple[str, str]],
    statements_scope: Any,
    search_scope: Any,
    tally: Tally | None = None,
) -> tuple[int, int]:
    """Fold ``sightings`` (all those of the actors or articles the scopes select) and make the derived
    tables hold their statements within those scopes; with a ``tally``, count in it what the batch changes
    in the overview's summaries. Returns ``(derived rows changed, search rows changed)``."""
    st, mem, ss = S.statements, S.statement_sightings, S.statement_stances
    folded = [corrected_statement(f, fixed) for f in fold(sightings)]
    stances = stance_rows(conn, folded, fixed, links)
    if tally is not None:
        tally.take(conn, statements_scope, -1)
    old = select(st.c.id).where(statements_scope).scalar_subquery()
    # The search rows first: for statements without a speaker their scope reads the statements as stored.
    searched = store.replace(
        conn, S.search_statements, _search_rows(conn, folded, stances, search_scope), where=search_scope
    )
    members = [
        {"article_id": s.article_id, "local_id": s.local_id, "statement_id": f.id}
        for f in folded
        for s in f.sightings
    ]
    changed = store.replace(conn, mem, members, where=mem.c.statement_id.in_(old))
    changed += store.replace(conn, ss, stances, where=ss.c.statement_id.in_(old))
    rows = [
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
    changed += store.replace(conn, st, rows, where=statements_scope)
    if tally is not None:
        tally.take(conn, statements_scope, +1)
    return changed, searched


def actor_sightings(conn: Any, ids: Sequence[str], fixes: Fixes) -> list[Sighting]:
    """The sightings of these actors, with the analyst's speakers and dates."""
    found = []
    for r in conn.execute(sightings_query(spoken=True).where(S.actor_links.c.actor_id.in_(list(ids)))):
        key = (r.article_id, r.local_id)
        if key in fixes.moved_out:
            continue
        s = _sighting(r)
        found.append(corrected_sighting(s, fixes.fixed[key], fixes.speakers) if key in fixes.fixed else s)
    for aid in ids:
        found.extend(fixes.moved_in.get(aid, ()))
    return found


def unspoken_sightings(conn: Any, articles: Sequence[str], fixes: Fixes) -> list[Sighting]:
    """The sightings of these articles that have no corpus speaker (each its own statement)."""
    q = sightings_query().where(
        S.actor_links.c.actor_id.is_(None), S.sightings.c.article_id.in_(list(articles))
    )
    found = []
    for r in conn.execute(q):
        key = (r.article_id, r.local_id)
        if key in fixes.moved_out:
            continue
        s = _sighting(r)
        found.append(corrected_sighting(s, fixes.fixed[key], fixes.speakers) if key in fixes.fixed else s)
    return found
