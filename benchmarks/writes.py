"""Writing into the store: articles stored one transaction each, in triples per
second, against adding the same records to one rdflib in-memory Dataset.

Scaling with workers, store size and cold read commands are measured by the
scale suite (``benchmarks/scale.py``).
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from rdflib import Dataset

from kg.eval.shared import bbc_articles
from kg.ingest import read_inputs
from kg.nlp import load_pipeline
from kg.pipeline.article import extract_articles, prepare
from kg.pipeline.options import BuildOptions
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
    _write_rate(chosen)
    return 0


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


if __name__ == "__main__":
    raise SystemExit(main())
