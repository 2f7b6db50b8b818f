"""SPARQL 1.1 protocol, read-only, with a row limit.

:func:`run_query` runs one query and collects at most ``max_rows`` results;
:func:`negotiate` picks the format from ``?format=`` or the Accept header and
:func:`serialize` writes them: SPARQL results as JSON, XML, CSV or TSV for
SELECT and ASK, and Turtle, N-Triples or RDF/XML for CONSTRUCT and DESCRIBE.
What may run is decided by :func:`kg.web.guard.check_query` on the parsed
query (no update, LOAD or SERVICE; the store is open read-only anyway). The
time limit is :mod:`kg.web.sandbox`'s.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from kg.errors import RefusedQueryError
from kg.store.sparql import PREFIXES, Queryable
from kg.web.guard import READ_ONLY, check_query

__all__ = [
    "READ_ONLY",
    "Answer",
    "negotiate",
    "run_query",
    "serialize",
]

# Media types: what each kind of result can be written as (first: the default).
SOLUTION_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD
    if hasattr(ox.RdfFormat, "JSON_LD")
    else ox.RdfFormat.N_TRIPLES,
}
# Short names for ?format= (as YASGUI and browsers may send).
FORMAT_NAMES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "ntriples": "application/n-triples",
    "rdfxml": "application/rdf+xml",
}


@dataclass(frozen=True)
class Answer:
    """A query's results, collected: ``kind`` is "solutions", "boolean" or
    "graph"; ``rows`` the solutions (tuples of terms or None) or the triples."""

    kind: str
    variables: tuple[str, ...]
    rows: tuple[Any, ...]
    boolean: bool = False


def run_query(store: Queryable, query: str, *, max_rows: int) -> Answer:
    """Run ``query`` (SELECT, ASK, CONSTRUCT or DESCRIBE) with kg's prefixes
    and collect its results (:mod:`kg.web.sandbox` runs it in a process that
    it can stop at the time limit).

    Raises:
        RefusedQueryError: An update or a SERVICE call (403), a syntax error
            (400) or more than ``max_rows`` results (400).
    """
    check_query(query)
    return _collect(store, query, max_rows)


def negotiate(kind: str, accept: str | None, format_name: str | None) -> str:
    """The media type to answer with: ``?format=`` first, then the Accept
    header (in order, ``*/*`` meaning the default), then the default."""
    table = GRAPH_TYPES if kind == "graph" else SOLUTION_TYPES
    if format_name:
        media = FORMAT_NAMES.get(format_name.lower(), format_name.lower())
        if media not in table:
            names = ", ".join(n for n, m in FORMAT_NAMES.items() if m in table)
            raise RefusedQueryError(f"format={format_name!r}: choose one of {names}")
        return media
    for part in _accepted(accept):
        if part in table:
            return part
        if part in ("*/*", "application/*", "text/*"):
            break
    return next(iter(table))


def serialize(answer: Answer, media: str) -> bytes:
    """``answer`` written as ``media`` (a type from :func:`negotiate`)."""
    if answer.kind == "graph":
        data = ox.serialize(
            list(answer.rows), format=GRAPH_TYPES[media], prefixes=PREFIXES
        )
        return data if isinstance(data, bytes) else b""
    fmt = SOLUTION_TYPES[media]
    if answer.kind == "boolean":
        value = b"true" if answer.boolean else b"false"
        parsed = ox.parse_query_results(
            b'{"head": {}, "boolean": ' + value + b"}",
            format=ox.QueryResultsFormat.JSON,
        )
        written = parsed.serialize(format=fmt)
        return written if isinstance(written, bytes) else b""
    return _solutions(answer, fmt)


def _collect(store: Queryable, query: str, max_rows: int) -> Answer:
    """Run and collect; no exception leaves while an Oxigraph result object
    is alive (they must be dropped on the thread that made them)."""
    refusal: RefusedQueryError | None = None
    try:
        result = store.query(query, prefixes=PREFIXES)
    except SyntaxError as err:
        raise RefusedQueryError(f"The query has a syntax error: {err}") from None
    except (OSError, RuntimeError, ValueError) as err:
        raise RefusedQueryError(f"The query could not run: {err}") from None
    if isinstance(result, ox.QueryBoolean):
        return Answer("boolean", (), (), bool(result))
    kind = "solutions" if isinstance(result, ox.QuerySolutions) else "graph"
    names = result.variables if isinstance(result, ox.QuerySolutions) else []
    rows: list[Any] = []
    item = None
    for item in result:
        if len(rows) == max_rows:
            refusal = RefusedQueryError(
                f"The query gives more than {max_rows:,} results: add a LIMIT (or "
                "start kg serve with a larger --max-rows)."
            )
            break
        rows.append(tuple(item[v] for v in names) if kind == "solutions" else item)
    variables = tuple(v.value for v in names)
    del result, item
    if refusal is not None:
        raise refusal
    return Answer(kind, variables, tuple(rows))


def _solutions(answer: Answer, fmt: ox.QueryResultsFormat) -> bytes:
    """Collected solutions through Oxigraph's own serializer (the same bytes
    as a direct answer): they are parsed back from N-Triples-like JSON."""
    import json

    bindings = []
    for row in answer.rows:
        binding = {}
        for name, term in zip(answer.variables, row, strict=True):
            if term is not None:
                binding[name] = _term_json(term)
        bindings.append(binding)
    document = json.dumps(
        {"head": {"vars": list(answer.variables)}, "results": {"bindings": bindings}}
    ).encode()
    if fmt == ox.QueryResultsFormat.JSON:
        return document
    parsed = ox.parse_query_results(document, format=ox.QueryResultsFormat.JSON)
    written = parsed.serialize(format=fmt)
    return written if isinstance(written, bytes) else b""


def _term_json(term: Any) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        found = {"type": "literal", "value": term.value}
        if term.language:
            found["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            found["datatype"] = term.datatype.value
        return found
    return {"type": "literal", "value": str(term)}


def _accepted(accept: str | None) -> list[str]:
    """Media types of an Accept header, highest q first (stable)."""
    if not accept:
        return []
    parts = []
    for index, item in enumerate(accept.split(",")):
        fields = [f.strip() for f in item.split(";")]
        quality = 1.0
        for field in fields[1:]:
            if field.startswith("q="):
                try:
                    quality = float(field[2:])
                except ValueError:
                    quality = 0.0
        if fields[0]:
            parts.append((-quality, index, fields[0].lower()))
    return [media for _, _, media in sorted(parts)]
