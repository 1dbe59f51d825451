"""Ingest: stream articles through the pipeline in a process pool and into the store.

What makes it safe to kill at any moment and run again:

* each article's id is the hash of its text; an article already stored with
  the same text and settings (:class:`~stanceline.settings.AnalysisSettings`:
  version, rules and data, model, user files) is *unchanged* and is not analysed
  again; one stored otherwise is *updated*, and the counts say why;
* results are written in input order, in batches, each batch one transaction
  (all of its articles or none);
* the corpus-wide tables are rebuilt from the stored facts at the end of every
  run (:func:`stanceline.store.relink`), so they never depend on where a run
  stopped.

So a run killed with ``kill -9`` and started again ends with the same rows as
one that was never interrupted. Worker processes leave Ctrl-C to the driver
(which stops the pool and records the run as interrupted) and exit by
themselves when the driver is killed.
"""

from __future__ import annotations

import hashlib
import os
import signal
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from .config import load_titles
from .errors import InputError, UsageError
from .io.readers import DEFAULT_MAX_CHARS, DEFAULT_TIME_BUDGET, ReadResult, read_inputs
from .model import Analysis, Article, text_id
from .settings import AnalysisSettings
from .store import DATABASE_ERRORS, Store, relink, storage_error
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
    #: The updated articles by why they were analysed again ("the topic file changed"), as counted in
    #: ``updated``; several reasons for one article are joined by "; ".
    reasons: Counter[str] = field(default_factory=Counter)
    #: WARC records passed over by what they are (``request``, ``image/png``, ``HTTP 404``): no HTML page.
    skipped: Counter[str] = field(default_factory=Counter)

    @property
    def seen(self) -> int:
        return self.new + self.updated + self.unchanged + self.failed


def analysed_key(settings: str, article: Article) -> str:
    """What a stored analysis was made from: the settings, the text's hash, the publication date, and
    the title and url (``SETTINGS:TEXT[@PUBLISHED][#TITLE-URL]``).

    The id is the text's hash unless a JSONL corpus gives its own; with the
    text in the key, an article whose text changed under the same given id is
    analysed again (``updated``) instead of passing as unchanged. Statements are
    dated against the publication date, so a corrected date (``--published``, a
    JSONL ``published`` field) is analysed again too; so is a new title (a first line
    that repeats it is a headline) or url (the stored record carries both).
    An article with neither title nor url keeps the key it had before they counted.
    """
    published = f"@{article.published.value}" if article.published.value else ""
    meta = ""
    if article.title or article.url:
        both = f"{article.title or ''}\0{article.url or ''}".encode("utf-8", "backslashreplace")
        meta = "#" + hashlib.sha256(both).hexdigest()[:8]
    return f"{settings}:{text_id(article.text)}{published}{meta}"


def _key_parts(key: str) -> tuple[str, str, str, str]:
    """``(settings, text hash, publication date, title-url hash)`` of a key of :func:`analysed_key`."""
    settings, _, rest = key.partition(":")
    rest, _, meta = rest.partition("#")
    text, _, published = rest.partition("@")
    return settings, text, published, meta


def _text_part(key: str) -> str:
    """The text's hash in a key of :func:`analysed_key`."""
    return _key_parts(key)[1]


class _Why:
    """Why a stored article is analysed again: its stored key against the current one."""

    TEXT = "the text changed under the same id"
    PUBLISHED = "the publication date changed"
    META = "the title or url changed"

    def __init__(self, store: Store, settings: AnalysisSettings, key: str) -> None:
        self.store, self.settings, self.key = store, settings, key
        self.known: dict[str, str] = {}  # stored settings key → reason

    def __call__(self, stored: str, current: str) -> str:
        old, sep, _ = stored.partition(":")
        if sep and old == self.key:
            before, now = _key_parts(stored), _key_parts(current)
            if before[1] != now[1]:
                return self.TEXT
            return self.PUBLISHED if before[2] != now[2] else self.META
        if old not in self.known:
            before = self.store.settings([old]).get(old) if sep else None
            self.known[old] = "; ".join(self.settings.changes(before))
        return self.known[old]


# ---- worker side ------------------------------------------------------------------------------------

_NLP: Any = None
_BUDGET: float | None = None  # seconds one document may take in this process (see runner.time_budget)


