"""kg stats on the seeds: counts agree with the build, centrality makes sense."""

from __future__ import annotations

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import Dataset

from kg.network.metrics import graph_stats
from kg.pipeline.options import BuildReport

pytestmark = pytest.mark.model


def test_metrics_seed_counts_match_the_build(
    seed_store: ox.Store,
    seed_paths: nx.DiGraph[str],
    seed_build: tuple[Dataset, BuildReport],
) -> None:
    report = seed_build[1]
    stats = graph_stats(seed_store, seed_paths, top=5)
    assert stats.articles == report.articles
    assert dict(stats.events) == report.events
    assert stats.entities == seed_paths.number_of_nodes()
    assert len(stats.top) == 5
    assert not stats.betweenness_sampled


def test_metrics_seed_russia_is_central(
    seed_store: ox.Store, seed_paths: nx.DiGraph[str]
) -> None:
    stats = graph_stats(seed_store, seed_paths, top=3)
    assert {r.node.label for r in stats.top[:2]} == {"Russia", "Ukraine"}
    degrees = [r.degree for r in stats.top]
    assert degrees == sorted(degrees, reverse=True)
    russia = next(r for r in stats.top if r.node.label == "Russia")
    assert russia.betweenness > 0 and 0 < russia.pagerank < 1


def test_metrics_generic_events_are_no_links(
    seed_store: ox.Store, seed_paths: nx.DiGraph[str]
) -> None:
    """An event of no typed class says too little to join two entities."""
    classes = {
        link.event_class
        for _, _, data in seed_paths.edges(data=True)
        for link in data["links"]
    }
    assert "Event" not in classes and "Supply" in classes
