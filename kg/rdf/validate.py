"""SHACL validation of a build against ``ontology/shapes.ttl``."""

from __future__ import annotations

from dataclasses import dataclass

import pyshacl
from rdflib import Graph

from kg.resources.ontology import ontology_path

__all__ = ["ValidationResult", "validate"]


@dataclass(frozen=True, slots=True)
class ValidationResult:
    """Whether the graph conforms, and pySHACL's report text when it does not."""

    conforms: bool
    report: str


def validate(graph: Graph) -> ValidationResult:
    """Validate ``graph`` with the shapes; the ontology gives the class hierarchy."""
    shapes = Graph().parse(ontology_path("shapes.ttl"), format="turtle")
    ontology = Graph().parse(ontology_path("kg.ttl"), format="turtle")
    conforms, _, text = pyshacl.validate(
        graph,
        shacl_graph=shapes,
        ont_graph=ontology,
        inference="rdfs",
        advanced=False,
        allow_warnings=False,
    )
    return ValidationResult(conforms=bool(conforms), report=str(text))
