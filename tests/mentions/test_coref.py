"""Coreference by rules: hand-built Docs for anaphors, real sentences end to end."""

from __future__ import annotations

import pytest
from rdflib import SKOS, Graph
from spacy.language import Language

from kg.mentions.coref import anaphor_types
from kg.mentions.resolver import Resolver
from kg.pipeline.article import extract_article
from kg.rdf.mapping import build_dataset, union
from kg.records import Article, EntityType, Event, Extraction, Role
from kg.resources.lexicon import load_lexicon

from ..conftest import make_doc

ORG = frozenset({EntityType.ORGANIZATION})
KIRBY = "John Kirby spoke to reporters. He said Russia fired missiles at Ukraine."


@pytest.mark.parametrize(
    ("rows", "index", "expected"),
    [
        (
            [
                ("he", "he", "PRON", "PRP", "nsubj", 1),
                ("said", "say", "VERB", "VBD", "ROOT", 1),
            ],
            0,
            (frozenset({EntityType.PERSON}), 1),
        ),
        (
            [
                ("its", "its", "PRON", "PRP$", "poss", 1),
                ("plan", "plan", "NOUN", "NN", "ROOT", 1),
            ],
            0,
            (frozenset({EntityType.ORGANIZATION, EntityType.COUNTRY}), 1),
        ),
        (
            [
                ("the", "the", "DET", "DT", "det", 1),
                ("company", "company", "NOUN", "NN", "ROOT", 1),
            ],
            1,
            (ORG, 1),
        ),
        (
            [
                ("a", "a", "DET", "DT", "det", 1),
                ("company", "company", "NOUN", "NN", "ROOT", 1),
            ],
            1,
            None,
        ),
        (
            [
                ("the", "the", "DET", "DT", "det", 2),
                ("Dutch", "dutch", "ADJ", "JJ", "amod", 2),
                ("ministry", "ministry", "NOUN", "NN", "ROOT", 2),
            ],
            2,
            None,
        ),
        (
            [
                ("the", "the", "DET", "DT", "det", 2),
                ("mining", "mining", "NOUN", "NN", "compound", 2),
                ("group", "group", "NOUN", "NN", "ROOT", 2),
            ],
            2,
            (ORG, 1),
        ),
        (
            [
                ("the", "the", "DET", "DT", "det", 2),
                ("US", "US", "PROPN", "NNP", "compound", 2),
                ("court", "court", "NOUN", "NN", "ROOT", 2),
            ],
            2,
            None,
        ),
        (
            [
                ("the", "the", "DET", "DT", "det", 1),
                ("regime", "regime", "NOUN", "NN", "ROOT", 1),
            ],
            1,
            (frozenset({EntityType.COUNTRY}), 1),
        ),
        (
            [
                ("both", "both", "DET", "DT", "det", 1),
                ("countries", "country", "NOUN", "NNS", "ROOT", 1),
            ],
            1,
            (frozenset({EntityType.COUNTRY}), 2),
        ),
        (
            [
                ("the", "the", "DET", "DT", "det", 2),
                ("two", "two", "NUM", "CD", "nummod", 2),
                ("leaders", "leader", "NOUN", "NNS", "ROOT", 2),
            ],
            2,
            (frozenset({EntityType.PERSON}), 2),
        ),
    ],
    ids=[
        "he",
        "its",
        "the company",
        "a company",
        "the Dutch ministry",
        "the mining group",
        "the US court",
        "the regime",
        "both countries",
        "the two leaders",
    ],
)
def test_coref_anaphor_types(
    rows: list[tuple[str, str, str, str, str, int]],
    index: int,
    expected: tuple[frozenset[EntityType], int] | None,
) -> None:
    assert anaphor_types(make_doc(rows)[index]) == expected


def _extract(nlp: Language, text: str) -> Extraction:
    article = Article(id="c", text=text, origin="test", date="2024-01-04")
    return extract_article(nlp(text), article, load_lexicon())


def _events(extraction: Extraction, lemma: str) -> list[Event]:
    return [e for e in extraction.events if e.relation == lemma]


@pytest.mark.model
def test_coref_he_said_attributes_to_the_person(nlp: Language) -> None:
    text = KIRBY
    extraction = _extract(nlp, text)
    [fire] = _events(extraction, "fire")
    assert [s.label for s in fire.attributed_to] == ["John Kirby"]
    [say] = _events(extraction, "say")
    [agent] = [a.mention for a in say.arguments if a.role.value == "agent"]
    assert agent.entity.label == "John Kirby" and agent.text == "He"
    assert agent.antecedent is not None and agent.antecedent.text == "John Kirby"
    assert text[agent.antecedent.start : agent.antecedent.end] == "John Kirby"


