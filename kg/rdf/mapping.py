"""Records → RDF: one named graph per article, events as n-ary nodes.

The entity-to-entity triples (``:north-korea kg:supplied :russia``) are a view
derived from asserted events, written next to them for simple SPARQL.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import PROV

from kg._version import __version__
from kg.mentions.reasons import merge_note
from kg.rdf.iri import (
    DEFAULT_BASE,
    argument_iri,
    article_hash,
    article_iri,
    entity_iri,
    event_iri,
    relation_iri,
    source_file,
)
from kg.rdf.vocab import KG
from kg.records import (
    Entity,
    EntityType,
    Event,
    Extraction,
    Factuality,
    Role,
)
from kg.resources.lexicon import GENERIC, Lexicon, load_lexicon
from kg.resources.wikidata import entity_item

__all__ = [
    "SCHEMA",
    "VERSION",
    "add_extraction",
    "article_hash",
    "bind_prefixes",
    "build_dataset",
    "union",
]

SCHEMA = Namespace("https://schema.org/")
VERSION = __version__
_FACTUALITY = {
    Factuality.ASSERTED: KG.Asserted,
    Factuality.NEGATED: KG.Negated,
    Factuality.FUTURE: KG.Future,
    Factuality.POSSIBLE: KG.Possible,
    Factuality.EXPECTED: KG.Expected,
}
_TIME_TYPES = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}
# Roles the derived view links the agent to, in order of preference.
_VIEW_ROLES = (Role.RECIPIENT, Role.TARGET, Role.THEME)


def build_dataset(
    extractions: Iterable[Extraction],
    *,
    base: str = DEFAULT_BASE,
    lexicon: Lexicon | None = None,
) -> Dataset:
    """A Dataset with one named graph per article (named by the article IRI)."""
    dataset = Dataset()
    bind_prefixes(dataset, base)
    for extraction in extractions:
        add_extraction(dataset, extraction, base=base, lexicon=lexicon)
    return dataset


def add_extraction(
    dataset: Dataset,
    extraction: Extraction,
    *,
    base: str = DEFAULT_BASE,
    lexicon: Lexicon | None = None,
) -> Graph:
    """Write one article's records into its own named graph and return that graph."""
    lexicon = lexicon or load_lexicon()
    article = extraction.article
    graph = dataset.graph(URIRef(article_iri(base, article.id)))
    graph.remove((None, None, None))
    publisher = _article(graph, extraction, base)
    # One description per IRI: labels that differ only in case share a node.
    entities: dict[URIRef, Entity] = {}
    surfaces: dict[URIRef, set[str]] = {}

    def note(entity: Entity, surface: str | None) -> None:
        node = URIRef(entity_iri(base, entity))
        if node not in entities or entity.label < entities[node].label:
            entities[node] = entity
        forms = surfaces.setdefault(node, set())
        if surface:
            forms.add(" ".join(surface.split()))

    if publisher is not None:
        note(publisher, publisher.label)
    for mention in extraction.mentions:
        # "he" or "the company" is no name for the entity
        note(mention.entity, None if mention.antecedent else mention.text)
    for event in extraction.events:
        for speaker in event.attributed_to:
            note(speaker, None)
        _event(graph, event, base, lexicon)
    for node in sorted(entities):
        _entity(graph, entities[node], surfaces[node], base)
    return graph


def union(dataset: Dataset) -> Graph:
    """All named graphs merged into one Graph (for Turtle and N-Triples)."""
    merged = Graph()
    for prefix, namespace in dataset.namespaces():
        merged.bind(prefix, namespace, override=True)
    for context in dataset.graphs():
        for triple in context:
            merged.add(triple)
    return merged


def bind_prefixes(graph: Graph | Dataset, base: str) -> None:
    """Bind the ontology's and the data's prefixes for readable output."""
    graph.bind("kg", KG._NS)
    graph.bind("schema", SCHEMA)
    graph.bind("prov", PROV)
    graph.bind("skos", SKOS)
    for name in (
        "article",
        "event",
        "relation",
        *(t.value.lower() for t in EntityType),
    ):
        graph.bind(name, Namespace(f"{base}{name}/"))


def _article(graph: Graph, extraction: Extraction, base: str) -> Entity | None:
    article = extraction.article
    node = URIRef(article_iri(base, article.id))
    graph.add((node, RDF.type, SCHEMA.NewsArticle))
    graph.add((node, SCHEMA.identifier, Literal(article.id)))
    graph.add((node, KG.contentHash, Literal(article_hash(article.text))))
    if article.date:
        graph.add(
            (node, SCHEMA.datePublished, Literal(article.date, datatype=XSD.date))
        )
    if article.title:
        graph.add((node, SCHEMA.headline, Literal(article.title)))
    if article.url:
        graph.add((node, SCHEMA.url, Literal(article.url, datatype=XSD.anyURI)))
    if article.author:
        graph.add((node, SCHEMA.author, Literal(article.author)))
    publisher = None
    if article.publisher:
        publisher = Entity(
            key=f"organization:{article.publisher.casefold()}",
            label=article.publisher,
            type=EntityType.ORGANIZATION,
        )
        graph.add((node, SCHEMA.publisher, URIRef(entity_iri(base, publisher))))
    if article.agency:
        graph.add((node, KG.agency, Literal(article.agency)))
    if article.dateline:
        graph.add((node, KG.dateline, Literal(article.dateline)))
    graph.add((node, KG.sourceFile, Literal(source_file(article.origin))))
    # the whole text: every stored offset points into it (the web app's article page)
    graph.add((node, SCHEMA.articleBody, Literal(article.text)))
    return publisher if article.publisher else None


