"""How is A connected to B? Shortest walks through the entity graph, with evidence.

Searches run on the collapsed graph (one edge per entity pair, see
:func:`kg.network.graph.collapse`). Common-noun entities (``Thing``: "equipment",
"the vaccine") join unrelated actors, so walks do not pass through them
unless asked to (``via_things``); they can still be the ends of a walk.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict
from itertools import islice, pairwise
from typing import Any

import networkx as nx

from kg.errors import KGError, UnknownEntityError
from kg.network.graph import link_order
from kg.records import EntityType, Factuality, Hop, Link, PathResult, Role
from kg.resources.lexicon import GENERIC, load_lexicon

__all__ = [
    "bare_verb",
    "describe",
    "excerpt",
    "find_paths",
    "hop_to_dict",
    "neighbors",
    "verb_phrase",
]

_EXCERPT = 70  # characters of context either side of the trigger


def find_paths(
    graph: nx.DiGraph[str],
    source: str,
    target: str,
    *,
    k: int = 3,
    max_hops: int | None = None,
    undirected: bool = False,
    via_things: bool = False,
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

    Raises:
        UnknownEntityError: ``source`` or ``target`` is not in the graph.
        KGError: ``k`` or ``max_hops`` is below 1, or the ends are the same.
    """
    for iri in (source, target):
        if iri not in graph:
            raise UnknownEntityError(f"{iri} is not an entity of the graph.")
    if source == target:
        raise KGError("The two ends of the path are the same entity.")
    if k < 1 or (max_hops is not None and max_hops < 1):
        raise KGError("--k and --max-hops must be at least 1.")
    walks = islice(_walks(graph, source, target, undirected, via_things), k)
    results = []
    for walk in walks:
        if max_hops is not None and len(walk) - 1 > max_hops:
            break  # walks come shortest first
        results.append(_result(graph, walk, undirected))
    return results


def neighbors(graph: nx.DiGraph[str], iri: str) -> list[Hop]:
    """Every entity linked to ``iri`` in either direction, most evidence first."""
    if iri not in graph:
        raise UnknownEntityError(f"{iri} is not an entity of the graph.")
    around = set(graph.successors(iri)) | set(graph.predecessors(iri))
    hops = [_hop(graph, iri, other, undirected=True) for other in around]
    return sorted(hops, key=lambda h: (-len(h.links), h.target.label, h.target.iri))


def describe(hop: Hop) -> str:
    """A hop as a readable line: who did what to whom, the quote and its source.

    Examples:
        >>> from kg.records import Factuality, Link, Node, Role
        >>> nk = Node("x:nk", "North Korea", "Country")
        >>> ru = Node("x:ru", "Russia", "Country")
        >>> link = Link("x:e", "x:nk", "x:ru", Role.RECIPIENT, "Supply", "provide",
        ...     "provided", 13, ("ballistic missile",), None, Factuality.ASSERTED,
        ...     0.8, "North Korea provided Russia with missiles.", "x:a",
        ...     "2024-01-04", "KUNA")
        >>> print(describe(Hop(nk, ru, (link,))))  # doctest: +NORMALIZE_WHITESPACE
        North Korea —supplied ballistic missile to→ Russia
        "North Korea provided Russia with missiles." (KUNA, 2024-01-04)
    """
    link = hop.links[0]
    phrase = verb_phrase(link)
    if hop.forward:
        line = f"{hop.source.label} —{phrase}→ {hop.target.label}"
    else:
        line = f"{hop.source.label} ←{phrase}— {hop.target.label}"
    source = ", ".join(x for x in (link.outlet, link.published) if x) or link.article
    more = len(hop.links) - 1
    extra = f" (+{more} more event{'s' if more > 1 else ''})" if more else ""
    return f'{line}  "{excerpt(link.evidence, link.trigger_at)}" ({source}){extra}'