@pytest.mark.model
def test_coref_description_resolves_to_the_organisation(nlp: Language) -> None:
    text = (
        "Toyota Motor named Koji Sato as chief executive. The carmaker said sales rose."
    )
    [say] = _events(_extract(nlp, text), "say")
    assert say.role(say.arguments[0].role)[0].entity.label == "Toyota Motor"


@pytest.mark.model
def test_coref_a_described_body_is_the_one_named_before(nlp: Language) -> None:
    """Words of a body's kind or home before "company" or "group" still
    refer back ("the Florida company"); a court is a court of its own."""
    text = (
        "Falic Group owns duty-free shops. The Florida company said it "
        "bought the fashion house."
    )
    [say] = _events(_extract(nlp, text), "say")
    assert say.role(say.arguments[0].role)[0].entity.label == "Falic Group"


@pytest.mark.model
def test_coref_an_office_is_the_person_named_with_it(nlp: Language) -> None:
    """ "the prime minister" and "the Russian president" are the people the
    article named with those offices; "the French president", named with
    no one, stays France's."""
    text = (
        "Prime Minister Tony Blair met Russian President Vladimir Putin in "
        "London. The prime minister said talks went well. Later the Russian "
        "president visited Paris. The French president condemned the attack."
    )
    extraction = _extract(nlp, text)
    [say] = _events(extraction, "say")
    assert [m.entity.label for m in say.role(Role.AGENT)] == ["Tony Blair"]
    [visit] = _events(extraction, "visit")
    assert [m.entity.label for m in visit.role(Role.AGENT)] == ["Vladimir Putin"]
    [condemn] = _events(extraction, "condemn")
    assert [m.entity.label for m in condemn.role(Role.AGENT)] == ["France"]


@pytest.mark.model
def test_coref_the_city_is_the_place_named_last(nlp: Language) -> None:
    text = "Fighters captured Mosul in June. Iraqi troops later shelled the city."
    [shell] = _events(_extract(nlp, text), "shell")
    assert [m.entity.label for m in shell.role(Role.TARGET)] == ["Mosul"]


@pytest.mark.model
def test_coref_a_facility_is_the_one_whose_name_says_so(nlp: Language) -> None:
    """ "the airport" is the airport named before; with none named, it is a
    thing of its own, never the place named last."""
    named = "Flights left Heathrow Airport on Monday. Police later closed the airport."
    [close] = _events(_extract(nlp, named), "close")
    assert [m.entity.label for m in close.role(Role.THEME)] == ["Heathrow Airport"]
    unnamed = "Flights left London on Monday. Police later closed the airport."
    closed = _events(_extract(nlp, unnamed), "close")
    assert closed
    assert all(
        m.entity.label != "London"
        for e in closed
        for a in e.arguments
        for m in [a.mention]
    )


@pytest.mark.model
def test_coref_an_object_is_not_its_own_clause_s_subject(nlp: Language) -> None:
    """ "Vodafone then bought the German company": not Vodafone, though
    Vodafone is the nearest body and a subject."""
    text = (
        "Vodafone said that Mannesmann was worth less than its shares "
        "suggested. Vodafone then bought the German company for $180bn."
    )
    [buy] = _events(_extract(nlp, text), "buy")
    assert [m.entity.label for m in buy.role(Role.THEME)] == ["Mannesmann"]


@pytest.mark.model
def test_coref_the_government_far_from_a_country_is_the_article_s(
    nlp: Language,
) -> None:
    text = (
        "Kenya has held an election. Kenya will count the votes. Voters in Kenya "
        "waited. The queues were long. Officials worked all night. The rain fell. "
        "The government said the count was fair."
    )
    [say] = _events(_extract(nlp, text), "say")
    assert say.role(say.arguments[0].role)[0].entity.label == "Kenya"


@pytest.mark.model
def test_coref_the_government_of_the_one_country_named_is_that_country(
    nlp: Language,
) -> None:
    """An article that names one country, once, far from "the government"."""
    text = (
        "Voters in Kenya waited for hours. The queues were long. Officials "
        "worked all night. The rain fell. The government said the count was fair."
    )
    [say] = _events(_extract(nlp, text), "say")
    assert say.role(say.arguments[0].role)[0].entity.label == "Kenya"


