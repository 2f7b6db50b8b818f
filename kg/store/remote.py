"""A remote SPARQL 1.1 endpoint as a kg store (``--store http://host:port/...``).

kg needs two things from a store: SPARQL queries and SPARQL Updates. Against
a remote endpoint, queries go to ``URL/query`` and updates to ``URL/update``
(Oxigraph's ``oxigraph serve`` and Apache Jena Fuseki's dataset URLs both
follow this layout). Every article is still stored in one update request,
which the server applies as one transaction.

Query parameters cannot be substituted on the server side in SPARQL 1.1, so
they are sent as a trailing ``VALUES`` block whose terms are written by
pyoxigraph's serialiser (an IRI is validated, a literal escaped): a value can
still never change the query's structure.
"""

from __future__ import annotations

import http.client
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

import pyoxigraph as ox

from kg.errors import KGError

__all__ = ["RemoteStore"]

_TIMEOUT = 120


class RemoteStore:
    """Query and update a SPARQL 1.1 endpoint with pyoxigraph's result types."""

    def __init__(self, url: str) -> None:
        self.url = url.rstrip("/")

    def __repr__(self) -> str:
        return f"RemoteStore({self.url!r})"

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
            values = " ".join(str(t) for t in substitutions.values())
            text = f"{text}\nVALUES ({names}) {{ ({values}) }}"
        graph = _is_graph_query(query)
        accept = "application/n-triples" if graph else "application/sparql-results+json"
        data = self._post("query", "application/sparql-query", text, accept)
        if graph:
            return list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
        return ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)

    def update(self, update: str) -> None:
        """Apply a SPARQL Update (one request, one transaction)."""
        self._post("update", "application/sparql-update", update, "*/*")

    def _post(self, path: str, content_type: str, body: str, accept: str) -> bytes:
        request = urllib.request.Request(
            f"{self.url}/{path}",
            data=body.encode("utf-8"),
            headers={"Content-Type": content_type, "Accept": accept},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=_TIMEOUT) as response:
                data: bytes = response.read()
                return data
        except urllib.error.HTTPError as err:
            detail = err.read().decode("utf-8", "replace")[:300]
            raise KGError(
                f"The SPARQL endpoint {self.url}/{path} refused the request "
                f"(HTTP {err.code}): {detail}"
            ) from err
        except urllib.error.URLError as err:
            raise KGError(
                f"Cannot reach the SPARQL endpoint {self.url}: {err.reason}. Is the "
                "server running, and is the URL the dataset's base (URL/query, "
                "URL/update)?"
            ) from err
        except (OSError, http.client.HTTPException) as err:
            # the connection dropped mid-request: the server went away
            raise KGError(
                f"The SPARQL endpoint {self.url} closed the connection "
                f"({type(err).__name__}: {err}). Is the server still running?"
            ) from err


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
