"""The Store interface: one type over a folder, files in memory and an endpoint."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from kg.errors import InputError, KGError
from kg.pipeline.run import build
from kg.store import Store, open_store

from ..conftest import ROOT

STRIKE = ROOT / "tests" / "data" / "strike"


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
