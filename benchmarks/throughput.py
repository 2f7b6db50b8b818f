"""``kg build`` to a file against bare ``nlp.pipe``, both as whole processes.

Reads BBC articles from ``bbc_news/`` of the shared benchmarks. Each side is
a fresh process timed from start to exit, so imports, model loading and
writing count: the bare side loads the same pipeline, reads the same files
and runs ``nlp.pipe`` over their texts; the kg side is ``kg build FILES -o
out.ttl``, and again with ``--decider model`` (the trained decider). The
sides run alternately ``KG_BENCH_RUNS`` times (3); the ratio is the median
of the pairs' bare time / kg time (target >= 0.9).
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kg.cli.app import EXIT_SKIPPED
from kg.eval.shared import bbc_articles

ARTICLES = int(os.environ.get("KG_BENCH_ARTICLES", "200"))
# Pairs of runs: this machine's speed drifts by 5-10% between minutes.
RUNS = int(os.environ.get("KG_BENCH_RUNS", "3"))
_BARE = """
import sys
from kg.nlp import BATCH_SIZE, load_pipeline
texts = [open(f, encoding="utf-8", errors="replace").read() for f in sys.argv[1:]]
nlp = load_pipeline()
words = sum(
    sum(1 for t in doc if not (t.is_space or t.is_punct))
    for doc in nlp.pipe(texts, batch_size=BATCH_SIZE)
)
print(words)
"""


def main() -> int:
    folder = bbc_articles("throughput")
    if folder is None:
        return 1
    files = sorted(folder.rglob("*.txt"))
    step = max(1, len(files) // ARTICLES)
    chosen = [str(f) for f in files[::step][:ARTICLES]]
    bares: list[float] = []
    kgs: list[float] = []
    ratios: list[float] = []
    decided: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "bench.ttl"
        for _ in range(RUNS):  # alternated, so that a slow spell hits both sides
            bare, bare_rss, words = _timed([sys.executable, "-c", _BARE, *chosen])
            kg, kg_rss, _ = _timed(
                [sys.executable, "-m", "kg", "build", *chosen, "-o", str(out), "-q"]
            )
            model, _, _ = _timed(
                [sys.executable, "-m", "kg", "build", *chosen, "-o", str(out), "-q",
                 "--decider", "model"]
            )  # fmt: skip
            bares.append(bare)
            kgs.append(kg)
            ratios.append(bare / kg)
            decided.append(bare / model)
        size = out.stat().st_size
    bare, kg = statistics.median(bares), statistics.median(kgs)
    ratio = statistics.median(ratios)
    print(f"articles                 {len(chosen)}")
    print(f"words                    {words}")
    print(f"runs (alternated)        {RUNS}; the medians follow")
    print(f"bare nlp.pipe process    {bare:8.1f} s  {int(words) / bare:8.0f} words/s")
    print(f"kg build -o .ttl process {kg:8.1f} s  {int(words) / kg:8.0f} words/s")
    print(f"Turtle written           {size / 1e6:8.1f} MB")
    print(
        f"ratio bare / kg          {ratio:8.2f}  median of pairs "
        f"{', '.join(f'{r:.2f}' for r in ratios)}  (target >= 0.90)"
    )
    print(
        f"ratio bare / kg --decider model {statistics.median(decided):.2f}  median of "
        f"pairs {', '.join(f'{r:.2f}' for r in decided)}  (target >= 0.80)"
    )
    print(f"peak RSS bare / kg       {bare_rss:8.0f} / {kg_rss:.0f} MB")
    return 0


def _timed(command: list[str]) -> tuple[float, float, str]:
    """Seconds, peak RSS (MB) and stdout of one process run to its end."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, EXIT_SKIPPED):  # some inputs skipped (reported)
        raise SystemExit(f"bench: {command[:4]} failed: {done.stderr[-2000:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024, done.stdout.strip()


if __name__ == "__main__":
    raise SystemExit(main())
