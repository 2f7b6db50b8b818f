"""Where the per-article work runs: here, in local processes, or on Dask.

Every executor has one signature, ``(articles, options, nlp) → Prepared in
input order``, so a parallel build writes exactly what a serial one writes.
Worker processes load the spaCy pipeline once and send back frozen records
(the Extraction and the article's N-Triples lines), which are cheap to pickle.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from itertools import islice
from multiprocessing.pool import AsyncResult
from typing import TYPE_CHECKING

from kg.errors import KGError
from kg.pipeline.options import BuildOptions
from kg.records import Article
from kg.resources.lexicon import Lexicon, load_lexicon

if TYPE_CHECKING:
    # spaCy and the extractors load where articles are parsed: in this
    # process for a serial build, only in the workers for --workers and Dask
    from spacy.language import Language

    from kg.pipeline.article import Prepared

__all__ = ["EXECUTORS", "Executor", "executor_for"]

Executor = Callable[
    [Iterable[Article], BuildOptions, "Language | None"],
    Generator["Prepared", None, None],
]
_CHUNK = 4  # articles per task: enough to amortise the round trip, few enough
# that the last tasks of a build leave little idle time when workers finish unevenly
# One pipeline per worker process, loaded by the pool's initializer.
_WORKER: dict[str, tuple[Language, Lexicon]] = {}
_FAILED: list[KGError] = []  # why this worker could not load it


def executor_for(options: BuildOptions) -> Executor:
    """The executor ``options`` ask for: Dask, local processes, or this process."""
    if options.dask:
        return EXECUTORS["dask"]
    return EXECUTORS["processes" if options.workers > 1 else "serial"]


def run_serial(
    articles: Iterable[Article], options: BuildOptions, nlp: Language | None
) -> Generator[Prepared, None, None]:
    """Extract in this process (with ``nlp`` if given, else the options' model)."""
    from kg.nlp import load_pipeline
    from kg.pipeline.article import decider_for, extract_articles, prepare

    decider = decider_for(options)  # a missing model is named before parsing
    pipeline = nlp or load_pipeline(options.model)
    lexicon = load_lexicon()
    for extraction in extract_articles(
        pipeline,
        articles,
        batch_size=options.batch_size,
        lexicon=lexicon,
        decider=decider,
    ):
        yield prepare(extraction, options, lexicon)


def run_processes(
    articles: Iterable[Article], options: BuildOptions, nlp: Language | None = None
) -> Generator[Prepared, None, None]:
    """Extract in ``options.workers`` processes, yielding in input order."""
    from kg.nlp import find_pipeline

    find_pipeline(options.model)  # a missing pipeline is named here, not in each worker
    context = multiprocessing.get_context("spawn")
    with context.Pool(
        options.workers, initializer=_start, initargs=(options.model,)
    ) as pool:
        # A bounded window of tasks: Pool.imap would read every article ahead
        # and pile results up in memory whenever writing is slower than extracting.
        pending: deque[AsyncResult[list[Prepared]]] = deque()
        window = 4 * options.workers
        for chunk in _chunks(articles, _CHUNK):
            pending.append(pool.apply_async(_work, (chunk, options)))
            if len(pending) >= window:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


def run_dask(
    articles: Iterable[Article], options: BuildOptions, nlp: Language | None = None
) -> Generator[Prepared, None, None]:
    """Extract on the Dask cluster at ``options.dask``, yielding in input order.

    Tasks are submitted in a bounded window (four per worker thread) so that
    a large corpus streams through without holding every result. Each worker
    loads the pipeline once and keeps it.
    """
    from distributed import Client

    try:
        client = Client(options.dask, timeout="10s")  # type: ignore[no-untyped-call]
    except OSError as err:
        raise KGError(
            f"Cannot reach the Dask scheduler at {options.dask}: {err}. Start one "
            "with `dask scheduler` and workers with `dask worker ADDRESS`."
        ) from err
    with client:
        threads = client.nthreads()  # type: ignore[no-untyped-call]
        window = 4 * max(1, sum(threads.values()))
        pending: deque[object] = deque()
        for chunk in _chunks(articles, _CHUNK):
            pending.append(client.submit(_remote_work, chunk, options, pure=False))
            if len(pending) >= window:
                yield from pending.popleft().result()  # type: ignore[attr-defined]
        while pending:
            yield from pending.popleft().result()  # type: ignore[attr-defined]


EXECUTORS: dict[str, Executor] = {
    "serial": run_serial,
    "processes": run_processes,
    "dask": run_dask,
}


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _start(model: str | None) -> None:
    from kg.nlp import load_pipeline

    try:
        _WORKER["nlp"] = (load_pipeline(model), load_lexicon())
    except Exception as err:  # an initializer that raises is restarted forever
        _FAILED.append(KGError(f"A worker could not load the pipeline: {err}"))


def _work(articles: list[Article], options: BuildOptions) -> list[Prepared]:
    from kg.pipeline.article import decider_for, extract_articles, prepare

    if _FAILED:
        raise _FAILED[0]  # reaches the writing process as the task's error
    nlp, lexicon = _WORKER["nlp"]
    decider = decider_for(options)
    return [
        prepare(extraction, options, lexicon)
        for extraction in extract_articles(
            nlp,
            articles,
            batch_size=options.batch_size,
            lexicon=lexicon,
            decider=decider,
        )
    ]


def _remote_work(articles: list[Article], options: BuildOptions) -> list[Prepared]:
    """Runs on a Dask worker: load the pipeline once per process, then extract."""
    if "nlp" not in _WORKER:
        _start(options.model)
    return _work(articles, options)
