"""Relink: bring the corpus-wide tables in line with the per-article facts.

After every ingest, every ``actors merge`` / ``split`` / ``rename`` and every
``correct``, the derived tables (actors, aliases, links, statements and their
stances, the search index) are brought in line with everything stored, in one
transaction, touching only rows that change. The same facts always give the same
derived rows, whatever the order articles arrived in, interruptions, and whether
the relink was full or incremental.

It scales with the corpus in three steps:

1. **Identity**: every in-article actor is resolved to a corpus actor
   (:func:`~stanceline.store.identity.resolve`, corpus-wide by nature: who holds a
   title, which namesake dominates), from a few fields per in-article actor read in
   key order (:mod:`stanceline.store.locals`), never from the statements' text.
   The links are compared with the stored ones as they stream by.
2. **Refolding**, in batches of actors (:mod:`stanceline.store.refold`): only the
   actors whose statements may have changed (**incremental**, the default) — those
   of the articles stored since the last relink (``relink_queue``), of articles whose
   links changed, and of reports the analyst corrected — or every actor (**full**:
   ``relink --full``, a database relinked by an older stanceline, a search index
   just made). Memory is bounded by a batch, not by the corpus.
3. **Actors**: names, aliases and counts (counted in SQL).

The analyst's corrections of statements (:mod:`stanceline.store.corrections`)
apply on top: a corrected speaker before statements are folded (so the statement
folds with that speaker's other reports of it), a corrected date and stance after.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import and_, bindparam, delete, func, insert, select

from ..config import load_titles
from . import corrections as C
from . import schema as S
from . import shiftstore
from .events import WINDOW_KEY, folding_window, link_events
from .eventscope import countries_changed, fold_near, moved_statements, naming
from .identity import Entry, Identities, TitleTerm, resolve
from .locals import local_actors, stream
from .refold import actor_sightings, place_fixes, unspoken_sightings, write_batch
from .search import GENERATION_KEY, ensure_search
from .store import PENDING_KEY, Store
from .summary import Tally, rebuild, write_counts

#: What a relink computes; a database last relinked by another one is relinked in full.
LINK_FORMAT_KEY, LINK_FORMAT = "link_format", "batched-1"
#: ``meta`` key: how the stored events were last folded; an incremental relink folds only the reports near
#: the changed ones when the stored reports say their first days (schema 6), else it folds them whole.
EVENT_FOLD_KEY, EVENT_FOLD = "event_fold", "runs-1"
#: ``meta`` key: the articles holding a corrected report at the last relink (JSON list), refolded again
#: when a correction is taken away.
FIXED_KEY = "link_fixed_articles"
#: A batch of actors holds about this many sightings (one actor may hold more) ...
BATCH_SIGHTINGS = 20_000
#: ... and at most this many actors; articles go this many at a time.
BATCH_KEYS = 400


@dataclass(frozen=True)
class LinkSummary:
    actors: int
    statements: int
    sightings: int
    changed: int
    #: Actors whose statements were refolded, and articles whose statements without a speaker were.
    refolded: int = 0
    articles: int = 0
    full: bool = False
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
    full: bool = False,
    event_window: int | None = None,
) -> LinkSummary:
    """Bring actors, aliases, links, statements, statement stances, events and the search index in line.

    Args:
        store: The store.
        gazetteer: Pinned identities; saved for later relinks. ``None`` uses the saved one.
        titles: The office titles the articles were analysed with (an ingest gives them); saved for later
            relinks. ``None`` uses the saved ones (the shipped titles when none were saved).
        full: Refold every actor's statements, not only those the stored articles and links changed
            since the last relink (the result is the same; use it after changing stanceline's fold rules).
        event_window: How many days apart reports of one event may date it (saved for later relinks).
            ``None`` uses the saved one (:data:`~stanceline.store.eventfold.WINDOW_DAYS` when none was).

    Raises:
        UsageError: E023 for an ``event_window`` out of range.
    """
    with store.begin() as conn:
        window_before = _meta(conn, WINDOW_KEY)
        window = folding_window(conn, event_window)
        gazetteer = stored_gazetteer(conn) if gazetteer is None else save_gazetteer(conn, gazetteer)
        titles = stored_titles(conn) if titles is None else save_titles(conn, titles)
        full = ensure_search(conn) or full or _meta(conn, LINK_FORMAT_KEY) != LINK_FORMAT
        local = local_actors(conn)
        ident = resolve(local, gazetteer, store.overrides(conn), titles=titles)
        weight: Counter[str] = Counter()  # sightings per corpus actor, to size the batches
        for la in local:
            if link := ident.links.get((la.article_id, la.local_id)):
                weight[link[0]] += la.statements
        del local
        queued = [r.article_id for r in stream(conn, select(S.relink_queue.c.article_id))]
        # Articles said to wait for a relink, none of them queued: written by something other than Store.put.
        full = full or (not queued and _meta(conn, PENDING_KEY) is not None)
        reports = C.load(conn)
        gone, changes, touched = _link_changes(conn, ident.links)
        if full:
            actors = set(ident.actors) | _distinct(conn, S.statements.c.actor_id)
            actors |= _distinct(conn, S.search_statements.c.actor_id)
            articles = {r.id for r in stream(conn, select(S.articles.c.id))}
        else:
            fixed_before = json.loads(_meta(conn, FIXED_KEY) or "[]")
            articles = {*queued, *touched, *(k[0] for k in reports), *fixed_before}
            actors = _speakers_in(conn, articles) | {
                a for (art, _), (a, _) in ident.links.items() if art in articles
            }
        changed = _write_links(store, conn, gone, changes)
        fixes = place_fixes(conn, reports, ident.actors, titles)
        actors |= fixes.actors
        refold = sorted(a for a in actors if a)
        # Where the refolded actors' points were: the other speakers there may lose or gain a counterpart.
        was_in = set() if full else shiftstore.point_articles(conn, refold)
        tally = None if full else Tally()
        derived, searched = _refold(store, conn, refold, sorted(articles), weight, fixes, ident, tally)
        changed += derived
        actor_rows, alias_rows = _actor_rows(conn, ident)
        # Events: folded whole after a full relink, a change of window or from a database whose stored reports
        # do not say their first days yet; else only the runs of reports around the changed ones.
        window_changed = event_window is not None and window_before != str(event_window)
        events_full = full or window_changed or _meta(conn, EVENT_FOLD_KEY) != EVENT_FOLD
        if not events_full:
            seeds = articles | naming(conn, countries_changed(conn, ident)) | moved_statements(conn)
        names_before = dict(conn.execute(select(S.actors.c.id, S.actors.c.name)).all())
        changed += store.replace(conn, S.actors, actor_rows) + store.replace(conn, S.aliases, alias_rows)
        changed += shiftstore.update(store, conn, _shifts_to_detect(conn, full, refold, was_in, names_before))
        near = None if events_full else fold_near(store, conn, ident, window, seeds)
        if near is None:
            event_rows, event_members = _events(conn, ident, window)
            changed += store.replace(conn, S.events, event_rows) + store.replace(
                conn, S.event_sightings, event_members
            )
        else:
            changed += near
        for i in range(0, len(queued), BATCH_KEYS):
            conn.execute(
                delete(S.relink_queue).where(S.relink_queue.c.article_id.in_(queued[i : i + BATCH_KEYS]))
            )
        keys = [PENDING_KEY, LINK_FORMAT_KEY, FIXED_KEY, EVENT_FOLD_KEY]
        conn.execute(delete(S.meta).where(S.meta.c.key.in_(keys)))
        conn.execute(
            insert(S.meta),
            [
                {"key": LINK_FORMAT_KEY, "value": LINK_FORMAT},
                {"key": EVENT_FOLD_KEY, "value": EVENT_FOLD},
                {"key": FIXED_KEY, "value": json.dumps(sorted(fixes.articles), ensure_ascii=False)},
            ],
        )
        # Readers (the web app's caches) see that the derived tables changed; no change, nothing written.
        gen = _meta(conn, GENERATION_KEY)
        if gen is None or changed or searched:
            store.upsert(conn, S.meta, [{"key": GENERATION_KEY, "value": str(int(gen or 0) + 1)}])
        statements = conn.execute(select(func.count()).select_from(S.statements)).scalar_one()
        sightings = conn.execute(select(func.count()).select_from(S.statement_sightings)).scalar_one()
        n_events = conn.execute(select(func.count()).select_from(S.events)).scalar_one()
        n_reports = conn.execute(select(func.count()).select_from(S.event_sightings)).scalar_one()
        if tally is None:
            rebuild(conn)
        else:
            tally.write(store, conn)
        write_counts(conn, {"statements": int(statements), "actors": len(actor_rows)})
    return LinkSummary(
        len(actor_rows),
        int(statements),
        int(sightings),
        changed + searched,
        len(refold),
        len(articles),
        full,
        int(n_events),
        int(n_reports),
    )


def _shifts_to_detect(
    conn: Any, full: bool, refold: list[str], was_in: set[str], names_before: dict[str, str]
) -> set[str]:
    """The actors whose shifts may have changed: every one after a full relink (and those the table holds);
    else those refolded, renamed or gone, and the speakers of the articles where their points were or are."""
    t, st = S.shifts, S.statements
    if full:
        return _distinct(conn, st.c.actor_id) | _distinct(conn, t.c.actor_id)
    now = dict(conn.execute(select(S.actors.c.id, S.actors.c.name)).all())
    renamed = {a for a, n in now.items() if names_before.get(a) != n}
    touched = set(refold) | renamed | (names_before.keys() - now)
    return touched | shiftstore.speakers_of(conn, was_in | shiftstore.point_articles(conn, touched))


def _events(conn: Any, ident: Identities, window: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The rows of ``events`` and ``event_sightings``, folded again from every stored report.

    Events are few beside statements, so they are folded whole at every relink; the statement each was
    read from and the articles' dates are read back from the tables as written, for the articles that
    report events only (a corpus of millions of statements and no events reads nothing here)."""
    mem, art, ae = S.statement_sightings, S.articles, S.article_events
    if conn.execute(select(ae.c.article_id).limit(1)).first() is None:
        return [], []
    reporting = select(ae.c.article_id).distinct()
    statement_of = {
        (r.article_id, r.local_id): r.statement_id
        for r in stream(
            conn,
            select(mem.c.article_id, mem.c.local_id, mem.c.statement_id).where(
                mem.c.article_id.in_(reporting)
            ),
        )
    }
    published = {
        r.id: r.published
        for r in stream(conn, select(art.c.id, art.c.published).where(art.c.id.in_(reporting)))
    }
    return link_events(
        conn,
        links=ident.links,
        statement_of=statement_of,
        published=published,
        countries={a.id: a.country for a in ident.actors.values()},
        window_days=window,
    )


def _meta(conn: Any, key: str) -> str | None:
    return conn.execute(select(S.meta.c.value).where(S.meta.c.key == key)).scalar()


def _distinct(conn: Any, column: Any) -> set[str]:
    return {r[0] for r in stream(conn, select(column).where(column.is_not(None)).distinct())}


def _speakers_in(conn: Any, articles: set[str]) -> set[str]:
    """The speakers of the stored statements that these articles report (before the relink)."""
    st, mem = S.statements, S.statement_sightings
    arts, out = sorted(articles), set()
    for i in range(0, len(arts), BATCH_KEYS):
        q = (
            select(st.c.actor_id)
            .select_from(mem.join(st, st.c.id == mem.c.statement_id))
            .where(mem.c.article_id.in_(arts[i : i + BATCH_KEYS]), st.c.actor_id.is_not(None))
            .distinct()
        )
        out.update(r[0] for r in conn.execute(q))
    return out


def _link_changes(
    conn: Any, links: dict[tuple[str, str], tuple[str, str]]
) -> tuple[list[tuple[str, str]], list[dict[str, Any]], set[str]]:
    """The stored links compared with ``links`` as they stream by: the keys gone, the rows new or
    changed, and the articles whose statements may change with them (a link gone, new, or to another
    actor; not one whose evidence alone is worded anew)."""
    al = S.actor_links
    gone, seen, touched = [], set(), set()
    changed_keys = []
    for r in stream(conn, select(al)):
        key = (r.article_id, r.local_id)
        want = links.get(key)
        if want is None:
            gone.append(key)
            touched.add(r.article_id)
            continue
        seen.add(key)
        if want != (r.actor_id, r.evidence):
            changed_keys.append(key)
            if want[0] != r.actor_id:  # the evidence alone ("the dominant candidate (41 statements ...)")
                touched.add(r.article_id)  # changes no statement
    for key in links:
        if key not in seen:
            changed_keys.append(key)
            touched.add(key[0])
    del seen
    rows = [
        {"article_id": k[0], "local_id": k[1], "actor_id": links[k][0], "evidence": links[k][1]}
        for k in changed_keys
    ]
    return gone, rows, touched


def _write_links(store: Store, conn: Any, gone: list[tuple[str, str]], rows: list[dict[str, Any]]) -> int:
    al = S.actor_links
    if gone:  # one key at a time: SQLite reads a table whole for (a, b) IN (...)
        q = delete(al).where(al.c.article_id == bindparam("a"), al.c.local_id == bindparam("l"))
        conn.execute(q, [{"a": a, "l": loc} for a, loc in gone])
    for i in range(0, len(rows), 1000):
        store.upsert(conn, al, rows[i : i + 1000])
    return len(gone) + len(rows)


def _batches(ids: list[str], weight: Counter[str]) -> Iterator[list[str]]:
    batch: list[str] = []
    size = 0
    for aid in ids:
        if batch and (size + weight[aid] > BATCH_SIGHTINGS or len(batch) >= BATCH_KEYS):
            yield batch
            batch, size = [], 0
        batch.append(aid)
        size += weight[aid]
    if batch:
        yield batch


def _refold(
    store: Store,
    conn: Any,
    actors: list[str],
    articles: list[str],
    weight: Counter[str],
    fixes: Any,
    ident: Identities,
    tally: Tally | None,
) -> tuple[int, int]:
    """Refold the statements of these actors (batch by batch) and those without a speaker of these
    articles. Returns ``(derived rows changed, search rows changed)``."""
    st, t = S.statements, S.search_statements
    changed = searched = 0
    for ids in _batches(actors, weight):
        c, s = write_batch(
            store,
            conn,
            actor_sightings(conn, ids, fixes),
            fixed=fixes.fixed,
            links=ident.links,
            statements_scope=st.c.actor_id.in_(ids),
            search_scope=t.c.actor_id.in_(ids),
            tally=tally,
        )
        changed, searched = changed + c, searched + s
    for i in range(0, len(articles), BATCH_KEYS):
        chunk = articles[i : i + BATCH_KEYS]
        scope = and_(st.c.actor_id.is_(None), st.c.article_id.in_(chunk))
        c, s = write_batch(
            store,
            conn,
            unspoken_sightings(conn, chunk, fixes),
            fixed=fixes.fixed,
            links=ident.links,
            statements_scope=scope,
            search_scope=t.c.statement_id.in_(select(st.c.id).where(scope)),
            tally=tally,
        )
        changed, searched = changed + c, searched + s
    return changed, searched


def _actor_rows(conn: Any, ident: Identities) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The rows of ``actors`` (counts from the links and statements as written) and ``aliases``."""
    st, al = S.statements, S.actor_links
    q = select(st.c.actor_id, func.count()).where(st.c.actor_id.is_not(None)).group_by(st.c.actor_id)
    said = {r[0]: r[1] for r in conn.execute(q)}
    q = select(al.c.actor_id, func.count(al.c.article_id.distinct())).group_by(al.c.actor_id)
    seen_in = {r[0]: r[1] for r in conn.execute(q)}
    actor_rows = [
        {
            "id": a.id,
            "name": a.name,
            "kind": a.kind,
            "country": a.country,
            "pinned": int(a.pinned),
            "articles": int(seen_in.get(a.id, 0)),
            "statements": int(said.get(a.id, 0)),
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
    return actor_rows, list(alias_rows.values())
