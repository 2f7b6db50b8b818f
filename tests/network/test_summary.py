"""The network kept in the store gives what the whole-graph route gives."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from itertools import permutations
from pathlib import Path

import networkx as nx
import pytest
from spacy.language import Language

from kg.network.ask import stats as ask_stats
from kg.network.graph import collapse, entity_graph
from kg.network.metrics import graph_stats
from kg.network.paths import find_paths
from kg.network.summary import (
    figures_state,
    network_graph,
    network_skeleton,
    stored_network,
    stored_paths,
    stored_stats,
)
from kg.pipeline.run import build
from kg.rdf.iri import DEFAULT_BASE
from kg.records import EntityType, Node
from kg.store import Store, open_store

from ..conftest import ROOT, SEEDS

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def seed_reader(seed_store_path: Path) -> Store:
    return open_store(seed_store_path)


@pytest.fixture(scope="module")
def whole(seed_reader: Store) -> nx.DiGraph[str]:
    return collapse(entity_graph(seed_reader))


def test_summary_a_build_leaves_the_network_in_the_store(seed_reader: Store) -> None:
    assert stored_network(seed_reader) == network_graph(DEFAULT_BASE)


def test_summary_no_network_in_files_loaded_with_data(seed_trig: Path) -> None:
    assert stored_network(open_store(data=[seed_trig])) is None


@pytest.mark.parametrize("top", [1, 5, 10, 1000])
def test_summary_stats_equal_the_whole_graph_figures(
    seed_reader: Store, whole: nx.DiGraph[str], top: int
) -> None:
    network = stored_network(seed_reader)
    assert network is not None
    assert stored_stats(seed_reader, network, top=top) == graph_stats(
        seed_reader, whole, top=top
    )


@pytest.mark.parametrize(
    ("undirected", "via_things", "k", "max_hops", "avoid"),
    [
        (False, False, 3, None, ""),
        (True, False, 3, None, ""),
        (True, True, 3, None, ""),
        (True, False, 1, None, "Country"),
        (True, False, 6, 2, ""),
        (False, False, 2, 3, "Place"),
    ],
)
def test_summary_paths_equal_the_whole_graph_paths(
    seed_reader: Store,
    whole: nx.DiGraph[str],
    undirected: bool,
    via_things: bool,
    k: int,
    max_hops: int | None,
    avoid: str,
) -> None:
    network = stored_network(seed_reader)
    assert network is not None
    actors = sorted(
        iri
        for iri in whole
        if whole.nodes[iri]["node"].type != EntityType.THING.value
        and whole.degree(iri) > 0
    )
    avoided = frozenset(
        iri for iri in whole if avoid and whole.nodes[iri]["node"].type == avoid
    )
    compared = found = 0
    for source, target in permutations(actors, 2):
        options = {
            "k": k,
            "max_hops": max_hops,
            "undirected": undirected,
            "via_things": via_things,
        }
        expected = find_paths(whole, source, target, avoid=avoided, **options)  # type: ignore[arg-type]
        got = stored_paths(
            seed_reader,
            network,
            source,
            target,
            avoid_types=frozenset({avoid} - {""}),
            **options,  # type: ignore[arg-type]
        )
        assert got == expected, (source, target)
        compared += 1
        found += bool(expected)
    assert compared > 100 and found > 10


@pytest.mark.parametrize("undirected", [False, True])
def test_summary_walks_read_around_the_ends_equal_the_whole_network_walks(
    undirected: bool,
) -> None:
    """On a network with hubs (preferential attachment, 400 entities, a tenth
    of them Things), walks found from the neighbourhoods read around the two
    ends are the walks found on the whole network, for many pairs."""
    import random

    import pyoxigraph as ox

    from kg.network.paths import find_walks
    from kg.network.summary import _local_walks
    from kg.resources.ontology import KG

    shape = nx.barabasi_albert_graph(400, 2, seed=7)
    rng = random.Random(11)
    names = {n: f"http://example.org/e/{n:03d}" for n in shape}
    kinds = {n: "Thing" if rng.random() < 0.1 else "Person" for n in shape}
    network = "http://example.org/graph/network"
    whole: nx.DiGraph[str] = nx.DiGraph()
    whole.add_nodes_from(sorted(names.values()))
    store = ox.Store()
    for a, b in shape.edges:
        a, b = (a, b) if rng.random() < 0.5 else (b, a)
        whole.add_edge(names[a], names[b])
        store.add(
            ox.Quad(
                ox.NamedNode(names[a]),
                ox.NamedNode(f"{KG}linkedTo"),
                ox.NamedNode(names[b]),
                ox.NamedNode(network),
            )
        )
    for n, kind in kinds.items():
        store.add(
            ox.Quad(
                ox.NamedNode(names[n]),
                ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                ox.NamedNode(f"{KG}{kind}"),
            )
        )
    whole.graph["kg_things"] = frozenset(
        names[n] for n, kind in kinds.items() if kind == "Thing"
    )
    pairs = [tuple(rng.sample(sorted(names.values()), 2)) for _ in range(60)]
    found = 0
    for source, target in pairs:
        expected = find_walks(whole, source, target, k=4, undirected=undirected)
        got = _local_walks(
            store,
            network,
            source,
            target,
            False,
            frozenset(),
            frozenset(),
            k=4,
            max_hops=None,
            undirected=undirected,
        )
        assert got == expected, (source, target)
        found += bool(expected)
    assert found > 20


def test_summary_removal_brings_the_network_up_to_date(
    nlp: Language, tmp_path: Path
) -> None:
    with open_store(tmp_path / "s", create=True) as store:
        build([SEEDS, ROOT / "tests" / "data" / "strike"], store, nlp=nlp)
        first = store.articles()[0]
        store.remove([first.id])
    with open_store(tmp_path / "s") as reader:
        network = stored_network(reader)
        assert network is not None
        fresh = collapse(entity_graph(reader))
        assert sorted(network_skeleton(reader, network).edges) == sorted(fresh.edges)
        # the whole-graph figures are out of date: kg stats computes them
        assert figures_state(reader, network) == (14, False)
        stats = ask_stats(reader, top=10)
        assert stats == replace(graph_stats(reader, fresh, top=10), outdated=14)
        assert stats.articles == 11 + 3 - 1
    with open_store(tmp_path / "s", write=True) as store:
        store.refresh()
    with open_store(tmp_path / "s") as reader:
        assert figures_state(reader, network) == (13, True)
        kept = stored_stats(reader, network, top=10)
        assert kept == graph_stats(reader, fresh, top=10)


def test_summary_name_keys_resolve_as_the_whole_index(seed_reader: Store) -> None:
    from kg.errors import KGError
    from kg.store.entities import EntityIndex, find_entity

    nodes = seed_reader.entities()
    index = EntityIndex.of(nodes)
    names = {"xyzzy", "Democratic People's Republic of Korea", "country:russia"}
    for node in nodes.values():
        names |= {node.label, node.label.upper(), f" {node.label} ", *node.aliases}

    def outcome(resolve: Callable[[str], Node], name: str) -> str:
        try:
            return resolve(name).iri
        except KGError as err:
            return f"{type(err).__name__}: {err}"

    for name in sorted(names):
        keyed = outcome(lambda n: find_entity(seed_reader.backend, n), name)
        assert keyed == outcome(index.resolve, name), name
