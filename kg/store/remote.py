"""A remote SPARQL 1.1 endpoint as a kg store (``--store http://host:port/...``).

kg needs two things from a store: SPARQL queries and SPARQL Updates. The URL
says where they go:

* a URL ending in ``/sparql`` takes both (OpenLink Virtuoso's
  ``http://host:8890/sparql``); queries and updates are sent as HTML-form
  posts (``query=`` or ``update=``), which every SPARQL 1.1 server accepts;
* any other URL is a dataset's base: queries go to ``URL/query`` and updates
  to ``URL/update`` (``oxigraph serve``, Apache Jena Fuseki), as
  ``application/sparql-query`` and ``application/sparql-update`` bodies.

Every article is stored in one update request. A server that applies a
request as one transaction (Oxigraph, Fuseki) stores each article whole or
not at all. Virtuoso commits a request when it ends: killed mid-request, it
keeps none of it; but an operation failing mid-request leaves the operations
before it applied. kg writes an article's own lines last, so the article is
listed (and skipped by ``kg build --resume``) only once all of it is stored.

The endpoint's ``Server`` header, asked once, says what it is. Virtuoso
differs from a plain SPARQL 1.1 dataset in ways kg makes up for here (see
:class:`Virtuoso` and docs/store.md): it has no default graph of its own (a
query without ``FROM`` reads every graph, each triple once per graph holding
it), so kg keeps its default graph in the named graph :data:`DEFAULT_GRAPH`
and names it in every request (``default-graph-uri``), after which
``GRAPH <iri>`` finds nothing and is sent as a VALUES-bound ``GRAPH ?var``;
it writes booleans as ``1``/``0`` and answers ``ASK`` with a table; it cuts
results at ``ResultSetMaxRows`` and IRIs at about 1,900 bytes, which kg
reports instead of reading or writing part of them; and its errors are HTTP
500 pages, shortened to the message. Only Oxigraph is sent SPARQL 1.2's
``LATERAL`` (see :attr:`RemoteStore.lateral`).

Query parameters cannot be substituted on the server side in SPARQL 1.1, so
they are sent as a ``VALUES`` block whose terms are written by pyoxigraph's
serialiser (an IRI is validated, a literal escaped): a value can still never
change the query's structure. The block trails the query, or for Virtuoso,
which sets a trailing block's variables instead of joining them, ends its
WHERE clause.
"""

from __future__ import annotations

import http.client
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from typing import Any

import pyoxigraph as ox

from kg.errors import KGError
from kg.store.sparql import DEFAULT_GRAPH

__all__ = ["DEFAULT_GRAPH", "IRI_BYTES", "REQUEST_BYTES", "RemoteStore", "Virtuoso"]

_TIMEOUT = 120
# The largest update request kg sends Virtuoso, in bytes (it refuses more
# than 10 MB); a larger update is cut between its operations.
REQUEST_BYTES = 8_000_000
_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
_RESULTS = "application/sparql-results+json"
# Virtuoso's error pages: "Virtuoso 37000 Error SP030: SPARQL compiler, line 1:
# syntax error ...\n\nSPARQL query:\n<the query echoed back>"
_VIRTUOSO_ERROR = re.compile(
    r"Virtuoso \w+ Error (.*?)(?:\n\s*\nSPARQL query:|\Z)", re.S
)


