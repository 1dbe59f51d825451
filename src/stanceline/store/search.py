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

Both backends find the same statements for the same query: stemmed words, no
stop word (``the``, ``not`` and ``will`` count: ``"will not talk"`` is that
phrase, not every "talk"), exact phrases. SQLite FTS5 reads the text with its
``porter unicode61 remove_diacritics 2`` tokenizer. For PostgreSQL the same
is done here, in Python, and the index holds its result under the ``simple``
configuration (no stop words, no stemming of its own): :func:`words` cuts and
folds text as ``unicode61`` does (letters and digits, case folded, Latin
diacritics dropped) and :func:`porter` stems as FTS5's Porter does (words under
3 or over 64 bytes as they are; ``tests/test_web_backends.py`` checks it
against FTS5 itself). PostgreSQL's own configurations cannot give that:
``english`` drops stop words from texts and queries alike and stems with
Porter2, its snowball ``porter`` makes ``us`` ``u`` and ``is`` ``i``, and its
parser keeps ``cease-fire`` whole beside its parts and lowers only ASCII in a
C-locale database. Left apart: characters that Unicode 6.1 (FTS5's tables) did
not have, such as newer emoji, and private-use ones, which FTS5 keeps as words.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import unicodedata
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

_SQLITE_DDL = (
    (
        "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(content, tags, "
        "content='search_statements', content_rowid='seq', tokenize='porter unicode61 remove_diacritics 2')"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS search_statements_ai AFTER INSERT ON search_statements BEGIN "
        "INSERT INTO search_fts(rowid, content, tags) VALUES (new.seq, new.content, new.tags); END"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS search_statements_ad AFTER DELETE ON search_statements BEGIN "
        "INSERT INTO search_fts(search_fts, rowid, content, tags) "
        "VALUES ('delete', old.seq, old.content, old.tags); "
        "END"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS search_statements_au AFTER UPDATE ON search_statements BEGIN "
        "INSERT INTO search_fts(search_fts, rowid, content, tags) "
        "VALUES ('delete', old.seq, old.content, old.tags); "
        "INSERT INTO search_fts(rowid, content, tags) VALUES (new.seq, new.content, new.tags); END"
    ),
)
#: The PostgreSQL index: the words already stemmed here (:func:`index_text`), taken as they are.
_PG_TSV = "to_tsvector('simple'::regconfig, content) || to_tsvector('simple'::regconfig, tags)"
_PG_DDL = (
    (
        "ALTER TABLE search_statements ADD COLUMN IF NOT EXISTS tsv tsvector "
        f"GENERATED ALWAYS AS ({_PG_TSV}) STORED"
    ),
    "CREATE INDEX IF NOT EXISTS ix_search_statements_tsv ON search_statements USING GIN (tsv)",
)
#: What ``search_statements.content`` holds; a database whose index was built otherwise is rebuilt.
FORMAT_KEY, FORMAT = "search_format", "words-porter-1"


# ---- words, as FTS5's porter unicode61 tokenizer reads them ------------------------------------------

#: Diacritics FTS5's ``remove_diacritics 2`` drops inside a word (grave, acute, ... macron below).
_DIACRITICS = dict.fromkeys(
    [
        *range(0x300, 0x305),
        *range(0x306, 0x30D),
        0x30F,
        0x311,
        0x31B,
        *range(0x323, 0x329),
        0x32D,
        0x32E,
        0x330,
        0x331,
    ]
)
_WORD_RE = re.compile(r"[^\W_]+")  # letters and digits: unicode61's word characters


@functools.cache
def _fold_table() -> dict[int, str]:
    """Characters whose simple case folding is not their lower case (ς → σ, µ → μ), and Latin letters with one
    diacritic and their plain letter (é → e, ğ → g; ǡ, with two, stays, as in FTS5)."""
    out: dict[int, str] = {}
    for cp in range(0x10000):
        c = chr(cp)
        f = c.casefold()
        if len(f) == 1 and f != c.lower():
            out[cp] = f
    for cp in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        d = unicodedata.normalize("NFD", chr(cp))
        if len(d) == 2 and d[0].isascii() and d[0].isalpha() and unicodedata.combining(d[1]):
            out[cp] = d[0].lower()
    out.update(_DIACRITICS)
    return out


@functools.cache
def _fold_chars() -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_fold_table())) + "]")


