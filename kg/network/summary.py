"""The entity network kept in the store, so reads need not rebuild it.

After every build and removal the store gets a derived named graph,
``<base>graph/network``, made from the stored events (see
:func:`kg.network.graph.entity_graph`):

* ``<a> kg:linkedTo <b>`` for every pair of entities some event links (the
  edges of the collapsed graph that path searches walk);
* ``kg:entityMentions`` of every entity (what ``kg entities`` orders by);
* ``kg:degree``, ``kg:pageRank`` and ``kg:betweenness`` of every entity but
  the common-noun Things (what ``kg stats`` ranks) and the ``kg:rankPosition``
  of the first thousand, with ``kg:linkCount``, ``kg:betweennessSampled`` and
  the ``kg:classEvents`` of each event class: the whole-graph figures;
* ``kg:nameKey``: every label and alias of every entity, case-folded, and
  ``kg:nameWord``: each word of those, so that a name, a surname or one word
  is looked up without scanning every name
  (:func:`kg.store.entities.find_entity`);
* ``kg:listPosition`` of the first thousand entities (most mentioned first)
  and articles (most recent first), so that ``kg entities`` and
  ``kg articles`` read one page by position
  (:func:`kg.store.entities.top_entities`,
  :func:`kg.store.articles.recent_articles`);
* on the graph's own node, ``kg:entityCount`` and ``kg:articleDigest``, the
  digest of the stored articles it was made from (a build that stores
  nothing new leaves the derived graphs as they are), and for the figures
  ``kg:figuresDigest`` and ``kg:figuresArticles``: the digest and the
  number of articles they were computed from.

:func:`refresh_network` makes all of it from every stored event.
:func:`update_network` brings it up to date after a change of a few
articles in time proportional to what those articles touch: the links,
names and mention counts of their entities, the list positions and the
entity count. It leaves the whole-graph figures as they were: they are
current only while ``kg:figuresDigest`` equals ``kg:articleDigest``, and
``kg stats`` computes them afresh (saying so) when they are not, until
``kg refresh`` stores them again.

``kg path`` then reads the edges and, for the hops of the walks it finds, only
the events behind them; ``kg stats`` reads the figures. Both give what the
whole-graph route gives (tested on the seeds). A store without the graph
(RDF files given with ``--data``, a store built by an older kg) is read the
whole-graph way.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
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
from kg.store.articles import article_count
from kg.store.entities import fold, read_nodes
from kg.store.sparql import INSERT_LINES, Queryable, insert_data, restrict, select

if TYPE_CHECKING:
    import networkx as nx

# networkx and the graph builders load in the functions that walk or build
# graphs: kg stats reads stored figures and needs neither.

__all__ = [
    "FIGURES",
    "figures_state",
    "mark_current",
    "network_graph",
    "network_skeleton",
    "refresh_network",
    "stored_digest",
    "stored_network",
    "stored_paths",
    "stored_stats",
    "update_network",
]

_KG = KG
# The whole-graph figures (local names in the kg namespace): made by
# refresh_network, left as they were by update_network.
FIGURES = (
    "degree",
    "pageRank",
    "betweenness",
    "rankPosition",
    "classEvents",
    "linkCount",
    "betweennessSampled",
    "figuresDigest",
    "figuresArticles",
)
_ENTITY_TYPES = ", ".join(f"kg:{t.value}" for t in EntityType)
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
# The links out of (VALUES ?a) or into (VALUES ?b) some entities, with the
# types of both ends.
_AROUND = f"""
SELECT ?a ?b ?ta ?tb WHERE {{
  GRAPH <NETWORK> {{ ?a kg:linkedTo ?b }}
  OPTIONAL {{ ?a a ?ta FILTER (?ta IN ({_ENTITY_TYPES})) }}
  OPTIONAL {{ ?b a ?tb FILTER (?tb IN ({_ENTITY_TYPES})) }}
}}"""
# The links by source, each source's targets in one string: a row per edge
# costs pyoxigraph several times more than the concatenation does (IRIs hold
# no spaces).
_EDGES = """
SELECT ?a (GROUP_CONCAT(STR(?b); separator=" ") AS ?bs)
WHERE { GRAPH <NETWORK> { ?a kg:linkedTo ?b } }
GROUP BY ?a"""
_THINGS = 'SELECT (GROUP_CONCAT(STR(?e); separator=" ") AS ?es) WHERE { ?e a kg:Thing }'
_TOTALS = """
SELECT ?entities ?links ?sampled ?articles WHERE {
  GRAPH <NETWORK> {
    <NETWORK> kg:entityCount ?entities ; kg:linkCount ?links ;
              kg:betweennessSampled ?sampled
    OPTIONAL { <NETWORK> kg:figuresArticles ?articles }
  }
}"""
# The ranked entities at some rank positions, and the events by class, as
# kept with the whole-graph figures.
_RANKED = """
SELECT ?e ?degree ?pagerank ?betweenness WHERE {
  VALUES ?position { POSITIONS }
  GRAPH <NETWORK> {
    ?e kg:rankPosition ?position ; kg:degree ?degree ; kg:pageRank ?pagerank ;
       kg:betweenness ?betweenness
  }
}"""
_CLASS_EVENTS = "SELECT ?c ?n WHERE { GRAPH <NETWORK> { ?c kg:classEvents ?n } }"
# The figures' digest and article count, and whether they are current.
_FIGURES = """
SELECT ?n ?current WHERE {
  GRAPH <NETWORK> {
    <NETWORK> kg:figuresArticles ?n ; kg:figuresDigest ?d .
    OPTIONAL { <NETWORK> kg:articleDigest ?now }
  }
  BIND (COALESCE(?d = ?now, false) AS ?current)
}"""
# What the network graph keeps of each entity by itself (the properties as a
# FILTER: with a VALUES block of them, Oxigraph scans the graph).
_OWN = """
DELETE { GRAPH <NETWORK> { ?e ?p ?o } }
WHERE {
  VALUES ?e { ENTITIES }
  GRAPH <NETWORK> { ?e ?p ?o }
  FILTER (?p IN (kg:nameKey, kg:nameWord, kg:entityMentions))
}"""
# Some links, gone until found again.
_UNLINK = """
DELETE { GRAPH <NETWORK> { ?a kg:linkedTo ?b } }
WHERE { VALUES (?a ?b) { PAIRS } GRAPH <NETWORK> { ?a kg:linkedTo ?b } }"""
_KEPT = """
SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {
  VALUES ?e { ENTITIES } GRAPH <NETWORK> { ?e kg:entityMentions ?m }
}"""
_ENTITY_COUNT = "SELECT ?n WHERE { GRAPH <NETWORK> { <NETWORK> kg:entityCount ?n } }"
# The list and the count, rewritten after each update.
_LISTING = """
DELETE { GRAPH <NETWORK> { ?s ?p ?o } }
WHERE {
  VALUES ?p { kg:listPosition kg:entityCount kg:articleDigest }
  GRAPH <NETWORK> { ?s ?p ?o }
}"""
_LISTED_MENTIONS = """
SELECT ?e ?n WHERE {
  GRAPH <NETWORK> { ?e kg:listPosition ?p ; kg:entityMentions ?n }
}"""
_MENTIONED = """
SELECT ?e ?n WHERE {
  GRAPH <NETWORK> { ?e kg:entityMentions ?n } FILTER (?n >= LEAST)
}"""
_LABELS = "SELECT ?e ?label WHERE { ?e rdfs:label ?label }"
# The listed articles (listed entities have mention counts; a removed
# article is listed until the positions are written again).
_LISTED_ARTICLES = """
SELECT ?x WHERE {
  GRAPH <NETWORK> {
    ?x kg:listPosition ?p FILTER NOT EXISTS { ?x kg:entityMentions ?m }
  }
}"""
# The same of some articles (VALUES ?g): a removed one has no identifier.
_DATES_OF = """
SELECT ?g ?id ?date WHERE {
  ?g schema:identifier ?id .
  OPTIONAL { ?g schema:datePublished ?date }
}"""
_DATES = """
SELECT ?g ?id ?date WHERE {
  ?g a schema:NewsArticle ; schema:identifier ?id .
  OPTIONAL { ?g schema:datePublished ?date }
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
    """Recompute the network graph, whole-graph figures too, from the stored
    events; its edge count.

    ``digest`` (:func:`kg.store.articles.articles_digest`) is kept with it as
    ``kg:articleDigest`` and ``kg:figuresDigest``: what the derived graphs
    were made from.
    """
    from kg.network.graph import collapse, entity_graph

    multi = entity_graph(store)
    graph = collapse(multi)
    name = network_graph(base)
    node = f"<{name}>"
    nodes: list[Node] = [multi.nodes[iri]["node"] for iri in multi]
    lines = [
        f"{node} <{_RDF}type> <{_KG}EntityNetwork> .",
        f'{node} <{_KG}entityCount> "{graph.number_of_nodes()}"^^<{_XSD}integer> .',
    ]
    if digest is not None:
        lines.append(f'{node} <{_KG}articleDigest> "{digest}" .')
    lines += [f"<{a}> <{_KG}linkedTo> <{b}> ." for a, b in graph.edges]
    lines += _own_lines(nodes)
    lines += _listing(store, nodes)
    events = event_counts(store)[1]
    lines += _figure_lines(name, graph, digest, article_count(store), events)
    _replace_graph(store, name, lines)
    return graph.number_of_edges()


def update_network(
    store: Queryable,
    base: str,
    entities: set[str],
    pairs: set[tuple[str, str]],
    *,
    digest: str | None,
    articles: set[str] | None = None,
    added: set[tuple[str, str]] | None = None,
) -> None:
    """Bring the network graph up to date after some articles were added,
    replaced or removed: ``entities`` are the entities those articles name
    (their names and mention counts change), ``pairs`` the (agent,
    participant) pairs their events link (only those links can come or go);
    then the entity count and the list positions (``articles``, the changed
    articles, if given, spare reading every article's date).

    ``added``, if given with ``articles``, are the pairs the changed
    articles' events link after the change, and ``pairs`` those they linked
    before it: only those can lose their link and are looked up in every
    event; a pair only ``added`` can gain a link from the changed articles'
    own events, and keeps it otherwise (a day's news adds, and reads no
    other article's events). The whole-graph figures
    are left for :func:`refresh_network` (see the module's notes).

    The result equals :func:`refresh_network`'s, figures aside.
    """
    from kg.network.graph import linked_pairs
    from kg.store.articles import article_events

    name = network_graph(base)
    touched = sorted(entities)
    terms = " ".join(f"<{iri}>" for iri in touched)
    edges = sorted(linked_pairs(store, pairs))
    if added is not None and articles is not None:
        gained = linked_pairs(store, added - pairs, article_events(store, articles))
        edges = sorted(set(edges) | gained)
    nodes = read_nodes(store, touched) if touched else {}
    present = [nodes[iri] for iri in touched if iri in nodes]
    lines = [f"<{a}> <{_KG}linkedTo> <{b}> ." for a, b in edges]
    lines += _own_lines(present)
    before = 0
    if touched:
        kept = _KEPT.replace("NETWORK", name).replace("ENTITIES", terms)
        before = int(next(iter(select(store, kept)))["n"].value)
        store.update(_sparql(_OWN.replace("NETWORK", name).replace("ENTITIES", terms)))
    if pairs:
        values = " ".join(f"(<{a}> <{b}>)" for a, b in sorted(pairs))
        store.update(_sparql(_UNLINK.replace("NETWORK", name).replace("PAIRS", values)))
    count = next(iter(select(store, _ENTITY_COUNT.replace("NETWORK", name))), None)
    total = (int(count["n"].value) if count else 0) - before + len(present)
    _add_lines(store, name, lines)
    node = f"<{name}>"
    listing = [
        f'{node} <{_KG}entityCount> "{total}"^^<{_XSD}integer> .',
        *_positions(_top_listed(store, name, present), _latest(store, name, articles)),
    ]
    if digest is not None:
        listing.append(f'{node} <{_KG}articleDigest> "{digest}" .')
    store.update(_sparql(_LISTING.replace("NETWORK", name)))
    _add_lines(store, name, listing)


def mark_current(store: Queryable, base: str, digest: str | None) -> None:
    """Record that the derived views are made from the articles whose
    :func:`kg.store.articles.articles_digest` is ``digest`` (none: they are
    not certified), after an :func:`update_network` given no digest."""
    if digest is not None:
        name = network_graph(base)
        _add_lines(store, name, [f'<{name}> <{_KG}articleDigest> "{digest}" .'])


def figures_state(store: Queryable, network: str) -> tuple[int, bool] | None:
    """How many articles the stored whole-graph figures were computed from,
    and whether those are the articles stored now; None when the network
    graph holds no figures."""
    for row in select(store, _FIGURES.replace("NETWORK", network)):
        return int(row["n"].value), row["current"].value == "true"
    return None


def _own_lines(nodes: list[Node]) -> list[str]:
    """Each entity's name keys, their words and its mention count."""
    lines = []
    for entity in nodes:
        iri = f"<{entity.iri}>"
        keys = {fold(entity.label), *(fold(a) for a in entity.aliases)}
        for key in sorted(keys):
            lines.append(f"{iri} <{_KG}nameKey> {ox.Literal(key)} .")
        for word in sorted({w for key in keys for w in key.split(" ") if w}):
            lines.append(f"{iri} <{_KG}nameWord> {ox.Literal(word)} .")
        lines.append(
            f'{iri} <{_KG}entityMentions> "{entity.mentions}"^^<{_XSD}integer> .'
        )
    return lines


def _figure_lines(
    name: str,
    graph: nx.DiGraph[str],
    digest: str | None,
    articles: int,
    events: tuple[tuple[str, int], ...],
) -> list[str]:
    """The whole-graph figures: ranks and rank positions, link count, events
    by class (as :func:`kg.network.metrics.event_counts` gives them), and what
    they were computed from."""
    from kg.store.entities import LISTED

    node = f"<{name}>"
    sampled = "true" if graph.number_of_nodes() > BETWEENNESS_SAMPLE else "false"
    links = sum(len(data["links"]) for _, _, data in graph.edges(data=True))
    lines = [
        f'{node} <{_KG}linkCount> "{links}"^^<{_XSD}integer> .',
        f'{node} <{_KG}betweennessSampled> "{sampled}"^^<{_XSD}boolean> .',
        f'{node} <{_KG}figuresArticles> "{articles}"^^<{_XSD}integer> .',
    ]
    if digest is not None:
        lines.append(f'{node} <{_KG}figuresDigest> "{digest}" .')
    lines += [
        f'<{_KG}{name_}> <{_KG}classEvents> "{n}"^^<{_XSD}integer> .'
        for name_, n in events
    ]
    ranks = [r for r in rank_entities(graph) if r.node.type != EntityType.THING.value]
    for rank in ranks:
        iri = f"<{rank.node.iri}>"
        lines += [
            f'{iri} <{_KG}degree> "{rank.degree}"^^<{_XSD}integer> .',
            f'{iri} <{_KG}pageRank> "{rank.pagerank!r}"^^<{_XSD}double> .',
            f'{iri} <{_KG}betweenness> "{rank.betweenness!r}"^^<{_XSD}double> .',
        ]
    for position, rank in enumerate(top_ranks(ranks, LISTED), start=1):
        lines.append(
            f'<{rank.node.iri}> <{_KG}rankPosition> "{position}"^^<{_XSD}integer> .'
        )
    return lines


def _listing(store: Queryable, nodes: list[Node]) -> list[str]:
    """Where ``kg entities`` and ``kg articles`` list the first
    :data:`~kg.store.entities.LISTED` entities and articles
    (``kg:listPosition``, from 1), so that a page of either is read by
    position instead of sorting everything (a longer list is read whole)."""
    from kg.store.entities import LISTED, listing_order

    entities = [node.iri for node in listing_order(nodes)[:LISTED]]
    return _positions(entities, _latest(store))


def _positions(entities: list[str], articles: list[str]) -> list[str]:
    return [
        f'<{iri}> <{_KG}listPosition> "{position}"^^<{_XSD}integer> .'
        for listed in (entities, articles)
        for position, iri in enumerate(listed, start=1)
    ]


def _latest(
    store: Queryable, name: str | None = None, changed: set[str] | None = None
) -> list[str]:
    """The :data:`~kg.store.entities.LISTED` most recent articles, most
    recent first (the reverse of :func:`kg.store.articles.stored_articles`).

    After a change of the articles ``changed``, none of which the network
    graph ``name`` listed, only the listed ones and ``changed`` are read:
    every other article was behind all those listed and still is.
    """
    from kg.store.entities import LISTED

    query = _DATES
    if name is not None and changed is not None:
        listed = {
            str(row["x"].value)
            for row in select(store, _LISTED_ARTICLES.replace("NETWORK", name))
        }
        if not listed & changed:
            query = restrict(_DATES_OF, "g", listed | changed)
    found = [
        (
            row["date"] is not None,
            "" if row["date"] is None else str(row["date"].value),
            str(row["id"].value),
            str(row["g"].value),
        )
        for row in select(store, query)
    ]
    return [iri for *_, iri in sorted(found, reverse=True)[:LISTED]]


def _top_listed(store: Queryable, name: str, touched: list[Node]) -> list[str]:
    """The :data:`~kg.store.entities.LISTED` entities ``kg entities`` lists
    first, from the stored mention counts, after the counts of ``touched``
    changed: only the entities that can be among them are read (the listed
    ones and ``touched`` bound the count the last of them has)."""
    from kg.store.entities import LISTED

    counts = {
        str(row["e"].value): int(row["n"].value)
        for row in select(store, _LISTED_MENTIONS.replace("NETWORK", name))
    }
    counts.update((node.iri, node.mentions) for node in touched)
    ordered = sorted(counts.values(), reverse=True)
    least = ordered[LISTED - 1] if len(ordered) >= LISTED else 0
    query = _MENTIONED.replace("NETWORK", name).replace("LEAST", str(least))
    mentioned = {
        str(row["e"].value): int(row["n"].value) for row in select(store, query)
    }
    labels: dict[str, str] = {}
    if mentioned:
        for row in select(store, restrict(_LABELS, "e", mentioned)):
            iri, label = str(row["e"].value), str(row["label"].value)
            if iri not in labels or label < labels[iri]:
                labels[iri] = label
    ranked = sorted(
        (-n, labels.get(iri, ""), iri) for iri, n in mentioned.items() if iri in labels
    )
    return [iri for *_, iri in ranked[:LISTED]]


# N-Triples lines per request when adding to a view on a remote endpoint.
_REQUEST_LINES = 10 * INSERT_LINES


def _add_lines(store: Queryable, name: str, lines: list[str]) -> None:
    """Add ``lines`` (N-Triples) to the named graph ``name``."""
    if not lines:
        return
    body = "\n".join(sorted(set(lines)))
    backend = getattr(store, "backend", store)
    if isinstance(backend, ox.Store):  # one load: no Python object per triple
        backend.load(
            body.encode(), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(name)
        )
    else:  # requests of up to 10 operations: Virtuoso takes up to 10 MB
        rows = sorted(set(lines))
        for start in range(0, len(rows), _REQUEST_LINES):
            store.update(insert_data(rows[start : start + _REQUEST_LINES], name))


def _sparql(update: str) -> str:
    return f"PREFIX kg: <{_KG}>\n{update}"


def stored_stats(store: Queryable, network: str, *, top: int = 10) -> GraphStats:
    """:func:`kg.network.metrics.graph_stats` from the stored figures: the top
    entities read by rank position, the counts as kept with the figures (a
    network graph made by an older kg, without them, is read the slower way:
    every ranked entity sorted, every event counted)."""
    from kg.store.entities import LISTED

    totals = next(iter(select(store, _TOTALS.replace("NETWORK", network))))
    rows: list[ox.QuerySolution] = []
    if top <= LISTED:
        positions = " ".join(str(n) for n in range(1, top + 1))
        query = _RANKED.replace("NETWORK", network).replace("POSITIONS", positions)
        rows = list(select(store, query))
    if not rows:
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
    kept = [
        (str(row["c"].value).rsplit("#", 1)[-1], int(row["n"].value))
        for row in select(store, _CLASS_EVENTS.replace("NETWORK", network))
    ]
    if kept and totals["articles"] is not None:
        articles = int(totals["articles"].value)
        events = tuple(sorted(kept, key=lambda item: (-item[1], item[0])))
    else:
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
    avoid_types: frozenset[str] = frozenset(),
    skeleton: nx.Graph[str] | None = None,
    known: Mapping[str, Node] | None = None,
) -> list[PathResult]:
    """:func:`kg.network.paths.find_paths` on the stored network: the walks are
    found on its edges, then only the events behind their hops are read.

    The edges are read from both ends, a ring of neighbours at a time (the
    smaller side first), until the walks found are known to be the whole
    network's (see :func:`_local_walks`): a search reads the neighbourhoods
    it visits, not the network. Walks never pass through ``avoid`` nor
    through entities of ``avoid_types``.

    A caller that asks many times may pass the network's ``skeleton``
    (:func:`network_skeleton`, directed, or undirected for ``undirected``
    searches) and ``known``, every entity by IRI, to read neither again.
    """
    from kg.network.paths import find_walks, path_results

    if source == target:
        raise KGError("The two ends of the path are the same entity.")
    if k < 1 or (max_hops is not None and max_hops < 1):
        raise KGError("--k and --max-hops must be at least 1.")
    if skeleton is None:
        walks = _local_walks(
            store,
            network,
            source,
            target,
            via_things,
            avoid,
            avoid_types,
            k=k,
            max_hops=max_hops,
            undirected=undirected,
        )
    elif source not in skeleton or target not in skeleton:
        return []  # an end with no link at all: no path
    else:
        if avoid_types and known is not None:
            avoid |= {iri for iri, n in known.items() if n.type in avoid_types}
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