def hop_to_dict(hop: Hop) -> dict[str, Any]:
    """A hop as JSON-ready data: ends, direction, readable text and every link."""
    return {
        "from": asdict(hop.source),
        "to": asdict(hop.target),
        "forward": hop.forward,
        "text": describe(hop),
        "evidence": [asdict(link) for link in hop.links],
    }


def verb_phrase(link: Link) -> str:
    """What the agent did, as a phrase: "supplied ballistic missile to", "used".

    Typed events read as their class's direct property ("supplied"); generic
    ones as their trigger word. A factuality other than asserted is appended.
    """
    verb = bare_verb(link)
    themes = ", ".join(link.themes)
    if link.role is Role.RECIPIENT and themes:
        verb = f"{verb} {themes} to"
    elif link.role is Role.TARGET and themes:
        verb = f"{verb} with {themes}"
    if link.factuality is not Factuality.ASSERTED:
        verb = f"{verb} [{link.factuality.value}]"
    return verb


def bare_verb(link: Link) -> str:
    """The verb of a link alone: "supplied", "agreed with", or the trigger word.

    Examples:
        >>> from kg.records import Factuality, Link, Role
        >>> bare_verb(Link("e", "a", "b", Role.TARGET, "Agreement", "sign", "signed",
        ...     0, (), None, Factuality.ASSERTED, 0.8, "A signed with B.", "x"))
        'agreed with'
    """
    if link.event_class == GENERIC:
        return link.trigger.casefold()
    prop = load_lexicon().direct.get(link.event_class, link.relation)
    return "".join(f" {c.lower()}" if c.isupper() else c for c in prop)


def excerpt(sentence: str, at: int, width: int = _EXCERPT) -> str:
    """The part of ``sentence`` around offset ``at``, cut at word boundaries.

    Examples:
        >>> excerpt("a " * 50 + "TRIGGER" + " b" * 50, 100, width=10)
        '… a a a a TRIGGER b b b b b …'
    """
    word_end = sentence.find(" ", at)
    word_end = len(sentence) if word_end < 0 else word_end
    start = max(0, at - width)
    end = min(len(sentence), word_end + width)
    if start > 0:
        space = sentence.find(" ", start)
        start = space + 1 if 0 <= space < at else start
    if end < len(sentence):
        space = sentence.rfind(" ", word_end, end + 1)
        end = space if space > word_end else end
    head = "… " if start > 0 else ""
    tail = " …" if end < len(sentence) else ""
    return f"{head}{sentence[start:end].strip()}{tail}"


def _walks(
    graph: nx.DiGraph[str],
    source: str,
    target: str,
    undirected: bool,
    via_things: bool,
) -> Iterator[list[str]]:
    view: Any = _undirected(graph) if undirected else graph
    if not via_things:
        things = _things(graph)
        ends = {source, target}
        view = nx.subgraph_view(
            view, filter_node=lambda n: n in ends or n not in things
        )
    try:
        yield from nx.shortest_simple_paths(view, source, target)
    except nx.NetworkXNoPath:
        return


def _things(graph: nx.DiGraph[str]) -> frozenset[str]:
    """The Thing entities of ``graph``, found once and kept in ``graph.graph``."""
    things: frozenset[str] | None = graph.graph.get("kg_things")
    if things is None:
        things = frozenset(
            n for n in graph if graph.nodes[n]["node"].type == EntityType.THING
        )
        graph.graph["kg_things"] = things
    return things


def _undirected(graph: nx.DiGraph[str]) -> nx.Graph[str]:
    """An undirected copy of ``graph``'s structure, made once, kept in ``graph.graph``.

    Searching a copy is several times faster than searching networkx's
    undirected view, which merges successors and predecessors at every step.
    Graphs from :func:`kg.network.graph.collapse` are not changed once made,
    so the copy stays true.
    """
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
    ordered = sorted(forward, key=link_order) + sorted(
        (link for link in links if link.source != source), key=link_order
    )
    return Hop(graph.nodes[source]["node"], graph.nodes[target]["node"], tuple(ordered))
