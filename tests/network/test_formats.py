"""GEXF, GraphML and CSV exports: schema-valid, and they read back the same."""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree

from kg.errors import OutputFormatError
from kg.eval.shared import benchmarks_dir
from kg.network.formats import (
    EDGE_ATTRIBUTES,
    NODE_ATTRIBUTES,
    GraphFormat,
    _xsd_date,
    export_graph,
    graph_format,
    write_csv,
    write_gexf,
    write_graphml,
)
from kg.records import Factuality, Link, Node, Role

RNG = benchmarks_dir() / "gexf_schema" / "1.3" / "gexf.rng"


@pytest.fixture(scope="module")
def gexf_schema() -> etree.RelaxNG:
    if not RNG.is_file():
        pytest.skip(f"GEXF 1.3 schema absent at {RNG}; set KG_BENCHMARKS to validate")
    return etree.RelaxNG(etree.parse(str(RNG)))


def _odd_graph() -> nx.MultiDiGraph[str]:
    """Names with control characters, quotes, non-Latin text and odd spacing."""
    nodes = [
        Node("http://x/a", 'Ümlaut  "Corp" & <Co>\x07', "Organization", ("A\x00B",)),
        Node("http://x/b", "北京", "Place"),
        Node("http://x/c", "lonely", "Thing"),
    ]
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for node in nodes:
        graph.add_node(node.iri, node=node)
    link = Link(
        "http://x/e1",
        "http://x/a",
        "http://x/b",
        Role.TARGET,
        "Visit",
        "visit",
        "visited",
        0,
        (),
        "2024",
        Factuality.EXPECTED,
        0.5,
        'It visited\x0b 北京 "today".',
        "http://x/art",
    )
    graph.add_edge(link.source, link.target, key=link.event, link=link)
    return graph


@pytest.mark.model
@pytest.mark.parametrize("dynamic", [False, True], ids=["static", "dynamic"])
def test_export_seed_gexf_validates_and_reads_back(
    dynamic: bool,
    seed_network: nx.MultiDiGraph[str],
    gexf_schema: etree.RelaxNG,
    tmp_path: Path,
) -> None:
    graph = export_graph(seed_network)
    path = tmp_path / "seeds.gexf"
    write_gexf(graph, path, dynamic=dynamic)
    assert gexf_schema.validate(etree.parse(str(path))), gexf_schema.error_log
    back = nx.read_gexf(path)
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    for iri, data in graph.nodes(data=True):
        read = back.nodes[iri]
        assert read["label"] == data["label"]
        assert {a: read[a] for a in NODE_ATTRIBUTES} == {
            a: data[a] for a in NODE_ATTRIBUTES
        }
        assert "color" in read["viz"] and read["viz"]["size"] > 0
        incident = [*graph.out_edges(iri, data=True), *graph.in_edges(iri, data=True)]
        dates = [_xsd_date(d["date"]) for *_, d in incident if d["date"]]
        assert read.get("start") == (min(dates) if dynamic and dates else None)
    for source, target, key, data in graph.edges(keys=True, data=True):
        read = back.get_edge_data(source, target, key)
        assert read["weight"] == data["weight"]
        assert read["label"] == data["relation"]
        assert {a: read[a] for a in EDGE_ATTRIBUTES} == {
            a: data[a] for a in EDGE_ATTRIBUTES
        }
        if dynamic and data["date"]:
            assert read["start"] == _xsd_date(data["date"])


@pytest.mark.model
def test_export_seed_edges_carry_evidence_and_weight(
    seed_network: nx.MultiDiGraph[str],
) -> None:
    graph = export_graph(seed_network)
    north_korea = "https://w3id.org/kgnews/id/country/north-korea"
    russia = "https://w3id.org/kgnews/id/country/russia"
    [supplied] = [
        d
        for _, t, d in graph.out_edges(north_korea, data=True)
        if t == russia and d["relation"] == "supplied"
    ]
    assert supplied["weight"] >= 3
    assert supplied["event_class"] == "Supply"
    assert "ballistic missile" in supplied["theme"]
    assert supplied["evidence"] and supplied["article"].startswith("https://")
    assert (
        sum(d["weight"] for *_, d in graph.edges(data=True))
        == seed_network.number_of_edges()
    )


def test_export_odd_names_still_validate(
    gexf_schema: etree.RelaxNG, tmp_path: Path
) -> None:
    graph = export_graph(_odd_graph())
    path = tmp_path / "odd.gexf"
    write_gexf(graph, path, dynamic=True)
    assert gexf_schema.validate(etree.parse(str(path))), gexf_schema.error_log
    back = nx.read_gexf(path)
    assert back.nodes["http://x/a"]["label"] == 'Ümlaut "Corp" & <Co>'
    assert back.nodes["http://x/b"]["label"] == "北京"
    assert back.nodes["http://x/a"]["start"] == "2024-01-01"
    assert "start" not in back.nodes["http://x/c"]


def test_export_graphml_reads_back_the_same(tmp_path: Path) -> None:
    graph = export_graph(_odd_graph())
    path = tmp_path / "odd.graphml"
    write_graphml(graph, path)
    back = nx.read_graphml(path)
    assert back.number_of_nodes() == 3 and back.number_of_edges() == 1
    [(_, _, data)] = back.edges(data=True)
    assert data["relation"] == "visited" and data["factuality"] == "expected"
    assert back.nodes["http://x/b"]["degree"] == 1


def test_export_csv_has_gephi_headers(tmp_path: Path) -> None:
    write_csv(export_graph(_odd_graph()), tmp_path / "csv")
    with (tmp_path / "csv" / "nodes.csv").open(encoding="utf-8") as handle:
        nodes = list(csv.DictReader(handle))
    with (tmp_path / "csv" / "edges.csv").open(encoding="utf-8") as handle:
        edges = list(csv.DictReader(handle))
    assert list(nodes[0])[:2] == ["Id", "Label"] and len(nodes) == 3
    assert list(edges[0])[:5] == ["Source", "Target", "Type", "Label", "Weight"]
    assert edges[0]["Type"] == "Directed" and edges[0]["Weight"] == "1"


def test_export_csv_refuses_a_file_as_folder(tmp_path: Path) -> None:
    target = tmp_path / "edges.csv"
    target.write_text("keep me")
    with pytest.raises(
        OutputFormatError, match=r"writes nodes\.csv and edges\.csv into a folder"
    ):
        write_csv(export_graph(_odd_graph()), target)
    assert target.read_text() == "keep me"


def test_export_format_from_option_or_extension() -> None:
    assert graph_format(Path("x.graphml"), None) is GraphFormat.GRAPHML
    assert graph_format(Path("x.gexf"), "CSV") is GraphFormat.CSV
    with pytest.raises(
        OutputFormatError,
        match=r"Unknown export format 'dot'\. Choose one of: gexf, graphml, csv",
    ):
        graph_format(Path("x.gexf"), "dot")
    with pytest.raises(
        OutputFormatError, match=r"Cannot tell the export format of x\.png"
    ):
        graph_format(Path("x.png"), None)
