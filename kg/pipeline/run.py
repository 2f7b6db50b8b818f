"""The one place that knows the order of the stages: files → RDF."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from rdflib import Dataset, URIRef
from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import KGError
from kg.extract.events import extract_events
from kg.ingest import read_inputs
from kg.mentions.resolver import Resolver
from kg.nlp import BATCH_SIZE, load_pipeline, parse
from kg.pipeline.executors import extract_dask, extract_parallel
from kg.rdf.iri import DEFAULT_BASE, article_iri, check_base
from kg.rdf.mapping import add_extraction, article_hash, bind_prefixes
from kg.records import Article, Extraction, Problem
from kg.resources.lexicon import Lexicon, load_lexicon
from kg.store.articles import (
    ArticleGraph,
    Updatable,
    article_graph,
    ready_to_read,
    store_article,
    stored_articles,
)
from kg.store.merged import refresh_merged

__all__ = [
    "BuildOptions",
    "BuildReport",
    "build",
    "build_store",
    "extract_article",
    "extract_articles",
]


@dataclass
class BuildReport:
    """What a build read, made and skipped."""

    articles: int = 0
    sentences: int = 0
    words: int = 0
    entities: set[str] = field(default_factory=set)
    events: Counter[str] = field(default_factory=Counter)
    triples: int = 0
    seconds: float = 0.0
    problems: list[Problem] = field(default_factory=list)
    unchanged: int = 0
    merged: int = 0

    def add(self, extraction: Extraction) -> None:
        self.articles += 1
        self.sentences += extraction.sentences
        self.words += extraction.words
        self.entities.update(m.entity.key for m in extraction.mentions)
        self.events.update(e.event_class for e in extraction.events)


def extract_article(doc: Doc, article: Article, lexicon: Lexicon) -> Extraction:
    """Mentions and events of one parsed article."""
    resolver = Resolver(doc, article.body_start)
    events = tuple(extract_events(doc, article, resolver, lexicon))
    mentions = {(m.start, m.end, m.entity.key): m for m in resolver.named_mentions()}
    for event in events:
        for argument in event.arguments:
            m = argument.mention
            mentions.setdefault((m.start, m.end, m.entity.key), m)
    ordered = tuple(mentions[k] for k in sorted(mentions))
    return Extraction(
        article=article,
        sentences=sum(1 for _ in doc.sents),
        mentions=ordered,
        events=events,
        words=sum(1 for t in doc if not (t.is_space or t.is_punct)),
    )


def extract_articles(
    nlp: Language,
    articles: Iterable[Article],
    *,
    batch_size: int = BATCH_SIZE,
    n_process: int = 1,
    lexicon: Lexicon | None = None,
) -> Iterator[Extraction]:
    """Parse and extract a stream of articles, one Extraction per article."""
    lexicon = lexicon or load_lexicon()
    for doc, article in parse(
        nlp, articles, batch_size=batch_size, n_process=n_process
    ):
        yield extract_article(doc, article, lexicon)


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """How to run a build (everything but where the output goes)."""

    model: str | None = None
    base: str = DEFAULT_BASE
    batch_size: int = BATCH_SIZE
    workers: int = 1
    min_confidence: float = 0.0
    dask: str | None = None

    def __post_init__(self) -> None:
        check_base(self.base)
        if not 0.0 <= self.min_confidence <= 1.0:
            raise KGError(
                f"--min-confidence {self.min_confidence} is outside [0, 1]; "
                "e.g. use 0.6"
            )
        if self.workers < 1:
            raise KGError(f"--workers {self.workers}: give 1 or more")


def build(
    inputs: Iterable[Path],
    *,
    model: str | None = None,
    base: str = DEFAULT_BASE,
    batch_size: int = BATCH_SIZE,
    n_process: int = 1,
    nlp: Language | None = None,
    on_article: Callable[[Extraction], None] | None = None,
    on_problem: Callable[[Problem], None] | None = None,
    min_confidence: float = 0.0,
    workers: int = 1,
    dask: str | None = None,
) -> tuple[Dataset, BuildReport]:
    """Read, parse and extract ``inputs`` into a Dataset (one graph per article).

    Bad inputs are recorded in the report and skipped; the rest is built.
    Events whose confidence is below ``min_confidence`` are left out.
    ``workers`` > 1 extracts in that many processes (same result, in order).
    """
    options = BuildOptions(
        model, base, batch_size, max(workers, n_process), min_confidence, dask=dask
    )
    started = time.perf_counter()
    report = BuildReport()
    lexicon = load_lexicon()
    dataset = Dataset()
    bind_prefixes(dataset, base)
    for extraction, _ in _extractions(inputs, options, report, nlp, on_problem):
        add_extraction(dataset, extraction, base=base, lexicon=lexicon)
        report.add(extraction)
        if on_article:
            on_article(extraction)
    report.triples = len(dataset)
    report.seconds = time.perf_counter() - started
    return dataset, report


def build_store(
    inputs: Iterable[Path],
    store: Updatable,
    *,
    options: BuildOptions | None = None,
    nlp: Language | None = None,
    resume: bool = False,
    on_article: Callable[[Extraction], None] | None = None,
    on_problem: Callable[[Problem], None] | None = None,
) -> BuildReport:
    """Read, parse and extract ``inputs`` into a persistent store, article by article.

    Each article is stored in one atomic update (replacing any earlier
    version), and ``on_article`` is called only once it is stored. With
    ``resume``, articles stored before with the same text and kg version are
    skipped (counted as ``unchanged``).
    """
    options = options or BuildOptions()
    started = time.perf_counter()
    report = BuildReport()
    known = _stored_digests(store) if resume else {}
    skip = {iri for iri, digest in known.items() if digest}

    def keep(article: Article) -> bool:
        iri = str(article_iri(options.base, article.id))
        if iri in skip and known[iri] == article_hash(article.text):
            report.unchanged += 1
            return False
        return True

    stream = _extractions(inputs, options, report, nlp, on_problem, keep, graphs=True)
    for extraction, graph in stream:
        assert graph is not None
        report.triples += store_article(store, graph)
        report.add(extraction)
        if on_article:
            on_article(extraction)
    report.merged = refresh_merged(store, options.base)
    ready_to_read(store)
    report.seconds = time.perf_counter() - started
    return report


def _extractions(
    inputs: Iterable[Path],
    options: BuildOptions,
    report: BuildReport,
    nlp: Language | None,
    on_problem: Callable[[Problem], None] | None,
    keep: Callable[[Article], bool] | None = None,
    *,
    graphs: bool = False,
) -> Iterator[tuple[Extraction, ArticleGraph | None]]:
    """Extractions in input order, with their article graphs when ``graphs``.

    The graphs are made where the extraction runs (in the workers, for
    parallel builds), so the process that writes the store only writes.
    """

    def articles() -> Iterator[Article]:
        for item in read_inputs(inputs):
            if isinstance(item, Problem):
                report.problems.append(item)
                if on_problem:
                    on_problem(item)
            elif keep is None or keep(item):
                yield item

    if options.dask:
        yield from extract_dask(articles(), options, options.dask, graphs=graphs)
    elif options.workers > 1:
        yield from extract_parallel(articles(), options, graphs=graphs)
    else:
        pipeline = nlp or load_pipeline(options.model)
        lexicon = load_lexicon()
        for extraction in extract_articles(
            pipeline, articles(), batch_size=options.batch_size, lexicon=lexicon
        ):
            yield prepare(extraction, options, lexicon, graphs=graphs)


def prepare(
    extraction: Extraction,
    options: BuildOptions,
    lexicon: Lexicon,
    *,
    graphs: bool,
) -> tuple[Extraction, ArticleGraph | None]:
    """Apply ``--min-confidence`` and, if asked, make the article's graph."""
    if options.min_confidence > 0:
        kept = tuple(
            e for e in extraction.events if e.confidence >= options.min_confidence
        )
        extraction = replace(extraction, events=kept)
    if not graphs:
        return extraction, None
    dataset = Dataset()
    graph = add_extraction(dataset, extraction, base=options.base, lexicon=lexicon)
    assert isinstance(graph.identifier, URIRef)
    return extraction, article_graph(dataset, graph.identifier)


def _stored_digests(store: Updatable) -> dict[str, str | None]:
    return {a.iri: a.digest for a in stored_articles(store)}
