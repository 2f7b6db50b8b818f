"""Write RDF files; the format comes from the file extension."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset

from kg.errors import OutputFormatError

__all__ = ["FORMATS", "rdf_format", "write_atomic", "write_rdf"]

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
    """Serialise through Oxigraph: statements sorted, prefixes written by us.

    For Turtle and N-Triples the named graphs are merged (duplicates dropped).
    Oxigraph may order prefix lines differently between processes, so they
    are replaced by a sorted block of our own.
    """
    lines = dataset.serialize(format="nquads", encoding="utf-8")
    parsed = ox.parse(lines, format=ox.RdfFormat.N_QUADS)
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
    prefixes = {p: str(ns) for p, ns in sorted(dataset.namespaces()) if p}
    if fmt in {"nt", "nquads"}:
        body = ox.serialize(ordered, format=_OXIGRAPH[fmt])
        assert body is not None
        return body, len(ordered)
    body = ox.serialize(ordered, format=_OXIGRAPH[fmt], prefixes=prefixes)
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
    return header.encode("utf-8") + b"\n" + used.lstrip(b"\n"), len(ordered)
