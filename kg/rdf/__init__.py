"""Records as RDF: the ontology namespace, IRIs, the mapping and the writers."""

# The base of every IRI kg mints unless --base-iri says otherwise (kept here,
# free of rdflib, so that the CLI can show it without importing rdflib).
DEFAULT_BASE = "https://w3id.org/kgnews/id/"
