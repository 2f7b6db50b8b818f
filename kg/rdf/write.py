"""Write RDF files; the format comes from the file extension.

A build writes its articles' N-Triples lines through Oxigraph
(:func:`write_graphs`); rdflib is used only for JSON-LD and for a library
user's own rdflib ``Dataset`` (:func:`write_rdf`). Both give the same bytes
for the same graph: statements sorted, prefixes in a sorted block.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.errors import OutputFormatError
from kg.records import ArticleGraph, EntityType, Extraction
from kg.resources.ontology import KG

if TYPE_CHECKING:
    from rdflib import Dataset

__all__ = [
    "FORMATS",
    "prefixes",
    "rdf_format",
    "write_atomic",
    "write_graphs",
    "write_rdf",
]

# extension → format; .ttl and .nt merge the per-article graphs
FORMATS = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".trig": "trig",
    ".nq": "nquads",
    ".jsonld": "json-ld",
}
# Written by Oxigraph (Turtle about 30x faster than rdflib's writer): rdflib emits
# N-Quads, Oxigraph reads them and writes the statements sorted.
_OXIGRAPH = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
}
_MERGED = {"turtle", "nt"}
# The vocabularies every output binds: the ontology's and rdflib's defaults.
_VOCABULARIES = {
    "brick": "https://brickschema.org/schema/Brick#",
    "csvw": "http://www.w3.org/ns/csvw#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcam": "http://purl.org/dc/dcam/",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcmitype": "http://purl.org/dc/dcmitype/",
    "dcterms": "http://purl.org/dc/terms/",
    "doap": "http://usefulinc.com/ns/doap#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "geo": "http://www.opengis.net/ont/geosparql#",
    "kg": KG,
    "odrl": "http://www.w3.org/ns/odrl/2/",
    "org": "http://www.w3.org/ns/org#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "prof": "http://www.w3.org/ns/dx/prof/",
    "prov": "http://www.w3.org/ns/prov#",
    "qb": "http://purl.org/linked-data/cube#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "schema": "https://schema.org/",
    "sh": "http://www.w3.org/ns/shacl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "sosa": "http://www.w3.org/ns/sosa/",
    "ssn": "http://www.w3.org/ns/ssn/",
    "time": "http://www.w3.org/2006/time#",
    "vann": "http://purl.org/vocab/vann/",
    "void": "http://rdfs.org/ns/void#",
    "wgs": "https://www.w3.org/2003/01/geo/wgs84_pos#",
    "xml": "http://www.w3.org/XML/1998/namespace",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def rdf_format(path: Path) -> str:
    """The rdflib format name for an output path.

    Examples:
        >>> rdf_format(Path("out/seeds.trig"))
        'trig'
    """
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        choices = ", ".join(FORMATS)
        raise OutputFormatError(
            f"Unknown output format {path.suffix or '(no extension)'!r} for {path}. "
            f"Choose one of: {choices}."
        ) from None


def prefixes(base: str) -> dict[str, str]:
    """The prefixes of kg output for the data's ``base`` IRI: kg's own and the
    common vocabularies rdflib binds (a test keeps the two lists equal).

    Examples:
        >>> prefixes("https://example.org/kg/")["event"]
        'https://example.org/kg/event/'
    """
    found = dict(_VOCABULARIES)
    for name in (
        "article",
        "event",
        "relation",
        *(t.value.lower() for t in EntityType),
    ):
        found[name] = f"{base}{name}/"
    return dict(sorted(found.items()))


def write_graphs(
    graphs: Iterable[ArticleGraph],
    path: Path,
    *,
    base: str,
    records: Sequence[Extraction] = (),
) -> int:
    """Write articles' graphs to ``path`` atomically; return the statement count.

    ``.ttl`` and ``.nt`` hold the merge of the articles' graphs (each triple
    once); ``.trig`` and ``.nq`` one named graph per article. JSON-LD is
    written by rdflib from ``records`` (the articles' Extractions).
    """
    fmt = rdf_format(path)
    if fmt == "json-ld":
        from kg.rdf.mapping import build_dataset

        return write_rdf(build_dataset(records, base=base), path)
    data, count = _from_lines(list(graphs), fmt, prefixes(base))
    write_atomic(path, data)
    return count


def _from_lines(
    graphs: list[ArticleGraph], fmt: str, prefixes: dict[str, str]
) -> tuple[bytes, int]:
    """The bytes :func:`_serialize` writes for these graphs, from their lines.

    The lines are already Oxigraph's N-Triples, so they are sorted as strings
    (subject, predicate, object: the same order as :func:`_serialize`) and
    only Turtle and TriG go through Oxigraph's writer. Plain string order is
    that order: terms are separated by a space, which sorts before every
    character a term can hold (N-Triples escapes the control characters), so
    a term that is a prefix of another sorts first either way.
    """
    if fmt in _MERGED:
        lines = sorted({line for g in graphs for line in g.triples})
        body = "".join(lines).encode()
        if fmt == "nt":
            return body, len(lines)
        triples = ox.parse(body, format=ox.RdfFormat.N_TRIPLES)
        return _turtle(triples, ox.RdfFormat.TURTLE, prefixes), len(lines)
    quads = []
    for graph in sorted(graphs, key=lambda g: f"<{g.graph}>"):
        name = f" <{graph.graph}> .\n"
        ordered = sorted(graph.triples)  # unique already
        quads += [line[:-3] + name for line in ordered]
    body = "".join(quads).encode()
    if fmt == "nquads":
        return body, len(quads)
    parsed = ox.parse(body, format=ox.RdfFormat.N_QUADS)
    return _turtle(parsed, ox.RdfFormat.TRIG, prefixes), len(quads)


def write_rdf(dataset: Dataset, path: Path) -> int:
    """Serialise ``dataset`` to ``path`` atomically; return the triple count.

    The file is written next to its destination and renamed into place, so an
    interrupted write never leaves a half-written file behind. Statements are
    sorted so that the same graph gives the same bytes.
    """
    fmt = rdf_format(path)
    if fmt in _OXIGRAPH:
        data, count = _oxigraph(dataset, fmt)
    else:
        data = dataset.serialize(format=fmt, encoding="utf-8")
        count = len(dataset)
    write_atomic(path, data)
    return count


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` next to ``path`` and rename it into place.

    An interrupted write never leaves a half-written file behind, and an
    existing file is replaced only once the new one is complete.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        # mkstemp makes the file 0600; a written file follows the umask
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _oxigraph(dataset: Dataset, fmt: str) -> tuple[bytes, int]:
    """Serialise an rdflib Dataset through Oxigraph (see :func:`_serialize`)."""
    lines = dataset.serialize(format="nquads", encoding="utf-8")
    parsed = ox.parse(lines, format=ox.RdfFormat.N_QUADS)
    found = {p: str(ns) for p, ns in sorted(dataset.namespaces()) if p}
    return _serialize(parsed, fmt, found)


def _serialize(
    parsed: Iterable[ox.Quad], fmt: str, prefixes: dict[str, str]
) -> tuple[bytes, int]:
    """Statements sorted, prefixes written by us.

    For Turtle and N-Triples the named graphs are merged (duplicates dropped).
    Oxigraph may order prefix lines differently between processes, so they
    are replaced by a sorted block of our own, of the prefixes used.
    """
    if fmt in _MERGED:
        quads = {ox.Quad(q.subject, q.predicate, q.object) for q in parsed}
    else:
        quads = set(parsed)
    ordered = sorted(
        quads,
        key=lambda q: (
            str(q.graph_name),
            str(q.subject),
            str(q.predicate),
            str(q.object),
        ),
    )
    if fmt in {"nt", "nquads"}:
        body = ox.serialize(ordered, format=_OXIGRAPH[fmt])
        assert body is not None
        return body, len(ordered)
    return _turtle(ordered, _OXIGRAPH[fmt], prefixes), len(ordered)


def _turtle(
    statements: Iterable[ox.Quad] | Iterable[ox.Triple],
    fmt: ox.RdfFormat,
    prefixes: dict[str, str],
) -> bytes:
    """Turtle or TriG of sorted statements with a sorted block of the prefixes used."""
    body = ox.serialize(statements, format=fmt, prefixes=prefixes)
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
