"""Batch analysis of inputs: read, analyse, and report failures without stopping.

This is what ``stanceline analyze`` runs; it is a library function so the CLI
stays a thin shell and other front ends (ingest, the web) can reuse it.
"""

from __future__ import annotations

import ctypes
import signal
import threading
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc

from .analysis import to_analysis
from .errors import InputError
from .io.readers import DEFAULT_MAX_CHARS, DEFAULT_TIME_BUDGET, ReadResult, read_inputs
from .model import Analysis, Article
from .nlp.segments import DEFAULT_SEGMENT_CHARS, parse, parse_all


@dataclass(frozen=True)
class Outcome:
    """One document's result: an analysis, or the error that stopped it."""

    analysis: Analysis | None = None
    error: InputError | None = None


@dataclass
class Counts:
    """Running totals of a batch."""

    analysed: int = 0
    failed: int = 0
    statements: int = 0


def _titled(nlp: Language, article: Article) -> Doc:
    """The article's Doc before the pipeline runs, with its title (``doc._.title``): a first line that
    matches it is a headline."""
    doc = nlp.make_doc(article.text)
    if Doc.has_extension("title"):  # registered by stanceline's pipeline
        doc._.title = article.title
    return doc


class BudgetExceeded(Exception):
    """Raised inside an analysis that ran past its time budget (:func:`time_budget`)."""


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Stop the block with :class:`BudgetExceeded` once it has run ``seconds``.

    In the main thread of a process on POSIX (the CLI, ingest's workers), a real-time timer
    (``SIGALRM``), so it stops code that never returns to a check of its own. In any other thread (Dask
    runs tasks in worker threads), see :func:`thread_budget`. With ``seconds`` ``None`` or 0 there is no
    budget.
    """
    if not seconds:
        yield
        return
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        with thread_budget(seconds):
            yield
        return

    def expired(_signum: int, _frame: object) -> None:
        raise BudgetExceeded

    before = signal.signal(signal.SIGALRM, expired)
    started = time.monotonic()
    outer, _ = signal.setitimer(signal.ITIMER_REAL, seconds)  # a caller's own alarm, if one was set
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, before)
        if outer:  # the caller's alarm goes on, less the time spent here (at once if it is due)
            signal.setitimer(signal.ITIMER_REAL, max(outer - (time.monotonic() - started), 1e-6))


@contextmanager
def thread_budget(seconds: float) -> Iterator[None]:
    """Stop the block with :class:`BudgetExceeded` once it has run ``seconds``, in any thread.

    A timer thread raises the exception in this thread (CPython's ``PyThreadState_SetAsyncExc``). It is
    raised at this thread's next Python instruction, so one long call into compiled code (the model on a
    segment) ends first; the pipeline returns to Python between its steps and segments. An exception that
    is due but not yet raised when the block ends is taken back, so nothing is raised after the block.
    """
    tid = ctypes.c_ulong(threading.get_ident())
    lock = threading.Lock()
    state = {"running": True, "sent": False}

    def expired() -> None:
        with lock:
            if state["running"]:
                state["sent"] = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(tid, ctypes.py_object(BudgetExceeded))

    timer = threading.Timer(seconds, expired)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["running"] = False
            if state["sent"]:  # raised already (then this clears nothing), or still due: take it back
                ctypes.pythonapi.PyThreadState_SetAsyncExc(tid, None)
        timer.cancel()


def _analyse_chunk(
    nlp: Language,
    articles: list[Article],
    include_text: bool,
    budget: float | None = None,
    segment_chars: int = DEFAULT_SEGMENT_CHARS,
) -> list[Outcome]:
    try:
        # The batch as a whole gets two documents' budgets, not one per document: a document that hangs
        # costs at most three budgets before it is found (a batch of long documents that takes longer is
        # analysed again one by one, each in its own budget).
        with time_budget(budget * min(len(articles), 2) if budget else None):
            titled = (_titled(nlp, a) for a in articles)
            docs = list(parse_all(nlp, titled, batch_size=len(articles), segment_chars=segment_chars))
            return [
                Outcome(analysis=to_analysis(d, a, include_text=include_text))
                for d, a in zip(docs, articles, strict=True)
            ]
    except Exception:
        pass
    # A document broke the batch (or its time): run them one by one to find it, keep the rest.
    out = []
    for a in articles:
        try:
            with time_budget(budget):
                doc = parse(nlp, _titled(nlp, a), segment_chars=segment_chars)
                out.append(Outcome(analysis=to_analysis(doc, a, include_text=include_text)))
        except BudgetExceeded:
            out.append(Outcome(error=InputError.make("E032", path=a.path or a.id, budget=budget)))
        except Exception as exc:  # any failure inside NLP is reported, never fatal
            out.append(Outcome(error=InputError.make("E014", path=a.path or a.id, detail=repr(exc)[:200])))
    return out


def analyse_results(
    results: Iterable[ReadResult],
    nlp: Language,
    *,
    batch_size: int = 16,
    include_text: bool = False,
    budget: float | None = None,
    segment_chars: int = DEFAULT_SEGMENT_CHARS,
) -> Iterator[Outcome]:
    """Analyse read results in input order; read errors pass through in their place. A document that
    takes longer than ``budget`` seconds is E032 (see :func:`time_budget`); a text longer than
    ``segment_chars`` goes through the model in paragraph-aligned segments (:mod:`.nlp.segments`)."""
    it = iter(results)
    while True:
        chunk = list(islice(it, batch_size))
        if not chunk:
            return
        articles = [r.article for r in chunk if r.article is not None]
        analysed = iter(
            _analyse_chunk(nlp, articles, include_text, budget, segment_chars) if articles else []
        )
        for r in chunk:
            yield next(analysed) if r.article is not None else Outcome(error=r.error)


def analyse_paths(
    paths: Iterable[str],
    nlp: Language,
    *,
    published: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    include_text: bool = False,
    batch_size: int = 16,
    budget: float | None = DEFAULT_TIME_BUDGET,
    segment_chars: int = DEFAULT_SEGMENT_CHARS,
    skipped: Counter[str] | None = None,
) -> Iterator[Outcome]:
    """Read and analyse files, directories, JSONL corpora, WARC files and ``-`` (stdin).

    Args:
        paths: Inputs as given on the command line.
        nlp: The pipeline (see :func:`stanceline.pipeline`).
        published: Publication date for inputs that lack one (YYYY-MM-DD).
        max_chars: Longest text accepted.
        include_text: Put the analysed text in each result.
        batch_size: Documents per spaCy batch.
        budget: Seconds one document may take (E032 past it); ``None`` or 0: no limit.
        segment_chars: A longer text goes through the model in segments (:mod:`.nlp.segments`); 0: never.
        skipped: Counts the WARC records passed over (no HTML page), by kind.

    Yields:
        One :class:`Outcome` per document, in input order.
    """
    # Texts up to max_chars pass the readers; spaCy must take them too (its own limit is E088).
    if nlp.max_length <= max_chars:
        nlp.max_length = max_chars + 1
    reads = read_inputs(paths, published=published, max_chars=max_chars, skipped=skipped)
    yield from analyse_results(
        reads,
        nlp,
        batch_size=batch_size,
        include_text=include_text,
        budget=budget,
        segment_chars=segment_chars,
    )
