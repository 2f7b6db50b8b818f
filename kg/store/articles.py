"""Articles in and out of a persistent store, one atomic update per article.

The store keeps one named graph per article and, as its default graph, the
merge of all article graphs with each triple once (what ``kg query`` sees
without ``GRAPH``). Every change is a single SPARQL Update, which Oxigraph
applies in one transaction and which a remote SPARQL 1.1 endpoint receives as
one request:

* storing an article drops its old graph, removes from the default graph
  the triples no other article supports, and inserts the new graph and its
  triples;
* removing an article does the same without the insert.

So rebuilding an article never duplicates anything, and a build killed
mid-run leaves every article either stored whole or not at all.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from kg.records import ArticleGraph
from kg.store.sparql import DEFAULT_GRAPH, Queryable, insert_data, restrict, select

__all__ = [
    "StoredArticle",
    "article_count",
    "article_events",
    "article_hashes",
    "articles_digest",
    "digest_of",
    "ready_to_read",
    "recent_articles",
    "remove_article",
    "store_article",
    "stored_articles",
]


def ready_to_read(store: Queryable) -> None:
    """Leave a local store compacted, so that a read-only open is fast.

    Oxigraph replays its write-ahead log on every read-only open of a store
    left after writes (48 s at 2.7M quads); ``optimize()`` folds it into the
    database once (22 ms opens after). A remote endpoint looks after itself.
    """
    if isinstance(store, ox.Store):
        store.flush()
        store.optimize()


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """One article as the store holds it."""

    iri: str
    id: str
    date: str | None
    title: str | None
    events: int
    triples: int
    digest: str | None
    file: str | None = None


def store_article(store: Queryable, article: ArticleGraph) -> int:
    """Store an article's graph in place of any earlier version, in one update.

    A new article in a local store is added with one transactional ``load``
    of its N-Quads, the article's graph and the same triples in the default
    graph (no SPARQL to parse and no Python objects per quad: the common case
    of a build); replacing an article takes the SPARQL Update below.
    """
    graph, triples = article.graph, article.stored()
    fresh = ox.NamedNode(graph)
    if isinstance(store, ox.Store) and not store.contains_named_graph(fresh):
        named = f" <{graph}> .\n"
        quads = "".join(line[:-3] + named for line in triples) + "".join(triples)
        store.load(quads.encode(), format=ox.RdfFormat.N_QUADS)
        return len(triples)
    # The article's own lines last: a server that applies a request's
    # operations one by one and stops at a failure (Virtuoso) lists the
    # article (and --resume skips it) only once all of it is stored.
    own = f"<{graph}> "
    lines = sorted(triples, key=lambda line: line.startswith(own))
    store.update(
        f"{_unmerge(str(graph))} ;\n"
        f"DROP SILENT GRAPH <{graph}> ;\n"
        f"{insert_data(lines, str(graph))} ;\n"
        f"{insert_data(lines)}"
    )
    return len(triples)


def remove_article(store: Queryable, graph: str) -> None:
    """Take an article out: its graph, and what only it supported."""
    store.update(f"{_unmerge(graph)} ;\nDROP SILENT GRAPH <{graph}>")


def recent_articles(store: Queryable, limit: int) -> list[StoredArticle]:
    """The ``limit`` most recent articles, in :func:`stored_articles` order.

    A store that keeps list positions (see :mod:`kg.network.summary`) reads
    only those articles, up to :data:`~kg.store.entities.LISTED`; any other,
    or a longer list, is read whole.
    """
    from kg.store.entities import LISTED

    if limit < 1:
        raise ValueError("limit must be 1 or more")
    if limit <= LISTED:
        positions = " ".join(str(n) for n in range(1, limit + 1))
        iris = [
            str(row["g"].value)
            for row in select(store, _LISTED.replace("POSITIONS", positions))
        ]
        found = stored_articles(store, iris) if iris else []
        if len(found) == min(limit, article_count(store)):
            return found
    found = stored_articles(store)
    return found[len(found) - limit :] if len(found) > limit else found


def articles_since(store: Queryable, day: str) -> list[StoredArticle]:
    """The articles published on ``day`` (``YYYY-MM-DD``) or later, in
    :func:`stored_articles` order: only they are read."""
    query = _SINCE.replace("DAY", f'"{day}"^^xsd:date')
    iris = [str(row["g"].value) for row in select(store, query)]
    return stored_articles(store, iris) if iris else []


def articles_digest(store: Queryable, base: str) -> str | None:
    """SHA-256 of the kg version, ``base`` and every stored article IRI with its
    content hash: the same digest, the same derived graphs. None when an
    article carries no hash (stored by an older kg), which nothing certifies."""
    return digest_of(base, article_hashes(store))


def article_events(store: Queryable, graphs: Iterable[str]) -> set[str]:
    """The events with an agent in some articles' graphs (one graph a query:
    with a VALUES block of many graphs Oxigraph reads every event)."""
    found: set[str] = set()
    for graph in sorted(graphs):
        query = restrict(_AGENT_EVENTS, "g", [graph])
        found |= {str(row["event"].value) for row in select(store, query)}
    return found


def article_hashes(
    store: Queryable, iris: Iterable[str] | None = None
) -> dict[str, str | None]:
    """Every stored article's content hash (None if it has none) by IRI, or
    those of ``iris`` that are stored (read one by one)."""
    if iris is None:
        rows: Iterable[Any] = select(store, _HASHES)
    else:
        rows = [
            row
            for iri in sorted(iris)
            for row in select(store, restrict(_HASHES, "g", [iri]))
        ]
    return {str(row["g"].value): row["h"] and str(row["h"].value) for row in rows}


def digest_of(base: str, hashes: dict[str, str | None]) -> str | None:
    """:func:`articles_digest` of the articles' ``hashes``."""
    import hashlib

    from kg._version import __version__

    pairs = sorted(hashes.items())
    if any(digest is None for _, digest in pairs):
        return None
    lines = [__version__, base, *(f"{iri} {digest}" for iri, digest in pairs)]
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def article_count(store: Queryable) -> int:
    """How many articles the store holds."""
    for row in select(store, _COUNT):
        return int(row["n"].value)
    return 0


