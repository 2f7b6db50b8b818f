"""The ``kg serve`` web app: pages, a JSON API and a SPARQL endpoint over a store.

Every page has a JSON twin under ``/api/`` that returns what the page shows
(the pages render the same data through Jinja templates, which escape every
text from the articles). The store is read-only here: ``/sparql`` refuses
updates, and the app opens the store with the read-only flag.

Routes (see the README for parameters):

=========================  ==============================================
``/``                      search; ``/api/search?q=``, ``/api/types``
``/entity?e=``             an entity and its events; ``/api/entity?e=``
``/network?e=&hops=``      its neighbourhood drawn; ``/api/network?e=``
``/path?a=&b=``            k shortest paths; ``/api/path?a=&b=``
``/article/ID``            an article, events marked; ``/api/article/ID``
``/articles``              the stored articles; ``/api/articles``
``/sparql``                editor (browsers) and SPARQL 1.1 protocol
=========================  ==============================================
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from kg._version import __version__
from kg.errors import AmbiguousEntityError, KGError, UnknownEntityError
from kg.network.ask import paths
from kg.network.summary import network_skeleton, stored_network, stored_paths
from kg.query import canned_queries
from kg.records import Node
from kg.store.entities import short_name
from kg.web.directory import Directory
from kg.web.dossier import dossier, node_json
from kg.web.drawing import neighbourhood, path_json
from kg.web.endpoint import READ_ONLY, RefusedQueryError
from kg.web.filters import Filters, ParameterError, number, one
from kg.web.live import LiveStore
from kg.web.reader import read_article
from kg.web.sandbox import QueryPool

__all__ = ["Limits", "create_app"]

_log = logging.getLogger("kg.web")
WEB_DIR = Path(__file__).resolve().parent
STATIC_DIR = WEB_DIR / "static"
BUNDLE = STATIC_DIR / "dist" / "graph.js"
Params = Mapping[str, Sequence[str]]


@dataclass(frozen=True, slots=True)
class Limits:
    """How much one request may cost: SPARQL time (s) and rows, graph size."""

    timeout: float = 10.0
    max_rows: int = 10_000
    max_nodes: int = 2000
    # web origins whose pages may query /sparql from the browser (YASGUI elsewhere)
    cors: tuple[str, ...] = ()


def create_app(live: LiveStore, limits: Limits = Limits()) -> Starlette:
    """The web app over ``live`` (see the module doc for its routes)."""
    pool = QueryPool(
        live.location,
        data=live.data,
        timeout=limits.timeout,
        max_rows=limits.max_rows,
    )
    site = _Site(
        live, limits, Jinja2Templates(directory=str(WEB_DIR / "templates")), pool
    )
    site.templates.env.globals.update(
        version=__version__, short=short_name, urlencode=urlencode
    )
    routes = [
        Route("/", site.page(site.search_page)),
        Route("/entity", site.page(site.entity_page)),
        Route("/network", site.page(site.network_page)),
        Route("/path", site.page(site.path_page)),
        Route("/article/{id:path}", site.page(site.article_page)),
        Route("/articles", site.page(site.articles_page)),
        Route("/sparql", site.sparql, methods=["GET", "POST"]),
        Route("/query", site.sparql, methods=["GET", "POST"]),
        Route("/update", site.refuse_update, methods=["GET", "POST"]),
        Route("/api/search", site.api(site.search_data)),
        Route("/api/types", site.api(site.types_data)),
        Route("/api/entity", site.api(site.entity_data)),
        Route("/api/network", site.api(site.network_data)),
        Route("/api/path", site.api(site.path_data)),
        Route("/api/article/{id:path}", site.api(site.article_data)),
        Route("/api/articles", site.api(site.articles_data)),
        Route("/api/queries", site.api(site.queries_data)),
        Mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static"),
    ]
    middleware = []
    if limits.cors:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(limits.cors),
                allow_methods=["GET", "POST"],
                allow_headers=["Content-Type", "Accept"],
            )
        )
    app = Starlette(
        routes=routes,
        middleware=middleware,
        exception_handlers={Exception: site.crashed},
        lifespan=_closing(pool),
    )
    app.state.site = site
    return app


@dataclass
class _Site:
    live: LiveStore
    limits: Limits
    templates: Jinja2Templates
    pool: QueryPool

    # -- wrappers: parameters in, errors out as 400/404 with a message ------

    def page(
        self, build: Callable[[Request, Params], tuple[str, dict[str, Any]]]
    ) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            params = _params(request)
            started = time.perf_counter()
            try:
                name, context = await run_in_threadpool(build, request, params)
            except KGError as err:
                return self._error_page(request, err)
            context["elapsed_ms"] = round((time.perf_counter() - started) * 1000)
            return self.templates.TemplateResponse(request, name, context)

        return endpoint

    def api(
        self, build: Callable[[Request, Params], Any]
    ) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            params = _params(request)
            try:
                data = await run_in_threadpool(build, request, params)
            except KGError as err:
                status, body = _error(err)
                return JSONResponse(body, status_code=status)
            return JSONResponse(data)

        return endpoint

    def _error_page(self, request: Request, err: KGError) -> Response:
        status, body = _error(err)
        return self.templates.TemplateResponse(
            request, "error.html", {"status": status, "error": body}, status_code=status
        )

    async def crashed(self, request: Request, err: Exception) -> Response:
        """An unexpected failure: a plain 500 (the traceback goes to the log)."""
        _log.error("%s %s failed", request.method, request.url, exc_info=err)
        body = {
            "error": "kg serve could not answer this request "
            f"({type(err).__name__}); the server log has the details.",
        }
        if request.url.path.startswith(("/api/", "/sparql", "/query")):
            return JSONResponse(body, status_code=500)
        return self.templates.TemplateResponse(
            request, "error.html", {"status": 500, "error": body}, status_code=500
        )

    # -- data (the API) --------------------------------------------------------

    def directory(self) -> Directory:
        return self.live.directory()

    def entity(self, params: Params, key: str = "e") -> Node:
        name = one(params, key)
        if name is None:
            raise ParameterError(f"{key}=: give an entity by name, alias or type:slug")
        return self.directory().index.resolve(name)

    def search_data(self, request: Request, params: Params) -> dict[str, Any]:
        text = one(params, "q") or ""
        kind = one(params, "type")
        counts = self.directory().counts()
        if kind is not None and kind not in counts:
            raise ParameterError(f"type={kind!r}: choose from {', '.join(counts)}")
        limit = number(params, "limit", 10, 1, 100)
        found = self.directory().search(text, limit=limit, kind=kind)
        return {
            "q": text,
            "results": [{**node_json(m.node), "matched": m.name} for m in found],
        }

    def types_data(self, request: Request, params: Params) -> dict[str, Any]:
        return {"types": self.directory().counts()}

    def entity_data(self, request: Request, params: Params) -> dict[str, Any]:
        node = self.entity(params)
        store = self.live.current().store
        found = dossier(
            store, node, Filters.parse(params), self.directory().index.nodes
        )
        return found.json()

    def network_data(self, request: Request, params: Params) -> dict[str, Any]:
        node = self.entity(params)
        hops = number(params, "hops", 1, 1, 2)
        return neighbourhood(
            self.live.current().store,
            node.iri,
            self.directory().index.nodes,
            hops=hops,
            filters=Filters.parse(params),
            max_nodes=self.limits.max_nodes,
        )

    def path_data(self, request: Request, params: Params) -> dict[str, Any]:
        start, end = self.entity(params, "a"), self.entity(params, "b")
        k = number(params, "k", 3, 1, 10)
        undirected = (one(params, "undirected") or "") in ("1", "true", "yes", "on")
        if start.iri == end.iri:
            raise ParameterError("a and b name the same entity: choose two")
        store = self.live.current().store
        try:
            network = stored_network(store)
            if network is None:  # RDF files or an older store: rebuilt per call
                _, _, found = paths(
                    store, start.iri, end.iri, k=k, undirected=undirected
                )
            else:
                found = stored_paths(
                    store,
                    network,
                    start.iri,
                    end.iri,
                    k=k,
                    undirected=undirected,
                    skeleton=self.live.cached(
                        "skeleton", partial(network_skeleton, network=network)
                    ),
                    known=self.directory().index.nodes,
                )
        except KGError as err:
            raise ParameterError(str(err)) from None
        return {
            "a": node_json(start),
            "b": node_json(end),
            "undirected": undirected,
            **path_json(found),
        }

    def article_data(self, request: Request, params: Params) -> dict[str, Any]:
        found = read_article(self.live.current().store, request.path_params["id"])
        if found is None:
            raise _NotFoundError(
                f"No article {request.path_params['id']!r} in the store."
            )
        return found.json()

    def articles_data(self, request: Request, params: Params) -> dict[str, Any]:
        from kg.store.articles import stored_articles

        rows = stored_articles(self.live.current().store)
        return {
            "articles": [
                {
                    "id": a.id,
                    "title": a.title,
                    "date": a.date,
                    "events": a.events,
                    "file": a.file,
                }
                for a in rows
            ]
        }

    def queries_data(self, request: Request, params: Params) -> dict[str, Any]:
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

    # -- pages -----------------------------------------------------------------

    def search_page(
        self, request: Request, params: Params
    ) -> tuple[str, dict[str, Any]]:
        data = self.search_data(request, {**params, "limit": ["50"]})
        if data["q"] and len(data["results"]) == 0:
            try:  # a name search misses but the name resolves (a country code)
                node = self.directory().index.resolve(data["q"])
                data["results"] = [{**node_json(node), "matched": data["q"]}]
            except KGError:
                pass
        return "search.html", {**data, "types": self.directory().counts()}

    def entity_page(
        self, request: Request, params: Params
    ) -> tuple[str, dict[str, Any]]:
        node = self.entity(params)
        filters = Filters.parse(params)
        store = self.live.current().store
        found = dossier(store, node, filters, self.directory().index.nodes)
        months = Counter(e.date[:7] for e in found.events if e.date)
        return "entity.html", {
            "d": found,
            "filters": filters,
            "key": short_name(node.iri),
            "timeline": sorted(months.items()),
            "most": max(months.values(), default=1),
        }

    def network_page(
        self, request: Request, params: Params
    ) -> tuple[str, dict[str, Any]]:
        node = self.entity(params)
        filters = Filters.parse(params)
        data = self.network_data(request, params)
        return "network.html", {
            "node": node,
            "key": short_name(node.iri),
            "graph": data,
            "filters": filters,
            "hops": data["hops"],
            "classes": sorted({e["event_class"] for e in data["edges"]}),
        }

    def path_page(self, request: Request, params: Params) -> tuple[str, dict[str, Any]]:
        if one(params, "a") is None and one(params, "b") is None:
            return "path.html", {"data": None, "a": "", "b": ""}
        data = self.path_data(request, params)
        return "path.html", {"data": data, "a": one(params, "a"), "b": one(params, "b")}

    def article_page(
        self, request: Request, params: Params
    ) -> tuple[str, dict[str, Any]]:
        found = read_article(self.live.current().store, request.path_params["id"])
        if found is None:
            raise _NotFoundError(
                f"No article {request.path_params['id']!r} in the store."
            )
        return "article.html", {"a": found, "segments": found.segments()}

    def articles_page(
        self, request: Request, params: Params
    ) -> tuple[str, dict[str, Any]]:
        return "articles.html", self.articles_data(request, params)

    # -- SPARQL ----------------------------------------------------------------

    async def sparql(self, request: Request) -> Response:
        """The SPARQL 1.1 protocol (GET ``?query=``, POST form or
        ``application/sparql-query``); a browser asking for HTML without a
        query gets the editor page."""
        try:
            query = await _query_text(request)
        except RefusedQueryError as err:
            return _refused(err)
        accept = request.headers.get("accept", "")
        if query is None and "text/html" in accept:
            return self.templates.TemplateResponse(
                request,
                "sparql.html",
                {"queries": self.queries_data(request, {})["queries"]},
            )
        try:
            reply = await run_in_threadpool(
                self.pool.answer,
                query or "",
                generation=self.live.current().generation,
                accept=accept,
                format=request.query_params.get("format"),
            )
        except RefusedQueryError as err:
            return _refused(err)
        return Response(reply.body, media_type=reply.media, headers={"Vary": "Accept"})

    async def refuse_update(self, request: Request) -> Response:
        return _refused(RefusedQueryError(READ_ONLY, status=403))


def _closing(
    pool: QueryPool,
) -> Callable[[Starlette], AbstractAsyncContextManager[None]]:
    """The app's lifespan: stop the query workers when the server stops."""

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            pool.close()

    return lifespan


