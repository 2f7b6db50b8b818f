"""The store: where the write path leaves the graph and the read path finds it.

One type, :class:`Store`, covers the three places a graph can live: a local
Oxigraph folder (``./kg-data``), RDF files loaded in memory (``--data``) and a
remote SPARQL 1.1 endpoint (``--store http://...``). :func:`open_store`
chooses among them; everything the CLI does with a store goes through it.

Examples:
    >>> import tempfile
    >>> with open_store(Path(tempfile.mkdtemp()) / "kg", create=True) as store:
    ...     store.articles()
    []
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal

import pyoxigraph as ox

from kg.errors import KGError
from kg.records import ArticleGraph, EntityType
from kg.resources.ontology import KG
from kg.store.articles import (
    StoredArticle,
    article_count,
    articles_since,
    ready_to_read,
    recent_articles,
    remove_article,
    store_article,
    stored_articles,
)
from kg.store.local import DEFAULT_STORE, load_data, open_folder, settle
from kg.store.sparql import PREFIXES, construct, select

if TYPE_CHECKING:
    from kg.records import Node
    from kg.store.merged import Group, StoredMerged
    from kg.store.remote import RemoteStore

__all__ = [
    "DEFAULT_STORE",
    "PREFIXES",
    "ArticleGraph",
    "Store",
    "StoredArticle",
    "open_store",
]

Kind = Literal["folder", "files", "endpoint"]
# Marks the derived views as not made from the stored articles any more.
_VIEWS_STALE = f"DELETE WHERE {{ GRAPH ?g {{ ?g <{KG}articleDigest> ?digest }} }}"
# The current network graph's digest (the views are current when it is the
# stored articles' digest), if it keeps what an update needs (views made by
# an older kg are made again whole).
_VIEWS_DIGEST = f"""
SELECT ?g ?digest WHERE {{
  GRAPH ?g {{
    ?g a <{KG}EntityNetwork> ; <{KG}articleDigest> ?digest ;
       <{KG}figuresArticles> ?articles
  }}
}}"""
_VIEWS = f"SELECT ?g WHERE {{ GRAPH ?g {{ ?g a <{KG}EntityNetwork> }} }}"
# One entity of a network graph, and whether its name words are kept.
_NAME_SAMPLE = (
    f"SELECT ?e WHERE {{ GRAPH <NETWORK> {{ ?e <{KG}nameKey> ?k }} }} LIMIT 1"
)
_HAS_WORDS = f"ASK {{ GRAPH <NETWORK> {{ <ENTITY> <{KG}nameWord> ?w }} }}"
# The entities some articles' graphs name.
_ENTITIES_OF = f"""
SELECT DISTINCT ?e WHERE {{
  VALUES ?type {{ {" ".join(f"<{KG}{t.value}>" for t in EntityType)} }}
  GRAPH ?g {{ ?e a ?type }}
}}"""
# The (agent, participant) pairs some articles' events link.
_PAIRS_OF = f"""
SELECT DISTINCT ?a ?b WHERE {{
  GRAPH ?g {{
    ?event <{KG}agent> ?a .
    {{ ?event <{KG}recipient> ?b }} UNION {{ ?event <{KG}target> ?b }}
    UNION {{ ?event <{KG}theme> ?b }}
  }}
}}"""
# The views are updated article by article when at most this many articles
# changed, or a quarter of the store; beyond that they are made again whole.
INCREMENTAL_ARTICLES = 100


def open_store(
    location: str | Path = DEFAULT_STORE,
    *,
    data: Sequence[Path] = (),
    write: bool = False,
    create: bool = False,
) -> Store:
    """Open the store at ``location``, or the RDF files ``data`` in memory.

    Args:
        location: A store folder (``kg build`` makes ``./kg-data``) or the URL of
            a SPARQL 1.1 endpoint: one ending in ``/sparql`` takes queries and
            updates (Virtuoso's ``http://host:8890/sparql``), any other is a
            dataset's base (queries at ``URL/query``, updates at ``URL/update``).
        data: RDF files or folders written by ``kg build -o``; when given, they
            are loaded into memory and ``location`` is not opened.
        write: Open for writing (a local folder allows one writer at a time).
        create: Make the store folder when missing (implies ``write``).

    Raises:
        InputError: No store at ``location`` (and not ``create``), a folder that
            is no store, a locked store, or ``data`` that cannot be read.
    """
    if data:
        paths = ", ".join(str(p) for p in data)
        return Store(load_data(data), location=paths, kind="files", writable=True)
    where = str(location)
    if where.startswith(("http://", "https://")):  # an endpoint, not a folder
        from kg.store.remote import RemoteStore

        return Store(RemoteStore(where), location=where, kind="endpoint", writable=True)
    writable = write or create
    backend = open_folder(Path(where), write=writable, create=create)
    return Store(backend, location=where, kind="folder", writable=writable)


class Store:
    """A kg graph store; use :func:`open_store` to get one.

    It speaks SPARQL (:meth:`query`, :meth:`select`, :meth:`construct`,
    :meth:`update`) and knows kg's layout: one named graph per article, their
    merge as the default graph, and a derived graph of merged events.
    Use it as a context manager (or call :meth:`close`) so that a local store
    written to is left compacted and quick to open.
    """

    def __init__(
        self,
        backend: ox.Store | RemoteStore,
        *,
        location: str,
        kind: Kind,
        writable: bool,
    ) -> None:
        self._backend: ox.Store | RemoteStore | None = backend
        self.location = location
        self.kind = kind
        self.writable = writable
        self._written = False
        self._compacted = False
        self._views_marked_stale = False
        # Since the views were last current: the articles added, replaced or
        # removed, and the entities their earlier versions named; None once
        # the views can only be made again whole (they were not current
        # before the change, or a SPARQL update changed who knows what).
        self._changed: set[str] | None = None
        self._touched: set[str] = set()
        self._pairs: set[tuple[str, str]] = set()
        self._groups: set[Group] = set()
        # the stored articles' hashes when the views were current (see
        # _current_base), to bring the digest up to date after a change
        self._hashes: dict[str, str | None] | None = None
        self._views_base: str | None = None  # the base of the current views
        self._small_change = False  # the last refresh updated the views
        self._few_limit = INCREMENTAL_ARTICLES

    @classmethod
    def memory(cls) -> Store:
        """An empty store in memory (gone when the process ends)."""
        return cls(ox.Store(), location=":memory:", kind="files", writable=True)

    def __repr__(self) -> str:
        return f"Store({self.location!r}, kind={self.kind!r})"

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if error is None:
            self.close()
        else:  # the error's frames may still hold the store: just let it go
            self._backend = None

    @property
    def backend(self) -> ox.Store | RemoteStore:
        """The pyoxigraph store or remote endpoint underneath."""
        if self._backend is None:
            raise KGError(f"The store {self.location} is closed; open it again.")
        return self._backend

    # SPARQL -------------------------------------------------------------

    def query(
        self,
        query: str,
        *,
        prefixes: dict[str, str] | None = None,
        substitutions: dict[ox.Variable, Any] | None = None,
    ) -> Any:
        """Run any SPARQL query; pyoxigraph's result types."""
        return self.backend.query(query, prefixes=prefixes, substitutions=substitutions)

    def select(self, query: str) -> ox.QuerySolutions:
        """Run a SELECT with kg's prefixes bound (see :data:`PREFIXES`)."""
        return select(self.backend, query)

    def construct(self, query: str) -> list[ox.Triple]:
        """Run a CONSTRUCT with kg's prefixes bound; the triples it makes."""
        return construct(self.backend, query)

    def update(self, update: str) -> None:
        """Apply a SPARQL Update in one transaction (one request to an endpoint)."""
        self._changing(None)
        self.backend.update(update)

    # articles ---------------------------------------------------------

    def articles(
        self, *, limit: int | None = None, since: str | None = None
    ) -> list[StoredArticle]:
        """Every stored article (or the ``limit`` most recent, or those
        published on ``since``, ``YYYY-MM-DD``, or later), by date and
        identifier."""
        if since is not None:
            found = articles_since(self.backend, since)
            return found[-limit:] if limit is not None else found
        if limit is None:
            return stored_articles(self.backend)
        return recent_articles(self.backend, limit)

    def article_count(self) -> int:
        """How many articles the store holds."""
        return article_count(self.backend)

    def add_article(self, article: ArticleGraph) -> int:
        """Store one article's graph in place of any earlier version, atomically.

        Returns the number of triples stored for it.
        """
        self._changing([article.graph])
        return store_article(self.backend, article)

    def remove(self, articles: Iterable[str], *, base: str | None = None) -> list[str]:
        """Take articles (identifiers or IRIs) out, with what only they supported.

        The merged events are brought up to date. Returns the removed IRIs.

        Raises:
            KGError: An article is not stored (nothing is removed then).
        """
        self._check_writable()
        stored = {a.id: a.iri for a in self.articles()}
        iris = set(stored.values())
        wanted = list(articles)
        unknown = [a for a in wanted if a not in stored and a not in iris]
        if unknown:
            raise KGError(
                f"No stored article {unknown[0]!r}; `kg articles` lists them."
            )
        removed = sorted({stored.get(name, name) for name in wanted})
        if not removed:
            return removed
        self._changing(removed)
        for iri in removed:
            remove_article(self.backend, iri)
        self.refresh_derived(base or removed[0].rsplit("article/", 1)[0])
        return removed

    # merged events and entities -----------------------------------------------

    def refresh_derived(self, base: str, *, whole: bool = False) -> int:
        """Bring the views derived from all articles up to date: the merged
        events (returns their count) and the entity network that ``kg path``
        and ``kg stats`` read (see :mod:`kg.network.summary`).

        Views made from the very articles stored now are left as they are:
        their digest (version, base, article IRIs and content hashes) matches
        and no change has been made since (see :meth:`_changing`), so a build
        that stores nothing costs no refresh. Views that were current before
        a change of up to :data:`INCREMENTAL_ARTICLES` articles (or a quarter
        of the store) are updated for what those articles touch; the
        whole-graph figures then wait for ``whole`` (``kg refresh``). Any
        other change, or ``whole``, makes every view again. The canned
        reports are answered again either way (:mod:`kg.reports`).
        """
        import threading
        from concurrent.futures import ThreadPoolExecutor

        from kg.network.summary import (
            mark_current,
            network_graph,
            refresh_network,
            stored_digest,
            update_network,
        )
        from kg.reports import keep_reports
        from kg.store.articles import article_hashes, articles_digest, digest_of
        from kg.store.merged import merged_count, refresh_merged, update_merged

        self._check_writable()
        backend = self.backend
        if (
            not whole
            and self._hashes is not None
            and self._changed is not None
            and base == self._views_base
        ):
            # the digest of the articles before the change, brought up to date
            # for the changed ones (reading every hash again costs 0.5 s at
            # 20,000 articles)
            for iri in self._changed:
                self._hashes.pop(iri, None)
            self._hashes.update(article_hashes(backend, self._changed))
            digest = digest_of(base, self._hashes)
        else:
            digest = articles_digest(backend, base)
        if not whole and digest is not None and stored_digest(backend, base) == digest:
            return merged_count(backend, base)
        self._changing(None if whole else ())
        changed = self._changed
        if base != self._views_base or (
            changed is not None and len(changed) > self._few_limit
        ):
            changed = None
        # A local folder writes the articles' quads out to disk (the bulk of
        # compact()) beside the refresh: RocksDB flushes without the GIL.
        flushing = None
        if isinstance(backend, ox.Store) and self.kind == "folder":
            flushing = threading.Thread(target=backend.flush, name="kg-flush")
            flushing.start()
        try:
            self._small_change = changed is not None
            if changed is None:
                merged = refresh_merged(backend, base)
                refresh_network(backend, base, digest=digest)
            else:
                touched, pairs, groups = self._footprint(changed)
                touched |= self._touched
                # the two views are updated side by side (pyoxigraph queries
                # run without the GIL); the digest that makes them current is
                # written once both are done
                with ThreadPoolExecutor(max_workers=1) as side:
                    network = side.submit(
                        update_network,
                        backend,
                        base,
                        touched,
                        self._pairs,
                        digest=None,
                        articles=set(changed),
                        added=pairs,
                    )
                    merged = update_merged(backend, base, groups | self._groups)
                    network.result()
                mark_current(backend, base, digest)
            # last: the reports read the views (labels, merged events)
            keep_reports(backend, network_graph(base), digest)
            self._views_marked_stale = False  # the next change marks them again
            self._changed, self._touched, self._pairs = None, set(), set()
            self._groups = set()
        finally:
            if flushing is not None:
                flushing.join()
        return merged

    def refresh(self, base: str | None = None) -> int:
        """Make every derived view again from the stored articles, the
        whole-graph figures too (``kg refresh``); the merged event count.

        ``base`` defaults to that of the stored views, else of the articles.

        Raises:
            KGError: The store holds no articles (and no ``base`` is given).
        """
        if base is None:
            base = self._stored_base()
        return self.refresh_derived(base, whole=True)

    def _stored_base(self) -> str:
        for row in select(self.backend, _VIEWS):
            return str(row["g"].value).removesuffix("graph/network")
        for article in self.articles(limit=1):
            return article.iri.rsplit("article/", 1)[0]
        raise KGError(
            f"The store {self.location} holds no articles: nothing to refresh."
        )

    def merged_events(self) -> list[StoredMerged]:
        """The events reported by two or more articles, each with its reports."""
        from kg.store.merged import stored_merged

        return stored_merged(self.backend)

    def entities(self) -> dict[str, Node]:
        """Every stored entity by IRI, with its label, type, aliases and mentions."""
        from kg.store.entities import read_nodes

        return read_nodes(self.backend)

    def top_entities(self, *, limit: int | None = None) -> list[Node]:
        """The ``limit`` most mentioned entities (every one for None), most
        mentioned first, then by label."""
        from kg.store.entities import top_entities

        return top_entities(self.backend, limit)

    def entity_count(self) -> int:
        """How many entities the store holds."""
        from kg.store.entities import entity_count

        return entity_count(self.backend)

    def find_entity(self, name: str) -> Node:
        """The entity a name, alias, country code or IRI stands for.

        Raises:
            UnknownEntityError: No entity goes by that name (close ones are listed).
            AmbiguousEntityError: Several do.
        """
        from kg.store.entities import find_entity

        return find_entity(self.backend, name)

    # lifecycle -----------------------------------------------------------

    def compact(self) -> None:
        """Leave a local store quick to open read-only: flushed, and compacted
        unless the views were only updated for a few articles (a small
        change flushed leaves read-only opens as quick, 20-40 ms at 2,000
        articles, and compacting costs time proportional to the store)."""
        backend = self.backend
        if isinstance(backend, ox.Store) and self.kind == "folder" and self._written:
            if self._small_change:
                backend.flush()
            else:
                ready_to_read(backend)
            self._written = False  # nothing new to compact until the next write
            self._compacted = True

    def close(self) -> None:
        """Let go of the store; a local folder written to is compacted first and
        drops its spent write-ahead log (reopened once after the writer closes)."""
        if self._backend is None:
            return
        self.compact()
        self._backend = None
        if self._compacted:  # settle collects the closed writer first
            settle(Path(self.location))

    def _changing(self, articles: Iterable[str] | None) -> None:
        """Called before each change of ``articles`` (None: of anything, by a
        SPARQL update): on the first change through this object the derived
        views stop being current (their ``kg:articleDigest`` is dropped, in
        its own transaction), so that a later refresh never takes views made
        before a change, even one that left every content hash as it was
        (another ``--min-confidence``, another model), for current.

        Views current before the first change may be updated for the changed
        articles alone: their IRIs and the entities their stored versions
        name are kept until the refresh.
        """
        self._check_writable()
        self._small_change = False  # until a refresh updates the views
        if not self._views_marked_stale:
            self._views_base = self._current_base()
            self._changed = set() if self._views_base is not None else None
            self._touched, self._pairs = set(), set()
            self._groups = set()
            count = self.article_count() if self._changed is not None else 0
            self._few_limit = max(INCREMENTAL_ARTICLES, count // 4)
            self.backend.update(_VIEWS_STALE)
            self._views_marked_stale = True
        self._written = True
        if articles is None:
            self._changed = None
        elif self._changed is not None:
            fresh = [a for a in articles if a not in self._changed]
            self._changed.update(fresh)
            if fresh and len(self._changed) <= self._few_limit:
                entities, pairs, groups = self._footprint(fresh)
                self._touched |= entities
                self._pairs |= pairs
                self._groups |= groups

    def _current_base(self) -> str | None:
        """The base IRI of the stored views if they were made from the
        articles stored now, else None."""
        from kg.network.summary import network_graph
        from kg.store.articles import article_hashes, digest_of

        self._hashes = None
        rows = list(select(self.backend, _VIEWS_DIGEST))
        if len(rows) != 1:
            return None
        graph, digest = str(rows[0]["g"].value), str(rows[0]["digest"].value)
        base = graph.removesuffix("graph/network")
        if not self._views_of_this_kind(graph):
            return None
        hashes = article_hashes(self.backend)
        current = digest_of(base, hashes) == digest
        if not (current and network_graph(base) == graph):
            return None
        self._hashes = hashes
        return base

    def _views_of_this_kind(self, graph: str) -> bool:
        """Whether the network graph ``graph`` keeps what this kg updates:
        views made before name words were kept (an entity with a name key
        and no name word) are made again whole, never patched."""
        sample = _NAME_SAMPLE.replace("NETWORK", graph)
        for row in select(self.backend, sample):
            entity = str(row["e"].value)
            words = _HAS_WORDS.replace("NETWORK", graph).replace("ENTITY", entity)
            return bool(self.backend.query(words, prefixes=PREFIXES))
        return True  # no entity: nothing to patch

    def _footprint(
        self, articles: Iterable[str]
    ) -> tuple[set[str], set[tuple[str, str]], set[Group]]:
        """The entities the stored graphs of ``articles`` name, the (agent,
        participant) pairs their events link and the groups of their reports
        (:func:`kg.store.merged.report_groups`)."""
        graphs = sorted(articles)
        if not graphs:
            return set(), set(), set()
        from kg.store.merged import report_groups
        from kg.store.sparql import restrict

        entities: set[str] = set()
        pairs: set[tuple[str, str]] = set()
        for graph in graphs:
            # one graph a query: with a VALUES block of fifty graphs Oxigraph
            # reads every entity (1.2 s at 20,000 articles, 50 ms so)
            query = restrict(_ENTITIES_OF, "g", [graph])
            entities |= {str(row["e"].value) for row in select(self.backend, query)}
            query = restrict(_PAIRS_OF, "g", [graph])
            pairs |= {
                (str(row["a"].value), str(row["b"].value))
                for row in select(self.backend, query)
            }
        return entities, pairs, report_groups(self.backend, graphs)

    def _check_writable(self) -> None:
        if not self.writable:
            raise KGError(
                f"The store {self.location} is open for reading; open it with "
                "write=True to change it."
            )