class RemoteStore:
    """Query and update a SPARQL 1.1 endpoint with pyoxigraph's result types."""

    def __init__(self, url: str) -> None:
        self.url = url.rstrip("/")
        # one URL for queries and updates (``.../sparql``), or URL/query + URL/update
        self.single = self.url.endswith("/sparql")
        self._server: str | None = None  # its Server header, asked once

    def __repr__(self) -> str:
        return f"RemoteStore({self.url!r})"

    @property
    def server(self) -> str:
        """The endpoint's ``Server`` header (asked once): what it is decides
        how kg talks to it."""
        if self._server is None:
            self._server = self._probe()
        return self._server

    @property
    def virtuoso(self) -> bool:
        """Whether the endpoint is OpenLink Virtuoso."""
        return self.single and self.server.lower().startswith("virtuoso")

    @property
    def lateral(self) -> bool:
        """Whether the endpoint runs SPARQL 1.2's ``LATERAL`` (Oxigraph does;
        Virtuoso, and servers kg does not know, are sent SPARQL 1.1)."""
        return self.server.lower().startswith("oxigraph")

    def query(
        self,
        query: str,
        *,
        prefixes: dict[str, str] | None = None,
        substitutions: dict[ox.Variable, Any] | None = None,
    ) -> Any:
        """Run a query; SELECT/ASK give pyoxigraph results, CONSTRUCT a triple list."""
        text = _prefixed(query, prefixes)
        if substitutions:
            names = " ".join(str(v) for v in substitutions)
            terms = " ".join(str(t) for t in substitutions.values())
            values = f"VALUES ({names}) {{ ({terms}) }}"
            text = Virtuoso.bind(text, values) if self.virtuoso else f"{text}\n{values}"
        graph = _is_graph_query(query)
        accept = "application/n-triples" if graph else _RESULTS
        try:
            data = self._send("query", text, accept)
        except KGError as err:  # say the line of the query given, not of the text sent
            added = len(prefixes or ())
            raise KGError(_ERROR_LINE.sub(_shift(-added), str(err))) from err
        if graph:
            return list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
        if self.virtuoso:
            data = Virtuoso.results(data)
        return ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)

    def update(self, update: str) -> None:
        """Apply a SPARQL Update: one request, or for Virtuoso, which takes
        up to 10 MB a request, as many as it takes (see
        :meth:`Virtuoso.requests`)."""
        if not self.virtuoso:
            self._send("update", update, "*/*")
            return
        Virtuoso.check_iris(update, self.url)
        for part in Virtuoso.requests(update):
            self._send("update", part, "*/*")

    # requests ---------------------------------------------------------

    def _send(self, kind: str, text: str, accept: str) -> bytes:
        """POST a query or update where this endpoint takes it."""
        if not self.single:
            content_type = f"application/sparql-{kind}"
            return self._post(f"{self.url}/{kind}", content_type, text.encode(), accept)
        fields = [(kind, text)]
        if self.virtuoso:
            fields = [(kind, Virtuoso.graphs(text, update=kind == "update"))]
            fields.append(("default-graph-uri", DEFAULT_GRAPH))
        body = urllib.parse.urlencode(fields).encode()
        form = "application/x-www-form-urlencoded"
        return self._post(self.url, form, body, accept)

    def _probe(self) -> str:
        """The endpoint's ``Server`` header, from a GET of ``ASK {}``."""
        where = self.url if self.single else f"{self.url}/query"
        request = urllib.request.Request(
            f"{where}?query=ASK%20%7B%7D", headers={"Accept": _RESULTS}
        )
        _, headers = self._open(request, self.url)
        return str(headers.get("Server", ""))

    def _post(self, url: str, content_type: str, body: bytes, accept: str) -> bytes:
        request = urllib.request.Request(
            url,
            data=body,
            headers={"Content-Type": content_type, "Accept": accept},
            method="POST",
        )
        data, headers = self._open(request, url)
        if headers.get("X-SQL-State"):  # Virtuoso's partial answer at a time limit
            raise KGError(
                f"The SPARQL endpoint {self.url} sent part of the answer "
                f"({headers.get('X-SQL-Message', headers['X-SQL-State'])}). Raise "
                "MaxQueryExecutionTime in the [SPARQL] section of virtuoso.ini."
            )
        cap = headers.get("X-SPARQL-MaxRows")
        if cap is not None:
            raise KGError(
                f"The SPARQL endpoint {self.url} cut the answer at {cap} rows, so "
                "kg cannot read it whole. Raise ResultSetMaxRows in the [SPARQL] "
                "section of virtuoso.ini (e.g. to 10000000) and restart Virtuoso."
            )
        return data

    def _open(
        self, request: urllib.request.Request, url: str
    ) -> tuple[bytes, http.client.HTTPMessage]:
        """Send ``request``: the body and headers of the answer, each failure
        a :class:`KGError` naming the endpoint."""
        try:
            with urllib.request.urlopen(request, timeout=_TIMEOUT) as response:
                data: bytes = response.read()
                return data, response.headers
        except urllib.error.HTTPError as err:
            detail = _detail(err.read().decode("utf-8", "replace"))
            hint = ""
            if err.code == 404 and not self.single:
                hint = (
                    " Give the dataset's base URL (URL/query, URL/update), or "
                    "for Virtuoso the URL of its SPARQL service "
                    "(http://host:8890/sparql)."
                )
            elif "timed out" in detail and self.single:
                hint = (
                    " Virtuoso stops a query at MaxQueryExecutionTime (seconds, in "
                    "the [SPARQL] section of virtuoso.ini): raise it and restart."
                )
            elif "longer than 10Mb" in detail:
                hint = " Virtuoso takes requests of up to 10 MB."
            elif self.single and _needs_update_rights(detail):
                hint = (
                    " Virtuoso takes updates at /sparql only once the SPARQL "
                    'user may make them: in isql, GRANT SPARQL_UPDATE TO "SPARQL";'
                )
            if hint and not detail.endswith("."):
                detail += "."
            raise KGError(
                f"The SPARQL endpoint {url} refused the request "
                f"(HTTP {err.code}): {detail}{hint}"
            ) from err
        except urllib.error.URLError as err:
            raise KGError(
                f"Cannot reach the SPARQL endpoint {self.url}: {err.reason}. Is the "
                "server running, and is the URL the dataset's base (URL/query, "
                "URL/update) or a SPARQL service ending in /sparql?"
            ) from err
        except (OSError, http.client.HTTPException) as err:
            # the connection dropped mid-request: the server went away
            raise KGError(
                f"The SPARQL endpoint {self.url} closed the connection "
                f"({type(err).__name__}: {err}). Is the server still running?"
            ) from err


