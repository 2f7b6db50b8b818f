"""Shared fixtures: the real pipeline, hand-built Docs, the seed build, and a
real ``kg serve`` process with headless Chromium driving it (Debian's
``chromium`` and ``chromedriver``, installed by ``make install``)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox
import pytest
import spacy
from rdflib import Dataset, Graph
from spacy.language import Language
from spacy.tokens import Doc

from kg.ingest import read_inputs
from kg.network.graph import collapse, entity_graph
from kg.nlp import load_pipeline
from kg.pipeline.article import extract_articles
from kg.pipeline.options import BuildReport
from kg.rdf.mapping import build_dataset, union
from kg.rdf.write import write_rdf
from kg.records import Article
from kg.store.entities import EntityIndex
from kg.store.local import load_data

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
MODEL_VERSION = "3.8.0"

_BLANK = spacy.blank("en")  # English lexical attributes (is_alpha, like_num)

# (word, lemma, pos, tag, dep, head index)
Row = tuple[str, str, str, str, str, int]


def make_doc(rows: Sequence[Row], ents: Sequence[tuple[int, int, str]] = ()) -> Doc:
    """A hand-built parsed Doc: no model needed, fully deterministic."""
    words = [r[0] for r in rows]
    doc = Doc(
        _BLANK.vocab,
        words=words,
        lemmas=[r[1] for r in rows],
        pos=[r[2] for r in rows],
        tags=[r[3] for r in rows],
        deps=[r[4] for r in rows],
        heads=[r[5] for r in rows],
        sent_starts=[i == 0 for i in range(len(rows))],
        ents=_iob(len(rows), ents),
    )
    return doc


def write_two_browns(folder: Path) -> None:
    """Two articles: Gordon Brown, named in full and by surname, in
    ``a.txt``; a "Mr Brown" of another story in ``b.txt``."""
    (folder / "a.txt").write_text(
        "Brown visits Paris\n\nGordon Brown met Jacques Chirac in Paris on Monday. "
        "Gordon Brown later criticised Tony Blair. Brown also met Angela Merkel.\n",
        encoding="utf-8",
    )
    (folder / "b.txt").write_text(
        "Budget row\n\nMr Brown attacked the Conservative Party on Tuesday.\n",
        encoding="utf-8",
    )


def _iob(n: int, ents: Sequence[tuple[int, int, str]]) -> list[str]:
    tags = ["O"] * n
    for start, end, label in ents:
        tags[start] = f"B-{label}"
        for i in range(start + 1, end):
            tags[i] = f"I-{label}"
    return tags


@pytest.fixture(scope="session")
def nlp() -> Language:
    pipeline = load_pipeline()
    assert pipeline.meta["version"] == MODEL_VERSION
    return pipeline


@pytest.fixture(scope="session")
def seed_build(nlp: Language) -> tuple[Dataset, BuildReport]:
    """The seeds through the library's rdflib route: records → Dataset."""
    articles = [a for a in read_inputs([SEEDS]) if isinstance(a, Article)]
    extractions = list(extract_articles(nlp, articles))
    report = BuildReport()
    for extraction in extractions:
        report.add(extraction)
    dataset = build_dataset(extractions)
    report.triples = len(dataset)
    return dataset, report


@pytest.fixture(scope="session")
def seed_graph(seed_build: tuple[Dataset, BuildReport]) -> Graph:
    return union(seed_build[0])


@pytest.fixture(scope="session")
def seed_trig(
    seed_build: tuple[Dataset, BuildReport], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The seeds built once and written as TriG (one named graph per article)."""
    path = tmp_path_factory.mktemp("seeds") / "seeds.trig"
    write_rdf(seed_build[0], path)
    return path


@pytest.fixture(scope="session")
def seed_store(seed_trig: Path) -> ox.Store:
    return load_data([seed_trig])


@pytest.fixture(scope="session")
def seed_network(seed_store: ox.Store) -> nx.MultiDiGraph[str]:
    return entity_graph(seed_store)


@pytest.fixture(scope="session")
def seed_paths(seed_network: nx.MultiDiGraph[str]) -> nx.DiGraph[str]:
    """The collapsed entity graph that path searches run on."""
    return collapse(seed_network)


@pytest.fixture(scope="session")
def seed_index(seed_network: nx.MultiDiGraph[str]) -> EntityIndex:
    return EntityIndex.of(
        {iri: seed_network.nodes[iri]["node"] for iri in seed_network}
    )


@pytest.fixture(scope="session")
def seed_store_path(nlp: Language, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds built into a persistent store folder (closed again)."""
    from kg.pipeline.run import build
    from kg.store import open_store

    location = tmp_path_factory.mktemp("seed-store") / "kg-data"
    with open_store(location, create=True) as store:
        build([SEEDS], store, nlp=nlp)
    return location


# -- kg serve and a browser ------------------------------------------------

SCREENSHOTS = ROOT / "out" / "screenshots"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
_LISTENING = re.compile(r"kg serve: (http://\S+/)")


@dataclass
class Server:
    """A running ``kg serve``: its base URL and process."""

    url: str
    process: subprocess.Popen[str]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_server(*args: str, timeout: float = 60.0) -> Server:
    """Start ``kg serve ARGS --port 0`` and wait until it says where it listens."""
    command = [sys.executable, "-m", "kg", "serve", *args, "--port", "0"]
    process = subprocess.Popen(
        command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, cwd=ROOT
    )
    assert process.stderr is not None
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line:
            if process.poll() is not None:
                break
            continue
        seen.append(line)
        found = _LISTENING.search(line)
        if found:
            return Server(found.group(1).rstrip("/"), process)
    process.kill()
    raise RuntimeError(f"kg serve did not start: {''.join(seen)}")


@pytest.fixture(scope="session")
def server(seed_store_path: Path) -> Iterator[Server]:
    """``kg serve`` over the seeds' store."""
    running = start_server("--store", str(seed_store_path))
    yield running
    running.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Chromium through chromedriver (Selenium)."""
    if CHROMIUM is None or CHROMEDRIVER is None:
        pytest.fail(
            "chromium and chromedriver are needed: `make install` installs them "
            "(apt-get install chromium chromium-driver)"
        )
    driver = start_chromium()
    yield driver
    driver.quit()


def start_chromium() -> Any:
    """Debian's chromium, headless, with software WebGL, through chromedriver."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    assert CHROMIUM is not None and CHROMEDRIVER is not None
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--window-size=1400,1000",
        "--use-angle=swiftshader",
        "--enable-unsafe-swiftshader",
        "--disable-gpu-sandbox",
    ):
        options.add_argument(flag)
    os.environ.setdefault("SE_AVOID_STATS", "true")
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    driver.set_page_load_timeout(60)
    return driver


def screenshot(driver: object, name: str) -> Path:
    """Save the window as ``out/screenshots/NAME.png``."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    driver.save_screenshot(str(path))  # type: ignore[attr-defined]
    return path
