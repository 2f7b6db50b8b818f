"""kg: a knowledge-graph builder for news.

Articles in, spaCy parses them, extractors emit typed n-ary events with their
evidence, rdflib writes them as RDF against ``ontology/kg.ttl``.
"""

from kg._version import __version__
from kg.errors import (
    InputError,
    KGError,
    ModelNotFoundError,
    OntologyError,
    OutputFormatError,
)
from kg.records import (
    Argument,
    Article,
    Entity,
    EntityType,
    Event,
    Extraction,
    Factuality,
    Mention,
    Problem,
    Role,
    TimeValue,
)

__all__ = [
    "Argument",
    "Article",
    "BuildReport",
    "Entity",
    "EntityType",
    "Event",
    "Extraction",
    "Factuality",
    "InputError",
    "KGError",
    "Mention",
    "ModelNotFoundError",
    "OntologyError",
    "OutputFormatError",
    "Problem",
    "Role",
    "TimeValue",
    "__version__",
    "build",
    "extract_article",
    "extract_articles",
    "load_pipeline",
    "read_inputs",
    "write_rdf",
]

# Importing kg does not import spaCy or rdflib: these load on first use.
_LAZY = {
    "write_rdf": "kg.rdf.write",
    "read_inputs": "kg.ingest",
    "load_pipeline": "kg.nlp",
    "BuildReport": "kg.pipeline.run",
    "build": "kg.pipeline.run",
    "extract_article": "kg.pipeline.run",
    "extract_articles": "kg.pipeline.run",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
