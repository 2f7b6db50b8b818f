"""Canned reports: the store keeps their default answers, current or none."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest
from spacy.language import Language
from typer.testing import CliRunner

from kg.cli import app
from kg.network.summary import network_graph
from kg.pipeline.run import build
from kg.query import QueryResult, canned_queries, resolve_query, run_query, table_rows
from kg.rdf.iri import DEFAULT_BASE
from kg.reports import keep_reports, kept_answer
from kg.store import Store, open_store

from .conftest import ROOT, SEEDS

pytestmark = pytest.mark.model
REPORT = "who-supplied-whom"


@pytest.fixture
def store(nlp: Language, tmp_path: Path) -> Store:
    opened = open_store(tmp_path / "kg-data", create=True)
    build([SEEDS], opened, nlp=nlp)
    return opened


def _table(result: QueryResult) -> tuple[list[str], list[list[str]], int]:
    assert isinstance(result, ox.QuerySolutions)
    return table_rows(result)


def test_reports_are_the_canned_queries_marked_so() -> None:
    reports = sorted(n for n, q in canned_queries().items() if q.report)
    assert reports == [REPORT]
    assert not any(p.required for p in canned_queries()[REPORT].params)


def test_the_kept_answer_is_the_query_s_own(store: Store) -> None:
    canned = resolve_query(REPORT)
    kept = kept_answer(store.backend, canned)
    assert kept is not None
    fresh = _table(run_query(store.backend, canned, {}, kept=False))
    assert _table(kept) == fresh
    assert fresh[2] > 0  # the seeds supply missiles, drones and engines
    # asked its defaults in so many words, the query reads the same answer
    asked = run_query(store.backend, canned, {"factuality": "asserted"})
    assert _table(asked) == fresh


def test_other_parameters_run_the_query(store: Store) -> None:
    canned = resolve_query(REPORT)
    every = _table(run_query(store.backend, canned, {"factuality": "any"}))
    asserted = _table(run_query(store.backend, canned, {}))
    assert every[2] > asserted[2]  # the seeds' Supply events are not all asserted


def test_a_change_leaves_no_answer_until_the_views_are_made_again(
    store: Store,
) -> None:
    canned = resolve_query(REPORT)
    before = _table(run_query(store.backend, canned, {}, kept=False))
    store.update("INSERT DATA { <urn:x:a> <urn:x:b> 'c' }")
    assert kept_answer(store.backend, canned) is None
    assert _table(run_query(store.backend, canned, {})) == before
    store.refresh()
    kept = kept_answer(store.backend, canned)
    assert kept is not None and _table(kept) == before


def test_another_query_text_reads_no_answer(store: Store) -> None:
    canned = resolve_query(REPORT)
    text = canned.text.replace("?evidence ?article", "?article")
    changed = replace(canned, text=text)
    assert kept_answer(store.backend, canned) is not None
    assert kept_answer(store.backend, changed) is None


def test_keeping_without_a_digest_drops_the_answers(store: Store) -> None:
    assert keep_reports(store.backend, network_graph(DEFAULT_BASE), None) == 0
    assert kept_answer(store.backend, resolve_query(REPORT)) is None


def test_a_store_built_by_a_day_s_news_keeps_the_answer_current(
    nlp: Language, store: Store
) -> None:
    """A small change updates the views in place; the answer follows."""
    build([ROOT / "tests" / "data" / "strike"], store, nlp=nlp)
    canned = resolve_query(REPORT)
    kept = kept_answer(store.backend, canned)
    assert kept is not None
    assert _table(kept) == _table(run_query(store.backend, canned, {}, kept=False))


def test_kg_query_prints_the_kept_answer(store: Store, tmp_path: Path) -> None:
    location = Path(store.location)
    store.close()
    shown = CliRunner().invoke(app, ["query", REPORT, "--store", str(location)])
    assert shown.exit_code == 0, shown.output
    trig = tmp_path / "seeds.trig"
    with open_store(location) as read:
        backend = read.backend
        assert isinstance(backend, ox.Store)
        trig.write_bytes(backend.dump(format=ox.RdfFormat.TRIG) or b"")
    # the same articles as files: no views, the query runs
    files = CliRunner().invoke(app, ["query", REPORT, "--data", str(trig)])
    assert files.exit_code == 0, files.output
    assert shown.output == files.output
