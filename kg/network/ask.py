"""Asking a store about its entity network: paths, neighbours and figures.

The library calls behind ``kg path``, ``kg neighbors`` and ``kg stats``. Each
takes any store (:class:`kg.store.Store` or anything :class:`Queryable`) and
reads the network the store keeps (:mod:`kg.network.summary`) when it has
one, or rebuilds the entity graph from the stored events when it has not
(RDF files loaded with ``--data``, a store built by an older kg): the same
answers either way.

Examples:
    >>> from kg.store import Store
    >>> stats(Store.memory()).articles
    0
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import TYPE_CHECKING

from kg.errors import KGError
from kg.network.metrics import GraphStats
from kg.network.summary import (
    figures_state,
    stored_network,
    stored_paths,
    stored_stats,
)
from kg.records import EntityType, Hop, Node, PathResult
from kg.store.entities import find_entity
from kg.store.sparql import Queryable, select

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["ATTESTED_POOL", "neighbours", "paths", "stats"]

# An attested search ranks this many times k of the shortest walks.
ATTESTED_POOL = 4
# The entity types a search may avoid.
_TYPES = frozenset(t.value for t in EntityType)


def paths(
    store: Queryable,
    source: str,
    target: str,
    *,
    k: int = 3,
    max_hops: int | None = None,
    undirected: bool = False,
    via_things: bool = False,
    avoid_types: Collection[str] = (),
    attested: bool = False,
    known: Mapping[str, Node] | None = None,
    skeleton: Callable[[str], nx.Graph[str]] | None = None,
) -> tuple[Node, Node, list[PathResult]]:
    """The two entities ``source`` and ``target`` name, and up to ``k``
    shortest paths between them, each hop with its evidence.

    ``avoid_types`` ("Place", "Country", ...): walks never pass through
    entities of these types (they may still be the ends). ``attested``:
    among the shortest walks (``ATTESTED_POOL`` times ``k`` of them), the
    ``k`` over the best-attested links (:func:`kg.network.paths.attested_order`).

    A caller that asks many times (``kg serve``) may pass ``known``, every
    entity by IRI, and ``skeleton``, which gives the stored network's
    structure by the network's IRI (:func:`network_skeleton`, kept between
    calls), so that neither is read again.

    Raises:
        UnknownEntityError, AmbiguousEntityError: A name does not resolve.
        KGError: ``k`` or ``max_hops`` below 1, or both names are one entity.
    """
    for name in sorted(set(avoid_types) - _TYPES):
        raise KGError(f"--avoid {name}: choose from {', '.join(sorted(_TYPES))}")
    wanted = k * ATTESTED_POOL if attested else k
    network = stored_network(store)
    if network is not None:  # the store keeps the network: read only that
        start, end = find_entity(store, source), find_entity(store, target)
        found = stored_paths(
            store,
            network,
            start.iri,
            end.iri,
            k=wanted,
            max_hops=max_hops,
            undirected=undirected,
            via_things=via_things,
            # a search around the ends learns the types of what it meets
            avoid=frozenset()
            if skeleton is None
            else _of_types(store, known, avoid_types),
            avoid_types=frozenset(avoid_types),
            skeleton=None if skeleton is None else skeleton(network),
            known=known,
        )
    else:
        from kg.network.graph import collapse, entity_graph
        from kg.network.paths import find_paths
        from kg.store.entities import EntityIndex

        multi = entity_graph(store)
        index = EntityIndex.of({iri: multi.nodes[iri]["node"] for iri in multi})
        start, end = index.resolve(source), index.resolve(target)
        found = find_paths(
            collapse(multi),
            start.iri,
            end.iri,
            k=wanted,
            max_hops=max_hops,
            undirected=undirected,
            via_things=via_things,
            avoid=frozenset(
                iri
                for iri in multi
                if multi.nodes[iri]["node"].type in set(avoid_types)
            ),
        )
    if attested:
        from kg.network.paths import attested_order

        found = attested_order(found)[:k]
    return start, end, found


def _of_types(
    store: Queryable, known: Mapping[str, Node] | None, types: Collection[str]
) -> frozenset[str]:
    """The entities of ``types`` (from ``known`` when given, else the store)."""
    if not types:
        return frozenset()
    if known is not None:
        return frozenset(iri for iri, n in known.items() if n.type in set(types))
    values = " ".join(f"kg:{t}" for t in sorted(types))
    rows = select(store, f"SELECT ?e WHERE {{ VALUES ?t {{ {values} }} ?e a ?t }}")
    return frozenset(str(row["e"].value) for row in rows)


def neighbours(store: Queryable, name: str) -> tuple[Node, list[Hop]]:
    """The entity ``name`` names and every entity events link it to, in either
    direction, most evidence first (only its own events are read).

    Raises:
        UnknownEntityError, AmbiguousEntityError: The name does not resolve.
    """
    from kg.network.graph import collapse, entity_neighbourhood
    from kg.network.paths import neighbors

    node = find_entity(store, name)
    graph = collapse(entity_neighbourhood(store, node.iri))
    return node, neighbors(graph, node.iri)


def stats(store: Queryable, *, top: int = 10) -> GraphStats:
    """Articles, entities, links, events by class and the ``top`` entities by
    degree, PageRank and betweenness."""
    if top < 1:
        raise KGError(f"--top {top}: give 1 or more")
    network = stored_network(store)
    state = figures_state(store, network) if network is not None else None
    if network is not None and state is not None and state[1]:
        return stored_stats(store, network, top=top)  # kept in the store
    from dataclasses import replace

    from kg.network.graph import collapse, entity_graph
    from kg.network.metrics import graph_stats

    found = graph_stats(store, collapse(entity_graph(store)), top=top)
    return replace(found, outdated=state[0]) if state is not None else found
