from __future__ import annotations

import pytest
from spacy.tokens import Doc

from kg.mentions.resolver import Resolver
from kg.records import EntityType, Role
from kg.resources.gazetteer import load_gazetteer

from ..conftest import make_doc


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("DPRK", "North Korea"),
        ("ROK", "South Korea"),
        ("UK", "United Kingdom"),
        ("US", "United States"),
        ("the U.S.", "United States"),
        ("UAE", "United Arab Emirates"),
        ("Russian Federation", "Russia"),
        ("Democratic People's Republic of Korea", "North Korea"),
    ],
)
def test_gazetteer_names_codes_and_acronyms(text: str, name: str) -> None:
    country = load_gazetteer().country(text)
    assert country is not None and country.name == name


def test_gazetteer_words_are_not_codes() -> None:
    gaz = load_gazetteer()
    assert gaz.country("IT") is None and gaz.country("us") is None
    assert gaz.country("D.C.") is None  # Washington's district, not Congo


@pytest.mark.parametrize(
    ("text", "sovereign"),
    [("Hong Kong", False), ("Puerto Rico", False), ("Guam", False), ("Taiwan", True)],
)
def test_gazetteer_territories_are_no_states(text: str, sovereign: bool) -> None:
    country = load_gazetteer().country(text)
    assert country is not None and country.sovereign is sovereign


def test_mentions_a_territory_is_a_place_with_its_codes() -> None:
    rows = [
        ("Hong", "Hong", "PROPN", "NNP", "compound", 1),
        ("Kong", "Kong", "PROPN", "NNP", "nsubj", 2),
        ("grew", "grow", "VERB", "VBD", "ROOT", 2),
    ]
    doc = make_doc(rows, [(0, 2, "GPE")])
    (mention,) = Resolver(doc, 0).named_mentions()
    entity = mention.entity
    assert (entity.key, entity.type, entity.iso3) == (
        "place:hong kong",
        EntityType.PLACE,
        "HKG",
    )


@pytest.mark.parametrize(
    ("capital", "name"),
    [
        ("Pyongyang", "North Korea"),
        ("Tehran", "Iran"),
        ("Beijing", "China"),
        ("Washington", "United States"),
        ("Kyiv", "Ukraine"),
        ("Moscow", "Russia"),
    ],
)
def test_gazetteer_capitals(capital: str, name: str) -> None:
    country = load_gazetteer().capital(capital)
    assert country is not None and country.name == name


@pytest.mark.parametrize(
    ("demonym", "name"),
    [
        ("North Korean", "North Korea"),
        ("American", "United States"),
        ("Ukrainians", "Ukraine"),
    ],
)
def test_gazetteer_demonyms(demonym: str, name: str) -> None:
    country = load_gazetteer().demonym(demonym)
    assert country is not None and country.name == name


def _doc() -> Doc:
    rows = [
        ("John", "John", "PROPN", "NNP", "compound", 1),
        ("Kirby", "Kirby", "PROPN", "NNP", "nsubj", 2),
        ("spoke", "speak", "VERB", "VBD", "ROOT", 2),
        ("in", "in", "ADP", "IN", "prep", 2),
        ("Moscow", "Moscow", "PROPN", "NNP", "pobj", 3),
        (";", ";", "PUNCT", ":", "punct", 2),
        ("Kirby", "Kirby", "PROPN", "NNP", "nsubj", 7),
        ("said", "say", "VERB", "VBD", "conj", 2),
        ("asj", "asj", "NOUN", "NN", "dobj", 7),
        ("on", "on", "ADP", "IN", "prep", 7),
        ("January", "January", "PROPN", "NNP", "pobj", 9),
    ]
    return make_doc(
        rows,
        [
            (0, 2, "PERSON"),
            (4, 5, "GPE"),
            (6, 7, "PERSON"),
            (8, 9, "PERSON"),
            (10, 11, "PERSON"),
        ],
    )


def test_mentions_surname_resolves_to_full_name() -> None:
    mentions = Resolver(_doc(), 0).named_mentions()
    persons = [
        (m.text, m.entity.label) for m in mentions if m.entity.type is EntityType.PERSON
    ]
    assert persons == [("John Kirby", "John Kirby"), ("Kirby", "John Kirby")]


def test_mentions_junk_never_becomes_an_entity() -> None:
    labels = {m.entity.label for m in Resolver(_doc(), 0).named_mentions()}
    assert "asj" not in labels and "January" not in labels


