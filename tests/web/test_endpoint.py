"""``/sparql`` as other SPARQL tools use it: rdflib's SPARQLStore, curl, kg."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore

from tests.conftest import ROOT, Server, start_server

pytestmark = pytest.mark.model
KG = "PREFIX kg: <https://w3id.org/kgnews/ontology#>\n"
COUNTRIES = KG + "SELECT ?c WHERE { ?c a kg:Country } ORDER BY ?c LIMIT 3"
CURL = shutil.which("curl")


def curl(*args: str) -> tuple[int, str, str]:
    """Status, content type and body of one curl request."""
    if CURL is None:
        pytest.fail("curl is needed (apt-get install curl)")
    done = subprocess.run(
        [CURL, "-s", "-w", "\n%{http_code} %{content_type}", *args],
        capture_output=True,
        text=True,
        check=True,
    )
    body, _, last = done.stdout.rpartition("\n")
    status, _, kind = last.partition(" ")
    return int(status), kind, body


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("fmt", ["xml", "json"])
def test_sparqlstore_selects(server: Server, method: str, fmt: str) -> None:
    store = SPARQLStore(server.url + "/sparql", returnFormat=fmt, method=method)
    rows = list(Graph(store=store).query(COUNTRIES))
    assert [r[0] for r in rows] == [  # type: ignore[index]
        URIRef("https://w3id.org/kgnews/id/country/china"),
        URIRef("https://w3id.org/kgnews/id/country/denmark"),
        URIRef("https://w3id.org/kgnews/id/country/germany"),
    ]


def test_sparqlstore_constructs(server: Server) -> None:
    store = SPARQLStore(server.url + "/sparql")
    found = Graph(store=store).query(
        KG + "CONSTRUCT { ?c a kg:Country } WHERE { ?c a kg:Country }"
    )
    assert len(found) == 16


@pytest.mark.parametrize(
    ("accept", "media", "start"),
    [
        ("application/sparql-results+json", "application/sparql-results+json", "{"),
        ("application/sparql-results+xml", "application/sparql-results+xml", "<?xml"),
        ("text/csv", "text/csv", "c\nhttps://"),  # curl output read as text
        ("text/tab-separated-values", "text/tab-separated-values", "?c\n<https://"),
        ("*/*", "application/sparql-results+json", "{"),
    ],
)
def test_curl_select_content_types(
    server: Server, accept: str, media: str, start: str
) -> None:
    status, kind, body = curl(
        "-G", server.url + "/sparql", "--data-urlencode", f"query={COUNTRIES}",
        "-H", f"Accept: {accept}",
    )  # fmt: skip
    assert status == 200
    assert kind.split(";")[0] == media
    assert body.startswith(start)
    assert "china" in body


def test_curl_post_query_and_construct_turtle(server: Server) -> None:
    status, kind, body = curl(
        server.url + "/sparql", "-H", "Content-Type: application/sparql-query",
        "-H", "Accept: text/turtle",
        "--data-binary", KG + "CONSTRUCT { ?c a kg:Country } WHERE { ?c a kg:Country }",
    )  # fmt: skip
    assert status == 200 and kind.startswith("text/turtle")
    parsed = Graph().parse(data=body, format="turtle")
    assert len(parsed) == 16


def test_curl_ask(server: Server) -> None:
    status, _, body = curl(
        "-G", server.url + "/sparql", "--data-urlencode", "query=ASK { ?s ?p ?o }"
    )
    assert status == 200 and json.loads(body) == {"head": {}, "boolean": True}


@pytest.mark.parametrize(
    "args",
    [
        ["--data-urlencode", "update=INSERT DATA { <urn:a> <urn:b> <urn:c> }"],
        ["-H", "Content-Type: application/sparql-update",
         "--data-binary", "INSERT DATA { <urn:a> <urn:b> <urn:c> }"],
        ["--data-urlencode", "query=DELETE WHERE { ?s ?p ?o }"],
        ["-G", "--data-urlencode", "update=CLEAR ALL"],
        ["--data-urlencode",
         "query=PREFIX x: <urn:x#> INSERT DATA { <urn:a> <urn:b> <urn:c> }"],
    ],
)  # fmt: skip
def test_updates_are_refused(server: Server, args: list[str]) -> None:
    status, _, body = curl(server.url + "/sparql", *args)
    assert status == 403
    assert "read-only" in json.loads(body)["error"]
    _, _, count = curl(
        "-G", server.url + "/sparql", "--data-urlencode",
        "query=ASK { <urn:a> ?p ?o }",
    )  # fmt: skip
    assert json.loads(count)["boolean"] is False


def test_update_endpoint_is_refused(server: Server) -> None:
    status, _, body = curl(
        server.url + "/update", "-H", "Content-Type: application/sparql-update",
        "--data-binary", "CLEAR ALL",
    )  # fmt: skip
    assert status == 403 and "read-only" in body


def test_bad_queries_get_a_message(server: Server) -> None:
    status, _, body = curl(
        "-G", server.url + "/sparql", "--data-urlencode", "query=SELEC"
    )
    assert status == 400 and "syntax error" in json.loads(body)["error"]
    status, _, body = curl(server.url + "/sparql", "-H", "Content-Type: text/plain",
                           "--data-binary", "SELECT * {}")  # fmt: skip
    assert status == 415 and "application/sparql-query" in json.loads(body)["error"]
    status, _, body = curl("-G", server.url + "/sparql", "--data-urlencode",
                           "query=ASK {}", "--data-urlencode",
                           "format=pdf")  # fmt: skip
    assert status == 400 and "format" in json.loads(body)["error"]


def test_kg_reads_a_running_kg_serve_as_its_store(server: Server) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kg", "query", "who-supplied-whom", "--store",
         server.url, "--format", "json"],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)["results"]["bindings"]
    pairs = {(r["supplier"]["value"], r["recipient"]["value"]) for r in rows}
    assert ("North Korea", "Russia") in pairs


@pytest.fixture(scope="module")
def tight_server(seed_store_path: Path) -> Iterator[Server]:
    running = start_server(
        "--store", str(seed_store_path), "--timeout", "1", "--max-rows", "5",
        "--cors", "http://yasgui.test",
    )  # fmt: skip
    yield running
    running.stop()


def test_row_limit_has_a_clear_message(tight_server: Server) -> None:
    status, _, body = curl(
        "-G", tight_server.url + "/sparql", "--data-urlencode",
        "query=SELECT * WHERE { ?s ?p ?o }",
    )  # fmt: skip
    assert status == 400
    assert "more than 5 results" in json.loads(body)["error"]


def test_time_limit_stops_the_query(tight_server: Server) -> None:
    status, _, body = curl(
        "-G", tight_server.url + "/sparql", "--data-urlencode",
        "query=SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
    )  # fmt: skip
    assert status == 503
    assert "1 s limit" in json.loads(body)["error"]
    # the next query runs in a fresh worker
    status, _, body = curl(
        "-G", tight_server.url + "/sparql", "--data-urlencode", "query=ASK { ?s ?p ?o }"
    )
    assert status == 200 and json.loads(body)["boolean"] is True


def _allowed_origin(server: Server, origin: str) -> str | None:
    done = subprocess.run(
        ["curl", "-s", "-D", "-", "-o", "/dev/null", "-H", f"Origin: {origin}",
         "-G", server.url + "/sparql", "--data-urlencode", "query=ASK {}"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    for line in done.stdout.splitlines():
        name, _, value = line.partition(":")
        if name.lower() == "access-control-allow-origin":
            return value.strip()
    return None


def test_cors_only_for_the_origins_given(server: Server, tight_server: Server) -> None:
    assert _allowed_origin(tight_server, "http://yasgui.test") == "http://yasgui.test"
    assert _allowed_origin(tight_server, "http://elsewhere.test") is None
    assert _allowed_origin(server, "http://yasgui.test") is None


def test_service_calls_are_refused(server: Server) -> None:
    status, _, body = curl(
        "-G", server.url + "/sparql", "--data-urlencode",
        "query=SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    )  # fmt: skip
    assert status == 403 and "SERVICE" in json.loads(body)["error"]


def test_other_host_names_are_refused(server: Server) -> None:
    """A page whose own name resolves to 127.0.0.1 (DNS rebinding) gets nothing."""
    status, _, _ = curl("-H", "Host: attacker.test", server.url + "/api/types")
    assert status == 400
    status, _, _ = curl("-H", "Host: localhost", server.url + "/api/types")
    assert status == 200


def test_slow_queries_do_not_hold_up_small_ones(seed_store_path: Path) -> None:
    """Six queries that run to the time limit, then a small one: the small one
    is answered while the six still run (workers are added while all are
    busy), and says how long it waited for one."""
    import threading

    running = start_server("--store", str(seed_store_path), "--timeout", "6")
    slow = "query=SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    finished: list[tuple[str, float]] = []
    lock = threading.Lock()

    def ask(name: str, query: str) -> None:
        status, _, _ = curl("-G", running.url + "/sparql", "--data-urlencode", query)
        with lock:
            finished.append((f"{name} {status}", time.monotonic()))

    try:
        threads = [
            threading.Thread(target=ask, args=(f"slow{i}", slow)) for i in range(6)
        ]
        for thread in threads:
            thread.start()
        time.sleep(1.0)  # the six are running
        done = subprocess.run(
            ["curl", "-s", "-D", "-", "-o", "/dev/null", "-G", running.url + "/sparql",
             "--data-urlencode", "query=ASK { ?s ?p ?o }"],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        small_done = time.monotonic()
        for thread in threads:
            thread.join(timeout=60)
        assert done.stdout.startswith("HTTP/1.1 200"), done.stdout
        assert "server-timing: queue;dur=" in done.stdout.lower()
        assert len(finished) == 6
        assert all(at > small_done for _, at in finished), finished
    finally:
        running.stop()
