"""Whether a filler fits a role of an event class, and whether an event is whole.

The constraints are data in ``ontology/kg.ttl`` (read by :mod:`kg.resources.lexicon`):
each class says which entity classes each role accepts, which roles it needs,
which roles a noun trigger must find in its own phrase, and which verb +
object pairs are not events of it. An event that fails them is not written as
a typed event; the Open IE layer (``kg triples --open``) still has its clause.
"""

from __future__ import annotations

from collections.abc import Iterable

from kg.records import Entity, EntityType, Role
from kg.resources.lexicon import ACTOR, GENERIC, Lexicon

__all__ = [
    "admissible",
    "entity_classes",
    "excluded",
    "is_actor",
    "is_weapon",
    "unwanted_theme",
    "whole",
]

STATEMENT = "Statement"
WEAPON = "Weapon"


def entity_classes(entity: Entity, lexicon: Lexicon) -> frozenset[str]:
    """The ontology classes ``entity`` belongs to, ``Actor`` included when it acts.

    Examples:
        >>> from kg.resources.lexicon import load_lexicon
        >>> police = Entity("thing:police", "riot police", EntityType.THING)
        >>> sorted(entity_classes(police, load_lexicon()))
        ['Actor', 'Thing']
    """
    own = entity.type.value
    if is_actor(entity, lexicon):
        return frozenset({own, ACTOR})
    if is_weapon(entity, lexicon):
        return frozenset({own, WEAPON})
    return frozenset({own})


def is_weapon(entity: Entity, lexicon: Lexicon) -> bool:
    """A thing whose head noun names a weapon ("ballistic missile")."""
    words = entity.label.split()
    return (
        entity.type is EntityType.THING
        and bool(words)
        and words[-1] in lexicon.weapon_nouns
    )


def is_actor(entity: Entity, lexicon: Lexicon) -> bool:
    """A person, organisation or country, or a thing named by an actor noun.

    Examples:
        >>> from kg.resources.lexicon import load_lexicon
        >>> is_actor(Entity("thing:monday", "monday", EntityType.THING), load_lexicon())
        False
    """
    words = entity.label.casefold().split()
    if words and (
        words[-1] in lexicon.not_actor_nouns
        or words[-1].removesuffix("s") in lexicon.not_actor_nouns
    ):
        return False  # "tsunamis hit six provinces"
    if entity.type in {EntityType.PERSON, EntityType.ORGANIZATION, EntityType.COUNTRY}:
        return True
    if entity.type is not EntityType.THING:
        return False
    return (
        bool(words)
        and words[-1] in lexicon.actor_nouns
        and entity.label not in lexicon.weapon_nouns
    )


def admissible(event_class: str, role: Role, entity: Entity, lexicon: Lexicon) -> bool:
    """Whether ``entity`` may fill ``role`` of ``event_class``.

    Statements and generic events accept anything but keep their speaker an
    actor; a typed class accepts what its ``kg:roleAccepts`` lists (a role
    it does not list accepts anything).
    """
    if event_class == GENERIC:
        return True
    if event_class == STATEMENT:
        return role is not Role.AGENT or is_actor(entity, lexicon)
    rules = lexicon.constraints.get(event_class)
    if rules is None:
        return True
    if role is Role.THEME and entity.type is EntityType.THING:
        words = entity.label.split()
        if words and unwanted_theme(event_class, words[-1], lexicon):
            return False  # "gave advice", "delivered a report"
    allowed = rules.accepts.get(role.value)
    if allowed is None:
        return True
    return bool(allowed & entity_classes(entity, lexicon))


def unwanted_theme(event_class: str, head: str, lexicon: Lexicon) -> bool:
    """Whether the class never takes a theme with this head noun (``kg:notTheme``).

    Examples:
        >>> from kg.resources.lexicon import load_lexicon
        >>> unwanted_theme("Supply", "advice", load_lexicon())
        True
    """
    rules = lexicon.constraints.get(event_class)
    return rules is not None and head in rules.not_themes


def whole(event_class: str, roles: Iterable[Role], lexicon: Lexicon) -> bool:
    """Whether a typed event has its agent and one of its required roles."""
    rules = lexicon.constraints.get(event_class)
    if rules is None:
        return True
    filled = {r.value for r in roles}
    if "agent" not in filled:
        return False
    return not rules.requires_one_of or bool(filled & set(rules.requires_one_of))


def excluded(
    event_class: str,
    trigger: str,
    objects: Iterable[str] = (),
    subjects: Iterable[str] = (),
    lexicon: Lexicon | None = None,
    modifiers: Iterable[str] = (),
) -> bool:
    """Whether a trigger with these object, subject or modifier lemmas is no event.

    Pairs are written "verb object" ("make loss"), "subject _ verb" ("sale _
    rise") and "modifier noun" ("trade war").

    Examples:
        >>> from kg.resources.lexicon import load_lexicon
        >>> lex = load_lexicon()
        >>> excluded("Manufacture", "make", objects=["loss"], lexicon=lex)
        True
        >>> excluded("Manufacture", "make", objects=["missile"], lexicon=lex)
        False
    """
    if lexicon is None:
        return False
    rules = lexicon.constraints.get(event_class)
    if rules is None:
        return False
    pairs = (
        {f"{trigger} {o}" for o in objects}
        | {f"{s} _ {trigger}" for s in subjects}
        | {f"{m} {trigger}" for m in modifiers}
    )
    return bool(pairs & rules.not_events)