def test_mentions_capital_is_a_place_unless_actor() -> None:
    doc = _doc()
    resolver = Resolver(doc, 0)
    as_place = resolver.argument(doc[4], Role.PLACE)
    as_agent = resolver.argument(doc[4], Role.AGENT)
    assert as_place is not None and as_place.entity.type is EntityType.PLACE
    assert as_agent is not None and as_agent.entity.label == "Russia"
    assert as_agent.entity.iso2 == "RU" and as_agent.entity.iso3 == "RUS"


def test_mentions_offsets_shift_into_article() -> None:
    doc = _doc()
    (first, *_) = Resolver(doc, 100).named_mentions()
    assert (first.start, first.end) == (100, 110)


def test_mentions_a_name_takes_the_type_most_of_its_mentions_carry() -> None:
    """ "Vexcom" tagged once a person and twice an organisation is one firm."""
    rows = [
        ("Vexcom", "Vexcom", "PROPN", "NNP", "nsubj", 1),
        ("said", "say", "VERB", "VBD", "ROOT", 1),
        ("Vexcom", "Vexcom", "PROPN", "NNP", "nsubj", 3),
        ("grew", "grow", "VERB", "VBD", "ccomp", 1),
        ("and", "and", "CCONJ", "CC", "cc", 1),
        ("Vexcom", "Vexcom", "PROPN", "NNP", "nsubj", 6),
        ("hired", "hire", "VERB", "VBD", "conj", 1),
        ("staff", "staff", "NOUN", "NN", "dobj", 6),
    ]
    doc = make_doc(rows, [(0, 1, "PERSON"), (2, 3, "ORG"), (5, 6, "ORG")])
    types = {m.entity.type for m in Resolver(doc, 0).named_mentions()}
    assert types == {EntityType.ORGANIZATION}


def test_mentions_a_party_member_is_the_party_not_a_body_of_its_own() -> None:
    """ "Labour MP" tagged as one organisation is the Labour Party."""
    rows = [
        ("Labour", "Labour", "PROPN", "NNP", "compound", 1),
        ("MP", "MP", "PROPN", "NNP", "nsubj", 2),
        ("objected", "object", "VERB", "VBD", "ROOT", 2),
    ]
    doc = make_doc(rows, [(0, 2, "ORG")])
    mentions = Resolver(doc, 0).named_mentions()
    assert [(m.text, m.entity.label) for m in mentions] == [("Labour", "Labour Party")]


def _labels(doc: Doc) -> list[tuple[str, str, EntityType]]:
    return [
        (m.text, m.entity.label, m.entity.type)
        for m in Resolver(doc, 0).named_mentions()
    ]


def test_mentions_initials_stand_for_the_organisation_named_in_full() -> None:
    """ "the DTI" after "the Department of Trade and Industry" is that body."""
    rows = [
        ("Department", "Department", "PROPN", "NNP", "nsubj", 5),
        ("of", "of", "ADP", "IN", "prep", 0),
        ("Trade", "Trade", "PROPN", "NNP", "pobj", 1),
        ("and", "and", "CCONJ", "CC", "cc", 2),
        ("Industry", "Industry", "PROPN", "NNP", "conj", 2),
        ("said", "say", "VERB", "VBD", "ROOT", 5),
        ("the", "the", "DET", "DT", "det", 7),
        ("DTI", "DTI", "PROPN", "NNP", "nsubj", 8),
        ("agreed", "agree", "VERB", "VBD", "ccomp", 5),
    ]
    doc = make_doc(rows, [(0, 5, "ORG"), (7, 8, "GPE")])
    assert [label for _, label, _ in _labels(doc)] == [
        "Department of Trade and Industry",
        "Department of Trade and Industry",
    ]


def test_mentions_a_bracketed_short_form_in_any_case_is_defined() -> None:
    """ "the Global Alliance for Vaccines and Immunisation (Gavi)": the name
    the model stretched over the bracket is cut before it, and "Gavi" (taken
    for a person further on) is the alliance."""
    rows = [
        ("Global", "Global", "PROPN", "NNP", "compound", 1),
        ("Alliance", "Alliance", "PROPN", "NNP", "nsubj", 9),
        ("for", "for", "ADP", "IN", "prep", 1),
        ("Vaccines", "Vaccines", "PROPN", "NNPS", "pobj", 2),
        ("and", "and", "CCONJ", "CC", "cc", 3),
        ("Immunisation", "Immunisation", "PROPN", "NNP", "conj", 3),
        ("(", "(", "PUNCT", "-LRB-", "punct", 7),
        ("Gavi", "Gavi", "PROPN", "NNP", "appos", 1),
        (")", ")", "PUNCT", "-RRB-", "punct", 7),
        ("grew", "grow", "VERB", "VBD", "ROOT", 9),
        ("Gavi", "Gavi", "PROPN", "NNP", "nsubj", 11),
        ("spent", "spend", "VERB", "VBD", "conj", 9),
    ]
    doc = make_doc(rows, [(0, 8, "ORG"), (10, 11, "PERSON")])
    found = _labels(doc)
    full = "Global Alliance for Vaccines and Immunisation"
    assert found[0][:2] == (full, full)
    assert found[-1] == ("Gavi", full, EntityType.ORGANIZATION)


