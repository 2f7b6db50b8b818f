"""Countries and international bodies carry their Wikidata item, so kg's
graph joins Wikidata."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import OWL, RDFS, Literal, URIRef
from spacy.language import Language

from kg.pipeline.article import extract_article
from kg.rdf.mapping import build_dataset, union
from kg.records import Article
from kg.resources.lexicon import load_lexicon
from kg.resources.wikidata import WIKIDATA, country_item, organization_item
from kg.store.sparql import PREFIXES, select

# What a federated query would read from Wikidata (its query service is not
# reachable here): each country's capital, as Wikidata states it.
_WIKIDATA_SIDE = f"""
<{WIKIDATA}Q423> <http://www.wikidata.org/prop/direct/P36> <{WIKIDATA}Q18808> .
<{WIKIDATA}Q159> <http://www.wikidata.org/prop/direct/P36> <{WIKIDATA}Q649> .
"""


def test_rdf_countries_are_the_same_as_their_wikidata_item(
    seed_store: ox.Store,
) -> None:
    found = {
        (row["label"].value, row["item"].value)
        for row in select(
            seed_store,
            "SELECT ?label ?item WHERE { ?c a kg:Country ; rdfs:label ?label ; "
            "owl:sameAs ?item }",
        )
    }
    assert ("North Korea", f"{WIKIDATA}Q423") in found
    assert ("Russia", f"{WIKIDATA}Q159") in found
    assert all(item.startswith(WIKIDATA + "Q") for _, item in found)


def test_rdf_a_query_joins_kg_and_wikidata_on_same_as(seed_store: ox.Store) -> None:
    """Who supplied whom, with the recipient's capital from Wikidata."""
    joined = ox.Store()
    for quad in seed_store:
        joined.add(quad)
    wikidata = ox.NamedNode("urn:kg:test:wikidata")
    joined.load(_WIKIDATA_SIDE.encode(), ox.RdfFormat.N_TRIPLES, to_graph=wikidata)
    rows = joined.query(
        """
        SELECT DISTINCT ?supplier ?capital WHERE {
          ?event a kg:Supply ; kg:agent/rdfs:label ?supplier ;
                 kg:recipient/owl:sameAs ?item .
          GRAPH <urn:kg:test:wikidata> { ?item wdt:P36 ?capital }
        }""",
        prefixes={**PREFIXES, "wdt": "http://www.wikidata.org/prop/direct/"},
    )
    assert isinstance(rows, ox.QuerySolutions)
    pairs = {(r["supplier"].value, r["capital"].value) for r in rows}
    assert ("North Korea", f"{WIKIDATA}Q649") in pairs  # Russia's capital, Moscow


def test_rdf_country_items_come_from_the_table() -> None:
    assert country_item("usa") == f"{WIKIDATA}Q30"
    assert country_item(None) is None


def test_rdf_international_bodies_come_from_their_table() -> None:
    assert organization_item("NATO") == f"{WIKIDATA}Q7184"
    assert organization_item("European Union") == f"{WIKIDATA}Q458"
    assert organization_item("Labour Party") is None  # listed, no agreed item


@pytest.mark.model
def test_rdf_a_body_named_by_its_acronym_carries_its_item(nlp: Language) -> None:
    text = "NATO condemned the strikes on Monday, and the EU imposed sanctions."
    article = Article(id="w", text=text, origin="test", date="2024-01-04")
    graph = union(build_dataset([extract_article(nlp(text), article, load_lexicon())]))
    items = {
        str(graph.value(node, RDFS.label)): str(item)
        for node, item in graph.subject_objects(OWL.sameAs)
    }
    assert items["NATO"] == f"{WIKIDATA}Q7184"
    assert items["European Union"] == f"{WIKIDATA}Q458"
    assert (None, RDFS.label, Literal("NATO")) in graph
    assert all(isinstance(o, URIRef) for _, o in graph.subject_objects(OWL.sameAs))
