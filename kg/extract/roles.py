"""Which role a filler takes: role tables as data and the rules that read them."""

from __future__ import annotations

from spacy.tokens import Token

from kg.records import (
    Role,
)
from kg.resources.verbs import (
    WEAPON_VERBS,
)

__all__ = [
    "ACTOR_NER",
    "ALTERNATES",
    "HANDOVERS",
    "OF_TARGET",
    "STATEMENT",
    "SYMMETRIC",
    "actor_token",
    "object_role",
    "prep_role",
]

STATEMENT = "Statement"


_DOBJ_ROLE = {
    "Visit": Role.PLACE,
    "Meeting": Role.RECIPIENT,
    "Sanction": Role.TARGET,
    "Attack": Role.TARGET,
    "Condemnation": Role.TARGET,
    "Coercion": Role.TARGET,
    "Investigation": Role.TARGET,
    "Threat": Role.TARGET,
}


OF_TARGET = frozenset(
    {
        "Attack",
        "Coercion",
        "Investigation",
        "Condemnation",
        "Sanction",
        "Threat",
        "Protest",
    }
)


SYMMETRIC = frozenset({"Meeting", "Agreement", "Cooperation", "Fight"})
# Classes where what is handed over goes to a recipient: "sent weapons to help
# Ukraine", "the transfer of arms to Russia".
HANDOVERS = frozenset({"Supply", "Funding"})


# Where a filler the class does not accept in one role may fit instead.
ALTERNATES = {
    Role.THEME: (Role.RECIPIENT, Role.TARGET),
    Role.TARGET: (Role.THEME,),
    Role.RECIPIENT: (Role.THEME,),
}


ACTOR_NER = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def object_role(cls: str, lemma: str, obj: Token) -> Role:
    if cls == "Attack":
        # "fired missiles into Ukraine": the object is the weapon
        return Role.THEME if lemma in WEAPON_VERBS else Role.TARGET
    return _DOBJ_ROLE.get(cls, Role.THEME)


def prep_role(cls: str, word: str, obj: Token, *, passive: bool) -> Role | None:
    """The role a prepositional object fills, by event class and preposition."""
    if obj.ent_type_ in {"DATE", "TIME"}:
        return None
    if word == "by":
        # passive agent, unless a bare means of transport: "by rail"
        if passive and not _bare_noun(obj):
            return Role.AGENT
        return Role.INSTRUMENT if _bare_noun(obj) else None
    if word in {"via", "through"}:
        return Role.INSTRUMENT
    if word == "to":
        if cls == "Visit":
            return Role.PLACE
        if cls == "Meeting":
            return None  # "advice to the committee" names no counterpart
        return Role.TARGET if cls == "Attack" else Role.RECIPIENT
    if word in {"into", "against"}:
        return Role.TARGET
    if word in {"on", "at"} and cls in {"Attack", "Sanction", "Condemnation"}:
        return Role.TARGET
    if cls == "Withdrawal" and word in {"from", "of"}:
        return Role.PLACE  # "withdrew from Syria", "pulled out of the deal"
    if word == "from":
        return Role.SOURCE
    if word == "for" and cls in {"Support", "Funding", "Supply", "Approval"}:
        return Role.RECIPIENT
    if cls == "Request" and word in {"on", "upon"}:
        return Role.RECIPIENT  # "called on Iran to ..."
    if cls == "Request" and word == "for":
        return Role.THEME  # "called for a ceasefire"
    if word == "with" and cls in {"Meeting", "Agreement", "Cooperation"}:
        return Role.RECIPIENT
    if word == "with" and cls == "Fight":
        return Role.TARGET
    if word == "with" and cls == "Attack":
        return Role.INSTRUMENT
    if word in {"in", "at", "near", "inside", "outside"}:
        return Role.PLACE
    return None


def actor_token(token: Token) -> bool:
    return token.ent_type_ in ACTOR_NER or token.pos_ == "PROPN"


def _bare_noun(token: Token) -> bool:
    """A singular common noun with no determiner: "by rail", "by sea"."""
    return token.tag_ == "NN" and not any(
        c.dep_ in {"det", "poss"} for c in token.children
    )
