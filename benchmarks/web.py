"""Web: ``kg serve`` page and API times against the bare SPARQL behind them.

``python -m benchmarks web`` (part of ``make bench``): builds 2,000 BBC
articles into a store (``KG_BENCH_WEB_SIZE``; or give a built store with
``KG_BENCH_WEB_STORE``), starts ``kg serve`` on it and, for the three
entities with the most events:

* times each page and its JSON twin (``/entity``, ``/network`` at 1 and 2
  hops, ``/path`` between the first two, the article of one of its events,
  search) as the median of 5 requests after one warm-up, against the main
  SPARQL query behind it run on a bare pyoxigraph read-only store in this
  process (the ratio: what the page adds to the query);
* loads the 2-hop network page in headless Chromium and reports the time
  until the graph is drawn and the mean time of a redraw (responsiveness).

Targets: each entity page under 300 ms; the network page drawn within 1 s of
the request when the user comes from the entity page (a fresh browser's
first page, which also starts Chromium's renderer, is reported beside it).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlencode
from urllib.request import urlopen

from kg.cli.app import EXIT_SKIPPED
from kg.eval.shared import bbc_articles

PAGE_TARGET_MS = 300.0
NETWORK_TARGET_MS = 1000
BIG_NODES = 2000  # the network view's --max-nodes
# Draws a made-up network of N entities (each linked to 1-2 earlier ones, a
# deterministic sequence) with the page's own graph view, then times redraws.
_BIG_VIEW = """
const done = arguments[arguments.length - 1], n = arguments[0];
const types = ["Person", "Organization", "Country", "Place", "Thing"];
const classes = ["Supply", "Attack", "Meeting", "Statement", "Event"];
const nodes = [], edges = [];
let seed = 7;
const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
for (let i = 0; i < n; i++) {
  nodes.push({ id: "n" + i, label: "Entity " + i, type: types[i % 5],
               mentions: 1 + (i % 40) });
  for (let k = 0; k < (i % 3 === 0 ? 2 : 1) && i > 0; k++) {
    const j = Math.floor(next() * i);
    edges.push({ id: "n" + i + " n" + j + " " + k, source: "n" + i, target: "n" + j,
                 event_class: classes[(i + k) % 5], weight: 1, links: [] });
  }
}
const box = document.getElementById("graph");
window.kgView.renderer.kill();
const started = performance.now();
const view = kgGraph.draw(box, { nodes, edges }, {});
const drawn = performance.now() - started;
const times = [];
let count = 0;
function step() {
  const t = performance.now();
  view.renderer.refresh();
  times.push(performance.now() - t);
  if (++count < 20) requestAnimationFrame(step);
  else done({ nodes: view.graph.order, edges: view.graph.size, drawn,
              frame: times.reduce((a, b) => a + b, 0) / times.length });
}
requestAnimationFrame(step);
"""
REQUESTS = 5
SIZE = int(os.environ.get("KG_BENCH_WEB_SIZE", "2000"))
# The people, organisations and countries with the most events (as agent,
# recipient or target).
_TOP = """
PREFIX kg: <https://w3id.org/kgnews/ontology#>
SELECT ?e (COUNT(DISTINCT ?event) AS ?n) WHERE {
  VALUES ?type { kg:Person kg:Organization kg:Country }
  ?event kg:evidence ?evidence ; ?role ?e .
  ?e a ?type .
  FILTER (?role IN (kg:agent, kg:recipient, kg:target))
} GROUP BY ?e ORDER BY DESC(?n) LIMIT 3"""


def main() -> int:
    """Build (or take) a store, serve it, time the pages."""
    given = os.environ.get("KG_BENCH_WEB_STORE")
    if given:
        return _bench(Path(given))
    folder = bbc_articles("web")
    if folder is None:
        return 1
    from benchmarks.scale import _spaced

    files = _spaced(sorted(folder.rglob("*.txt")), SIZE)
    with tempfile.TemporaryDirectory(prefix="kg-web-") as tmp:
        location = Path(tmp) / "kg-data"
        print(f"building {len(files):,} BBC articles into a store (--workers 2)...")
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "kg", "build", *map(str, files), "--store",
             str(location), "--workers", "2", "-q"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if done.returncode not in (0, EXIT_SKIPPED):
            print(f"bench: kg build failed: {done.stderr[-2000:]}", file=sys.stderr)
            return 1
        print(f"  built in {time.perf_counter() - started:.0f} s")
        return _bench(location)


def _bench(location: Path) -> int:
    import pyoxigraph as ox

    from kg.store.sparql import restrict
    from kg.web.dossier import _EVENTS
    from kg.web.drawing import _EVENTS_OF
    from kg.web.reader import _EVENTS as _ARTICLE_EVENTS

    bare = ox.Store.read_only(str(location))
    top = [(row["e"].value, int(row["n"].value)) for row in _rows(bare, _TOP)]
    server = _serve(location)
    status = 0
    try:
        print(f"kg serve on {location} ({len(bare):,} stored triples)")
        print(f"  {'request':<46}{'median ms':>10}{'bare ms':>10}{'ratio':>8}")
        for number, (iri, events) in enumerate(top):
            key = _short(iri)
            print(f"-- {key}: {events} events")
            node = str(ox.NamedNode(iri))
            entity_sparql = _EVENTS.replace("?x", node)
            network_sparql = restrict(_EVENTS_OF, "x", [iri])
            article = _an_article(server, key)
            rows: list[tuple[str, str, str | None]] = [
                ("entity page", "/entity?" + urlencode({"e": key}), entity_sparql),
                ("/api/entity", "/api/entity?" + urlencode({"e": key}), entity_sparql),
                ("network page, 1 hop", "/network?" + urlencode({"e": key}),
                 network_sparql),
                ("/api/network, 2 hops",
                 "/api/network?" + urlencode({"e": key, "hops": 2}), network_sparql),
                ("article page", "/article?" + urlencode({"id": article}),
                 _ARTICLE_EVENTS.replace("DOC", f"<{_doc(bare, article)}>")),
                ("search page", "/?" + urlencode({"q": key.split(":")[-1][:4]}), None),
            ]  # fmt: skip
            if number == 0 and len(top) > 1:
                other = _short(top[1][0])
                rows.append(
                    ("path page (to the second)",
                     "/path?" + urlencode({"a": key, "b": other, "undirected": 1}),
                     None)
                )  # fmt: skip
            for label, path, sparql in rows:
                served = _median(partial(_get, server, path))
                base = _median(partial(_bare, bare, sparql)) if sparql else None
                ratio = f"{served / base:8.1f}" if base else f"{'':>8}"
                verdict = ""
                if label == "entity page":
                    met = served <= PAGE_TARGET_MS
                    verdict = f"  target <= {PAGE_TARGET_MS:.0f}: " + (
                        "ok" if met else "MISSED"
                    )
                    status |= 0 if met else 1
                shown = f"{base:10.1f}" if base else f"{'':>10}"
                print(f"  {label:<46}{served:10.1f}{shown}{ratio}{verdict}", flush=True)
        _browser(server, _short(top[0][0]))
    finally:
        server[1].terminate()
        server[1].wait(timeout=10)
    return status


def _rows(store: Any, query: str) -> list[Any]:
    return list(store.query(query))


def _serve(location: Path) -> tuple[str, subprocess.Popen[str]]:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.conftest import start_server

    running = start_server("--store", str(location), timeout=300)
    return running.url, running.process


def _get(server: tuple[str, Any], path: str) -> None:
    with urlopen(server[0] + path, timeout=120) as answer:
        answer.read()


def _bare(store: Any, query: str) -> None:
    from kg.store.sparql import PREFIXES

    for _ in store.query(query, prefixes=PREFIXES):
        pass


def _median(call: Callable[[], None]) -> float:
    call()  # warm-up
    times = []
    for _ in range(REQUESTS):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def _an_article(server: tuple[str, Any], key: str) -> str:
    import json

    with urlopen(server[0] + "/api/entity?" + urlencode({"e": key})) as answer:
        data = json.load(answer)
    return str(data["events"][0]["article"])


def _doc(store: Any, article: str) -> str:
    import pyoxigraph as ox

    identifier = ox.Literal(article)
    rows = store.query(
        f"SELECT ?doc WHERE {{ ?doc <https://schema.org/identifier> {identifier} }}"
    )
    return str(next(iter(rows))["doc"].value)


def _short(iri: str) -> str:
    from kg.store.entities import short_name

    return short_name(iri)


def _drawn(driver: Any, page: str) -> tuple[float, int]:
    """Milliseconds from asking for ``page`` until its graph is drawn, and
    the number of entities drawn."""
    started = time.perf_counter()
    driver.get(page)
    order = 0
    while time.perf_counter() - started < 120:
        order = driver.execute_script(
            "return window.kgView ? window.kgView.graph.order : 0"
        )
        if order:
            break
        time.sleep(0.02)
    return (time.perf_counter() - started) * 1000, order


def _browser(server: tuple[str, Any], key: str) -> None:
    """The 2-hop network page in headless Chromium: draw and redraw times."""
    from tests.conftest import CHROMEDRIVER, CHROMIUM, start_chromium

    if CHROMIUM is None or CHROMEDRIVER is None:
        print("  (no chromium: the browser measurement is skipped)")
        return
    driver = start_chromium()
    page = server[0] + "/network?" + urlencode({"e": key, "hops": 2})
    try:
        drawn, order = _drawn(driver, page)  # the browser's first page
        warm = []
        for _ in range(3):  # as a user gets there: from the entity page
            driver.get(server[0] + "/entity?" + urlencode({"e": key}))
            warm.append(_drawn(driver, page)[0])
        frame = driver.execute_async_script(
            """
            const done = arguments[0], view = window.kgView, times = [];
            let n = 0;
            function step() {
              const t = performance.now();
              view.renderer.getCamera().animatedZoom({ duration: 0 });
              view.renderer.refresh();
              times.push(performance.now() - t);
              if (++n < 20) requestAnimationFrame(step);
              else done(times.reduce((a, b) => a + b, 0) / times.length);
            }
            requestAnimationFrame(step);
            """
        )
        size = driver.execute_script("return window.kgView.graph.size")
        median = statistics.median(warm)
        verdict = "ok" if median <= NETWORK_TARGET_MS else "OVER"
        print(
            f"  network page, 2 hops, in Chromium: {order:,} entities, {size:,} "
            f"links; drawn {median:.0f} ms after the request from the entity page "
            f"(median of 3; target <= {NETWORK_TARGET_MS}: {verdict}), "
            f"{drawn:.0f} ms as a fresh browser's first page; redraw {frame:.1f} ms "
            "(software WebGL)"
        )
        big = driver.execute_async_script(_BIG_VIEW, BIG_NODES)
        print(
            f"  the same view with {big['nodes']:,} entities and {big['edges']:,} "
            f"links (made up in the page): layout and first draw {big['drawn']:.0f} "
            f"ms, redraw {big['frame']:.1f} ms"
        )
    finally:
        driver.quit()
