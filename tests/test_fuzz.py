"""Fuzzing: random inputs through ingest → build → store → read (issue 10).

``make test`` runs a bounded number of examples; ``make fuzz`` runs many
(``KG_FUZZ_EXAMPLES``) and the full kill-and-resume series
(``KG_FUZZ_KILLS`` builds of ``KG_FUZZ_ARTICLES`` articles).

For every example: no exception escapes; every input line is either stored
or reported with its file and line; every written file parses (Oxigraph and
``rapper``); the store's default graph is the union of its article graphs;
and every IRI is ASCII with no character of the text that could break it.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from kg.ingest import read_inputs
from kg.network.graph import entity_graph
from kg.network.summary import network_graph
from kg.pipeline.run import build
from kg.query import canned_queries, run_query
from kg.rdf.iri import DEFAULT_BASE
from kg.records import Article, Problem
from kg.store import Store
from kg.store.articles import stored_articles
from kg.store.merged import merged_graph

from .conftest import ROOT

pytestmark = pytest.mark.model

EXAMPLES = int(os.environ.get("KG_FUZZ_EXAMPLES", "25"))
KILLS = int(os.environ.get("KG_FUZZ_KILLS", "2"))
KILL_ARTICLES = int(os.environ.get("KG_FUZZ_ARTICLES", "24"))
MERGED = merged_graph(DEFAULT_BASE)
# Graphs derived from all articles: not part of any article.
DERIVED = {MERGED, network_graph(DEFAULT_BASE)}
# An IRI kg writes: ASCII, no space, quote, angle bracket or other delimiter.
_SAFE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[!#$%&'()*+,./0-9:;=?@A-Z\[\]_a-z~-]*")

WORDS = [
    "Russia", "supplied", "missiles", "to", "Syria", "North", "Korea", "sanctioned",
    "Iran", "met", "the", "president", "Kim", "Jong", "Un", "in", "Moscow", "on",
    "Tuesday", "said", "attacked", "Kyiv", "he", "it", "they", "and", ".", ",", '"',
    "Mr", "Putin", "urged", "China", "sent", "drones",
]  # fmt: skip
ODD = [
    "\u200b", "\u200d", "\u200e", "\u202e", "\u2066", "\ufeff", "\u00ad", "\x00",
    "\x0b", "\x1b", "\x7f", "\x85", "\u00a0", "\u2028", "\U0001f680", "\ufe0f",
    "\ud800", "\udfff", "\t", "\n", "\r", "<", ">", "{", "}", "\\", "^", "`", "|",
    "%", "#", "'", "\u0301", "\U0010ffff", "\uffff",
]  # fmt: skip


IDS = ["a", "b", "c", "ü d", "x/y", "\ud800", "<x>", "a b\nc"]
DATES = ["2024-03-05", "2024-13-45", "", "x", "2024-02-30T10:00"]


@st.composite
def texts(draw: st.DrawFn) -> str:
    parts = draw(
        st.lists(
            st.one_of(
                st.sampled_from(WORDS),
                st.sampled_from(ODD),
                st.text(max_size=6),
            ),
            max_size=40,
        )
    )
    return " ".join(parts)


@st.composite
def jsonl_lines(draw: st.DrawFn) -> str:
    kind = draw(st.integers(0, 9))
    if kind <= 5:
        record: dict[str, object] = {"text": draw(texts())}
        if draw(st.booleans()):
            record["id"] = draw(st.sampled_from(IDS))
        if draw(st.booleans()):
            record["title"] = draw(texts())
        if draw(st.booleans()):
            record["date"] = draw(st.sampled_from(DATES))
        return json.dumps(record, ensure_ascii=draw(st.booleans()))
    if kind == 6:
        return draw(texts())  # not JSON
    if kind == 7:
        return json.dumps(draw(st.one_of(st.integers(), st.lists(st.integers()))))
    if kind == 8:
        return json.dumps({"text": draw(st.integers())})
    return json.dumps({"title": "no text"})


@st.composite
def inputs(draw: st.DrawFn) -> list[tuple[str, bytes]]:
    files: list[tuple[str, bytes]] = []
    for number in range(draw(st.integers(1, 3))):
        if draw(st.booleans()):
            lines = draw(st.lists(jsonl_lines(), max_size=6))
            data = "\n".join(lines).encode("utf-8", "surrogatepass")
            files.append((f"f{number}.jsonl", data))
        else:
            text = draw(texts())
            files.append((f"f{number}.txt", text.encode("utf-8", "surrogatepass")))
    return files


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(files=inputs())
def test_fuzz_random_inputs_are_stored_or_reported(
    nlp: Language, files: list[tuple[str, bytes]]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = []
        for name, data in files:
            path = folder / name
            path.write_bytes(data)
            paths.append(path)
        _check_accounted(paths)
        store = Store.memory()
        report = build(paths, store, nlp=nlp)
        stored = {a.id for a in stored_articles(store)}
        read = [a for a in read_inputs(paths) if isinstance(a, Article)]
        assert {a.id for a in read} == stored
        assert report.articles == len(stored)
        _check_store(store)
        entity_graph(store)
        for query in canned_queries().values():
            if all(not p.required for p in query.params):
                run_query(store, query)
        if stored:
            for suffix in (".ttl", ".nq"):
                written = folder / f"out{suffix}"
                build(paths, written, nlp=nlp)
                _check_parses(written)


def _check_accounted(paths: list[Path]) -> None:
    """Every non-blank line (or file) is an article or a problem naming it."""
    found = list(read_inputs(paths))
    seen: set[tuple[str, int | None]] = set()
    for item in found:
        if isinstance(item, Problem):
            assert item.origin and item.reason
            seen.add((item.origin, item.line))
        else:
            file, _, line = item.origin.rpartition(":")
            if item.origin.endswith(".txt"):
                seen.add((item.origin, None))
            else:
                seen.add((file, int(line)))
    for path in paths:
        text = path.read_bytes()
        if path.suffix == ".txt" or not text.strip():
            assert (str(path), None) in seen or any(
                origin == str(path) for origin, _ in seen
            ), path
            continue
        if any(origin == str(path) and number is None for origin, number in seen):
            continue  # the whole file was refused (binary, empty)
        for count, raw in enumerate(text.split(b"\n"), start=1):
            if raw.strip():
                assert (str(path), count) in seen, (path, count, raw)


def _check_store(handle: Store) -> None:
    store = handle.backend
    assert isinstance(store, ox.Store)
    default = {
        (q.subject, q.predicate, q.object)
        for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())
    }
    articles = {
        (q.subject, q.predicate, q.object)
        for q in store.quads_for_pattern(None, None, None, None)
        if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value not in DERIVED
    }
    assert default == articles
    for quad in store.quads_for_pattern(None, None, None, None):
        for term in (quad.subject, quad.predicate, quad.object, quad.graph_name):
            if isinstance(term, ox.NamedNode):
                assert _SAFE_IRI.fullmatch(term.value), term.value


def _check_parses(path: Path) -> None:
    fmt = ox.RdfFormat.TURTLE if path.suffix == ".ttl" else ox.RdfFormat.N_QUADS
    list(ox.parse(path=str(path), format=fmt))
    rapper = shutil.which("rapper")
    if rapper is not None:
        syntax = "turtle" if path.suffix == ".ttl" else "nquads"
        done = subprocess.run(
            [rapper, "-q", "-i", syntax, "-c", str(path)], capture_output=True
        )
        assert done.returncode == 0, done.stderr.decode("utf-8", "replace")


def _quads_text(location: Path) -> list[str]:
    store = ox.Store.read_only(str(location))
    return sorted(str(q) for q in store.quads_for_pattern(None, None, None, None))


def _articles(folder: Path, count: int) -> None:
    folder.mkdir()
    countries = ["Norway", "Japan", "Canada", "Poland", "Chile", "Kenya", "Peru"]
    for number in range(count):
        country = countries[number % len(countries)]
        (folder / f"a{number:03d}.txt").write_text(
            f"{country} sent {number + 2} trucks to Ukraine on Monday, officials "
            f"said. Russia attacked Kyiv with {number + 1} drones. "
            f"{country} condemned the attack.",
            encoding="utf-8",
        )


def test_fuzz_kill_at_a_random_moment_then_resume_equals_a_clean_build(
    tmp_path: Path,
) -> None:
    articles = tmp_path / "articles"
    _articles(articles, KILL_ARTICLES)
    command = [sys.executable, "-m", "kg", "build", str(articles), "-q", "--store"]
    clean = tmp_path / "clean"
    done = subprocess.run([*command, str(clean)], cwd=ROOT, capture_output=True)
    assert done.returncode == 0, done.stderr
    expected = _quads_text(clean)
    rng = random.Random(2026)
    for run in range(KILLS):
        location = tmp_path / f"run{run}"
        process = subprocess.Popen(
            [*command, str(location)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.5, 6.0))  # loading, parsing or writing
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.wait()
        resumed = subprocess.run(
            [*command, str(location), "--resume"], cwd=ROOT, capture_output=True
        )
        assert resumed.returncode == 0, resumed.stderr
        assert _quads_text(location) == expected, f"run {run}"
