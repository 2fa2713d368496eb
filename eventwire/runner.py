"""Coding at scale: several local processes, or a Dask cluster, over one code path.

``code_parallel`` cuts the input into chunks and codes each chunk with
:func:`code_chunk` — in this process (``workers=1``), in a pool of local
worker processes (``workers>1``), or on Dask workers (``dask="local"`` or a
scheduler address). Each worker process builds one ``Pipeline`` and keeps it.
Results come back in input order, exactly one per input: a ``CodedArticle``
or a ``Skip``.

A worker that dies (killed, out of memory, a crash in native code) does not
lose or duplicate articles: the local pool knows which chunk each worker
held, starts a new worker and codes that chunk once more; if it dies again
the chunk's articles become Skips with the reason (E090). Dask reschedules
tasks of lost workers itself and reports a chunk that keeps killing workers
as ``KilledWorker`` (E096).

``ingest_into_store`` is the crash-safe ingest on top: articles already in
the store are not coded again, and each coded article is written in its own
transaction as it arrives, so rerunning after a kill finishes the rest. Only
this (the parent) process writes the DuckDB file.

The parent never imports spaCy when the work runs in other processes: that
import alone costs ~250 MB and seconds, for nothing.
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
import os
import pickle
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from multiprocessing.connection import wait
from typing import Any

from .errors import E090, E091, E092, E093, E094, E095, E096, EventwireError
from .records import Article, CodedArticle, Skip

log = logging.getLogger(__name__)

Result = CodedArticle | Skip
PipelineFactory = Callable[[], Any]  # returns an object with .code(items) -> Iterator[Result]

# A chunk whose worker died is coded once more; a second death turns it into Skips.
MAX_ATTEMPTS = 2
# Chunks handed out beyond the one being waited for: bounds memory on huge inputs.
WINDOW_PER_WORKER = 4


@dataclass(frozen=True)
class ModelPipeline:
    """Picklable recipe for the default pipeline: ``Pipeline(model=model)``.

    ``model=None`` means the default model of :mod:`eventwire.nlp`.
    """

    model: str | None = None

    def __call__(self):
        from .pipeline import Pipeline  # imports spaCy: only where coding happens

        return Pipeline(model=self.model) if self.model else Pipeline()


@dataclass(frozen=True)
class IngestStats:
    """What an ingest did: articles stored, already stored, events stored, inputs skipped."""

    added: int = 0
    already: int = 0
    events: int = 0
    skipped: int = 0


# --------------------------------------------------------------------------- the one chunk function

# One pipeline per (worker) process and recipe; Dask workers keep theirs across tasks.
_PIPELINES: dict[bytes, Any] = {}


def _pipeline_for(factory: PipelineFactory):
    key = pickle.dumps(factory)
    if key not in _PIPELINES:
        log.info("process %d: building the pipeline", os.getpid())
        _PIPELINES[key] = factory()
    return _PIPELINES[key]


def _origin(item: Article | Skip) -> str:
    return item.origin if isinstance(item, Skip) else (item.origin or item.id)


def code_chunk(chunk: list[Article | Skip], pipeline) -> list[Result]:
    """Code one chunk with ``pipeline``: one result per item, in order.

    ``Pipeline.code`` already turns a failing article into a Skip; if the
    batched parse itself raises, the articles are coded one by one so only
    the article that breaks it is lost.
    """
    try:
        results = list(pipeline.code(chunk))
    except Exception:  # the whole batch failed: isolate the article that breaks it
        log.exception("coding a chunk of %d failed; coding its articles one by one", len(chunk))
        results = []
        for item in chunk:
            try:
                results.extend(pipeline.code([item]))
            except Exception as exc:
                results.append(Skip(_origin(item), E095.format(detail=f"{type(exc).__name__}: {exc}")))
    if len(results) != len(chunk):  # the contract every backend relies on
        raise EventwireError(E095.format(detail=f"{len(chunk)} inputs gave {len(results)} results"))
    return results


def _code_chunk_with(chunk: list[Article | Skip], factory: PipelineFactory) -> list[Result]:
    """Task run on a worker (local or Dask): the worker's cached pipeline codes the chunk."""
    return code_chunk(chunk, _pipeline_for(factory))


def _dead_chunk(chunk: list[Article | Skip], template: str, detail: str) -> list[Result]:
    return [item if isinstance(item, Skip) else Skip(_origin(item), template.format(detail=detail)) for item in chunk]


