"""Countries carry their Wikidata item, so kg's graph joins Wikidata."""

from __future__ import annotations

import pyoxigraph as ox

from kg.resources.wikidata import WIKIDATA, country_item
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
