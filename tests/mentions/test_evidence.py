"""What a name's context says of its type, against the model's label."""

from __future__ import annotations

import pytest

from kg.mentions.evidence import context_type
from kg.records import EntityType

from ..conftest import Row, make_doc


def test_evidence_a_known_town_after_a_preposition_of_place_is_a_place() -> None:
    rows = [
        ("officials", "official", "NOUN", "NNS", "nsubj", 1),
        ("met", "meet", "VERB", "VBD", "ROOT", 1),
        ("in", "in", "ADP", "IN", "prep", 1),
        ("Quetta", "Quetta", "PROPN", "NNP", "pobj", 2),
    ]
    doc = make_doc(rows, [(3, 4, "ORG")])
    assert context_type(doc.ents[0], "Quetta") is EntityType.PLACE


def test_evidence_shares_in_a_firm_are_no_place() -> None:
    """ "shares in Reading": a holding names a body, even one named like a town."""
    rows = [
        ("shares", "share", "NOUN", "NNS", "ROOT", 0),
        ("in", "in", "ADP", "IN", "prep", 0),
        ("Reading", "Reading", "PROPN", "NNP", "pobj", 1),
    ]
    doc = make_doc(rows, [(2, 3, "ORG")])
    assert context_type(doc.ents[0], "Reading") is None


def test_evidence_an_unknown_name_says_nothing() -> None:
    rows = [
        ("in", "in", "ADP", "IN", "ROOT", 0),
        ("Vexcomia", "Vexcomia", "PROPN", "NNP", "pobj", 0),
    ]
    doc = make_doc(rows, [(1, 2, "ORG")])
    assert context_type(doc.ents[0], "Vexcomia") is None


def test_evidence_a_name_before_staff_is_a_body() -> None:
    rows = [
        ("told", "tell", "VERB", "VBD", "ROOT", 0),
        ("Sizzler", "Sizzler", "PROPN", "NNP", "compound", 2),
        ("staff", "staff", "NOUN", "NN", "dobj", 0),
    ]
    doc = make_doc(rows, [(1, 2, "PERSON")])
    assert context_type(doc.ents[0], "Sizzler") is EntityType.ORGANIZATION


def test_evidence_a_name_after_an_occupation_is_a_person() -> None:
    rows = [
        ("analyst", "analyst", "NOUN", "NN", "compound", 2),
        ("Vadim", "Vadim", "PROPN", "NNP", "compound", 2),
        ("Mitroshin", "Mitroshin", "PROPN", "NNP", "nsubj", 3),
        ("said", "say", "VERB", "VBD", "ROOT", 3),
    ]
    doc = make_doc(rows, [(1, 3, "ORG")])
    assert context_type(doc.ents[0], "Vadim Mitroshin") is EntityType.PERSON


def test_evidence_a_firm_after_plural_bankers_stays_a_firm() -> None:
    rows = [
        ("bankers", "banker", "NOUN", "NNS", "compound", 2),
        ("Vex", "Vex", "PROPN", "NNP", "compound", 2),
        ("Morgan", "Morgan", "PROPN", "NNP", "ROOT", 2),
    ]
    doc = make_doc(rows, [(1, 3, "ORG")])
    assert context_type(doc.ents[0], "Vex Morgan") is None


def test_evidence_a_surname_with_an_honorific_elsewhere_is_a_person() -> None:
    rows = [
        ("JP", "JP", "PROPN", "NNP", "compound", 1),
        ("McManus", "McManus", "PROPN", "NNP", "nsubj", 2),
        ("left", "leave", "VERB", "VBD", "ROOT", 2),
        ("and", "and", "CCONJ", "CC", "cc", 2),
        ("Mr", "Mr", "PROPN", "NNP", "compound", 5),
        ("McManus", "McManus", "PROPN", "NNP", "nsubj", 6),
        ("spoke", "speak", "VERB", "VBD", "conj", 2),
    ]
    doc = make_doc(rows, [(0, 2, "ORG"), (4, 6, "PERSON")])
    assert context_type(doc.ents[0], "JP McManus") is EntityType.PERSON


def test_evidence_each_place_of_a_list_after_a_preposition_is_a_place() -> None:
    """ "mines across Nottinghamshire, Derbyshire and Northumberland": every
    name of the list is where the preposition points."""
    rows = [
        ("mines", "mine", "NOUN", "NNS", "ROOT", 0),
        ("across", "across", "ADP", "IN", "prep", 0),
        ("Nottinghamshire", "Nottinghamshire", "PROPN", "NNP", "pobj", 1),
        (",", ",", "PUNCT", ",", "punct", 2),
        ("Derbyshire", "Derbyshire", "PROPN", "NNP", "conj", 2),
        ("and", "and", "CCONJ", "CC", "cc", 4),
        ("Northumberland", "Northumberland", "PROPN", "NNP", "conj", 4),
    ]
    doc = make_doc(rows, [(4, 5, "ORG"), (6, 7, "ORG")])
    assert context_type(doc.ents[0], "Derbyshire") is EntityType.PLACE
    assert context_type(doc.ents[1], "Northumberland") is EntityType.PLACE


