"""Who matters in the graph: degree, PageRank and betweenness; events and articles."""

from __future__ import annotations

import random
from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.records import EntityType, Node
from kg.resources.ontology import event_classes
from kg.store.sparql import Queryable, select

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "BETWEENNESS_SAMPLE",
    "EntityRank",
    "GraphStats",
    "betweenness_centrality",
    "event_counts",
    "graph_stats",
    "rank_entities",
    "top_ranks",
]

# Exact betweenness is O(n·m); above this many nodes it is estimated from a
# fixed sample of sources (seeded, so the figures repeat).
BETWEENNESS_SAMPLE = 500
# Events by class: every event is typed by one event class (kg.resources.ontology).
_EVENTS = """
SELECT ?c (COUNT(?event) AS ?n) WHERE { VALUES ?c { CLASSES } ?event a ?c }
GROUP BY ?c"""
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
    # figures computed now because the stored ones are out of date: the
    # number of articles those were computed from
    outdated: int | None = None


def graph_stats(
    store: Queryable, graph: nx.DiGraph[str], *, top: int = 10
) -> GraphStats:
    """Counts from the store and centrality over the collapsed entity graph.

    Degree counts distinct neighbours in either direction; PageRank follows
    the events' direction weighted by the number of supporting events;
    betweenness ignores direction. The ranking lists actors and places:
    common-noun things ("equipment", "company") are leaves, not hubs.
    """
    ranks = [r for r in rank_entities(graph) if r.node.type != EntityType.THING.value]
    articles, events = event_counts(store)
    return GraphStats(
        articles=articles,
        entities=graph.number_of_nodes(),
        links=sum(len(data["links"]) for _, _, data in graph.edges(data=True)),
        events=events,
        top=top_ranks(ranks, top),
        betweenness_sampled=graph.number_of_nodes() > BETWEENNESS_SAMPLE,
    )


def top_ranks(ranks: list[EntityRank], top: int) -> tuple[EntityRank, ...]:
    """The ``top`` entities: highest degree, then PageRank, then by label."""
    ordered = sorted(
        ranks, key=lambda r: (-r.degree, -r.pagerank, r.node.label, r.node.iri)
    )
    return tuple(ordered[:top])


def event_counts(store: Queryable) -> tuple[int, tuple[tuple[str, int], ...]]:
    """The store's article count, and its events by class (most first)."""
    classes = " ".join(f"kg:{name}" for name in event_classes())
    rows = select(store, _EVENTS.replace("CLASSES", classes))
    counted = (
        (row["c"].value.rsplit("#", 1)[-1], int(row["n"].value))
        for row in rows
        if int(row["n"].value)
    )
    events = tuple(sorted(counted, key=lambda item: (-item[1], item[0])))
    articles = next(iter(select(store, _ARTICLES)))["n"]
    return int(articles.value), events


def rank_entities(graph: nx.DiGraph[str]) -> list[EntityRank]:
    """Degree, PageRank and betweenness of every entity of a collapsed graph."""
    import networkx as nx  # loaded by the commands that rank, not by kg stats

    if graph.number_of_nodes() == 0:
        return []
    pagerank = nx.pagerank(graph, weight="weight")
    neighbours = {
        iri: list(dict.fromkeys([*graph.successors(iri), *graph.predecessors(iri)]))
        for iri in graph
    }
    betweenness = betweenness_centrality(neighbours)
    return [
        EntityRank(
            node=graph.nodes[iri]["node"],
            degree=len(neighbours[iri]),
            pagerank=pagerank[iri],
            betweenness=betweenness[iri],
        )
        for iri in graph
    ]


def betweenness_centrality(neighbours: dict[str, list[str]]) -> dict[str, float]:
    """Normalised betweenness of an undirected graph given as adjacency lists.

    Brandes' algorithm, exact up to :data:`BETWEENNESS_SAMPLE` nodes and
    estimated above from that many sources drawn with a fixed seed (Brandes
    and Pich's pivots), rescaled as networkx's ``betweenness_centrality``
    (``normalized=True, endpoints=False, seed=0``) does, so the figures are
    networkx's. Unlike networkx, a search from a source only touches the
    source's component: news graphs hold thousands of isolated entities,
    which made every one of networkx's 500 searches pay for all of them.

    Examples:
        >>> star = {"hub": ["a", "b", "c"], "a": ["hub"], "b": ["hub"], "c": ["hub"]}
        >>> betweenness_centrality(star)["hub"]
        1.0
    """
    nodes = list(neighbours)
    score = dict.fromkeys(nodes, 0.0)
    sampled = len(nodes) > BETWEENNESS_SAMPLE
    sources = random.Random(0).sample(nodes, BETWEENNESS_SAMPLE) if sampled else nodes
    for source in sources:
        if neighbours[source]:
            _accumulate(score, neighbours, source)
    pairs = len(nodes) - 1  # a node is never the target of its own paths
    if pairs < 2:
        return score
    if not sampled:
        scale = 1 / (pairs * (pairs - 1))
        return {iri: value * scale for iri, value in score.items()}
    chosen = set(sources)
    as_source = 1 / ((len(sources) - 1) * (pairs - 1))
    as_other = 1 / (len(sources) * (pairs - 1))
    return {
        iri: value * (as_source if iri in chosen else as_other)
        for iri, value in score.items()
    }


def _accumulate(
    score: dict[str, float], neighbours: dict[str, list[str]], source: str
) -> None:
    """Add the dependencies of ``source`` on every node it reaches (Brandes)."""
    order: list[str] = []
    before: dict[str, list[str]] = {source: []}
    paths = {source: 1.0}
    distance = {source: 0}
    queue = deque([source])
    while queue:
        node = queue.popleft()
        order.append(node)
        step, count = distance[node] + 1, paths[node]
        for other in neighbours[node]:
            if other not in distance:
                queue.append(other)
                distance[other] = step
                paths[other] = 0.0
                before[other] = []
            if distance[other] == step:
                paths[other] += count
                before[other].append(node)
    dependency = dict.fromkeys(order, 0.0)
    for node in reversed(order):
        share = (1.0 + dependency[node]) / paths[node]
        for previous in before[node]:
            dependency[previous] += paths[previous] * share
        if node != source:
            score[node] += dependency[node]
