"""Entity spans over several names cut into names; edges trimmed."""

from __future__ import annotations

import pytest

from kg.mentions.separate import separated

from ..conftest import make_doc


def _texts(words: list[str], label: str) -> list[tuple[str, str]]:
    rows = [(w, w, "PROPN", "NNP", "dep", 0) for w in words]
    doc = make_doc(rows, [(0, len(words), label)])
    return [(span.text, span.label_) for span in separated(doc, doc.ents[0])]


@pytest.mark.parametrize(
    ("words", "label", "names"),
    [
        # a list of names
        (
            ["Twitter", ",", "Instagram", "and", "Facebook"],
            "ORG",
            ["Twitter", "Instagram", "Facebook"],
        ),
        (
            ["Nottinghamshire", ",", "Derbyshire", ",", "Leicestershire"],
            "ORG",
            ["Nottinghamshire", "Derbyshire", "Leicestershire"],
        ),
        # two longer names, two given names, two known places
        (
            ["Hard", "Candy", "and", "Urban", "Decay"],
            "ORG",
            ["Hard Candy", "Urban Decay"],
        ),
        (["Frederick", "and", "David"], "PERSON", ["Frederick", "David"]),
        (["Kenya", "and", "Somalia"], "GPE", ["Kenya", "Somalia"]),
        # one name with "and" or a comma in it stays whole
        (
            ["Department", "of", "Trade", "and", "Industry"],
            "ORG",
            ["Department of Trade and Industry"],
        ),
        (["Marks", "and", "Spencer"], "ORG", ["Marks and Spencer"]),
        (["Bosnia", "and", "Herzegovina"], "GPE", ["Bosnia and Herzegovina"]),
        (["Apple", ",", "Inc."], "ORG", ["Apple , Inc."]),
        # edges that are no part of the name
        (
            ["a", "United", "Nations", "Security", "Council"],
            "ORG",
            ["United Nations Security Council"],
        ),
        (["point-", "Hezbollah"], "ORG", ["Hezbollah"]),
        (["Tampa", "Bay", "Buccaneers", "American"], "ORG", ["Tampa Bay Buccaneers"]),
    ],
)
def test_separated_names(words: list[str], label: str, names: list[str]) -> None:
    assert [text for text, _ in _texts(words, label)] == names


def test_separated_a_body_run_into_a_person_at_an_honorific() -> None:
    found = _texts(["Foreign", "Policy", "Centre", "Mr", "Straw"], "ORG")
    assert found == [("Foreign Policy Centre", "ORG"), ("Mr Straw", "PERSON")]


def test_separated_text_after_a_spaced_dash_is_cut() -> None:
    rows = [
        ("Veritas", "Veritas", "PROPN", "NNP", "ROOT", 0),
        ("-", "-", "PUNCT", "HYPH", "punct", 0),
        ("Latin", "Latin", "PROPN", "NNP", "appos", 0),
    ]
    doc = make_doc(rows, [(0, 3, "ORG")])
    assert [s.text for s in separated(doc, doc.ents[0])] == ["Veritas"]


def test_separated_an_ampersand_joins_one_name() -> None:
    """ "The Securities & Exchange Commission" is one body, not "The
    Securities" and "Exchange Commission"."""
    rows = [
        ("The", "the", "DET", "DT", "det", 4),
        ("Securities", "Securities", "PROPN", "NNP", "nmod", 4),
        ("&", "&", "CCONJ", "CC", "cc", 1),
        ("Exchange", "Exchange", "PROPN", "NNP", "conj", 1),
        ("Commission", "Commission", "PROPN", "NNP", "ROOT", 4),
    ]
    doc = make_doc(rows, [(0, 5, "ORG")])
    (name,) = [span.text for span in separated(doc, doc.ents[0])]
    assert name.endswith("Securities & Exchange Commission")


def _doc_with(words: list[str], ents: list[tuple[int, int, str]]) -> list[str]:
    rows = [(w, w, "PROPN", "NNP", "dep", 0) for w in words]
    doc = make_doc(rows, ents)
    return [span.text for span in separated(doc, doc.ents[-1])]


def test_separate_a_body_run_into_its_possessor_named_elsewhere() -> None:
    words = ["Chen", "Shui-bian", "led", "Chen", "'s", "Democratic", "Party"]
    parts = _doc_with(words, [(0, 2, "PERSON"), (3, 7, "ORG")])
    assert parts == ["Chen", "Democratic Party"]


def test_separate_a_possessive_inside_a_name_stays() -> None:
    """ "People's Liberation Army": no "People" named on its own."""
    words = ["the", "People", "'s", "Liberation", "Army"]
    assert _doc_with(words, [(1, 5, "ORG")]) == ["People 's Liberation Army"]
