"""Full-text search over statements: SQLite FTS5 or PostgreSQL full text, kept by relink.

The index is derived data, like the statements it covers: :func:`update_search`
runs at the end of every :func:`~stanceline.store.link.relink`, in the same
transaction, and touches only the rows that changed.

One row per statement in ``search_statements``, keyed by ``seq``: the start of
the statement's date (days since year 1) in the high bits and the first 40 bits
of its id below, so the key sorts by date, then id, and is stable across
relinks. "Newest first", a date range and a page cursor are then all ranges of
one integer, and every query below is an index range, however large the corpus:

* text and tags (actor, topic, topic + stance, stance) go through the
  full-text index, ``ORDER BY seq DESC LIMIT n`` (FTS5 walks its rowids in
  order; PostgreSQL's GIN index or the key, whichever its planner finds cheaper);
* an actor alone uses the ``(actor_id, seq)`` index, nothing at all the key.

A query is never passed through as written: :func:`parse_query` keeps words
(stemmed: ``sanction`` finds ``sanctions``), ``"exact phrases"`` and
``-excluded`` words, and builds the backend's syntax from those alone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, select, text

from ..errors import UsageError
from ..timeline import period
from . import schema as S

#: Bits of the statement id kept below the date in ``seq``.
ID_BITS = 40
GENERATION_KEY = "search_generation"
_TERM = re.compile(r'(-?)"([^"]*)"?|(-?)(\S+)')
_WORD = re.compile(r"[^\W_]+")  # letters and digits: what both backends' tokenizers keep

_SQLITE_DDL = (
    ("CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(content, tags, content='search_statements', "
     "content_rowid='seq', tokenize='porter unicode61 remove_diacritics 2')"),
    ("CREATE TRIGGER IF NOT EXISTS search_statements_ai AFTER INSERT ON search_statements BEGIN "
     "INSERT INTO search_fts(rowid, content, tags) VALUES (new.seq, new.content, new.tags); END"),
    ("CREATE TRIGGER IF NOT EXISTS search_statements_ad AFTER DELETE ON search_statements BEGIN "
     "INSERT INTO search_fts(search_fts, rowid, content, tags) VALUES ('delete', old.seq, old.content, old.tags); "
     "END"),
    ("CREATE TRIGGER IF NOT EXISTS search_statements_au AFTER UPDATE ON search_statements BEGIN "
     "INSERT INTO search_fts(search_fts, rowid, content, tags) VALUES ('delete', old.seq, old.content, old.tags); "
     "INSERT INTO search_fts(rowid, content, tags) VALUES (new.seq, new.content, new.tags); END"),
)
_PG_DDL = (
    ("ALTER TABLE search_statements ADD COLUMN IF NOT EXISTS tsv tsvector GENERATED ALWAYS AS "
     "(to_tsvector('english'::regconfig, content) || to_tsvector('simple'::regconfig, tags)) STORED"),
    "CREATE INDEX IF NOT EXISTS ix_search_statements_tsv ON search_statements USING GIN (tsv)",
)


def tag(kind: str, *values: str) -> str:
    """A token standing for an actor, a topic or a stance: letters and digits only, so any name fits."""
    digest = hashlib.sha1("\x1f".join((kind, *values)).encode()).hexdigest()[:16]
    return f"x{kind}{digest}"


def tags_for(actor_id: str | None, stances: Iterable[tuple[str, str]]) -> str:
    out = [tag("a", actor_id)] if actor_id else []
    for topic, stance in stances:
        out += [tag("t", topic), tag("ts", topic, stance), tag("s", stance)]
    return " ".join(dict.fromkeys(out))


def seq_key(day: dt.date | None, statement_id: str) -> int:
    """The sort key of a statement: its date's ordinal (0 when undated), then its id's first 40 bits."""
    try:
        low = int(statement_id[: ID_BITS // 4], 16)
    except ValueError:  # not a hex id: hash it
        low = int(hashlib.sha1(statement_id.encode()).hexdigest()[: ID_BITS // 4], 16)
    return ((day.toordinal() if day else 0) << ID_BITS) | low


def day_bounds(day: dt.date) -> tuple[int, int]:
    """The first and last ``seq`` a statement dated ``day`` can have."""
    return day.toordinal() << ID_BITS, ((day.toordinal() + 1) << ID_BITS) - 1


# ---- building ---------------------------------------------------------------------------------------

def ensure_search(conn: Any) -> bool:
    """Create the backend's full-text index if missing; return whether it was just made."""
    dialect = conn.dialect.name
    if dialect == "sqlite":
        made = conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'search_fts'").first() is None
        for ddl in _SQLITE_DDL:
            conn.exec_driver_sql(ddl)
        if made:  # rows written before the index existed
            conn.exec_driver_sql("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
        return made
    if dialect == "postgresql":
        made = conn.exec_driver_sql(
            "SELECT 1 FROM information_schema.columns WHERE table_name = 'search_statements' "
            "AND column_name = 'tsv' AND table_schema = current_schema()").first() is None
        for ddl in _PG_DDL:
            conn.exec_driver_sql(ddl)
        return made
    return False


def search_rows(conn: Any) -> list[dict[str, Any]]:
    """What ``search_statements`` should hold, from the statements as they are now."""
    st, sg, ss = S.statements, S.sightings, S.statement_stances
    stances: dict[str, list[tuple[str, str]]] = {}
    for r in conn.execute(select(ss.c.statement_id, ss.c.topic, ss.c.stance).order_by(ss.c.statement_id,
                                                                                       ss.c.topic)):
        stances.setdefault(r.statement_id, []).append((r.topic, r.stance))
    q = (select(st.c.id, st.c.actor_id, st.c.said_on, sg.c.content_text)
         .select_from(st.join(sg, and_(sg.c.article_id == st.c.article_id, sg.c.local_id == st.c.local_id)))
         .order_by(st.c.id))
    out: dict[int, dict[str, Any]] = {}
    for r in conn.execute(q):
        span = period(r.said_on)
        key = seq_key(span[0] if span else None, r.id)
        while key in out:  # two ids alike in their first 40 bits on one day: the later id moves up one
            key += 1
        out[key] = {"seq": key, "statement_id": r.id, "actor_id": r.actor_id,
                    "said_start": span[0].isoformat() if span else None,
                    "said_end": span[1].isoformat() if span else None,
                    "content": r.content_text, "tags": tags_for(r.actor_id, stances.get(r.id, ()))}
    return list(out.values())


def update_search(store: Any, conn: Any, derived_changed: int = 1) -> int:
    """Bring the search index in line with the statements; return the rows changed.

    Called at the end of :func:`~stanceline.store.link.relink` inside its
    transaction, with how many derived rows that relink changed. When anything
    changed (or the index is new), counts up the ``search_generation`` in
    ``meta``, which tells readers (the web app's caches) that the derived tables
    changed; a relink that changes nothing writes nothing.
    """
    ensure_search(conn)
    changed = store.replace(conn, S.search_statements, search_rows(conn))
    gen = conn.execute(select(S.meta.c.value).where(S.meta.c.key == GENERATION_KEY)).scalar()
    if gen is None or changed or derived_changed:
        store.upsert(conn, S.meta, [{"key": GENERATION_KEY, "value": str(int(gen or 0) + 1)}])
    return changed


def generation(conn: Any) -> int | None:
    """How many times the index was updated (``None``: never built in this database)."""
    value = conn.execute(select(S.meta.c.value).where(S.meta.c.key == GENERATION_KEY)).scalar()
    return int(value) if value is not None else None


# ---- querying ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Term:
    """Words that must appear together (a phrase when several), or must not appear (``exclude``)."""

    words: tuple[str, ...]
    exclude: bool = False


def parse_query(q: str) -> list[Term]:
    """Words, ``"exact phrases"`` and ``-excluded`` words, in any order; nothing else is syntax.

    Raises:
        UsageError: E023 when the query has no word to find.
    """
    terms = []
    for m in _TERM.finditer(q):
        neg, body = (m.group(1), m.group(2)) if m.group(2) is not None else (m.group(3), m.group(4))
        words = tuple(w.casefold() for w in _WORD.findall(body))
        if m.group(2) is None and len(words) > 1:  # cease-fire, U.S.: each word must appear
            terms += [Term((w,), bool(neg)) for w in words]
        elif words:
            terms.append(Term(words, bool(neg)))
    if not any(not t.exclude for t in terms):
        raise UsageError.make("E023", value=q, option="q",
                              detail="give at least one word to find (-word only excludes)")
    return terms


def _fts5(terms: Sequence[Term], tags: Sequence[str]) -> str:
    def phrase(col: str, words: Iterable[str]) -> str:
        return f'{col} : "{" ".join(words)}"'

    pos = [phrase("content", t.words) for t in terms if not t.exclude] + [phrase("tags", [g]) for g in tags]
    expr = " AND ".join(f"({p})" for p in pos)
    for t in terms:
        if t.exclude:
            expr = f"({expr}) NOT ({phrase('content', t.words)})"
    return expr


def _tsquery(terms: Sequence[Term]) -> str:
    def one(t: Term) -> str:
        body = " <-> ".join(t.words)
        return f"!({body})" if t.exclude else f"({body})"

    return " & ".join(one(t) for t in terms)


def find(conn: Any, *, terms: Sequence[Term] = (), tags: Sequence[str] = (), actor_id: str | None = None,
         lo: int | None = None, hi: int | None = None, said_from: str | None = None,
         limit: int = 50) -> list[tuple[int, str]]:
    """``(seq, statement_id)`` of the matching statements, highest ``seq`` first.

    Args:
        terms: From :func:`parse_query`; tags: from :func:`tag` (all must match).
        actor_id: Only this actor's statements (used as an index when nothing else is asked).
        lo, hi: The range of ``seq`` to look in (inclusive); a cursor is ``hi = last seq - 1``.
        said_from: Drop statements whose date ends before this day (month- and year-dated ones
            start earlier than they end, so ``lo`` alone cannot say).
        limit: At most this many.
    """
    t = S.search_statements
    if actor_id and (terms or tags):
        tags = [*tags, tag("a", actor_id)]
        actor_id = None
    if not terms and not tags:
        q = select(t.c.seq, t.c.statement_id).order_by(t.c.seq.desc()).limit(limit)
        if actor_id:
            q = q.where(t.c.actor_id == actor_id)
        if lo is not None:
            q = q.where(t.c.seq >= lo)
        if hi is not None:
            q = q.where(t.c.seq <= hi)
        if said_from:
            q = q.where(t.c.said_end >= said_from)
        return [(r.seq, r.statement_id) for r in conn.execute(q)]
    params: dict[str, Any] = {"lo": lo if lo is not None else -(2 ** 62), "hi": hi if hi is not None else 2 ** 62,
                              "n": limit, "said_from": said_from or ""}
    extra = " AND s.said_end >= :said_from" if said_from else ""
    if conn.dialect.name == "postgresql":
        parts = []
        if terms:
            parts.append("to_tsquery('english'::regconfig, :q)")
            params["q"] = _tsquery(terms)
        if tags:
            parts.append("to_tsquery('simple'::regconfig, :tags)")
            params["tags"] = " & ".join(tags)
        sql = (f"SELECT s.seq, s.statement_id FROM search_statements s WHERE s.tsv @@ ({' && '.join(parts)}) "
               f"AND s.seq BETWEEN :lo AND :hi{extra} ORDER BY s.seq DESC LIMIT :n")
    else:
        params["match"] = _fts5(terms, tags)
        sql = ("SELECT s.seq, s.statement_id FROM search_fts JOIN search_statements s ON s.seq = search_fts.rowid "
               f"WHERE search_fts MATCH :match AND search_fts.rowid BETWEEN :lo AND :hi{extra} "
               "ORDER BY search_fts.rowid DESC LIMIT :n")
    return [(r.seq, r.statement_id) for r in conn.execute(text(sql), params)]
