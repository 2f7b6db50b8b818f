"""kg: a knowledge-graph builder for news.

Articles in, spaCy parses them, extractors emit typed n-ary events with their
evidence, and they are written as RDF against ``ontology/kg.ttl`` into a store
or a file.
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
    ArticleGraph,
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
    "ArticleGraph",
    "BuildOptions",
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
    "Store",
    "TimeValue",
    "__version__",
    "build",
    "extract_article",
    "extract_articles",
    "load_pipeline",
    "open_store",
    "read_inputs",
    "write_rdf",
]

# Importing kg does not import spaCy or rdflib: these load on first use.
_LAZY = {
    "write_rdf": "kg.rdf.write",
    "read_inputs": "kg.ingest",
    "load_pipeline": "kg.nlp",
    "BuildOptions": "kg.pipeline.options",
    "BuildReport": "kg.pipeline.options",
    "build": "kg.pipeline.run",
    "extract_article": "kg.pipeline.article",
    "extract_articles": "kg.pipeline.article",
    "Store": "kg.store",
    "open_store": "kg.store",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
