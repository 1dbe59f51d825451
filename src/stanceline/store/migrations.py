"""Migrations: each upgrades a database one schema version (see :mod:`stanceline.store.schema`).

Every step runs the same DDL on SQLite and PostgreSQL where it can, keeps every stored row, and says in its
docstring what the version it makes adds.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

from . import schema as S


def _stance_rules(conn: Connection) -> None:
    """1 → 2: each stance records the rule that decided it (``stances.rule``, ``statement_stances.rule``).

    Stances stored before stay null until their article is analysed again; the same DDL runs on SQLite and
    PostgreSQL (a nullable column needs no default and no table rebuild)."""
    for table in ("stances", "statement_stances"):
        conn.execute(text(f"ALTER TABLE {table} ADD COLUMN rule VARCHAR(64)"))


def _counterparts(conn: Connection) -> None:
    """2 → 3: each stance records its counterpart (``counterpart_text``, ``counterpart_actor`` or
    ``counterpart_actor_id``, ``counterpart_country``); null until the article is analysed again."""
    for table, actor in (("stances", "counterpart_actor"), ("statement_stances", "counterpart_actor_id")):
        conn.execute(text(f"ALTER TABLE {table} ADD COLUMN counterpart_text TEXT"))
        conn.execute(text(f"ALTER TABLE {table} ADD COLUMN {actor} VARCHAR(32)"))
        conn.execute(text(f"ALTER TABLE {table} ADD COLUMN counterpart_country VARCHAR(3)"))


#: The columns schema 4 widens from VARCHAR(64) to TEXT: article ids (a JSONL corpus may give ids of any
#: length), the settings key with its text hash, and topic names (a user's topic file names them).
WIDENED = {
    "articles": ("id", "analysed_with"),
    "article_actors": ("article_id",),
    "sightings": ("article_id",),
    "stances": ("article_id", "topic"),
    "conditions": ("article_id",),
    "actor_links": ("article_id",),
    "statements": ("article_id",),
    "statement_stances": ("article_id", "topic"),
    "statement_sightings": ("article_id",),
    "corrections": ("article_id",),
}


def _any_length(conn: Connection) -> None:
    """3 → 4: ids and topics of any length (:data:`WIDENED` become TEXT on PostgreSQL; SQLite never held
    VARCHAR to its length), and ``runs.host`` / ``runs.pid``, so that a run killed midway can be told from
    one still going."""
    if conn.dialect.name == "postgresql":
        for table, columns in WIDENED.items():
            alter = ", ".join(f"ALTER COLUMN {c} TYPE TEXT" for c in columns)
            conn.execute(text(f"ALTER TABLE {table} {alter}"))
    conn.execute(text("ALTER TABLE runs ADD COLUMN host TEXT"))
    conn.execute(text("ALTER TABLE runs ADD COLUMN pid INTEGER"))


def _events_and_relink_queue(conn: Connection) -> None:
    """4 → 5: events (``article_events``, ``events``, ``event_sightings``), ``relink_queue``, and the indexes
    the corpus-wide steps read by at scale (:data:`SCALE_INDEXES`). The new tables are made by
    :meth:`~stanceline.store.Store.migrate` (``create_all``, the same on both backends); nothing stored before
    holds an event (the contract's ``events`` was always empty), so there is nothing to copy: an article's
    events are stored when it is analysed again by a pipeline that codes them. The next relink is a full one:
    nothing says which articles it would miss."""
    from sqlalchemy.schema import CreateIndex

    for index in S.SCALE_INDEXES:  # IF NOT EXISTS: SQLAlchemy cannot see SQLite's indexes on expressions
        conn.execute(CreateIndex(index, if_not_exists=True))


def _summaries(conn: Connection) -> None:
    """5 → 6: the overview's summary tables, made and filled from the statements as stored (in SQL), and
    ``event_sightings``' type, flags and first day (null until the next relink folds the events whole)."""
    from sqlalchemy.schema import CreateIndex

    from .summary import rebuild

    for table in (S.summary_counts, S.summary_months, S.summary_stances):
        table.create(conn, checkfirst=True)
    rebuild(conn)
    conn.execute(S.meta.delete().where(S.meta.c.key == "event_fold"))  # the next relink folds events whole
    if not inspect(conn).has_table("event_sightings"):  # from schema 4: made whole by create_all
        return
    have = {c["name"] for c in inspect(conn).get_columns("event_sightings")}
    for column in ("type TEXT", "negated INTEGER", "hypothetical INTEGER", "span_start VARCHAR(10)"):
        if column.split()[0] not in have:
            conn.execute(text(f"ALTER TABLE event_sightings ADD COLUMN {column}"))
    span = next(i for i in S.event_sightings.indexes if i.name == "ix_event_sightings_span")
    conn.execute(CreateIndex(span, if_not_exists=True))


def _shift_table(conn: Connection) -> None:
    """6 → 7: the ``shifts`` table, made and filled from the statements as stored (every row of every other
    table is kept as it is)."""
    from .shiftstore import refill

    S.shifts.create(conn, checkfirst=True)
    refill(conn)


#: ``from_version → function`` upgrading a database one step (to ``from_version + 1``).
MIGRATIONS: dict[int, Callable[[Connection], None]] = {
    1: _stance_rules,
    2: _counterparts,
    3: _any_length,
    4: _events_and_relink_queue,
    5: _summaries,
    6: _shift_table,
}
