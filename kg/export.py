"""Write RDF files; the format comes from the file extension."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph

from kg.errors import OutputFormatError
from kg.rdf.build import union

__all__ = ["FORMATS", "rdf_format", "write_rdf"]

# extension → (rdflib format, whether it keeps named graphs)
FORMATS = {
    ".ttl": ("turtle", False),
    ".nt": ("nt", False),
    ".trig": ("trig", True),
    ".nq": ("nquads", True),
    ".jsonld": ("json-ld", True),
}
_LINE_FORMATS = {"nt", "nquads"}
# Turtle and TriG are written by Oxigraph (about 30x faster than rdflib's writer):
# rdflib emits N-Triples/N-Quads, Oxigraph reads them and writes sorted statements.
_OXIGRAPH = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG}


def rdf_format(path: Path) -> str:
    """The rdflib format name for an output path.

    Examples:
        >>> rdf_format(Path("out/seeds.trig"))
        'trig'
    """
    try:
        return FORMATS[path.suffix.lower()][0]
    except KeyError:
        choices = ", ".join(FORMATS)
        raise OutputFormatError(
            f"Unknown output format {path.suffix or '(no extension)'!r} for {path}. "
            f"Choose one of: {choices}."
        ) from None


def write_rdf(dataset: Dataset, path: Path) -> int:
    """Serialise ``dataset`` to ``path`` atomically; return the triple count.

    The file is written next to its destination and renamed into place, so an
    interrupted write never leaves a half-written file behind. Line-based
    formats are sorted so that the same graph gives the same bytes.
    """
    fmt = rdf_format(path)
    keeps_graphs = FORMATS[path.suffix.lower()][1]
    graph = dataset if keeps_graphs else union(dataset)
    if fmt in _OXIGRAPH:
        data = _oxigraph(graph, fmt)
    else:
        data = graph.serialize(format=fmt, encoding="utf-8")
    if fmt in _LINE_FORMATS:
        data = b"".join(sorted(set(data.splitlines(keepends=True))))
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return len(graph)


def _oxigraph(graph: Graph | Dataset, fmt: str) -> bytes:
    """Turtle/TriG through Oxigraph: statements sorted, prefixes written by us.

    Oxigraph may order the prefix lines differently between processes, so
    they are replaced by a sorted block of our own.
    """
    line_format = "nquads" if fmt == "trig" else "nt"
    lines = graph.serialize(format=line_format, encoding="utf-8")
    source = ox.RdfFormat.N_QUADS if fmt == "trig" else ox.RdfFormat.N_TRIPLES
    quads = sorted(
        ox.parse(lines, format=source),
        key=lambda q: (
            str(q.graph_name),
            str(q.subject),
            str(q.predicate),
            str(q.object),
        ),
    )
    prefixes = {p: str(ns) for p, ns in sorted(graph.namespaces()) if p}
    body = ox.serialize(quads, format=_OXIGRAPH[fmt], prefixes=prefixes)
    assert body is not None
    kept = [
        line
        for line in body.splitlines(keepends=True)
        if not line.startswith(b"@prefix ")
    ]
    used = b"".join(kept)
    header = "".join(
        f"@prefix {p}: <{ns}> .\n"
        for p, ns in prefixes.items()
        if f"{p}:".encode() in used
    )
    return header.encode("utf-8") + b"\n" + used.lstrip(b"\n")
