"""The corpus database: one SQLAlchemy Core schema for SQLite and PostgreSQL.

Two kinds of tables:

* **Facts**, written per article as it is ingested: ``articles`` (with their
  text and the full contract record), ``article_actors``, ``sightings`` (one
  row per statement *as it appears in one article*), ``stances`` and
  ``conditions``; plus ``failures`` and ``runs``, the ingest log.
* **Derived**, recomputed from the facts by :func:`stanceline.store.link.relink`
  after every ingest and every analyst correction: ``actors`` and ``aliases``
  (corpus-wide identities), ``actor_links`` (in-article actor → corpus actor,
  with the evidence) and ``statements`` (near-identical sightings of the same
  speaker folded into one statement). ``overrides`` holds the analyst's
  ``actors merge`` / ``split`` / ``rename`` decisions and ``corrections`` the
  analyst's corrections of statements (``stanceline correct``), both kept across
  re-ingests and applied at every relink.
* **Events** (schema 5): ``article_events`` holds each event as one article
  reports it (a fact); relink folds the reports of one event in several articles
  into one row of ``events`` (derived), each report kept in ``event_sightings``
  (see :mod:`stanceline.store.eventfold`).
* **Summaries** (schema 6): ``summary_counts``, ``summary_months`` and ``summary_stances``, a few rows
  each, hold the overview's corpus-wide counts; relink keeps them in line (see
  :mod:`stanceline.store.summary`), so no page counts millions of rows.
* **Shifts** (schema 7): ``shifts`` holds the stance shifts detected over every statement; relink
  detects them again for the actors it touched (see :mod:`stanceline.store.shiftstore`).

Ids are content hashes, so the same input gives the same rows in any database.
The schema version lives in ``meta``; :data:`MIGRATIONS` (in :mod:`stanceline.store.migrations`) upgrades
older files.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    func,
    literal_column,
)

SCHEMA_VERSION = 7

metadata = MetaData()

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started_at", String(32), nullable=False),
    Column("finished_at", String(32)),
    Column("command", Text, nullable=False),
    Column("status", String(16), nullable=False),  # running | done | interrupted
    Column("new", Integer, nullable=False, default=0),
    Column("updated", Integer, nullable=False, default=0),
    Column("unchanged", Integer, nullable=False, default=0),
    Column("failed", Integer, nullable=False, default=0),
    # Who runs it (schema 4), so that a later run can tell a run killed midway from one still going.
    Column("host", Text),
    Column("pid", Integer),
)

articles = Table(
    "articles",
    metadata,
    Column("id", Text, primary_key=True),  # any length (schema 4)
    Column("path", Text),
    Column("url", Text),
    Column("title", Text),
    Column("source", Text),
    Column("published", String(10)),
    Column("published_basis", String(16), nullable=False),
    Column("chars", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("record", Text, nullable=False),  # the stanceline.article/1 object, as JSON
    # settings key : text hash; the key's parts are kept in meta as "settings:KEY" (see stanceline.settings)
    Column("analysed_with", Text, nullable=False),
    Index("ix_articles_published", "published"),
)

failures = Table(
    "failures",
    metadata,
    Column("input", Text, primary_key=True),  # the path (or id) the error names
    Column("code", String(8), nullable=False),
    Column("message", Text, nullable=False),
    Column("run_id", Integer),
)

article_actors = Table(
    "article_actors",
    metadata,
    Column("article_id", Text, primary_key=True),
    Column("local_id", String(16), primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("titles", Text, nullable=False),  # JSON list
    Column("country", String(3)),
    Column("mentions", Integer, nullable=False),
)

sightings = Table(
    "sightings",
    metadata,
    Column("article_id", Text, primary_key=True),
    Column("local_id", String(16), primary_key=True),
    Column("seq", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("actor_local", String(16)),
    Column("source_start", Integer),
    Column("source_end", Integer),
    Column("source_text", Text),
    Column("resolved_by", String(16), nullable=False),
    Column("cue_start", Integer),
    Column("cue_end", Integer),
    Column("cue_text", Text),
    Column("cue_lemma", Text),
    Column("content_start", Integer, nullable=False),
    Column("content_end", Integer, nullable=False),
    Column("content", Text, nullable=False),  # JSON list of spans
    Column("content_text", Text, nullable=False),  # the spans' text joined by " … "
    Column("said_on", String(16)),
    Column("said_granularity", String(16), nullable=False),
    Column("said_basis", String(16), nullable=False),
    Column("said_evidence", Text),  # JSON span or null
    Column("confidence", Float, nullable=False),
    Index("ix_sightings_article_seq", "article_id", "seq"),
)

stances = Table(
    "stances",
    metadata,
    Column("article_id", Text, primary_key=True),
    Column("local_id", String(16), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("topic", Text, nullable=False),
    Column("stance", String(16), nullable=False),
    Column("target_start", Integer),
    Column("target_end", Integer),
    Column("target_text", Text),
    Column("cues", Text, nullable=False),  # JSON list
    Column("confidence", Float, nullable=False),
    Column("rule", String(64)),  # the rule that decided the stance; null when stored before schema 2
    # With whom (schema 3): the phrase, the article's actor it names, the country (ISO alpha-3)
    Column("counterpart_text", Text),
    Column("counterpart_actor", String(16)),
    Column("counterpart_country", String(3)),
    Index("ix_stances_topic", "topic"),
)

conditions = Table(
    "conditions",
    metadata,
    Column("article_id", Text, primary_key=True),
    Column("local_id", String(16), primary_key=True),
    Column("stance_idx", Integer, primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
)

# One event as one article reports it (the contract's ``events`` object), with the article's own actor ids.
# Its words (type, mode, sector, country) are TEXT: a pipeline of a user's may code beyond PLOVER and ISO, and
# PostgreSQL would refuse an over-long VARCHAR, failing the whole batch.
article_events = Table(
    "article_events",
    metadata,
    Column("article_id", Text, primary_key=True),
    Column("local_id", String(16), primary_key=True),
    Column("seq", Integer, nullable=False),
    Column("type", Text, nullable=False),  # one of the 16 PLOVER types
    Column("mode", Text),
    Column("context", Text, nullable=False),  # JSON list
    Column("trigger_start", Integer),
    Column("trigger_end", Integer),
    Column("trigger_text", Text),
    Column("source_start", Integer),
    Column("source_end", Integer),
    Column("source_text", Text),
    Column("source_actor", String(16)),  # the article's actor id ("a3")
    Column("source_country", Text),
    Column("source_sector", Text),
    Column("target_start", Integer),
    Column("target_end", Integer),
    Column("target_text", Text),
    Column("target_actor", String(16)),
    Column("target_country", Text),
    Column("target_sector", Text),
    Column("location_start", Integer),
    Column("location_end", Integer),
    Column("location_text", Text),
    Column("location_country", Text),
    Column("happened_on", String(16)),
    Column("happened_granularity", String(16), nullable=False),
    Column("happened_basis", String(16), nullable=False),
    Column("happened_evidence", Text),  # JSON span or null
    Column("negated", Integer, nullable=False),
    Column("hypothetical", Integer, nullable=False),
    Column("statement_local", String(16)),  # the article's statement it was read from ("s3")
    Column("confidence", Float, nullable=False),
)

# ---- derived ------------------------------------------------------------------------------------------

actors = Table(
    "actors",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("country", String(3)),
    Column("pinned", Integer, nullable=False),  # 1 when the gazetteer names it
    Column("articles", Integer, nullable=False),
    Column("statements", Integer, nullable=False),
    Index("ix_actors_name", "name"),
)

aliases = Table(
    "aliases",
    metadata,
    Column("actor_id", String(32), primary_key=True),
    Column("alias", Text, primary_key=True),
    Column("kind", String(8), primary_key=True),  # name | title
    Column("valid_from", String(10), primary_key=True),  # "" when open
    Column("valid_to", String(10)),
    Column("origin", String(16), nullable=False),  # seen | gazetteer
    Index("ix_aliases_alias", "alias"),
)

actor_links = Table(
    "actor_links",
    metadata,
    Column("article_id", Text, primary_key=True),
    Column("local_id", String(16), primary_key=True),
    Column("actor_id", String(32), nullable=False),
    Column("evidence", Text, nullable=False),
    Index("ix_actor_links_actor", "actor_id"),
)

statements = Table(
    "statements",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("actor_id", String(32)),
    Column("article_id", Text, nullable=False),  # the representative sighting
    Column("local_id", String(16), nullable=False),
    Column("said_on", String(16)),
    Column("said_granularity", String(16), nullable=False),
    Column("said_basis", String(16), nullable=False),
    Column("first_seen", String(10)),  # earliest publication date among the sightings
    Column("sightings", Integer, nullable=False),
    Index("ix_statements_actor_said", "actor_id", "said_on"),
    Index("ix_statements_said", "said_on"),
)

statement_stances = Table(
    "statement_stances",
    metadata,
    Column("statement_id", String(32), primary_key=True),
    Column("topic", Text, primary_key=True),
    Column("stance", String(16), nullable=False),  # the majority over the sightings
    Column("confidence", Float, nullable=False),
    Column("votes", Integer, nullable=False),  # sightings that read it so
    Column("article_id", Text, nullable=False),  # the sighting shown as evidence
    Column("local_id", String(16), nullable=False),
    Column("target", Text),
    Column("conditions", Text, nullable=False),  # JSON list of spans in that sighting's article
    Column("cues", Text, nullable=False),  # JSON list
    Column("rule", String(64)),  # the evidence sighting's rule (see stances.rule)
    # The evidence sighting's counterpart (schema 3): its phrase, the corpus actor it names, its country
    Column("counterpart_text", Text),
    Column("counterpart_actor_id", String(32)),
    Column("counterpart_country", String(3)),
    Index("ix_statement_stances_topic", "topic", "stance"),
)

statement_sightings = Table(
    "statement_sightings",
    metadata,
    Column("article_id", Text, primary_key=True),
    Column("local_id", String(16), primary_key=True),
    Column("statement_id", String(32), nullable=False),
    Index("ix_statement_sightings_statement", "statement_id"),
)

# Articles stored since the last relink (schema 5): an incremental relink refolds only the actors they
# touch. Filled by ``Store.put``, emptied by ``relink``.
relink_queue = Table(
    "relink_queue",
    metadata,
    Column("article_id", Text, primary_key=True),
)

overrides = Table(
    "overrides",
    metadata,
    Column("action", String(8), primary_key=True),  # merge | split | rename
    Column("a", Text, primary_key=True),
    Column("b", Text, primary_key=True),
    Column("created_at", String(32), nullable=False),
)

# A human correction of one statement, one row per field and per report of it. A report is named by
# its article and its content's offsets there, which stay the same when the article is analysed again
# (its statement ids "s1", "s2" may not).
corrections = Table(
    "corrections",
    metadata,
    Column("article_id", Text, primary_key=True),
    Column("content_start", Integer, primary_key=True),
    Column("content_end", Integer, primary_key=True),
    Column("field", String(80), primary_key=True),  # speaker | said_on | stance:TOPIC
    Column("value", Text, nullable=False),  # an actor (name or id) | a date | a stance label or "none"
    Column("created_at", String(32), nullable=False),
)

# One event of the corpus: the reports of several articles folded (same type, parties and days; see
# stanceline.store.eventfold), shown by its representative report (the earliest published).
events = Table(
    "events",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("type", Text, nullable=False),
    Column("family", Text, nullable=False),  # verbal/material cooperation/conflict (PLOVER's quad)
    Column("mode", Text),
    Column("article_id", Text, nullable=False),  # the representative report
    Column("local_id", String(16), nullable=False),
    Column("trigger_text", Text),
    Column("source_actor_id", String(32)),
    Column("source_text", Text),
    Column("source_country", Text),
    Column("source_sector", Text),
    Column("target_actor_id", String(32)),
    Column("target_text", Text),
    Column("target_country", Text),
    Column("target_sector", Text),
    Column("location_text", Text),
    Column("location_country", Text),
    Column("happened_on", String(16)),
    Column("happened_granularity", String(16), nullable=False),
    Column("happened_basis", String(16), nullable=False),
    # The first day the date can mean ("" when undated): the sort key of lists, with the id.
    Column("happened_start", String(10), nullable=False),
    Column("happened_end", String(10), nullable=False),
    Column("negated", Integer, nullable=False),
    Column("hypothetical", Integer, nullable=False),
    Column("statement_id", String(32)),  # the corpus statement it was read from (reported speech)
    Column("confidence", Float, nullable=False),
    Column("first_seen", String(10)),
    Column("sightings", Integer, nullable=False),  # how many articles report it
    Index("ix_events_happened", "happened_start", "id"),
    Index("ix_events_source", "source_actor_id", "happened_start"),
    Index("ix_events_target", "target_actor_id", "happened_start"),
    Index("ix_events_source_country", "source_country"),
    Index("ix_events_target_country", "target_country"),
)

event_sightings = Table(
    "event_sightings",
    metadata,
    Column("article_id", Text, primary_key=True),
    Column("local_id", String(16), primary_key=True),
    Column("event_id", String(32), nullable=False),
    Column("source_actor_id", String(32)),  # the report's own parties, resolved to corpus actors
    Column("target_actor_id", String(32)),
    Column("statement_id", String(32)),
    # What an incremental relink finds the reports near a changed one by (schema 6): the report's type and
    # flags, and its first day when it can fold with others (eventfold.foldable_start; null: it cannot).
    Column("type", Text),
    Column("negated", Integer),
    Column("hypothetical", Integer),
    Column("span_start", String(10)),
    Index("ix_event_sightings_event", "event_id"),
    Index("ix_event_sightings_span", "type", "negated", "hypothetical", "span_start"),
)

# ---- search (derived; kept by stanceline.store.search.update_search at the end of every relink) --------

# One row per statement, keyed by ``seq``: the statement's date and id packed into one integer, so that
# "newest first", date ranges and cursors are all ranges of one key. SQLite indexes ``content`` and
# ``tags`` with FTS5 (``search_fts``), PostgreSQL with a generated tsvector column and a GIN index
# (both made by ``search.ensure_search``, outside this metadata).
search_statements = Table(
    "search_statements",
    metadata,
    Column("seq", BigInteger().with_variant(Integer(), "sqlite"), primary_key=True, autoincrement=False),
    Column("statement_id", String(32), nullable=False),
    Column("actor_id", String(32)),
    Column("said_start", String(10)),  # first and last day the statement's date can mean (null: undated)
    Column("said_end", String(10)),
    Column("content", Text, nullable=False),  # the representative sighting's content
    Column("tags", Text, nullable=False),  # actor, topic and stance tokens (see search.tag)
    Index("ix_search_statements_statement", "statement_id"),
    Index("ix_search_statements_actor", "actor_id", "seq"),
)

# ---- summaries (derived, schema 6; kept by stanceline.store.summary at every relink) ---------------

summary_counts = Table(  # rows per main table, as the last relink left them
    "summary_counts",
    metadata,
    Column("name", String(32), primary_key=True),
    Column("n", BigInteger, nullable=False),
)
summary_months = Table(  # statements per month said (statements dated to a month or finer)
    "summary_months",
    metadata,
    Column("month", String(7), primary_key=True),
    Column("n", BigInteger, nullable=False),
)
summary_stances = Table(  # statements per topic and stance
    "summary_stances",
    metadata,
    Column("topic", Text, primary_key=True),
    Column("stance", String(16), primary_key=True),
    Column("n", BigInteger, nullable=False),
)

# ---- shifts (derived, schema 7; kept by stanceline.store.shiftstore at every relink) ------------------

#: Keys compared byte by byte on both backends (PostgreSQL's default collation orders by language rules,
#: SQLite and Python by code point): the shifts feed pages through them with a cursor.
_KEY = Text().with_variant(Text(collation="C"), "postgresql")

# One row per detected stance shift, as ``detect_shifts`` over every statement finds it, so that the shifts
# feed, the overview and ``stanceline shifts`` read rows instead of detecting them anew from every statement.
shifts = Table(
    "shifts",
    metadata,
    Column("actor_id", _KEY, primary_key=True),
    Column("topic", _KEY, primary_key=True),
    Column("counterpart", String(16), primary_key=True),  # the series' country, "" when none
    Column("seq", Integer, primary_key=True),  # the shift's place in its series, oldest first
    Column("day", _KEY, nullable=False),  # first day of the first statement after ("" when undated)
    Column("statement_id", _KEY, nullable=False),  # the first statement after
    Column("actor", Text, nullable=False),  # the actor's name when detected
    Column("body", Text, nullable=False),  # JSON: the shift with the points on both sides
    Index("ix_shifts_feed", "day", "actor_id", "topic", "statement_id"),
    Index("ix_shifts_topic_feed", "topic", "day", "actor_id", "statement_id"),
)

# Most-quoted actors first, read page by page.
Index("ix_actors_statements", actors.c.statements, actors.c.id)

#: Indexes added in schema 5 for millions of rows: an incremental relink finds the statements with no known
#: speaker of the articles it refolds by their article; the dashboard's lists of articles (newest first)
#: and of actors (by articles, by name) are read page by page along an index, from a cursor.
SCALE_INDEXES = (
    Index("ix_statements_article", statements.c.article_id),
    Index("ix_articles_newest", func.coalesce(articles.c.published, literal_column("''")), articles.c.id),
    Index("ix_actors_articles", actors.c.articles, actors.c.statements, actors.c.id),
    Index("ix_actors_lower_name", func.lower(actors.c.name), actors.c.id),
)

#: Tables rebuilt by ``relink`` (cleared and refilled in one transaction).
DERIVED = (
    actors,
    aliases,
    actor_links,
    statements,
    statement_stances,
    statement_sightings,
    events,
    event_sightings,
)
#: Per-article fact tables, replaced as a whole when an article is re-analysed.
PER_ARTICLE = (article_actors, sightings, stances, conditions, article_events)


# The migrations from older schemas (``MIGRATIONS``, ``WIDENED``) live in their own module; imported last, as
# they read the tables above.
from .migrations import MIGRATIONS, WIDENED  # noqa: E402, F401