def fold(text: str) -> str:
    """Case folded, Latin diacritics dropped (``Erdoğan`` → ``erdogan``), as FTS5's ``unicode61`` folds."""
    low = text.lower()
    return low.translate(_fold_table()) if _fold_chars().search(low) else low


def words(text: str) -> list[str]:
    """The words of ``text`` as they are indexed and searched: runs of letters and digits, folded."""
    return _WORD_RE.findall(fold(text))


_STEP2 = tuple(
    (a.encode(), b.encode())
    for a, b in (
        ("ational", "ate"),
        ("tional", "tion"),
        ("enci", "ence"),
        ("anci", "ance"),
        ("izer", "ize"),
        ("logi", "log"),
        ("bli", "ble"),
        ("alli", "al"),
        ("entli", "ent"),
        ("eli", "e"),
        ("ousli", "ous"),
        ("ization", "ize"),
        ("ation", "ate"),
        ("ator", "ate"),
        ("alism", "al"),
        ("iveness", "ive"),
        ("fulness", "ful"),
        ("ousness", "ous"),
        ("aliti", "al"),
        ("iviti", "ive"),
        ("biliti", "ble"),
    )
)
_STEP3 = tuple(
    (a.encode(), b.encode())
    for a, b in (
        ("icate", "ic"),
        ("ative", ""),
        ("alize", "al"),
        ("iciti", "ic"),
        ("ical", "ic"),
        ("ful", ""),
        ("ness", ""),
    )
)
_STEP4 = tuple(
    a.encode()
    for a in (
        "al",
        "ance",
        "ence",
        "er",
        "ic",
        "able",
        "ible",
        "ant",
        "ement",
        "ment",
        "ent",
        "ion",
        "ou",
        "ism",
        "ate",
        "iti",
        "ous",
        "ive",
        "ize",
    )
)


def _consonant(w: bytes, i: int) -> bool:
    if w[i] in b"aeiou":
        return False
    if w[i] == ord("y"):
        return i == 0 or not _consonant(w, i - 1)
    return True


def _measure(w: bytes) -> int:
    """Porter's m: how many vowel-consonant runs follow the leading consonants."""
    n, i, end = 0, 0, len(w)
    while i < end and _consonant(w, i):
        i += 1
    while i < end:
        while i < end and not _consonant(w, i):
            i += 1
        if i >= end:
            break
        while i < end and _consonant(w, i):
            i += 1
        n += 1
    return n


def _has_vowel(w: bytes) -> bool:
    return any(not _consonant(w, i) for i in range(len(w)))


def _cvc(w: bytes) -> bool:
    n = len(w)
    return (
        n >= 3
        and _consonant(w, n - 1)
        and not _consonant(w, n - 2)
        and _consonant(w, n - 3)
        and w[-1] not in b"wxy"
    )