def _chunks(items: Iterable[Article | Skip], size: int) -> Iterator[list[Article | Skip]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


# --------------------------------------------------------------------------- public API


def code_parallel(
    items: Iterable[Article | Skip],
    *,
    workers: int = 2,
    dask: str | None = None,
    model: str | None = None,
    chunk_size: int = 16,
    pipeline_factory: PipelineFactory | None = None,
) -> Iterator[Result]:
    """Code ``items`` with ``workers`` processes (or Dask); one result per input, in input order.

    ``workers=1`` codes in this process. ``workers>1`` starts that many local
    worker processes, each building one pipeline. ``dask="local"`` starts a
    ``distributed.LocalCluster`` of ``workers`` single-threaded processes;
    ``dask="tcp://host:port"`` uses a running scheduler (its workers need
    eventwire installed). ``model`` names the spaCy pipeline (None: the
    default); ``pipeline_factory``, a picklable callable returning an object
    with ``code(items)`` like :class:`eventwire.pipeline.Pipeline`, replaces
    it (a custom knowledge base, or a test double). Input Skips pass through.
    """
    for name, value in (("workers", workers), ("chunk_size", chunk_size)):
        if not isinstance(value, int) or value < 1:
            raise EventwireError(E091.format(name=name, value=value))
    factory = pipeline_factory or ModelPipeline(model)
    if dask:
        return _run_dask(items, dask, workers, chunk_size, factory)
    if workers == 1:
        return _run_inline(items, chunk_size, factory)
    return _run_local(items, workers, chunk_size, factory)


def ingest_into_store(
    items: Iterable[Article | Skip],
    store,
    *,
    workers: int = 2,
    dask: str | None = None,
    model: str | None = None,
    chunk_size: int = 16,
    progress: Callable[[Result], None] | None = None,
    pipeline_factory: PipelineFactory | None = None,
) -> IngestStats:
    """Code the articles not yet in ``store`` and store them as they come back.

    Idempotent and crash-safe: an article already stored (or seen earlier in
    this input) is counted as ``already`` and not coded again; coded articles
    are written ``chunk_size`` at a time, each batch in one transaction, so a
    killed ingest loses at most the articles in flight and one batch, and
    rerunning it stores the rest without duplicates. Skips (input or coding)
    are recorded in the store. ``progress`` is called with every result after
    it is stored.
    """
    added = already = n_events = skipped = 0
    seen: set[str] = set()
    batch: list[CodedArticle] = []

    def fresh() -> Iterator[Article | Skip]:
        nonlocal already
        for item in items:
            if isinstance(item, Article):
                if item.id in seen or store.has_article(item.id):
                    already += 1
                    continue
                seen.add(item.id)
            yield item

    def flush() -> None:
        nonlocal added, already, n_events
        for coded, new in zip(batch, store.add_many(batch)):
            if new:
                added += 1
                n_events += len(coded.events)
            else:  # stored meanwhile by another ingest
                already += 1
            if progress is not None:
                progress(coded)
        batch.clear()

    for result in code_parallel(fresh(), workers=workers, dask=dask, model=model, chunk_size=chunk_size,
                                pipeline_factory=pipeline_factory):
        if isinstance(result, Skip):
            store.add_skip(result)
            skipped += 1
            if progress is not None:
                progress(result)
            continue
        batch.append(result)
        if len(batch) >= chunk_size:
            flush()
    flush()
    return IngestStats(added=added, already=already, events=n_events, skipped=skipped)


# --------------------------------------------------------------------------- in-process


def _run_inline(items, chunk_size: int, factory: PipelineFactory) -> Iterator[Result]:
    pipeline = factory()  # not cached: in-process callers own its lifetime
    for chunk in _chunks(items, chunk_size):
        yield from code_chunk(chunk, pipeline)


# --------------------------------------------------------------------------- local worker processes


def _start_method() -> str:
    # forkserver: workers fork from a clean server that has already imported
    # spaCy (fast restarts, shared pages) and never from this process, whose
    # DuckDB threads make a plain fork unsafe. spawn where forkserver is missing.
    return "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"


def _worker_main(conn, factory: PipelineFactory) -> None:
    """A worker process: build the pipeline, then code the chunks sent on ``conn``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:
        _pipeline_for(factory)
    except BaseException as exc:  # reported to the parent, which raises it
        conn.send(("fatal", exc if isinstance(exc, EventwireError) else f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready", os.getpid()))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):  # the parent is gone
            return
        if message is None:
            return
        chunk_id, chunk = message
        try:
            conn.send(("done", chunk_id, _code_chunk_with(chunk, factory)))
        except (BrokenPipeError, OSError):
            return


class _Worker:
    """One worker process, its pipe, and the chunk it holds (if any)."""

    def __init__(self, ctx, factory: PipelineFactory) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, factory), daemon=True,
                                   name="eventwire-worker")
        self.process.start()
        child.close()
        self.ready = False
        self.task: tuple[int, list, int] | None = None  # (chunk id, chunk, attempt)

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except (OSError, ValueError):
            pass
        self.conn.close()
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()


def _run_local(items, workers: int, chunk_size: int, factory: PipelineFactory) -> Iterator[Result]:
    ctx = multiprocessing.get_context(_start_method())
    if ctx.get_start_method() == "forkserver":
        ctx.set_forkserver_preload(["eventwire.pipeline"])
    chunks = enumerate(_chunks(items, chunk_size))
    first = next(chunks, None)
    if first is None:  # nothing to code: start no processes
        return
    chunks = itertools.chain([first], chunks)
    exhausted = False
    retry: deque[tuple[int, list, int]] = deque()
    done: dict[int, list[Result]] = {}
    issued = 0  # chunk ids handed out so far
    next_out = 0  # next chunk id to yield
    startup_deaths = 0
    pool = [_Worker(ctx, factory) for _ in range(workers)]
    try:
        while True:
            # yield first: it frees window slots, so the hand-out below can use them
            # before this loop blocks in wait() (the other order deadlocked with idle workers)
            while next_out in done:
                yield from done.pop(next_out)
                next_out += 1
            for worker in pool:  # hand work to idle, ready workers
                if not worker.ready or worker.task is not None:
                    continue
                if retry:
                    worker.task = retry.popleft()
                elif not exhausted and issued - next_out < workers * WINDOW_PER_WORKER:
                    nxt = next(chunks, None)
                    if nxt is None:
                        exhausted = True
                        continue
                    issued += 1
                    worker.task = (nxt[0], nxt[1], 1)
                else:
                    continue
                worker.conn.send(worker.task[:2])
            if exhausted and not retry and next_out == issued:
                return
            ready = set(wait([w.conn for w in pool] + [w.process.sentinel for w in pool]))
            for i, worker in enumerate(pool):
                if worker.conn not in ready and worker.process.sentinel not in ready:
                    continue
                message, eof = None, False
                try:
                    if worker.conn.poll():
                        message = worker.conn.recv()
                except (EOFError, OSError):  # the worker's end of the pipe is closed: it is gone
                    eof = True
                if message is None:
                    if not eof and worker.process.sentinel not in ready:
                        continue
                    worker.process.join(timeout=5)
                    if worker.process.is_alive():
                        worker.process.kill()
                        worker.process.join()
                    code = worker.process.exitcode
                    if worker.task is not None:
                        chunk_id, chunk, attempt = worker.task
                        if attempt < MAX_ATTEMPTS:
                            log.warning("worker %s died (exit code %s) coding chunk %d; coding it again",
                                        worker.process.pid, code, chunk_id)
                            retry.append((chunk_id, chunk, attempt + 1))
                        else:
                            log.error("worker %s died (exit code %s) coding chunk %d again; its %d inputs are skipped",
                                      worker.process.pid, code, chunk_id, len(chunk))
                            done[chunk_id] = _dead_chunk(chunk, E090, f"exit code {code}")
                    elif not worker.ready:
                        startup_deaths += 1
                        if startup_deaths > 2 * workers:
                            raise EventwireError(E094.format(code=code))
                    worker.conn.close()
                    pool[i] = _Worker(ctx, factory)
                    continue
                kind = message[0]
                if kind == "ready":
                    worker.ready = True
                    startup_deaths = 0
                elif kind == "done":
                    _, chunk_id, results = message
                    done[chunk_id] = results
                    worker.task = None
                elif kind == "fatal":
                    error = message[1]
                    raise error if isinstance(error, EventwireError) else EventwireError(E094.format(code=error))
    finally:
        for worker in pool:
            worker.stop()


# --------------------------------------------------------------------------- Dask


def _run_dask(items, address: str, workers: int, chunk_size: int, factory: PipelineFactory) -> Iterator[Result]:
    try:
        from distributed import Client, LocalCluster
        from distributed.scheduler import KilledWorker
    except ImportError as exc:
        raise EventwireError(E093) from exc
    cluster = None
    try:
        if address == "local":
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            client = Client(cluster)
        else:
            client = Client(address, timeout="10s")
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        raise EventwireError(E092.format(address=address, detail=f"{type(exc).__name__}: {exc}")) from exc
    try:
        n_workers = len(client.scheduler_info().get("workers", {})) or workers
        window = max(n_workers, 1) * WINDOW_PER_WORKER
        in_flight: deque = deque()
        chunks = _chunks(items, chunk_size)
        for chunk in chunks:
            # pure=False: two equal chunks are still two tasks with two results
            in_flight.append((chunk, client.submit(_code_chunk_with, chunk, factory, pure=False, retries=1)))
            if len(in_flight) >= window:
                yield from _dask_result(*in_flight.popleft(), KilledWorker)
        while in_flight:
            yield from _dask_result(*in_flight.popleft(), KilledWorker)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _dask_result(chunk, future, killed_worker: type[BaseException]) -> list[Result]:
    try:
        return future.result()
    except killed_worker as exc:
        log.error("Dask gave up on a chunk of %d inputs: %s", len(chunk), exc)
        return _dead_chunk(chunk, E096, type(exc).__name__)
    finally:
        future.release()
