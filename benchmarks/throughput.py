"""kg build throughput against bare ``nlp.pipe`` in the same process.

Reads BBC articles from ``bbc_news/`` of the shared benchmarks.
"""

from __future__ import annotations

import os
import resource
import tempfile
import time
from pathlib import Path

from kg.eval.shared import bbc_articles
from kg.ingest import read_inputs
from kg.nlp import BATCH_SIZE, load_pipeline
from kg.pipeline.run import build
from kg.rdf.write import write_rdf
from kg.records import Article
from kg.resources.lexicon import load_lexicon

ARTICLES = int(os.environ.get("KG_BENCH_ARTICLES", "250"))


def main() -> int:
    folder = bbc_articles("throughput")
    if folder is None:
        return 1
    files = sorted(folder.rglob("*.txt"))
    step = max(1, len(files) // ARTICLES)
    chosen = files[::step][:ARTICLES]
    articles = [a for a in read_inputs(chosen) if isinstance(a, Article)]
    nlp = load_pipeline()
    load_lexicon()  # read the ontology before timing, as the parse is warmed up
    list(nlp.pipe([a.body for a in articles[:8]], batch_size=BATCH_SIZE))  # warm-up

    started = time.perf_counter()
    words = 0
    for doc in nlp.pipe((a.body for a in articles), batch_size=BATCH_SIZE):
        words += sum(1 for t in doc if not (t.is_space or t.is_punct))
    bare = time.perf_counter() - started
    rss_bare = _peak_mb()

    started = time.perf_counter()
    dataset, report = build(chosen, nlp=nlp)
    with tempfile.TemporaryDirectory() as tmp:
        triples = write_rdf(dataset, Path(tmp) / "bench.ttl")
    full = time.perf_counter() - started
    kg_words, events = report.words, sum(report.events.values())

    print(f"articles                 {len(articles)}")
    print(f"words                    {words}")
    print(f"events                   {events}")
    print(f"triples                  {triples}")
    print(f"bare nlp.pipe            {words / bare:8.0f} words/s  ({bare:.1f} s)")
    print(f"kg build (+ Turtle)      {kg_words / full:8.0f} words/s  ({full:.1f} s)")
    print(f"ratio kg / bare          {bare / full:8.2f}  (target >= 0.80)")
    print(f"peak RSS after bare      {rss_bare:8.0f} MB")
    print(f"peak RSS after kg build  {_peak_mb():8.0f} MB")
    return 0


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    raise SystemExit(main())
