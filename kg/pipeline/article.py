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
from kg.mentions.resolver import Resolver
from kg.nlp import BATCH_SIZE, parse
from kg.pipeline.options import BuildOptions
from kg.rdf.iri import article_iri, event_iri
from kg.rdf.quads import article_triples
from kg.records import Article, ArticleGraph, Extraction
from kg.resources.lexicon import Lexicon, load_lexicon

__all__ = ["Prepared", "extract_article", "extract_articles", "prepare"]

# One article, extracted and turned into its graph.
Prepared = tuple[Extraction, ArticleGraph]


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
) -> Iterator[Extraction]:
    """Parse and extract a stream of articles, one Extraction per article."""
    lexicon = lexicon or load_lexicon()
    for doc, article in parse(
        nlp, articles, batch_size=batch_size, n_process=n_process
    ):
        yield extract_article(doc, article, lexicon)


def prepare(
    extraction: Extraction, options: BuildOptions, lexicon: Lexicon
) -> Prepared:
    """Apply ``--min-confidence`` and make the article's graph."""
    if options.min_confidence > 0:
        kept = tuple(
            e for e in extraction.events if e.confidence >= options.min_confidence
        )
        extraction = replace(extraction, events=kept)
    triples = article_triples(extraction, base=options.base, lexicon=lexicon)
    graph = str(article_iri(options.base, extraction.article.id))
    events = len({event_iri(options.base, e) for e in extraction.events})
    return extraction, ArticleGraph(graph, tuple(triples), events)
