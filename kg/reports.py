"""Canned reports: canned queries kept answered in the store.

A canned query whose header says ``# @report`` (``who-supplied-whom``) lists
what the whole archive holds, so its answer grows with the store and so
would its time. Whenever a build or a removal brings the derived views up to
date (:meth:`kg.store.Store.refresh_derived`), :func:`keep_reports` answers
each report with its default parameters and keeps the answer (SPARQL JSON
results) in the store's network graph, as a ``kg:Report`` with:

* ``kg:reportQuery``: the query's name;
* ``kg:queryDigest``: SHA-256 of the query text that was run (a kg whose
  query differs reads no answer of the old one);
* ``kg:reportDigest``: the ``kg:articleDigest`` of the articles it answers
  for (see :mod:`kg.network.summary`);
* ``kg:reportResults``: the answer.

:func:`kept_answer` reads it back: only while its digest is the network
graph's, so a store changed since (by an older kg, say) is queried afresh and
nothing stale is shown as current. Given other parameters than the defaults,
``kg query`` runs the query itself. Keeping the answers costs a build the
time of the queries (0.15 s at 20,000 articles); reading one costs the same at
any store size.
"""

from __future__ import annotations

import hashlib
from typing import Any

import pyoxigraph as ox

from kg.query import CannedQuery, canned_queries, run_query
from kg.resources.ontology import KG
from kg.store.sparql import PREFIXES, Queryable, insert_data

__all__ = ["keep_reports", "kept_answer"]

_JSON = ox.QueryResultsFormat.JSON
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_DROP = """
PREFIX kg: <KG>
DELETE { GRAPH <NETWORK> { ?r ?p ?o } }
WHERE { GRAPH <NETWORK> { ?r a kg:Report ; ?p ?o } }"""
_KEPT = """
SELECT ?name ?q ?results WHERE {
  GRAPH ?g {
    ?g a kg:EntityNetwork ; kg:articleDigest ?d .
    ?r kg:reportQuery ?name ; kg:queryDigest ?q ; kg:reportDigest ?d ;
       kg:reportResults ?results .
  }
}"""


def keep_reports(store: Queryable, network: str, digest: str | None) -> int:
    """Answer every canned report with its default parameters and keep the
    answers in the network graph ``network``, for the articles whose digest
    is ``digest``, in place of those kept before; how many were kept.

    With no digest the views are not certified current: the old answers go
    and none is kept.
    """
    store.update(_DROP.replace("KG", KG).replace("NETWORK", network))
    if digest is None:
        return 0
    lines = []
    for canned in canned_queries().values():
        if not canned.report or any(p.required for p in canned.params):
            continue
        result = run_query(store, canned, {}, kept=False)
        if not isinstance(result, ox.QuerySolutions):
            continue  # a report is a SELECT; anything else is run each time
        answer = result.serialize(format=_JSON)
        assert answer is not None  # serialize() without an output returns bytes
        node = f"<{network}/report/{canned.name}>"
        lines += [
            f"{node} <{_RDF_TYPE}> <{KG}Report> .",
            f"{node} <{KG}reportQuery> {ox.Literal(canned.name)} .",
            f"{node} <{KG}queryDigest> {ox.Literal(_text_digest(canned, store))} .",
            f"{node} <{KG}reportDigest> {ox.Literal(digest)} .",
            f"{node} <{KG}reportResults> {ox.Literal(answer.decode('utf-8'))} .",
        ]
    if lines:
        store.update(insert_data(lines, network))
    return len(lines) // 5


def kept_answer(store: Queryable, canned: CannedQuery) -> ox.QuerySolutions | None:
    """The kept answer of the report ``canned`` (with its default parameters)
    if the store holds one for the articles it holds now, else None."""
    if not canned.report:
        return None
    substitutions: dict[ox.Variable, Any] = {
        ox.Variable("name"): ox.Literal(canned.name),
        ox.Variable("q"): ox.Literal(_text_digest(canned, store)),
    }
    rows = store.query(_KEPT, prefixes=PREFIXES, substitutions=substitutions)
    for row in rows:
        answer = str(row["results"].value).encode("utf-8")
        parsed = ox.parse_query_results(answer, format=_JSON)
        return parsed if isinstance(parsed, ox.QuerySolutions) else None
    return None


def _text_digest(canned: CannedQuery, store: Queryable) -> str:
    return hashlib.sha256(canned.text_for(store).encode("utf-8")).hexdigest()
