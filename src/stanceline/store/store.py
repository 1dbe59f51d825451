"""The corpus store: open a database, write analysed articles, read rows back.

SQLite by default (a file, WAL mode) and PostgreSQL by URL, through one
SQLAlchemy Core schema (:mod:`stanceline.store.schema`). The store never runs
NLP: it takes :class:`~stanceline.model.Analysis` records and gives rows.

>>> from stanceline.store import Store
>>> with Store(":memory:") as store:
...     store.counts()["articles"]
0
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Self

from sqlalchemy import Engine, Table, create_engine, delete, event, func, insert, inspect, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from ..errors import InputError, StorageError, UsageError
from ..model import Analysis
from . import schema as S

DEFAULT_DB = "stanceline.db"
#: ``meta`` key set while stored articles wait for a relink.
PENDING_KEY = "relink_pending"
#: ``meta`` keys ``settings:KEY`` hold the parts of each settings key articles were analysed with (JSON).
SETTINGS_PREFIX = "settings:"


def now(*, precise: bool = False) -> str:
    """The current UTC time, ISO 8601, to the second (to the microsecond when ``precise``)."""
    t = dt.datetime.now(dt.UTC)
    return (t if precise else t.replace(microsecond=0)).isoformat()


def database_url(db: str) -> str:
    """A SQLAlchemy URL for ``--db``: a file path (SQLite), ``:memory:``, or a database URL.

    ``postgresql://`` and ``postgres://`` use psycopg 3.
    """
    if db == ":memory:":
        return "sqlite://"
    for prefix in ("postgresql://", "postgres://"):
        if db.startswith(prefix):
            return "postgresql+psycopg://" + db[len(prefix) :]
    if "://" in db:
        return db
    return f"sqlite:///{Path(db).expanduser()}"


def redact(url: str) -> str:
    """The URL with any password hidden, for messages."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - not a URL: show it as given
        return url


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout=30000")  # first: two processes may switch a new file to WAL at once
    _to_wal(cur)
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _to_wal(cur: Any, wait: float = 30.0) -> None:
    """Switch the file to WAL. On a new file two connections may try at once, and the switch needs a lock
    that SQLite does not wait for (the busy timeout is not applied to it: "database is locked" at once, 3
    times in 12 runs of two threads opening one new database): try again, backing off, for as long as the
    busy timeout would wait."""
    import sqlite3
    import time

    deadline = time.monotonic() + wait
    delay = 0.005
    while True:
        try:
            cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.25)


def _database_errors() -> tuple[type[BaseException], ...]:
    """What a failing database raises: SQLAlchemy's errors, and the drivers' own where they escape it."""
    import sqlite3

    found: list[type[BaseException]] = [SQLAlchemyError, sqlite3.Error]
    try:
        import psycopg

        found.append(psycopg.Error)
    except ImportError:  # PostgreSQL support not installed
        pass
    return tuple(found)


#: The exceptions of a failing database (a full disk, a lost server): :func:`storage_error` makes them E033.
DATABASE_ERRORS = _database_errors()


def storage_error(err: BaseException, label: str) -> StorageError:
    """E033 for a database that failed while in use, with the driver's own words."""
    detail = " ".join(str(getattr(err, "orig", None) or err).split())[:300]
    return StorageError.make("E033", path=label, detail=detail or type(err).__name__)


