"""What the listing commands share: ``--format table|jsonl|json|csv`` and ``--limit``, as in sqlite-utils."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable
from enum import StrEnum
from typing import Annotated, Any

import typer


class ListFormat(StrEnum):
    """How a command that lists things prints them."""

    table = "table"
    jsonl = "jsonl"
    json = "json"
    csv = "csv"


#: ``--format`` / ``-f`` of ``actors``, ``timeline`` and ``shifts``.
FormatOption = Annotated[
    ListFormat,
    typer.Option("--format", "-f", help="Output format: table (for people), jsonl, json (an array), csv."),
]
#: ``--limit`` of the same commands.
LimitOption = Annotated[int | None, typer.Option("--limit", min=1, metavar="N", help="At most N rows.")]


def cell(value: Any) -> str:
    """One CSV cell: a list of plain values joined with ``; ``, anything nested as JSON, null as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple) and all(isinstance(v, str | int | float) for v in value):
        return "; ".join(str(v) for v in value)
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def write_rows(rows: Iterable[dict[str, Any]], format: ListFormat, out=None) -> None:
    """Rows (dicts with the same keys) as JSON lines, a JSON array or CSV with a header; not for tables."""
    out = out or sys.stdout
    if format is ListFormat.jsonl:
        for r in rows:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
    elif format is ListFormat.json:
        json.dump(list(rows), out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif format is ListFormat.csv:
        writer = None
        for r in rows:
            if writer is None:
                writer = csv.DictWriter(out, fieldnames=list(r), lineterminator="\n")
                writer.writeheader()
            writer.writerow({k: cell(v) for k, v in r.items()})
    else:
        raise ValueError(f"write_rows does not print {format}")
