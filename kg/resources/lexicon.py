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

from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType

from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef

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
    "KG_NS",
    "ONTOLOGY_DIR",
    "ClassConstraints",
    "Lexicon",
    "load_lexicon",
    "ontology_path",
]

KG_NS = Namespace(KG)
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
    descriptor_nouns: frozenset[str] = frozenset()
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

    def lemmas(self, event_class: str) -> frozenset[str]:
        """All trigger lemmas of one class."""
        return frozenset(k for k, v in self.triggers.items() if v == event_class)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read the lexicon from ``ontology/kg.ttl`` and ``ontology/organizations.ttl``."""
    graph = Graph()
    graph.parse(ontology_path("kg.ttl"), format="turtle")
    triggers: dict[str, str] = {}
    plover: dict[str, str] = {}
    constraints: dict[str, ClassConstraints] = {}
    light: dict[str, frozenset[str]] = {}
    evoked: dict[str, str] = {}
    figurative: dict[str, str] = {}
    control: dict[str, str] = {}
    # Sorted so that a lemma listed by two classes always maps the same way.
    for cls in sorted(graph.subjects(RDF.type, OWL.Class), key=str):
        if not isinstance(cls, URIRef) or not str(cls).startswith(str(KG_NS)):
            continue
        name = str(cls)[len(KG_NS) :]
        for code in graph.objects(cls, KG_NS.plover):
            plover[name] = str(code)
        for lemma in sorted(graph.objects(cls, KG_NS.triggerLemma), key=str):
            triggers.setdefault(str(lemma).lower(), name)
        for pair in _words(graph, cls, KG_NS.evokedBy):
            evoked[pair] = name
        for word in _words(graph, cls, KG_NS.figurativeOf):
            figurative[word] = name
        for word in _words(graph, cls, KG_NS.controlTrigger):
            control[word] = name
        verbs = _words(graph, cls, KG_NS.lightVerb)
        if verbs:
            light[name] = verbs
        if (cls, KG_NS.roleAccepts, None) in graph:
            constraints[name] = _constraints(graph, cls)
    if not triggers:
        raise OntologyError(
            "ontology/kg.ttl lists no kg:triggerLemma; the lexicon is empty"
        )
    return Lexicon(
        triggers=MappingProxyType(triggers),
        direct=direct_properties(),
        organizations=MappingProxyType(_organizations()),
        plover=MappingProxyType(plover),
        constraints=MappingProxyType(constraints),
        light_verbs=MappingProxyType(light),
        actor_nouns=_words(graph, KG_NS.Actor, KG_NS.actorNoun),
        descriptor_nouns=_words(graph, KG_NS.Actor, KG_NS.descriptorNoun),
        weapon_nouns=_words(graph, KG_NS.Weapon, KG_NS.weaponNoun),
        not_actor_nouns=_words(graph, KG_NS.Actor, KG_NS.notActorNoun),
        evoked=MappingProxyType(evoked),
        figurative=MappingProxyType(figurative),
        control=MappingProxyType(control),
        generic_not_events=_words(graph, KG_NS.Event, KG_NS.notEvent),
        verb_only=_words(graph, KG_NS.Event, KG_NS.verbOnly),
        judging_verbs=_words(graph, KG_NS.Condemnation, KG_NS.judgingVerb),
        pejoratives=_words(graph, KG_NS.Condemnation, KG_NS.pejorative),
    )


def _local(node: object) -> str:
    text = str(node)
    if text == str(OWL.Nothing):
        return "Nothing"
    if not text.startswith(str(KG_NS)):
        raise OntologyError(f"ontology/kg.ttl: {text} is not a kg: term")
    return text[len(KG_NS) :]


def _words(graph: Graph, subject: URIRef, prop: URIRef) -> frozenset[str]:
    return frozenset(str(o).lower() for o in graph.objects(subject, prop))


def _constraints(graph: Graph, cls: URIRef) -> ClassConstraints:
    accepts: dict[str, frozenset[str]] = {}
    for node in graph.objects(cls, KG_NS.roleAccepts):
        roles = [_local(r) for r in graph.objects(node, KG_NS.onRole)]
        allowed = frozenset(_local(c) for c in graph.objects(node, KG_NS.entityClass))
        for role in roles:
            accepts[role] = accepts.get(role, frozenset()) | allowed
    modifier = graph.value(cls, KG_NS.modifierAgent)
    patient = graph.value(cls, KG_NS.patientSuffices)
    return ClassConstraints(
        accepts=MappingProxyType(accepts),
        requires_one_of=tuple(
            sorted(_local(r) for r in graph.objects(cls, KG_NS.requiresOneOf))
        ),
        nominal_needs=tuple(
            sorted(_local(r) for r in graph.objects(cls, KG_NS.nominalNeeds))
        ),
        modifier_agent=bool(modifier.toPython())
        if isinstance(modifier, Literal)
        else False,
        patient_suffices=isinstance(patient, Literal) and bool(patient.toPython()),
        not_events=_words(graph, cls, KG_NS.notEvent),
        not_themes=_words(graph, cls, KG_NS.notTheme),
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
