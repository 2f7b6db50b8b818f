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


PEOPLE = [
    Node(f"{BASE}person/gordon-brown", "Gordon Brown", "Person", (), 243),
    Node(f"{BASE}person/brown", "Brown", "Person", (), 0),
    Node(f"{BASE}person/tony-blair", "Tony Blair", "Person", ("Blair",), 243),
    Node(f"{BASE}person/blair", "Blair", "Person", (), 2),
    Node(f"{BASE}person/cherie-blair", "Cherie Blair", "Person", (), 11),
    Node(f"{BASE}organization/general-motors", "General Motors", "Organization"),
    Node(f"{BASE}person/john-howard", "John Howard", "Person", (), 5),
    Node(f"{BASE}person/michael-howard", "Michael Howard", "Person", (), 5),
]
PEOPLE_INDEX = EntityIndex.of({n.iri: n for n in PEOPLE})


def test_names_a_surname_lands_on_the_most_mentioned_and_names_the_others() -> None:
    found = PEOPLE_INDEX.lookup("Brown")
    assert found.node.label == "Gordon Brown"
    assert [n.label for n in found.others] == ["Brown"]
    blair = PEOPLE_INDEX.lookup("blair")
    assert blair.node.label == "Tony Blair"
    assert [n.label for n in blair.others] == ["Cherie Blair", "Blair"]
    note = blair.note("blair")
    assert note is not None and "taken as Tony Blair" in note
    assert "Cherie Blair (person:cherie-blair, 11 mentions)" in note


def test_names_initials_find_the_organisation() -> None:
    assert PEOPLE_INDEX.resolve("GM").label == "General Motors"


def test_names_a_surname_two_equally_mentioned_share_is_ambiguous() -> None:
    with pytest.raises(AmbiguousEntityError, match="names 2 entities") as info:
        PEOPLE_INDEX.resolve("Howard")
    assert info.value.candidates == ("person:john-howard", "person:michael-howard")
    # the full name and the type:slug still find each
    assert PEOPLE_INDEX.lookup("Michael Howard").node.mentions == 5
    assert PEOPLE_INDEX.lookup("person:brown").others == ()
