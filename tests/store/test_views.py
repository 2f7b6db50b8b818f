"""Derived views updated article by article equal views made again whole."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language
from typer.testing import CliRunner

import kg.store.entities as entities_module
from kg.cli import app
from kg.network.summary import FIGURES as WHOLE_GRAPH_FIGURES
from kg.network.summary import figures_state, network_graph
from kg.pipeline.run import build
from kg.rdf.iri import DEFAULT_BASE
from kg.records import ArticleGraph
from kg.resources.ontology import KG
from kg.store import Store, open_store
from kg.store.merged import merged_graph

from ..conftest import ROOT, SEEDS

pytestmark = pytest.mark.model
DERIVED = (merged_graph(DEFAULT_BASE), network_graph(DEFAULT_BASE))
# Whole-graph figures: left as they were by an update, made by a refresh.
FIGURES = {f"{KG}{name}" for name in WHOLE_GRAPH_FIGURES}
COUNTS = (f"{KG}tripleCount", f"{KG}eventCount")


@pytest.fixture(scope="module")
def pool(nlp: Language, tmp_path_factory: pytest.TempPathFactory) -> list[ArticleGraph]:
    """The article graphs of the seeds, the three strike reports and the two
    banks, as a build stores them (16 articles sharing many entities)."""
    store = open_store(tmp_path_factory.mktemp("pool") / "s", create=True)
    data = ROOT / "tests" / "data"
    build([SEEDS, data / "strike", data / "homonyms"], store, nlp=nlp)
    graphs = []
    for article in store.articles():
        lines = [
            f"{q.subject} {q.predicate} {q.object} .\n"
            for q in _local(store).quads_for_pattern(
                None, None, None, ox.NamedNode(article.iri)
            )
            if q.predicate.value not in COUNTS
        ]
        graphs.append(ArticleGraph(article.iri, tuple(sorted(lines)), article.events))
    store.close()
    return graphs


def _variant(graph: ArticleGraph) -> ArticleGraph:
    """The article stored again without its first event (a new version)."""
    events = sorted(
        line.split(" ", 1)[0] for line in graph.triples if f"<{KG}evidence>" in line
    )
    if not events:
        return graph
    kept = tuple(line for line in graph.triples if events[0] not in line)
    return ArticleGraph(graph.graph, kept, graph.events - 1)


def _local(store: Store) -> ox.Store:
    backend = store.backend
    assert isinstance(backend, ox.Store)
    return backend


def _views(store: Store) -> set[str]:
    """The derived graphs' quads, whole-graph figures aside."""
    backend = _local(store)
    return {
        str(quad)
        for name in DERIVED
        for quad in backend.quads_for_pattern(None, None, None, ox.NamedNode(name))
        if quad.predicate.value not in FIGURES
    }


def _whole(graphs: dict[str, ArticleGraph]) -> Store:
    store = Store.memory()
    for graph in graphs.values():
        store.add_article(graph)
    store.refresh_derived(DEFAULT_BASE, whole=True)
    return store


def _figures_current(store: Store) -> bool:
    state = figures_state(store.backend, network_graph(DEFAULT_BASE))
    return state is not None and state[1]


# A step: articles (by position in the pool) to add, to store in a new
# version, and to remove, then the views brought up to date.
STEP = st.tuples(
    st.sets(st.integers(0, 15), max_size=3),
    st.sets(st.integers(0, 15), max_size=2),
    st.sets(st.integers(0, 15), max_size=3),
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    start=st.sets(st.integers(0, 15), min_size=1),
    steps=st.lists(STEP, max_size=4),
    listed=st.sampled_from([1000, 3]),
)
def test_views_updated_article_by_article_equal_views_made_whole(
    pool: list[ArticleGraph],
    start: set[int],
    steps: list[tuple[set[int], set[int], set[int]]],
    listed: int,
) -> None:
    """Also with list positions for only three entities and articles, so that
    articles and entities move in and out of the listed ones."""
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(entities_module, "LISTED", listed)
        _check_steps(pool, start, steps)


