"""Building into the persistent store: scaling with workers, write rate, size.

* ``kg build --workers 1`` and ``--workers 2`` on the same BBC articles into
  fresh stores, in this process: the scaling ratio (target >= 1.7 on 2 cores);
* the store's write rate (each article's graph in its own atomic update) in
  triples per second, against adding the same records to one rdflib
  in-memory Dataset;
* all BBC articles stored: on-disk size and peak memory, and each read
  command as a cold process on the store as the build left it.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rdflib import Dataset

from kg.eval.shared import bbc_articles
from kg.ingest import read_inputs
from kg.nlp import load_pipeline
from kg.pipeline.article import extract_articles, prepare
from kg.pipeline.options import BuildOptions
from kg.pipeline.run import build
from kg.rdf.iri import DEFAULT_BASE
from kg.rdf.mapping import add_extraction, bind_prefixes
from kg.records import Article
from kg.resources.lexicon import load_lexicon
from kg.store import open_store

SCALING_ARTICLES = int(os.environ.get("KG_BENCH_SCALING", "500"))


def main() -> int:
    folder = bbc_articles("store")
    if folder is None:
        return 1
    files = sorted(folder.rglob("*.txt"))
    step = max(1, len(files) // SCALING_ARTICLES)
    chosen = files[::step][:SCALING_ARTICLES]
    if os.environ.get("KG_BENCH_ONLY") != "all":
        _scaling(chosen)
        _write_rate(chosen)
    _everything(files)
    return 0


def _scaling(files: list[Path]) -> None:
    times = {}
    for workers in (1, 2):
        with tempfile.TemporaryDirectory() as tmp:
            started = time.perf_counter()
            with open_store(Path(tmp) / "store", create=True) as store:
                options = BuildOptions(workers=workers)
                report = build(files, store, options=options)
            times[workers] = time.perf_counter() - started
            print(
                f"build --workers {workers} ({report.articles} articles, "
                f"{report.words} words)  {times[workers]:7.1f} s  "
                f"{report.articles / times[workers]:5.2f} articles/s"
            )
    print(f"scaling ratio 2 workers / 1   {times[1] / times[2]:7.2f}  (target >= 1.7)")


def _write_rate(files: list[Path]) -> None:
    nlp = load_pipeline()
    lexicon = load_lexicon()
    articles = [a for a in read_inputs(files) if isinstance(a, Article)]
    extractions = list(extract_articles(nlp, articles, lexicon=lexicon))
    started = time.perf_counter()
    memory = Dataset()
    bind_prefixes(memory, DEFAULT_BASE)
    for extraction in extractions:
        add_extraction(memory, extraction, lexicon=lexicon)
    in_memory = time.perf_counter() - started
    triples = len(memory)
    del memory
    options = BuildOptions()
    with (
        tempfile.TemporaryDirectory() as tmp,
        open_store(Path(tmp) / "store", create=True) as store,
    ):
        started = time.perf_counter()
        stored = 0
        for extraction in extractions:
            stored += store.add_article(prepare(extraction, options, lexicon)[1])
        on_disk = time.perf_counter() - started
    print(f"rdflib in-memory Dataset      {triples / in_memory:9.0f} triples/s")
    print(f"kg store (atomic per article) {stored / on_disk:9.0f} triples/s")
    ratio = (stored / on_disk) / (triples / in_memory)
    print(f"ratio store / rdflib          {ratio:9.2f}")


def _everything(files: list[Path]) -> None:
    """All articles through `kg build --workers 2` in a fresh process of its own,
    so that its peak memory is its own."""
    folder = files[0].parent.parent if files else Path()
    with tempfile.TemporaryDirectory() as tmp:
        location = Path(tmp) / "store"
        command = [
            sys.executable,
            "-m",
            "kg",
            "build",
            str(folder),
            "--store",
            str(location),
            "--workers",
            "2",
            "-q",
        ]
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        if done.returncode not in (0, 2):
            print(f"bench: kg build failed: {done.stderr[-500:]}", file=sys.stderr)
            return
        size = _size(location)
        _cold_reads(location)
        with open_store(location) as store:
            stored = store.articles()
        articles, triples = len(stored), sum(a.triples for a in stored)
    print(f"all {articles} BBC articles stored in {seconds:.0f} s ({triples} triples)")
    print(f"on-disk size after build           {size / 1e6:8.1f} MB")
    print(f"bytes per stored triple            {size / max(triples, 1):8.0f}")
    note = "" if peak > before else " (an earlier child was larger)"
    print(f"peak RSS of the largest build process {peak / 1024:6.0f} MB{note}")


READS = (
    ("query", "who-supplied-whom"),
    ("articles",),
    ("neighbors", "Russia"),
    ("path", "Russia", "China", "--undirected"),
    ("stats",),
)
_BARE_READ = """
import sys, pyoxigraph as ox
store = ox.Store.read_only(sys.argv[1])
list(store.query("SELECT * WHERE { ?s ?p ?o } LIMIT 1"))
"""


def _cold_reads(location: Path) -> None:
    """Each read command as a fresh process on the store as the build left
    it, against a bare pyoxigraph read-only open and one-row query."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", _BARE_READ, str(location)], check=True)
    bare = time.perf_counter() - started
    print(f"bare pyoxigraph open + query       {bare:7.2f} s")
    for args in READS:
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "kg", *args, "--store", str(location)],
            capture_output=True,
            check=False,
        )
        seconds = time.perf_counter() - started
        label = "kg " + " ".join(args)
        print(f"{label:<35}{seconds:7.2f} s  ({seconds / bare:5.1f} x bare)")


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


if __name__ == "__main__":
    raise SystemExit(main())
