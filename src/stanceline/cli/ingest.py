"""``stanceline ingest PATH...``: analyse articles into the corpus database, resumably."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from ..errors import StancelineError, UsageError
from ..io.readers import DEFAULT_MAX_CHARS, DEFAULT_TIME_BUDGET
from .common import (
    DEFAULT_DB,
    AttributionOption,
    CuesOption,
    DbOption,
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
    err,
    fail,
    open_store,
)
from .progress import count_documents, make_bar, wanted

GazetteerOption = Annotated[
    str | None,
    typer.Option(
        "--gazetteer",
        metavar="FILE",
        envvar="STANCELINE_GAZETTEER",
        help="Actors file (TOML/YAML): names, aliases, kind, country, titles with dates.",
    ),
]


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 4))


def ingest_command(
    paths: PathsArgument,
    db: DbOption = DEFAULT_DB,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            "-w",
            min=1,
            help="Processes running the pipeline (with --engine dask: a LocalCluster of N workers). "
            f"[default: {default_workers()}]",
            show_default=False,
        ),
    ] = None,
    engine: Annotated[
        str,
        typer.Option(
            "--engine",
            metavar="local|dask",
            help="local: this machine's process pool; dask: a dask.distributed cluster "
            "(pip install 'stanceline[dask]').",
        ),
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            metavar="ADDRESS",
            envvar="STANCELINE_DASK_SCHEDULER",
            help="With --engine dask: the address of a running scheduler (tcp://HOST:8786) instead of "
            "a LocalCluster.",
        ),
    ] = None,
    published: PublishedOption = None,
    model: ModelOption = "en_core_web_sm",
    attribution: AttributionOption = "auto",
    max_chars: MaxCharsOption = DEFAULT_MAX_CHARS,
    time_budget: TimeBudgetOption = DEFAULT_TIME_BUDGET,
    topics: TopicsOption = None,
    cues: CuesOption = None,
    titles: TitlesOption = None,
    sources: SourcesOption = None,
    events: EventsOption = None,
    gazetteer: GazetteerOption = None,
    silent: Annotated[bool, typer.Option("--silent", help="No progress bar and no summary.")] = False,
) -> None:
    """Analyse articles into the database; re-running on the same input changes nothing.

    An article stored with other settings (stanceline's rules or data, the model, the topic
    file) is analysed again, and the summary says how many and why.

    Safe to interrupt (Ctrl-C or kill -9): run it again and it finishes the job.
    Exit code 0 when every input was stored, 1 when some failed (recorded in the
    database and printed as coded lines), 2 for a usage error, 3 when the database failed
    (E033: a full disk, a lost server; run it again once fixed), 130 when interrupted.
    """
    try:
        _ingest(
            paths,
            db=db,
            workers=workers,
            engine=engine,
            scheduler=scheduler,
            published=published,
            model=model,
            attribution=attribution,
            max_chars=max_chars,
            time_budget=time_budget,
            topics=topics,
            cues=cues,
            titles=titles,
            sources=sources,
            events=events,
            gazetteer=gazetteer,
            silent=silent,
        )
    except KeyboardInterrupt:  # at any moment, also before the first article (loading the model)
        err(INTERRUPTED)
        raise typer.Exit(130) from None


def check_engine(engine: str, scheduler: str | None, workers: int | None) -> int:
    """The number of workers, once ``--engine``, ``--scheduler`` and ``--workers`` agree.

    Raises:
        UsageError: E023 for an unknown engine or options that do not go together; E039 for
            ``--engine dask`` without dask.distributed installed.
    """
    if engine not in ("local", "dask"):
        raise UsageError.make("E023", value=engine, option="--engine", detail="give local or dask")
    if scheduler and engine != "dask":
        raise UsageError.make(
            "E023", value=scheduler, option="--scheduler", detail="a scheduler is for --engine dask"
        )
    if scheduler and workers is not None:
        raise UsageError.make(
            "E023",
            value=workers,
            option="--workers",
            detail="the cluster at --scheduler has its own workers; give one of the two",
        )
    if engine == "dask":
        from ..cluster import check_dask

        check_dask()
    return workers if workers is not None else default_workers()


def skipped_line(skipped) -> str:
    """The summary of the WARC records that were no HTML page, most frequent kind first."""
    kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(skipped.items(), key=lambda kv: (-kv[1], kv[0])))
    return f"stanceline: skipped {sum(skipped.values())} WARC records that are no HTML page ({kinds})"


INTERRUPTED = "stanceline: interrupted; what was stored stays stored, run the same command again to finish"


def _ingest(
    paths: list[str],
    *,
    db: str,
    workers: int | None,
    engine: str,
    scheduler: str | None,
    published: str | None,
    model: str,
    attribution: str,
    max_chars: int,
    time_budget: float,
    topics: str | None,
    cues: str | None,
    titles: str | None,
    sources: str | None,
    events: str | None,
    gazetteer: str | None,
    silent: bool,
) -> None:
    from ..ingest import ingest
    from ..store import load_gazetteer

    try:
        published = check_input_options(
            published, max_chars, topics, cues=cues, titles=titles, sources=sources, events=events
        )
        workers = check_engine(engine, scheduler, workers)
        entries = load_gazetteer(gazetteer) if gazetteer else None
        if workers == 1 and engine == "local":  # in this process: check the model before opening anything
            from .. import pipeline

            pipeline(
                model,
                topics=topics,
                cues=cues,
                titles=titles,
                sources=sources,
                events=events,
                attribution=attribution,
            )
        else:
            from ..nlp.pipeline import check_model, resolve_attribution

            check_model(model)
            resolve_attribution(attribution)
    except StancelineError as exc:
        raise fail(exc) from None
    store = open_store(db, create=True)
    progress, task = None, None
    if wanted(silent):  # on stderr, with the coded failure lines: stdout stays clean (and may be redirected)
        progress = make_bar("ingesting")
        progress.start()
        task = progress.add_task("", total=count_documents(paths))

    def tick(c) -> None:
        if progress is not None:
            progress.update(
                task,
                completed=c.seen,
                description=f"{c.new + c.updated} analysed, {c.failed} failed",
            )

    def on_error(e: StancelineError) -> None:
        if progress is not None:
            progress.console.print(str(e), markup=False, highlight=False, style="red")
        else:
            err(str(e))

    def notice(line: str) -> None:
        if progress is not None:
            progress.console.print(line, markup=False, highlight=False)
        elif not silent:
            err(line)

    command = "ingest " + " ".join(paths)
    try:
        counts = ingest(
            paths,
            store,
            model=model,
            topics=topics,
            cues=cues,
            titles=titles,
            sources=sources,
            events=events,
            published=published,
            max_chars=max_chars,
            time_budget=time_budget or None,
            workers=workers,
            engine=engine,
            scheduler=scheduler,
            gazetteer=entries,
            progress=tick,
            on_error=on_error,
            notice=notice,
            command=command,
            attribution=attribution,
        )
    except StancelineError as exc:
        raise fail(exc) from None
    finally:
        if progress is not None:
            progress.stop()
        store.close()
    if not silent or counts.failed:
        for reason, n in counts.reasons.most_common():  # why the updated ones were analysed again
            err(f"stanceline: {n} re-analysed: {reason}")
        if counts.skipped:
            err(skipped_line(counts.skipped))
        link = counts.link
        err(
            f"stanceline: {counts.new} new, {counts.updated} updated, {counts.unchanged} unchanged, "
            f"{counts.failed} failed; {counts.statements} statements in {counts.seconds:.1f} s"
            + (
                f"; corpus: {link.actors} actors, {link.statements} statements ({link.sightings} sightings)"
                if link
                else ""
            )
            + f" → {store.label}"
        )
    raise typer.Exit(1 if counts.failed else 0)
