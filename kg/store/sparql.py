"""What every kg store speaks: SPARQL SELECT, CONSTRUCT and Update.

A local Oxigraph store, files loaded in memory, a remote endpoint and
:class:`kg.store.Store` all satisfy :class:`Queryable`, so the readers and
writers of the store package take any of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Protocol

import pyoxigraph as ox

from kg.resources.ontology import KG

__all__ = [
    "DEFAULT_GRAPH",
    "INSERT_LINES",
    "PREFIXES",
    "Queryable",
    "construct",
    "insert_data",
    "restrict",
    "select",
    "speaks_lateral",
]

# Pre-bound in every query: the ontology and the vocabularies it builds on.
PREFIXES = {
    "kg": KG,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "wd": "http://www.wikidata.org/entity/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

# Where kg keeps its default graph (the merge of the article graphs) on an
# endpoint without a default graph of its own (Virtuoso reads every graph when
# a query names none): a named graph, named in each request sent there, and
# left out wherever kg looks for the article graphs holding a triple.
DEFAULT_GRAPH = "urn:x-kg:default-graph"


class Queryable(Protocol):
    """A SPARQL 1.1 dataset: queries (with pyoxigraph's result types) and updates."""

    def query(
        self,
        query: str,
        *,
        prefixes: dict[str, str] | None = ...,
        substitutions: dict[ox.Variable, Any] | None = ...,
    ) -> Any: ...

    def update(self, update: str) -> None: ...


def select(store: Queryable, query: str) -> ox.QuerySolutions:
    """Run a SELECT over the merged default graph, with :data:`PREFIXES`."""
    result = store.query(query, prefixes=PREFIXES)
    if not isinstance(result, ox.QuerySolutions):
        raise TypeError("select() runs SELECT queries only")
    return result


def construct(store: Queryable, query: str) -> list[ox.Triple]:
    """Run a CONSTRUCT (or DESCRIBE) with :data:`PREFIXES`; the triples it makes."""
    result = store.query(query, prefixes=PREFIXES)
    if isinstance(result, ox.QuerySolutions | ox.QueryBoolean):
        raise TypeError("construct() runs CONSTRUCT and DESCRIBE queries only")
    return list(result)


def restrict(query: str, variable: str, iris: Iterable[str]) -> str:
    """``query`` with ``?variable`` bound to ``iris`` by a VALUES block at the
    start of its WHERE clause (the IRIs written by Oxigraph, so escaped)."""
    terms = " ".join(str(ox.NamedNode(iri)) for iri in sorted(iris))
    return query.replace("WHERE {", f"WHERE {{\n  VALUES ?{variable} {{ {terms} }}", 1)


# N-Triples lines per INSERT DATA operation: Virtuoso's SPARQL parser runs
# out of stack at about 5,000 triples in one operation, not in several.
INSERT_LINES = 2000


def insert_data(lines: Sequence[str], graph: str | None = None) -> str:
    """SPARQL Update operations (joined by `` ;``) adding N-Triples ``lines``
    to ``graph`` (the default graph for None), :data:`INSERT_LINES` at most
    in each; "" for no lines (Virtuoso rejects an empty INSERT DATA)."""
    operations = []
    for start in range(0, len(lines), INSERT_LINES):
        body = "\n".join(
            line.rstrip("\n") for line in lines[start : start + INSERT_LINES]
        )
        if graph is None:
            operations.append(f"INSERT DATA {{\n{body}\n}}")
        else:
            operations.append(f"INSERT DATA {{ GRAPH <{graph}> {{\n{body}\n}} }}")
    return " ;\n".join(operations)


def speaks_lateral(store: Queryable) -> bool:
    """Whether ``store`` runs SPARQL 1.2's ``LATERAL``: Oxigraph, local or
    served, does; a remote endpoint of another kind (Virtuoso) is sent the
    SPARQL 1.1 form of a query instead."""
    backend = getattr(store, "backend", store)
    return bool(getattr(backend, "lateral", True))
