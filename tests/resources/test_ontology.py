from __future__ import annotations

from rdflib import OWL, RDF, Graph, Namespace, URIRef

from kg.rdf.vocab import KG
from kg.resources.lexicon import load_lexicon, ontology_path
from kg.resources.ontology import KG as KG_IRI

KG_NS = Namespace(KG_IRI)

REQUIRED_CLASSES = {
    "Supply",
    "Attack",
    "Funding",
    "Sanction",
    "Meeting",
    "Visit",
    "Agreement",
    "Acquisition",
    "Appointment",
    "Statement",
    "Support",
    "Request",
    "Condemnation",
    "Approval",
    "Development",
    "Manufacture",
    "Event",
}
ROLES = {
    "agent",
    "theme",
    "recipient",
    "target",
    "source",
    "place",
    "time",
    "instrument",
}


def _ontology() -> Graph:
    return Graph().parse(ontology_path("kg.ttl"), format="turtle")


def test_ontology_and_vocab_agree_both_ways() -> None:
    graph = _ontology()
    in_ontology = {
        str(s)[len(KG_NS) :]
        for s in graph.subjects()
        if isinstance(s, URIRef) and str(s).startswith(str(KG_NS))
    }
    in_vocab = {name for name in KG.__annotations__ if not name.startswith("_")}
    assert in_ontology == in_vocab


def test_ontology_has_required_event_classes_and_roles() -> None:
    graph = _ontology()
    classes = {str(c)[len(KG_NS) :] for c in graph.subjects(RDF.type, OWL.Class)}
    assert classes >= REQUIRED_CLASSES
    props = {
        str(p)[len(KG_NS) :]
        for kind in (OWL.ObjectProperty, OWL.DatatypeProperty)
        for p in graph.subjects(RDF.type, kind)
    }
    assert props >= ROLES


def test_ontology_every_event_class_has_triggers_and_a_direct_property() -> None:
    lexicon = load_lexicon()
    for name in REQUIRED_CLASSES - {"Event"}:
        assert lexicon.lemmas(name), name
        assert name in lexicon.direct, name


def test_ontology_vocab_rejects_typos() -> None:
    try:
        KG.hasAgnet  # noqa: B018
    except AttributeError:
        return
    raise AssertionError("KG.hasAgnet should raise")


def test_ontology_every_class_and_role_named_in_the_constraints_exists() -> None:
    graph = _ontology()
    classes = {str(c)[len(KG_NS) :] for c in graph.subjects(RDF.type, OWL.Class)}
    lexicon = load_lexicon()
    assert set(lexicon.constraints) == set(lexicon.direct) - {"Event", "Statement"}
    for name, rules in lexicon.constraints.items():
        assert name in classes, name
        roles = (
            set(rules.accepts) | set(rules.requires_one_of) | set(rules.nominal_needs)
        )
        assert roles <= ROLES, (name, roles - ROLES)
        for allowed in rules.accepts.values():
            assert allowed <= classes | {"Nothing"}, (name, allowed - classes)
        for pair in rules.not_events:
            assert len(pair.split()) >= 2, (name, pair)
    for verb_class in lexicon.light_verbs:
        assert verb_class in classes, verb_class
    assert set(lexicon.evoked.values()) | set(lexicon.figurative.values()) <= classes


def test_ontology_word_lists_are_lower_case_lemmas() -> None:
    lexicon = load_lexicon()
    for words in (
        lexicon.actor_nouns,
        lexicon.descriptor_nouns,
        lexicon.weapon_nouns,
        lexicon.not_actor_nouns,
    ):
        assert words and all(w == w.lower().strip() for w in words)
    assert not lexicon.actor_nouns & lexicon.weapon_nouns
