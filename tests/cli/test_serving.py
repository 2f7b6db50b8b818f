"""``kg serve`` and ``kg show`` from the command line: errors a user can fix."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html

from tests.conftest import ROOT

pytestmark = pytest.mark.model


def kg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kg", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )


def test_serve_without_a_store_says_how_to_make_one(tmp_path: Path) -> None:
    done = kg("serve", "--store", str(tmp_path / "none"), "--port", "0")
    assert done.returncode == 1
    assert "No kg store" in done.stderr and "kg build" in done.stderr
    assert "Traceback" not in done.stderr


def test_serve_on_a_taken_port_names_it(seed_store_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        done = kg("serve", "--store", str(seed_store_path), "--port", str(port))
    assert done.returncode == 1
    assert f"127.0.0.1:{port}" in done.stderr and "--port" in done.stderr
    assert "Traceback" not in done.stderr


def test_serve_rejects_an_unknown_host(seed_store_path: Path) -> None:
    done = kg(
        "serve", "--store", str(seed_store_path), "--host", "no.such.host.invalid"
    )
    assert done.returncode == 1 and "--host" in done.stderr


def test_show_writes_one_standalone_file(seed_store_path: Path, tmp_path: Path) -> None:
    output = tmp_path / "view.html"
    done = kg("show", "DPRK", "-o", str(output), "--store", str(seed_store_path))
    assert done.returncode == 0, done.stderr
    page = output.read_text(encoding="utf-8")
    assert "North Korea" in page and "Russia" in page
    # nothing to fetch: every script and style is inline
    tree = html.fromstring(page)
    assert not tree.xpath("//link | //*[@src] | //img")
    scripts, styles = tree.findall(".//script"), tree.findall(".//style")
    assert len(scripts) == 3 and len(styles) == 1


def test_show_unknown_entity_suggests(seed_store_path: Path, tmp_path: Path) -> None:
    done = kg("show", "North Kora", "-o", str(tmp_path / "x.html"),
              "--store", str(seed_store_path))  # fmt: skip
    assert done.returncode == 1
    assert "North Korea" in done.stderr and "Traceback" not in done.stderr
