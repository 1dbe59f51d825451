"""``stanceline analyze PATH...``: attributed statements of every article, as JSONL, JSON or a table."""

from __future__ import annotations

import sys
from collections import Counter
from enum import StrEnum
from typing import Annotated

import typer

from ..errors import StancelineError
from ..io.readers import DEFAULT_MAX_CHARS, DEFAULT_TIME_BUDGET
from ..io.writers import make_writer
from .common import (
    AttributionOption,
    CuesOption,
    EventsOption,
    MaxCharsOption,
    ModelOption,
    PathsArgument,
    PublishedOption,
    SourcesOption,
    TimeBudgetOption,
    TitlesOption,
    TopicsOption,
    check_input_options,
)
from .progress import count_documents, make_bar, wanted


class Format(StrEnum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


def _err(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def analyze_command(
    paths: PathsArgument,
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.jsonl,
    published: PublishedOption = None,
    model: ModelOption = "en_core_web_sm",
    attribution: AttributionOption = "auto",
    max_chars: MaxCharsOption = DEFAULT_MAX_CHARS,
    time_budget: TimeBudgetOption = DEFAULT_TIME_BUDGET,
    include_text: Annotated[
        bool, typer.Option("--include-text", help="Add the analysed text to each article.")
    ] = False,
    topics: TopicsOption = None,
    cues: CuesOption = None,
    titles: TitlesOption = None,
    sources: SourcesOption = None,
    events: EventsOption = None,
    silent: Annotated[
        bool, typer.Option("--silent", help="No progress bar and no summary line (failures still print).")
    ] = False,
) -> None:
    """Find who said what in each article, and their stance on each topic.

    Exit code 0 when every input was analysed, 1 when some failed (each failure is
    printed on stderr as one coded line naming the file), 2 for a usage error.
    """
    from .. import pipeline
    from ..runner import Counts, analyse_paths

    try:
        published = check_input_options(
            published, max_chars, topics, cues=cues, titles=titles, sources=sources, events=events
        )
        nlp = pipeline(
            model,
            topics=topics,
            cues=cues,
            titles=titles,
            sources=sources,
            events=events,
            attribution=attribution,
        )
    except StancelineError as exc:
        _err(str(exc))
        raise typer.Exit(2) from None
    counts = Counts()
    skipped: Counter[str] = Counter()
    writer = make_writer(format.value, sys.stdout)
    bar = make_bar("analysing") if wanted(silent) and paths != ["-"] else None
    task = bar.add_task("", total=count_documents(paths)) if bar is not None else None
    say = (lambda m: bar.console.print(m, markup=False, highlight=False, style="red")) if bar else _err
    try:
        if bar is not None:
            bar.start()
        for outcome in analyse_paths(
            paths,
            nlp,
            published=published,
            max_chars=max_chars,
            include_text=include_text,
            budget=time_budget or None,
            skipped=skipped,
        ):
            if bar is not None:
                bar.advance(task)
            if outcome.error is not None:
                counts.failed += 1
                say(str(outcome.error))
                continue
            assert outcome.analysis is not None
            counts.analysed += 1
            counts.statements += len(outcome.analysis.statements)
            writer.write(outcome.analysis)
    finally:
        if bar is not None:
            bar.stop()
        writer.close()
    if skipped and not silent:
        from .ingest import skipped_line

        _err(skipped_line(skipped))
    if not silent or counts.failed:
        _err(
            f"stanceline: {counts.analysed} analysed, {counts.failed} failed, {counts.statements} statements"
        )
    raise typer.Exit(1 if counts.failed else 0)
