"""The Dask engine of ``ingest``: the same per-chunk analysis as the local process pool, on a
``dask.distributed`` cluster (``pip install 'stanceline[dask]'``).

* **The pipeline is loaded once per worker**, by a worker plugin (:class:`PipelinePlugin`), not per task;
  a worker that is started again (killed, out of memory) loads it again before its first task.
* **Articles stream**: the client reads the inputs and keeps a bounded window of chunks in flight (three
  per worker thread), so memory does not grow with the corpus.
* **Where the results go**: with PostgreSQL each worker writes its own chunks, one transaction a chunk,
  replacing whatever an article's key held (:meth:`stanceline.store.Store.put`), so a chunk written twice
  (a worker that died after its commit, a run started again) leaves the same rows; the client gets back
  only what the counts need. With SQLite (one file, one writer) the analyses come back to the client,
  which writes them as the local engine does.
* **Failures**: a chunk whose worker died is run again by Dask on another worker; one that kills its
  workers each time (:class:`distributed.KilledWorker`) is run again one article a task, and the article
  that kills its worker is E014, the others come through.

* **Time budget**: ``--time-budget`` (E032) holds on the workers too. Dask runs tasks in worker threads,
  where the budget is a timer thread that raises in the task's thread
  (:func:`stanceline.runner.thread_budget`) rather than the main thread's ``SIGALRM``; it stops the
  document at the pipeline's next Python step.
"""

from __future__ import annotations

import importlib.util
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from .errors import InputError, UsageError
from .ingest import Stored, analyse_articles, load_pipeline
from .model import Analysis, Article
from .settings import AnalysisSettings
from .store import Store

#: A chunk: (article, its analysed key, why it is analysed again), as ingest's driver makes them.
Todo = list[tuple[Article, str, str | None]]

#: The LocalCluster's workers, tuned for a CPU-bound pipeline. Dask's nanny starts each worker with
#: ``MALLOC_TRIM_THRESHOLD_=65536`` (memory handed back to the system early), which cost spaCy 15 % more CPU
#: per article here (40 articles: 5.06 -> 4.32 CPU-seconds in the worker); the statistical profiler samples
#: the task thread every 10 ms (5.14 -> 5.06). Each server (scheduler, nannies, workers) also wakes its event
#: loop every 20 ms to check its health, samples the system every 500 ms and a worker's memory every 100 ms:
#: on a worker each wake takes the GIL from the task thread. Slower housekeeping cut the client's CPU by a
#: quarter and the worker's by about a tenth (see benchmarks/README.md). A cluster of your own: see
#: README "Running on a cluster".
LOCAL_CONFIG = {
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
}

_STORES: dict[str, Store] = {}  # in a worker process: the databases it writes to, by URL, opened once
_LOADED: dict[str, str] = {}  # in a worker process: the settings key of the pipeline it holds


def check_dask() -> None:
    """Make sure ``dask.distributed`` is installed.

    Raises:
        UsageError: E039 when it is not.
    """
    if importlib.util.find_spec("distributed") is None:
        raise UsageError.make("E039")


try:
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # without the [dask] extra: the engine says E039 before it needs the plugin
    WorkerPlugin = object  # type: ignore[assignment,misc]


class PipelinePlugin(WorkerPlugin):  # type: ignore[misc,valid-type]
    """Loads stanceline's pipeline in each worker when it starts (and in each started again).

    Named by the settings, and idempotent: a second run with the same settings on a long-lived cluster
    finds the pipeline already loaded.
    """

    idempotent = True

    def __init__(self, settings: AnalysisSettings, budget: float | None, *, local: bool = False) -> None:
        self.settings, self.budget, self.local = settings, budget, local
        self.name = f"stanceline-pipeline-{settings.key()}"

    def setup(self, worker: Any) -> None:
        if self.local and threading.current_thread() is threading.main_thread():
            # A LocalCluster's workers are in the terminal's process group: a Ctrl-C is the client's to
            # handle (it stops the run and closes the cluster); a worker stopped by it printed tracebacks.
            signal.signal(signal.SIGINT, signal.SIG_IGN)
        ensure_pipeline(self.settings, self.budget)

    def teardown(self, worker: Any) -> None:
        while _STORES:
            _STORES.popitem()[1].close()


def ensure_pipeline(settings: AnalysisSettings, budget: float | None) -> None:
    """The pipeline of ``settings`` in this worker. The plugin loads it when the worker starts; a task
    checks it, because on a long-lived cluster a worker started again runs the setup of every plugin
    registered before, another run's settings among them, in an order of their own."""
    key = settings.key()
    if _LOADED.get("key") != key:
        load_pipeline(settings, budget)
        _LOADED["key"] = key


