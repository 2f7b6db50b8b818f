"""``kg serve`` runs read-only queries of its own store and nothing else.

Every query spelling here is sent to a live ``kg serve`` while a listener on
127.0.0.1 records any connection: SERVICE, LOAD and updates must be refused
whatever their spelling, the listener must hear nothing, and the store must
not change. ``make test`` generates a few hundred spellings; ``make fuzz``
10,000 (``KG_FUZZ_EXAMPLES``).
"""

from __future__ import annotations

import http.client
import json
import multiprocessing
import os
import socket
import threading
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import RefusedQueryError
from kg.web.guard import MAX_BODY_BYTES, MAX_URL_BYTES, check_query, cut_network
from tests.conftest import Server, start_server

EXAMPLES = int(os.environ.get("KG_FUZZ_EXAMPLES", "300"))


@dataclass
class Listener:
    """A TCP server on 127.0.0.1 that records every connection made to it."""

    sock: socket.socket
    heard: list[bytes] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}/exfil"

    def serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(1)
                try:
                    self.heard.append(conn.recv(4096) or b"(connected)")
                except OSError:
                    self.heard.append(b"(connected)")


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    found = Listener(sock)
    threading.Thread(target=found.serve, daemon=True).start()
    yield found
    sock.close()


def _request(
    server: Server,
    method: str,
    path: str,
    body: bytes = b"",
    headers: dict[str, str] | None = None,
) -> tuple[int, str]:
    host, port = server.url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=60)
    try:
        conn.request(method, path, body=body or None, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        conn.close()


def _send(server: Server, query: str, how: str) -> tuple[int, str]:
    """One query as the protocol allows: GET, POST form, POST body, update."""
    if how == "get":
        return _request(
            server, "GET", "/sparql?" + urllib.parse.urlencode({"query": query})
        )
    if how == "form":
        body = urllib.parse.urlencode({"query": query}).encode()
        kind = "application/x-www-form-urlencoded"
    elif how == "update-form":
        body = urllib.parse.urlencode({"update": query}).encode()
        kind = "application/x-www-form-urlencoded"
    elif how == "update-body":
        body, kind = query.encode(), "application/sparql-update"
    else:
        body, kind = query.encode(), "application/sparql-query"
    return _request(server, "POST", "/sparql", body, {"Content-Type": kind})


_COUNT = (
    "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
)


def _count(server: Server) -> int:
    status, body = _send(server, _COUNT, "get")
    assert status == 200, body
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


# -- the spellings found by hand --------------------------------------------


def _spellings(target: str) -> list[str]:
    return [
        f"SELECT * WHERE {{ SERVICE<{target}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ service#x\n<{target}> {{ ?s ?p ?o }} }}",
        f"PREFIX : <{target}/> SELECT * WHERE {{ SERVICE :f {{ ?s ?p ?o }} }}",
        f"PREFIX é: <{target}/> SELECT * WHERE {{ SERVICE é:g {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE SILENT<{target}> {{ ?s ?p ?o }} }}",
        "SELECT ?l WHERE { ?s rdfs:label ?l "
        f'BIND(IRI(CONCAT("{target}/", ENCODE_FOR_URI(?l))) AS ?x) '
        "LATERAL { SERVICE#c\n?x { ?a ?b ?c } } }",
    ]


@pytest.mark.model
@pytest.mark.parametrize("index", range(6))
def test_guard_known_service_spellings_are_refused_and_reach_nobody(
    server: Server, listener: Listener, index: int
) -> None:
    query = _spellings(listener.url)[index]
    for how in ("get", "form", "body"):
        status, body = _send(server, query, how)
        assert status == 403, (how, body)
        assert "SERVICE" in json.loads(body)["error"]
    assert listener.heard == []


@pytest.mark.model
@pytest.mark.parametrize(
    "query",
    [
        'SELECT ?s WHERE { ?s ?p ?o FILTER(CONTAINS(STR(?o), "customer service <")) }',
        "# no SERVICE <http://x/> here\nASK { ?s ?p ?o }",
        'ASK { ?s ?p """LOAD <http://x/> INSERT DATA { }""" }',
        "SELECT ?service WHERE { ?service ?p ?o } LIMIT 1",
        "PREFIX service: <urn:x#> ASK { ?s service:load ?o }",
    ],
)
def test_guard_service_in_strings_comments_and_names_runs(
    server: Server, query: str
) -> None:
    status, body = _send(server, query, "get")
    assert status == 200, body


@pytest.mark.model
@pytest.mark.parametrize(
    "update",
    [
        "INSERT#x\nDATA { <urn:a> <urn:b> <urn:c> }",
        "insert data { <urn:a> <urn:b> <urn:c> }",
        "PREFIX x: <urn:x#> DELETE WHERE { ?s ?p ?o }",
        "WITH <urn:g> DELETE { ?s ?p ?o } INSERT { <urn:a> <urn:b> <urn:c> } WHERE {}",
        "CLEAR ALL",
        "DROP SILENT GRAPH <urn:g>",
    ],
)
def test_guard_updates_in_disguise_are_read_only_refusals(
    server: Server, update: str
) -> None:
    for how in ("get", "form", "body", "update-form", "update-body"):
        status, body = _send(server, update, how)
        assert status == 403, (how, body)
        assert "read-only" in json.loads(body)["error"]


@pytest.mark.model
def test_guard_load_is_refused_and_reaches_nobody(
    server: Server, listener: Listener
) -> None:
    status, body = _send(server, f"LOAD SILENT <{listener.url}>", "body")
    assert status == 403 and "LOAD" in json.loads(body)["error"]
    assert listener.heard == []


# -- generated spellings ----------------------------------------------------


def _cased(word: str) -> st.SearchStrategy[str]:
    """``word`` with each letter in either case, some as \\uXXXX escapes."""
    letters = [
        st.sampled_from([c.lower(), c.upper(), f"\\u{ord(c.upper()):04X}"])
        for c in word
    ]
    return st.tuples(*letters).map("".join)


_GAP = st.sampled_from([" ", "\t", "\n", " #note\n", "#é SERVICE <x>\n", "\r\n  "])
_NOGAP = st.sampled_from(["", " ", "#c\n"])


@st.composite
def _service_query(draw: st.DrawFn, target: str) -> str:
    name = draw(st.sampled_from(["p", "é", "ex", "Ω", "a_b"]))
    prologue, where = "", ""
    how = draw(st.sampled_from(["iri", "prefixed", "variable", "values"]))
    if how == "iri":
        endpoint = f"<{target}>"
    elif how == "prefixed":
        prologue = f"PREFIX {name}: <{target}/>\n"
        endpoint = f"{name}:{draw(st.sampled_from(['f', 'g9', 'x-y']))}"
    elif how == "variable":
        endpoint = "?ep"
        where = f'BIND(IRI("{target}") AS ?ep) '
    else:
        endpoint = "$ep"
        where = f"VALUES ?ep {{ <{target}> }} "
    silent = draw(st.sampled_from(["", "SILENT"]))
    pattern = (
        draw(_cased("SERVICE"))
        + draw(_GAP if silent else _NOGAP)
        + (draw(_cased(silent)) + draw(_NOGAP) if silent else "")
        + endpoint
        + draw(_NOGAP)
        + "{ ?a ?b ?c }"
    )
    for _ in range(draw(st.integers(0, 3))):
        pattern = draw(
            st.sampled_from(
                [
                    f"OPTIONAL {{ {pattern} }}",
                    f"{{ ?s ?p ?o }} UNION {{ {pattern} }}",
                    f"{{ SELECT * WHERE {{ {pattern} }} }}",
                    f"FILTER EXISTS {{ {pattern} }}",
                    f"FILTER NOT EXISTS {{ {pattern} }}",
                    f"MINUS {{ {pattern} }}",
                    f"GRAPH ?g {{ {pattern} }}",
                    f"LATERAL {{ {pattern} }}",
                    f"{{ {pattern} }}",
                ]
            )
        )
    form = draw(
        st.sampled_from(
            [
                "SELECT * WHERE",
                "ASK",
                "CONSTRUCT { ?a ?b ?c } WHERE",
                "DESCRIBE ?a WHERE",
                "SELECT ?a WHERE",
            ]
        )
    )
    return f"{prologue}{form} {{ {where}{pattern} }}"


@st.composite
def _update(draw: st.DrawFn, target: str) -> str:
    data = "{ <urn:kg:a> <urn:kg:b> <urn:kg:c> }"
    operation = draw(
        st.sampled_from(
            [
                f"LOAD <{target}>",
                f"LOAD SILENT <{target}> INTO GRAPH <urn:kg:g>",
                f"INSERT DATA {data}",
                f"DELETE DATA {data}",
                "DELETE WHERE { ?s ?p ?o }",
                f"INSERT {data} WHERE {{}}",
                f"WITH <urn:kg:g> DELETE {{ ?s ?p ?o }} INSERT {data} WHERE {{}}",
                "CLEAR ALL",
                "CLEAR DEFAULT",
                "DROP GRAPH <urn:kg:g>",
                "CREATE GRAPH <urn:kg:g>",
                "ADD DEFAULT TO <urn:kg:g>",
                "COPY DEFAULT TO <urn:kg:g>",
                "MOVE DEFAULT TO <urn:kg:g>",
            ]
        )
    )
    words = operation.split(" ")
    keyword = words[0]
    spelled = draw(_cased(keyword)) if "\\" not in keyword else keyword
    prologue = draw(st.sampled_from(["", "PREFIX x: <urn:x#>\n", "# update\n"]))
    return prologue + spelled + draw(_GAP) + " ".join(words[1:])


@pytest.mark.model
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_guard_generated_spellings_reach_nobody_and_change_nothing(
    server: Server, listener: Listener, data: st.DataObject
) -> None:
    before = _count(server)
    kind = data.draw(st.sampled_from(["service", "update"]))
    if kind == "service":
        query = data.draw(_service_query(listener.url))
        how = data.draw(st.sampled_from(["get", "form", "body"]))
    else:
        query = data.draw(_update(listener.url))
        how = data.draw(
            st.sampled_from(["get", "form", "body", "update-form", "update-body"])
        )
    status, body = _send(server, query, how)
    assert status in (400, 403), (query, how, body)
    assert listener.heard == [], query
    assert _count(server) == before


# -- the second wall: no network in the query workers -----------------------


def _service_from(url: str, offline: bool, result: multiprocessing.Queue[str]) -> None:
    import pyoxigraph as ox

    if offline:
        assert cut_network()
    try:
        found = ox.Store().query(f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}")
        assert isinstance(found, ox.QuerySolutions)
        result.put(f"rows {len(list(found))}")
    except Exception as err:  # the error Oxigraph gives without a network
        result.put(f"error {err}")


@pytest.mark.parametrize("offline", [False, True])
def test_guard_offline_worker_cannot_connect(listener: Listener, offline: bool) -> None:
    """Oxigraph itself fetches a SERVICE (the control), but not once the
    process is cut off the network."""
    context = multiprocessing.get_context("spawn")
    result: multiprocessing.Queue[str] = context.Queue()
    listener.heard.clear()
    process = context.Process(
        target=_service_from, args=(listener.url, offline, result)
    )
    process.start()
    process.join(timeout=60)
    outcome = result.get(timeout=5)
    if offline:
        assert outcome.startswith("error"), outcome
        assert listener.heard == []
    else:
        assert listener.heard and listener.heard[0].startswith(b"POST /exfil")
    listener.heard.clear()


@pytest.mark.model
def test_guard_serve_workers_are_off_the_network(server: Server) -> None:
    status, _ = _send(server, "ASK { ?s ?p ?o }", "get")  # a worker is running
    assert status == 200
    mine = os.readlink(f"/proc/{server.process.pid}/ns/net")
    tasks = Path(f"/proc/{server.process.pid}/task")
    workers = [
        int(pid)
        for task in tasks.iterdir()
        for pid in (task / "children").read_text().split()
    ]
    named = [p for p in workers if b"kg-sparql" in _cmdline(p) or _spawned(p)]
    assert named, "no query worker process found"
    assert all(os.readlink(f"/proc/{p}/ns/net") != mine for p in named)


def _cmdline(pid: int) -> bytes:
    return Path(f"/proc/{pid}/cmdline").read_bytes()


def _spawned(pid: int) -> bool:
    return b"multiprocessing.spawn" in _cmdline(pid)


# -- cross-site requests and sizes ------------------------------------------


@pytest.mark.model
@pytest.mark.parametrize("path", ["/sparql?query=ASK%20%7B%7D", "/api/types"])
def test_guard_cross_site_requests_are_refused(server: Server, path: str) -> None:
    status, body = _request(
        server, "GET", path, headers={"Sec-Fetch-Site": "cross-site"}
    )
    assert status == 403 and "another site" in json.loads(body)["error"]
    status, _ = _request(server, "GET", path, headers={"Origin": "http://evil.test"})
    assert status == 403
    host = server.url.removeprefix("http://")
    status, _ = _request(
        server, "GET", path, headers={"Origin": server.url, "Host": host}
    )
    assert status == 200
    status, _ = _request(server, "GET", path, headers={"Sec-Fetch-Site": "same-origin"})
    assert status == 200


@pytest.mark.model
def test_guard_allowed_origin_may_query(seed_store_path: Path) -> None:
    running = start_server("--store", str(seed_store_path), "--cors", "http://ok.test")
    try:
        headers = {"Origin": "http://ok.test", "Sec-Fetch-Site": "cross-site"}
        status, _ = _request(
            running, "GET", "/sparql?query=ASK%20%7B%7D", headers=headers
        )
        assert status == 200
    finally:
        running.stop()


@pytest.mark.model
def test_guard_link_from_elsewhere_shows_the_editor_without_running(
    server: Server, listener: Listener
) -> None:
    query = _spellings(listener.url)[0].replace("SERVICE", "SERVICE ")
    status, body = _request(
        server,
        "GET",
        "/sparql?" + urllib.parse.urlencode({"query": query}),
        headers={
            "Sec-Fetch-Site": "cross-site",
            "Sec-Fetch-Mode": "navigate",
            "Sec-Fetch-Dest": "document",
            "Accept": "text/html",
        },
    )
    assert status == 200 and "<textarea" in body and "exfil" in body
    assert listener.heard == []


@pytest.mark.model
def test_guard_long_url_is_414_with_the_limit(server: Server) -> None:
    status, body = _request(server, "GET", "/sparql?query=" + "a" * 1_000_000)
    assert status == 414
    assert f"{MAX_URL_BYTES:,}" in json.loads(body)["error"]


@pytest.mark.model
def test_guard_large_body_is_413_with_the_limit(server: Server) -> None:
    big = b"#" * (3 * MAX_BODY_BYTES)
    status, body = _request(
        server, "POST", "/sparql", big, {"Content-Type": "application/sparql-query"}
    )
    assert status == 413
    assert f"{MAX_BODY_BYTES:,}" in json.loads(body)["error"]


@pytest.mark.model
def test_guard_large_chunked_body_is_413(server: Server) -> None:
    host, port = server.url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=60)
    chunks = (b"#" * 65536 for _ in range(40))
    conn.request(
        "POST",
        "/sparql",
        body=chunks,
        headers={"Content-Type": "application/sparql-query"},
        encode_chunked=True,
    )
    response = conn.getresponse()
    assert response.status == 413
    conn.close()


# -- the checker on its own -------------------------------------------------


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("", 400),
        ("SELEC * {}", 400),
        ("SELECT * WHERE { SERVICE <x:y> {} }", 403),
        ("LOAD <http://x/>", 403),
        ("INSERT DATA { <a:b> <a:c> <a:d> }", 403),
    ],
)
def test_guard_check_query_refusals(query: str, status: int) -> None:
    with pytest.raises(RefusedQueryError) as caught:
        check_query(query)
    assert caught.value.status == status


def test_guard_canned_queries_pass() -> None:
    for path in sorted(Path("ontology/queries").glob("*.rq")):
        check_query(path.read_text(encoding="utf-8"))
