"""Where the ontology lives, and the little of it that readers need.

Nothing here imports rdflib: read commands (``kg path``) get an event class's
direct property without loading the lexicon (:mod:`kg.resources.lexicon`).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from kg.errors import OntologyError

__all__ = [
    "GENERIC",
    "KG",
    "ONTOLOGY_DIR",
    "direct_properties",
    "event_classes",
    "ontology_path",
    "ontology_terms",
]

ONTOLOGY_DIR = Path(__file__).resolve().parents[2] / "ontology"
KG = "https://w3id.org/kgnews/ontology#"
GENERIC = "Event"  # the class of events no typed class claims


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
def direct_properties() -> MappingProxyType[str, str]:
    """Each event class's direct property (``Supply`` → ``supplied``), read
    from ``ontology/kg.ttl`` with Oxigraph: what the text of a path hop needs,
    without loading the whole lexicon.

    Examples:
        >>> direct_properties()["Supply"]
        'supplied'
    """
    import pyoxigraph as ox

    predicate = ox.NamedNode(f"{KG}directProperty")
    found: dict[str, str] = {}
    for triple in ox.parse(
        path=str(ontology_path("kg.ttl")), format=ox.RdfFormat.TURTLE
    ):
        subject, value = str(triple.subject.value), str(triple.object.value)
        if triple.predicate == predicate and subject.startswith(KG):
            found[subject[len(KG) :]] = value[len(KG) :]
    return MappingProxyType(dict(sorted(found.items())))


@lru_cache(maxsize=1)
def event_classes() -> tuple[str, ...]:
    """The classes an article's event can have: ``kg:Event`` and its
    subclasses but ``kg:MergedEvent`` (which only the store's merged graph
    holds), by local name.

    Examples:
        >>> "Supply" in event_classes(), "Country" in event_classes()
        (True, False)
    """
    import pyoxigraph as ox

    below = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subClassOf")
    source = str(ontology_path("kg.ttl"))
    parents: dict[str, set[str]] = {}
    for triple in ox.parse(path=source, format=ox.RdfFormat.TURTLE):
        if triple.predicate == below:
            parent = str(triple.object.value)
            parents.setdefault(parent, set()).add(str(triple.subject.value))
    found, todo = set(), [f"{KG}{GENERIC}"]
    while todo:
        cls = todo.pop()
        if cls not in found:
            found.add(cls)
            todo.extend(parents.get(cls, ()))
    found.discard(f"{KG}MergedEvent")
    return tuple(sorted(c[len(KG) :] for c in found if c.startswith(KG)))


@lru_cache(maxsize=1)
def ontology_terms() -> frozenset[str]:
    """The local names ``ontology/kg.ttl`` defines (every ``kg:`` subject), read
    with Oxigraph: what the RDF writers check a term against, so that a typo
    raises instead of minting a bad IRI (a test keeps it equal to
    :class:`kg.rdf.vocab.KG`).

    Examples:
        >>> "Supply" in ontology_terms(), "Suply" in ontology_terms()
        (True, False)
    """
    import pyoxigraph as ox

    source = str(ontology_path("kg.ttl"))
    return frozenset(
        str(triple.subject.value)[len(KG) :]
        for triple in ox.parse(path=source, format=ox.RdfFormat.TURTLE)
        if isinstance(triple.subject, ox.NamedNode)
        and str(triple.subject.value).startswith(KG)
        and len(str(triple.subject.value)) > len(KG)
    )


@lru_cache(maxsize=1)
def vocabulary_terms(prefixes: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    """Every IRI ``ontology/kg.ttl`` names (subject, predicate or object) that
    one of ``prefixes`` (name, namespace) shortens, as ``prefix:local``,
    sorted: what the SPARQL editor offers to complete.

    Examples:
        >>> terms = vocabulary_terms((("kg", KG), ("schema", "https://schema.org/")))
        >>> "kg:Supply" in terms, "kg:agent" in terms, "schema:Person" in terms
        (True, True, True)
    """
    import pyoxigraph as ox

    found: set[str] = set()
    source = str(ontology_path("kg.ttl"))
    for triple in ox.parse(path=source, format=ox.RdfFormat.TURTLE):
        for term in (triple.subject, triple.predicate, triple.object):
            if not isinstance(term, ox.NamedNode):
                continue
            for name, namespace in prefixes:
                local = term.value[len(namespace) :]
                if term.value.startswith(namespace) and local.isidentifier():
                    found.add(f"{name}:{local}")
    return tuple(sorted(found))
