"""The progress bar of ``ingest`` and ``analyze``: documents done of the total, the rate and the time left.

On stderr, so that stdout stays the output; shown only when stderr is a terminal and without ``--silent``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from ..io.readers import JSONL_SUFFIXES, iter_files


def count_documents(paths: Iterable[str]) -> int | None:
    """How many documents the inputs hold, as the readers will see them: a file is one, a JSONL
    corpus one per non-blank line, a folder its files (recursively, hidden ones left out), stdin one.

    A file that cannot be read counts one (it is one failure line). ``None`` (unknown) when a WARC file
    is among them: only reading it tells how many of its records are pages.
    """
    total = 0
    for raw in paths:
        path = Path(raw)
        files = iter_files(path) if raw != "-" and path.is_dir() else [path]
        for f in files:
            if f.name.lower().endswith((".warc", ".warc.gz")):
                return None
            total += _jsonl_lines(f) if f.suffix.lower() in JSONL_SUFFIXES else 1
    return total


def _jsonl_lines(path: Path) -> int:
    try:
        with path.open("rb") as f:
            return max(sum(1 for line in f if line.strip()), 1)
    except OSError:
        return 1


def _rate(task: Task) -> float | None:
    """Documents a second since the start: spaCy hands them over a batch at a time, so the rate over
    the last seconds (rich's ``task.speed``) jumps; the average does not."""
    elapsed = task.elapsed
    return task.completed / elapsed if elapsed and task.completed else None


class RateColumn(ProgressColumn):
    """Documents a second, once there is a rate (short: the row fits 80 columns)."""

    def render(self, task: Task) -> Text:
        rate = _rate(task)
        return Text("" if rate is None else f"{rate:.1f}/s", style="progress.data.speed")


class LeftColumn(ProgressColumn):
    """The time left at the average rate."""

    def render(self, task: Task) -> Text:
        rate = _rate(task)
        if task.finished:
            return Text("left 0:00:00", style="progress.remaining")
        if rate is None or task.total is None:
            return Text("left -:--:--", style="progress.remaining")
        left = int((task.total - task.completed) / rate)
        return Text(f"left {left // 3600}:{left // 60 % 60:02d}:{left % 60:02d}", style="progress.remaining")


def wanted(silent: bool) -> bool:
    """Whether to show a bar: not ``--silent`` and stderr is a terminal (not a file, a pipe or CI's log)."""
    return not silent and sys.stderr.isatty()


def make_bar(
    label: str, console: Console | None = None, get_time: Callable[[], float] | None = None
) -> Progress:
    """A bar: what is happening, the bar, done/total, rate, time elapsed and time left, then the
    task's description (the counts so far), which may be cut on a narrow terminal."""
    return Progress(
        TextColumn(label),
        BarColumn(bar_width=16),
        MofNCompleteColumn(),
        RateColumn(),
        TimeElapsedColumn(),
        LeftColumn(),
        TextColumn("{task.description}"),
        console=console or Console(stderr=True),
        transient=True,
        get_time=get_time,
    )
