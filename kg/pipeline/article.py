"""The work done on one article: parsed Doc → Extraction → its RDF graph.

This is what runs in a worker process (or on a Dask worker): everything an
article needs short of writing, so the process that writes only writes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.events import extract_events
from kg.learn.predict import UNTYPED, Decider, decide, load_decider
from kg.mentions.resolver import Resolver
from kg.nlp import BATCH_SIZE, parse
from kg.pipeline.options import BuildOptions
from kg.rdf.iri import article_iri, event_iri
from kg.rdf.quads import article_triples
from kg.records import Article, ArticleGraph, Extraction
from kg.resources.lexicon import Lexicon, load_lexicon

__all__ = [
    "Prepared",
    "decider_for",
    "extract_article",
    "extract_articles",
    "min_confidence",
    "prepare",
]

# One article, extracted and turned into its graph.
Prepared = tuple[Extraction, ArticleGraph]


def extract_article(
    doc: Doc, article: Article, lexicon: Lexicon, decider: Decider | None = None
) -> Extraction:
    """Mentions and events of one parsed article.

    With a ``decider``, the rules propose (in their high-recall mode) and the
    trained models decide the typed events, each with its calibrated
    confidence; statements and generic events stay the rules'.
    """
    resolver = Resolver(doc, article.body_start)
    if decider is None:
        events = tuple(extract_events(doc, article, resolver, lexicon))
    else:
        relaxed = list(extract_events(doc, article, resolver, lexicon, relaxed=True))
        untyped = [
            e
            for e in relaxed
            if e.event_class in UNTYPED and not e.extractor.endswith("+relaxed")
        ]
        decided = decide(doc, article, resolver, lexicon, decider, relaxed)
        events = tuple(
            sorted(
                [*untyped, *decided],
                key=lambda e: (e.trigger_start, e.event_class, e.extractor),
            )
        )
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
        words=_words(doc),
    )


def _words(doc: Doc) -> int:
    """The tokens that are neither space nor punctuation, counted without
    building a Token object per word."""
    from spacy.attrs import IS_PUNCT, IS_SPACE

    if len(doc) == 0:
        return 0
    flags = doc.to_array([IS_SPACE, IS_PUNCT])
    return int((flags.sum(axis=1) == 0).sum())


def extract_articles(
    nlp: Language,
    articles: Iterable[Article],
    *,
    batch_size: int = BATCH_SIZE,
    n_process: int = 1,
    lexicon: Lexicon | None = None,
    decider: Decider | None = None,
) -> Iterator[Extraction]:
    """Parse and extract a stream of articles, one Extraction per article."""
    lexicon = lexicon or load_lexicon()
    for doc, article in parse(
        nlp, articles, batch_size=batch_size, n_process=n_process
    ):
        yield extract_article(doc, article, lexicon, decider)


def prepare(
    extraction: Extraction, options: BuildOptions, lexicon: Lexicon
) -> Prepared:
    """Apply ``--min-confidence`` and make the article's graph."""
    floor = min_confidence(options)
    if floor > 0:
        kept = tuple(e for e in extraction.events if e.confidence >= floor)
        extraction = replace(extraction, events=kept)
    triples = article_triples(extraction, base=options.base, lexicon=lexicon)
    graph = str(article_iri(options.base, extraction.article.id))
    events = len({event_iri(options.base, e) for e in extraction.events})
    return extraction, ArticleGraph(graph, tuple(triples), events)


def decider_for(options: BuildOptions) -> Decider | None:
    """The trained decider a build uses (None with ``decider="rules"``).

    Raises:
        ModelError: The model is missing or made for another kg.
    """
    return load_decider() if options.decider == "model" else None


def min_confidence(options: BuildOptions) -> float:
    """The confidence below which a build leaves events out."""
    if options.min_confidence is not None:
        return options.min_confidence
    if options.decider == "model":
        return load_decider().threshold
    return 0.0