def _exit_with_parent(parent: int) -> None:
    """Exit this worker when the process that started it is gone (``kill -9`` of the parent).

    A pool worker otherwise waits forever on its task queue, holding a loaded model.
    """
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(1)


def _init_child(parent: int, settings: AnalysisSettings, budget: float | None = None) -> None:
    """Pool initializer: Ctrl-C is the parent's to handle (it stops the pool), then load the model."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):  # blocked while the parent forked us (see _sigint_held)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    _init_worker(settings, budget)


@contextmanager
def _sigint_held() -> Iterator[None]:
    """Hold Ctrl-C back while a submit may fork the workers; it is delivered right after.

    A worker inherits the blocked signal and ignores it before unblocking, so a
    Ctrl-C at that moment stops the run cleanly instead of killing a worker halfway.
    """
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _init_worker(settings: AnalysisSettings, budget: float | None = None) -> None:
    global _NLP, _BUDGET
    _BUDGET = budget
    from . import pipeline

    _NLP = pipeline(
        settings.model,
        topics=settings.file("topics"),
        cues=settings.file("cues"),
        titles=settings.file("titles"),
        sources=settings.file("sources"),
        events=settings.file("events"),
        attribution=settings.attribution,
    )
    if _NLP.max_length <= settings.max_chars:
        _NLP.max_length = settings.max_chars + 1


def load_pipeline(settings: AnalysisSettings, budget: float | None = None) -> None:
    """Load the pipeline of ``settings`` in this process, for :func:`analyse_articles` (a worker's
    start: the local pool's initializer, the Dask engine's worker plugin)."""
    _init_worker(settings, budget)


def analyse_articles(articles: list[Article]) -> list[Analysis | InputError]:
    """Analyse a chunk with the pipeline :func:`load_pipeline` loaded: per article its analysis or its
    error (E014, E032), in order."""
    return _analyse(articles)


@dataclass(frozen=True)
class Stored:
    """An analysis that a Dask worker wrote to the database itself: what the run's counts need of it."""

    statements: int


def _analyse(articles: list[Article]) -> list[Analysis | InputError]:
    from .runner import analyse_results

    out: list[Analysis | InputError] = []
    reads = (ReadResult(article=a) for a in articles)
    for o in analyse_results(reads, _NLP, batch_size=len(articles), budget=_BUDGET):
        out.append(o.analysis if o.analysis is not None else o.error)  # type: ignore[arg-type]
    return out


class _Workers:
    """The process pool of an ingest, started again when a worker dies (killed, out of memory): the
    articles of every task the death took down are analysed again one a task, so the one that kills its
    worker is E014 and the others come through."""

    DIED = "the worker process analysing it died (killed, or out of memory)"

    def __init__(self, workers: int, settings: AnalysisSettings, budget: float | None) -> None:
        self.args = (workers, settings, budget)
        self.pool = self._start()
        self.started: dict[int, ProcessPoolExecutor] = {}  # id(future) -> the pool it ran in

    def _start(self) -> ProcessPoolExecutor:
        workers, settings, budget = self.args
        return ProcessPoolExecutor(workers, initializer=_init_child, initargs=(os.getpid(), settings, budget))

    def submit(self, articles: list[Article]) -> Future:
        with _sigint_held():
            fut = self.pool.submit(_analyse, articles)
        self.started[id(fut)] = self.pool
        return fut

    def result(self, fut: Future, articles: list[Article]) -> list[Analysis | InputError]:
        """The task's results; after a worker died, each of its articles analysed again on its own."""
        pool = self.started.pop(id(fut), self.pool)
        try:
            return fut.result()
        except BrokenProcessPool:
            if pool is self.pool:  # the first task to find the pool broken starts another
                self._restart()
            return [self._alone(a) for a in articles]

    def _alone(self, article: Article) -> Analysis | InputError:
        fut = self.submit([article])
        self.started.pop(id(fut), None)
        try:
            return fut.result()[0]
        except BrokenProcessPool:
            self._restart()
            return InputError.make("E014", path=article.path or article.id, detail=self.DIED)

    def _restart(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = self._start()

    def close(self) -> None:
        self.pool.shutdown(wait=True)


# ---- driver -----------------------------------------------------------------------------------------


@dataclass
class _Log:
    """What the next write records besides analyses: failures, and inputs that read fine again."""

    failed: list[InputError] = field(default_factory=list)
    ok: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.failed or self.ok)


