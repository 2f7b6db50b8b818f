"""The Store interface: one type over a folder, files in memory and an endpoint."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from spacy.language import Language

from kg.errors import InputError, KGError
from kg.pipeline.run import build
from kg.resources.ontology import KG
from kg.store import PREFIXES, Store, open_store

from ..conftest import ROOT

STRIKE = ROOT / "tests" / "data" / "strike"
SCHEMA = PREFIXES["schema"]


def test_store_open_folder_read_only_refuses_updates(seed_store_path: Path) -> None:
    store = open_store(seed_store_path)
    assert store.kind == "folder" and not store.writable
    with pytest.raises(KGError, match=r"open for reading.*write=True"):
        store.update("INSERT DATA { <http://x/a> <http://x/p> <http://x/b> }")


def test_store_files_in_memory(seed_trig: Path) -> None:
    store = open_store(data=[seed_trig])
    assert store.kind == "files"
    assert len(store.articles()) == 11
    assert store.find_entity("DPRK").label == "North Korea"


def test_store_missing_folder_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"No kg store at .*kg build"):
        open_store(tmp_path / "nothing")


def test_store_closed_store_says_so(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s", create=True)
    store.close()
    store.close()  # twice is fine
    with pytest.raises(KGError, match="is closed"):
        store.articles()


def test_store_endpoint_is_chosen_by_url() -> None:
    store = open_store("http://127.0.0.1:9/kg")
    assert store.kind == "endpoint" and store.location == "http://127.0.0.1:9/kg"


@pytest.mark.model
def test_store_remove_unknown_article_removes_nothing(
    nlp: Language, tmp_path: Path
) -> None:
    with open_store(tmp_path / "s", create=True) as store:
        build([STRIKE], store, nlp=nlp)
        before = len(store.articles())
        with pytest.raises(KGError, match="No stored article 'nope'"):
            store.remove([store.articles()[0].id, "nope"])
        assert len(store.articles()) == before


@pytest.mark.model
def test_store_merged_events_are_listed(nlp: Language) -> None:
    store = Store.memory()
    build([STRIKE], store, nlp=nlp)
    [merged] = store.merged_events()
    assert merged.event_class == "Attack" and len(merged.mentions) == 3
    assert merged.agent.endswith("/country/russia")


def _pages_match_the_whole_lists(store: Store) -> None:
    """A page of articles or entities is the end or the start of the whole list."""
    from kg.store.entities import listing_order

    articles = store.articles()
    assert store.article_count() == len(articles) > 3
    for n in (1, 3, len(articles), len(articles) + 5):
        assert store.articles(limit=n) == articles[-n:]
    entities = store.top_entities()
    assert entities == listing_order(store.entities().values())
    assert store.entity_count() == len(entities) > 5
    mentions = [node.mentions for node in entities]
    assert mentions == sorted(mentions, reverse=True) and mentions[0] > mentions[-1]
    for n in (1, 5, len(entities), len(entities) + 5):
        assert store.top_entities(limit=n) == entities[:n]


def _positions(store: Store) -> int:
    query = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?x kg:listPosition ?p } }"
    return int(next(iter(store.select(query)))["n"].value)


def test_store_pages_are_read_by_the_kept_positions(seed_store_path: Path) -> None:
    with open_store(seed_store_path) as store:
        assert _positions(store) == store.article_count() + store.entity_count()
        _pages_match_the_whole_lists(store)


def test_store_pages_of_files_without_positions(seed_trig: Path) -> None:
    store = open_store(data=[seed_trig])
    assert _positions(store) == 0
    _pages_match_the_whole_lists(store)


def test_store_pages_of_a_store_with_stale_positions(
    seed_store_path: Path, tmp_path: Path
) -> None:
    """A store whose kept positions are missing (an older kg) or out of step
    gives the same pages, read the whole way."""
    import shutil

    copy = tmp_path / "kg-data"
    shutil.copytree(seed_store_path, copy)
    with open_store(copy, write=True) as store:
        position = f"<{KG}listPosition>"
        store.update(
            f"DELETE {{ GRAPH ?g {{ ?x {position} ?p }} }} WHERE "
            f"{{ GRAPH ?g {{ ?x {position} ?p }} ?x a <{SCHEMA}NewsArticle> }}"
        )
        store.update(
            f"DELETE {{ GRAPH ?g {{ ?x {position} 2 }} }} WHERE "
            f"{{ GRAPH ?g {{ ?x {position} 2 }} }}"
        )
        assert _positions(store) == store.entity_count() - 1
        _pages_match_the_whole_lists(store)


def test_store_limits_below_one_are_refused(seed_trig: Path) -> None:
    store = open_store(data=[seed_trig])
    with pytest.raises(ValueError, match="1 or more"):
        store.articles(limit=0)
    with pytest.raises(ValueError, match="1 or more"):
        store.top_entities(limit=0)


@pytest.mark.model
def test_store_pages_past_the_kept_positions_are_read_whole(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kg.store.entities

    monkeypatch.setattr(kg.store.entities, "LISTED", 4)
    store = Store.memory()
    build([ROOT / "seeds"], store, nlp=nlp)
    assert _positions(store) == 4 + 4
    _pages_match_the_whole_lists(store)


def _digest(store: Store) -> str | None:
    from kg.network.summary import stored_digest
    from kg.rdf.iri import DEFAULT_BASE

    return stored_digest(store.backend, DEFAULT_BASE)


def _quads(store: Store) -> set[str]:
    backend = store.backend
    assert isinstance(backend, ox.Store)
    return {str(q) for q in backend.quads_for_pattern(None, None, None)}


@pytest.mark.model
def test_store_build_storing_nothing_leaves_the_views(
    nlp: Language, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build that stores nothing (``--resume`` with every article unchanged)
    keeps the derived views, which it can tell are made from the stored
    articles; one that stores anything, even the same texts, brings them up
    to date (article by article: the views were current before)."""
    import kg.store.merged as merged
    from kg.pipeline.options import BuildOptions

    with open_store(tmp_path / "s", create=True) as store:
        first = build([STRIKE], store, nlp=nlp)
        assert _digest(store) is not None
        before = _quads(store)

        def refresh(*_: object) -> int:
            raise AssertionError("refreshed")

        with monkeypatch.context() as patched:
            patched.setattr(merged, "refresh_merged", refresh)
            patched.setattr(merged, "update_merged", refresh)
            again = build([STRIKE], store, nlp=nlp, options=BuildOptions(resume=True))
            assert again.articles == 0 and again.merged == first.merged == 1
            assert _quads(store) == before
            # the same texts stored again: the views are made again
            with pytest.raises(AssertionError, match="refreshed"):
                build([STRIKE], store, nlp=nlp)
        assert _digest(store) is None  # the views stay marked as not current
        rebuilt = build([STRIKE], store, nlp=nlp, options=BuildOptions(resume=True))
        assert rebuilt.merged == 1 and _quads(store) == before