@pytest.mark.model
def test_coref_the_government_of_a_story_of_a_state_s_institutions_is_that_state(
    nlp: Language,
) -> None:
    """No country named, but the Commons: the United Kingdom, and the
    mention of the institution that says so is the antecedent."""
    text = (
        "Labour MPs voted for the plan in the Commons. The queues were long. "
        "Officials worked all night. The rain fell. The government said the "
        "vote was fair."
    )
    doc = nlp(text)
    [government] = [t for t in doc if t.lower_ == "government"]
    [found] = Resolver(doc, 0).arguments(government, Role.AGENT)
    assert found.entity.label == "United Kingdom"
    assert found.antecedent is not None and found.antecedent.text == "Commons"


@pytest.mark.model
def test_coref_the_government_of_an_article_of_many_countries_is_none(
    nlp: Language,
) -> None:
    text = (
        "Kenya met Uganda. Uganda met Kenya. Tanzania met Kenya and Uganda. "
        "The queues were long. Officials worked all night. The rain fell. "
        "The government said the count was fair."
    )
    doc = nlp(text)
    [government] = [t for t in doc if t.lower_ == "government"]
    found = Resolver(doc, 0).arguments(government, Role.AGENT)
    assert all(m.entity.type is not EntityType.COUNTRY for m in found)


@pytest.mark.model
def test_coref_a_description_is_the_body_whose_name_says_so(nlp: Language) -> None:
    text = (
        "Riggs Bank was fined $25m last year. Its parent, PNC, made an offer, "
        "Reuters reported on Tuesday. The bank agreed to create a fund."
    )
    [agree] = _events(_extract(nlp, text), "agree")
    assert {m.entity.label for m in agree.role(Role.AGENT)} == {"Riggs Bank"}


@pytest.mark.model
def test_coref_they_is_never_the_source_a_sentence_cites(nlp: Language) -> None:
    text = (
        "Venezuela said the farm was idle. "
        "According to Reuters, they plan to seize 12,900 acres from the farm."
    )
    [seize] = _events(_extract(nlp, text), "seize")
    assert {m.entity.label for m in seize.role(Role.AGENT)} == {"Venezuela"}


@pytest.mark.model
def test_coref_it_after_a_capital_subject_is_the_country(nlp: Language) -> None:
    [send] = _events(
        _extract(nlp, "Tehran denied that it sent weapons to Moscow."), "send"
    )
    assert {
        a.mention.entity.label for a in send.arguments if a.role.value == "agent"
    } == {"Iran"}
    assert send.factuality.value == "negated" and send.stance is not None


@pytest.mark.model
def test_coref_the_two_leaders_are_both_people(nlp: Language) -> None:
    text = (
        "Vladimir Putin met Xi Jinping in Beijing. The two leaders signed a statement."
    )
    # an agreement is symmetric: one leader is the agent, the other the recipient
    parties = {
        a.mention.entity.label
        for e in _events(_extract(nlp, text), "sign")
        for a in e.arguments
        if a.role.value in {"agent", "recipient"}
    }
    assert parties == {"Vladimir Putin", "Xi Jinping"}


@pytest.mark.model
def test_coref_unresolved_pronoun_gives_no_speaker(nlp: Language) -> None:
    [fire] = _events(_extract(nlp, "He said Russia fired missiles at Ukraine."), "fire")
    assert fire.attributed_to == ()


@pytest.mark.model
def test_coref_pronouns_are_not_aliases(nlp: Language) -> None:
    text = KIRBY
    graph: Graph = union(build_dataset([_extract(nlp, text)]))
    aliases = {str(o) for o in graph.objects(None, SKOS.altLabel)}
    assert "John Kirby" in aliases and "He" not in aliases


def _people(extraction: Extraction) -> dict[str, set[str]]:
    """Each person entity's label and the texts of its mentions."""
    found: dict[str, set[str]] = {}
    for mention in extraction.mentions:
        if mention.entity.type.value == "Person":
            found.setdefault(mention.entity.label, set()).add(mention.text)
    return found


@pytest.mark.model
def test_mentions_honorific_keeps_a_surname_to_its_gender(nlp: Language) -> None:
    """ "Mr Blair" is never Cherie Blair, "Mrs Blair" never Tony Blair."""
    found = _people(
        _extract(
            nlp,
            "Tony Blair and his wife Cherie Blair arrived in Rome on Monday. Mrs "
            "Blair visited a school. Mr Blair met the Pope. Tony Blair later "
            "flew home.",
        )
    )
    assert "Mrs Blair" not in found.get("Tony Blair", set())
    assert "Mr Blair" not in found.get("Cherie Blair", set())