def test_evidence_a_list_that_opens_with_a_firm_names_no_places() -> None:
    """ "led to JP Morgan and Brunswick": a town's name in a list of firms."""
    rows = [
        ("led", "lead", "VERB", "VBD", "ROOT", 0),
        ("to", "to", "ADP", "IN", "prep", 0),
        ("JP", "JP", "PROPN", "NNP", "compound", 3),
        ("Morgan", "Morgan", "PROPN", "NNP", "pobj", 1),
        ("and", "and", "CCONJ", "CC", "cc", 3),
        ("Brunswick", "Brunswick", "PROPN", "NNP", "conj", 3),
    ]
    doc = make_doc(rows, [(2, 4, "ORG"), (5, 6, "ORG")])
    assert context_type(doc.ents[1], "Brunswick") is None


def test_evidence_a_name_with_an_age_is_a_person() -> None:
    """ "Lydia Rosasi, 29, works": the model's body is a person."""
    rows = [
        ("Lydia", "Lydia", "PROPN", "NNP", "compound", 1),
        ("Rosasi", "Rosasi", "PROPN", "NNP", "nsubj", 5),
        (",", ",", "PUNCT", ",", "punct", 1),
        ("29", "29", "NUM", "CD", "appos", 1),
        (",", ",", "PUNCT", ",", "punct", 1),
        ("works", "work", "VERB", "VBZ", "ROOT", 5),
    ]
    doc = make_doc(rows, [(0, 2, "ORG")])
    assert context_type(doc.ents[0], "Lydia Rosasi") is EntityType.PERSON


def test_evidence_a_name_with_an_occupation_in_apposition_is_a_person() -> None:
    rows = [
        ("Olivier", "Olivier", "PROPN", "NNP", "compound", 1),
        ("Morice", "Morice", "PROPN", "NNP", "nsubj", 6),
        (",", ",", "PUNCT", ",", "punct", 1),
        ("a", "a", "DET", "DT", "det", 4),
        ("lawyer", "lawyer", "NOUN", "NN", "appos", 1),
        (",", ",", "PUNCT", ",", "punct", 1),
        ("said", "say", "VERB", "VBD", "ROOT", 6),
    ]
    doc = make_doc(rows, [(0, 2, "ORG")])
    assert context_type(doc.ents[0], "Olivier Morice") is EntityType.PERSON


def test_evidence_a_name_in_apposition_to_a_relative_is_a_person() -> None:
    rows = [
        ("her", "her", "PRON", "PRP$", "poss", 1),
        ("daughter", "daughter", "NOUN", "NN", "ROOT", 1),
        (",", ",", "PUNCT", ",", "punct", 1),
        ("Makeda", "Makeda", "PROPN", "NNP", "compound", 4),
        ("Mbewe", "Mbewe", "PROPN", "NNP", "appos", 1),
    ]
    doc = make_doc(rows, [(3, 5, "ORG")])
    assert context_type(doc.ents[0], "Makeda Mbewe") is EntityType.PERSON


def test_evidence_a_known_place_tagged_a_person_alone_is_a_place() -> None:
    rows = [
        ("England", "England", "PROPN", "NNP", "nsubj", 1),
        ("won", "win", "VERB", "VBD", "ROOT", 1),
    ]
    doc = make_doc(rows, [(0, 1, "PERSON")])
    assert context_type(doc.ents[0], "England") is EntityType.PLACE


@pytest.mark.parametrize(
    ("rows", "ents"),
    [
        # "Clark Kent ... Kent": a person of the article is named with it
        (
            [
                ("Clark", "Clark", "PROPN", "NNP", "compound", 1),
                ("Kent", "Kent", "PROPN", "NNP", "nsubj", 2),
                ("left", "leave", "VERB", "VBD", "ROOT", 2),
                ("and", "and", "CCONJ", "CC", "cc", 2),
                ("Kent", "Kent", "PROPN", "NNP", "nsubj", 5),
                ("won", "win", "VERB", "VBD", "conj", 2),
            ],
            [(0, 2, "PERSON"), (4, 5, "PERSON")],
        ),
        # "President Kent": a title before it
        (
            [
                ("President", "President", "PROPN", "NNP", "compound", 1),
                ("Kent", "Kent", "PROPN", "NNP", "nsubj", 2),
                ("won", "win", "VERB", "VBD", "ROOT", 2),
            ],
            [(1, 2, "PERSON")],
        ),
    ],
)
def test_evidence_a_place_name_a_person_of_the_article_bears_stays_a_person(
    rows: list[Row], ents: list[tuple[int, int, str]]
) -> None:
    doc = make_doc(rows, ents)
    assert context_type(doc.ents[-1], "Kent") is None


def test_evidence_a_place_only_folded_alike_is_no_place() -> None:
    """ "Bush" is the town "Būsh" only with its accent dropped."""
    rows = [
        ("Bush", "Bush", "PROPN", "NNP", "nsubj", 1),
        ("spoke", "speak", "VERB", "VBD", "ROOT", 1),
    ]
    doc = make_doc(rows, [(0, 1, "PERSON")])
    assert context_type(doc.ents[0], "Bush") is None


