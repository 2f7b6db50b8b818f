"""Reloads: the memory of a ``kg serve`` that lives through builds.

``python -m benchmarks reloads`` (part of ``make bench``): 200 BBC business
articles are built into a store and served; then five builds of 20 politics
articles each go into the same store while the pages are read throughout
(each build makes the server reopen the store several times). The long-lived
server's resident memory is compared with a fresh ``kg serve`` on the final
store, read the same way.

Target: at most 1.5 times the fresh server.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.error import URLError
from urllib.request import urlopen

from kg.eval.shared import bbc_articles

TARGET = 1.5
BASE = 200
ROUNDS = 5
PER_ROUND = 20
_PAGES = (
    "/",
    "/api/search?q=bl",
    "/entity?e=Gazprom",
    "/api/network?e=Gazprom&hops=2",
    "/network?e=Gazprom",
    "/articles",
    "/api/path?a=Gazprom&b=Russia&undirected=1",
    "/sparql?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D",
)
_LISTENING = re.compile(r"kg serve: (http://\S+/)")


def main() -> int:
    folder = bbc_articles("reloads")
    if folder is None:
        return 1
    with tempfile.TemporaryDirectory(prefix="kg-bench-reloads-") as tmp:
        work = Path(tmp)
        base = _copy(sorted((folder / "business").glob("*.txt"))[:BASE], work / "base")
        store = work / "kg-data"
        _kg("build", str(base), "--store", str(store), "-q")
        politics = sorted((folder / "politics").glob("*.txt"))
        url, server = _serve(store)
        try:
            _read(url, 2)
            for number in range(ROUNDS):
                batch = politics[number * PER_ROUND : (number + 1) * PER_ROUND]
                more = _copy(batch, work / f"more{number}")
                build = subprocess.Popen(
                    [sys.executable, "-m", "kg", "build", str(more), "--store",
                     str(store), "-q"],
                    stdout=subprocess.DEVNULL,
                )  # fmt: skip
                while build.poll() is None:
                    _read(url, 1)
                    time.sleep(0.2)
                time.sleep(1.5)
                _read(url, 2)
            lived = _rss(server.pid)
        finally:
            server.terminate()
            server.wait()
        url, fresh_server = _serve(store)
        try:
            _read(url, 2)
            fresh = _rss(fresh_server.pid)
        finally:
            fresh_server.terminate()
            fresh_server.wait()
    ratio = lived / fresh
    print(
        f"kg serve through {ROUNDS} builds of {PER_ROUND} articles into a "
        f"{BASE}-article store: {lived / 1024:.0f} MB; a fresh server on the final "
        f"store: {fresh / 1024:.0f} MB; ratio {ratio:.2f} (target <= {TARGET})"
    )
    return 0 if ratio <= TARGET else 1


def _copy(files: list[Path], folder: Path) -> Path:
    folder.mkdir()
    for path in files:
        shutil.copy(path, folder / path.name)
    return folder


def _kg(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "kg", *args], check=True)


def _serve(store: Path) -> tuple[str, subprocess.Popen[str]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", "--store", str(store), "--port", "0"],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    assert process.stderr is not None
    while True:
        line = process.stderr.readline()
        if not line:
            raise RuntimeError("kg serve did not start")
        found = _LISTENING.search(line)
        if found:
            return found.group(1).rstrip("/"), process


def _read(url: str, times: int) -> None:
    for _ in range(times):
        for page in _PAGES:
            try:
                with urlopen(url + page) as answer:
                    answer.read()
            except URLError:  # 404/409 pages count as read too
                pass


def _rss(pid: int) -> int:
    """Resident memory of ``pid`` in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for {pid}")