def _pending(
    reads: Iterable[ReadResult],
    store: Store,
    settings: str,
    counts: IngestCounts,
    log: _Log,
    chunk: int,
    why: _Why,
) -> Iterator[list[tuple[Article, str, str | None]]]:
    """Chunks of articles that need analysis: (article, its key, why it is analysed again; ``None``: new)."""
    seen: dict[str, str] = {}  # id → key (settings + text hash) of its first reading in this run
    it = iter(reads)
    while batch := list(islice(it, chunk)):
        arts = [r.article for r in batch if r.article is not None]
        known = store.analysed_with(a.id for a in arts)
        todo = []
        for r in batch:
            if r.error is not None:
                log.failed.append(r.error)
                counts.failed += 1
                continue
            a = r.article
            assert a is not None
            key = analysed_key(settings, a)
            if a.id in seen and _text_part(seen[a.id]) != _text_part(key):
                # Two different texts under one id (a JSONL corpus that reuses ids): the first stands,
                # the other is reported, so nothing flips from run to run.
                log.failed.append(InputError.make("E024", path=a.path or a.id, id=a.id))
                counts.failed += 1
                continue
            first = a.id not in seen
            seen[a.id] = key
            if not first or known.get(a.id) == key:
                counts.unchanged += 1  # the same text again: the first reading stands
                log.ok.append(a.path or a.id)  # a failure recorded for this input earlier is over
                continue
            todo.append((a, key, why(known[a.id], key) if a.id in known else None))
        if todo or log:
            yield todo


def _check_engine(engine: str) -> None:
    if engine not in ("local", "dask"):
        raise UsageError.make("E023", value=engine, option="engine", detail="give local or dask")


