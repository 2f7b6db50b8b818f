"""RDF: vocabulary, IRI minting, graph building and validation."""
