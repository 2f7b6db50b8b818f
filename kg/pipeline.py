"""The one place that knows the order of the stages: files → RDF."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from rdflib import Dataset
from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import KGError
from kg.extract.events import extract_events
from kg.ingest import read_inputs
from kg.lexicon import Lexicon, load_lexicon
from kg.mentions import Resolver
from kg.nlp import BATCH_SIZE, load_pipeline, parse
from kg.rdf.build import add_extraction, bind_prefixes
from kg.rdf.iri import DEFAULT_BASE, check_base
from kg.records import Article, Extraction, Problem

__all__ = ["BuildReport", "build", "extract_article", "extract_articles"]


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
) -> tuple[Dataset, BuildReport]:
    """Read, parse and extract ``inputs`` into a Dataset (one graph per article).

    Bad inputs are recorded in the report and skipped; the rest is built.
    Events whose confidence is below ``min_confidence`` are left out.
    """
    check_base(base)
    if not 0.0 <= min_confidence <= 1.0:
        raise KGError(
            f"--min-confidence {min_confidence} is outside [0, 1]; e.g. use 0.6"
        )
    started = time.perf_counter()
    report = BuildReport()
    nlp = nlp or load_pipeline(model)
    lexicon = load_lexicon()
    dataset = Dataset()
    bind_prefixes(dataset, base)

    def articles() -> Iterator[Article]:
        for item in read_inputs(inputs):
            if isinstance(item, Problem):
                report.problems.append(item)
                if on_problem:
                    on_problem(item)
            else:
                yield item

    for extraction in extract_articles(
        nlp, articles(), batch_size=batch_size, n_process=n_process, lexicon=lexicon
    ):
        if min_confidence > 0:
            kept = tuple(e for e in extraction.events if e.confidence >= min_confidence)
            extraction = replace(extraction, events=kept)
        add_extraction(dataset, extraction, base=base, lexicon=lexicon)
        report.add(extraction)
        if on_article:
            on_article(extraction)
    report.triples = len(dataset)
    report.seconds = time.perf_counter() - started
    return dataset, report
