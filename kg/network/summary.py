"""The entity network kept in the store, so reads need not rebuild it.

After every build and removal the store gets a derived named graph,
``<base>graph/network``, made from the stored events (see
:func:`kg.network.graph.entity_graph`):

* ``<a> kg:linkedTo <b>`` for every pair of entities some event links (the
  edges of the collapsed graph that path searches walk);
* ``kg:degree``, ``kg:pageRank`` and ``kg:betweenness`` of every entity but
  the common-noun Things (what ``kg stats`` ranks);
* ``kg:nameKey``: every label and alias of every entity, case-folded, so that
  a name is looked up without scanning every name
  (:func:`kg.store.entities.find_entity`);
* ``kg:listPosition`` of the first thousand entities (most mentioned first)
  and articles (most recent first), so that ``kg entities`` and
  ``kg articles`` read one page by position
  (:func:`kg.store.entities.top_entities`,
  :func:`kg.store.articles.recent_articles`);
* on the graph's own node, ``kg:entityCount``, ``kg:linkCount``,
  ``kg:betweennessSampled`` and ``kg:articleDigest``, the digest of the
  stored articles it was made from (a build that stores nothing new leaves
  the derived graphs as they are).

``kg path`` then reads the edges and, for the hops of the walks it finds, only
the events behind them; ``kg stats`` reads the figures. Both give what the
whole-graph route gives (tested on the seeds). A store without the graph
(RDF files given with ``--data``, a store built by an older kg) is read the
whole-graph way.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import pairwise
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.errors import KGError
from kg.network.metrics import (
    BETWEENNESS_SAMPLE,
    EntityRank,
    GraphStats,
    event_counts,
    rank_entities,
    top_ranks,
)
from kg.records import EntityType, Node, PathResult
from kg.resources.ontology import KG
from kg.store.entities import fold, read_nodes
from kg.store.sparql import Queryable, select

if TYPE_CHECKING:
    import networkx as nx

# networkx and the graph builders load in the functions that walk or build
# graphs: kg stats reads stored figures and needs neither.

__all__ = [
    "network_graph",
    "network_skeleton",
    "refresh_network",
    "stored_digest",
    "stored_network",
    "stored_paths",
    "stored_stats",
]

_KG = KG
_XSD = "http://www.w3.org/2001/XMLSchema#"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
# A network graph is current while it keeps the digest of what it was made
# from: every change through a Store drops it first, and the refresh after
# the change writes it again. One without (a change was interrupted before
# its refresh, or an older kg made it) is not read; figures are computed from
# the stored events instead.
_FOUND = """
SELECT ?g WHERE { GRAPH ?g { ?g a kg:EntityNetwork ; kg:articleDigest ?d } }"""
_DIGEST = "SELECT ?d WHERE { GRAPH <NETWORK> { <NETWORK> kg:articleDigest ?d } }"
# The links by source, each source's targets in one string: a row per edge
# costs pyoxigraph several times more than the concatenation does (IRIs hold
# no spaces).
_EDGES = """
SELECT ?a (GROUP_CONCAT(STR(?b); separator=" ") AS ?bs)
WHERE { GRAPH <NETWORK> { ?a kg:linkedTo ?b } }
GROUP BY ?a"""
_THINGS = 'SELECT (GROUP_CONCAT(STR(?e); separator=" ") AS ?es) WHERE { ?e a kg:Thing }'
_TOTALS = """
SELECT ?entities ?links ?sampled WHERE {
  GRAPH <NETWORK> {
    <NETWORK> kg:entityCount ?entities ; kg:linkCount ?links ;
              kg:betweennessSampled ?sampled
  }
}"""
_TOP = """
SELECT ?e ?degree ?pagerank ?betweenness WHERE {
  GRAPH <NETWORK> {
    ?e kg:degree ?degree ; kg:pageRank ?pagerank ; kg:betweenness ?betweenness
  }
}
ORDER BY DESC(?degree) DESC(?pagerank) LIMIT TOP"""
# Everyone tied with the last of the top rows (their order goes by label).
_TIED = """
SELECT ?e ?degree ?pagerank ?betweenness WHERE {
  GRAPH <NETWORK> {
    ?e kg:degree ?degree ; kg:pageRank ?pagerank ; kg:betweenness ?betweenness
  }
  FILTER (?degree = DEGREE && ?pagerank = PAGERANK)
}"""


def network_graph(base: str) -> str:
    """The IRI of the store's network graph for the data's base IRI."""
    return f"{base}graph/network"


def stored_digest(store: Queryable, base: str) -> str | None:
    """The ``kg:articleDigest`` the network graph was made with, if any."""
    query = _DIGEST.replace("NETWORK", network_graph(base))
    for row in select(store, query):
        return str(row["d"].value)
    return None


def stored_network(store: Queryable) -> str | None:
    """The IRI of the store's network graph, or None when it has none that is
    current (see ``_FOUND``)."""
    found = sorted(str(row["g"].value) for row in select(store, _FOUND))
    return found[0] if found else None


def refresh_network(store: Queryable, base: str, *, digest: str | None = None) -> int:
    """Recompute the network graph from the stored events; its edge count.

    ``digest`` (:func:`kg.store.articles.articles_digest`) is kept with it as
    ``kg:articleDigest``: what the derived graphs were made from.
    """
    from kg.network.graph import collapse, entity_graph

    multi = entity_graph(store)
    graph = collapse(multi)
    name = network_graph(base)
    node = f"<{name}>"
    sampled = "true" if graph.number_of_nodes() > BETWEENNESS_SAMPLE else "false"
    links = sum(len(data["links"]) for _, _, data in graph.edges(data=True))
    lines = [
        f"{node} <{_RDF}type> <{_KG}EntityNetwork> .",
        f'{node} <{_KG}entityCount> "{graph.number_of_nodes()}"^^<{_XSD}integer> .',
        f'{node} <{_KG}linkCount> "{links}"^^<{_XSD}integer> .',
        f'{node} <{_KG}betweennessSampled> "{sampled}"^^<{_XSD}boolean> .',
    ]
    if digest is not None:
        lines.append(f'{node} <{_KG}articleDigest> "{digest}" .')
    lines += [f"<{a}> <{_KG}linkedTo> <{b}> ." for a, b in graph.edges]
    for iri in multi:
        entity: Node = multi.nodes[iri]["node"]
        for key in {fold(entity.label), *(fold(a) for a in entity.aliases)}:
            lines.append(f"<{iri}> <{_KG}nameKey> {ox.Literal(key)} .")
    lines += _listing(store, [multi.nodes[iri]["node"] for iri in multi])
    for rank in rank_entities(graph):
        if rank.node.type == EntityType.THING.value:
            continue
        iri = f"<{rank.node.iri}>"
        lines += [
            f'{iri} <{_KG}degree> "{rank.degree}"^^<{_XSD}integer> .',
            f'{iri} <{_KG}pageRank> "{rank.pagerank!r}"^^<{_XSD}double> .',
            f'{iri} <{_KG}betweenness> "{rank.betweenness!r}"^^<{_XSD}double> .',
        ]
    _replace_graph(store, name, lines)
    return graph.number_of_edges()


def _listing(store: Queryable, nodes: list[Node]) -> list[str]:
    """Where ``kg entities`` and ``kg articles`` list the first
    :data:`~kg.store.entities.LISTED` entities and articles
    (``kg:listPosition``, from 1), so that a page of either is read by
    position instead of sorting everything (a longer list is read whole)."""
    from kg.store.articles import stored_articles
    from kg.store.entities import LISTED, listing_order

    entities = [node.iri for node in listing_order(nodes)[:LISTED]]
    latest = list(reversed(stored_articles(store)))[:LISTED]
    return [
        f'<{iri}> <{_KG}listPosition> "{position}"^^<{_XSD}integer> .'
        for listed in (entities, [article.iri for article in latest])
        for position, iri in enumerate(listed, start=1)
    ]


def stored_stats(store: Queryable, network: str, *, top: int = 10) -> GraphStats:
    """:func:`kg.network.metrics.graph_stats` from the stored figures."""
    totals = next(iter(select(store, _TOTALS.replace("NETWORK", network))))
    rows = list(
        select(store, _TOP.replace("NETWORK", network).replace("TOP", str(top)))
    )
    if len(rows) == top:
        last = rows[-1]
        tied = _TIED.replace("NETWORK", network)
        tied = tied.replace("DEGREE", str(last["degree"]))
        tied = tied.replace("PAGERANK", str(last["pagerank"]))
        rows += list(select(store, tied))
    figures = {
        str(row["e"].value): (
            int(row["degree"].value),
            float(row["pagerank"].value),
            float(row["betweenness"].value),
        )
        for row in rows
    }
    nodes = read_nodes(store, figures) if figures else {}
    ranks = [
        EntityRank(nodes[iri], degree, pagerank, betweenness)
        for iri, (degree, pagerank, betweenness) in figures.items()
        if iri in nodes
    ]
    articles, events = event_counts(store)
    return GraphStats(
        articles=articles,
        entities=int(totals["entities"].value),
        links=int(totals["links"].value),
        events=events,
        top=top_ranks(ranks, top),
        betweenness_sampled=totals["sampled"].value == "true",
    )


def stored_paths(
    store: Queryable,
    network: str,
    source: str,
    target: str,
    *,
    k: int = 3,
    max_hops: int | None = None,
    undirected: bool = False,
    via_things: bool = False,
    avoid: frozenset[str] = frozenset(),
    skeleton: nx.Graph[str] | None = None,
    known: Mapping[str, Node] | None = None,
) -> list[PathResult]:
    """:func:`kg.network.paths.find_paths` on the stored network: the walks are
    found on its edges, then only the events behind their hops are read.

    A caller that asks many times may pass the network's ``skeleton``
    (:func:`network_skeleton`, directed, or undirected for ``undirected``
    searches) and ``known``, every entity by IRI, to read neither again.
    """
    from kg.network.paths import find_walks, path_results

    if skeleton is None:
        skeleton = network_skeleton(store, network, undirected=undirected)
    if source not in skeleton or target not in skeleton:
        # an end with no link at all: no path (the checks of find_walks aside)
        if source == target:
            raise KGError("The two ends of the path are the same entity.")
        if k < 1 or (max_hops is not None and max_hops < 1):
            raise KGError("--k and --max-hops must be at least 1.")
        return []
    walks = find_walks(
        skeleton,
        source,
        target,
        k=k,
        max_hops=max_hops,
        undirected=undirected,
        via_things=via_things,
        avoid=avoid,
    )
    pairs = {pair for walk in walks for pair in pairwise(walk)}
    return path_results(_hop_graph(store, pairs, known), walks, undirected=undirected)


def network_skeleton(
    store: Queryable, network: str, *, undirected: bool = False
) -> nx.Graph[str]:
    """The stored network's structure (no evidence), built in the same order
    as :func:`kg.network.graph.collapse` (nodes sorted, then edges sorted), so
    that searches break ties the same way.

    A directed graph, or with ``undirected`` the undirected one that
    :func:`kg.network.paths.find_walks` would make of it (built directly: a
    single undirected search need not pay for both).
    """
    import networkx as nx

    targets = {
        str(row["a"].value): sorted(str(row["bs"].value).split())
        for row in select(store, _EDGES.replace("NETWORK", network))
    }
    nodes = set(targets).union(*targets.values())
    skeleton: nx.Graph[str] = nx.Graph() if undirected else nx.DiGraph()
    skeleton.add_nodes_from(sorted(nodes))
    skeleton.add_edges_from((a, b) for a in sorted(targets) for b in targets[a])
    things = {
        iri
        for row in select(store, _THINGS)
        if row["es"] is not None
        for iri in str(row["es"].value).split()
    }
    skeleton.graph["kg_things"] = frozenset(things & nodes)
    return skeleton


def _hop_graph(
    store: Queryable,
    pairs: set[tuple[str, str]],
    known: Mapping[str, Node] | None = None,
) -> nx.DiGraph[str]:
    """The collapsed graph restricted to the events that link ``pairs`` (in
    either direction), with every link of those pairs and the nodes they join."""
    import networkx as nx

    from kg.network.graph import collapse, events_linking, links_of_events

    ends = {iri for pair in pairs for iri in pair}
    events = events_linking(store, pairs | {(b, a) for a, b in pairs})
    links, nodes = links_of_events(store, events, ends, known)
    multi: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for iri in sorted(nodes):
        multi.add_node(iri, node=nodes[iri])
    for link in links:
        multi.add_edge(link.source, link.target, key=link.event, link=link)
    return collapse(multi)


def _replace_graph(store: Queryable, name: str, lines: list[str]) -> None:
    """Put ``lines`` (N-Triples) in the named graph ``name``, dropping what it held."""
    store.update(f"DROP SILENT GRAPH <{name}>")
    body = "\n".join(sorted(set(lines)))
    backend = getattr(store, "backend", store)
    if isinstance(backend, ox.Store):  # one load: no Python object per triple
        backend.load(
            body.encode(), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(name)
        )
    else:
        store.update(f"INSERT DATA {{ GRAPH <{name}> {{\n{body}\n}} }}")