@pytest.mark.model
def test_store_any_change_marks_the_views_stale(nlp: Language, tmp_path: Path) -> None:
    with open_store(tmp_path / "s", create=True) as store:
        build([STRIKE], store, nlp=nlp)
        digest = _digest(store)
        assert digest is not None
    with open_store(tmp_path / "s", write=True) as store:
        assert _digest(store) == digest  # kept across openings
        store.update("INSERT DATA { <http://x/a> <http://x/p> <http://x/b> }")
        assert _digest(store) is None
        [gone, *_] = store.articles()
        store.remove([gone.id])  # refreshed, with a new digest
        assert _digest(store) not in (None, digest)


def test_store_counts_after_an_interrupted_removal(
    nlp: Language, tmp_path: Path
) -> None:
    """A removal killed after the article left but before the views were
    refreshed (`kill -9` during `kg remove`) leaves views that are not current:
    the first read counts from the stored events, as a store built without
    that article does, and the next change refreshes the views."""
    from kg.network.ask import stats
    from kg.store.articles import remove_article

    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    whole, without = tmp_path / "whole", tmp_path / "without"
    with open_store(whole, create=True) as store:
        build(seeds, store, nlp=nlp)
    with open_store(without, create=True) as store:
        build(seeds[1:], store, nlp=nlp)
    with open_store(whole, write=True) as store:
        [first] = [
            a for a in store.articles() if a.file and a.file.endswith(seeds[0].name)
        ]
        store._changing([first.iri])  # what Store.remove does before it removes ...
        remove_article(store.backend, first.iri)  # ... and the kill came here
    expected = stats(open_store(without))
    with open_store(whole) as store:
        found = stats(store)
        assert (found.articles, found.entities, found.links, found.events) == (
            expected.articles,
            expected.entities,
            expected.links,
            expected.events,
        )
        assert store.entity_count() == open_store(without).entity_count()
        assert [n.iri for n in store.top_entities(limit=5)] == [
            n.iri for n in open_store(without).top_entities(limit=5)
        ]
