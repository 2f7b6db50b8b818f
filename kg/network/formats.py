"""The entity graph for Gephi and friends: GEXF 1.3, GraphML and CSV.

All three writers share :func:`export_graph`: one node per entity, one edge
per (agent, other entity, verb) with the number of supporting events as its
weight and the best event's evidence on it. Attributes are scalars with one
type per key.

GEXF is written here rather than by ``networkx.write_gexf``, whose output the
official schemas reject (an empty ``name`` attribute on ``<graph>``, a wrong
``xsi`` namespace for 1.3). Ours validates against ``1.3/gexf.rng``.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections import defaultdict
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Any

import networkx as nx
from lxml import etree

from kg._version import __version__
from kg.errors import OutputFormatError
from kg.network.graph import link_order
from kg.network.hops import bare_verb
from kg.rdf.write import write_atomic
from kg.records import Link, Node

__all__ = [
    "EXPORTERS",
    "GraphFormat",
    "export_graph",
    "graph_format",
    "write_csv",
    "write_gexf",
    "write_graphml",
]

GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"
# Node colours by entity type (a colour-blind-safe palette).
COLOURS = {
    "Country": (0, 114, 178),
    "Organization": (230, 159, 0),
    "Person": (0, 158, 115),
    "Place": (204, 121, 167),
    "Thing": (153, 153, 153),
}
NODE_ATTRIBUTES = {
    "type": "string",
    "aliases": "string",
    "mentions": "integer",
    "degree": "integer",
}
EDGE_ATTRIBUTES = {
    "relation": "string",
    "event_class": "string",
    "theme": "string",
    "evidence": "string",
    "article": "string",
    "date": "string",
    "confidence": "double",
    "factuality": "string",
    "event": "string",
}
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


class GraphFormat(StrEnum):
    """Formats of ``kg export``."""

    GEXF = "gexf"
    GRAPHML = "graphml"
    CSV = "csv"


def graph_format(output: Path, given: str | None) -> GraphFormat:
    """The export format: ``--format`` if given, else from the output's extension.

    Examples:
        >>> graph_format(Path("out/seeds.gexf"), None)
        <GraphFormat.GEXF: 'gexf'>
        >>> graph_format(Path("out/x"), "csv")
        <GraphFormat.CSV: 'csv'>
    """
    choices = ", ".join(f.value for f in GraphFormat)
    if given is not None:
        try:
            return GraphFormat(given.lower())
        except ValueError:
            raise OutputFormatError(
                f"Unknown export format {given!r}. Choose one of: {choices}."
            ) from None
    suffix = output.suffix.lower().lstrip(".")
    if suffix in {f.value for f in GraphFormat}:
        return GraphFormat(suffix)
    raise OutputFormatError(
        f"Cannot tell the export format of {output}: give --format ({choices}) "
        "or an output ending in .gexf or .graphml."
    )


def export_graph(graph: nx.MultiDiGraph[str]) -> nx.MultiDiGraph[str]:
    """The entity graph with scalar attributes, one edge per (agent, other, verb).

    Node keys are entity IRIs; edge keys are ``e0``, ``e1``, ... in sorted order.
    """
    grouped: dict[tuple[str, str, str], list[Link]] = defaultdict(list)
    for source, target, data in graph.edges(data=True):
        link = data["link"]
        grouped[source, target, bare_verb(link)].append(link)
    out: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for iri in sorted(graph):
        out.add_node(iri, **_node_attributes(graph.nodes[iri]["node"]))
    for number, ((source, target, verb), links) in enumerate(sorted(grouped.items())):
        out.add_edge(source, target, key=f"e{number}", **_edge_attributes(verb, links))
    simple = nx.Graph(out)
    for iri in out:
        out.nodes[iri]["degree"] = simple.degree(iri)
    return out


def _clean(attributes: dict[str, Any]) -> dict[str, Any]:
    """Text without the control characters XML cannot carry (GEXF, GraphML)."""
    return {k: _xml(v) if isinstance(v, str) else v for k, v in attributes.items()}


def write_gexf(
    graph: nx.MultiDiGraph[str], path: Path, *, dynamic: bool = False
) -> None:
    """GEXF 1.3 with viz colour (by type) and size (by degree).

    ``dynamic`` gives nodes and edges a ``start`` date (the earliest event
    time, else the article's date) so Gephi's timeline plays the story.
    """
    gexf = etree.Element(
        f"{{{GEXF_NS}}}gexf",
        nsmap={None: GEXF_NS, "viz": VIZ_NS},  # type: ignore[dict-item]  # stubs lack None
    )
    gexf.set("version", "1.3")
    meta = etree.SubElement(gexf, f"{{{GEXF_NS}}}meta")
    etree.SubElement(meta, f"{{{GEXF_NS}}}creator").text = f"kg {__version__}"
    etree.SubElement(
        meta, f"{{{GEXF_NS}}}description"
    ).text = "Entities linked by the news events that connect them"
    element = etree.SubElement(gexf, f"{{{GEXF_NS}}}graph")
    element.set("defaultedgetype", "directed")
    element.set("idtype", "string")
    if dynamic:
        element.set("mode", "dynamic")
        element.set("timeformat", "date")
    else:
        element.set("mode", "static")
    _declare(element, "node", NODE_ATTRIBUTES)
    _declare(element, "edge", EDGE_ATTRIBUTES)
    starts = _node_starts(graph) if dynamic else {}
    nodes = etree.SubElement(element, f"{{{GEXF_NS}}}nodes")
    nodes.set("count", str(graph.number_of_nodes()))
    for iri, data in graph.nodes(data=True):
        node = etree.SubElement(nodes, f"{{{GEXF_NS}}}node")
        node.set("id", _xml(iri))
        node.set("label", _token(data["label"]))
        if iri in starts:
            node.set("start", starts[iri])
        _values(node, data, NODE_ATTRIBUTES)
        r, g, b = COLOURS.get(data["type"], COLOURS["Thing"])
        colour = etree.SubElement(node, f"{{{VIZ_NS}}}color")
        colour.set("r", str(r))
        colour.set("g", str(g))
        colour.set("b", str(b))
        size = 8 + 4 * math.sqrt(data["degree"])
        etree.SubElement(node, f"{{{VIZ_NS}}}size").set("value", f"{size:.2f}")
    edges = etree.SubElement(element, f"{{{GEXF_NS}}}edges")
    edges.set("count", str(graph.number_of_edges()))
    for source, target, key, data in graph.edges(keys=True, data=True):
        edge = etree.SubElement(edges, f"{{{GEXF_NS}}}edge")
        edge.set("id", key)
        edge.set("source", _xml(source))
        edge.set("target", _xml(target))
        edge.set("label", _token(data["relation"]))
        edge.set("kind", _token(data["relation"]))
        edge.set("weight", str(data["weight"]))
        start = _xsd_date(data["date"])
        if dynamic and start:
            edge.set("start", start)
        _values(edge, data, EDGE_ATTRIBUTES)
    xml = etree.tostring(
        gexf, xml_declaration=True, encoding="UTF-8", pretty_print=True
    )
    write_atomic(path, xml)


def write_graphml(
    graph: nx.MultiDiGraph[str], path: Path, *, dynamic: bool = False
) -> None:
    """GraphML with the same attributes as the GEXF (``dynamic`` is ignored)."""
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8", prettyprint=True)
    write_atomic(path, buffer.getvalue())


def write_csv(
    graph: nx.MultiDiGraph[str], path: Path, *, dynamic: bool = False
) -> None:
    """``nodes.csv`` and ``edges.csv`` in the folder ``path``.

    Headers follow Gephi's spreadsheet import (Id, Label; Source, Target,
    Type, Label, Weight); every other column is an attribute. Neo4j reads them
    with ``LOAD CSV WITH HEADERS``. ``dynamic`` is ignored: the ``date``
    column carries the time.
    """
    if path.exists() and not path.is_dir():
        raise OutputFormatError(
            f"{path} is a file; CSV export writes nodes.csv and edges.csv into a "
            "folder: give -o out/seeds-csv"
        )
    node_rows = [
        ["Id", "Label", *NODE_ATTRIBUTES],
        *(
            [iri, data["label"], *(data[a] for a in NODE_ATTRIBUTES)]
            for iri, data in graph.nodes(data=True)
        ),
    ]
    edge_rows = [
        ["Source", "Target", "Type", "Label", "Weight", *EDGE_ATTRIBUTES],
        *(
            [
                s,
                t,
                "Directed",
                d["relation"],
                d["weight"],
                *(d[a] for a in EDGE_ATTRIBUTES),
            ]
            for s, t, d in graph.edges(data=True)
        ),
    ]
    write_atomic(path / "nodes.csv", _csv(node_rows))
    write_atomic(path / "edges.csv", _csv(edge_rows))


EXPORTERS: dict[GraphFormat, Callable[..., None]] = {
    GraphFormat.GEXF: write_gexf,
    GraphFormat.GRAPHML: write_graphml,
    GraphFormat.CSV: write_csv,
}


def _node_attributes(node: Node) -> dict[str, Any]:
    return _clean(
        {
            "label": _token(node.label),
            "type": node.type,
            "aliases": "; ".join(node.aliases),
            "mentions": node.mentions,
            "degree": 0,
        }
    )


def _edge_attributes(verb: str, links: list[Link]) -> dict[str, Any]:
    ordered = sorted(links, key=link_order)
    best = ordered[0]
    themes = sorted({theme for link in links for theme in link.themes})
    dates = sorted(link.date for link in links if link.date)
    return _clean(
        {
            "relation": _token(verb),
            "event_class": best.event_class,
            "theme": "; ".join(themes),
            "evidence": best.evidence,
            "article": best.article,
            "date": dates[0] if dates else "",
            "confidence": max(link.confidence for link in links),
            "factuality": best.factuality.value,
            "event": best.event,
            "weight": len(links),
        }
    )


def _declare(graph: etree._Element, kind: str, attributes: dict[str, str]) -> None:
    block = etree.SubElement(graph, f"{{{GEXF_NS}}}attributes")
    block.set("class", kind)
    for name, type_ in attributes.items():
        attribute = etree.SubElement(block, f"{{{GEXF_NS}}}attribute")
        attribute.set("id", name)
        attribute.set("title", name)
        attribute.set("type", type_)


def _values(
    element: etree._Element, data: dict[str, Any], names: dict[str, str]
) -> None:
    values = etree.SubElement(element, f"{{{GEXF_NS}}}attvalues")
    for name in names:
        value = etree.SubElement(values, f"{{{GEXF_NS}}}attvalue")
        value.set("for", name)
        value.set("value", _xml(str(data[name])))


def _node_starts(graph: nx.MultiDiGraph[str]) -> dict[str, str]:
    starts: dict[str, str] = {}
    for source, target, data in graph.edges(data=True):
        start = _xsd_date(data["date"])
        if not start:
            continue
        for iri in (source, target):
            if iri not in starts or start < starts[iri]:
                starts[iri] = start
    return starts


def _xsd_date(value: str) -> str:
    """``2024`` → ``2024-01-01``, ``2024-03`` → ``2024-03-01``; else empty.

    Examples:
        >>> [_xsd_date(x) for x in ("2024", "2023-12", "2024-01-04", "")]
        ['2024-01-01', '2023-12-01', '2024-01-04', '']
    """
    match = _DATE.match(value or "")
    if match is None:
        return ""
    year, month, day = match.groups()
    return f"{year}-{month or '01'}-{day or '01'}"


def _xml(text: str) -> str:
    """Drop characters XML 1.0 cannot carry (control characters)."""
    return _NOT_XML.sub("", text)


def _token(text: str) -> str:
    """An ``xsd:token``: no control characters, single spaces, trimmed."""
    return " ".join(_xml(text).split())


def _csv(rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")
