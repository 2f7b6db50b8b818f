"""Build throughput into each kind of store: a local folder, ``oxigraph serve``
and OpenLink Virtuoso.

``python -m benchmarks remote`` (part of ``make bench``): ``kg build`` of the
seeds and ``KG_BENCH_REMOTE`` BBC articles (50, taken evenly across the
collection) into a fresh store of each kind, each a whole process timed from
start to exit (model loading included, the same for all three), twice; the
better run counts. The servers run on loopback, started here as the tests
start them (``tests/store/servers.py``); Virtuoso is left out, and said so,
when it is not installed (``make install`` installs it).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

from kg.eval.shared import bbc_articles
from kg.store import open_store
from tests.store import servers

ARTICLES = int(os.environ.get("KG_BENCH_REMOTE", "50"))
RUNS = 2
SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def main() -> int:
    folder = bbc_articles("remote")
    if folder is None:
        return 1
    files = sorted(folder.rglob("*.txt"))
    step = max(1, len(files) // ARTICLES)
    inputs = [str(SEEDS), *(str(f) for f in files[::step][:ARTICLES])]
    kinds: dict[str, Callable[[Path], AbstractContextManager[str]]] = {
        "local store": _local,
        "oxigraph serve": _oxigraph,
        "Virtuoso": _virtuoso,
    }
    count = 0
    print(f"kg build of the seeds and {ARTICLES} BBC articles, best of {RUNS}:")
    for name, start in kinds.items():
        if name == "Virtuoso" and servers.virtuoso_missing():
            print(f"{name:16} left out: {servers.virtuoso_missing()}")
            continue
        best = float("inf")
        for _ in range(RUNS):
            with tempfile.TemporaryDirectory() as tmp, start(Path(tmp)) as store:
                seconds, stored = _build(inputs, store)
                best, count = min(best, seconds), stored
        print(f"{name:16} {count / best:6.2f} articles/s  ({count} in {best:.1f} s)")
    return 0


def _build(inputs: list[str], store: str) -> tuple[float, int]:
    """Seconds of ``kg build INPUTS --store STORE`` and the articles stored."""
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "kg", "build", *inputs, "--store", store, "-q"],
        check=True,
    )
    seconds = time.perf_counter() - started
    with open_store(store) as opened:
        return seconds, opened.article_count()


@contextmanager
def _local(folder: Path) -> Iterator[str]:
    yield str(folder / "kg-data")


@contextmanager
def _oxigraph(folder: Path) -> Iterator[str]:
    with servers.oxigraph(folder / "oxigraph") as server:
        yield server.url


@contextmanager
def _virtuoso(folder: Path) -> Iterator[str]:
    with servers.virtuoso(folder / "virtuoso") as server:
        yield server.url


if __name__ == "__main__":
    raise SystemExit(main())
