"""The trigger lexicon, event constraints and gazetteer files kept in ``ontology/``.

``ontology/kg.ttl`` is the source of truth: each event class lists its trigger
lemmas with ``kg:triggerLemma``, its derived-view property with
``kg:directProperty``, and its constraints: which entity classes each role
accepts (``kg:roleAccepts``), which roles it needs (``kg:requiresOneOf``,
``kg:nominalNeeds``) and which verb + object pairs are not events of it
(``kg:notEvent``). ``kg:Actor`` lists the common nouns that name actors, and
``kg:Event`` the light verbs that hand their subject to an event noun.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from kg.errors import OntologyError
from kg.resources.ontology import (
    GENERIC,
    KG,
    ONTOLOGY_DIR,
    direct_properties,
    ontology_path,
)

__all__ = [
    "ACTOR",
    "GENERIC",
    "ONTOLOGY_DIR",
    "ClassConstraints",
    "Lexicon",
    "load_lexicon",
    "ontology_path",
]

ACTOR = "Actor"


@dataclass(frozen=True, slots=True)
class ClassConstraints:
    """What an event class asks of its arguments (read from ``kg:roleAccepts`` …).

    ``accepts`` maps a role name to the entity classes allowed in it (``Actor``
    stands for Person, Organization, Country and actor nouns); a role not
    listed accepts anything. ``not_events`` holds "verb object" and
    "subject _ verb" lemma pairs.
    """

    accepts: MappingProxyType[str, frozenset[str]]
    requires_one_of: tuple[str, ...] = ()
    nominal_needs: tuple[str, ...] = ()
    modifier_agent: bool = False
    patient_suffices: bool = False
    not_events: frozenset[str] = frozenset()
    not_themes: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Lemma → event class, class → direct property and constraints, word lists."""

    triggers: MappingProxyType[str, str]
    direct: MappingProxyType[str, str]
    organizations: MappingProxyType[str, str]
    plover: MappingProxyType[str, str]
    constraints: MappingProxyType[str, ClassConstraints] = field(
        default_factory=lambda: MappingProxyType({})
    )
    light_verbs: MappingProxyType[str, frozenset[str]] = field(
        default_factory=lambda: MappingProxyType({})
    )
    actor_nouns: frozenset[str] = frozenset()
    # a listed organisation's label → the state it is an institution of
    institutions: MappingProxyType[str, str] = field(
        default_factory=lambda: MappingProxyType({})
    )
    descriptor_nouns: frozenset[str] = frozenset()
    # descriptor nouns whose phrase names a body of the state, not the state
    state_body_nouns: frozenset[str] = frozenset()
    weapon_nouns: frozenset[str] = frozenset()
    not_actor_nouns: frozenset[str] = frozenset()
    # "verb object" → class ("send troop" → Mobilization); lemma → class
    evoked: MappingProxyType[str, str] = field(
        default_factory=lambda: MappingProxyType({})
    )
    figurative: MappingProxyType[str, str] = field(
        default_factory=lambda: MappingProxyType({})
    )
    generic_not_events: frozenset[str] = frozenset()
    verb_only: frozenset[str] = frozenset()
    # "called the strikes illegal": verb and word of blame → Condemnation
    judging_verbs: frozenset[str] = frozenset()
    # "ordered its military to seal the border": verb → class with object + infinitive
    control: MappingProxyType[str, str] = field(
        default_factory=lambda: MappingProxyType({})
    )
    pejoratives: frozenset[str] = frozenset()

    def event_class(self, lemma: str) -> str:
        """The event class a lemma evokes, or ``"Event"`` when it is not listed.

        Examples:
            >>> lex = load_lexicon()
            >>> lex.event_class("provide"), lex.event_class("juggle")
            ('Supply', 'Event')
        """
        return self.triggers.get(lemma.lower(), GENERIC)

    def light(self, verb: str, event_class: str) -> bool:
        """Whether ``verb`` hands its subject to an event noun of ``event_class``.

        Examples:
            >>> lex = load_lexicon()
            >>> lex.light("impose", "Sanction"), lex.light("impose", "Attack")
            (True, False)
        """
        verb = verb.lower()
        return verb in self.light_verbs.get(GENERIC, frozenset()) or verb in (
            self.light_verbs.get(event_class, frozenset())
        )

    def organization(self, name: str) -> str | None:
        """The label of the listed organisation ``name`` names, or None.
        Acronyms of three letters or fewer match in capitals only.

        Examples:
            >>> lex = load_lexicon()
            >>> lex.organization("Lib Dems"), lex.organization("IS")
            ('Liberal Democrats', 'Islamic State')
            >>> lex.organization("is"), lex.organization("the tories")
            (None, 'Conservative Party')
        """
        name = " ".join(name.split())
        if name[:4].casefold() == "the ":
            name = name[4:]
        return self.organizations.get(name) or self.organizations.get(name.casefold())

    def lemmas(self, event_class: str) -> frozenset[str]:
        """All trigger lemmas of one class."""
        return frozenset(k for k, v in self.triggers.items() if v == event_class)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read the lexicon from ``ontology/kg.ttl`` and ``ontology/organizations.ttl``
    (parsed with Oxigraph: building a graph reads no rdflib)."""
    graph = _Triples(ontology_path("kg.ttl"))
    triggers: dict[str, str] = {}
    plover: dict[str, str] = {}
    constraints: dict[str, ClassConstraints] = {}
    light: dict[str, frozenset[str]] = {}
    evoked: dict[str, str] = {}
    figurative: dict[str, str] = {}
    control: dict[str, str] = {}
    # Sorted so that a lemma listed by two classes always maps the same way.
    for cls in sorted(graph.subjects(_RDF_TYPE, _OWL_CLASS)):
        if not cls.startswith(KG):
            continue
        name = cls[len(KG) :]
        for code in graph.objects(cls, _kg("plover")):
            plover[name] = code
        for lemma in sorted(graph.objects(cls, _kg("triggerLemma"))):
            triggers.setdefault(lemma.lower(), name)
        for pair in graph.words(cls, _kg("evokedBy")):
            evoked[pair] = name
        for word in graph.words(cls, _kg("figurativeOf")):
            figurative[word] = name
        for word in graph.words(cls, _kg("controlTrigger")):
            control[word] = name
        verbs = graph.words(cls, _kg("lightVerb"))
        if verbs:
            light[name] = verbs
        if graph.objects(cls, _kg("roleAccepts")):
            constraints[name] = _constraints(graph, cls)
    if not triggers:
        raise OntologyError(
            "ontology/kg.ttl lists no kg:triggerLemma; the lexicon is empty"
        )
    actor, event, blame = _kg("Actor"), _kg("Event"), _kg("Condemnation")
    return Lexicon(
        triggers=MappingProxyType(triggers),
        direct=direct_properties(),
        organizations=MappingProxyType(_organizations()),
        institutions=MappingProxyType(_institutions()),
        plover=MappingProxyType(plover),
        constraints=MappingProxyType(constraints),
        light_verbs=MappingProxyType(light),
        actor_nouns=graph.words(actor, _kg("actorNoun")),
        descriptor_nouns=graph.words(actor, _kg("descriptorNoun")),
        state_body_nouns=graph.words(actor, _kg("stateBodyNoun")),
        weapon_nouns=graph.words(_kg("Weapon"), _kg("weaponNoun")),
        not_actor_nouns=graph.words(actor, _kg("notActorNoun")),
        evoked=MappingProxyType(evoked),
        figurative=MappingProxyType(figurative),
        control=MappingProxyType(control),
        generic_not_events=graph.words(event, _kg("notEvent")),
        verb_only=graph.words(event, _kg("verbOnly")),
        judging_verbs=graph.words(blame, _kg("judgingVerb")),
        pejoratives=graph.words(blame, _kg("pejorative")),
    )


_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_OWL_CLASS = "http://www.w3.org/2002/07/owl#Class"
_OWL_NOTHING = "http://www.w3.org/2002/07/owl#Nothing"
_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
_TRUE = frozenset({"true", "1"})


def _kg(name: str) -> str:
    return f"{KG}{name}"


class _Triples:
    """A Turtle file's triples, indexed both ways; terms as their IRI,
    lexical form or blank-node id (enough for the lexicon's closed reads)."""

    def __init__(self, path: Path) -> None:
        import pyoxigraph as ox

        self._objects: dict[tuple[str, str], list[str]] = defaultdict(list)
        self._subjects: dict[tuple[str, str], list[str]] = defaultdict(list)
        for triple in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
            subject = str(triple.subject.value)
            predicate = str(triple.predicate.value)
            value = str(triple.object.value)
            self._objects[subject, predicate].append(value)
            self._subjects[predicate, value].append(subject)

    def objects(self, subject: str, predicate: str) -> list[str]:
        return self._objects.get((subject, predicate), [])

    def subjects(self, predicate: str, value: str) -> list[str]:
        return self._subjects.get((predicate, value), [])

    def words(self, subject: str, predicate: str) -> frozenset[str]:
        return frozenset(o.lower() for o in self.objects(subject, predicate))


def _local(iri: str) -> str:
    if iri == _OWL_NOTHING:
        return "Nothing"
    if not iri.startswith(KG):
        raise OntologyError(f"ontology/kg.ttl: {iri} is not a kg: term")
    return iri[len(KG) :]


def _constraints(graph: _Triples, cls: str) -> ClassConstraints:
    accepts: dict[str, frozenset[str]] = {}
    for node in graph.objects(cls, _kg("roleAccepts")):
        roles = [_local(r) for r in graph.objects(node, _kg("onRole"))]
        allowed = frozenset(_local(c) for c in graph.objects(node, _kg("entityClass")))
        for role in roles:
            accepts[role] = accepts.get(role, frozenset()) | allowed
    modifier = graph.objects(cls, _kg("modifierAgent"))
    patient = graph.objects(cls, _kg("patientSuffices"))
    return ClassConstraints(
        accepts=MappingProxyType(accepts),
        requires_one_of=tuple(
            sorted(_local(r) for r in graph.objects(cls, _kg("requiresOneOf")))
        ),
        nominal_needs=tuple(
            sorted(_local(r) for r in graph.objects(cls, _kg("nominalNeeds")))
        ),
        modifier_agent=bool(modifier) and modifier[0] in _TRUE,
        patient_suffices=bool(patient) and patient[0] in _TRUE,
        not_events=graph.words(cls, _kg("notEvent")),
        not_themes=graph.words(cls, _kg("notTheme")),
    )


def _institutions() -> dict[str, str]:
    """Label → ISO alpha-3 code of the state each listed institution is of."""
    graph = _Triples(ontology_path("organizations.ttl"))
    found: dict[str, str] = {}
    for org in sorted(graph.subjects(_RDF_TYPE, _kg("Organization"))):
        labels = graph.objects(org, _RDFS_LABEL)
        states = graph.objects(org, _kg("institutionOf"))
        if labels and states:
            found[labels[0]] = states[0]
    return found


def _organizations() -> dict[str, str]:
    graph = _Triples(ontology_path("organizations.ttl"))
    names: dict[str, str] = {}
    for org in sorted(graph.subjects(_RDF_TYPE, _kg("Organization"))):
        labels = graph.objects(org, _RDFS_LABEL)
        if not labels:
            continue
        label = labels[0]
        for alias in [label, *graph.objects(org, _SKOS_ALT)]:
            short = len(alias) <= 3 and alias.isupper()
            names[alias if short else alias.casefold()] = label
    return names
