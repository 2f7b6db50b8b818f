"""Whether a frame's fillers make an event: parties, bodies, stances, third parties."""

from __future__ import annotations

from kg.extract.constraints import (
    is_actor,
    whole,
)
from kg.extract.frames import Frame
from kg.extract.roles import STATEMENT, SYMMETRIC
from kg.records import (
    Entity,
    EntityType,
    Mention,
    Role,
)
from kg.resources.lexicon import GENERIC, Lexicon
from kg.resources.nouns import (
    STANCE_NOUNS,
    TITLE_NOUNS,
)
from kg.resources.verbs import (
    BLAME_VERBS,
    RECIPROCAL_WORDS,
)

__all__ = [
    "drop_self",
    "enough",
    "fits",
    "in_words",
    "pair_parties",
    "third_party",
    "typed_whole",
]

# More parties than this are a list of sides, not a meeting of each with each.
_MAX_PARTIES = 3


def in_words(by_role: dict[Role, list[Mention]], lexicon: Lexicon) -> bool:
    """A person goes for a person, a body or a position, with no weapon:
    words, not force ("attacked the government over Iraq")."""
    agents = by_role.get(Role.AGENT, [])
    targets = by_role.get(Role.TARGET, [])
    return (
        bool(agents)
        and bool(targets)
        and Role.THEME not in by_role
        and Role.INSTRUMENT not in by_role
        and (
            # a person goes for anything that is no weapon
            (
                all(_speaker_like(m.entity) for m in agents)
                and all(_position(m.entity, lexicon) for m in targets)
            )
            # a body goes for a position: "Labour launched an attack on the cost"
            or (
                all(m.entity.type is EntityType.ORGANIZATION for m in agents)
                and all(_stance(m.entity) for m in targets)
            )
        )
    )


def _stance(entity: Entity) -> bool:
    words = entity.label.split()
    return entity.type is EntityType.THING and bool(words) and words[-1] in STANCE_NOUNS


def _speaker_like(entity: Entity) -> bool:
    """A person, or a title that speaks ("the opposition leader")."""
    words = entity.label.split()
    return entity.type is EntityType.PERSON or (
        entity.type is EntityType.THING and bool(words) and words[-1] in TITLE_NOUNS
    )


def _position(entity: Entity, lexicon: Lexicon) -> bool:
    """A person, a body, an institution or a stance ("the lies", "the plans")."""
    if entity.type in {EntityType.PERSON, EntityType.ORGANIZATION}:
        return True
    head = entity.label.split()[-1] if entity.label.split() else ""
    return entity.type is EntityType.THING and (
        head in STANCE_NOUNS or head in lexicon.descriptor_nouns
    )


def pair_parties(cls: str, by_role: dict[Role, list[Mention]]) -> bool:
    """ "Kim and Putin held a summit": in a symmetric class each meets the others.

    The agents become a marker list; :func:`_expand` then yields one event per
    party, with the other parties as its counterparts.
    """
    other = Role.TARGET if cls == "Fight" else Role.RECIPIENT
    agents = by_role.get(Role.AGENT, [])
    if cls in SYMMETRIC and 2 <= len(agents) <= _MAX_PARTIES and other not in by_role:
        by_role[other] = list(agents)
        return True
    return False


def drop_self(by_role: dict[Role, list[Mention]]) -> None:
    """The agent is not also what it acts on ("Venezuela provides ... to Venezuela")."""
    agents = {m.entity.key for m in by_role.get(Role.AGENT, [])}
    for role in list(by_role):
        if role is Role.AGENT:
            continue
        kept = [m for m in by_role[role] if m.entity.key not in agents]
        if kept:
            by_role[role] = kept
        else:
            del by_role[role]


def typed_whole(
    frame: Frame,
    by_role: dict[Role, list[Mention]],
    explicit: set[Role],
    lexicon: Lexicon,
) -> bool:
    """A typed event has an actor agent and a required role; a noun event its own."""
    cls = frame.event_class
    if cls in {STATEMENT, GENERIC}:
        return True
    # a typed event needs its doer: an agentless passive ("troops were
    # deployed") was wrong eight times in nine on the real-news dev split
    roles = set(by_role)
    if (
        cls in SYMMETRIC - {"Fight"}
        and (_plural(frame) or _body(cls, by_role))
        and frame.lemma in RECIPROCAL_WORDS
        and not frame.objects
    ):
        # "the ministers will meet", "a meeting of the Security Council": a
        # group or a body meets among itself
        roles |= {Role.RECIPIENT, Role.TARGET}
        explicit = explicit | {Role.RECIPIENT, Role.TARGET}
    if Role.AGENT not in by_role and _patient_only(frame, by_role, lexicon):
        return True  # "Joseph was arrested in 2011"
    if not whole(cls, roles, lexicon):
        return False
    if frame.lemma in BLAME_VERBS and not any(
        is_actor(m.entity, lexicon) for m in by_role.get(Role.TARGET, [])
    ):
        return False
    rules = lexicon.constraints.get(cls)
    if frame.pattern != "nominal" or rules is None:
        return True
    return all(Role(r) in explicit for r in rules.nominal_needs)


def _patient_only(
    frame: Frame, by_role: dict[Role, list[Mention]], lexicon: Lexicon
) -> bool:
    """A passive of a class whose patient suffices (``kg:patientSuffices``),
    done to an actor: "Joseph was arrested", not "arms were seized"."""
    rules = lexicon.constraints.get(frame.event_class)
    targets = by_role.get(Role.TARGET, [])
    return (
        rules is not None
        and rules.patient_suffices
        and frame.pattern == "passive"
        and bool(targets)
        and all(is_actor(m.entity, lexicon) for m in targets)
    )


def third_party(frame: Frame) -> bool:
    """The parties act together on something else: an object, a clause,
    "jointly", "together"."""
    return bool(frame.objects) or any(
        c.dep_ in {"ccomp", "dobj", "obj"} or c.lower_ in {"jointly", "together"}
        for c in frame.trigger.children
    )


def _body(cls: str, by_role: dict[Role, list[Mention]]) -> bool:
    """A meeting held by an organisation alone: its members meet."""
    agents = by_role.get(Role.AGENT, [])
    return (
        cls == "Meeting"
        and bool(agents)
        and all(m.entity.type is EntityType.ORGANIZATION for m in agents)
    )


def _plural(frame: Frame) -> bool:
    return any(
        role is Role.AGENT and token.tag_ in {"NNS", "NNPS"}
        for role, token in frame.roles
    )


def fits(role: Role, mention: Mention) -> bool:
    if role is Role.PLACE:
        return mention.entity.type in {EntityType.PLACE, EntityType.COUNTRY}
    return True


def enough(frame: Frame, by_role: dict[Role, list[Mention]]) -> bool:
    if not by_role:
        return False
    if frame.event_class == STATEMENT:
        return Role.AGENT in by_role
    if frame.event_class == GENERIC:
        # a generic relation needs both ends
        return Role.AGENT in by_role and bool(
            by_role.keys() & {Role.THEME, Role.RECIPIENT, Role.TARGET}
        )
    own = {role for role, _ in frame.roles}
    if not own & by_role.keys():
        return False
    # a verbal event needs its agent or two roles: not "invading forces"
    # (a typed passive may stand without its doer: see typed_whole)
    return (
        frame.pattern in {"nominal", "passive"}
        or Role.AGENT in by_role
        or len(by_role) >= 2
    )
