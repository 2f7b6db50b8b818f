"""The ``kg serve`` web app: routes, pages, the SPARQL endpoint, errors.

Every page has a JSON twin under ``/api/`` (:mod:`kg.web.api` makes the data
of both); pages render it through Jinja templates, which escape every text
from the articles. The store is read-only here: ``/sparql`` refuses updates
and runs queries in worker processes (:mod:`kg.web.sandbox`).

=========================  ==============================================
``/``                      search; ``/api/search?q=``, ``/api/types``
``/entity?e=``             an entity and its events; ``/api/entity?e=``
``/network?e=&hops=``      its neighbourhood drawn; ``/api/network?e=``
``/path?a=&b=``            k shortest paths; ``/api/path?a=&b=``
``/article?id=``           an article, events marked; ``/api/article?id=``
``/articles``              the stored articles; ``/api/articles``
``/sparql``                editor (browsers) and SPARQL 1.1 protocol;
                           ``/api/prefixes``, ``/api/vocabulary`` (completion)
=========================  ==============================================
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
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
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from kg import errors
from kg._version import __version__
from kg.store.entities import short_name
from kg.web import api
from kg.web.api import Params
from kg.web.dossier import SORTS
from kg.web.filters import Filters, flag, number, one
from kg.web.guard import READ_ONLY, RequestGuard
from kg.web.live import LiveStore
from kg.web.sandbox import QueryPool

__all__ = ["BUNDLE", "Limits", "create_app"]

_log = logging.getLogger(__name__)
WEB_DIR = Path(__file__).resolve().parent
STATIC_DIR = WEB_DIR / "static"
BUNDLE = STATIC_DIR / "dist" / "graph.js"
Page = Callable[[LiveStore, "Limits", Params], tuple[str, dict[str, Any]]]


@dataclass(frozen=True, slots=True)
class Limits:
    """What one request may cost, and who may ask.

    ``timeout`` and ``max_rows`` bound a SPARQL query, ``max_nodes`` a drawn
    network; ``cors`` lists the web origins whose pages may query /sparql;
    ``hosts`` the Host names the app answers (empty: any), so that a page
    elsewhere cannot reach a loopback server through DNS rebinding.
    """

    timeout: float = 10.0
    max_rows: int = 10_000
    max_nodes: int = 2000
    cors: tuple[str, ...] = ()
    hosts: tuple[str, ...] = ()


def create_app(live: LiveStore, limits: Limits = Limits()) -> Starlette:
    """The web app over ``live`` (see the module doc for its routes)."""
    pool = QueryPool(
        live.location, data=live.data, timeout=limits.timeout, max_rows=limits.max_rows
    )
    templates = Jinja2Templates(directory=str(WEB_DIR / "templates"))
    templates.env.globals.update(
        version=__version__, short=short_name, urlencode=urlencode
    )
    pages = _Pages(live, limits, templates)
    network = partial(api.network, max_nodes=limits.max_nodes)
    routes = [
        Route("/", pages.page(_search_page)),
        Route("/entity", pages.page(_entity_page)),
        Route("/network", pages.page(_network_page)),
        Route("/path", pages.page(_path_page)),
        Route("/article", pages.page(_article_page)),
        Route("/articles", pages.page(_articles_page)),
        Route(
            "/sparql", partial(_sparql, pool, live, templates), methods=["GET", "POST"]
        ),
        Route(
            "/query", partial(_sparql, pool, live, templates), methods=["GET", "POST"]
        ),
        Route("/update", _refuse_update, methods=["GET", "POST"]),
        Route("/api/search", _json(live, api.search)),
        Route("/api/types", _json(live, api.types)),
        Route("/api/entity", _json(live, api.entity)),
        Route("/api/network", _json(live, network)),
        Route("/api/path", _json(live, api.path)),
        Route("/api/article", _json(live, api.article)),
        Route("/api/articles", _json(live, api.articles)),
        Route("/api/queries", _json(live, api.queries)),
        Route("/api/prefixes", _json(live, api.prefixes)),
        Route("/api/vocabulary", _json(live, api.vocabulary)),
        Mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static"),
    ]
    middleware = [Middleware(RequestGuard, allowed=limits.cors)]
    if limits.hosts:
        middleware.append(
            Middleware(TrustedHostMiddleware, allowed_hosts=list(limits.hosts))
        )
    if limits.cors:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(limits.cors),
                allow_methods=["GET", "POST"],
                allow_headers=["Content-Type", "Accept"],
            )
        )
    return Starlette(
        routes=routes,
        middleware=middleware,
        exception_handlers={Exception: pages.crashed},
        lifespan=_closing(pool),
    )


def error_status(err: errors.KGError) -> tuple[int, dict[str, Any]]:
    """HTTP status and JSON body for a kg error: 4xx for what the user can
    fix (the message says how), 503 when the store could not answer."""
    if isinstance(err, errors.AmbiguousEntityError):
        return 409, {"error": str(err), "choices": list(err.candidates)}
    if isinstance(err, errors.UnknownEntityError):
        return 404, {"error": str(err), "suggestions": list(err.suggestions)}
    if isinstance(err, api.NotFoundError):
        return 404, {"error": str(err)}
    if isinstance(err, errors.RefusedQueryError):
        return err.status, {"error": str(err)}
    if isinstance(err, errors.ParameterError | errors.QueryError):
        return 400, {"error": str(err)}
    return 503, {"error": f"The store could not answer: {err}"}


# -- pages -------------------------------------------------------------------

# An entity page lists this many events at a time (grouped by class).
EVENTS_PER_PAGE = 15


def _search_page(
    live: LiveStore, limits: Limits, params: Params
) -> tuple[str, dict[str, Any]]:
    data = api.search(live, {**params, "limit": ["50"]})
    return "search.html", {**data, "types": live.directory().counts()}


def _entity_page(
    live: LiveStore, limits: Limits, params: Params
) -> tuple[str, dict[str, Any]]:
    found = api.entity_dossier(live, params)
    months = Counter(e.date[:7] for e in found.events if e.date)
    sort = one(params, "sort") or "date"
    if sort not in SORTS:
        raise errors.ParameterError(f"sort={sort!r}: choose from {', '.join(SORTS)}")
    groups, page, pages = found.grouped(
        sort=sort, page=number(params, "page", 1, 1, 100_000), size=EVENTS_PER_PAGE
    )
    return "entity.html", {
        "d": found,
        "filters": Filters.parse(params),
        "key": short_name(found.node.iri),
        "timeline": sorted(months.items()),
        "most": max(months.values(), default=1),
        "undated": found.undated(),
        "counterparts": found.counterparts(),
        "groups": groups,
        "sort": sort,
        "sorts": SORTS,
        "page": page,
        "pages": pages,
    }


def _network_page(
    live: LiveStore, limits: Limits, params: Params
) -> tuple[str, dict[str, Any]]:
    node = api.resolve(live, params)
    data = api.network(live, params, max_nodes=limits.max_nodes)
    return "network.html", {
        "node": node,
        "key": short_name(node.iri),
        "graph": data,
        "filters": Filters.parse(params),
        "hops": data["hops"],
        "things": flag(params, "things", True),
        "classes": sorted({e["event_class"] for e in data["edges"]}),
        "labels": {n["id"]: n["label"] for n in data["nodes"]},
    }


def _path_page(
    live: LiveStore, limits: Limits, params: Params
) -> tuple[str, dict[str, Any]]:
    a, b = one(params, "a"), one(params, "b")
    if a is None and b is None:
        return "path.html", {"data": None, "a": "", "b": ""}
    return "path.html", {"data": api.path(live, params), "a": a, "b": b}


def _article_page(
    live: LiveStore, limits: Limits, params: Params
) -> tuple[str, dict[str, Any]]:
    found = api.article_view(live, params)
    return "article.html", {"a": found, "segments": found.segments()}


def _articles_page(
    live: LiveStore, limits: Limits, params: Params
) -> tuple[str, dict[str, Any]]:
    return "articles.html", api.articles(live, params)


@dataclass(frozen=True)
class _Pages:
    """What every page shares: the store, the limits, the templates."""

    live: LiveStore
    limits: Limits
    templates: Jinja2Templates

    def page(self, build: Page) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            started = time.perf_counter()
            try:
                name, context = await run_in_threadpool(
                    self.live.answer,
                    partial(build, self.live, self.limits, _params(request)),
                )
            except errors.KGError as err:
                status, body = error_status(err)
                return self.templates.TemplateResponse(
                    request, "error.html", {"status": status, "error": body},
                    status_code=status,
                )  # fmt: skip
            context["elapsed_ms"] = round((time.perf_counter() - started) * 1000)
            return self.templates.TemplateResponse(request, name, context)

        return endpoint

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


def _json(
    live: LiveStore, build: Callable[[LiveStore, Params], Any]
) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        try:
            data = await run_in_threadpool(
                live.answer, partial(build, live, _params(request))
            )
        except errors.KGError as err:
            status, body = error_status(err)
            return JSONResponse(body, status_code=status)
        return JSONResponse(data)

    return endpoint


# -- SPARQL ------------------------------------------------------------------

# What the editor shows before a query is chosen: the events by class.
DEFAULT_QUERY = """SELECT ?class (COUNT(?event) AS ?events) WHERE {
  ?event a ?class ; kg:evidence ?evidence .
} GROUP BY ?class ORDER BY DESC(?events)"""


async def _sparql(
    pool: QueryPool, live: LiveStore, templates: Jinja2Templates, request: Request
) -> Response:
    """The SPARQL 1.1 protocol (GET ``?query=``, POST form or
    ``application/sparql-query``); a browser asking for HTML without a query
    gets the editor page."""
    try:
        query = await _query_text(request)
    except errors.RefusedQueryError as err:
        return _refused(err)
    accept = request.headers.get("accept", "")
    navigated = request.scope.get("state", {}).get("kg_navigated", False)
    if navigated or (query is None and "text/html" in accept) or _browsing(request):
        # a page, not an answer: a link from elsewhere never runs its query
        canned = api.queries(live, {})["queries"]
        return templates.TemplateResponse(
            request,
            "sparql.html",
            {"queries": canned, "query": query, "default_query": DEFAULT_QUERY},
        )
    try:
        reply = await run_in_threadpool(
            pool.answer,
            query or "",
            generation=live.current().generation,
            accept=accept,
            format=request.query_params.get("format"),
        )
    except errors.RefusedQueryError as err:
        return _refused(err)
    headers = {
        "Vary": "Accept",
        # how long the query waited for a free worker (browsers' devtools show it)
        "Server-Timing": f"queue;dur={reply.waited * 1000:.0f}",
    }
    return Response(reply.body, media_type=reply.media, headers=headers)


def _browsing(request: Request) -> bool:
    """A browser opening ``/sparql?query=...`` as a page (a shared link, the
    address bar): it gets the editor with the query loaded, not raw results.
    A download link (``format=``) and a client asking for results still get
    them."""
    if request.method != "GET" or "format" in request.query_params:
        return False
    if request.headers.get("sec-fetch-dest") == "document":
        return True
    first = request.headers.get("accept", "").split(",")[0].strip().lower()
    return first.startswith("text/html")


async def _refuse_update(request: Request) -> Response:
    return _refused(errors.RefusedQueryError(READ_ONLY, status=403))


async def _query_text(request: Request) -> str | None:
    """The query of a protocol request (None when there is none)."""
    if request.method == "GET":
        if "update" in request.query_params:
            raise errors.RefusedQueryError(READ_ONLY, status=403)
        return request.query_params.get("query")
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/sparql-update":
        raise errors.RefusedQueryError(READ_ONLY, status=403)
    if kind == "application/sparql-query":
        return (await request.body()).decode("utf-8", errors="replace")
    if kind in ("application/x-www-form-urlencoded", "multipart/form-data"):
        form = await request.form()
        if "update" in form:
            raise errors.RefusedQueryError(READ_ONLY, status=403)
        value = form.get("query")
        return value if isinstance(value, str) else None
    raise errors.RefusedQueryError(
        "POST a query as application/sparql-query or as a form with query=..., "
        f"not {kind or 'no content type'}.",
        status=415,
    )


def _refused(err: errors.RefusedQueryError) -> Response:
    return JSONResponse({"error": str(err)}, status_code=err.status)


def _params(request: Request) -> dict[str, list[str]]:
    params: dict[str, list[str]] = {}
    for key, value in request.query_params.multi_items():
        params.setdefault(key, []).append(value)
    return params


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
