"""A remote store: a real `oxigraph serve` on loopback, started by the tests."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.remote import RemoteStore

from .conftest import SEEDS

runner = CliRunner()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    binary = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    port = _free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    server = subprocess.Popen(
        [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("oxigraph serve did not start")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


def _ok(*args: str) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.model
def test_remote_build_query_path_remove(endpoint: str) -> None:
    _ok("build", str(SEEDS), "--store", endpoint, "-q")
    _ok("build", str(SEEDS), "--store", endpoint, "-q")  # idempotent over HTTP too
    store = RemoteStore(endpoint)
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    quads = int(next(iter(store.query(count)))["n"].value)
    assert "MENAFN04012024000071011013ID1107686670" in _ok(
        "articles", "--store", endpoint
    )
    assert "North Korea" in _ok("query", "who-supplied-whom", "--store", endpoint)
    rows = _ok("query", "events-of", "-p", "entity=DPRK", "-s", endpoint, "-f", "csv")
    assert "recipient: Russia" in rows
    assert "North Korea → Russia → Ukraine" in _ok(
        "path", "DPRK", "Ukraine", "-s", endpoint
    )
    _ok("remove", "wire-2024-04-seoul", "--store", endpoint)
    assert "wire-2024-04-seoul" not in _ok("articles", "--store", endpoint)
    assert int(next(iter(store.query(count)))["n"].value) < quads
    _ok("build", str(SEEDS), "--store", endpoint, "-q")
    assert int(next(iter(store.query(count)))["n"].value) == quads


def test_remote_unreachable_endpoint_says_so() -> None:
    result = runner.invoke(
        app, ["articles", "--store", f"http://127.0.0.1:{_free_port()}"]
    )
    assert result.exit_code == 1
    assert "Cannot reach the SPARQL endpoint" in " ".join(result.output.split())
