"""Entity look-up by name: labels, aliases, the gazetteer, type:slug and IRIs."""

from __future__ import annotations

import pytest

from kg.errors import AmbiguousEntityError, UnknownEntityError
from kg.records import Node
from kg.store.entities import EntityIndex

BASE = "https://w3id.org/kgnews/id/"
NODES = [
    Node(f"{BASE}country/north-korea", "North Korea", "Country", ("DPRK", "Pyongyang")),
    Node(f"{BASE}country/russia", "Russia", "Country", ("Moscow", "Russian")),
    Node(
        f"{BASE}organization/first-national-bank", "First National Bank", "Organization"
    ),
    Node(f"{BASE}place/first-national-bank", "First National Bank", "Place"),
    Node(f"{BASE}person/john-kirby", "John Kirby", "Person", ("Kirby",)),
]
INDEX = EntityIndex.of({n.iri: n for n in NODES})


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("North Korea", "North Korea"),
        ("north   KOREA", "North Korea"),
        ("dprk", "North Korea"),
        ("Kirby", "John Kirby"),
        ("country:russia", "Russia"),
        (f"{BASE}country/russia", "Russia"),
        ("Democratic People's Republic of Korea", "North Korea"),
        ("Russian Federation", "Russia"),
    ],
)
def test_names_resolve(name: str, label: str) -> None:
    assert INDEX.resolve(name).label == label


def test_names_ambiguous_lists_candidates_by_type_slug() -> None:
    with pytest.raises(AmbiguousEntityError, match="names 2 entities") as info:
        INDEX.resolve("first national bank")
    assert info.value.candidates == (
        "organization:first-national-bank",
        "place:first-national-bank",
    )
    assert INDEX.resolve("place:first-national-bank").type == "Place"


def test_names_unknown_suggests_close_names() -> None:
    with pytest.raises(UnknownEntityError, match="Did you mean: 'North Korea'") as info:
        INDEX.resolve("Nort Korea")
    assert info.value.suggestions[0] == "North Korea"


def test_names_unknown_without_close_names_says_how_to_list_them() -> None:
    with pytest.raises(UnknownEntityError, match="kg entities"):
        INDEX.resolve("Zzyzx")


def test_names_suggest_finds_labels_containing_the_word() -> None:
    assert "First National Bank" in INDEX.suggest("bank")


@pytest.mark.model
def test_names_seed_store_knows_dprk_as_an_alias(seed_index: EntityIndex) -> None:
    north_korea = seed_index.resolve("North Korea")
    assert "DPRK" in north_korea.aliases
    assert seed_index.resolve("DPRK") == north_korea
    assert north_korea.mentions > 0