def test_mentions_one_name_is_one_entity_in_an_article() -> None:
    """ "Zorlan" read twice as a body and once as a place is one entity."""
    rows = [
        ("Police", "police", "NOUN", "NNS", "nsubj", 1),
        ("left", "leave", "VERB", "VBD", "ROOT", 1),
        ("Zorlan", "Zorlan", "PROPN", "NNP", "dobj", 1),
        ("and", "and", "CCONJ", "CC", "cc", 1),
        ("Zorlan", "Zorlan", "PROPN", "NNP", "nsubj", 5),
        ("said", "say", "VERB", "VBD", "conj", 1),
        ("Zorlan", "Zorlan", "PROPN", "NNP", "nsubj", 7),
        ("agreed", "agree", "VERB", "VBD", "ccomp", 5),
    ]
    doc = make_doc(rows, [(2, 3, "GPE"), (4, 5, "ORG"), (6, 7, "ORG")])
    assert {(label, kind) for _, label, kind in _labels(doc)} == {
        ("Zorlan", EntityType.ORGANIZATION)
    }


def test_mentions_a_firm_tied_to_a_country_once_is_that_firm_throughout() -> None:
    """ "US lender Vexbank" and later "Vexbank" are one firm, based in the
    United States."""
    rows = [
        ("US", "US", "PROPN", "NNP", "compound", 1),
        ("lender", "lender", "NOUN", "NN", "nsubj", 3),
        ("Vexbank", "Vexbank", "PROPN", "NNP", "appos", 1),
        ("grew", "grow", "VERB", "VBD", "ROOT", 3),
        ("and", "and", "CCONJ", "CC", "cc", 3),
        ("Vexbank", "Vexbank", "PROPN", "NNP", "nsubj", 6),
        ("hired", "hire", "VERB", "VBD", "conj", 3),
    ]
    doc = make_doc(rows, [(0, 1, "GPE"), (2, 3, "ORG"), (5, 6, "ORG")])
    firms = {
        (m.entity.key, m.entity.based_in)
        for m in Resolver(doc, 0).named_mentions()
        if m.entity.type is EntityType.ORGANIZATION
    }
    assert firms == {("organization:vexbank@united states", "United States")}


def test_mentions_a_family_name_written_first_joins_the_full_name() -> None:
    """ "Lai Ching-te ... Lai said": the family name of a Chinese name."""
    rows = [
        ("Lai", "Lai", "PROPN", "NNP", "compound", 1),
        ("Ching-te", "Ching-te", "PROPN", "NNP", "nsubj", 2),
        ("spoke", "speak", "VERB", "VBD", "ROOT", 2),
        ("and", "and", "CCONJ", "CC", "cc", 2),
        ("Lai", "Lai", "PROPN", "NNP", "nsubj", 5),
        ("left", "leave", "VERB", "VBD", "conj", 2),
    ]
    doc = make_doc(rows, [(0, 2, "PERSON"), (4, 5, "PERSON")])
    assert {label for _, label, _ in _labels(doc)} == {"Lai Ching-te"}


def test_mentions_a_body_its_context_makes_a_person_gathers_its_surname() -> None:
    """ "Lydia Rosasi, 29, works ... Rosasi said": the model's body is a
    person, and her surname alone is her."""
    rows = [
        ("Lydia", "Lydia", "PROPN", "NNP", "compound", 1),
        ("Rosasi", "Rosasi", "PROPN", "NNP", "nsubj", 5),
        (",", ",", "PUNCT", ",", "punct", 1),
        ("29", "29", "NUM", "CD", "appos", 1),
        (",", ",", "PUNCT", ",", "punct", 1),
        ("works", "work", "VERB", "VBZ", "ROOT", 5),
        ("and", "and", "CCONJ", "CC", "cc", 5),
        ("Rosasi", "Rosasi", "PROPN", "NNP", "nsubj", 8),
        ("said", "say", "VERB", "VBD", "conj", 5),
    ]
    doc = make_doc(rows, [(0, 2, "ORG"), (7, 8, "ORG")])
    assert {(label, kind) for _, label, kind in _labels(doc)} == {
        ("Lydia Rosasi", EntityType.PERSON)
    }