@functools.lru_cache(maxsize=1 << 18)
def porter(word: str) -> str:
    """``word`` (folded, from :func:`words`) stemmed as SQLite FTS5's ``porter`` tokenizer stems it.

    Martin Porter's algorithm with his later rules (``logi`` → ``log``, ``bli`` → ``ble``), on the UTF-8 bytes
    (any non-ASCII byte is a consonant), where a suffix must leave something before it, and words under 3 or
    over 64 bytes are left as they are.
    """
    w = word.encode("utf-8")
    if not 3 <= len(w) <= 64:
        return word

    def ends(suffix: bytes) -> bool:
        return len(w) > len(suffix) and w.endswith(suffix)

    if ends(b"sses") or ends(b"ies"):  # step 1a
        w = w[:-2]
    elif not ends(b"ss") and ends(b"s"):
        w = w[:-1]
    again = False  # step 1b
    if ends(b"eed"):
        if _measure(w[:-3]) > 0:
            w = w[:-1]
    elif ends(b"ed"):
        if _has_vowel(w[:-2]):
            w, again = w[:-2], True
    elif ends(b"ing") and _has_vowel(w[:-3]):
        w, again = w[:-3], True
    if again:
        if w.endswith((b"at", b"bl", b"iz")):
            w += b"e"
        elif len(w) >= 2 and w[-1] == w[-2] and _consonant(w, len(w) - 1) and w[-1] not in b"lsz":
            w = w[:-1]
        elif _measure(w) == 1 and _cvc(w):
            w += b"e"
    if ends(b"y") and _has_vowel(w[:-1]):  # step 1c
        w = w[:-1] + b"i"
    for rules in (_STEP2, _STEP3):
        for suffix, replacement in rules:
            if ends(suffix):
                if _measure(w[: -len(suffix)]) > 0:
                    w = w[: -len(suffix)] + replacement
                break
    for suffix in _STEP4:
        if ends(suffix):
            base = w[: -len(suffix)]
            if _measure(base) > 1 and (suffix != b"ion" or base.endswith((b"s", b"t"))):
                w = base
            break
    if ends(b"e"):  # step 5a
        base = w[:-1]
        m = _measure(base)
        if m > 1 or (m == 1 and not _cvc(base)):
            w = base
    if ends(b"ll") and _measure(w) > 1:  # step 5b
        w = w[:-1]
    return w.decode("utf-8", "replace")