class Virtuoso:
    """What kg makes up for in OpenLink Virtuoso's requests and answers."""

    @staticmethod
    def graphs(text: str, *, update: bool = False) -> str:
        """``text`` with each ``GRAPH <iri> {`` of a query pattern written
        ``VALUES ?kgGraphN { <iri> } GRAPH ?kgGraphN {``.

        Once a request names its default graph, Virtuoso finds nothing in a
        graph named by IRI (``GRAPH <g>``), while ``GRAPH ?g`` still reaches
        every graph; the VALUES block binds the variable to the one graph.
        In an update only the WHERE clauses are patterns: data, templates
        and ``DELETE WHERE`` blocks are left as they are (string literals,
        IRIs and comments are skipped).
        """
        out: list[str] = []
        at, depth, count = 0, 0, 0
        in_where = not update
        for token in _TOKENS.finditer(text):
            kind = token.lastgroup
            if kind == "open":
                depth += 1
            elif kind == "close":
                depth -= 1
            elif kind == "end" and depth == 0 and update:
                in_where = False
            elif kind == "where" and depth == 0 and update:
                in_where = True
            elif kind == "graph" and in_where:
                count += 1
                name = f"?kgGraph{count}"
                out.append(text[at : token.start()])
                out.append(f"VALUES {name} {{ {token.group('name')} }} GRAPH {name}")
                at = token.end()
        out.append(text[at:])
        return "".join(out)

    @staticmethod
    def bind(query: str, values: str) -> str:
        """``query`` with the VALUES block ``values`` at the end of its WHERE
        clause, where the standard allows it after the query too: Virtuoso
        sets a trailing block's variables in the answer instead of joining
        them (with GROUP BY, every row became the one entity asked for).

        At the end of the clause, after its BINDs, the block joins as a
        trailing one does.
        """
        depth, opened = 0, False
        for token in _TOKENS.finditer(query):
            kind = token.lastgroup
            if kind == "open":
                depth, opened = depth + 1, True
            elif kind == "close":
                depth -= 1
                if opened and depth == 0:
                    at = token.start()
                    return f"{query[:at]}  {values}\n{query[at:]}"
        return f"{query}\n{values}"

    @staticmethod
    def requests(update: str, limit: int = REQUEST_BYTES) -> list[str]:
        """``update`` as requests of at most ``limit`` bytes, cut between its
        operations (each request repeats the update's PREFIX lines); one
        operation larger than that is a request of its own, which Virtuoso
        refuses. An article's update is far smaller: it stays one request.
        """
        if len(update.encode()) <= limit:
            return [update]
        prologue = _PROLOGUE.match(update)
        head = prologue.group(0) if prologue else ""
        operations, depth, at = [], 0, len(head)
        for token in _TOKENS.finditer(update, at):
            kind = token.lastgroup
            depth += {"open": 1, "close": -1}.get(kind or "", 0)
            if kind == "end" and depth == 0:
                operations.append(update[at : token.start()])
                at = token.end()
        operations.append(update[at:])
        parts: list[str] = []
        for operation in operations:
            if parts and len(f"{parts[-1]};{operation}".encode()) <= limit:
                parts[-1] = f"{parts[-1]};{operation}"
            else:
                parts.append(head + operation)
        return parts

    @staticmethod
    def check_iris(update: str, url: str) -> None:
        """Refuse an update writing an IRI longer than :data:`IRI_BYTES`:
        Virtuoso cuts longer IRIs short without a word (tested: one of 1,890
        characters came back with 1,879), so two long IRIs could become one.

        Raises:
            KGError: Such an IRI, named by its start.
        """
        for found in _LONG_IRI.finditer(update):
            if len(found.group(1).encode()) > IRI_BYTES:
                raise KGError(
                    f"The SPARQL endpoint {url} is Virtuoso, which cuts IRIs longer "
                    f"than about {IRI_BYTES:,} bytes short; kg would write "
                    f"<{found.group(1)[:80]}...> ({len(found.group(1).encode()):,} "
                    "bytes). Give the article a shorter identifier, or use another "
                    "store."
                )

    @staticmethod
    def results(data: bytes) -> bytes:
        """Virtuoso's SPARQL JSON results made standard: ``ASK`` answered as
        a boolean (Virtuoso sends a table of ``__ASK_RETVAL``, one row of 1
        for true, none for false), and
        ``xsd:boolean`` values written ``true``/``false`` (it sends ``1``/``0``,
        which pyoxigraph and every comparison in kg would take for other
        values)."""
        results = json.loads(data)
        head = results.get("head", {})
        rows = results.get("results", {}).get("bindings", [])
        if head.get("vars") == ["__ASK_RETVAL"] and len(rows) <= 1:  # none: false
            value = rows[0].get("__ASK_RETVAL", {}).get("value") if rows else None
            return json.dumps({"head": {}, "boolean": value in {"1", "true"}}).encode()
        changed = False
        for row in rows:
            for term in row.values():
                if term.get("datatype") == _BOOLEAN and term.get("value") in {"0", "1"}:
                    term["value"] = "true" if term["value"] == "1" else "false"
                    changed = True
        return json.dumps(results).encode() if changed else data


