"""Stored events → a networkx graph of entities.

Each event whose agent is an actor (a person, organisation or country) and
that has a recipient, target or theme becomes an edge from the agent to the
first of those that is filled (the same order as the RDF's derived view). A
common-noun entity (``Thing``: "equipment", "company", "police") is never the
source of an edge, so unresolved descriptors connect nothing, and it is the
end of an edge only as a leaf. Denied events connect nothing and are left
out; the other factualities stay on the edge for the reader to see.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import pyoxigraph as ox

from kg.records import EntityType, Factuality, Link, Node, Role
from kg.resources.ontology import KG
from kg.store.entities import read_nodes
from kg.store.sparql import Queryable, restrict, select, speaks_lateral

__all__ = [
    "ACTOR_TYPES",
    "best_first",
    "collapse",
    "entity_graph",
    "entity_neighbourhood",
    "events_linking",
    "link_order",
    "linked_pairs",
    "links_of_events",
    "read_links",
]

# Roles an edge may point at, in order of preference.
EDGE_ROLES = (Role.RECIPIENT, Role.TARGET, Role.THEME)
# Who can be the source of an edge.
ACTOR_TYPES = frozenset({"Person", "Organization", "Country"})
_LINKS = """
SELECT ?event ?class ?relation ?trigger ?tb ?sb ?evidence ?f ?confidence ?time ?doc
       ?agent ?prop ?other
