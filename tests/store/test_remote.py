"""A remote store: a real `oxigraph serve` on loopback, started by the tests."""

from __future__ import annotations

import re
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
from kg.store.remote import RemoteStore

from ..conftest import SEEDS

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


def _serve(location: Path, port: int) -> subprocess.Popen[bytes]:
    binary = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    server = subprocess.Popen(
        [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(
                f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", timeout=1
            )
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    pytest.fail("oxigraph serve did not start")


@pytest.mark.model
def test_remote_endpoint_dying_mid_build_says_what_was_stored(tmp_path: Path) -> None:
    import json
    import threading

    feed = tmp_path / "feed.jsonl"
    countries = ["Norway", "Japan", "Canada", "Poland", "Chile", "Kenya", "Peru"]
    lines = [
        {"id": f"a{i:03}", "text": f"{c} sent {i} trucks to Ukraine on Monday. " * 3}
        for i, c in enumerate(countries * 12)
    ]
    feed.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    port = _free_port()
    location = tmp_path / "oxigraph"
    server = _serve(location, port)
    url = f"http://127.0.0.1:{port}"
    count = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"

    def kill_after_first_articles() -> None:
        store = RemoteStore(url)
        while server.poll() is None:
            try:
                if int(next(iter(store.query(count)))["n"].value) >= 3:
                    server.kill()
                    return
            except Exception:  # the server is going away
                return
            time.sleep(0.02)

    watcher = threading.Thread(target=kill_after_first_articles)
    watcher.start()
    result = runner.invoke(app, ["build", str(feed), "--store", url, "-q"])
    watcher.join(timeout=30)
    server.wait(timeout=10)
    output = " ".join(result.output.split())
    assert result.exit_code == 1, output
    assert isinstance(result.exception, SystemExit), "a traceback escaped"
    found = re.search(r"at least (\d+) article\(s\) were stored before this", output)
    assert found, output
    assert "--resume" in output
    server = _serve(location, port)
    try:
        from kg.store.articles import article_count

        assert 0 <= article_count(RemoteStore(url)) - int(found.group(1)) <= 1
        result = runner.invoke(
            app,
            ["build", str(feed), "--store", url, "--resume"],
            env={"COLUMNS": "300"},
        )
        assert result.exit_code == 0, result.output
        assert f"kg build → {url}" in result.output  # not "http:/127.0.0.1"
        from kg.store.articles import stored_articles

        stored = stored_articles(RemoteStore(url))
        assert sorted(a.id for a in stored) == [x["id"] for x in lines]
    finally:
        server.terminate()
        server.wait(timeout=10)
