"""Write RDF files; the format comes from the file extension."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from rdflib import Dataset

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
    data = graph.serialize(format=fmt)
    if fmt in _LINE_FORMATS:
        data = "".join(sorted(set(data.splitlines(keepends=True))))
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return len(graph)