def _local_walks(
    store: Queryable,
    network: str,
    source: str,
    target: str,
    via_things: bool,
    avoid: frozenset[str],
    avoid_types: frozenset[str],
    *,
    k: int,
    max_hops: int | None,
    undirected: bool,
) -> list[list[str]]:
    """The walks :func:`kg.network.paths.find_walks` finds on the whole stored
    network, found on the part of it read around the two ends.

    The source's side reads the links out of its ring (both ways for an
    undirected search), the target's side the links into its own. Once the
    source's side has read the links of every entity nearer than r1 and the
    target's side of every one nearer than r2, every walk of r1 + r2 hops or
    fewer is among what was read, and walks come shortest first, then by
    IRIs, whatever graph holds them: when the k-th walk found is no longer,
    those k are the whole network's. A side with nothing left to read has
    read all that can be reached from its end, and ``max_hops`` bounds the
    length; either also ends the search.
    """
    import networkx as nx

    from kg.network.paths import find_walks

    part: nx.Graph[str] = nx.Graph() if undirected else nx.DiGraph()
    part.add_nodes_from([source, target])
    types: dict[str, str] = {}
    ends = {source, target}
    thing = EntityType.THING.value

    def barred(iri: str) -> bool:
        kind = types.get(iri)
        return iri not in ends and (
            iri in avoid or kind in avoid_types or (kind == thing and not via_things)
        )

    sides = [_Side(source, outward=True), _Side(target, outward=False)]
    while True:
        part.graph["kg_things"] = frozenset(i for i, t in types.items() if t == thing)
        avoided = avoid | {i for i, t in types.items() if t in avoid_types}
        walks = find_walks(
            part,
            source,
            target,
            k=k,
            max_hops=max_hops,
            undirected=undirected,
            via_things=via_things,
            avoid=avoided,
        )
        reach = sides[0].radius + sides[1].radius
        if len(walks) == k and len(walks[-1]) - 1 <= reach:
            return walks
        if any(not side.ring for side in sides):
            return walks
        if max_hops is not None and reach >= max_hops:
            return walks
        side = min(sides, key=lambda s: (len(s.ring), not s.outward))
        links = side.read(store, network, undirected)
        for a, b, kind_a, kind_b in links:
            part.add_edge(a, b)
            for iri, kind in ((a, kind_a), (b, kind_b)):
                if kind:
                    types[iri] = kind
        side.advance(links, lambda iri: barred(iri) or iri in ends)


