"""How is A connected to B? Shortest walks through the entity graph, with evidence.

Searches run on the collapsed graph (one edge per entity pair, see
:func:`kg.network.graph.collapse`). Common-noun entities (``Thing``: "equipment",
"the vaccine") join unrelated actors, so walks do not pass through them
unless asked to (``via_things``); they can still be the ends of a walk.

Walks come in one order, whatever graph holds them: shortest first, and
among walks of one length by their entities' IRIs (Yen's algorithm, each
spur the smallest shortest walk in that order). So a search over any part of
the graph that holds every walk up to some length finds the same walks up to
that length as a search over the whole graph (what
:func:`kg.network.summary.stored_paths` relies on).
"""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Iterator
from itertools import islice, pairwise
from typing import Any

import networkx as nx

from kg.errors import KGError, UnknownEntityError
from kg.network.graph import best_first
from kg.records import EntityType, Hop, Link, PathResult

__all__ = [
    "attested_order",
    "find_paths",
    "find_walks",
    "hop_strength",
    "neighbors",
    "path_results",
]


def find_paths(
    graph: nx.DiGraph[str],
    source: str,
    target: str,
    *,
    k: int = 3,
    max_hops: int | None = None,
    undirected: bool = False,
    via_things: bool = False,
    avoid: frozenset[str] = frozenset(),
) -> list[PathResult]:
    """Up to ``k`` shortest walks from ``source`` to ``target`` (entity IRIs).

    Walks are simple (no entity twice), shortest first; each hop carries the
    links (events) that support it, best evidence first.

    Args:
        graph: A collapsed entity graph.
        source: IRI of the first entity.
        target: IRI of the last entity.
        k: How many walks at most.
        max_hops: Longest walk to return; ``None`` for no limit.
        undirected: Also walk against the events' direction (who was supplied
            by whom, not only who supplied whom).
        via_things: Let walks pass through ``Thing`` entities.
        avoid: Entities (IRIs) walks never pass through (they may be ends).

    Raises:
        UnknownEntityError: ``source`` or ``target`` is not in the graph.
        KGError: ``k`` or ``max_hops`` is below 1, or the ends are the same.
    """
    walks = find_walks(
        graph,
        source,
        target,
        k=k,
        max_hops=max_hops,
        undirected=undirected,
        via_things=via_things,
        avoid=avoid,
    )
    return path_results(graph, walks, undirected=undirected)


def find_walks(
    graph: nx.Graph[str],
    source: str,
    target: str,
    *,
    k: int = 3,
    max_hops: int | None = None,
    undirected: bool = False,
    via_things: bool = False,
    avoid: frozenset[str] = frozenset(),
) -> list[list[str]]:
    """The walks of :func:`find_paths` as lists of IRIs, without their evidence.

    ``graph`` needs only the collapsed graph's structure: its nodes, its edges
    and, for ``via_things=False``, the Thing entities (node attribute ``node``,
    or the frozenset ``graph.graph["kg_things"]``). An undirected ``graph``
    (the undirected copy, made ahead) serves ``undirected`` searches only.
    Walks never pass through the entities of ``avoid`` (places, say).
    """
    if not graph.is_directed() and not undirected:
        raise ValueError("a directed search needs the directed graph")
    for iri in (source, target):
        if iri not in graph:
            raise UnknownEntityError(f"{iri} is not an entity of the graph.")
    if source == target:
        raise KGError("The two ends of the path are the same entity.")
    if k < 1 or (max_hops is not None and max_hops < 1):
        raise KGError("--k and --max-hops must be at least 1.")
    walks = []
    found = _walks(graph, source, target, undirected, via_things, avoid)
    for walk in islice(found, k):
        if max_hops is not None and len(walk) - 1 > max_hops:
            break  # walks come shortest first
        walks.append(walk)
    return walks


def path_results(
    graph: nx.DiGraph[str], walks: list[list[str]], *, undirected: bool = False
) -> list[PathResult]:
    """Walks as :class:`PathResult` records, each hop with its links from
    ``graph`` (a collapsed graph holding at least the walks' entities and edges)."""
    return [_result(graph, walk, undirected) for walk in walks]


def hop_strength(hop: Hop) -> float:
    """How well a hop is attested: the articles that report it times the best
    confidence among its events (a hop two articles report at 0.9 is 1.8)."""
    articles = len({link.article for link in hop.links})
    confidence = max((link.confidence for link in hop.links), default=0.0)
    return articles * max(confidence, 0.05)


def attested_order(found: list[PathResult]) -> list[PathResult]:
    """Paths cheapest first, a hop costing the inverse of its strength
    (:func:`hop_strength`): a longer walk over links many articles report
    comes before a short one over a single weak report. Ties keep their
    order (shortest first).

    Examples:
        >>> attested_order([])
        []
    """
    cost = {
        id(result): sum(1.0 / hop_strength(hop) for hop in result.hops)
        for result in found
    }
    order = {id(result): i for i, result in enumerate(found)}
    return sorted(found, key=lambda r: (round(cost[id(r)], 9), order[id(r)]))