class _NotFoundError(KGError):
    """Nothing in the store by that identifier."""


async def _query_text(request: Request) -> str | None:
    """The query of a protocol request (None when there is none)."""
    if request.method == "GET":
        if "update" in request.query_params:
            raise RefusedQueryError(READ_ONLY, status=403)
        return request.query_params.get("query")
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/sparql-update":
        raise RefusedQueryError(READ_ONLY, status=403)
    if kind == "application/sparql-query":
        return (await request.body()).decode("utf-8", errors="replace")
    if kind in ("application/x-www-form-urlencoded", "multipart/form-data"):
        form = await request.form()
        if "update" in form:
            raise RefusedQueryError(READ_ONLY, status=403)
        value = form.get("query")
        return value if isinstance(value, str) else None
    raise RefusedQueryError(
        f"POST a query as application/sparql-query or as a form with query=..., "
        f"not {kind or 'no content type'}.",
        status=415,
    )


def _refused(err: RefusedQueryError) -> Response:
    return JSONResponse({"error": str(err)}, status_code=err.status)


def _params(request: Request) -> dict[str, list[str]]:
    params: dict[str, list[str]] = {}
    for key, value in request.query_params.multi_items():
        params.setdefault(key, []).append(value)
    return params


def _error(err: KGError) -> tuple[int, dict[str, Any]]:
    """HTTP status and JSON body for an error a user can fix."""
    if isinstance(err, AmbiguousEntityError):
        return 409, {"error": str(err), "choices": list(err.candidates)}
    if isinstance(err, UnknownEntityError):
        return 404, {"error": str(err), "suggestions": list(err.suggestions)}
    if isinstance(err, _NotFoundError):
        return 404, {"error": str(err)}
    if isinstance(err, RefusedQueryError):
        return err.status, {"error": str(err)}
    return 400, {"error": str(err)}