WHERE {
  VALUES ?prop { kg:recipient kg:target kg:theme }
  ?event kg:agent ?agent ;
         ?prop ?other ;
         a ?class ;
         kg:relation ?relation ;
         kg:triggerText ?trigger ;
         kg:triggerBegin ?tb ;
         kg:beginOffset ?sb ;
         kg:evidence ?evidence ;
         kg:factuality ?f ;
         kg:confidence ?confidence ;
         prov:wasDerivedFrom ?doc .
  # a generic event (no typed class) says too little to be a link
  FILTER (?f != kg:Negated && ?class != kg:Event)
  OPTIONAL { ?event kg:time ?point }
  OPTIONAL {
    ?event kg:timeBegin ?begin ; kg:timeEnd ?end
    BIND (CONCAT(STR(?begin), "/", STR(?end)) AS ?span)
  }
  BIND (COALESCE(STR(?point), ?span) AS ?time)
}"""
# The events an entity takes part in, as agent or participant.
_EVENTS_OF = """
SELECT DISTINCT ?event WHERE {
  { ?event kg:agent ?x }
  UNION { ?event kg:recipient ?x } UNION { ?event kg:target ?x }
  UNION { ?event kg:theme ?x }
  ?event kg:evidence ?evidence .
}"""
# The events that link some (agent, participant) pairs in any role.
# (Within GRAPH ?g: Oxigraph reads a pair's events by their graphs' indexes,
# four times faster than over the union of every graph.)
_PAIR_EVENTS = """
SELECT DISTINCT ?event WHERE {
  VALUES (?a ?b) { PAIRS }
  GRAPH ?g {
    ?event kg:agent ?a .
    { ?event kg:recipient ?b } UNION { ?event kg:target ?b }
    UNION { ?event kg:theme ?b }
  }
}"""
# What decides whether an event is a link (the patterns and filters of
# _LINKS), read by event: a VALUES block binds ?event, the FILTER keeps the
# properties (faster in Oxigraph than a VALUES block of properties).
_EVENT_FACTS = """
SELECT ?event ?p ?o WHERE {
  ?event ?p ?o .
  FILTER (?p IN (rdf:type, kg:agent, kg:recipient, kg:target, kg:theme,
                 kg:relation, kg:triggerText, kg:triggerBegin, kg:beginOffset,
                 kg:evidence, kg:factuality, kg:confidence, prov:wasDerivedFrom))
}"""
_REQUIRED = frozenset(
    {
        "type",
        "agent",
        "relation",
        "triggerText",
        "triggerBegin",
        "beginOffset",
        "evidence",
        "factuality",
        "confidence",
        "wasDerivedFrom",
    }
)
# The types of some entities (VALUES ?e), as :func:`read_nodes` reads them.
_TYPES_OF = f"""
SELECT DISTINCT ?e ?type WHERE {{
  ?e a ?type FILTER (?type IN ({", ".join(f"kg:{t.value}" for t in EntityType)}))
  FILTER EXISTS {{ ?e rdfs:label ?label }}
}}"""
# The events linking given (agent, participant) pairs.
_LINKING = """
SELECT DISTINCT ?event WHERE {
  VALUES (?a ?b) { PAIRS }
  VALUES ?prop { kg:recipient kg:target kg:theme }
  ?event kg:agent ?a ; ?prop ?b ; kg:evidence ?evidence ; a ?class .
  FILTER (?class != kg:Event)
}"""
_ARTICLES = """
SELECT ?doc ?published ?agency ?publisher WHERE {
  ?doc a schema:NewsArticle .
  OPTIONAL { ?doc schema:datePublished ?published }
  OPTIONAL { ?doc kg:agency ?agency }
  OPTIONAL { ?doc schema:publisher/rdfs:label ?publisher }
}"""


def entity_graph(store: Queryable) -> nx.MultiDiGraph[str]:
    """All entities as nodes (attribute ``node``: a :class:`Node`) and one
    edge per event and agent/participant pair (key: the event IRI, attribute
    ``link``: a :class:`Link`).

    Nodes and edges are added in sorted order, so algorithms that break ties
    by insertion order give the same answer on every run.
    """
    nodes = read_nodes(store)
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for iri in sorted(nodes):
        graph.add_node(iri, node=nodes[iri])
    for link in read_links(store, nodes):
        graph.add_edge(link.source, link.target, key=link.event, link=link)
    return graph


def entity_neighbourhood(store: Queryable, iri: str) -> nx.MultiDiGraph[str]:
    """The part of :func:`entity_graph` around one entity: every event it takes
    part in, with all their participants, read with targeted queries.

    Its edges at ``iri`` are those of the whole graph, so neighbours found
    here are the whole graph's.
    """
    events = sorted(
        row["event"].value
        for row in select(store, _EVENTS_OF.replace("?x", str(ox.NamedNode(iri))))
    )
    links, nodes = links_of_events(store, events, {iri})
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for each in sorted(nodes):
        graph.add_node(each, node=nodes[each])
    for link in links:
        graph.add_edge(link.source, link.target, key=link.event, link=link)
    return graph


def events_linking(store: Queryable, pairs: set[tuple[str, str]]) -> list[str]:
    """The events whose agent is the first of a pair and whose recipient,
    target or theme is the second, sorted."""
    found: set[str] = set()
    for a, b in sorted(pairs):
        # one pair a query: with a VALUES block of a dozen pairs Oxigraph
        # plans a scan of every event (4.5 s at 20,000 articles, 60 ms so)
        query = _LINKING.replace("PAIRS", f"({ox.NamedNode(a)} {ox.NamedNode(b)})")
        found |= {str(row["event"].value) for row in select(store, query)}
    return sorted(found)


def links_of_events(
    store: Queryable,
    events: list[str],
    ends: set[str],
    known: Mapping[str, Node] | None = None,
) -> tuple[list[Link], dict[str, Node]]:
    """The links of ``events`` (as in the whole graph) and the nodes they and
    ``ends`` join, read with targeted queries (or taken from ``known``, every
    entity of the store by IRI, when the caller has them)."""
    query = _per_event(events, lateral=speaks_lateral(store))
    rows = list(select(store, query)) if events else []
    involved = set(ends)
    for row in rows:
        involved |= {row["agent"].value, row["other"].value}
    if known is None:
        nodes = read_nodes(store, involved)
    else:
        nodes = {iri: known[iri] for iri in sorted(involved) if iri in known}
    docs = {row["doc"].value for row in rows}
    return _links(rows, nodes, _articles(store, docs)), nodes


def linked_pairs(
    store: Queryable,
    pairs: Iterable[tuple[str, str]],
    events: Iterable[str] | None = None,
) -> set[tuple[str, str]]:
    """Those of the (agent, participant) ``pairs`` that are edges of
    :func:`collapse` (``entity_graph``): some event that :data:`_LINKS`
    reads links them (its agent an actor, the participant in the first role
    of :data:`EDGE_ROLES` it fills). Only the events of the pairs are read,
    or only ``events`` when given (then a pair none of them links may still
    be linked by others)."""
    wanted = sorted(pairs)
    if not wanted:
        return set()
    if events is not None:
        return _linked_by(store, wanted, set(events))
    found: set[str] = set()
    for a, b in wanted:
        # one pair a query: with a VALUES block of many pairs Oxigraph may
        # plan a scan of every event (see events_linking)
        pair = f"({ox.NamedNode(a)} {ox.NamedNode(b)})"
        query = _PAIR_EVENTS.replace("PAIRS", pair)
        found |= {str(row["event"].value) for row in select(store, query)}
    return _linked_by(store, wanted, found)


def _linked_by(
    store: Queryable, wanted: list[tuple[str, str]], events: set[str]
) -> set[tuple[str, str]]:
    """Those of ``wanted`` that some of ``events`` links (see linked_pairs)."""
    facts: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    if events:
        for row in select(store, restrict(_EVENT_FACTS, "event", events)):
            name = str(row["p"].value).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
            facts[str(row["event"].value)][name].add(str(row["o"].value))
    ends = {iri for pair in wanted for iri in pair}
    types = {
        str(row["e"].value): str(row["type"].value).rsplit("#", 1)[-1]
        for row in select(store, restrict(_TYPES_OF, "e", ends))
    }
    asked = set(wanted)
    edges = set()
    for fact in facts.values():
        if not fact.keys() >= _REQUIRED or not fact["type"] - {f"{KG}Event"}:
            continue
        if fact["factuality"] <= {f"{KG}Negated"}:
            continue
        role = next((r.value for r in EDGE_ROLES if fact.get(r.value)), None)
        if role is None:  # an event that links nobody
            continue
        edges |= {
            (agent, other)
            for agent in fact["agent"]
            for other in fact[role]
            if (agent, other) in asked
            and agent != other
            and types.get(agent) in ACTOR_TYPES
            and other in types
        }
    return edges


def read_links(store: Queryable, nodes: dict[str, Node]) -> list[Link]:
    """The events of the store as links between entities, sorted."""
    return _links(select(store, _LINKS), nodes, _articles(store))


def _links(
    rows: Any,
    nodes: dict[str, Node],
    articles: dict[str, tuple[str | None, str | None]],
) -> list[Link]:
    events: dict[str, _Event] = {}
    for row in rows:
        iri = row["event"].value
        event = events.get(iri)
        if event is None:
            event = events[iri] = _Event(row)
        event.agents.add(row["agent"].value)
        event.roles[Role(row["prop"].value.rsplit("#", 1)[-1])].add(row["other"].value)
    links = []
    for iri, event in events.items():
        published, outlet = articles.get(event.doc, (None, None))
        links.extend(event.links(iri, nodes, published, outlet))
    return sorted(links, key=lambda link: (link.source, link.target, link.event))


def collapse(graph: nx.MultiDiGraph[str]) -> nx.DiGraph[str]:
    """One edge per ordered entity pair, with ``links`` (best first) and
    ``weight`` (the number of supporting events).

    Path searches run on this graph: ``all_simple_paths`` and its kin explode
    on parallel edges.
    """
    simple: nx.DiGraph[str] = nx.DiGraph()
    simple.add_nodes_from(graph.nodes(data=True))
    grouped: dict[tuple[str, str], list[Link]] = defaultdict(list)
    for source, target, data in graph.edges(data=True):
        grouped[source, target].append(data["link"])
    for (source, target), links in sorted(grouped.items()):
        ordered = tuple(best_first(links))
        simple.add_edge(source, target, links=ordered, weight=len(ordered))
    return simple


def best_first(links: Iterable[Link]) -> list[Link]:
    """Links best evidence first: asserted first; then those of the relation
    the most expected right events support (the sum of its asserted links'
    confidences: three supplies at 0.3 outweigh one partnership at 0.5);
    within it, by :func:`link_order`."""
    found = list(links)
    support: dict[str, float] = defaultdict(float)
    for link in found:
        if link.factuality is Factuality.ASSERTED:
            support[link.event_class] += link.confidence
    return sorted(
        found,
        key=lambda link: (
            link.factuality is not Factuality.ASSERTED,
            -round(support[link.event_class], 6),
            link.event_class,
            *link_order(link)[1:],
        ),
    )


def link_order(link: Link) -> tuple[bool, float, str, str]:
    """Best evidence first: asserted, most confident, earliest, then by IRI."""
    return (
        link.factuality is not Factuality.ASSERTED,
        -link.confidence,
        link.date or "9999",
        link.event,
    )


@dataclass
class _Event:
    """The rows of one event, gathered before it becomes links."""

    row: Any
    agents: set[str] = field(default_factory=set)
    roles: dict[Role, set[str]] = field(default_factory=lambda: defaultdict(set))

    @property
    def doc(self) -> str:
        return str(self.row["doc"].value)

    def links(
        self,
        iri: str,
        nodes: dict[str, Node],
        published: str | None,
        outlet: str | None,
    ) -> list[Link]:
        row = self.row
        role = next(r for r in EDGE_ROLES if self.roles.get(r))
        themes: tuple[str, ...] = ()
        if role is not Role.THEME:
            themes = tuple(
                sorted(
                    nodes[t].label for t in self.roles.get(Role.THEME, ()) if t in nodes
                )
            )
        time = row["time"]
        start = int(row["tb"].value) - int(row["sb"].value)
        return [
            Link(
                event=iri,
                source=agent,
                target=other,
                role=role,
                event_class=row["class"].value.rsplit("#", 1)[-1],
                relation=row["relation"].value,
                trigger=row["trigger"].value,
                trigger_at=max(start, 0),
                themes=themes,
                time=time.value if time is not None else None,
                factuality=Factuality(row["f"].value.rsplit("#", 1)[-1].lower()),
                confidence=float(row["confidence"].value),
                evidence=row["evidence"].value,
                article=self.doc,
                published=published,
                outlet=outlet,
            )
            for agent in sorted(self.agents)
            for other in sorted(self.roles[role])
            if agent != other
            and agent in nodes
            and other in nodes
            and nodes[agent].type in ACTOR_TYPES
        ]


def _per_event(events: list[str], *, lateral: bool = True) -> str:
    """:data:`_LINKS` for these events only, run once per event (LATERAL):
    Oxigraph would otherwise plan the join from the other patterns (ten times
    slower for 50 events). Without ``lateral``, the same answers in SPARQL
    1.1: the events' VALUES block joined to the patterns (for Virtuoso)."""
    if not lateral:
        return restrict(_LINKS, "event", events)
    head, body = _LINKS.split("WHERE {", 1)
    return restrict(f"{head}WHERE {{\n  LATERAL {{{body}\n}}", "event", events)


def _articles(
    store: Queryable, docs: Any = None
) -> dict[str, tuple[str | None, str | None]]:
    found: dict[str, tuple[str | None, str | None]] = {}
    query = _ARTICLES if docs is None else restrict(_ARTICLES, "doc", docs)
    if docs is not None and not docs:
        return found
    for row in select(store, query):
        published = row["published"].value if row["published"] is not None else None
        outlet = row["agency"] or row["publisher"]
        found[row["doc"].value] = (published, outlet.value if outlet else None)
    return found