def test_mentions_names_alike_but_for_accents_are_one_entity() -> None:
    rows = [
        ("Jovenel", "Jovenel", "PROPN", "NNP", "compound", 1),
        ("Moïse", "Moïse", "PROPN", "NNP", "nsubj", 2),
        ("spoke", "speak", "VERB", "VBD", "ROOT", 2),
        ("and", "and", "CCONJ", "CC", "cc", 2),
        ("Jovenel", "Jovenel", "PROPN", "NNP", "compound", 5),
        ("Moise", "Moise", "PROPN", "NNP", "nsubj", 6),
        ("left", "leave", "VERB", "VBD", "conj", 2),
    ]
    doc = make_doc(rows, [(0, 2, "PERSON"), (4, 6, "PERSON")])
    keys = {m.entity.key for m in Resolver(doc, 0).named_mentions()}
    assert keys == {"person:jovenel moise"}


def test_mentions_one_name_tied_to_two_countries_is_two_bodies() -> None:
    """ "Afghanistan's Ministry of Defence ... Pakistan's Ministry of
    Defence": two ministries, not one."""
    rows = [
        ("Afghanistan", "Afghanistan", "PROPN", "NNP", "poss", 2),
        ("'s", "'s", "PART", "POS", "case", 0),
        ("Ministry", "Ministry", "PROPN", "NNP", "nsubj", 5),
        ("of", "of", "ADP", "IN", "prep", 2),
        ("Defence", "Defence", "PROPN", "NNP", "pobj", 3),
        ("spoke", "speak", "VERB", "VBD", "ROOT", 5),
        ("and", "and", "CCONJ", "CC", "cc", 5),
        ("Pakistan", "Pakistan", "PROPN", "NNP", "poss", 9),
        ("'s", "'s", "PART", "POS", "case", 7),
        ("Ministry", "Ministry", "PROPN", "NNP", "nsubj", 12),
        ("of", "of", "ADP", "IN", "prep", 9),
        ("Defence", "Defence", "PROPN", "NNP", "pobj", 10),
        ("replied", "reply", "VERB", "VBD", "conj", 5),
    ]
    doc = make_doc(rows, [(0, 1, "GPE"), (2, 5, "ORG"), (7, 8, "GPE"), (9, 12, "ORG")])
    keys = {
        m.entity.key
        for m in Resolver(doc, 0).named_mentions()
        if m.entity.type is EntityType.ORGANIZATION
    }
    assert len(keys) == 2


def test_mentions_a_family_name_without_its_arabic_article_is_the_person() -> None:
    """ "Bashar al-Assad ... Assad": one person."""
    rows = [
        ("Bashar", "Bashar", "PROPN", "NNP", "compound", 1),
        ("al-Assad", "al-Assad", "PROPN", "NNP", "nsubj", 2),
        ("fled", "flee", "VERB", "VBD", "ROOT", 2),
        ("and", "and", "CCONJ", "CC", "cc", 2),
        ("Assad", "Assad", "PROPN", "NNP", "nsubj", 5),
        ("left", "leave", "VERB", "VBD", "conj", 2),
    ]
    doc = make_doc(rows, [(0, 2, "PERSON"), (4, 5, "PERSON")])
    assert {label for _, label, _ in _labels(doc)} == {"Bashar al-Assad"}


def test_mentions_a_body_named_with_and_without_its_country_is_one() -> None:
    rows = [
        ("U.S.", "U.S.", "PROPN", "NNP", "compound", 2),
        ("State", "State", "PROPN", "NNP", "compound", 2),
        ("Department", "Department", "PROPN", "NNP", "nsubj", 3),
        ("spoke", "speak", "VERB", "VBD", "ROOT", 3),
        ("and", "and", "CCONJ", "CC", "cc", 3),
        ("State", "State", "PROPN", "NNP", "compound", 6),
        ("Department", "Department", "PROPN", "NNP", "nsubj", 7),
        ("left", "leave", "VERB", "VBD", "conj", 3),
    ]
    doc = make_doc(rows, [(0, 3, "ORG"), (5, 7, "ORG")])
    assert {label for _, label, _ in _labels(doc)} == {"U.S. State Department"}


