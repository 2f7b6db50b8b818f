"""Paths between entities: the seeds with the real model, and a property test."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import networkx as nx
import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import KGError, UnknownEntityError
from kg.network.graph import collapse
from kg.network.hops import describe, excerpt, hop_to_dict
from kg.network.paths import find_paths, neighbors
from kg.records import Factuality, Link, Node, Role
from kg.store.entities import EntityIndex

TYPES = ("Country", "Person", "Organization", "Thing")


def _link(event: int, source: str, target: str, factuality: Factuality) -> Link:
    return Link(
        event=f"e{event}",
        source=source,
        target=target,
        role=Role.TARGET,
        event_class="Attack",
        relation="attack",
        trigger="attacked",
        trigger_at=2,
        themes=(),
        time=None,
        factuality=factuality,
        confidence=0.8,
        evidence=f"{source} attacked {target}.",
        article="a",
        published="2024-01-01",
    )


@st.composite
def graphs(draw: Any) -> nx.MultiDiGraph[str]:
    """Random small entity graphs with parallel edges and Thing nodes."""
    size = draw(st.integers(2, 9))
    types = draw(st.lists(st.sampled_from(TYPES), min_size=size, max_size=size))
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for i, type_ in enumerate(types):
        graph.add_node(f"n{i}", node=Node(f"n{i}", f"entity {i}", type_))
    pairs = draw(
        st.lists(
            st.tuples(st.integers(0, size - 1), st.integers(0, size - 1)).filter(
                lambda p: p[0] != p[1]
            ),
            max_size=24,
        )
    )
    facts = st.sampled_from([f for f in Factuality if f is not Factuality.NEGATED])
    for number, (a, b) in enumerate(pairs):
        link = _link(number, f"n{a}", f"n{b}", draw(facts))
        graph.add_edge(link.source, link.target, key=link.event, link=link)
    return graph


@settings(max_examples=300, deadline=None)
@given(
    multi=graphs(),
    ends=st.tuples(st.integers(0, 8), st.integers(0, 8)).filter(lambda p: p[0] != p[1]),
    k=st.integers(1, 4),
    max_hops=st.none() | st.integers(1, 5),
    undirected=st.booleans(),
    via_things=st.booleans(),
)
def test_paths_every_path_is_a_real_walk_with_evidence(
    multi: nx.MultiDiGraph[str],
    ends: tuple[int, int],
    k: int,
    max_hops: int | None,
    undirected: bool,
    via_things: bool,
) -> None:
    source, target = (f"n{i % len(multi)}" for i in ends)
    if source == target:
        return
    graph = collapse(multi)
    paths = find_paths(
        graph,
        source,
        target,
        k=k,
        max_hops=max_hops,
        undirected=undirected,
        via_things=via_things,
    )
    assert len(paths) <= k
    assert len({tuple(n.iri for n in p.nodes) for p in paths}) == len(paths)
    lengths = [len(p.hops) for p in paths]
    assert lengths == sorted(lengths)
    for path in paths:
        walk = [node.iri for node in path.nodes]
        assert walk[0] == source and walk[-1] == target
        assert len(set(walk)) == len(walk)
        assert max_hops is None or len(path.hops) <= max_hops
        for middle in path.nodes[1:-1]:
            assert via_things or middle.type != "Thing"
        for hop in path.hops:
            a, b = hop.source.iri, hop.target.iri
            assert hop.links, "a hop without evidence"
            assert graph.has_edge(a, b) or (undirected and graph.has_edge(b, a))
            for link in hop.links:
                assert multi.has_edge(link.source, link.target, key=link.event)
                assert link.evidence
                assert undirected or (link.source, link.target) == (a, b)
    # Shortest first: the first path is as short as any walk can be.
    view = (
        graph
        if via_things
        else graph.subgraph(
            n
            for n in graph
            if n in {source, target} or graph.nodes[n]["node"].type != "Thing"
        )
    )
    search: nx.Graph[str] = view.to_undirected() if undirected else view
    if nx.has_path(search, source, target):
        shortest = nx.shortest_path_length(search, source, target)
        if max_hops is None or shortest <= max_hops:
            assert lengths and lengths[0] == shortest
        else:
            assert not paths
    else:
        assert not paths


def test_paths_refuse_unknown_entities_and_bad_limits() -> None:
    graph = collapse(nx.MultiDiGraph())
    graph.add_node("a", node=Node("a", "A", "Country"))
    with pytest.raises(UnknownEntityError, match="b is not an entity"):
        find_paths(graph, "a", "b")
    graph.add_node("b", node=Node("b", "B", "Country"))
    with pytest.raises(KGError, match="same entity"):
        find_paths(graph, "a", "a")
    with pytest.raises(KGError, match="at least 1"):
        find_paths(graph, "a", "b", k=0)


@pytest.mark.parametrize("at", [0, 5, 40, 99])
def test_paths_excerpt_keeps_the_trigger(at: int) -> None:
    words = [f"w{i:02d}" for i in range(34)]
    sentence = " ".join(words)
    at = sentence.index(" ", at) + 1 if at else 0
    trigger = sentence[at:].split(" ", 1)[0]
    assert trigger in excerpt(sentence, at, width=20)


@pytest.mark.model
@pytest.mark.parametrize("name", ["North Korea", "DPRK", "north korea"])
def test_paths_seed_north_korea_reaches_ukraine_through_russia(
    name: str, seed_paths: nx.DiGraph[str], seed_index: EntityIndex
) -> None:
    start, end = seed_index.resolve(name), seed_index.resolve("Ukraine")
    [path, *_] = find_paths(seed_paths, start.iri, end.iri)
    assert [n.label for n in path.nodes] == ["North Korea", "Russia", "Ukraine"]
    supply, attack = path.hops
    assert {link.event_class for link in supply.links} >= {"Supply"}
    assert any(
        "provided Russia with a ballistic missile launcher" in link.evidence
        for link in supply.links
    )
    assert attack.links[0].event_class == "Attack"
    lines = [describe(hop) for hop in path.hops]
    assert lines[0].startswith("North Korea —supplied ")
    # the hop is told by its best link (several supplies are as good), with
    # its outlet and date
    best = supply.links[0]
    assert best.event_class == "Supply"
    assert "→ Russia" in lines[0] and f"({best.outlet}, {best.published})" in lines[0]
    assert lines[1].startswith("Russia —attacked")


@pytest.mark.model
def test_paths_seed_undirected_walks_back(
    seed_paths: nx.DiGraph[str], seed_index: EntityIndex
) -> None:
    ukraine, north_korea = seed_index.resolve("Ukraine"), seed_index.resolve("DPRK")
    assert not find_paths(seed_paths, ukraine.iri, north_korea.iri)
    [path, *_] = find_paths(seed_paths, ukraine.iri, north_korea.iri, undirected=True)
    assert [n.label for n in path.nodes] == ["Ukraine", "Russia", "North Korea"]
    assert not path.hops[0].forward
    assert "←attacked" in describe(path.hops[0])


@pytest.mark.model
def test_paths_seed_neighbours_of_russia(
    seed_paths: nx.DiGraph[str], seed_index: EntityIndex
) -> None:
    russia = seed_index.resolve("Russia")
    hops = neighbors(seed_paths, russia.iri)
    labels = [hop.target.label for hop in hops]
    assert {"North Korea", "Ukraine"} <= set(labels)
    counts = [len(hop.links) for hop in hops]
    assert counts == sorted(counts, reverse=True)
    data = hop_to_dict(hops[0])
    assert data["from"]["label"] == "Russia" and data["evidence"]


@pytest.mark.model
def test_paths_neighbours_from_targeted_reads_equal_the_whole_graph(
    seed_store: ox.Store, seed_paths: nx.DiGraph[str]
) -> None:
    from kg.network.graph import collapse, entity_neighbourhood

    linked = [
        iri
        for iri in seed_paths
        if set(seed_paths.successors(iri)) | set(seed_paths.predecessors(iri))
    ]
    assert len(linked) > 20
    for iri in linked:
        around = collapse(entity_neighbourhood(seed_store, iri))
        assert neighbors(around, iri) == neighbors(seed_paths, iri), iri


@pytest.mark.model
def test_paths_find_entity_resolves_as_the_whole_index(seed_store: ox.Store) -> None:
    from kg.store.entities import EntityIndex, find_entity, read_nodes

    nodes = read_nodes(seed_store)
    index = EntityIndex.of(nodes)
    names = {"xyzzy", "Democratic People's Republic of Korea", "country:russia"}
    for node in nodes.values():
        names |= {node.label, node.label.lower(), node.iri, *node.aliases}

    def outcome(resolve: Callable[[str], Node], name: str) -> str:
        try:
            return resolve(name).iri
        except KGError as err:
            return f"{type(err).__name__}: {err}"

    for name in sorted(names):
        targeted = outcome(lambda n: find_entity(seed_store, n), name)
        assert targeted == outcome(index.resolve, name), name


@pytest.mark.model
def test_paths_seed_avoiding_countries_leaves_russia_out(
    seed_paths: nx.DiGraph[str], seed_index: EntityIndex
) -> None:
    start, end = seed_index.resolve("North Korea"), seed_index.resolve("Ukraine")
    countries = frozenset(
        iri for iri in seed_paths if seed_paths.nodes[iri]["node"].type == "Country"
    )
    found = find_paths(seed_paths, start.iri, end.iri, k=5, avoid=countries)
    for path in found:  # the ends may be countries, no step between them is
        assert not {n.iri for n in path.nodes[1:-1]} & countries
    assert all("Russia" not in [n.label for n in p.nodes] for p in found)


@pytest.mark.model
def test_paths_store_avoid_types_and_attested_order(seed_store: ox.Store) -> None:
    from kg.network.ask import paths
    from kg.network.paths import attested_order, hop_strength

    _, _, plain = paths(seed_store, "North Korea", "Ukraine", k=3, undirected=True)
    _, _, avoiding = paths(
        seed_store, "North Korea", "Ukraine", k=3, undirected=True,
        avoid_types=["Country"],
    )  # fmt: skip
    assert any("Russia" in [n.label for n in p.nodes] for p in plain)
    assert all("Russia" not in [n.label for n in p.nodes[1:-1]] for p in avoiding)
    _, _, ranked = paths(
        seed_store, "North Korea", "Ukraine", k=3, undirected=True, attested=True
    )
    costs = [sum(1 / hop_strength(h) for h in p.hops) for p in ranked]
    assert costs == sorted(costs) and ranked == attested_order(ranked)
    with pytest.raises(KGError, match="choose from"):
        paths(seed_store, "North Korea", "Ukraine", avoid_types=["Planet"])
