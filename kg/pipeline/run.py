"""The one build: files → articles → per-article work → a store or one RDF file.

This is the only module that knows the order of the write path; it chains
the stages and hands the per-article work to an executor
(:mod:`kg.pipeline.executors`).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import KGError
from kg.ingest import read_inputs
from kg.pipeline.executors import executor_for
from kg.pipeline.options import BuildOptions, BuildReport
from kg.rdf.iri import article_hash, article_iri
from kg.rdf.write import rdf_format, write_graphs
from kg.records import Article, ArticleGraph, Extraction, Problem
from kg.store import Store

if TYPE_CHECKING:  # the writing process of a --workers build never loads spaCy
    from spacy.language import Language

    from kg.pipeline.article import Prepared

__all__ = ["build"]

_WRITES_AHEAD = 4  # articles handed to the writing thread and not yet stored


def build(
    inputs: Iterable[Path | str],
    target: Store | Path,
    *,
    options: BuildOptions | None = None,
    nlp: Language | None = None,
    on_article: Callable[[Extraction], None] | None = None,
    on_problem: Callable[[Problem], None] | None = None,
) -> BuildReport:
    """Read, parse and extract ``inputs`` into a store or one RDF file.

    Into a :class:`~kg.store.Store`, each article is stored in one atomic
    update (replacing any earlier version) and ``on_article`` is called once
    it is stored; afterwards the merged events are brought up to date and the
    store is compacted. Into a file (``.ttl``, ``.trig``, ``.nq``, ``.nt``,
    ``.jsonld``), the whole graph is written at the end, atomically.

    Bad inputs are recorded in the report, passed to ``on_problem`` and
    skipped; the rest is built.

    Args:
        inputs: Article files (.txt, .jsonl, .html, .rss, .atom, .xml),
            folders of them, or http(s) addresses of pages and feeds.
        target: An open, writable store, or the path of the file to write.
        options: How to run (model, base IRI, workers, Dask, --resume, ...).
        nlp: A loaded spaCy pipeline to use in this process.
        on_article: Called with each article's Extraction once it is built.
        on_problem: Called with each input that cannot be used.

    Raises:
        KGError: ``--resume`` with a file target, an unknown file extension, or
            no article could be read (nothing is written then).
    """
    options = options or BuildOptions()
    if isinstance(target, Store):
        return _into_store(inputs, target, options, nlp, on_article, on_problem)
    rdf_format(target)  # an unknown extension fails before any parsing
    if options.resume:
        raise KGError(
            "--resume works with a store: a file is written whole on every build. "
            "Drop --resume, or build into the store (--store) instead of -o."
        )
    return _into_file(inputs, target, options, nlp, on_article, on_problem)


def _into_store(
    inputs: Iterable[Path | str],
    store: Store,
    options: BuildOptions,
    nlp: Language | None,
    on_article: Callable[[Extraction], None] | None,
    on_problem: Callable[[Problem], None] | None,
) -> BuildReport:
    started = time.perf_counter()
    report = BuildReport()
    keep: Callable[[Article], bool] | None = None
    known: Callable[[str], bool] | None = None
    if options.resume:
        keep, known = _unchanged_filter(store, options, report)
    articles = _articles(inputs, report, on_problem, keep, known)
    prepared = executor_for(options)(articles, options, nlp)
    # both closed on the way out, so that an error stops worker processes at once
    with closing(prepared), closing(_stored(store, prepared)) as stored:
        for extraction, triples in stored:
            report.triples += triples
            report.add(extraction)
            if on_article:
                on_article(extraction)
    report.merged = store.refresh_derived(options.base)
    store.compact()
    report.seconds = time.perf_counter() - started
    return report


def _stored(
    store: Store, prepared: Iterable[Prepared]
) -> Generator[tuple[Extraction, int], None, None]:
    """Store each prepared article; yield it with its triple count once stored.

    One thread writes while the next articles are parsed: Oxigraph writes
    without holding Python's lock, so a serial build keeps the second core
    busy with its writes. Articles come out in input order. After a failed
    write nothing more is written and the failure is raised. On an error or
    interrupt while parsing, the write under way ends (each is atomic), the
    queued ones are dropped, and every article already stored is yielded
    before the error goes on; so the caller hears of every stored article,
    unless it stops listening itself (its own callback raising).
    """
    failed = threading.Event()

    def write(graph: ArticleGraph) -> int:
        if failed.is_set():
            raise KGError("not stored: an earlier article could not be stored")
        try:
            return store.add_article(graph)
        except BaseException:
            failed.set()
            raise

    pending: deque[tuple[Future[int], Extraction]] = deque()
    writer = ThreadPoolExecutor(1, thread_name_prefix="kg-store")
    try:
        for extraction, graph in prepared:
            pending.append((writer.submit(write, graph), extraction))
            while pending and (pending[0][0].done() or len(pending) > _WRITES_AHEAD):
                yield _take(pending)
        while pending:
            yield _take(pending)
    except GeneratorExit:  # the caller stopped listening: nothing to tell it
        raise
    except BaseException:
        writer.shutdown(wait=True, cancel_futures=True)
        while pending and _succeeded(pending[0][0]):
            yield _take(pending)
        raise
    finally:
        writer.shutdown(wait=True, cancel_futures=True)


def _succeeded(future: Future[int]) -> bool:
    return future.done() and not future.cancelled() and future.exception() is None


def _take(pending: deque[tuple[Future[int], Extraction]]) -> tuple[Extraction, int]:
    """The first pending article and its triple count, once it is stored.

    A failed write's Future is not left in a caller's frame: its error's
    traceback holds that frame, and the cycle would keep the store (and its
    lock) open until the garbage collector runs.
    """
    future, extraction = pending[0]
    try:
        triples = future.result()
    except BaseException as error:
        # a failed write is taken off; an interrupt while waiting leaves the
        # article queued, for the caller to hear of once its write has ended
        if future.done() and future.exception() is error:
            pending.popleft()
        raise
    finally:
        del future
    pending.popleft()
    return extraction, triples


def _into_file(
    inputs: Iterable[Path | str],
    path: Path,
    options: BuildOptions,
    nlp: Language | None,
    on_article: Callable[[Extraction], None] | None,
    on_problem: Callable[[Problem], None] | None,
) -> BuildReport:
    started = time.perf_counter()
    report = BuildReport()
    graphs: list[ArticleGraph] = []
    extractions: list[Extraction] = []
    jsonld = rdf_format(path) == "json-ld"
    articles = _articles(inputs, report, on_problem, None)
    for extraction, graph in executor_for(options)(articles, options, nlp):
        graphs.append(graph)
        if jsonld:  # written by rdflib from the records
            extractions.append(extraction)
        report.add(extraction)
        if on_article:
            on_article(extraction)
    if report.articles == 0:
        raise KGError("No article could be read from the inputs; nothing written.")
    write_graphs(graphs, path, base=options.base, records=extractions)
    report.triples = len({line for graph in graphs for line in graph.triples})
    report.seconds = time.perf_counter() - started
    return report


def _articles(
    inputs: Iterable[Path | str],
    report: BuildReport,
    on_problem: Callable[[Problem], None] | None,
    keep: Callable[[Article], bool] | None,
    stored: Callable[[str], bool] | None = None,
) -> Iterator[Article]:
    for item in read_inputs(inputs, stored=stored):
        if isinstance(item, Problem):
            (report.problems if item.skipped else report.notes).append(item)
            if on_problem:
                on_problem(item)
        elif keep is None or keep(item):
            yield item


def _unchanged_filter(
    store: Store, options: BuildOptions, report: BuildReport
) -> tuple[Callable[[Article], bool], Callable[[str], bool]]:
    """``--resume``: keep only articles not stored with the same text and
    version; and whether a web page's article is stored (then it is not
    fetched again)."""
    from kg.pages import address_id

    known = {a.iri: a.digest for a in store.articles() if a.digest}

    def keep(article: Article) -> bool:
        iri = str(article_iri(options.base, article.id))
        if known.get(iri) == article_hash(article.text):
            report.unchanged += 1
            return False
        return True

    def stored(url: str) -> bool:
        found = address_id(url)
        if found is not None and str(article_iri(options.base, found)) in known:
            report.unchanged += 1
            return True
        return False

    return keep, stored
