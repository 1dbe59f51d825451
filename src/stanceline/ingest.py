"""Ingest: stream articles through the pipeline in a process pool and into the store.

What makes it safe to kill at any moment and run again:

* each article's id is the hash of its text; an article already stored with
  the same settings is *unchanged* and is not analysed again;
* results are written in input order, in batches, each batch one transaction
  (all of its articles or none);
* the corpus-wide tables are rebuilt from the stored facts at the end of every
  run (:func:`stanceline.store.relink`), so they never depend on where a run
  stopped.

So a run killed with ``kill -9`` and started again ends with the same rows as
one that was never interrupted.
"""

from __future__ import annotations

import hashlib
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from . import __version__
from .errors import InputError
from .io.readers import DEFAULT_MAX_CHARS, ReadResult, read_inputs
from .model import Analysis, Article
from .store import Store, relink
from .store.identity import Entry
from .store.link import LinkSummary


@dataclass
class IngestCounts:
    """What a run did."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    statements: int = 0
    words: int = 0
    seconds: float = 0.0
    link: LinkSummary | None = field(default=None, repr=False)

    @property
    def seen(self) -> int:
        return self.new + self.updated + self.unchanged + self.failed


def settings_key(model: str, topics: str | None) -> str:
    """What an analysis depends on besides the text: version, model and topic file."""
    h = hashlib.sha256(f"{__version__}\x1f{model}".encode())
    if topics:
        with open(topics, "rb") as f:
            h.update(f.read())
    return h.hexdigest()[:16]


# ---- worker side ------------------------------------------------------------------------------------

_NLP: Any = None


def _init_worker(model: str, topics: str | None, max_chars: int) -> None:
    global _NLP
    from . import pipeline

    _NLP = pipeline(model, topics=topics)
    if _NLP.max_length <= max_chars:
        _NLP.max_length = max_chars + 1


def _analyse(articles: list[Article]) -> list[Analysis | InputError]:
    from .runner import analyse_results

    out: list[Analysis | InputError] = []
    for o in analyse_results((ReadResult(article=a) for a in articles), _NLP, batch_size=len(articles)):
        out.append(o.analysis if o.analysis is not None else o.error)  # type: ignore[arg-type]
    return out


# ---- driver -----------------------------------------------------------------------------------------

def _pending(reads: Iterable[ReadResult], store: Store, settings: str, counts: IngestCounts,
             failed: list[InputError], chunk: int) -> Iterator[list[tuple[Article, bool]]]:
    """Chunks of articles that need analysis, with whether each is already stored."""
    seen: set[str] = set()
    it = iter(reads)
    while batch := list(islice(it, chunk)):
        arts = [r.article for r in batch if r.article is not None]
        known = store.analysed_with(a.id for a in arts)
        todo = []
        for r in batch:
            if r.error is not None:
                failed.append(r.error)
                counts.failed += 1
                continue
            a = r.article
            assert a is not None
            if a.id in seen or known.get(a.id) == settings:
                counts.unchanged += 1  # the same text again: the first reading stands
                continue
            seen.add(a.id)
            todo.append((a, a.id in known))
        if todo or failed:
            yield todo


def ingest(paths: Iterable[str], store: Store, *, model: str = "en_core_web_sm", topics: str | None = None,
           published: str | None = None, max_chars: int = DEFAULT_MAX_CHARS, workers: int = 1,
           gazetteer: Iterable[Entry] | None = None, task_size: int = 8, commit_every: int = 64,
           progress: Callable[[IngestCounts], None] | None = None,
           on_error: Callable[[InputError], None] | None = None, command: str = "ingest") -> IngestCounts:
    """Analyse inputs and store them; then rebuild the corpus-wide tables.

    Args:
        paths: Files, directories, JSONL corpora, ``-`` (as for ``analyze``).
        store: The open :class:`~stanceline.store.Store`.
        model: spaCy model; topics: topic file (both part of the settings key).
        published: Publication date for inputs that lack one.
        max_chars: Longest text accepted.
        workers: Processes running the pipeline (1 = in this process).
        gazetteer: Pinned identities for relinking (``None``: the one saved in the database).
        task_size: Articles per task sent to a worker.
        commit_every: Articles per transaction.
        progress: Called with the running counts after each write.
        on_error: Called with each failure (read or analysis) as it happens.
        command: What is recorded in the ``runs`` log.

    Returns:
        The counts; ``counts.link`` summarises the relink.
    """
    settings = settings_key(model, topics)
    counts = IngestCounts()
    run_id = store.start_run(command)
    t0 = time.perf_counter()
    status = "interrupted"
    failed: list[InputError] = []
    try:
        reads = read_inputs(paths, published=published, max_chars=max_chars)
        chunks = _pending(reads, store, settings, counts, failed, chunk=task_size)
        buffer: list[tuple[Analysis, str]] = []

        def take(results: list[Analysis | InputError], todo: list[tuple[Article, bool]]) -> None:
            for res, (art, existed) in zip(results, todo):
                if isinstance(res, InputError):
                    failed.append(res)
                    counts.failed += 1
                    continue
                buffer.append((res, settings))
                counts.updated += existed
                counts.new += not existed
                counts.statements += len(res.statements)
                counts.words += len(art.text.split())
            if len(buffer) >= commit_every or failed:
                flush()

        def flush() -> None:
            if on_error:
                for e in failed:
                    on_error(e)
            store.put(buffer, failed, run_id)
            buffer.clear()
            failed.clear()
            counts.seconds = time.perf_counter() - t0
            if progress:
                progress(counts)

        if workers <= 1:
            _init_worker(model, topics, max_chars)
            for todo in chunks:
                take(_analyse([a for a, _ in todo]) if todo else [], todo)
        else:
            with ProcessPoolExecutor(workers, initializer=_init_worker,
                                     initargs=(model, topics, max_chars)) as pool:
                window: deque[tuple[Future, list[tuple[Article, bool]]]] = deque()
                try:
                    for todo in chunks:
                        window.append((pool.submit(_analyse, [a for a, _ in todo]), todo))
                        while len(window) > 3 * workers:
                            fut, done = window.popleft()
                            take(fut.result(), done)
                    while window:
                        fut, done = window.popleft()
                        take(fut.result(), done)
                except BaseException:
                    for fut, _ in window:
                        fut.cancel()
                    raise
        if buffer or failed:
            flush()
        counts.link = relink(store, gazetteer)
        status = "done"
    finally:
        counts.seconds = time.perf_counter() - t0
        try:
            store.finish_run(run_id, status=status, new=counts.new, updated=counts.updated,
                             unchanged=counts.unchanged, failed=counts.failed)
        except Exception:  # noqa: BLE001 - the database may be what failed; the run stays "running"
            pass
    return counts
