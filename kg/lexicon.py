"""The trigger lexicon and gazetteer files kept in ``ontology/``.

``ontology/kg.ttl`` is the source of truth: each event class lists its trigger
lemmas with ``kg:triggerLemma`` and its derived-view property with
``kg:directProperty``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef

from kg.errors import OntologyError

__all__ = ["KG_NS", "ONTOLOGY_DIR", "Lexicon", "load_lexicon", "ontology_path"]

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
KG_NS = Namespace("https://w3id.org/kgnews/ontology#")
GENERIC = "Event"


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Lemma → event class, class → direct property, and known organisations."""

    triggers: MappingProxyType[str, str]
    direct: MappingProxyType[str, str]
    organizations: MappingProxyType[str, str]
    plover: MappingProxyType[str, str]

    def event_class(self, lemma: str) -> str:
        """The event class a lemma evokes, or ``"Event"`` when it is not listed.

        Examples:
            >>> lex = load_lexicon()
            >>> lex.event_class("provide"), lex.event_class("juggle")
            ('Supply', 'Event')
        """
        return self.triggers.get(lemma.lower(), GENERIC)

    def lemmas(self, event_class: str) -> frozenset[str]:
        """All trigger lemmas of one class."""
        return frozenset(k for k, v in self.triggers.items() if v == event_class)


def ontology_path(name: str) -> Path:
    """The path of a file in ``ontology/``; raises OntologyError when missing."""
    path = ONTOLOGY_DIR / name
    if not path.is_file():
        raise OntologyError(
            f"Ontology file {path} is missing; reinstall kg from its source tree "
            "(`make install`) so that ontology/ sits next to the kg package."
        )
    return path


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read the lexicon from ``ontology/kg.ttl`` and ``ontology/organizations.ttl``."""
    graph = Graph()
    graph.parse(ontology_path("kg.ttl"), format="turtle")
    triggers: dict[str, str] = {}
    direct: dict[str, str] = {}
    plover: dict[str, str] = {}
    # Sorted so that a lemma listed by two classes always maps the same way.
    for cls in sorted(graph.subjects(RDF.type, OWL.Class), key=str):
        if not isinstance(cls, URIRef) or not str(cls).startswith(str(KG_NS)):
            continue
        name = str(cls)[len(KG_NS) :]
        for prop in graph.objects(cls, KG_NS.directProperty):
            direct[name] = str(prop)[len(KG_NS) :]
        for code in graph.objects(cls, KG_NS.plover):
            plover[name] = str(code)
        for lemma in sorted(graph.objects(cls, KG_NS.triggerLemma), key=str):
            triggers.setdefault(str(lemma).lower(), name)
    if not triggers:
        raise OntologyError(
            "ontology/kg.ttl lists no kg:triggerLemma; the lexicon is empty"
        )
    return Lexicon(
        triggers=MappingProxyType(triggers),
        direct=MappingProxyType(direct),
        organizations=MappingProxyType(_organizations()),
        plover=MappingProxyType(plover),
    )


def _organizations() -> dict[str, str]:
    graph = Graph()
    graph.parse(ontology_path("organizations.ttl"), format="turtle")
    names: dict[str, str] = {}
    for org in sorted(graph.subjects(RDF.type, KG_NS.Organization), key=str):
        label = graph.value(org, RDFS.label)
        if not isinstance(label, Literal):
            continue
        for alias in [label, *graph.objects(org, SKOS.altLabel)]:
            names[str(alias).casefold()] = str(label)
    return names