def test_mentions_a_region_s_noun_after_a_name_is_the_named_place() -> None:
    """ "troops entered the Sahel region": the Sahel, a place."""
    rows = [
        ("troops", "troop", "NOUN", "NNS", "nsubj", 1),
        ("entered", "enter", "VERB", "VBD", "ROOT", 1),
        ("the", "the", "DET", "DT", "det", 4),
        ("Sahel", "Sahel", "PROPN", "NNP", "compound", 4),
        ("region", "region", "NOUN", "NN", "dobj", 1),
    ]
    doc = make_doc(rows)
    found = Resolver(doc, 0).argument(doc[4], Role.TARGET)
    assert found is not None
    assert (found.entity.label, found.entity.type) == ("Sahel", EntityType.PLACE)


def test_mentions_an_airport_after_a_name_is_no_city() -> None:
    """ "Kabul airport" is not Kabul."""
    rows = [
        ("troops", "troop", "NOUN", "NNS", "nsubj", 1),
        ("left", "leave", "VERB", "VBD", "ROOT", 1),
        ("Kabul", "Kabul", "PROPN", "NNP", "compound", 3),
        ("airport", "airport", "NOUN", "NN", "dobj", 1),
    ]
    doc = make_doc(rows)
    found = Resolver(doc, 0).argument(doc[3], Role.PLACE)
    assert found is None or found.entity.label != "Kabul"


def test_mentions_a_listed_acronym_wins_over_a_country_s_initials() -> None:
    """ "IRA" is the listed group, not the initials of "Islamic Republic of
    Afghanistan"; "AP" the news agency, not Brunei's "Abode of Peace"."""
    rows = [
        ("IRA", "IRA", "PROPN", "NNP", "nsubj", 1),
        ("told", "tell", "VERB", "VBD", "ROOT", 1),
        ("AP", "AP", "PROPN", "NNP", "dobj", 1),
    ]
    doc = make_doc(rows, [(0, 1, "ORG"), (2, 3, "ORG")])
    found = {(text, label, kind) for text, label, kind in _labels(doc)}
    assert found == {
        ("IRA", "IRA", EntityType.ORGANIZATION),
        ("AP", "Associated Press", EntityType.ORGANIZATION),
    }


def test_mentions_a_continent_s_adjective_is_the_continent() -> None:
    """ "its European brands": Europe (the peoples stay groups of their own)."""
    rows = [
        ("its", "its", "PRON", "PRP$", "poss", 2),
        ("European", "european", "ADJ", "JJ", "amod", 2),
        ("brands", "brand", "NOUN", "NNS", "ROOT", 2),
    ]
    doc = make_doc(rows, [(1, 2, "NORP")])
    assert _labels(doc) == [("European", "Europe", EntityType.PLACE)]


def test_mentions_a_capital_as_a_party_is_its_state_as_a_place_the_city() -> None:
    """ "talks with Pyongyang": North Korea; "London was hit": London."""
    rows = [
        ("talks", "talk", "NOUN", "NNS", "nsubj", 3),
        ("with", "with", "ADP", "IN", "prep", 0),
        ("Pyongyang", "Pyongyang", "PROPN", "NNP", "pobj", 1),
        ("failed", "fail", "VERB", "VBD", "ROOT", 3),
        ("and", "and", "CCONJ", "CC", "cc", 3),
        ("London", "London", "PROPN", "NNP", "nsubjpass", 7),
        ("was", "be", "AUX", "VBD", "auxpass", 7),
        ("hit", "hit", "VERB", "VBN", "conj", 3),
    ]
    doc = make_doc(rows, [(2, 3, "GPE"), (5, 6, "GPE")])
    assert [(text, label) for text, label, _ in _labels(doc)] == [
        ("Pyongyang", "North Korea"),
        ("London", "London"),
    ]


def test_mentions_a_given_name_alone_is_the_one_person_of_that_name() -> None:
    """ "her daughter, Makeda Mbewe ... fighting for Makeda" (the model: a
    body)."""
    rows = [
        ("Makeda", "Makeda", "PROPN", "NNP", "compound", 1),
        ("Mbewe", "Mbewe", "PROPN", "NNP", "nsubj", 2),
        ("won", "win", "VERB", "VBD", "ROOT", 2),
        ("and", "and", "CCONJ", "CC", "cc", 2),
        ("Makeda", "Makeda", "PROPN", "NNP", "nsubj", 5),
        ("smiled", "smile", "VERB", "VBD", "conj", 2),
    ]
    doc = make_doc(rows, [(0, 2, "PERSON"), (4, 5, "ORG")])
    assert {label for _, label, _ in _labels(doc)} == {"Makeda Mbewe"}
