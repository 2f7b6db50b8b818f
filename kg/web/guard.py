"""What a request to ``kg serve`` may do: read the local store, from kg's own
pages or the origins ``--cors`` allows, within size limits.

Three walls, each enough on its own for what it guards:

* :func:`check_query` parses a query with a real SPARQL 1.1 parser (rdflib's)
  and refuses any ``SERVICE`` (a federated call would make the server fetch
  from other hosts), any update and any ``LOAD`` in the parsed form, whatever
  their spelling; words inside strings and comments never count.
* :func:`cut_network` takes the query worker processes off the network (a
  network namespace of their own, with no interface up), so even a query the
  parser misread cannot make a connection.
* :class:`RequestGuard` refuses requests a browser marks as coming from
  another site (``Sec-Fetch-Site``, ``Origin``) for the endpoint and the JSON
  API, and caps the size of every URL (414) and body (413).
"""

from __future__ import annotations

import ctypes
import errno
import logging
import os
import re
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any

from kg.errors import RefusedQueryError

__all__ = [
    "MAX_BODY_BYTES",
    "MAX_URL_BYTES",
    "NO_SERVICE",
    "READ_ONLY",
    "RequestGuard",
    "check_query",
    "cut_network",
]

logger = logging.getLogger(__name__)

MAX_URL_BYTES = 64 * 1024
MAX_BODY_BYTES = 1024 * 1024
NO_SERVICE = (
    "SERVICE (a federated query) is refused: kg serve reads its own store only "
    "and does not fetch from other hosts."
)
NO_LOAD = "LOAD is refused: kg serve reads its own store only."
READ_ONLY = (
    "This endpoint is read-only: updates are refused. Change the store with "
    "kg build or kg remove."
)
# Paths whose answers hold the store's contents or run queries.
GUARDED = ("/sparql", "/query", "/update", "/api/")
# Update operations as rdflib's parser names them.
_UPDATES = frozenset(
    {"Load", "Clear", "Drop", "Create", "Add", "Move", "Copy"}
    | {"InsertData", "DeleteData", "DeleteWhere", "Modify"}
)
# A refused body is read and dropped up to this size before the answer.
_DRAIN_BYTES = 64 * MAX_BODY_BYTES
_LATERAL = re.compile(r"LATERAL(?=[\s{#])", re.IGNORECASE)
_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]


def check_query(text: str) -> None:
    """Refuse anything but a read-only query of the local store.

    Raises:
        RefusedQueryError: No query (400), a syntax error (400), an update or
            LOAD (403), a SERVICE anywhere in the query (403).

    Examples:
        >>> check_query('SELECT * WHERE { ?s ?p "customer service <" }')
        >>> check_query("SELECT * WHERE { SERVICE<http://x/> { ?s ?p ?o } }")
        Traceback (most recent call last):
        ...
        kg.errors.RefusedQueryError: SERVICE (a federated query) is refused: ...
    """
    if not text.strip():
        raise RefusedQueryError("No query: pass it as ?query=... or in the POST body.")
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        parsed = _parse_query(text, parseQuery, ParseException)
    except ParseException as err:
        try:
            update = parseUpdate(text)
        except ParseException:
            raise RefusedQueryError(
                f"The query has a syntax error: {_where(err)}. kg serve takes "
                "SPARQL 1.1 queries (SELECT, ASK, CONSTRUCT, DESCRIBE), and LATERAL."
            ) from None
        names = _names(update)
        raise RefusedQueryError(
            NO_LOAD if names == {"Update", "Load"} else READ_ONLY, status=403
        ) from None
    except (RecursionError, ValueError) as err:
        raise RefusedQueryError(f"The query cannot be read: {err}") from None
    names = _names(parsed)
    if "ServiceGraphPattern" in names:
        raise RefusedQueryError(NO_SERVICE, status=403)
    if names & _UPDATES:  # pragma: no cover (the query grammar has no update)
        raise RefusedQueryError(READ_ONLY, status=403)


def cut_network() -> bool:
    """Take this process off the network: a new network namespace with no
    interface up, so no connection can be made (loopback included).

    Returns False, after logging why, where the system does not allow it
    (neither as root nor in a user namespace of its own).
    """
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.unshare(_CLONE_NEWNET) == 0:
        return True
    uid, gid = os.getuid(), os.getgid()
    if libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNET) == 0:
        try:  # keep our own uid and gid inside, so files stay ours
            _write("/proc/self/setgroups", "deny")
            _write("/proc/self/uid_map", f"{uid} {uid} 1")
            _write("/proc/self/gid_map", f"{gid} {gid} 1")
        except OSError as err:
            logger.warning("query worker: user namespace maps not set: %s", err)
        return True
    code = ctypes.get_errno()
    logger.warning(
        "query workers keep network access (%s): SERVICE is still refused by "
        "the query parser",
        errno.errorcode.get(code, str(code)),
    )
    return False


