"""kg: a knowledge-graph builder for news.

Articles in, spaCy parses them, extractors emit typed n-ary events with their
evidence, rdflib writes them as RDF against ``ontology/kg.ttl``.
"""

from kg.errors import (
    InputError,
    KGError,
    ModelNotFoundError,
    OntologyError,
    OutputFormatError,
)
from kg.export import write_rdf
from kg.ingest import read_inputs
from kg.nlp import load_pipeline
from kg.pipeline import BuildReport, build, extract_article, extract_articles
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
    "build",
    "extract_article",
    "extract_articles",
    "load_pipeline",
    "read_inputs",
    "write_rdf",
]
__version__ = "0.1.0"
