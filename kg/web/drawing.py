"""Graphs for the browser: an entity's neighbourhood and the paths between two.

Both come as ``{"nodes": [...], "edges": [...]}``, the form the page's graph
view (``web/src/graph.js``) draws: one edge per ordered entity pair, with the
events behind it (quote, article, date) best first.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

import networkx as nx

from kg.network.graph import ACTOR_TYPES, collapse, links_of_events
from kg.records import Link, Node, PathResult
from kg.store.entities import short_name
from kg.store.sparql import Queryable, restrict, select
from kg.web.filters import Filters

__all__ = ["edge_reading", "link_json", "neighbourhood", "path_json"]

# Classes that say only that something happened or was said.
GENERIC_CLASSES = frozenset({"Event", "Statement"})

_EVERYTHING = Filters()
_IDENTIFIERS = "SELECT ?doc ?id WHERE { ?doc schema:identifier ?id }"
# The events in which any of the entities takes part (with evidence: reports).
_EVENTS_OF = """
SELECT DISTINCT ?event WHERE {
  ?event ?role ?x ; kg:evidence ?evidence .
  FILTER (?role IN (kg:agent, kg:recipient, kg:target, kg:theme))
}"""


def neighbourhood(
    store: Queryable,
    iri: str,
    nodes: Mapping[str, Node],
    *,
    hops: int = 1,
    filters: Filters = _EVERYTHING,
    max_nodes: int = 2000,
    things: bool = True,
) -> dict[str, Any]:
    """The entities within ``hops`` (1 or 2) of ``iri`` and the events
    joining them that pass ``filters``; without ``things``, only people,
    organisations, countries and places (no common nouns).

    The second ring is read from the first ring's actors, most linked first,
    until ``max_nodes`` entities are drawn; ``truncated`` then says so.
    """
    if hops not in (1, 2):
        raise ValueError("hops must be 1 or 2")
    if not things:
        nodes = {i: n for i, n in nodes.items() if n.type != "Thing" or i == iri}
    graph = _links_graph(store, [iri], nodes, filters)
    distance = {iri: 0, **{n: 1 for n in graph if n != iri}}
    truncated = False
    if hops == 2:
        ring = sorted(
            (n for n, d in distance.items() if d == 1 and nodes[n].type in ACTOR_TYPES),
            key=lambda n: (-graph.degree(n, weight="weight"), n),
        )
        outer = _links_graph(store, ring, nodes, filters)
        for node in sorted(outer, key=lambda n: (-outer.degree(n, weight="weight"), n)):
            if node in distance:
                continue
            if len(distance) >= max_nodes:
                truncated = True
                break
            distance[node] = 2
        for source, target, data in outer.edges(data=True):
            both = source in distance and target in distance
            if both and not graph.has_edge(source, target):
                graph.add_edge(source, target, **data)
    shown = sorted(n for n in distance if n in nodes)
    edges = [
        (source, target, data["links"])
        for source, target, data in sorted(graph.edges(data=True))
        if source in distance and target in distance
    ]
    ids = _identifiers(store, {link.article for *_, links in edges for link in links})
    return {
        "center": iri,
        "hops": hops,
        "truncated": truncated,
        "nodes": [_node_json(nodes[n], distance[n]) for n in shown],
        "edges": [
            _edge_json(source, target, links, ids) for source, target, links in edges
        ],
    }


def path_json(store: Queryable, found: list[PathResult]) -> dict[str, Any]:
    """Paths as the path page lists and draws them."""
    ids = _identifiers(
        store,
        {link.article for result in found for hop in result.hops for link in hop.links},
    )
    walks = []
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    for result in found:
        hops = []
        for hop in result.hops:
            for end in (hop.source, hop.target):
                nodes.setdefault(end.iri, _node_json(end, 0))
            first = hop.links[0]
            edges.setdefault(
                (first.source, first.target),
                _edge_json(first.source, first.target, hop.links, ids),
            )
            hops.append(
                {
                    "source": _node_json(hop.source, 0),
                    "target": _node_json(hop.target, 0),
                    "forward": hop.forward,
                    "links": [link_json(link, ids) for link in hop.links],
                }
            )
        walks.append({"hops": hops})
    return {
        "paths": walks,
        "nodes": [nodes[n] for n in sorted(nodes)],
        "edges": [edges[e] for e in sorted(edges)],
    }


def link_json(link: Link, ids: Mapping[str, str]) -> dict[str, Any]:
    """One event behind an edge, with its quote and source (``ids``: article
    identifiers by article IRI)."""
    return {
        "event": link.event,
        "source": link.source,
        "target": link.target,
        "role": link.role.value,
        "class": link.event_class,
        "relation": link.relation,
        "trigger": link.trigger,
        "trigger_in_evidence": [link.trigger_at, link.trigger_at + len(link.trigger)],
        "themes": list(link.themes),
        "date": link.date,
        "event_time": link.time is not None,
        "factuality": link.factuality.value,
        "confidence": link.confidence,
        "evidence": link.evidence,
        "article": ids.get(link.article, short_name(link.article)),
        "outlet": link.outlet,
    }


def _links_graph(
    store: Queryable, entities: list[str], nodes: Mapping[str, Node], filters: Filters
) -> nx.DiGraph[str]:
    """One edge per entity pair over the events of ``entities`` that pass."""
    rows = select(store, restrict(_EVENTS_OF, "x", entities))
    events = {row["event"].value for row in rows}
    links, _ = links_of_events(store, sorted(events), set(entities), nodes)
    multi: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    multi.add_nodes_from(e for e in entities if e in nodes)
    for link in links:
        if filters.keeps(
            link.event_class,
            link.date,
            link.factuality.value,
            confidence=link.confidence,
        ):
            multi.add_edge(link.source, link.target, key=link.event, link=link)
    return collapse(multi)


def edge_reading(links: Sequence[Link]) -> tuple[str, str]:
    """The class and verb an edge is drawn with: the commonest typed class of
    its events (the first seen on a tie) and the verb of its first event of
    that class; with no typed event, the generic class and its commonest verb.

    A link that reads "Event" tells a reader nothing; "met · Meeting ×3" does.
    """
    typed = [link for link in links if link.event_class not in GENERIC_CLASSES]
    pool = typed or list(links)
    # most_common keeps the first seen of equal counts
    (cls, _), *_ = Counter(link.event_class for link in pool).most_common(1)
    if typed:
        return cls, next(link.relation for link in pool if link.event_class == cls)
    (verb, _), *_ = Counter(link.relation for link in pool).most_common(1)
    return cls, verb


def _identifiers(store: Queryable, docs: set[str]) -> dict[str, str]:
    """Article identifiers (what ``/article?id=`` takes) by article IRI."""
    rows = select(store, restrict(_IDENTIFIERS, "doc", docs))
    return {row["doc"].value: row["id"].value for row in rows}


def _node_json(node: Node, hop: int) -> dict[str, Any]:
    return {
        "id": node.iri,
        "key": short_name(node.iri),
        "label": node.label,
        "type": node.type,
        "mentions": node.mentions,
        "hop": hop,
    }


def _edge_json(
    source: str, target: str, links: tuple[Link, ...], ids: Mapping[str, str]
) -> dict[str, Any]:
    cls, relation = edge_reading(links)
    return {
        "id": f"{source} {target}",
        "source": source,
        "target": target,
        "event_class": cls,
        "relation": relation,
        "weight": len(links),
        "links": [link_json(link, ids) for link in links],
    }