# What Virtuoso.graphs() walks through: strings, IRIs and comments (skipped
# whole), GRAPH followed by an IRI or prefixed name and "{", WHERE (but not
# DELETE WHERE, whose block is a template), braces and ";" (ends an operation).
_TOKENS = re.compile(
    r"""
    (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
      |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
    |(?P<iri><[^<>"{}|^`\\\s]*>)
    |(?P<comment>\#[^\n]*)
    |(?P<graph>\bGRAPH\s+(?P<name><[^<>"{}|^`\\\s]*>|[A-Za-z][\w.-]*:[\w.-]*)(?=\s*\{))
    |(?P<template>\bDELETE\s+WHERE\b)
    |(?P<where>\bWHERE\b)
    |(?P<end>;)
    |(?P<open>\{)
    |(?P<close>\})
    """,
    re.IGNORECASE | re.VERBOSE,
)


# An update's PREFIX and BASE lines (and comments) before its first operation.
_PROLOGUE = re.compile(
    r"\A(?:\s+|#[^\n]*|(?:PREFIX\s+[^:\s]*:\s*|BASE\s+)<[^>]*>)*", re.IGNORECASE
)
# The longest IRI kg writes to Virtuoso, in UTF-8 bytes (see Virtuoso.check_iris).
IRI_BYTES = 1800
_LONG_IRI = re.compile(r"<([^<>\"{}|^`\\\s]{600,})>")
# Where Virtuoso ("line 3") and Oxigraph ("error at 3:14") place a syntax error.
_ERROR_LINE = re.compile(r"(SPARQL compiler, line |error at )(\d+)")


def _shift(lines: int) -> Callable[[re.Match[str]], str]:
    """A replacement moving a :data:`_ERROR_LINE` match by ``lines``."""
    return lambda found: f"{found[1]}{max(1, int(found[2]) + lines)}"


def _detail(page: str) -> str:
    """The gist of an error page: Virtuoso's message without the query it
    echoes back, else the page's start (an HTML page's text)."""
    found = _VIRTUOSO_ERROR.search(page)
    text = found.group(1) if found else page
    if text.lstrip().startswith("<"):
        body = re.sub(r"(?is)<(head|title)>.*?</\1>", " ", text)
        text = re.sub(r"<[^>]*>", " ", body)
    return " ".join(text.split())[:300]


def _needs_update_rights(detail: str) -> bool:
    return "SPARQL_UPDATE" in detail or "permission" in detail.lower()


def _prefixed(query: str, prefixes: dict[str, str] | None) -> str:
    if not prefixes:
        return query
    header = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in prefixes.items())
    return header + query


def _is_graph_query(query: str) -> bool:
    lines = [line for line in query.splitlines() if not line.lstrip().startswith("#")]
    words = " ".join(lines).upper().split()
    forms = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
    return next((w for w in words if w in forms), "") in {"CONSTRUCT", "DESCRIBE"}
