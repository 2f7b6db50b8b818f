"""Remote stores: a real `oxigraph serve` and a real Virtuoso on loopback,
started by the tests; every answer kg gives from them equals a local store's.

Virtuoso must be installed (`make install` installs it): its tests fail, not
skip, when it is missing.
"""

from __future__ import annotations

import csv
import io
import json
import re
import threading
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import KGError
from kg.query import canned_queries
from kg.store.articles import article_count, stored_articles
from kg.store.remote import IRI_BYTES, RemoteStore, Virtuoso
from kg.store.sparql import insert_data

from ..conftest import SEEDS
from . import servers

runner = CliRunner()
SERVERS = ["oxigraph", "virtuoso"]
_XSD = "http://www.w3.org/2001/XMLSchema#"
# Canned queries with no answer from the seeds (no event there is reported
# by two articles).
NONE_IN_SEEDS = {"merged-events"}
# The values given to each canned query's parameters; a new canned query
# with a required parameter not named here fails test_same_answers.
ARGUMENTS = {"entity": "North Korea", "source": "John Kirby", "factuality": "any"}


@pytest.fixture(scope="module", params=SERVERS)
def endpoint(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A server of each kind, the seeds built into it; its URL."""
    server = _server(request.param, tmp_path_factory.mktemp(request.param))
    with server as running:
        _ok("build", str(SEEDS), "--store", running.url, "-q")
        yield running.url


def _server(kind: str, folder: Path) -> AbstractContextManager[servers.Server]:
    if kind == "virtuoso":
        missing = servers.virtuoso_missing()
        if missing:
            pytest.fail(missing)
        return servers.virtuoso(folder)
    return servers.oxigraph(folder)


@pytest.fixture(scope="module")
def local(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A local store of the seeds, the answers to compare with."""
    folder = tmp_path_factory.mktemp("local") / "kg-data"
    _ok("build", str(SEEDS), "--store", str(folder), "-q")
    return str(folder)


def _ok(*args: str) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    return result.output


def _rows(text: str) -> list[tuple[str, ...]]:
    """A query's CSV rows as a sorted list, each GROUP_CONCAT sorted: rows
    that tie in ORDER BY, and the values a GROUP_CONCAT joins, come in the
    order the server finds them."""
    rows = list(csv.reader(io.StringIO(text)))
    return sorted(
        tuple(
            "; ".join(sorted(cell.split("; ")))
            if "; " in cell
            else " | ".join(sorted(cell.split(" | ")))
            for cell in row
        )
        for row in rows
    )


def _answers(store: str) -> dict[str, str]:
    """What kg says from ``store``: every canned query (CSV), a path, the
    neighbours of an entity and the entities."""
    found = {}
    for name, query in canned_queries().items():
        args = ["query", name, "--store", store, "-f", "csv"]
        for param in query.params:
            if param.name in ARGUMENTS:
                args += ["-p", f"{param.name}={ARGUMENTS[param.name]}"]
            else:
                assert not param.required, f"give {name}'s {param.name} in ARGUMENTS"
        found[name] = _ok(*args)
    found["path"] = _ok("path", "North Korea", "Ukraine", "--store", store)
    found["neighbors"] = _ok("neighbors", "Russia", "--store", store, "--json")
    found["entities"] = _ok("entities", "--all", "--store", store)
    return found


@pytest.mark.model
def test_same_answers_as_a_local_store(endpoint: str, local: str) -> None:
    remote, here = _answers(endpoint), _answers(local)
    assert set(remote) == {*canned_queries(), "path", "neighbors", "entities"}
    for name, text in here.items():
        if name not in NONE_IN_SEEDS:
            assert len(text.splitlines()) > 1, f"{name} says nothing: {text}"
        if name in canned_queries():
            assert _rows(remote[name]) == _rows(text), name
        else:
            assert remote[name] == text, name
    assert "North Korea → Russia → Ukraine" in remote["path"]


@pytest.mark.model
def test_build_again_remove_and_build_back(endpoint: str, local: str) -> None:
    store = RemoteStore(endpoint)
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    triples = int(next(iter(store.query(count)))["n"].value)
    _ok("build", str(SEEDS), "--store", endpoint, "-q")  # idempotent
    assert int(next(iter(store.query(count)))["n"].value) == triples
    _ok("remove", "wire-2024-04-seoul", "--store", endpoint)
    assert "wire-2024-04-seoul" not in _ok("articles", "--store", endpoint)
    assert int(next(iter(store.query(count)))["n"].value) < triples
    assert article_count(store) == 10
    _ok("build", str(SEEDS), "--store", endpoint, "-q")
    assert int(next(iter(store.query(count)))["n"].value) == triples
    test_same_answers_as_a_local_store(endpoint, local)


@pytest.mark.model
def test_same_listing_as_a_local_store(endpoint: str, local: str) -> None:
    remote = _ok("articles", "--store", endpoint).split("\n", 1)[1]
    assert remote == _ok("articles", "--store", local).split("\n", 1)[1]
    assert "MENAFN04012024000071011013ID1107686670" in remote


@pytest.mark.model  # the endpoint fixture builds the seeds
def test_ask_booleans_and_literals_read_as_from_oxigraph(endpoint: str) -> None:
    """Virtuoso answers ASK with a table and writes booleans 1/0: kg reads
    them as Oxigraph gives them; language tags and datatypes come back."""
    store = RemoteStore(endpoint)
    graph = "http://example.org/kg-test/literals"
    literals = [
        ox.Literal("plain"),
        ox.Literal("Kyiv", language="uk"),
        ox.Literal("true", datatype=ox.NamedNode(f"{_XSD}boolean")),
        ox.Literal("2024-01-04", datatype=ox.NamedNode(f"{_XSD}date")),
        ox.Literal("2024-01-04T10:00:00Z", datatype=ox.NamedNode(f"{_XSD}dateTime")),
        ox.Literal("35", datatype=ox.NamedNode(f"{_XSD}integer")),
        ox.Literal('a "quoted" line\nand é, 😀'),
    ]
    lines = [
        f"<http://example.org/s> <http://example.org/p> {term} ." for term in literals
    ]
    store.update(f"INSERT DATA {{ GRAPH <{graph}> {{\n" + "\n".join(lines) + "\n} }")
    try:
        query = f"SELECT ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
        found = sorted(str(row["o"]) for row in store.query(query))
        assert found == sorted(str(term) for term in literals)
        ask = store.query(f"ASK {{ GRAPH <{graph}> {{ ?s ?p true }} }}")
        assert isinstance(ask, ox.QueryBoolean) and bool(ask)
        assert not store.query("ASK { <http://example.org/none> ?p ?o }")
        rows = store.query("SELECT ?b WHERE { VALUES ?b { true false } }")
        assert sorted(str(row["b"].value) for row in rows) == ["false", "true"]
    finally:
        store.update(f"DROP SILENT GRAPH <{graph}>")


@pytest.mark.model  # the endpoint fixture builds the seeds
def test_long_iris_kept_whole_or_refused(endpoint: str) -> None:
    """Virtuoso cuts long IRIs short without a word: kg writes IRIs up to
    IRI_BYTES there (kept whole, ASCII or not) and refuses longer ones."""
    store = RemoteStore(endpoint)
    graph = "http://example.org/kg-test/iris"
    base = "http://example.org/"
    kept = [base + "a" * (IRI_BYTES - len(base)), base + "é" * ((IRI_BYTES - 20) // 2)]
    lines = [f"<{iri}> <http://example.org/p> 1 ." for iri in kept]
    store.update(f"INSERT DATA {{ GRAPH <{graph}> {{\n" + "\n".join(lines) + "\n} }")
    try:
        query = f"SELECT ?s WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
        assert sorted(str(row["s"].value) for row in store.query(query)) == kept
        longer = f"<{base}{'b' * IRI_BYTES}> <http://example.org/p> 1 ."
        insert = f"INSERT DATA {{ GRAPH <{graph}> {{ {longer} }} }}"
        if endpoint.endswith("/sparql"):  # Virtuoso
            with pytest.raises(KGError, match="cuts IRIs longer than"):
                store.update(insert)
        else:
            store.update(insert)
            assert len(list(store.query(query))) == 3
    finally:
        store.update(f"DROP SILENT GRAPH <{graph}>")


@pytest.mark.model  # the endpoint fixture builds the seeds
def test_query_errors_name_the_endpoint(endpoint: str) -> None:
    bad = "SELECT *\nWHERE { ?s ?p ?o . FOO }"
    result = runner.invoke(app, ["query", bad, "-s", endpoint])
    output = " ".join(result.output.split())
    assert result.exit_code == 1, output
    assert isinstance(result.exception, SystemExit), "a traceback escaped"
    assert f"The SPARQL endpoint {endpoint}" in output
    assert "refused the request (HTTP 400)" in output
    if endpoint.endswith("/sparql"):  # Virtuoso's message, at the query's own line
        assert "SPARQL compiler, line 2: syntax error at 'FOO'" in output
        assert "SPARQL query:" not in output  # the echoed query is left out
    else:
        assert "error at 2:" in output


def test_missing_virtuoso_fails_saying_make_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(servers, "VIRTUOSO", "/nonexistent/virtuoso-t")
    missing = servers.virtuoso_missing()
    assert missing is not None and "run `make install`" in missing
    with pytest.raises(pytest.fail.Exception, match="make install"):
        _server("virtuoso", Path("/nonexistent"))


def test_graph_patterns_by_iri_rewritten_only_where_they_match() -> None:
    text = (
        "DELETE { GRAPH <n> { ?e ?p ?o } } "
        'WHERE { GRAPH <n> { ?e ?p "GRAPH <x> {" } } ;\n'
        "INSERT DATA { GRAPH <n> { <a> <b> <c> } } ;\n"
        "DELETE WHERE { GRAPH <m> { ?a ?b ?c } }"
    )
    assert Virtuoso.graphs(text, update=True) == (
        "DELETE { GRAPH <n> { ?e ?p ?o } } WHERE { VALUES ?kgGraph1 { <n> } "
        'GRAPH ?kgGraph1 { ?e ?p "GRAPH <x> {" } } ;\n'
        "INSERT DATA { GRAPH <n> { <a> <b> <c> } } ;\n"
        "DELETE WHERE { GRAPH <m> { ?a ?b ?c } }"
    )
    assert Virtuoso.graphs("SELECT * { GRAPH kg:x { ?s ?p ?o } } # GRAPH <y> {") == (
        "SELECT * { VALUES ?kgGraph1 { kg:x } GRAPH ?kgGraph1 { ?s ?p ?o } } "
        "# GRAPH <y> {"
    )


def test_remote_unreachable_endpoint_says_so() -> None:
    port = servers.free_port()
    for url in (f"http://127.0.0.1:{port}", f"http://127.0.0.1:{port}/sparql"):
        result = runner.invoke(app, ["articles", "--store", url])
        assert result.exit_code == 1
        assert "Cannot reach the SPARQL endpoint" in " ".join(result.output.split())


def test_virtuoso_without_sparql_path_or_update_rights_says_what_to_do(
    tmp_path: Path,
) -> None:
    with _server("virtuoso", tmp_path / "virtuoso") as server:
        base = server.url.removesuffix("/sparql")
        result = runner.invoke(app, ["articles", "--store", base])
        assert result.exit_code == 1
        assert "http://host:8890/sparql" in " ".join(result.output.split())
        server.isql('REVOKE SPARQL_UPDATE FROM "SPARQL";')
        store = RemoteStore(server.url)
        with pytest.raises(KGError, match='GRANT SPARQL_UPDATE TO "SPARQL"'):
            store.update(
                "INSERT DATA { GRAPH <http://example.org/g> { <a:b> <a:c> 1 } }"
            )


@pytest.mark.parametrize("kind", SERVERS)
@pytest.mark.model
def test_endpoint_dying_mid_build_then_resume(kind: str, tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    countries = ["Norway", "Japan", "Canada", "Poland", "Chile", "Kenya", "Peru"]
    lines = [
        {"id": f"a{i:03}", "text": f"{c} sent {i} trucks to Ukraine on Monday. " * 3}
        for i, c in enumerate(countries * 12)
    ]
    feed.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    with _server(kind, tmp_path / kind) as server:
        url = server.url

        def kill_after_first_articles() -> None:
            store = RemoteStore(url)
            while server.process.poll() is None:
                try:
                    if article_count(store) >= 3:
                        server.kill()
                        return
                except Exception:  # the server is going away
                    return
                time.sleep(0.02)

        watcher = threading.Thread(target=kill_after_first_articles)
        watcher.start()
        result = runner.invoke(app, ["build", str(feed), "--store", url, "-q"])
        watcher.join(timeout=60)
        output = " ".join(result.output.split())
        assert result.exit_code == 1, output
        assert isinstance(result.exception, SystemExit), "a traceback escaped"
        assert url in output
        found = re.search(
            r"at least (\d+) article\(s\) were stored before this", output
        )
        assert found, output
        assert "--resume" in output
        server.start()
        assert 0 <= article_count(RemoteStore(url)) - int(found.group(1)) <= 1
        result = runner.invoke(
            app,
            ["build", str(feed), "--store", url, "--resume"],
            env={"COLUMNS": "300"},
        )
        assert result.exit_code == 0, result.output
        title = " ".join(result.output.split())
        assert f"kg build → {url}" in title  # not "http:/127.0.0.1"
        stored = stored_articles(RemoteStore(url))
        assert sorted(a.id for a in stored) == [x["id"] for x in lines]


@pytest.mark.model  # the endpoint fixture builds the seeds
def test_large_updates_are_split_into_what_virtuoso_takes(endpoint: str) -> None:
    """Virtuoso's parser gives up at about 5,000 triples in one INSERT DATA,
    and it refuses requests over 10 MB: kg sends 2,000 triples an operation,
    and an update over REQUEST_BYTES in several requests."""
    store = RemoteStore(endpoint)
    graph = "http://example.org/kg-test/large"
    text = "a long enough literal to make a large update " * 2
    lines = [
        f'<http://example.org/s{i}> <http://example.org/p> "{i} {text}" .'
        for i in range(90_000)
    ]
    update = f"PREFIX ex: <http://example.org/>\n{insert_data(lines, graph)}"
    assert len(update.encode()) > 10_000_000
    store.update(update)
    try:
        count = f"SELECT (COUNT(?s) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
        assert int(next(iter(store.query(count)))["n"].value) == 90_000
    finally:
        store.update(f"DROP SILENT GRAPH <{graph}>")


def test_updates_are_cut_between_operations_each_with_the_prefixes() -> None:
    update = (
        "PREFIX kg: <http://k/>\n"
        'DELETE { ?a kg:b ?c } WHERE { ?a kg:b "x;y" } ;\n'
        'INSERT DATA { <a:a> kg:b "' + "z" * 50 + '" } ;\n'
        "INSERT DATA { <a:b> kg:b 1 }"
    )
    assert Virtuoso.requests(update) == [update]
    parts = Virtuoso.requests(update, limit=110)
    assert parts == [
        'PREFIX kg: <http://k/>\nDELETE { ?a kg:b ?c } WHERE { ?a kg:b "x;y" } ',
        'PREFIX kg: <http://k/>\n\nINSERT DATA { <a:a> kg:b "' + "z" * 50 + '" } ',
        "PREFIX kg: <http://k/>\n\nINSERT DATA { <a:b> kg:b 1 }",
    ]
    assert all(len(part.encode()) <= 110 for part in parts)


def test_virtuoso_result_and_time_caps_are_reported(tmp_path: Path) -> None:
    if servers.virtuoso_missing():
        _server("virtuoso", tmp_path)  # fails, saying to run make install
    folder = tmp_path / "virtuoso"
    with servers.virtuoso(folder, max_rows=5, max_seconds=2) as server:
        store = RemoteStore(server.url)
        lines = [
            f"<http://example.org/s{i}> <http://example.org/p> {i} ." for i in range(9)
        ]
        store.update(
            "INSERT DATA { GRAPH <http://example.org/g> {\n"
            + "\n".join(lines)
            + "\n} }"
        )
        with pytest.raises(KGError, match="ResultSetMaxRows"):
            store.query("SELECT ?s WHERE { GRAPH <http://example.org/g> { ?s ?p ?o } }")
        rows = store.query(
            "SELECT ?s WHERE { GRAPH <http://example.org/g> { ?s ?p ?o } } LIMIT 3"
        )
        assert len(list(rows)) == 3
        # every pair of Virtuoso's own triples: longer than two seconds
        slow = (
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?x { ?a ?b ?c } "
            "GRAPH ?y { ?d ?e ?f } GRAPH ?z { ?g ?h ?i } }"
        )
        with pytest.raises(KGError, match="raise it and restart"):
            store.query(slow)
