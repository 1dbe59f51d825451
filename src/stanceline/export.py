"""Export statements, actors, shifts or events from the store as JSONL, CSV or Parquet, streamed.

Rows are written as they are read (Parquet in row groups of :data:`GROUP`), so
an export is never capped and never holds the corpus in memory. Every statement
and shift row carries the article id, URL, source and character offsets of its
evidence. The columns are listed in :data:`COLUMNS` and in docs/corpus.md.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from .errors import UsageError
from .store import Store, shiftstore
from .store.events import EVENT_COLUMNS, event_export_rows
from .store.queries import STATEMENT_COLUMNS, actors, statement_rows
from .timeline import Point, Shift

GROUP = 5000

ACTOR_COLUMNS = (
    "actor_id",
    "name",
    "kind",
    "country",
    "pinned",
    "articles",
    "statements",
    "aliases",
    "titles",
)
_SIDE = (
    "statement_id",
    "said_on",
    "said_on_uncertain",
    "stance",
    "content",
    "conditions",
    "article_id",
    "url",
    "source",
    "path",
    "content_start",
    "content_end",
)
SHIFT_COLUMNS = (
    "actor_id",
    "actor",
    "topic",
    "from",
    "to",
    "date",
    "date_uncertain",
    "confidence",
    "counterpart",
    "before_count",
    "after_count",
    *(f"before_{c}" for c in _SIDE),
    *(f"after_{c}" for c in _SIDE),
)
COLUMNS = {
    "statements": STATEMENT_COLUMNS,
    "actors": ACTOR_COLUMNS,
    "shifts": SHIFT_COLUMNS,
    "events": EVENT_COLUMNS,
}
#: What ``--what`` takes, for the message of a wrong one.
WHAT_HELP = "give statements, actors, shifts or events"
INT_COLUMNS = {
    "source_start",
    "source_end",
    "cue_start",
    "cue_end",
    "content_start",
    "content_end",
    "sightings",
    "pinned",
    "articles",
    "statements",
    "before_count",
    "after_count",
    "before_content_start",
    "before_content_end",
    "after_content_start",
    "after_content_end",
    "trigger_start",
    "trigger_end",
}
FLOAT_COLUMNS = {"confidence"}
BOOL_COLUMNS = {
    "date_uncertain",
    "before_said_on_uncertain",
    "after_said_on_uncertain",
    "negated",
    "hypothetical",
}


def _side(p: Point, source_of: dict[str, str | None]) -> dict[str, Any]:
    return {
        "statement_id": p.statement_id,
        "said_on": p.said_on,
        "said_on_uncertain": p.uncertain,
        "stance": p.stance,
        "content": p.content,
        "conditions": "; ".join(p.conditions),
        "article_id": p.article_id,
        "url": p.url,
        "source": p.source,
        "path": p.path,
        "content_start": p.start,
        "content_end": p.end,
    }


def shift_rows(shifts: Iterable[Shift]) -> Iterator[dict[str, Any]]:
    """One flat row per shift: the last statement before and the first after."""
    for s in shifts:
        row: dict[str, Any] = {
            "actor_id": s.actor_id,
            "actor": s.actor,
            "topic": s.topic,
            "from": s.from_stance,
            "to": s.to_stance,
            "date": s.date,
            "date_uncertain": s.uncertain,
            "confidence": s.confidence,
            "counterpart": s.counterpart,
            "before_count": len(s.before),
            "after_count": len(s.after),
        }
        for prefix, p in (("before", s.before[-1]), ("after", s.after[0])):
            row.update({f"{prefix}_{k}": v for k, v in _side(p, {}).items()})
        yield row


def rows(store: Store, what: str) -> Iterator[dict[str, Any]]:
    """The rows of one export, in a stable order."""
    if what == "statements":
        yield from statement_rows(store)
    elif what == "actors":
        for a in actors(store):
            yield {
                "actor_id": a["id"],
                "name": a["name"],
                "kind": a["kind"],
                "country": a["country"],
                "pinned": a["pinned"],
                "articles": a["articles"],
                "statements": a["statements"],
                "aliases": "; ".join(a["aliases"]),
                "titles": "; ".join(a["titles"]),
            }
    elif what == "shifts":
        with store.connect() as conn:  # as relink detected them over the whole corpus
            shifts = shiftstore.read(conn)
        yield from shift_rows(shifts)
    elif what == "events":
        yield from event_export_rows(store)
    else:
        raise UsageError.make("E023", value=what, option="--what", detail=WHAT_HELP)


def write_jsonl(it: Iterable[dict[str, Any]], out: IO[str]) -> int:
    n = 0
    for r in it:
        out.write(json.dumps(r, ensure_ascii=False) + "\n")
        n += 1
    return n


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A cell safe to open in a spreadsheet: text starting like a formula gets a leading ``'``.

    Quotes are untrusted text; ``=HYPERLINK(...)`` in an article must not run when an
    analyst opens the CSV (OWASP's advice for CSV injection). JSONL and Parquet keep
    the text exactly; numbers pass unchanged.
    """
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value


def write_csv(it: Iterable[dict[str, Any]], out: IO[str], columns: tuple[str, ...]) -> int:
    w = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
    w.writeheader()
    n = 0
    for r in it:
        w.writerow({k: csv_cell(v) for k, v in r.items()})
        n += 1
    return n


def write_parquet(it: Iterable[dict[str, Any]], path: str, columns: tuple[str, ...]) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise UsageError.make("E022", path="Parquet") from None

    def typ(c: str) -> Any:
        if c in INT_COLUMNS:
            return pa.int64()
        if c in FLOAT_COLUMNS:
            return pa.float64()
        if c in BOOL_COLUMNS:
            return pa.bool_()
        return pa.string()

    schema = pa.schema([(c, typ(c)) for c in columns])
    n = 0
    with pq.ParquetWriter(path, schema) as w:
        batch: list[dict[str, Any]] = []
        for r in it:
            batch.append(r)
            if len(batch) >= GROUP:
                w.write_table(pa.Table.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        if batch or n == 0:
            w.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n


def export(store: Store, what: str, fmt: str, out: IO[str] | None = None, path: str | None = None) -> int:
    """Write one export; return the number of rows.

    Args:
        store: The store.
        what: ``statements``, ``actors``, ``shifts`` or ``events`` (one row per report of each event).
        fmt: ``jsonl``, ``csv`` or ``parquet`` (Parquet needs ``path``).
        out: Text stream for JSONL and CSV.
        path: File for Parquet.
    """
    it = rows(store, what)
    cols = COLUMNS.get(what)
    if cols is None:
        raise UsageError.make("E023", value=what, option="--what", detail=WHAT_HELP)
    if fmt == "parquet":
        if not path:
            raise UsageError.make(
                "E023", value=fmt, option="--format", detail="Parquet is binary: give --out FILE"
            )
        return write_parquet(it, path, cols)
    assert out is not None
    if fmt == "csv":
        return write_csv(it, out, cols)
    return write_jsonl(it, out)