def _alive(pid: int) -> bool:
    """Whether a process of this machine with this id still runs."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: it exists
        return True
    return True


class Store:
    """A stanceline database. Use as a context manager, or call :meth:`close`.

    Args:
        db: A file path (SQLite), ``:memory:``, or a URL such as
            ``postgresql://user@host/dbname``.

    Raises:
        UsageError: E019 when the database cannot be opened; E020 when it was
            made by a newer stanceline.
    """

    def __init__(self, db: str = DEFAULT_DB, *, create: bool = True) -> None:
        self.url = database_url(db)
        self.label = redact(self.url) if "://" in db else db
        self.create = create
        if not create and "://" not in db and db != ":memory:":
            path = Path(db).expanduser()
            if not path.is_file():
                what = "a folder" if path.is_dir() else "no such file"
                raise UsageError.make(
                    "E019", path=db, detail=f"{what}; make one with `stanceline ingest FILES --db {db}`"
                )
        engine: Engine | None = None
        try:
            if self.url.startswith("sqlite"):
                from sqlalchemy.pool import StaticPool

                kw: dict[str, Any] = {"poolclass": StaticPool} if self.url == "sqlite://" else {}
                engine = create_engine(self.url, **kw)
                event.listen(engine, "connect", _sqlite_pragmas)
            else:
                engine = create_engine(self.url, pool_pre_ping=True)
            self.engine: Engine = engine
            self.migrate()
        except BaseException as err:
            if engine is not None:  # E020 or a failed connection: leave nothing open
                engine.dispose()
            if isinstance(err, ModuleNotFoundError):
                hint = (
                    " (pip install 'psycopg[binary]')"
                    if (err.name or "").startswith("psycopg")
                    else "; stanceline works with SQLite files and postgresql:// URLs"
                )
                raise UsageError.make(
                    "E019", path=self.label, detail=f"{err.name} is not installed{hint}"
                ) from None
            if isinstance(err, SQLAlchemyError):
                detail = " ".join(str(getattr(err, "orig", None) or err).split())[:300]
                raise UsageError.make("E019", path=self.label, detail=detail) from None
            raise
        self.dialect = self.engine.dialect.name

    # ---- lifecycle ---------------------------------------------------------------------------------

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    def migrate(self) -> int:
        """Create the schema, or upgrade an older one; return the schema version.

        One process at a time: two ingests that open the same new database at once do not both create
        it (SQLite: a write transaction taken before looking; PostgreSQL: an advisory lock). A database
        of the current schema takes no lock, so reading one that another process writes never waits.
        """
        with self.engine.begin() as conn:
            if self._version(conn) == S.SCHEMA_VERSION:
                S.metadata.create_all(conn)  # tables added since (checkfirst)
                return S.SCHEMA_VERSION
        with self.engine.begin() as conn:
            if conn.dialect.name == "sqlite":
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            elif conn.dialect.name == "postgresql":
                conn.exec_driver_sql("SELECT pg_advisory_xact_lock(hashtext('stanceline.migrate'))")
            if not inspect(conn).has_table("meta"):
                if not self.create:
                    raise UsageError.make(
                        "E019",
                        path=self.label,
                        detail="it holds no stanceline corpus; make one "
                        f"with `stanceline ingest FILES --db {self.label}`",
                    )
                S.metadata.create_all(conn)
                conn.execute(insert(S.meta).values(key="schema_version", value=str(S.SCHEMA_VERSION)))
                return S.SCHEMA_VERSION
            found = int(
                conn.execute(select(S.meta.c.value).where(S.meta.c.key == "schema_version")).scalar_one()
            )
            if found > S.SCHEMA_VERSION:
                raise UsageError.make("E020", path=self.label, found=found, known=S.SCHEMA_VERSION)
            while found < S.SCHEMA_VERSION:
                S.MIGRATIONS[found](conn)
                found += 1
                conn.execute(update(S.meta).where(S.meta.c.key == "schema_version").values(value=str(found)))
            S.metadata.create_all(conn)  # tables added since (checkfirst)
            return found

    @staticmethod
    def _version(conn: Connection) -> int | None:
        """The schema version a database records; ``None`` for one with no stanceline schema yet."""
        if not inspect(conn).has_table("meta"):
            return None
        found = conn.execute(select(S.meta.c.value).where(S.meta.c.key == "schema_version")).scalar()
        return int(found) if found is not None else None

    def begin(self) -> Any:
        """A transaction (``with store.begin() as conn: ...``)."""
        return self.engine.begin()

    def connect(self) -> Any:
        return self.engine.connect()

    # ---- writing -----------------------------------------------------------------------------------

    def upsert(self, conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
        """Insert rows, or update those whose primary key exists."""
        if not rows:
            return
        # One statement per table, executed for all rows (compiled once, cached), not a
        # fresh multi-row VALUES per call: relink writes tens of thousands of rows.
        cols = [c.name for c in table.columns]
        # In key order (stable: of two rows with one key the last still wins): rows keyed by content hashes
        # would otherwise land on pages of the table's B-tree all over it, one after the other.
        keys = [c.name for c in table.primary_key.columns]
        ordered = sorted(rows, key=lambda r: tuple(r[k] for k in keys))
        conn.execute(self._upsert_statement(table), [{c: r.get(c) for c in cols} for r in ordered])

    def _upsert_statement(self, table: Table) -> Any:
        cache = self.__dict__.setdefault("_upserts", {})
        if table.name not in cache:
            ins = postgresql.insert(table) if self.dialect == "postgresql" else sqlite.insert(table)
            keys = [c.name for c in table.primary_key.columns]
            rest = {c.name: ins.excluded[c.name] for c in table.columns if c.name not in keys}
            cache[table.name] = (
                ins.on_conflict_do_update(index_elements=keys, set_=rest)
                if rest
                else ins.on_conflict_do_nothing(index_elements=keys)
            )
        return cache[table.name]

    def analysed_with(self, ids: Iterable[str]) -> dict[str, str]:
        """For the ids already stored: the settings they were analysed with."""
        ids = list(dict.fromkeys(ids))
        out: dict[str, str] = {}
        with self.connect() as conn:
            for i in range(0, len(ids), 500):
                q = select(S.articles.c.id, S.articles.c.analysed_with).where(
                    S.articles.c.id.in_(ids[i : i + 500])
                )
                out.update({r.id: r.analysed_with for r in conn.execute(q)})
        return out

    def save_settings(self, key: str, parts: dict[str, Any]) -> None:
        """Keep what a settings key is made of (see :class:`stanceline.settings.AnalysisSettings`).

        One ``meta`` row per key, so databases made by any version take it without a migration.
        """
        value = json.dumps(parts, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        with self.begin() as conn:
            self.upsert(conn, S.meta, [{"key": SETTINGS_PREFIX + key, "value": value}])

    def settings(self, keys: Iterable[str]) -> dict[str, dict[str, Any]]:
        """The parts kept for these settings keys; a key the store has none for is left out."""
        wanted = [SETTINGS_PREFIX + k for k in dict.fromkeys(keys)]
        out: dict[str, dict[str, Any]] = {}
        with self.connect() as conn:
            for i in range(0, len(wanted), 500):
                q = select(S.meta.c.key, S.meta.c.value).where(S.meta.c.key.in_(wanted[i : i + 500]))
                for r in conn.execute(q):
                    try:
                        parts = json.loads(r.value)
                    except ValueError:  # not ours to fail on: as if none were kept
                        continue
                    if isinstance(parts, dict):
                        out[r.key[len(SETTINGS_PREFIX) :]] = parts
        return out

    def put(
        self,
        analyses: Sequence[tuple[Analysis, str]],
        failed: Sequence[InputError] = (),
        run_id: int | None = None,
        *,
        ok: Sequence[str] = (),
    ) -> None:
        """Write a batch of analysed articles and failures in one transaction.

        An article already stored is replaced as a whole (its statements,
        stances and conditions too), so a batch is all-or-nothing and a
        re-run converges to the same rows. A failure recorded earlier for an
        input is cleared when that input is now stored, or named in ``ok``
        (it reads fine now, as an article already stored).
        """
        from .rows import article_rows

        # The same article twice in one batch: the last reading stands (one row per key).
        analyses = list({a.article.id: (a, s) for a, s in analyses}.values())
        with self.begin() as conn:
            ids = [a.article.id for a, _ in analyses]
            for table in S.PER_ARTICLE:
                for i in range(0, len(ids), 500):
                    conn.execute(delete(table).where(table.c.article_id.in_(ids[i : i + 500])))
            batches: dict[str, list[dict[str, Any]]] = {t.name: [] for t in (S.articles, *S.PER_ARTICLE)}
            for analysis, settings in analyses:
                for name, rows in article_rows(analysis, settings).items():
                    batches[name].extend(rows)
            self.upsert(conn, S.articles, batches["articles"])
            if analyses:  # the corpus-wide tables are behind until the next relink, which refolds these
                self.upsert(conn, S.meta, [{"key": PENDING_KEY, "value": "1"}])
                self.upsert(conn, S.relink_queue, [{"article_id": i} for i in ids])
            for table in S.PER_ARTICLE:
                if batches[table.name]:
                    conn.execute(insert(table), batches[table.name])
            inputs = [a.article.path or a.article.id for a, _ in analyses] + list(ok)
            for i in range(0, len(inputs), 500):
                conn.execute(delete(S.failures).where(S.failures.c.input.in_(inputs[i : i + 500])))
            # One row per input (PostgreSQL refuses to upsert the same key twice in one statement).
            rows = {
                e.path or "?": {"input": e.path or "?", "code": e.code, "message": str(e), "run_id": run_id}
                for e in failed
            }
            self.upsert(conn, S.failures, list(rows.values()))

    def start_run(self, command: str) -> int:
        """Log a new run as ``running``; runs of this machine left ``running`` by a process that is gone
        (killed with ``kill -9``, a lost machine) are marked ``interrupted`` first."""
        host = socket.gethostname()
        with self.begin() as conn:
            self.mark_interrupted(conn, host)
            res = conn.execute(
                insert(S.runs).values(
                    started_at=now(),
                    command=command,
                    status="running",
                    new=0,
                    updated=0,
                    unchanged=0,
                    failed=0,
                    host=host,
                    pid=os.getpid(),
                )
            )
            return int(res.inserted_primary_key[0])

    def mark_interrupted(self, conn: Connection, host: str) -> int:
        """Mark ``interrupted`` the runs still ``running`` whose process is gone: of this ``host`` with a
        process id that no longer runs, or logged before schema 4 (no process id). Returns how many."""
        q = select(S.runs.c.id, S.runs.c.host, S.runs.c.pid).where(S.runs.c.status == "running")
        gone = [r.id for r in conn.execute(q) if r.pid is None or (r.host == host and not _alive(r.pid))]
        if gone:
            conn.execute(update(S.runs).where(S.runs.c.id.in_(gone)).values(status="interrupted"))
        return len(gone)

    def finish_run(self, run_id: int, *, status: str, **counts: int) -> None:
        with self.begin() as conn:
            conn.execute(
                update(S.runs).where(S.runs.c.id == run_id).values(finished_at=now(), status=status, **counts)
            )

    def add_override(self, action: str, a: str, b: str) -> None:
        """Record an analyst's ``merge`` or ``split``; it applies at every relink."""
        # Overrides apply in the order they were made (a split after a merge undoes part of it),
        # so the time is kept to the microsecond.
        with self.begin() as conn:
            self.upsert(
                conn, S.overrides, [{"action": action, "a": a, "b": b, "created_at": now(precise=True)}]
            )

    def overrides(self, conn: Connection | None = None) -> list[tuple[str, str, str]]:
        """The analyst's overrides, oldest first."""
        q = select(S.overrides.c.action, S.overrides.c.a, S.overrides.c.b).order_by(
            S.overrides.c.created_at, S.overrides.c.action, S.overrides.c.a, S.overrides.c.b
        )
        if conn is not None:
            return [(r.action, r.a, r.b) for r in conn.execute(q)]
        with self.connect() as c:
            return [(r.action, r.a, r.b) for r in c.execute(q)]

    def replace(
        self, conn: Connection, table: Table, rows: Iterable[dict[str, Any]], *, where: Any = None
    ) -> int:
        """Make ``table`` hold exactly ``rows``, touching only what differs; return rows changed.

        With ``where`` (a SQL condition), only the rows it selects are the table's: the rest are left as
        they are (a relink rewrites the statements of some actors, not of the whole corpus).
        """
        keys = [c.name for c in table.primary_key.columns]
        cols = [c.name for c in table.columns]
        want = {tuple(r[k] for k in keys): r for r in rows}
        q = select(table) if where is None else select(table).where(where)
        have = {tuple(getattr(r, k) for k in keys): r for r in conn.execute(q)}
        gone = sorted(k for k in have if k not in want)
        changed = [
            r for k, r in want.items() if k not in have or any(getattr(have[k], c) != r.get(c) for c in cols)
        ]
        if len(keys) == 1:
            for i in range(0, len(gone), 300):
                conn.execute(delete(table).where(table.c[keys[0]].in_([k[0] for k in gone[i : i + 300]])))
        elif gone:  # one key at a time: SQLite reads a table whole for (a, b) IN ((?, ?), ...)
            from sqlalchemy import bindparam

            q = delete(table).where(*(table.c[k] == bindparam(f"k_{k}") for k in keys))
            conn.execute(q, [{f"k_{k}": v for k, v in zip(keys, key, strict=True)} for key in gone])
        changed.sort(key=lambda r: tuple(r[k] for k in keys))  # the batches in key order too
        for i in range(0, len(changed), 1000):
            self.upsert(conn, table, changed[i : i + 1000])
        return len(gone) + len(changed)

    # ---- reading -----------------------------------------------------------------------------------

    def relink_pending(self) -> bool:
        """Whether articles were stored since the last relink (an ingest stopped before its end)."""
        with self.connect() as conn:
            return (
                conn.execute(select(S.meta.c.value).where(S.meta.c.key == PENDING_KEY)).scalar() is not None
            )

    def counts(self) -> dict[str, int]:
        """Rows per main table."""
        with self.connect() as conn:
            return {
                t.name: int(conn.execute(select(func.count()).select_from(t)).scalar_one())
                for t in (S.articles, S.sightings, S.statements, S.actors, S.failures)
            }

    def failures(self) -> list[dict[str, Any]]:
        with self.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(select(S.failures).order_by(S.failures.c.input))]

    def record(self, article_id: str) -> dict[str, Any] | None:
        """The stored ``stanceline.article/1`` object of an article, with its text."""
        with self.connect() as conn:
            row = conn.execute(
                select(S.articles.c.record, S.articles.c.text).where(S.articles.c.id == article_id)
            ).first()
        if row is None:
            return None
        out = json.loads(row.record)
        out["article"]["text"] = row.text
        return out

    def stream(self, query: Any, *, size: int = 1000) -> Iterator[dict[str, Any]]:
        """Rows of a query as dicts, fetched in chunks (never all in memory)."""
        with self.connect() as conn:
            result = conn.execution_options(stream_results=True, yield_per=size).execute(query)
            for row in result:
                yield dict(row._mapping)
