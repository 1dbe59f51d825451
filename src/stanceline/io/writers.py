"""Writers: analyses out as JSONL, a JSON array, or a table for people.

Writers stream: each takes an iterable of analyses and writes as it goes.
"""

from __future__ import annotations

import json
from typing import IO

from ..model import Analysis, SaidOn, Stance

FORMATS = ("jsonl", "json", "table")


def dumps(analysis: Analysis) -> str:
    """One contract object as a single JSON line (UTF-8 kept, not escaped)."""
    return json.dumps(analysis.to_dict(), ensure_ascii=False, separators=(",", ":"))


class JsonlWriter:
    """``stanceline.article/1`` objects, one a line, in input order."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out

    def write(self, analysis: Analysis) -> None:
        self.out.write(dumps(analysis) + "\n")
        self.out.flush()

    def close(self) -> None:
        self.out.flush()


class JsonWriter:
    """The same objects as one JSON array, written as they come."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self.count = 0

    def write(self, analysis: Analysis) -> None:
        self.out.write(
            ("[\n" if self.count == 0 else ",\n")
            + json.dumps(analysis.to_dict(), ensure_ascii=False, indent=2)
        )
        self.count += 1

    def close(self) -> None:
        self.out.write("[]\n" if self.count == 0 else "\n]\n")
        self.out.flush()


class TableWriter:
    """A table per article: speaker, cue, kind, date, content and stances, cut to the terminal width."""

    def __init__(self, out: IO[str], width: int | None = None) -> None:
        from rich.console import Console

        self.console = Console(file=out, width=width, highlight=False, soft_wrap=False)

    def write(self, analysis: Analysis) -> None:
        from rich.table import Table
        from rich.text import Text

        art = analysis.article
        pub = art.published.value or "date unknown"
        n = len(analysis.statements)
        # Text, never markup: paths, titles and quotes hold brackets ("[the treaty]") that rich would
        # read as style tags, dropping them or failing on a stray "[/...]".
        head = Text.assemble(
            (art.path or art.id, "bold"),
            "  ",
            art.title or "",
            f"  ({pub}, {n} statement{'' if n == 1 else 's'})",
        )
        self.console.print(head)
        if not analysis.statements:
            self.console.print(Text("  no statements found\n"))
            return
        table = Table(show_lines=False, expand=True, pad_edge=False, box=None)
        table.add_column("speaker", no_wrap=True, max_width=28, overflow="ellipsis")
        table.add_column("cue", no_wrap=True, max_width=16, overflow="ellipsis")
        table.add_column("kind", no_wrap=True, width=8)
        table.add_column("said on", no_wrap=True, width=11)
        # A stance column only where some statement takes a stance: content keeps the room otherwise.
        with_stance = any(s.stances for s in analysis.statements)
        table.add_column("content", no_wrap=True, overflow="ellipsis", ratio=3 if with_stance else 1)
        if with_stance:
            table.add_column("stance", no_wrap=True, overflow="ellipsis", ratio=2)
        for s in analysis.statements:
            actor = analysis.actor(s.source.actor) if s.source else None
            if actor is not None:
                speaker = actor.name
                if s.source and s.source.resolved_by in ("pronoun", "title", "carryover"):
                    speaker += f" ({s.source.resolved_by})"
            elif s.source and s.source.text:
                speaker = f"{s.source.text} (unresolved)"
            else:
                speaker = "-"
            content = " … ".join(c.text for c in s.content)
            cue = s.cue.text if s.cue else "-"
            # Spans may run over line ends ("\r\n" in a CRLF file): one line per row.
            cells = (
                speaker,
                cue,
                s.kind,
                said_on_cell(s.said_on),
                content,
                *((stance_cell(s.stances),) if with_stance else ()),
            )
            table.add_row(*(Text(" ".join(cell.split())) for cell in cells))
        self.console.print(table)
        self.console.print()

    def close(self) -> None:
        pass


def said_on_cell(said_on: SaidOn | None) -> str:
    """When a statement was made, for people: ``2024-03-03``; ``≤2024-03-04`` when only
    "on or before publication" is known; ``?`` when nothing is."""
    if said_on is None or said_on.value is None:
        return "?"
    return ("≤" if said_on.basis == "publication" else "") + said_on.value


def stance_cell(stances: tuple[Stance, ...]) -> str:
    """A statement's stances, for people: ``negotiations:conditional (once the embargo is lifted);
    sanctions:oppose``; ``-`` when it has none."""
    if not stances:
        return "-"
    parts = []
    for st in stances:
        cell = f"{st.topic}:{st.stance}"
        if st.conditions:
            cell += " (" + " / ".join(c.text for c in st.conditions) + ")"
        parts.append(cell)
    return "; ".join(parts)


def make_writer(
    fmt: str, out: IO[str], *, width: int | None = None
) -> JsonlWriter | JsonWriter | TableWriter:
    """The writer for ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "jsonl":
        return JsonlWriter(out)
    if fmt == "json":
        return JsonWriter(out)
    if fmt == "table":
        return TableWriter(out, width=width)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