def index_text(text: str, dialect: str) -> str:
    """What ``search_statements.content`` holds for a statement's text: its words, space-separated (stemmed
    for PostgreSQL; FTS5 stems them itself)."""
    ws = words(text)
    return " ".join(map(porter, ws) if dialect == "postgresql" else ws)


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
    """Create the backend's full-text index if missing; return whether it was just made (or remade).

    An index built before :data:`FORMAT` (PostgreSQL's ``english`` configuration, the text as written) is
    remade; the caller then rewrites the rows (:func:`update_search`).
    """
    dialect = conn.dialect.name
    if dialect == "sqlite":
        made = conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'search_fts'").first() is None
        for ddl in _SQLITE_DDL:
            conn.exec_driver_sql(ddl)
        if made:  # rows written before the index existed
            conn.exec_driver_sql("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
        if _format(conn) != FORMAT:  # rows holding the text as written: rewritten by update_search
            _set_format(conn)
            made = True
        return made
    if dialect == "postgresql":
        expr = conn.exec_driver_sql(
            "SELECT generation_expression FROM information_schema.columns "
            "WHERE table_name = 'search_statements' AND column_name = 'tsv' "
            "AND table_schema = current_schema()"
        ).first()
        made = expr is None or _format(conn) != FORMAT
        if expr is not None and made:  # built with 'english' (stop words dropped, Porter2): built anew
            conn.exec_driver_sql(
                "ALTER TABLE search_statements DROP COLUMN tsv"
            )  # its GIN index goes with it
        for ddl in _PG_DDL:
            conn.exec_driver_sql(ddl)
        if made:
            _set_format(conn)
        return made
    return False


def _format(conn: Any) -> str | None:
    return conn.execute(select(S.meta.c.value).where(S.meta.c.key == FORMAT_KEY)).scalar()


def _set_format(conn: Any) -> None:
    conn.execute(S.meta.delete().where(S.meta.c.key == FORMAT_KEY))
    conn.execute(S.meta.insert().values(key=FORMAT_KEY, value=FORMAT))


def search_rows(conn: Any) -> list[dict[str, Any]]:
    """What ``search_statements`` should hold, from the statements as they are now."""
    st, sg, ss = S.statements, S.sightings, S.statement_stances
    stances: dict[str, list[tuple[str, str]]] = {}
    for r in conn.execute(
        select(ss.c.statement_id, ss.c.topic, ss.c.stance).order_by(ss.c.statement_id, ss.c.topic)
    ):
        stances.setdefault(r.statement_id, []).append((r.topic, r.stance))
    q = (
        select(st.c.id, st.c.actor_id, st.c.said_on, sg.c.content_text)
        .select_from(st.join(sg, and_(sg.c.article_id == st.c.article_id, sg.c.local_id == st.c.local_id)))
        .order_by(st.c.id)
    )
    out: dict[int, dict[str, Any]] = {}
    dialect = conn.dialect.name
    for r in conn.execute(q):
        span = period(r.said_on)
        key = seq_key(span[0] if span else None, r.id)
        while key in out:  # two ids alike in their first 40 bits on one day: the later id moves up one
            key += 1
        out[key] = {
            "seq": key,
            "statement_id": r.id,
            "actor_id": r.actor_id,
            "said_start": span[0].isoformat() if span else None,
            "said_end": span[1].isoformat() if span else None,
            "content": index_text(r.content_text, dialect),
            "tags": tags_for(r.actor_id, stances.get(r.id, ())),
        }
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
        found = tuple(words(body))  # stemmed by FTS5, or for PostgreSQL in _tsquery
        if m.group(2) is None and len(found) > 1:  # cease-fire, U.S.: each word must appear
            terms += [Term((w,), bool(neg)) for w in found]
        elif found:
            terms.append(Term(found, bool(neg)))
    if not any(not t.exclude for t in terms):
        raise UsageError.make(
            "E023", value=q, option="q", detail="give at least one word to find (-word only excludes)"
        )
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
        body = " <-> ".join(porter(w) for w in t.words)
        return f"!({body})" if t.exclude else f"({body})"

    return " & ".join(one(t) for t in terms)


def find(
    conn: Any,
    *,
    terms: Sequence[Term] = (),
    tags: Sequence[str] = (),
    actor_id: str | None = None,
    lo: int | None = None,
    hi: int | None = None,
    said_from: str | None = None,
    limit: int = 50,
) -> list[tuple[int, str]]:
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
    params: dict[str, Any] = {
        "lo": lo if lo is not None else -(2**62),
        "hi": hi if hi is not None else 2**62,
        "n": limit,
        "said_from": said_from or "",
    }
    extra = " AND s.said_end >= :said_from" if said_from else ""
    if conn.dialect.name == "postgresql":
        parts = []
        if terms:
            parts.append("to_tsquery('simple'::regconfig, :q)")
            params["q"] = _tsquery(terms)
        if tags:
            parts.append("to_tsquery('simple'::regconfig, :tags)")
            params["tags"] = " & ".join(tags)
        # Bounds only where given: an open ``BETWEEN`` the planner cannot see through (a fresh database has no
        # statistics) reads as a narrow range, and the key would be walked instead of the GIN index.
        bounds = "".join(
            f" AND s.seq {op} :{name}"
            for name, op, v in (("lo", ">=", lo), ("hi", "<=", hi))
            if v is not None
        )
        sql = (
            f"SELECT s.seq, s.statement_id FROM search_statements s WHERE s.tsv @@ ({' && '.join(parts)})"
            f"{bounds}{extra} ORDER BY s.seq DESC LIMIT :n"
        )
    else:
        params["match"] = _fts5(terms, tags)
        sql = (
            "SELECT s.seq, s.statement_id FROM search_fts "
            "JOIN search_statements s ON s.seq = search_fts.rowid "
            f"WHERE search_fts MATCH :match AND search_fts.rowid BETWEEN :lo AND :hi{extra} "
            "ORDER BY search_fts.rowid DESC LIMIT :n"
        )
    return [(r.seq, r.statement_id) for r in conn.execute(text(sql), params)]