class _Side:
    """One end of a search: the entities it has met, its outer ring and how
    far that ring is from its end."""

    def __init__(self, end: str, *, outward: bool) -> None:
        self.outward = outward
        self.ring: set[str] = {end}
        self.met: set[str] = {end}
        self.radius = 0

    def read(
        self, store: Queryable, network: str, undirected: bool
    ) -> list[tuple[str, str, str | None, str | None]]:
        """The links into or out of the ring (both for ``undirected``), as
        (from, to, type of from, type of to)."""
        ends = ["a" if self.outward else "b"]
        if undirected:
            ends = ["a", "b"]
        found = []
        for end in ends:
            text = restrict(_AROUND.replace("NETWORK", network), end, self.ring)
            for row in select(store, text):
                a, b = str(row["a"].value), str(row["b"].value)
                ka, kb = row["ta"], row["tb"]
                found.append(
                    (
                        a,
                        b,
                        None if ka is None else str(ka.value).rsplit("#", 1)[-1],
                        None if kb is None else str(kb.value).rsplit("#", 1)[-1],
                    )
                )
        return sorted(found, key=lambda link: (link[0], link[1]))

    def advance(
        self,
        links: list[tuple[str, str, str | None, str | None]],
        stops: Callable[[str], bool],
    ) -> None:
        """Move the ring one step out: the entities the links reach that were
        not met before; those a walk cannot pass through stay behind."""
        reached = {b if a in self.ring else a for a, b, _, _ in links}
        fresh = reached - self.met
        self.met |= fresh
        self.ring = {iri for iri in fresh if not stops(iri)}
        self.radius += 1


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
    _add_lines(store, name, lines)
