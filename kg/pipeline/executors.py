"""Extraction in several processes on one machine.

Each worker process loads the spaCy pipeline once and turns batches of
articles into Extraction records (plain frozen dataclasses, cheap to send
back). Results come back in input order, so a parallel build writes exactly
what a single-process build writes.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from multiprocessing.pool import AsyncResult
from typing import TYPE_CHECKING

from kg.records import Article, Extraction

if TYPE_CHECKING:
    from kg.pipeline.run import BuildOptions
    from kg.store.articles import ArticleGraph

__all__ = ["extract_dask", "extract_parallel"]

_CHUNK = 8  # articles per task: large enough to amortise the round trip
_state: dict[str, object] = {}
Prepared = tuple[Extraction, "ArticleGraph | None"]


def extract_parallel(
    articles: Iterable[Article], options: BuildOptions, *, graphs: bool = False
) -> Iterator[Prepared]:
    """Extract ``articles`` in ``options.workers`` processes, yielding in order.

    With ``graphs``, each article's graph is made in the worker too, so the
    process that writes the store only writes.
    """
    context = multiprocessing.get_context("spawn")
    with context.Pool(
        options.workers,
        initializer=_start,
        initargs=(options.model, options.batch_size),
    ) as pool:
        # A bounded window of tasks: Pool.imap would read every article ahead
        # and pile results up in memory whenever writing is slower than extracting.
        pending: deque[AsyncResult[list[Prepared]]] = deque()
        window = 4 * options.workers
        for chunk in _chunks(articles, _CHUNK):
            pending.append(pool.apply_async(_work, ((chunk, options, graphs),)))
            if len(pending) >= window:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _start(model: str | None, batch_size: int) -> None:
    from kg.nlp import load_pipeline
    from kg.resources.lexicon import load_lexicon

    _state["nlp"] = load_pipeline(model)
    _state["lexicon"] = load_lexicon()
    _state["batch_size"] = batch_size


def _work(task: tuple[list[Article], BuildOptions, bool]) -> list[Prepared]:
    from kg.pipeline.run import extract_articles, prepare

    articles, options, graphs = task
    lexicon = _state["lexicon"]
    return [
        prepare(extraction, options, lexicon, graphs=graphs)  # type: ignore[arg-type]
        for extraction in extract_articles(
            _state["nlp"],  # type: ignore[arg-type]
            articles,
            batch_size=int(_state["batch_size"]),  # type: ignore[call-overload]
            lexicon=lexicon,  # type: ignore[arg-type]
        )
    ]


def extract_dask(
    articles: Iterable[Article],
    options: BuildOptions,
    address: str,
    *,
    graphs: bool = False,
) -> Iterator[Prepared]:
    """Extract on a Dask distributed cluster, yielding in input order.

    Tasks are submitted in a bounded window (four per worker thread) so that
    a large corpus streams through without holding every result. Each worker
    loads the pipeline once and keeps it.
    """
    try:
        from distributed import Client
    except ImportError as err:  # pragma: no cover - distributed is a dependency
        from kg.errors import KGError

        raise KGError(
            "--dask needs the `distributed` package: run make install"
        ) from err
    from kg.errors import KGError

    try:
        client = Client(address, timeout="10s")  # type: ignore[no-untyped-call]
    except OSError as err:
        raise KGError(
            f"Cannot reach the Dask scheduler at {address}: {err}. Start one with "
            "`dask scheduler` and workers with `dask worker ADDRESS`."
        ) from err
    with client:
        threads = client.nthreads()  # type: ignore[no-untyped-call]
        window = 4 * max(1, sum(threads.values()))
        pending: list[object] = []
        for chunk in _chunks(articles, _CHUNK):
            pending.append(
                client.submit(_remote_work, chunk, options, graphs, pure=False)
            )
            if len(pending) >= window:
                yield from pending.pop(0).result()  # type: ignore[attr-defined]
        for future in pending:
            yield from future.result()  # type: ignore[attr-defined]


def _remote_work(
    articles: list[Article], options: BuildOptions, graphs: bool
) -> list[Prepared]:
    """Runs on a Dask worker: load the pipeline once per process, then extract."""
    if "nlp" not in _state:
        _start(options.model, options.batch_size)
    return _work((articles, options, graphs))
