"""Who matters in the graph: degree, PageRank and betweenness; events and articles."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from kg.records import EntityType, Node
from kg.store.sparql import Queryable, select

__all__ = ["EntityRank", "GraphStats", "graph_stats"]

# Exact betweenness is O(n·m); above this many nodes it is estimated from a
# fixed sample of sources (seeded, so the figures repeat).
BETWEENNESS_SAMPLE = 500
_EVENTS = """
SELECT ?class (COUNT(DISTINCT ?event) AS ?n) WHERE {
  ?event kg:evidence ?evidence ; a ?c .
  BIND (STRAFTER(STR(?c), "#") AS ?class)
} GROUP BY ?class"""
_ARTICLES = "SELECT (COUNT(DISTINCT ?doc) AS ?n) WHERE { ?doc a schema:NewsArticle }"


@dataclass(frozen=True, slots=True)
class EntityRank:
    """One entity's centrality figures."""

    node: Node
    degree: int
    pagerank: float
    betweenness: float


@dataclass(frozen=True, slots=True)
class GraphStats:
    """Counts and the most central entities."""

    articles: int
    entities: int
    links: int
    events: tuple[tuple[str, int], ...]
    top: tuple[EntityRank, ...]
    betweenness_sampled: bool


def graph_stats(
    store: Queryable, graph: nx.DiGraph[str], *, top: int = 10
) -> GraphStats:
    """Counts from the store and centrality over the collapsed entity graph.

    Degree counts distinct neighbours in either direction; PageRank follows
    the events' direction weighted by the number of supporting events;
    betweenness ignores direction. The ranking lists actors and places:
    common-noun things ("equipment", "company") are leaves, not hubs.
    """
    ranks = [r for r in _ranks(graph) if r.node.type != EntityType.THING.value]
    ordered = sorted(
        ranks, key=lambda r: (-r.degree, -r.pagerank, r.node.label, r.node.iri)
    )
    events = tuple(
        sorted(
            (
                (row["class"].value, int(row["n"].value))
                for row in select(store, _EVENTS)
            ),
            key=lambda item: (-item[1], item[0]),
        )
    )
    articles = next(iter(select(store, _ARTICLES)))["n"]
    return GraphStats(
        articles=int(articles.value),
        entities=graph.number_of_nodes(),
        links=sum(len(data["links"]) for _, _, data in graph.edges(data=True)),
        events=events,
        top=tuple(ordered[:top]),
        betweenness_sampled=graph.number_of_nodes() > BETWEENNESS_SAMPLE,
    )


def _ranks(graph: nx.DiGraph[str]) -> list[EntityRank]:
    if graph.number_of_nodes() == 0:
        return []
    pagerank = nx.pagerank(graph, weight="weight")
    undirected = graph.to_undirected(as_view=True)
    sample = (
        BETWEENNESS_SAMPLE if graph.number_of_nodes() > BETWEENNESS_SAMPLE else None
    )
    betweenness = nx.betweenness_centrality(undirected, k=sample, seed=0)
    return [
        EntityRank(
            node=graph.nodes[iri]["node"],
            degree=undirected.degree(iri),
            pagerank=pagerank[iri],
            betweenness=betweenness[iri],
        )
        for iri in graph
    ]