def analyse_task(
    articles: list[Article], settings: AnalysisSettings, budget: float | None
) -> list[Analysis | InputError]:
    """A worker's task when the client writes: the chunk's analyses (or errors), in order."""
    ensure_pipeline(settings, budget)
    return analyse_articles(articles)


def analyse_and_store(
    items: list[tuple[Article, str]], url: str, settings: AnalysisSettings, budget: float | None
) -> list[Stored | InputError]:
    """A worker's task when it writes: analyse the chunk and store its analyses in one transaction.

    Returns:
        Per article, what the counts need (:class:`~stanceline.ingest.Stored`), or its error.
    """
    ensure_pipeline(settings, budget)
    results = analyse_articles([a for a, _ in items])
    done = [(r, key) for r, (_, key) in zip(results, items, strict=True) if isinstance(r, Analysis)]
    if url not in _STORES:
        _STORES[url] = Store(url, create=False)
    _STORES[url].put(done)
    return [r if isinstance(r, InputError) else Stored(len(r.statements)) for r in results]


@contextmanager
def dask_client(
    scheduler: str | None, workers: int, notice: Callable[[str], None] | None = None
) -> Iterator[Any]:
    """A client of the cluster at ``scheduler``, or of a ``LocalCluster`` of ``workers`` processes (one
    thread each) that is closed with it.

    Raises:
        UsageError: E039 when dask.distributed is not installed.
    """
    check_dask()
    from distributed import Client, LocalCluster

    board = importlib.util.find_spec("bokeh") is not None  # Dask's dashboard needs bokeh
    cluster = client = None
    try:
        if scheduler:
            client = Client(scheduler)
        else:
            import dask

            with dask.config.set(LOCAL_CONFIG):
                cluster = LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=":0" if board else None,
                )
            client = Client(cluster)
        if board and notice is not None and client.dashboard_link:
            notice(f"stanceline: Dask dashboard at {client.dashboard_link}")
        yield client
    finally:
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()


class DaskEngine:
    """Runs ingest's chunks on a cluster and gives back their results in input order.

    Args:
        client: A ``distributed.Client``.
        settings, budget: What the pipeline is loaded with.
        store: The run's store: PostgreSQL makes the workers write, anything else the client.
        local: The workers are this machine's, started for this run (they leave Ctrl-C to the client).
    """

    def __init__(
        self,
        client: Any,
        settings: AnalysisSettings,
        budget: float | None,
        store: Store,
        *,
        local: bool = False,
    ) -> None:
        self.client, self.settings, self.budget = client, settings, budget
        self.url = store.url if store.dialect == "postgresql" else None
        client.register_plugin(PipelinePlugin(settings, budget, local=local))

    def _window(self) -> int:
        return max(2, 3 * sum(self.client.nthreads().values()))

    def _submit(self, todo: Todo) -> Any:
        run = (self.settings, self.budget)
        if self.url is None:
            return self.client.submit(analyse_task, [a for a, _, _ in todo], *run, pure=False)
        return self.client.submit(analyse_and_store, [(a, k) for a, k, _ in todo], self.url, *run, pure=False)

    def results(self, chunks: Iterable[Todo]) -> Iterator[tuple[list[Any], Todo]]:
        """``(results, chunk)`` for each chunk that holds articles, in input order."""
        window: deque[tuple[Any, Todo]] = deque()
        size, sent = self._window(), 0
        try:
            for todo in chunks:
                if not todo:  # only failures or unchanged inputs: written with the next results
                    continue
                window.append((self._submit(todo), todo))
                sent += 1
                if sent % 32 == 0:  # workers come and go
                    size = self._window()
                while len(window) > size:
                    yield self._take(*window.popleft())
            while window:
                yield self._take(*window.popleft())
        finally:
            for fut, _ in window:
                fut.cancel()

    def _take(self, fut: Any, todo: Todo) -> tuple[list[Any], Todo]:
        from distributed import KilledWorker

        # Wait here, not in ``fut.result()``: a Ctrl-C that lands inside distributed's ``sync()`` before its
        # own future exists makes the event loop log a NameError traceback (distributed 2026.11) over the
        # run's one-line "interrupted" message.
        while not fut.done():
            time.sleep(0.05)
        try:
            return fut.result(), todo
        except KilledWorker:
            return [self._alone(item) for item in todo], todo

    def _alone(self, item: tuple[Article, str, str | None]) -> Any:
        from distributed import KilledWorker

        try:
            return self._submit([item]).result()[0]
        except KilledWorker:
            a = item[0]
            detail = "the worker process analysing it died (killed, or out of memory)"
            return InputError.make("E014", path=a.path or a.id, detail=detail)
