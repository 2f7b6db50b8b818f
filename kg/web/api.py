"""What each page shows, as JSON-ready data: the ``/api/`` answers.

Every function takes the live store and the request's query parameters
(``{name: [values]}``) and returns plain data; the pages render the same data
through templates. Bad parameters raise :class:`~kg.errors.ParameterError`,
unknown names :class:`~kg.errors.UnknownEntityError` (with suggestions).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import partial
from typing import Any

from kg.errors import KGError, ParameterError
from kg.network.ask import paths
from kg.network.summary import network_skeleton
from kg.query import canned_queries
from kg.records import Node
from kg.resources.ontology import vocabulary_terms
from kg.store.entities import Resolution
from kg.store.sparql import PREFIXES, Queryable, restrict, select
from kg.web.dossier import Dossier, dossier, node_json
from kg.web.drawing import neighbourhood, path_json
from kg.web.filters import Filters, flag, number, one
from kg.web.live import LiveStore
from kg.web.reader import ArticleView, read_article

__all__ = [
    "NotFoundError",
    "Params",
    "article",
    "article_view",
    "articles",
    "entity",
    "entity_dossier",
    "network",
    "path",
    "prefixes",
    "queries",
    "resolve",
    "search",
    "types",
    "vocabulary",
]

Params = Mapping[str, Sequence[str]]


class NotFoundError(KGError, LookupError):
    """Nothing in the store by that identifier."""


def resolve(live: LiveStore, params: Params, key: str = "e") -> Node:
    """The entity the parameter ``key`` names (label, alias or type:slug)."""
    return lookup(live, params, key).node


def lookup(live: LiveStore, params: Params, key: str = "e") -> Resolution:
    """The entity the parameter ``key`` names and the others it could mean."""
    name = one(params, key)
    if name is None:
        raise ParameterError(f"{key}=: give an entity by name, alias or type:slug")
    return live.directory().index.lookup(name)


def search(live: LiveStore, params: Params) -> dict[str, Any]:
    """``q``: entities whose names (or their words) start with it; ``type``
    and ``limit`` narrow them. A name that starts no name but resolves (a
    country code, another name of a country) finds its entity."""
    text = one(params, "q") or ""
    kind = one(params, "type")
    directory = live.directory()
    counts = directory.counts()
    if kind is not None and kind not in counts:
        raise ParameterError(f"type={kind!r}: choose from {', '.join(counts)}")
    limit = number(params, "limit", 10, 1, 100)
    found = [
        {**node_json(m.node), "matched": m.name}
        for m in directory.search(text, limit=limit, kind=kind)
    ]
    if text.strip() and not found:
        try:
            node = directory.index.resolve(text)
        except KGError:
            pass
        else:
            if kind is None or node.type == kind:
                found = [{**node_json(node), "matched": text}]
    return {"q": text, "results": found}


def types(live: LiveStore, params: Params) -> dict[str, Any]:
    """Entity counts by type."""
    return {"types": live.directory().counts()}


def entity_dossier(live: LiveStore, params: Params) -> Dossier:
    """The entity ``e`` and its events that pass the filters."""
    found = lookup(live, params)
    store = live.current().store
    nodes = live.directory().index.nodes
    return replace(
        dossier(store, found.node, Filters.parse(params), nodes), others=found.others
    )


def entity(live: LiveStore, params: Params) -> dict[str, Any]:
    """:func:`entity_dossier` as JSON."""
    return entity_dossier(live, params).json()


def network(live: LiveStore, params: Params, *, max_nodes: int) -> dict[str, Any]:
    """The neighbourhood of ``e`` within ``hops`` (1 or 2), filtered;
    ``things=0`` leaves out common-noun entities ("missile", "company")."""
    node = resolve(live, params)
    hops = number(params, "hops", 1, 1, 2)
    things = flag(params, "things", True)
    return neighbourhood(
        live.current().store,
        node.iri,
        live.directory().index.nodes,
        hops=hops,
        filters=Filters.parse(params),
        max_nodes=max_nodes,
        things=things,
    )


def path(live: LiveStore, params: Params) -> dict[str, Any]:
    """Up to ``k`` shortest paths from ``a`` to ``b`` (``undirected=1``: in
    either direction; ``things=1``: also through common-noun entities;
    ``places=0``: never through places; ``attested=1``: over the links most
    articles report first), each hop with its evidence."""
    start, end = resolve(live, params, "a"), resolve(live, params, "b")
    k = number(params, "k", 3, 1, 10)
    undirected = flag(params, "undirected", False)
    via_things = flag(params, "things", False)
    places = flag(params, "places", True)
    attested = flag(params, "attested", False)
    if start.iri == end.iri:
        raise ParameterError("a and b name the same entity: choose two")
    store = live.current().store
    _, _, found = paths(
        store,
        start.iri,
        end.iri,
        k=k,
        undirected=undirected,
        via_things=via_things,
        avoid_types=() if places else ("Place",),
        attested=attested,
        known=live.directory().index.nodes,
        # the stored network's structure, read once per opening of the store
        skeleton=lambda network: live.cached(
            "skeleton", partial(network_skeleton, network=network)
        ),
    )
    return {
        "a": node_json(start),
        "b": node_json(end),
        "k": k,
        "undirected": undirected,
        "via_things": via_things,
        "via_places": places,
        "attested": attested,
        **path_json(store, found),
    }


def article_view(live: LiveStore, params: Params) -> ArticleView:
    """The article ``id`` with its events marked."""
    identifier = one(params, "id")
    if identifier is None:
        raise ParameterError("id=: give an article's identifier (see /articles)")
    found = read_article(live.current().store, identifier)
    if found is None:
        raise NotFoundError(
            f"No article {identifier!r} in the store; /articles lists them."
        )
    return found


def article(live: LiveStore, params: Params) -> dict[str, Any]:
    """:func:`article_view` as JSON."""
    return article_view(live, params).json()


def articles(live: LiveStore, params: Params) -> dict[str, Any]:
    """The latest ``limit`` stored articles (100; ``all=1`` for every one):
    identifier, title (or, for an article without one, its first words as
    ``opening``), date, events, file; newest first, then by headline
    (undated articles last); and ``total``, how many the store holds."""
    store = live.current().store
    every = flag(params, "all", False)
    limit = number(params, "limit", ARTICLES_SHOWN, 1, 1_000_000)
    stored = store.articles() if every else store.articles(limit=limit)
    total = len(stored) if every else store.article_count()
    openings = _openings(store, [a.iri for a in stored if not a.title])
    ordered = sorted(
        stored, key=lambda a: (a.title or openings.get(a.iri) or a.id).casefold()
    )
    ordered.sort(key=lambda a: a.date or "", reverse=True)  # stable: then by title
    return {
        "total": total,
        "articles": [
            {"id": a.id, "title": a.title, "date": a.date, "events": a.events,
             "file": a.file, "opening": openings.get(a.iri)}
            for a in ordered
        ],
    }  # fmt: skip


# How many articles /articles shows unless asked for all.
ARTICLES_SHOWN = 100
# The first words an untitled article shows in a list.
OPENING_CHARS = 90
_BODIES = """
SELECT ?doc (SUBSTR(STR(?body), 1, LENGTH) AS ?opening) WHERE {
  ?doc schema:articleBody ?body
}"""


def _openings(store: Queryable, docs: list[str]) -> dict[str, str]:
    """The first words of each article of ``docs`` (cut at a word)."""
    if not docs:
        return {}
    query = restrict(_BODIES.replace("LENGTH", str(OPENING_CHARS + 1)), "doc", docs)
    found = {}
    for row in select(store, query):
        text = " ".join(str(row["opening"].value).split())
        if len(text) > OPENING_CHARS:
            text = text[:OPENING_CHARS].rsplit(" ", 1)[0] + "…"
        found[str(row["doc"].value)] = text
    return found


def queries(live: LiveStore, params: Params) -> dict[str, Any]:
    """The canned queries to start from: name, description, text, parameters."""
    return {
        "queries": [
            {
                "name": q.name,
                "description": q.description,
                "text": q.text,
                "params": [p.name for p in q.params if p.required],
            }
            for q in canned_queries().values()
        ]
    }


def prefixes(live: LiveStore, params: Params) -> dict[str, Any]:
    """The prefixes every query has bound, as ``{prefix: namespace}`` (the
    form prefix.cc serves, so the SPARQL editor completes them offline)."""
    return dict(sorted(PREFIXES.items()))


def vocabulary(live: LiveStore, params: Params) -> dict[str, Any]:
    """The prefixes and the ontology's terms as ``prefix:local`` (what the
    SPARQL editor completes)."""
    return {
        "prefixes": prefixes(live, params),
        "terms": list(vocabulary_terms(tuple(sorted(PREFIXES.items())))),
    }
