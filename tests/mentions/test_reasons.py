"""Why a surface form names an entity, kept as kg:mergedBecause."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Literal, Namespace
from spacy.language import Language

from kg.mentions.reasons import alias_reason, merge_note
from kg.pipeline.article import extract_article
from kg.rdf.mapping import build_dataset, union
from kg.records import Article
from kg.resources.lexicon import load_lexicon
from kg.store.sparql import select

KG = Namespace("https://w3id.org/kgnews/ontology#")


@pytest.mark.parametrize(
    ("label", "kind", "alias", "reason"),
    [
        ("North Korea", "Country", "Pyongyang", "capital acting for its country"),
        ("North Korea", "Country", "North Korean", "demonym"),
        ("Tony Blair", "Person", "Blair", "surname of the full name"),
        ("Tony Blair", "Person", "Mr Blair", "honorific and surname of the full name"),
        (
            "Liberal Democrats",
            "Organization",
            "Lib Dems",
            "known alias (ontology/organizations.ttl)",
        ),
        (
            "Serum Institute of India",
            "Organization",
            "SII",
            "acronym given in the article",
        ),
        ("Tony Blair", "Person", "the premier", "surface form in the article"),
    ],
)
def test_reasons_name_why_a_form_was_merged(
    label: str, kind: str, alias: str, reason: str
) -> None:
    assert alias_reason(label, kind, alias) == reason


def test_reasons_the_label_itself_needs_no_reason() -> None:
    assert merge_note("Tony Blair", "Person", "Tony  Blair") is None
    assert merge_note("Tony Blair", "Person", "Blair") == (
        "Blair: surname of the full name"
    )


@pytest.mark.model
def test_reasons_are_written_as_merged_because(nlp: Language) -> None:
    text = "Tony Blair met Gordon Brown in London. Blair praised the budget."
    article = Article(id="m", text=text, origin="test", date="2005-02-01")
    graph = union(build_dataset([extract_article(nlp(text), article, load_lexicon())]))
    notes = {str(o) for o in graph.objects(None, KG.mergedBecause)}
    assert "Blair: surname of the full name" in notes
    assert not any(n.startswith(("Tony Blair:", "the budget:")) for n in notes)
    assert (
        None,
        KG.mergedBecause,
        Literal("Blair: surname of the full name"),
    ) in graph


@pytest.mark.model
def test_reasons_answer_a_sparql_query(seed_store: ox.Store) -> None:
    rows = select(
        seed_store,
        'SELECT ?why WHERE { ?e rdfs:label "North Korea" ; kg:mergedBecause ?why }',
    )
    found = {row["why"].value for row in rows}
    assert "DPRK: country name or code (gazetteer)" in found
    assert "Pyongyang: capital acting for its country" in found