def stored_articles(
    store: Queryable, iris: Iterable[str] | None = None
) -> list[StoredArticle]:
    """Every stored article (or those of ``iris``) with its date, title, event
    and triple counts, by date (undated first) and identifier."""
    facts: dict[str, dict[str, str]] = defaultdict(dict)
    query = _ARTICLES if iris is None else restrict(_ARTICLES, "g", iris)
    for row in select(store, query):
        name = row["p"].value.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        facts[row["g"].value].setdefault(name, row["o"].value)
    found = []
    for iri, fact in facts.items():
        if "identifier" not in fact:
            continue
        events, triples = fact.get("eventCount"), fact.get("tripleCount")
        if events is None or triples is None:
            # stored before articles carried their counts: count them
            counts = next(iter(select(store, _COUNTS.replace("?g", f"<{iri}>"))))
            events, triples = counts["events"].value, counts["triples"].value
        found.append(
            StoredArticle(
                iri=iri,
                id=fact["identifier"],
                date=fact.get("datePublished"),
                title=fact.get("headline"),
                events=int(events),
                triples=int(triples),
                digest=fact.get("contentHash"),
                file=fact.get("sourceFile"),
            )
        )
    # sorted here: an ORDER BY costs Oxigraph more than the query itself
    return sorted(found, key=lambda a: (a.date is not None, a.date or "", a.id))


def _unmerge(graph: str) -> str:
    """Delete from the default graph the triples only ``graph`` supports
    (the graph standing for the default graph on Virtuoso supports none)."""
    return (
        "DELETE { ?s ?p ?o } WHERE {\n"
        f"  GRAPH <{graph}> {{ ?s ?p ?o }}\n"
        "  FILTER NOT EXISTS {\n"
        "    GRAPH ?other { ?s ?p ?o }\n"
        f"    FILTER (?other != <{graph}> && ?other != <{DEFAULT_GRAPH}>)\n"
        "  }\n"
        "}"
    )


# What kg articles shows of each article, from the merged default graph
# (an article's own triples name it, so they hold only its facts).
_ARTICLES = """
SELECT ?g ?p ?o WHERE {
  ?g a schema:NewsArticle ; ?p ?o .
  FILTER (?p IN (schema:identifier, schema:datePublished, schema:headline,
                 kg:contentHash, kg:sourceFile, kg:eventCount, kg:tripleCount))
}"""
# The articles published on a day or later.
_SINCE = """
SELECT ?g WHERE {
  ?g a schema:NewsArticle ; schema:datePublished ?d .
  FILTER (?d >= DAY)
}"""
# The articles at some list positions (kept by the network graph).
_LISTED = """
SELECT ?g WHERE {
  VALUES ?position { POSITIONS }
  GRAPH ?net { ?g kg:listPosition ?position . ?net kg:articleDigest ?current }
  ?g a schema:NewsArticle .
}"""
_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?g a schema:NewsArticle }"
_AGENT_EVENTS = "SELECT DISTINCT ?event WHERE { GRAPH ?g { ?event kg:agent ?x } }"
_HASHES = """
SELECT ?g ?h WHERE { ?g a schema:NewsArticle OPTIONAL { ?g kg:contentHash ?h } }"""
# Counting an article's graph, for articles stored without their counts.
_COUNTS = """
SELECT (COUNT(DISTINCT ?event) AS ?events) (COUNT(*) AS ?triples)
WHERE {
  GRAPH ?g {
    ?s ?p ?o .
    OPTIONAL { ?s kg:evidence ?e BIND (?s AS ?event) }
  }
}"""