class RequestGuard:
    """ASGI middleware: cross-site refusals and size caps.

    ``allowed`` are the web origins (``--cors``) whose pages may use the
    endpoint and the API; the app's own pages always may. A browser
    navigating to ``/sparql`` from a link elsewhere is let through: the page
    decides what to show, and shows it without running the query.
    """

    def __init__(self, app: App, *, allowed: Iterable[str] = ()) -> None:
        self.app = app
        self.allowed = frozenset(o.rstrip("/").lower() for o in allowed)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = self._refusal(scope)
        if refusal is not None:
            status, message = refusal
            if status == 413:
                await _drain(receive)
            await _answer(send, status, message)
            return
        await self.app(scope, _capped(receive), send)

    def _refusal(self, scope: Scope) -> tuple[int, str] | None:
        url = len(scope.get("raw_path") or b"") + len(scope.get("query_string", b""))
        if url > MAX_URL_BYTES:
            return 414, (
                f"The request URL has {url:,} bytes, over the {MAX_URL_BYTES:,}-byte "
                "limit: POST a long query as application/sparql-query (up to "
                f"{MAX_BODY_BYTES:,} bytes)."
            )
        headers = _headers(scope)
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > MAX_BODY_BYTES:
            return 413, _too_large(int(length))
        path: str = scope.get("path", "")
        if not path.startswith(GUARDED):
            return None
        origin = headers.get("origin", "").rstrip("/").lower()
        site = headers.get("sec-fetch-site", "")
        own = f"{scope.get('scheme', 'http')}://{headers.get('host', '')}".lower()
        if origin and origin != "null" and (origin == own or origin in self.allowed):
            return None
        navigating = (
            headers.get("sec-fetch-mode") == "navigate"
            and headers.get("sec-fetch-dest") == "document"
            and scope.get("method") == "GET"
            and path in ("/sparql", "/query")
        )
        if site in ("cross-site", "same-site") or (origin and origin != own):
            if navigating and not origin:
                scope.setdefault("state", {})["kg_navigated"] = True
                return None
            return 403, (
                "Refused: this request comes from a page of another site "
                f"({origin or site}). Only kg serve's own pages and the origins "
                "given with --cors may use /sparql and /api/."
            )
        return None


def _capped(receive: Receive) -> Receive:
    """``receive`` that stops a body (sent without a length) past the cap."""
    seen = [0]

    async def capped() -> Message:
        message = await receive()
        if message.get("type") == "http.request":
            seen[0] += len(message.get("body", b""))
            if seen[0] > MAX_BODY_BYTES:
                raise RefusedQueryError(_too_large(seen[0]), status=413)
        return message

    return capped


async def _drain(receive: Receive) -> None:
    """Read and drop a refused body (up to a bound), so that the client, still
    sending, gets the answer instead of a reset connection."""
    seen = 0
    while seen < _DRAIN_BYTES:
        message = await receive()
        if message.get("type") != "http.request":
            return
        seen += len(message.get("body", b""))
        if not message.get("more_body", False):
            return


def _too_large(size: int) -> str:
    return (
        f"The request body has {size:,} bytes or more, over the {MAX_BODY_BYTES:,}-"
        "byte limit: narrow the query (a VALUES block of fewer rows)."
    )


async def _answer(send: Send, status: int, message: str) -> None:
    import json

    body = json.dumps({"error": message}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def _headers(scope: Scope) -> dict[str, str]:
    found: dict[str, str] = {}
    for name, value in scope.get("headers", ()):
        found[name.decode("latin-1").lower()] = value.decode("latin-1")
    return found


def _parse_query(
    text: str, parse: Callable[[str], Any], failure: type[Exception]
) -> Any:
    """Parse with rdflib's SPARQL 1.1 grammar, letting LATERAL (SPARQL 1.2, run
    by Oxigraph) through: where the parser stops at a LATERAL keyword, the
    keyword is blanked and the group after it parsed as a plain group, which
    holds the same patterns (so a SERVICE inside is still found)."""
    for _ in range(text.count("LATERAL") + text.lower().count("lateral") + 1):
        try:
            return parse(text)
        except failure as err:
            at = getattr(err, "loc", -1)
            if not (at >= 0 and _LATERAL.match(text, at)):
                raise
            text = text[:at] + " " * len("LATERAL") + text[at + len("LATERAL") :]
    return parse(text)


def _names(tree: object) -> set[str]:
    """Every rule name in an rdflib parse tree (CompValue nodes), iteratively."""
    from rdflib.plugins.sparql.parserutils import CompValue

    found: set[str] = set()
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            found.add(node.name)
            stack.extend(node.values())
        elif isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list | tuple) or type(node).__name__ == "ParseResults":
            stack.extend(list(node))  # type: ignore[call-overload]
    return found


def _where(err: Exception) -> str:
    line = getattr(err, "lineno", None)
    column = getattr(err, "col", None)
    found = str(getattr(err, "msg", err))
    return f"{found} at line {line}, column {column}" if line else found


def _write(path: str, text: str) -> None:
    with open(path, "w", encoding="ascii") as handle:
        handle.write(text)
