"""Scale: building and reading stores of 500 to 20,000 articles, as processes.

``python -m benchmarks scale`` (part of ``make bench``): for 500 and 2,000 BBC
articles (evenly spaced over the sorted files; ``KG_BENCH_SCALE_SIZES``
overrides, e.g. ``100,300``):

* ``kg build FILES --store DIR --workers 1 -q`` and ``--workers 2``, each in a
  fresh store and a process of its own (run by a small wrapper process, so that
  ``RUSAGE_CHILDREN`` of the wrapper holds that build's processes only): time,
  articles per second, peak RSS of its largest process and of all its
  processes together (sampled), and the speed ratio workers 2 / workers 1
  (target >= 1.8 at 500 articles, where the two builds alternate three times
  and the median pair counts);
* the workers-2 store: folder size in bytes per stored triple, that is per
  quad the store holds (target <= 250), and per article triple (the merged
  default graph and the network summary add about 0.8 quads to each);
* each read command as a fresh ``python -m kg`` process on that store (first
  run and best of three), against a bare pyoxigraph read-only open and one-row
  query, with its latency target.

``python -m benchmarks scale-synthetic`` (``make bench-scale``, not part of
``make bench``): synthetic corpora of 2,000 and 20,000 articles
(``KG_BENCH_SYNTHETIC_SIZES``) made from the BBC texts with their named
entities permuted, each built with ``--workers 2`` and read cold as above;
it reports how build throughput, store size and read latency grow from the
smallest corpus to the largest (targets: throughput within 10%, each read
at most 1.5x). Then, on each store, a day's news: 50 more synthetic articles
added with ``kg build`` (target: at most the bare parse of those 50 plus
5 s, the derived views updated for what they touch), ``kg stats`` computing
the out-of-date whole-graph figures afresh, the 50 removed again with
``kg remove`` (the derived graphs, figures aside, and the quad count must be
as before the add), and ``kg refresh``.

The synthetic corpus: the distinct BBC texts, ``min(smallest size, 2,125)`` of
them evenly spaced, are copy 0 (unchanged, so the smallest corpus is real
text). spaCy's NER finds their PERSON, ORG, GPE and NORP spans once; copy ``k``
of an article replaces each span by a name chosen by hashing (label, name, k)
from fixed pools (countries from pycountry, "Firstname Lastname", "<Word>
<Word> Group" ...). A name maps to the same replacement in every article of a
copy, so each copy is the corpus re-labelled -- its entities merge among
themselves as the originals do -- while copies do not merge into each other's
entities. Corpus ``N`` is the first ``N`` texts of copy 0, copy 1, ... (each
copy in its own hashed order), so every corpus holds the smaller ones.
Everything is deterministic; the files live in a temporary folder only,
unless ``KG_BENCH_KEEP=DIR`` names a folder to write the corpus and the stores
into and keep (a new or empty folder; to profile the reads afterwards).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from kg.cli.app import EXIT_SKIPPED
from kg.eval.shared import bbc_articles

T = TypeVar("T")

RUNS = 3  # cold runs of each read command; the best and the first are shown
PAIRS = 3  # alternating workers-1/workers-2 builds at the target's size
PAIRED_UP_TO = 500  # articles: larger corpora are built once with each
SCALE_SIZES = "500,2000"
SYNTHETIC_SIZES = "2000,20000"
WORKERS_TARGET = 1.8
BYTES_TARGET = 250.0
GROWTH_TARGET = 1.5
THROUGHPUT_TARGET = 0.9
DAILY = 50  # articles added to (and removed from) each synthetic store
DAILY_SLACK = 5.0  # seconds beyond their bare parse an add may take


@dataclass(frozen=True)
class Read:
    """One read command, timed as a fresh process."""

    label: str
    args: tuple[str, ...]
    target: float | None  # seconds, best of RUNS
    store: bool = True


READS = (
    Read("kg query who-supplied-whom", ("query", "who-supplied-whom"), 0.5),
    Read("kg articles", ("articles",), 0.5),
    Read("kg neighbors Russia", ("neighbors", "Russia"), 1.0),
    Read(
        "kg path Russia China --undirected",
        ("path", "Russia", "China", "--undirected"),
        1.0,
    ),
    Read("kg stats", ("stats",), 5.0),
    Read("kg entities", ("entities",), None),
    Read("kg --help", ("--help",), 0.3, store=False),
)


@dataclass(frozen=True)
class Built:
    """One ``kg build`` process: wall time, exit code and peak memory (MB)."""

    seconds: float
    code: int
    cpu: float  # user + system seconds of all its processes
    load: float  # the machine's 1-minute load average as it ended
    largest_mb: float  # ru_maxrss of its largest process (RUSAGE_CHILDREN)
    total_mb: float  # all its processes together, sampled every 0.1 s (0: unknown)
    skipped: int  # inputs kg reported and skipped (exit 2)
    message: str  # the end of its stderr when it failed


@dataclass(frozen=True)
class Stored:
    """What a store folder holds after a build."""

    bytes: int
    articles: int
    triples: int  # the articles' own triples (their named graphs)
    quads: int  # every triple the store holds: articles, merged events, network

    @property
    def per_triple(self) -> float:
        """Folder bytes per triple the store holds (the issue's measure)."""
        return self.bytes / max(self.quads, 1)

    @property
    def per_article_triple(self) -> float:
        """Folder bytes per article triple: the merged default graph and the
        network summary ride on these (about 0.8 more quads per article
        triple), so this is the cost of one extracted triple, all in."""
        return self.bytes / max(self.triples, 1)


@dataclass(frozen=True)
class Timing:
    """A command run RUNS times as fresh processes: first and best seconds."""

    first: float
    best: float
    code: int  # the first non-zero exit code, else 0
    error: str = ""  # the last line of its stderr then


# Runs the command in argv as its own child, so that this wrapper's
# RUSAGE_CHILDREN is that command's processes only (ru_maxrss is the largest
# of them); also sums the RSS of the whole process tree every 0.1 s from
# /proc (0 where /proc is missing).
_WRAPPER = r"""
import json, os, resource, subprocess, sys, time

def tree_kb(root):
    parents = {}
    try:
        names = os.listdir("/proc")
    except OSError:
        return 0
    for name in names:
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat") as f:
                    stat = f.read()
            except OSError:
                continue
            parent = int(stat.rpartition(")")[2].split()[1])
            parents.setdefault(parent, []).append(int(name))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo += parents.get(pid, [])
        try:
            with open(f"/proc/{pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            pass
    return total

started = time.perf_counter()
child = subprocess.Popen(sys.argv[1:])
peak = 0
while True:
    try:
        child.wait(timeout=0.1)
        break
    except subprocess.TimeoutExpired:
        peak = max(peak, tree_kb(child.pid))
seconds = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
result = {"seconds": seconds, "code": child.returncode,
          "cpu": usage.ru_utime + usage.ru_stime,
          "largest_kb": usage.ru_maxrss, "total_kb": peak,
          "load": os.getloadavg()[0]}
print("@@scale " + json.dumps(result), flush=True)
"""
_BARE_READ = """
import sys, pyoxigraph as ox
store = ox.Store.read_only(sys.argv[1])
list(store.query("SELECT * WHERE { ?s ?p ?o } LIMIT 1"))
"""


# ---------------------------------------------------------------- make bench


def main() -> int:
    """500 and 2,000 BBC articles: build with 1 and 2 workers, size, cold reads."""
    folder = bbc_articles("scale")
    if folder is None:
        return 1
    files = sorted(folder.rglob("*.txt"))
    sizes = _sizes("KG_BENCH_SCALE_SIZES", SCALE_SIZES)
    _header(f"BBC articles from {folder} ({len(files)} files)")
    rows: dict[int, dict[str, str]] = {}
    status = 0
    for count in sizes:
        row = _scale(_spaced(files, count))
        if row is None:
            status = 1
        else:
            rows[count] = row
    if rows:
        _print_summary(rows, _main_targets())
    return status


def _scale(files: list[Path]) -> dict[str, str] | None:
    """Build ``files`` with 1 and 2 workers and read the workers-2 store cold:
    the summary column, or None when a build failed."""
    print(f"-- {len(files)} BBC articles, evenly spaced over the sorted files")
    # At the size the workers target is set for, builds with 1 and 2 workers
    # alternate for PAIRS pairs and the median pair's ratio counts: single
    # pairs on this machine vary by several per cent within minutes.
    pairs = PAIRS if len(files) <= PAIRED_UP_TO else 1
    with tempfile.TemporaryDirectory(prefix="kg-scale-") as tmp:
        runs: list[tuple[tuple[Built, Stored], tuple[Built, Stored]]] = []
        for pair in range(pairs):
            builds: dict[int, tuple[Built, Stored]] = {}
            for workers in (1, 2):
                location = Path(tmp) / f"store-w{workers}"
                shutil.rmtree(location, ignore_errors=True)
                built = _build([str(f) for f in files], location, workers)
                if not _built_ok(built):
                    return None
                builds[workers] = (built, _stored(location))
                label = f"kg build --workers {workers}"
                _print_build(
                    label if pairs == 1 else f"{label} (pair {pair + 1})",
                    built,
                    builds[workers][1],
                )
                if workers == 1:
                    shutil.rmtree(location)  # reads go to the workers-2 store
            runs.append((builds[1], builds[2]))
        ratios = [w1.seconds / w2.seconds for (w1, _), (w2, _) in runs]
        middle = sorted(range(pairs), key=lambda i: ratios[i])[pairs // 2]
        (w1, stored_w1), (w2, _) = runs[middle]
        ratio = ratios[middle]
        each = f" (pairs: {', '.join(f'{r:.2f}' for r in ratios)})" if pairs > 1 else ""
        print(
            f"  {'speed ratio workers 2 / 1':<34}{ratio:8.2f}  "
            f"{_verdict(ratio >= WORKERS_TARGET, f'>= {WORKERS_TARGET}')}{each}"
        )
        stored = runs[-1][1][1]  # the store the reads below go to
        _print_store(stored)
        bare, reads = _cold_reads(location)
        _print_reads(bare, reads)
    return {
        "articles stored": f"{stored.articles:,}",
        "build --workers 1 (s)": f"{w1.seconds:.1f}",
        "build --workers 2 (s)": f"{w2.seconds:.1f}",
        "articles/s w1 / w2": (
            f"{stored_w1.articles / w1.seconds:.1f} / "
            f"{stored.articles / w2.seconds:.1f}"
        ),
        "speed ratio w2 / w1": f"{ratio:.2f}",
        "cpu seconds w1 / w2": f"{w1.cpu:.0f} / {w2.cpu:.0f}",
        "load average at end w1 / w2": f"{w1.load:.1f} / {w2.load:.1f}",
        "peak RSS w1 largest/all (MB)": _rss(w1),
        "peak RSS w2 largest/all (MB)": _rss(w2),
        "article triples / stored triples": f"{stored.triples:,} / {stored.quads:,}",
        "store size (MB)": f"{stored.bytes / 1e6:.1f}",
        "bytes per triple": f"{stored.per_triple:.0f}",
        "bytes per article triple": f"{stored.per_article_triple:.0f}",
        "bare open + query (s)": f"{bare.best:.2f}",
        **{f"{r.label} (s)": _cell(t) for r, t in zip(READS, reads, strict=True)},
    }


def _main_targets() -> dict[str, str]:
    targets = {
        "speed ratio w2 / w1": f">= {WORKERS_TARGET} (500)",
        "bytes per triple": f"<= {BYTES_TARGET:.0f}",
    }
    for read in READS:
        if read.target is not None:
            targets[f"{read.label} (s)"] = f"<= {read.target}"
    return targets


# ----------------------------------------------------------- make bench-scale


def synthetic() -> int:
    """Synthetic corpora (BBC texts, entities permuted) of 2,000 to 20,000
    articles: build throughput, store size and cold reads as they grow."""
    folder = bbc_articles("scale-synthetic")
    if folder is None:
        return 1
    sizes = sorted(set(_sizes("KG_BENCH_SYNTHETIC_SIZES", SYNTHETIC_SIZES)))
    originals = _originals(folder)
    base = _spaced(originals, min(sizes[0], len(originals)))
    _header(
        f"synthetic corpora of {', '.join(f'{n:,}' for n in sizes)} articles from "
        f"{len(base):,} of the {len(originals):,} distinct BBC texts in {folder}"
    )
    started = time.perf_counter()
    spans = _entity_spans([text for _, text in base])
    mentions = sum(len(s) for s in spans)
    print(
        f"NER over the {len(base):,} originals: {mentions:,} PERSON/ORG/GPE/NORP "
        f"spans in {time.perf_counter() - started:.0f} s"
    )
    rows: dict[int, dict[str, str]] = {}
    rows_daily: dict[int, dict[str, str]] = {}
    results: dict[int, tuple[Built, Stored, Timing, list[Timing]]] = {}
    status = 0
    with _workspace() as tmp:
        started = time.perf_counter()
        corpus = _write_corpus(base, spans, sizes[-1] + DAILY, Path(tmp) / "corpus")
        print(
            f"wrote {len(corpus):,} synthetic articles "
            f"({sum(p.stat().st_size for p in corpus) / 1e6:.1f} MB) "
            f"in {time.perf_counter() - started:.0f} s"
        )
        for count in sizes:
            inputs = _link(corpus[:count], Path(tmp) / f"articles-{count}")
            location = Path(tmp) / f"store-{count}"
            print(f"-- {count:,} synthetic articles")
            built = _build([str(inputs)], location, 2)
            if _built_ok(built):
                stored = _stored(location)
                _print_build("kg build --workers 2", built, stored)
                _print_store(stored)
                bare, reads = _cold_reads(location)
                _print_reads(bare, reads)
                results[count] = (built, stored, bare, reads)
                day = _daily(corpus[count : count + DAILY], location, Path(tmp))
                rows_daily[count] = day
                status |= 0 if day["met"] == "yes" else 1
            else:
                status = 1
            if not os.environ.get("KG_BENCH_KEEP"):
                shutil.rmtree(location, ignore_errors=True)
                shutil.rmtree(inputs)
    for count, (built, stored, bare, reads) in results.items():
        rows[count] = {
            "articles stored": f"{stored.articles:,}",
            "build --workers 2 (s)": f"{built.seconds:.1f}",
            "articles/s": f"{stored.articles / built.seconds:.2f}",
            "cpu seconds": f"{built.cpu:.0f}",
            "load average at end": f"{built.load:.1f}",
            "peak RSS largest/all (MB)": _rss(built),
            "article triples / stored triples": (
                f"{stored.triples:,} / {stored.quads:,}"
            ),
            "store size (MB)": f"{stored.bytes / 1e6:.1f}",
            "bytes per triple": f"{stored.per_triple:.0f}",
            "bare open + query (s)": f"{bare.best:.2f}",
            **{f"{r.label} (s)": _cell(t) for r, t in zip(READS, reads, strict=True)},
            **{k: v for k, v in rows_daily.get(count, {}).items() if k != "met"},
        }
    if rows:
        _print_summary(
            rows,
            {
                "bytes per triple": f"<= {BYTES_TARGET:.0f}",
                f"add {DAILY} articles (s)": f"<= parse + {DAILY_SLACK:.0f}",
                f"remove the {DAILY}: quads as before": "yes",
            },
        )
        _print_growth(results)
    return status


@contextlib.contextmanager
def _workspace() -> Iterator[str]:
    """A temporary folder, or the kept one ``KG_BENCH_KEEP`` names."""
    keep = os.environ.get("KG_BENCH_KEEP")
    if keep:
        if Path(keep).exists() and any(Path(keep).iterdir()):
            raise SystemExit(
                f"bench: KG_BENCH_KEEP={keep} is not empty; name a new folder"
            )
        Path(keep).mkdir(parents=True, exist_ok=True)
        print(f"keeping the corpus and the stores in {keep}")
        yield keep
        return
    with tempfile.TemporaryDirectory(prefix="kg-scale-synthetic-") as tmp:
        yield tmp


def _print_growth(
    results: dict[int, tuple[Built, Stored, Timing, list[Timing]]],
) -> None:
    """How each measure grows from the smallest corpus to the largest."""
    small, large = min(results), max(results)
    if small == large:
        return
    b1, s1, bare1, reads1 = results[small]
    b2, s2, bare2, reads2 = results[large]
    print(f"growth from {small:,} to {large:,} articles ({large / small:.0f}x)")
    speed = (s2.articles / b2.seconds) / (s1.articles / b1.seconds)
    rows: list[tuple[str, float, str]] = [
        (
            "build throughput (articles/s)",
            speed,
            _verdict(speed >= THROUGHPUT_TARGET, ">= 0.90"),
        ),
        ("stored triples", s2.triples / max(s1.triples, 1), ""),
        ("store size", s2.bytes / max(s1.bytes, 1), ""),
        ("bytes per triple", s2.per_triple / s1.per_triple, ""),
        (
            "peak RSS, all processes",
            b2.total_mb / b1.total_mb if b1.total_mb else 0.0,
            "",
        ),
        ("bare open + query", bare2.best / bare1.best, ""),
    ]
    for read, t1, t2 in zip(READS, reads1, reads2, strict=True):
        growth = t2.best / t1.best
        rows.append(
            (
                read.label,
                growth,
                _verdict(growth <= GROWTH_TARGET, f"<= {GROWTH_TARGET}x"),
            )
        )
    for label, ratio, verdict in rows:
        print(f"  {label:<34}{ratio:8.2f}x  {verdict}")


# ----------------------------------------------------------------- measuring


_PARSE = """
import sys, time
from pathlib import Path
from kg.nlp import load_pipeline
nlp = load_pipeline()
texts = [Path(p).read_text(encoding="utf-8") for p in sys.argv[1:]]
started = time.perf_counter()
for _ in nlp.pipe(texts, batch_size=16):
    pass
print(time.perf_counter() - started)
"""


def _daily(files: list[Path], location: Path, tmp: Path) -> dict[str, str]:
    """A day's news into a built store: add ``files``, read the figures,
    remove them again, refresh; the times and whether the remove restored the
    store."""
    from kg.store import open_store

    folder = _link(files, tmp / f"daily-{location.name}")
    done = subprocess.run(
        [sys.executable, "-c", _PARSE, *map(str, files)],
        capture_output=True,
        text=True,
        check=True,
    )
    parse = float(done.stdout.split()[-1])
    before_views, before_quads = _views(location)
    with open_store(location) as store:
        before = {a.id for a in store.articles()}
    kg = [sys.executable, "-m", "kg"]
    add = _once([*kg, "build", str(folder), "--store", str(location), "-q"])
    with open_store(location) as store:
        added = sorted({a.id for a in store.articles()} - before)
    stats = _once([*kg, "stats", "--store", str(location)])
    remove = _once([*kg, "remove", *added, "--store", str(location)])
    after_views, after_quads = _views(location)
    restored = after_views == before_views and after_quads == before_quads
    refresh = _once([*kg, "refresh", "--store", str(location)])
    met = add <= parse + DAILY_SLACK and restored and len(added) == len(files)
    print(
        f"  a day's news: {len(added)} articles added in {add:.1f} s (bare parse "
        f"{parse:.1f} s; target <= parse + {DAILY_SLACK:.0f} s: "
        f"{'ok' if add <= parse + DAILY_SLACK else 'MISSED'}); kg stats after it "
        f"{stats:.1f} s (figures computed afresh); removed in {remove:.1f} s, "
        f"store as before: {'yes' if restored else 'NO'}; kg refresh {refresh:.1f} s",
        flush=True,
    )
    shutil.rmtree(folder)
    return {
        f"bare parse of {DAILY} articles (s)": f"{parse:.1f}",
        f"add {DAILY} articles (s)": f"{add:.1f}",
        "kg stats after the add (s)": f"{stats:.1f}",
        f"remove the {DAILY} (s)": f"{remove:.1f}",
        f"remove the {DAILY}: quads as before": "yes" if restored else "NO",
        "kg refresh (s)": f"{refresh:.1f}",
        "met": "yes" if met else "no",
    }


def _views(location: Path) -> tuple[set[str], int]:
    """The derived graphs' quads (whole-graph figures aside) and the number of
    quads the store holds."""
    import pyoxigraph as ox

    from kg.network.summary import FIGURES

    store = ox.Store.read_only(str(location))
    figures = {f"https://w3id.org/kgnews/ontology#{name}" for name in FIGURES}
    views = {
        str(quad)
        for graph in store.named_graphs()
        if graph.value.endswith(("graph/merged", "graph/network"))
        for quad in store.quads_for_pattern(None, None, None, graph)
        if quad.predicate.value not in figures
    }
    return views, len(store)


def _once(command: list[str]) -> float:
    """Seconds one run of ``command`` takes (it must succeed)."""
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode not in (0, EXIT_SKIPPED):
        raise SystemExit(
            f"bench: {' '.join(command[2:4])} failed: {done.stderr[-500:]}"
        )
    return time.perf_counter() - started


def _build(inputs: Sequence[str], location: Path, workers: int) -> Built:
    """``kg build INPUTS --store LOCATION --workers W -q`` in a process of its own."""
    command = [sys.executable, "-m", "kg", "build", *inputs]
    command += ["--store", str(location), "--workers", str(workers), "-q"]
    done = subprocess.run(
        [sys.executable, "-c", _WRAPPER, *command],
        capture_output=True,
        text=True,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("@@scale ")]
    if done.returncode != 0 or not lines:
        return Built(
            0.0, done.returncode or 1, 0.0, 0.0, 0.0, 0.0, 0, done.stderr[-2000:]
        )
    result = json.loads(lines[-1].removeprefix("@@scale "))
    return Built(
        seconds=float(result["seconds"]),
        code=int(result["code"]),
        cpu=float(result["cpu"]),
        load=float(result["load"]),
        largest_mb=float(result["largest_kb"]) / 1024,
        # the sampled sum can miss a peak the largest process's own figure holds
        total_mb=max(float(result["total_kb"]), float(result["largest_kb"])) / 1024,
        skipped=sum(
            1 for line in done.stdout.splitlines() if line.startswith("skipped")
        ),
        message=done.stderr[-2000:],
    )


def _built_ok(built: Built) -> bool:
    """A build that stored its articles (EXIT_SKIPPED only says inputs were
    skipped)."""
    if built.code in (0, EXIT_SKIPPED):
        return True
    print(
        f"bench: kg build failed (exit {built.code}): {built.message}", file=sys.stderr
    )
    return False


def _stored(location: Path) -> Stored:
    import pyoxigraph as ox

    from kg.store import open_store

    with open_store(location) as store:
        articles = store.articles()
    quads = len(ox.Store.read_only(str(location)))
    size = sum(p.stat().st_size for p in location.rglob("*") if p.is_file())
    return Stored(size, len(articles), sum(a.triples for a in articles), quads)


def _cold_reads(location: Path) -> tuple[Timing, list[Timing]]:
    """The bare pyoxigraph open and each read command, as fresh processes."""
    bare = _timed([sys.executable, "-c", _BARE_READ, str(location)])
    reads = []
    for read in READS:
        store = ["--store", str(location)] if read.store else []
        reads.append(_timed([sys.executable, "-m", "kg", *read.args, *store]))
    return bare, reads


def _timed(command: list[str]) -> Timing:
    times, code, error = [], 0, ""
    for _ in range(RUNS):
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        times.append(time.perf_counter() - started)
        if done.returncode and not code:
            code = done.returncode
            error = (done.stderr.strip().splitlines() or [""])[-1][:80]
    return Timing(times[0], min(times), code, error)


# ------------------------------------------------------------------ printing


def _header(what: str) -> None:
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"{what}; {os.cpu_count()} cores, load average {load}", flush=True)


def _print_build(label: str, built: Built, stored: Stored) -> None:
    articles = stored.articles
    skipped = f", {built.skipped} inputs skipped" if built.skipped else ""
    print(
        f"  {label:<34}{built.seconds:8.1f} s "
        f"{articles / built.seconds:7.2f} articles/s"
        f"  {built.cpu:6.0f} cpu-s  peak RSS {_rss(built)} MB (largest / all)"
        f"  load {built.load:.1f}{skipped}",
        flush=True,
    )


def _print_store(stored: Stored) -> None:
    ok = _verdict(stored.per_triple <= BYTES_TARGET, f"<= {BYTES_TARGET:.0f}")
    print(
        f"  store: {stored.articles:,} articles, {stored.quads:,} stored triples "
        f"({stored.triples:,} in article graphs), {stored.bytes / 1e6:.1f} MB, "
        f"{stored.per_triple:.0f} bytes per stored triple  {ok}, "
        f"{stored.per_article_triple:.0f} per article triple",
        flush=True,
    )


def _print_reads(bare: Timing, reads: list[Timing]) -> None:
    print(
        f"  {'cold process':<34}{'first':>8}{'best of ' + str(RUNS):>11}"
        f"{'x bare':>8}  target"
    )
    print(
        f"  {'bare pyoxigraph open + 1-row query':<34}"
        f"{bare.first:8.2f}{bare.best:11.2f}{1:8.1f}"
    )
    for read, timing in zip(READS, reads, strict=True):
        verdict = (
            ""
            if read.target is None
            else _verdict(timing.best <= read.target, f"<= {read.target}")
        )
        failed = f"  (exit {timing.code}: {timing.error})" if timing.code else ""
        print(
            f"  {read.label:<34}{timing.first:8.2f}{timing.best:11.2f}"
            f"{timing.best / bare.best:8.1f}  {verdict}{failed}",
            flush=True,
        )


def _print_summary(rows: dict[int, dict[str, str]], targets: dict[str, str]) -> None:
    """One column per corpus size, one row per measure."""
    sizes = list(rows)
    measures = list(rows[sizes[0]])
    width = 2 + max(len(cell) for row in rows.values() for cell in row.values())
    width = max(width, 16)
    print(f"{'articles':<38}" + "".join(f"{n:>{width},}" for n in sizes) + "  target")
    for measure in measures:
        cells = "".join(f"{rows[n][measure]:>{width}}" for n in sizes)
        print(f"{measure:<38}{cells}  {targets.get(measure, '')}".rstrip())


def _verdict(met: bool, target: str) -> str:
    return f"target {target}: {'ok' if met else 'MISSED'}"


def _rss(built: Built) -> str:
    total = f"{built.total_mb:.0f}" if built.total_mb else "?"
    return f"{built.largest_mb:.0f}/{total}"


def _cell(timing: Timing) -> str:
    failed = f" (exit {timing.code})" if timing.code else ""
    return f"{timing.best:.2f}{failed}"


# ----------------------------------------------------------------- the data


def _sizes(variable: str, default: str) -> list[int]:
    text = os.environ.get(variable) or default
    sizes = [int(part) for part in text.replace(" ", "").split(",") if part]
    if not sizes or min(sizes) < 1:
        raise SystemExit(f"bench: {variable} must be positive numbers, e.g. {default}")
    return sizes


def _spaced(items: Sequence[T], count: int) -> list[T]:
    """``count`` items evenly spaced over ``items`` (all of them if fewer)."""
    if count >= len(items):
        return list(items)
    return [items[(i * len(items)) // count] for i in range(count)]


def _read(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:  # sport/199.txt holds one Latin-1 pound sign
        return data.decode("latin-1")


def _originals(folder: Path) -> list[tuple[str, str]]:
    """(category-stem, text) of each distinct BBC text (whitespace-normalised)."""
    seen: set[str] = set()
    found = []
    for path in sorted(folder.rglob("*.txt")):
        text = _read(path)
        key = " ".join(text.split())
        if key not in seen:
            seen.add(key)
            found.append((f"{path.parent.name}-{path.stem}", text))
    return found


Span = tuple[int, int, str]  # start, end (characters) and NER label
LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def _entity_spans(texts: list[str]) -> list[list[Span]]:
    """Each text's PERSON, ORG, GPE and NORP spans, by spaCy's NER alone."""
    from kg.nlp import BATCH_SIZE, load_pipeline

    nlp = load_pipeline()
    enable = ["ner"]  # en_core_web_sm's NER has its own tok2vec; others may not
    if "tok2vec" in nlp.pipe_names:
        tok2vec = nlp.get_pipe("tok2vec")
        if "ner" in getattr(tok2vec, "listening_components", []):
            enable.insert(0, "tok2vec")
    spans = []
    with nlp.select_pipes(enable=enable):
        for doc in nlp.pipe(texts, batch_size=BATCH_SIZE):
            spans.append(
                [
                    (ent.start_char, ent.end_char, ent.label_)
                    for ent in doc.ents
                    if ent.label_ in LABELS and ent.text.strip()
                ]
            )
    return spans


def _write_corpus(
    base: list[tuple[str, str]], spans: list[list[Span]], count: int, folder: Path
) -> list[Path]:
    """The first ``count`` synthetic articles as files in ``folder``, in order."""
    folder.mkdir(parents=True)
    paths = []
    for number, (name, text) in enumerate(_synthetic(base, spans)):
        if number >= count:
            break
        path = folder / f"{number:06d}-{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _synthetic(
    base: list[tuple[str, str]], spans: list[list[Span]]
) -> Iterator[tuple[str, str]]:
    """Copy 0 (the originals), copy 1, ... each in its own hashed order;
    a text identical to an earlier one is re-drawn, else left out."""
    seen: set[str] = set()
    for copy in itertools.count():
        order = sorted(range(len(base)), key=lambda i: _hash(base[i][0], str(copy)))
        made_any = False
        for i in order:
            name, text = base[i]
            for salt in range(3):
                made = _permute(text, spans[i], copy, salt)
                digest = hashlib.sha256(made.encode("utf-8")).hexdigest()
                if digest not in seen:
                    seen.add(digest)
                    made_any = True
                    yield f"c{copy:02d}-{name}", made
                    break
        if not made_any:  # texts without entities: no new copy can be made
            return


def _permute(text: str, spans: list[Span], copy: int, salt: int) -> str:
    """``text`` with each entity span replaced for copy ``copy`` (0: unchanged)."""
    if copy == 0 and salt == 0:
        return text
    parts, at = [], 0
    for start, end, label in spans:
        parts += [
            text[at:start],
            _replacement(text[start:end], label, f"{copy}.{salt}"),
        ]
        at = end
    parts.append(text[at:])
    return "".join(parts)


def _replacement(name: str, label: str, copy: str) -> str:
    """A plausible name in place of ``name``, the same for the same (name, copy).

    A person's last word maps to a surname and each other word to a first
    name, so "Tony Blair" and a later "Blair" stay one person.
    """
    key = " ".join(name.split())
    if label == "PERSON":
        words = key.split()
        firsts = [_pick(FIRST_NAMES, "first", w, copy) for w in words[:-1]]
        last = _pick(SURNAME_STARTS, "last", words[-1], copy) + _pick(
            SURNAME_ENDS, "last-end", words[-1], copy
        )
        return " ".join([*firsts, last])
    if label == "GPE":
        return _pick(_countries(), "gpe", key, copy)
    if label == "NORP":
        return _pick(DEMONYMS, "norp", key, copy)
    if key.isupper() and key.isalpha() and len(key) <= 5:  # an acronym: BBC, EU
        digest = _hash("acronym", key, copy)
        return "".join(
            chr(ord("A") + (digest >> (5 * i)) % 26) for i in range(len(key))
        )
    return " ".join(
        (
            _pick(ORG_FIRST, "org1", key, copy),
            _pick(ORG_SECOND, "org2", key, copy),
            _pick(ORG_KINDS, "org3", key, copy),
        )
    )


def _hash(*parts: str) -> int:
    digest = hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=8)
    return int.from_bytes(digest.digest(), "big")


def _pick(pool: Sequence[str], *key: str) -> str:
    return pool[_hash(*key) % len(pool)]


def _link(paths: list[Path], folder: Path) -> Path:
    """A folder holding ``paths`` (hard links; copies where links fail)."""
    folder.mkdir()
    for path in paths:
        try:
            os.link(path, folder / path.name)
        except OSError:
            shutil.copyfile(path, folder / path.name)
    return folder


@functools.cache
def _countries() -> tuple[str, ...]:
    import pycountry

    short = {
        "Russian Federation": "Russia",
        "Syrian Arab Republic": "Syria",
        "Viet Nam": "Vietnam",
        "Lao People's Democratic Republic": "Laos",
        "Türkiye": "Turkey",
    }
    names = set()
    for country in pycountry.countries:
        name = str(getattr(country, "common_name", None) or country.name)
        name = short.get(name, name)
        if "," not in name and "(" not in name:
            names.add(name)
    return tuple(sorted(names))


DEMONYMS = (
    "American", "Argentine", "Australian", "Austrian", "Belgian", "Brazilian",
    "British", "Canadian", "Chilean", "Chinese", "Colombian", "Croatian", "Czech",
    "Danish", "Dutch", "Egyptian", "Estonian", "Ethiopian", "Filipino", "Finnish",
    "French", "German", "Ghanaian", "Greek", "Hungarian", "Icelandic", "Indian",
    "Indonesian", "Irish", "Israeli", "Italian", "Japanese", "Kenyan", "Korean",
    "Latvian", "Lithuanian", "Malaysian", "Mexican", "Moroccan", "Nigerian",
    "Norwegian", "Pakistani", "Peruvian", "Polish", "Portuguese", "Romanian",
    "Russian", "Scottish", "Serbian", "Slovak", "Spanish", "Swedish", "Swiss",
    "Thai", "Turkish", "Ukrainian", "Uruguayan", "Vietnamese", "Welsh",
)  # fmt: skip
FIRST_NAMES = (
    "Adam", "Alice", "Amir", "Ana", "Anna", "Ben", "Carla", "Chen", "Daniel",
    "David", "Elena", "Emma", "Farid", "Fatima", "George", "Grace", "Hana",
    "Hugo", "Ian", "Ines", "Jack", "James", "Julia", "Karim", "Kate", "Laura",
    "Leo", "Lucy", "Maria", "Mark", "Marta", "Nadia", "Nina", "Omar", "Paul",
    "Peter", "Priya", "Rafael", "Rosa", "Ruth", "Sam", "Sara", "Simon", "Sofia",
    "Tom", "Victor", "Yusuf", "Zoe",
)  # fmt: skip
SURNAME_STARTS = (
    "Ash", "Bar", "Black", "Brad", "Brook", "Carl", "Cole", "Crane", "Dun",
    "East", "Fair", "Fern", "Glen", "Green", "Hal", "Hart", "Hol", "Kent",
    "Lang", "Marsh", "Mil", "Nor", "Oak", "Pen", "Red", "Ros", "Stan", "Thorn",
    "West", "Wood",
)  # fmt: skip
SURNAME_ENDS = (
    "berg", "by", "croft", "dale", "field", "ford", "gate", "ham", "holm",
    "hurst", "ley", "mont", "more", "ridge", "shaw", "stead", "ton", "well",
    "wick", "worth",
)  # fmt: skip
ORG_FIRST = (
    "Albion", "Apex", "Arden", "Atlas", "Beacon", "Blue", "Cedar", "Central",
    "Coastal", "Crown", "Delta", "Eastern", "Falcon", "First", "General",
    "Global", "Golden", "Granite", "Harbour", "Highland", "Imperial", "Lake",
    "Meridian", "Metro", "National", "Northern", "Orion", "Pacific", "Pioneer",
    "Premier", "Royal", "Silver", "Southern", "Sterling", "Summit", "Union",
    "United", "Vanguard", "Western", "Zenith",
)  # fmt: skip
ORG_SECOND = (
    "Aerospace", "Agri", "Air", "Auto", "Bio", "Capital", "Chemical", "Coal",
    "Communications", "Credit", "Data", "Digital", "Energy", "Engineering",
    "Film", "Foods", "Freight", "Gas", "Health", "Housing", "Insurance",
    "Investment", "Leisure", "Logistics", "Media", "Metals", "Mining", "Motor",
    "Music", "Oil", "Pharma", "Power", "Rail", "Retail", "Shipping", "Software",
    "Steel", "Telecom", "Textile", "Water",
)  # fmt: skip
ORG_KINDS = (
    "Group", "Bank", "Corp", "Holdings", "Partners", "Trust", "Association",
    "Council", "Foundation", "Company",
)  # fmt: skip


if __name__ == "__main__":
    raise SystemExit(main())