def _entity(graph: Graph, entity: Entity, surfaces: set[str], base: str) -> None:
    node = URIRef(entity_iri(base, entity))
    graph.add((node, RDF.type, _term(entity.type.value)))
    graph.add((node, RDFS.label, Literal(entity.label)))
    for surface in surfaces:
        graph.add((node, SKOS.altLabel, Literal(surface)))
        note = merge_note(entity.label, entity.type.value, surface)
        if note is not None and entity.type is not EntityType.THING:
            graph.add((node, KG.mergedBecause, Literal(note)))
    if entity.iso2:
        graph.add((node, KG.isoCode, Literal(entity.iso2)))
    if entity.iso3:
        graph.add((node, KG.isoAlpha3, Literal(entity.iso3)))
    item = entity_item(entity)
    if item is not None:
        graph.add((node, OWL.sameAs, URIRef(item)))
    if entity.based_in:
        country = Entity(
            key=f"country:{entity.based_in.casefold()}",
            label=entity.based_in,
            type=EntityType.COUNTRY,
        )
        graph.add((node, KG.basedIn, URIRef(entity_iri(base, country))))


def _event(graph: Graph, event: Event, base: str, lexicon: Lexicon) -> None:
    node = URIRef(event_iri(base, event))
    add = graph.add
    add((node, RDF.type, _term(event.event_class)))
    add((node, KG.relation, Literal(event.relation)))
    add((node, KG.triggerText, Literal(event.trigger)))
    add((node, KG.triggerBegin, Literal(event.trigger_start)))
    add((node, KG.triggerEnd, Literal(event.trigger_end)))
    add((node, KG.evidence, Literal(event.sentence)))
    add((node, KG.beginOffset, Literal(event.sentence_start)))
    add((node, KG.endOffset, Literal(event.sentence_end)))
    add((node, PROV.wasDerivedFrom, URIRef(article_iri(base, event.article_id))))
    add((node, KG.factuality, _FACTUALITY[event.factuality]))
    add((node, KG.confidence, Literal(Decimal(f"{event.confidence:.3f}"))))
    add((node, KG.extractor, Literal(event.extractor)))
    add((node, KG.extractorVersion, Literal(VERSION)))
    if event.time is not None:
        interval = event.time.interval
        if interval is None:
            datatype = _TIME_TYPES[event.time.granularity]
            add((node, KG.time, Literal(event.time.value, datatype=datatype)))
        else:
            add((node, KG.timeBegin, Literal(interval[0], datatype=XSD.date)))
            add((node, KG.timeEnd, Literal(interval[1], datatype=XSD.date)))
        add((node, KG.timeText, Literal(event.time.text)))
    for speaker in event.attributed_to:
        add((node, KG.attributedTo, URIRef(entity_iri(base, speaker))))
    for number, amount in enumerate(event.amounts):
        node_amount = URIRef(f"{node}/amount-{number}")
        add((node, KG.amount, node_amount))
        add((node_amount, RDF.type, KG.Amount))
        add((node_amount, KG.value, Literal(amount.value)))
        add((node_amount, KG.text, Literal(amount.text)))
        add((node_amount, KG.beginOffset, Literal(amount.start)))
        add((node_amount, KG.endOffset, Literal(amount.end)))
        for prop, value in (
            (KG.unit, amount.unit),
            (KG.currency, amount.currency),
            (KG.qualifier, amount.qualifier),
        ):
            if value is not None:
                add((node_amount, prop, Literal(value)))
    if event.stance is not None:
        add((node, KG.stance, _term(event.stance.value.capitalize())))
    for argument in event.arguments:
        mention = argument.mention
        target = URIRef(entity_iri(base, mention.entity))
        role = _term(argument.role.value)
        add((node, role, target))
        arg = URIRef(argument_iri(node, argument.role))
        add((node, KG.argument, arg))
        add((arg, RDF.type, KG.Argument))
        add((arg, KG.roleProperty, role))
        add((arg, KG.entity, target))
        add((arg, KG.text, Literal(mention.text)))
        add((arg, KG.beginOffset, Literal(mention.start)))
        add((arg, KG.endOffset, Literal(mention.end)))
        if mention.antecedent is not None:
            add((arg, KG.antecedentText, Literal(mention.antecedent.text)))
            add((arg, KG.antecedentBegin, Literal(mention.antecedent.start)))
            add((arg, KG.antecedentEnd, Literal(mention.antecedent.end)))
    if event.factuality is Factuality.ASSERTED:
        _view(graph, event, base, lexicon)


def _term(name: str) -> URIRef:
    """A term of the closed ontology namespace; an unknown name raises."""
    term: URIRef = getattr(KG, name)
    return term


def _view(graph: Graph, event: Event, base: str, lexicon: Lexicon) -> None:
    agents = event.role(Role.AGENT)
    if not agents:
        return
    for role in _VIEW_ROLES:
        others = event.role(role)
        if others:
            break
    else:
        return
    if event.event_class == GENERIC:
        prop: URIRef = URIRef(relation_iri(base, event.relation))
        graph.add((prop, RDFS.subPropertyOf, KG.relatedTo))
        graph.add((prop, RDFS.label, Literal(event.relation)))
    else:
        prop = _term(lexicon.direct.get(event.event_class, "relatedTo"))
    for agent in agents:
        for other in others:
            graph.add(
                (
                    URIRef(entity_iri(base, agent.entity)),
                    prop,
                    URIRef(entity_iri(base, other.entity)),
                )
            )