def _check_steps(
    pool: list[ArticleGraph],
    start: set[int],
    steps: list[tuple[set[int], set[int], set[int]]],
) -> None:
    stored = {pool[i].graph: pool[i] for i in sorted(start)}
    store = _whole(stored)
    assert _figures_current(store)
    for added, renewed, removed in steps:
        for i in sorted(added):
            store.add_article(pool[i])
            stored[pool[i].graph] = pool[i]
        for i in sorted(renewed):
            if pool[i].graph in stored:
                stored[pool[i].graph] = _variant(stored[pool[i].graph])
                store.add_article(stored[pool[i].graph])
        gone = sorted(pool[i].graph for i in removed if pool[i].graph in stored)
        if gone and len(gone) < len(stored):
            store.remove(gone, base=DEFAULT_BASE)
            for iri in gone:
                del stored[iri]
        store.refresh_derived(DEFAULT_BASE)
        assert _views(store) == _views(_whole(stored))
    store.refresh()
    assert _figures_current(store)


def test_adding_then_removing_articles_restores_every_quad(
    pool: list[ArticleGraph],
) -> None:
    store = _whole({g.graph: g for g in pool[:10]})
    before = _views(store)
    everything = {str(q) for q in _local(store).quads_for_pattern(None, None, None)}
    for graph in pool[10:]:
        store.add_article(graph)
    store.refresh_derived(DEFAULT_BASE)
    assert not _figures_current(store)  # updated: the figures are out of date
    assert _views(store) == _views(_whole({g.graph: g for g in pool}))
    store.remove([g.graph for g in pool[10:]], base=DEFAULT_BASE)
    assert _views(store) == before
    after = {
        str(q)
        for q in _local(store).quads_for_pattern(None, None, None)
        if q.predicate.value not in FIGURES
    }
    assert after == {q for q in everything if not any(f in q for f in FIGURES)}


def test_stats_says_when_its_figures_are_computed_afresh(
    nlp: Language, tmp_path: Path
) -> None:
    location = tmp_path / "s"
    runner = CliRunner()
    env = {"COLUMNS": "200"}
    with open_store(location, create=True) as store:
        build([SEEDS], store, nlp=nlp)
    fresh = runner.invoke(app, ["stats", "--store", str(location)], env=env)
    assert fresh.exit_code == 0, fresh.output
    assert "computed now" not in fresh.output
    with open_store(location, write=True) as store:
        build([ROOT / "tests" / "data" / "strike"], store, nlp=nlp)
    stale = runner.invoke(app, ["stats", "--store", str(location)], env=env)
    assert stale.exit_code == 0, stale.output
    assert "figures computed now: the stored ones are of 11 articles" in stale.output
    assert "14 articles" in stale.output
    done = runner.invoke(app, ["refresh", "--store", str(location)], env=env)
    assert done.exit_code == 0, done.output
    assert "refreshed the views of 14 article(s)" in done.output
    again = runner.invoke(app, ["stats", "--store", str(location)], env=env)
    assert "computed now" not in again.output
    # the same figures, computed afresh or stored
    assert _ranks(again.output) == _ranks(stale.output)


def _ranks(output: str) -> list[str]:
    table = output.split("most connected entities")[1].split("events by class")[0]
    return [line for line in table.splitlines() if "computed now" not in line]


def test_refresh_of_an_empty_store_says_so(tmp_path: Path) -> None:
    open_store(tmp_path / "s", create=True).close()
    done = CliRunner().invoke(app, ["refresh", "--store", str(tmp_path / "s")])
    assert done.exit_code != 0
    assert "holds no articles: nothing to refresh" in done.output


def test_views_made_before_name_words_are_made_again_whole(
    pool: list[ArticleGraph],
) -> None:
    """A network graph without name words (made by an older kg) is never
    patched: the first change makes every view again."""
    store = _whole({g.graph: g for g in pool[:6]})
    network = network_graph(DEFAULT_BASE)
    # as an older kg left it: straight in the backend, not a change of articles
    old = f"DELETE WHERE {{ GRAPH <{network}> {{ ?e <{KG}nameWord> ?w }} }}"
    _local(store).update(old)
    store.add_article(pool[6])
    store.refresh_derived(DEFAULT_BASE)
    assert _views(store) == _views(_whole({g.graph: g for g in pool[:7]}))