@pytest.mark.model
def test_mentions_surname_joins_the_salient_name_or_stays_apart(
    nlp: Language,
) -> None:
    """A surname joins the full name the article mentions most; with two
    equally mentioned, it stays apart."""
    salient = _people(
        _extract(
            nlp,
            "George W Bush met Vladimir Putin. George W Bush praised the talks. "
            "His father George H W Bush was not there. Bush said the meeting "
            "went well.",
        )
    )
    assert "Bush" in salient.get("George W Bush", set())
    tied = _people(
        _extract(
            nlp,
            "John Howard met Michael Howard in London on Monday. Howard said little.",
        )
    )
    assert "Howard" not in tied.get("John Howard", set())
    assert "Howard" not in tied.get("Michael Howard", set())


@pytest.mark.model
def test_mentions_a_misspelt_name_is_the_name_written_more_often(
    nlp: Language,
) -> None:
    """One letter off in each word, same article: the same person; a name of
    the other sex or another given name stays apart."""
    people = _people(
        _extract(
            nlp,
            "Frederick Forsyth wrote the pamphlet. Frederick Forsyth said he "
            "would vote for the party. The author Frederic Forsythe said the "
            "government had failed. Mr Forsythe said he was not a member. "
            "Mark Kelly met Mary Kelly and Mary Kelly said nothing.",
        )
    )
    assert {"Frederic Forsythe", "Forsythe"} <= people["Frederick Forsyth"]
    assert "Mark Kelly" not in people.get("Mary Kelly", set())


@pytest.mark.model
def test_mentions_a_name_without_its_accents_is_the_same_person(
    nlp: Language,
) -> None:
    people = _people(
        _extract(
            nlp,
            "President Jovenel Moïse condemned the attack. Moise said the prison "
            "would be rebuilt. On Monday, President Jovenel Moise visited the town.",
        )
    )
    assert {"Moise", "Jovenel Moise"} <= people["Jovenel Moïse"]


def _entities(extraction: Extraction) -> dict[str, tuple[str, set[str]]]:
    """Entity label → (type, surface forms) of every mention."""
    found: dict[str, tuple[str, set[str]]] = {}
    for mention in extraction.mentions:
        entry = found.setdefault(
            mention.entity.label, (mention.entity.type.value, set())
        )
        entry[1].add(mention.text)
    return found


@pytest.mark.model
def test_mentions_listed_organisations_whatever_the_parser_took_them_for(
    nlp: Language,
) -> None:
    """Parties, armed groups and bodies of ontology/organizations.ttl are
    organisations under any of their names, tagged or not."""
    found = _entities(
        _extract(
            nlp,
            "Labour said the Tories had failed. The Lib Dems and Ukip disagreed. "
            "IS fighters attacked the town, and ECOWAS condemned the attack.",
        )
    )
    assert found["Conservative Party"] == ("Organization", {"Tories"})
    assert found["Liberal Democrats"][0] == "Organization"
    assert found["Islamic State"] == ("Organization", {"IS"})
    assert found["ECOWAS"] == ("Organization", {"ECOWAS"})
    assert found["Labour Party"] == ("Organization", {"Labour"})
    grouped = _entities(
        _extract(
            nlp,
            "I hope New Labour suffers the same treatment. Quad leaders met "
            "in Tokyo, and the Quadrilateral Security Dialogue issued a statement.",
        )
    )
    assert grouped["Labour Party"] == ("Organization", {"New Labour"})
    assert grouped["Quadrilateral Security Dialogue"][0] == "Organization"
    assert "Quad" not in grouped


@pytest.mark.model
def test_mentions_common_words_and_full_names_are_not_listed_names(
    nlp: Language,
) -> None:
    """ "Labour costs" is no party; "Ford" after "Gerald Ford" is the man."""
    found = _entities(
        _extract(
            nlp,
            "Labour costs rose sharply in March. Gerald Ford met Leonid Brezhnev "
            "in Vladivostok. Ford said the talks went well.",
        )
    )
    assert "Labour Party" not in found
    assert "Ford" not in found
    assert found["Gerald Ford"][0] == "Person"


@pytest.mark.model
def test_mentions_a_world_region_is_a_place_whatever_its_tag(nlp: Language) -> None:
    found = _entities(
        _extract(
            nlp,
            "Japan and the Philippines are working together in the Indo-Pacific "
            "region. The Indo-Pacific is a priority for the Quad.",
        )
    )
    assert found["Indo-Pacific"][0] == "Place"
    assert "Indo-Pacific region" not in found