def neighbors(graph: nx.DiGraph[str], iri: str) -> list[Hop]:
    """Every entity linked to ``iri`` in either direction, most evidence first."""
    if iri not in graph:
        raise UnknownEntityError(f"{iri} is not an entity of the graph.")
    around = set(graph.successors(iri)) | set(graph.predecessors(iri))
    hops = [_hop(graph, iri, other, undirected=True) for other in around]
    return sorted(hops, key=lambda h: (-len(h.links), h.target.label, h.target.iri))


def _walks(
    graph: nx.Graph[str],
    source: str,
    target: str,
    undirected: bool,
    via_things: bool,
    avoid: frozenset[str] = frozenset(),
) -> Iterator[list[str]]:
    view: Any = _undirected(graph) if undirected else graph
    barred = avoid if via_things else avoid | _things(graph)
    if barred:
        ends = {source, target}
        view = nx.subgraph_view(
            view, filter_node=lambda n: n in ends or n not in barred
        )
    yield from _ordered_walks(view, source, target)


def _ordered_walks(view: Any, source: str, target: str) -> Iterator[list[str]]:
    """Simple walks from ``source`` to ``target``, shortest first, then by
    their IRIs (Yen's algorithm with that order)."""
    first = _smallest(view, source, target, frozenset(), frozenset())
    if first is None:
        return
    found: list[list[str]] = [first]
    seen = {tuple(first)}
    waiting: list[tuple[int, tuple[str, ...]]] = []
    while True:
        yield found[-1]
        last = found[-1]
        for j in range(len(last) - 1):
            root = last[: j + 1]
            banned = frozenset(w[j + 1] for w in found if w[: j + 1] == root)
            spur = _smallest(view, last[j], target, frozenset(root[:-1]), banned)
            if spur is not None:
                walk = tuple(root[:-1] + spur)
                if walk not in seen:
                    seen.add(walk)
                    heapq.heappush(waiting, (len(walk), walk))
        if not waiting:
            return
        found.append(list(heapq.heappop(waiting)[1]))


def _smallest(
    view: Any,
    start: str,
    target: str,
    barred: frozenset[str],
    first_not: frozenset[str],
) -> list[str] | None:
    """The shortest walk from ``start`` to ``target`` that is smallest by its
    IRIs, through none of ``barred`` and not first to any of ``first_not``."""
    directed = view.is_directed()
    back = view.predecessors if directed else view.neighbors
    forth = view.successors if directed else view.neighbors
    distance = {target: 0}
    queue = deque([target])
    reach: int | None = None  # how far start is, once a next step is known
    while queue:
        node = queue.popleft()
        if reach is not None and distance[node] >= reach:
            break
        for previous in back(node):
            if previous in distance or previous in barred:
                continue
            if previous == start:
                if node not in first_not:
                    reach = distance[node] + 1 if reach is None else reach
                continue
            distance[previous] = distance[node] + 1
            queue.append(previous)
    if reach is None:
        return None
    walk = [start]
    here, left = start, reach
    while here != target:
        left -= 1
        here = min(
            n
            for n in forth(here)
            if distance.get(n) == left
            and n not in barred
            and n not in walk
            and not (len(walk) == 1 and n in first_not)
        )
        walk.append(here)
    return walk


def _things(graph: nx.Graph[str]) -> frozenset[str]:
    """The Thing entities of ``graph``, found once and kept in ``graph.graph``."""
    things: frozenset[str] | None = graph.graph.get("kg_things")
    if things is None:
        things = frozenset(
            n for n in graph if graph.nodes[n]["node"].type == EntityType.THING
        )
        graph.graph["kg_things"] = things
    return things


def _undirected(graph: nx.Graph[str]) -> nx.Graph[str]:
    """An undirected copy of ``graph``'s structure, made once, kept in
    ``graph.graph`` (``graph`` itself when it is undirected already).

    Searching a copy is several times faster than searching networkx's
    undirected view, which merges successors and predecessors at every step.
    Graphs from :func:`kg.network.graph.collapse` are not changed once made,
    so the copy stays true.
    """
    if not graph.is_directed():
        return graph
    copy: nx.Graph[str] | None = graph.graph.get("kg_undirected")
    if copy is None:
        copy = nx.Graph()
        copy.add_nodes_from(graph)
        copy.add_edges_from(graph.edges)
        graph.graph["kg_undirected"] = copy
    return copy


def _result(graph: nx.DiGraph[str], walk: list[str], undirected: bool) -> PathResult:
    return PathResult(
        tuple(_hop(graph, a, b, undirected=undirected) for a, b in pairwise(walk))
    )


def _hop(graph: nx.DiGraph[str], source: str, target: str, *, undirected: bool) -> Hop:
    links: list[Link] = []
    if graph.has_edge(source, target):
        links.extend(graph.edges[source, target]["links"])
    if undirected and graph.has_edge(target, source):
        links.extend(graph.edges[target, source]["links"])
    forward = [link for link in links if link.source == source]
    ordered = best_first(forward) + best_first(
        link for link in links if link.source != source
    )
    return Hop(graph.nodes[source]["node"], graph.nodes[target]["node"], tuple(ordered))