def test_evidence_a_person_s_name_ending_like_a_body_s_is_a_body() -> None:
    rows = [
        ("Brisbane", "Brisbane", "PROPN", "NNP", "compound", 2),
        ("Magistrates", "Magistrates", "PROPN", "NNP", "compound", 2),
        ("Court", "Court", "PROPN", "NNP", "nsubj", 3),
        ("ruled", "rule", "VERB", "VBD", "ROOT", 3),
    ]
    doc = make_doc(rows, [(0, 3, "PERSON")])
    assert context_type(doc.ents[0], "Brisbane Magistrates Court") is (
        EntityType.ORGANIZATION
    )


def test_evidence_a_name_after_the_kind_of_body_it_is_is_a_body() -> None:
    """ "accountancy firm Grant Thornton", which the model tags a person."""
    rows = [
        ("at", "at", "ADP", "IN", "ROOT", 0),
        ("accountancy", "accountancy", "NOUN", "NN", "compound", 2),
        ("firm", "firm", "NOUN", "NN", "compound", 4),
        ("Grant", "Grant", "PROPN", "NNP", "compound", 4),
        ("Thornton", "Thornton", "PROPN", "NNP", "pobj", 0),
    ]
    doc = make_doc(rows, [(3, 5, "PERSON")])
    assert context_type(doc.ents[0], "Grant Thornton") is EntityType.ORGANIZATION


def test_evidence_a_place_s_label_on_a_firm_s_name_is_a_body() -> None:
    """ "Iran Shipping Lines", which the model tags a place."""
    rows = [
        ("by", "by", "ADP", "IN", "ROOT", 0),
        ("Iran", "Iran", "PROPN", "NNP", "compound", 3),
        ("Shipping", "Shipping", "PROPN", "NNP", "compound", 3),
        ("Lines", "Lines", "PROPN", "NNPS", "pobj", 0),
    ]
    doc = make_doc(rows, [(1, 4, "GPE")])
    assert context_type(doc.ents[0], "Iran Shipping Lines") is EntityType.ORGANIZATION


def test_evidence_a_name_in_a_list_with_a_person_is_a_person() -> None:
    """ "Frankie Bontemps and Maxwell Evenor are Chagossians": the second name,
    tagged a body, is listed with a person named in full."""
    rows = [
        ("Frankie", "Frankie", "PROPN", "NNP", "compound", 1),
        ("Bontemps", "Bontemps", "PROPN", "NNP", "nsubj", 5),
        ("and", "and", "CCONJ", "CC", "cc", 1),
        ("Maxwell", "Maxwell", "PROPN", "NNP", "compound", 4),
        ("Evenor", "Evenor", "PROPN", "NNP", "conj", 1),
        ("are", "be", "AUX", "VBP", "ROOT", 5),
    ]
    doc = make_doc(rows, [(0, 2, "PERSON"), (3, 5, "ORG")])
    assert context_type(doc.ents[1], "Maxwell Evenor") is EntityType.PERSON
    alone = make_doc(rows, [(3, 5, "ORG")])
    assert context_type(alone.ents[0], "Maxwell Evenor") is None


@pytest.mark.parametrize(
    ("words", "expected"),
    [(["Lord", "Rennard"], EntityType.PERSON), (["Lord", "Chancellor"], None)],
)
def test_evidence_a_peer_s_title_opens_a_person_s_name(
    words: list[str], expected: EntityType | None
) -> None:
    """The model's body "Lord Rennard" is a peer; "Lord Chancellor" an office."""
    rows = [
        (words[0], words[0], "PROPN", "NNP", "compound", 1),
        (words[1], words[1], "PROPN", "NNP", "nsubj", 2),
        ("spoke", "speak", "VERB", "VBD", "ROOT", 2),
    ]
    doc = make_doc(rows, [(0, 2, "ORG")])
    assert context_type(doc.ents[0], " ".join(words)) is expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["National", "Highway", "1"], EntityType.PLACE),
        (["Grantham", "Station"], EntityType.PLACE),
        (["Grantham", "Holdings"], EntityType.ORGANIZATION),
    ],
)
def test_evidence_a_name_ending_like_a_built_place_is_a_place(
    words: list[str], expected: EntityType
) -> None:
    """The model's body "National Highway 1" is a road; "Grantham Holdings"
    tagged a person is a body."""
    rows = [
        *((w, w, "PROPN", "NNP", "compound", len(words) - 1) for w in words[:-1]),
        (words[-1], words[-1], "PROPN", "NNP", "pobj", len(words)),
        ("closed", "close", "VERB", "VBD", "ROOT", len(words)),
    ]
    label = "PERSON" if expected is EntityType.ORGANIZATION else "ORG"
    doc = make_doc(rows, [(0, len(words), label)])
    assert context_type(doc.ents[0], " ".join(words)) is expected