@pytest.mark.model
def test_mentions_a_body_s_short_name_is_the_body(nlp: Language) -> None:
    """ "Newbridge" for "Newbridge Capital", "United" for "Manchester United"
    (the model's person), when the article names the body in full."""
    found = _entities(
        _extract(
            nlp,
            "Manchester United rejected the offer from Malcolm Glazer. United "
            "said the bid was too risky. Newbridge Capital bought Korea First "
            "Bank in 1999. Newbridge made a large profit on the sale.",
        )
    )
    assert found["Manchester United"][0] == "Organization"
    assert "United" in found["Manchester United"][1]
    assert found["Newbridge Capital"][1] >= {"Newbridge Capital", "Newbridge"}


@pytest.mark.model
def test_mentions_a_sentence_s_first_quantifier_is_no_body(nlp: Language) -> None:
    """ "Many EU ministers": the EU's, and no body called "Many"."""
    found = _entities(
        _extract(nlp, "Many EU ministers are thought to support the plan.")
    )
    assert "Many" not in found
    assert "Many EU ministers" in found["European Union"][1]


@pytest.mark.model
def test_mentions_a_titled_person_s_place_is_no_family_name(nlp: Language) -> None:
    found = _entities(
        _extract(
            nlp,
            "The Archbishop of Canterbury criticised the plan. Canterbury is a "
            "city in Kent.",
        )
    )
    assert found["Archbishop of Canterbury"][0] == "Person"
    assert found["Canterbury"][0] == "Place"


@pytest.mark.model
def test_mentions_an_idiom_s_noun_is_no_thing(nlp: Language) -> None:
    found = _entities(
        _extract(
            nlp,
            "It was bought by a previously unknown group, which was in turn "
            "bought by state-controlled oil company Rosneft.",
        )
    )
    assert "turn" not in found


@pytest.mark.model
def test_mentions_names_are_repaired(nlp: Language) -> None:
    """A name cut after its particle is finished; a party opening a person's
    name is split off."""
    found = _entities(
        _extract(
            nlp,
            "European Commission President Ursula von der Leyen said on Monday "
            "that the bloc would act. Lib Dem Norman Baker criticised the plan.",
        )
    )
    assert found["Ursula von der Leyen"][0] == "Person"
    assert found["Norman Baker"] == ("Person", {"Norman Baker"})
    assert found["Liberal Democrats"] == ("Organization", {"Lib Dem"})


@pytest.mark.model
def test_mentions_an_organisations_first_word_is_put_back(nlp: Language) -> None:
    """A proper noun the model left out of the start of a group's name is part
    of it: "The Liberal Democrats" names the party, not "Democrats"."""
    found = _entities(
        _extract(
            nlp,
            "That has been attacked by the Tories as too little. The Liberal "
            "Democrats have not been drawn too deeply into the argument.",
        )
    )
    assert "Democrats" not in found
    assert found["Liberal Democrats"][0] == "Organization"


@pytest.mark.model
def test_mentions_a_state_s_government_is_a_mention_of_it_its_envoy_is_not(
    nlp: Language,
) -> None:
    """ "the Nairobi government" is Kenya wherever it stands; "Russia's envoy"
    is a person, no mention of Russia."""
    text = "The Nairobi government closed the camp. Russia's envoy left early."
    mentions = Resolver(nlp(text), 0).named_mentions()
    found = {(m.text, m.entity.label) for m in mentions}
    assert ("The Nairobi government", "Kenya") in found
    assert ("Russia's envoy", "Russia") not in found


@pytest.mark.model
def test_coref_a_capitalised_office_is_the_person_named_with_it(
    nlp: Language,
) -> None:
    """ "the Chancellor" and "The Prime Minister", as British papers write
    them, are the people the article named with those titles."""
    text = (
        "Chancellor Gordon Brown set out his plans on Monday. Critics said the "
        "Chancellor was wrong. Prime Minister Tony Blair backed him. The Prime "
        "Minister disagreed."
    )
    mentions = Resolver(nlp(text), 0).named_mentions()
    found = {(m.text, m.entity.label) for m in mentions}
    assert ("the Chancellor", "Gordon Brown") in found
    assert ("The Prime Minister", "Tony Blair") in found


@pytest.mark.model
def test_mentions_countries_joined_in_one_word_are_each_mentioned(
    nlp: Language,
) -> None:
    """ "U.S.-Japan", which the tokenizer keeps as one word: two countries."""
    mentions = Resolver(nlp("The U.S.-Japan alliance is strong."), 0).named_mentions()
    assert [(m.text, m.entity.label) for m in mentions] == [
        ("U.S.", "United States"),
        ("Japan", "Japan"),
    ]
