"""The model's entity spans repaired: places' names, hyphens, given names."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from kg.mentions.surface import is_junk, is_portfolio, repaired_entities
from kg.resources.lexicon import load_lexicon

from ..conftest import make_doc

pytestmark = pytest.mark.model


def _names(nlp: Language, text: str) -> list[tuple[str, str]]:
    return [(span.text, span.label_) for span in repaired_entities(nlp(text))]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # the model: "Second" an ordinal, "Thomas Reef" nothing
        ("Chinese ships blocked the Second Thomas Reef.", "Second Thomas Reef"),
        # the model: a body
        ("Boats sailed to Whitsun Reef and Scarborough Shoal.", "Scarborough Shoal"),
        # the model: a person
        ("Tourists visited Wadi Rum last year.", "Wadi Rum"),
        # the model: nothing
        ("Shares fell on Wall Street.", "Wall Street"),
    ],
)
def test_surface_a_place_s_name_is_whole_and_a_place(
    nlp: Language, text: str, name: str
) -> None:
    assert (name, "LOC") in _names(nlp, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Michael Bay said the film was done.", "Michael Bay"),
        ("Sam Street, the manager, resigned.", "Sam Street"),
    ],
)
def test_surface_a_person_named_like_a_place_stays_a_person(
    nlp: Language, text: str, name: str
) -> None:
    assert (name, "PERSON") in _names(nlp, text)


def test_surface_a_name_cut_at_a_hyphen_is_whole(nlp: Language) -> None:
    names = _names(nlp, "Inmates fled the prison in Croix-des-Bouquets on Sunday.")
    assert "Croix-des-Bouquets" in [text for text, _ in names]


@pytest.mark.parametrize(
    "text",
    [
        "Prime Minister Tony Blair's Labour-led government fell.",
        "The Russia-Ukraine war went on.",
    ],
)
def test_surface_hyphens_join_no_two_names(nlp: Language, text: str) -> None:
    assert not any("-" in name for name, _ in _names(nlp, text))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "The prison inspector general, Hector Paul Joseph, was killed.",
            "Hector Paul Joseph",
        ),
        (
            "Abdiweli Mohamed Ali contributed reporting from Dadaab.",
            "Abdiweli Mohamed Ali",
        ),
        # a title opens no name
        ("Ambassador Song Kim said it was false.", "Song Kim"),
    ],
)
def test_surface_a_given_name_the_model_left_out_is_put_back(
    nlp: Language, text: str, name: str
) -> None:
    assert (name, "PERSON") in _names(nlp, text)


def test_surface_a_state_s_body_keeps_its_country(nlp: Language) -> None:
    names = _names(nlp, "The Ministry of Foreign Affairs of Afghanistan said so.")
    assert ("The Ministry of Foreign Affairs of Afghanistan", "ORG") in names


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("Migrants came from sub-Saharan Africa last year.", "sub-Saharan Africa"),
        ("A cyclone slammed into parts of southern Africa.", "southern Africa"),
        ("Exports to south Asia grew last year.", "south Asia"),
    ],
)
def test_surface_a_continent_s_region_is_a_place_of_its_own(
    nlp: Language, text: str, region: str
) -> None:
    assert (region, "LOC") in _names(nlp, text)


def test_surface_a_country_with_a_direction_stays_the_country(nlp: Language) -> None:
    names = [text for text, _ in _names(nlp, "Floods hit southern China on Monday.")]
    assert "China" in names and "southern China" not in names


def _listed_names(nlp: Language, text: str) -> list[str]:
    listed = load_lexicon().organization
    return [span.text for span in repaired_entities(nlp(text), listed)]


@pytest.mark.parametrize(
    ("text", "party"),
    [
        # the model: "Democrat" alone
        ("Liberal Democrat leader Charles Kennedy agreed.", "Liberal Democrat"),
        # the model: nothing (an adjective)
        ("He met a Conservative health spokesman on Monday.", "Conservative"),
        # the model: "BBC News" and a number
        ("She told BBC News 24 that it was fine.", "BBC News 24"),
        # the model: "BBC Radio" and a product
        ("She told BBC Radio Five Live that it was fine.", "BBC Radio Five Live"),
    ],
)
def test_surface_a_party_s_name_is_found_whole(
    nlp: Language, text: str, party: str
) -> None:
    assert party in _listed_names(nlp, text)


def test_surface_an_adjective_opening_a_sentence_is_no_party(nlp: Language) -> None:
    assert "Conservative" not in _listed_names(nlp, "Conservative estimates rose.")


def test_surface_a_family_name_the_model_missed_is_the_person_s(nlp: Language) -> None:
    """The model reads "Creemers" after a quote as a common noun."""
    text = 'Analyst Robert Creemers spoke. "But you can do a lot," Creemers said.'
    names = _names(nlp, text)
    assert ("Creemers", "PERSON") in names


def test_surface_a_country_the_model_missed_is_found(nlp: Language) -> None:
    names = _names(nlp, "Talks on the Russia-Ukraine war went on.")
    assert ("Ukraine", "GPE") in names


def test_surface_a_title_of_rank_and_its_place_name_a_person(nlp: Language) -> None:
    names = _names(nlp, "The Sultan of Brunei met the Archbishop of Canterbury.")
    assert ("Sultan of Brunei", "PERSON") in names
    assert ("Archbishop of Canterbury", "PERSON") in names
    assert ("Brunei", "GPE") not in names


def test_surface_a_country_in_the_name_of_a_war_is_the_country() -> None:
    """The model's "the Iraq war" (an event's name) names Iraq."""
    rows = [
        ("the", "the", "DET", "DT", "det", 2),
        ("Iraq", "Iraq", "PROPN", "NNP", "compound", 2),
        ("war", "war", "NOUN", "NN", "nsubj", 3),
        ("ended", "end", "VERB", "VBD", "ROOT", 3),
    ]
    assert _spans(make_doc(rows, [(0, 3, "EVENT")])) == [("Iraq", "GPE")]


@pytest.mark.parametrize(
    ("words", "found"), [(["Ukraine"], True), (["Jordan", "Henderson"], False)]
)
def test_surface_a_country_the_model_missed_unless_in_a_name(
    words: list[str], found: bool
) -> None:
    rows = [
        *((w, w, "PROPN", "NNP", "compound", len(words) - 1) for w in words[:-1]),
        (words[-1], words[-1], "PROPN", "NNP", "nsubj", len(words)),
        ("spoke", "speak", "VERB", "VBD", "ROOT", len(words)),
    ]
    assert ((words[0], "GPE") in _spans(make_doc(rows))) is found


def _spans(doc: Doc) -> list[tuple[str, str]]:
    return [(span.text, span.label_) for span in repaired_entities(doc)]


def test_surface_a_listed_party_read_as_a_title_is_a_body(nlp: Language) -> None:
    """The model reads a quotation's opening "The Liberal Democrats" as a
    title."""
    text = '"The Liberal Democrats will ask voters for support," he said.'
    assert ("The Liberal Democrats", "ORG") in [
        (span.text, span.label_)
        for span in repaired_entities(nlp(text), load_lexicon().organization)
    ]


@pytest.mark.parametrize(
    ("text", "junk"), [("Prime", True), ("Deputy", True), ("Prime Computers", False)]
)
def test_surface_a_title_word_alone_is_no_name(text: str, junk: bool) -> None:
    assert is_junk(text, "ORG") is junk


@pytest.mark.parametrize(
    ("text", "word", "field"),
    [
        ("The Finance Minister spoke.", "Finance", True),
        ("Kamal Nath, Commerce and Industry Minister, spoke.", "Commerce", True),
        ("Kamal Nath, Commerce and Industry Minister, spoke.", "Industry", True),
        ("Shell Oil said so.", "Shell", False),
    ],
)
def test_surface_a_minister_s_field_is_no_body(
    nlp: Language, text: str, word: str, field: bool
) -> None:
    doc = nlp(text)
    [token] = [t for t in doc if t.text == word]
    assert is_portfolio(token) is field
    assert all(span.text != word for span in repaired_entities(doc)) or not field


def test_surface_a_place_glued_before_a_person_is_split_off(nlp: Language) -> None:
    """ "Senator from Vermont Bernie Sanders" (the model: one body), with
    "Sanders" named again: the state, then the person."""
    names = _names(
        nlp,
        "On Monday, United States Senator from Vermont Bernie Sanders endorsed "
        "Joe Biden. The move came after Sanders ended his own bid last week.",
    )
    assert ("Vermont", "GPE") in names and ("Bernie Sanders", "PERSON") in names


def test_surface_a_region_that_is_a_given_name_stays_in_the_name(
    nlp: Language,
) -> None:
    """ "Victoria" is a region (of Australia) and a given name: it opens
    this name, though "Mitchell" is named again."""
    names = _names(
        nlp, "Victoria Coren Mitchell hosted the show. Mitchell said it was fun."
    )
    assert ("Victoria", "GPE") not in names
    assert any(text.startswith("Victoria Coren") for text, _ in names)