def ingest(
    paths: Iterable[str],
    store: Store,
    *,
    model: str = "en_core_web_sm",
    topics: str | None = None,
    cues: str | None = None,
    titles: str | None = None,
    sources: str | None = None,
    events: str | None = None,
    published: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    time_budget: float | None = DEFAULT_TIME_BUDGET,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    gazetteer: Iterable[Entry] | None = None,
    task_size: int = 8,
    commit_every: int = 64,
    commit_seconds: float = 1.0,
    progress: Callable[[IngestCounts], None] | None = None,
    on_error: Callable[[InputError], None] | None = None,
    notice: Callable[[str], None] | None = None,
    command: str = "ingest",
    attribution: str = "auto",
) -> IngestCounts:
    """Analyse inputs and store them; then rebuild the corpus-wide tables.

    Args:
        paths: Files, directories, JSONL corpora, ``-`` (as for ``analyze``).
        store: The open :class:`~stanceline.store.Store`.
        model: spaCy model; topics, cues, titles, sources, events: the user's vocabulary files (all part of
            the settings, see :class:`~stanceline.settings.AnalysisSettings`; the titles also tell who
            is who across the corpus, and are kept for later relinks).
        published: Publication date for inputs that lack one.
        max_chars: Longest text accepted (not part of the settings key: it changes no analysis).
        time_budget: Seconds one document may take to analyse (E032 past it, and the run goes on);
            ``None`` or 0: no limit.
        workers: Processes running the pipeline (1 = in this process); with ``engine="dask"`` and no
            ``scheduler``, the workers of a ``LocalCluster`` (one thread each).
        engine: ``"local"`` (this machine's process pool) or ``"dask"`` (see :mod:`stanceline.cluster`).
        scheduler: The address of a running ``dask.distributed`` scheduler (``engine="dask"``).
        gazetteer: Pinned identities for relinking (``None``: the one saved in the database).
        task_size: Articles per task sent to a worker.
        commit_every: Articles per transaction, at most.
        commit_seconds: A write is also due once this long has passed since the last (so an
            interruption loses little work).
        progress: Called with the running counts after each write.
        on_error: Called with each failure (read or analysis) as it happens.
        notice: Called with lines for the user (the Dask dashboard's address).
        command: What is recorded in the ``runs`` log.
        attribution: ``rules``, ``learned``, ``hybrid`` or ``auto`` (part of the settings key).

    Returns:
        The counts; ``counts.link`` summarises the relink, ``counts.reasons`` why articles were updated.

    Raises:
        UsageError: E011 when the model is not installed; E017 when the topic file cannot be read;
            E023 for an unknown engine; E039 for ``engine="dask"`` without dask.distributed installed.
        StorageError: E033 when the database fails (a full disk, a lost server); every batch written
            before stays, and the same call again finishes the job.
    """
    _check_engine(engine)
    current = AnalysisSettings.current(
        model,
        topics=topics,
        cues=cues,
        titles=titles,
        sources=sources,
        events=events,
        max_chars=max_chars,
        attribution=attribution,
    )
    settings = current.key()
    counts = IngestCounts()
    try:
        run_id = store.start_run(command)
    except DATABASE_ERRORS as err:
        raise storage_error(err, store.label) from err
    t0 = time.perf_counter()
    status = "interrupted"
    log = _Log()
    try:
        store.save_settings(settings, current.parts())  # so that a later run can tell what changed
        reads = read_inputs(paths, published=published, max_chars=max_chars, skipped=counts.skipped)
        why = _Why(store, current, settings)
        chunks = _pending(reads, store, settings, counts, log, chunk=task_size, why=why)
        buffer: list[tuple[Analysis, str]] = []
        last = time.perf_counter()

        def take(results: list[Analysis | InputError], todo: list[tuple[Article, str, str | None]]) -> None:
            for res, (art, key, reason) in zip(results, todo, strict=True):
                if isinstance(res, InputError):
                    log.failed.append(res)
                    counts.failed += 1
                    continue
                if isinstance(res, Stored):  # a Dask worker wrote it
                    counts.statements += res.statements
                else:
                    buffer.append((res, key))
                    counts.statements += len(res.statements)
                if reason is None:
                    counts.new += 1
                else:
                    counts.updated += 1
                    counts.reasons[reason] += 1
                counts.words += len(art.text.split())
            if len(buffer) >= commit_every or log.failed or time.perf_counter() - last >= commit_seconds:
                flush()

        def flush() -> None:
            nonlocal last
            if on_error:
                for e in log.failed:
                    on_error(e)
            store.put(buffer, log.failed, run_id, ok=log.ok)
            buffer.clear()
            log.failed.clear()
            log.ok.clear()
            last = time.perf_counter()
            counts.seconds = last - t0
            if progress:
                progress(counts)

        if engine == "dask":
            from .cluster import DaskEngine, dask_client

            with dask_client(scheduler, workers, notice) as client:
                run = DaskEngine(client, current, time_budget, store, local=not scheduler)
                for results, todo in run.results(chunks):
                    take(results, todo)
        elif workers <= 1:
            _init_worker(current, time_budget)
            for todo in chunks:
                take(_analyse([a for a, _, _ in todo]) if todo else [], todo)
        else:
            pool = _Workers(workers, current, time_budget)
            window: deque[tuple[Future, list[tuple[Article, str, str | None]]]] = deque()
            try:
                for todo in chunks:
                    if not todo:  # only failures or unchanged inputs: written with the next results
                        continue
                    window.append((pool.submit([a for a, _, _ in todo]), todo))
                    while len(window) > 3 * workers:
                        fut, done = window.popleft()
                        take(pool.result(fut, [a for a, _, _ in done]), done)
                while window:
                    fut, done = window.popleft()
                    take(pool.result(fut, [a for a, _, _ in done]), done)
            except BaseException:
                for fut, _ in window:
                    fut.cancel()
                raise
            finally:
                pool.close()
        if buffer or log:
            flush()
        counts.link = relink(store, gazetteer, titles=load_titles(titles))
        status = "done"
    except DATABASE_ERRORS as err:  # a full disk, a lost server: each batch is all or nothing; re-run
        raise storage_error(err, store.label) from err
    finally:
        counts.seconds = time.perf_counter() - t0
        try:
            store.finish_run(
                run_id,
                status=status,
                new=counts.new,
                updated=counts.updated,
                unchanged=counts.unchanged,
                failed=counts.failed,
            )
        except Exception:  # noqa: BLE001, S110 - the database may be what failed; the run stays "running"
            pass
    return counts
