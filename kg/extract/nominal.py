"""Noun triggers ("the attack on Kyiv", "Russia's supply of drones") and their roles."""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.constraints import (
    excluded,
)
from kg.extract.frames import Frame, echo, phrasal
from kg.extract.roles import (
    ACTOR_NER,
    HANDOVERS,
    OF_TARGET,
    SYMMETRIC,
    actor_token,
    prep_role,
)
from kg.extract.syntax import (
    CLAUSAL_MODIFIER_DEPS,
    NOMINAL_SUBJECT_DEPS,
    NOUN_MODIFIER_DEPS,
    OBJECT_DEPS,
    conjuncts,
    is_passive,
    objects,
    preps,
    subjects,
)
from kg.records import (
    Role,
)
from kg.resources.function_words import (
    ADJUNCT_PREPOSITIONS,
)
from kg.resources.lexicon import Lexicon
from kg.resources.nouns import (
    CREDIT_NOUNS,
    QUANTITY_NOUNS,
)
from kg.resources.verbs import (
    AIM_VERBS,
)

__all__ = ["nominal"]


def nominal(noun: Token, cls: str, lexicon: Lexicon) -> Frame | None:
    head = noun.head
    if (
        noun.dep_ in OBJECT_DEPS
        and head.pos_ == "VERB"
        and lexicon.event_class(phrasal(head, lexicon)[0] or head.lemma_) == cls
        and echo(cls, noun, lexicon)
    ):
        return None  # the verb carries it: "signed an agreement"
    rules = lexicon.constraints.get(cls)
    modifier_agent = rules.modifier_agent if rules is not None else True
    frame = Frame(noun, cls, "nominal")
    for child in noun.children:
        if child.dep_ == "poss" and _own_subject(child, noun):
            continue  # "the members held their meeting": the subject's, inherited
        if child.dep_ == "poss":
            # possessor agent: "the DPRK's support for Russia", "its sanctions"
            frame.add(Role.AGENT, child)
        elif (
            modifier_agent
            and child.dep_ in NOUN_MODIFIER_DEPS
            and child.ent_type_ in ACTOR_NER
        ):
            # modifier agent: "US sanctions", "a Russian strike"
            frame.add(Role.AGENT, child)
    of_objects = []
    for word, obj in preps(noun):
        if word == "of" and cls == "Meeting":
            frame.add(Role.AGENT, obj)  # "a meeting of the Security Council"
        elif word == "of" and cls == "Visit":
            # "a tour of Asia"; "the visit of the Pope"
            place = obj.ent_type_ in {"GPE", "LOC", "FAC"} or not actor_token(obj)
            frame.add(Role.PLACE if place else Role.AGENT, obj)
        elif word == "of":
            # "the invasion of Ukraine", "the delivery of missiles"
            of_objects.append(obj)
            frame.add(Role.TARGET if cls in OF_TARGET else Role.THEME, obj)
        elif word == "by":
            frame.add(Role.AGENT, obj)
        elif word == "between" and cls in SYMMETRIC:
            # "talks between A and B": A meets B
            _between(frame, obj)
        else:
            role = prep_role(cls, word, obj, passive=False)
            if role is not None:
                frame.add(role, obj)
    if cls in HANDOVERS and not frame.has(Role.RECIPIENT):
        for obj in of_objects:
            for word, other in preps(obj):
                if word == "to":
                    # "the transfer of arms and munitions to Russia", "to" on
                    # what is moved
                    frame.add(Role.RECIPIENT, other)
    _clause_roles(frame, noun, lexicon)
    if excluded(
        cls,
        noun.lemma_.lower(),
        objects=[o.lemma_.lower() for o in of_objects],
        lexicon=lexicon,
        modifiers=[
            c.lemma_.lower() for c in noun.children if c.dep_ in NOUN_MODIFIER_DEPS
        ],
    ) or (
        noun.dep_ in NOMINAL_SUBJECT_DEPS
        and excluded(
            cls,
            noun.head.lemma_.lower(),
            subjects=[noun.lemma_.lower()],
            lexicon=lexicon,
        )
    ):
        # "the launch of a product", "sales rose"
        return None
    if not frame.has(Role.AGENT):
        _inherit_agent(frame, noun, lexicon)
    if not frame.roles:
        return None
    return frame


def _own_subject(possessor: Token, noun: Token) -> bool:
    """A possessive pronoun on the object of a verb whose subject it stands
    for: "Cabinet members held their last meeting"."""
    return (
        possessor.pos_ == "PRON"
        and possessor.lower_ in {"their", "his", "her", "its", "our", "my"}
        and noun.dep_ in OBJECT_DEPS
        and noun.head.pos_ == "VERB"
        and bool(subjects(noun.head))
    )


def _between(frame: Frame, obj: Token) -> None:
    parties = conjuncts(obj)
    if len(parties) < 2:
        return
    # preps() yields each conjunct; only the first starts the pair
    if obj.i != parties[0].i:
        return
    frame.add(Role.AGENT, parties[0])
    for other in parties[1:]:
        frame.add(Role.RECIPIENT, other)


def _clause_roles(frame: Frame, noun: Token, lexicon: Lexicon) -> None:
    """Roles from a clause on the event noun.

    "sanctions targeting two firms" (the object is the target), "sanctions
    imposed by Japan on three firms" (a light verb's agent and target).
    """
    for clause in noun.children:
        if clause.dep_ not in CLAUSAL_MODIFIER_DEPS or clause.pos_ != "VERB":
            continue
        lemma = clause.lemma_.lower()
        if lemma in AIM_VERBS:
            for obj in objects(clause):
                frame.add(
                    Role.TARGET if frame.event_class in OF_TARGET else Role.RECIPIENT,
                    obj,
                )
        elif lexicon.light(lemma, frame.event_class):
            for word, obj in preps(clause):
                role = (
                    Role.AGENT
                    if word == "by"
                    else prep_role(frame.event_class, word, obj, passive=False)
                )
                if role is not None:
                    frame.add(role, obj)


def _inherit_agent(frame: Frame, noun: Token, lexicon: Lexicon) -> None:
    """A nominal event takes the subject of the light verb that governs it.

    "Japan imposed sanctions on three firms", "Russia carried out strikes on
    Kyiv", "talks were held between A and B", "Russia used missiles in a
    strike against Ukraine". Only light verbs (``kg:lightVerb``) and verbs of
    the noun's own class ("signed a deal") hand over their subject: in
    "Russia condemned the transfer of the jets" Russia made no transfer. The
    verb's prepositional roles the noun lacks are taken too ("imposed
    sanctions on X").
    """
    node = noun
    while node.dep_ == "conj" and node.head.pos_ in {"NOUN", "PROPN"}:
        node = node.head
    if (
        node.dep_ == "pobj"
        and node.head.lower_ == "of"
        and node.head.head.lemma_.lower() in QUANTITY_NOUNS
    ):
        # "carried out a series of airstrikes": the strikes are the object
        node = node.head.head
    if (
        node.dep_ == "pobj"
        and (
            node.head.lower_ in ADJUNCT_PREPOSITIONS
            or (node.head.lower_ == "at" and frame.event_class == "Meeting")
        )
        and frame.event_class in {"Visit", "Meeting"}
        and node.head.head.pos_ == "VERB"
    ):
        # "he said during a visit to South Africa": the subject's visit
        for subject in subjects(node.head.head):
            frame.add(Role.AGENT, subject)
        return
    if (
        node.dep_ == "pobj"
        and node.head.lower_ == "for"
        and node.head.head.lemma_.lower() in CREDIT_NOUNS
        and node.head.head.dep_ in OBJECT_DEPS
    ):
        # "the BLA claimed responsibility for the attack", "took credit for"
        node = node.head.head
    if node.dep_ == "pobj" and node.head.dep_ == "prep":
        verb = node.head.head
        passive_subject = False
    elif node.dep_ in {"dobj", "obj", "nsubjpass"}:
        verb = node.head
        passive_subject = node.dep_ == "nsubjpass"
    else:
        return
    if verb.pos_ != "VERB":
        return
    lemma = verb.lemma_.lower()
    if not lexicon.light(lemma, frame.event_class) and (
        lexicon.event_class(lemma) != frame.event_class
    ):
        return
    if passive_subject:
        for word, obj in preps(verb):
            if word == "by":
                frame.add(Role.AGENT, obj)
    elif not is_passive(verb):
        for subject in subjects(verb):
            frame.add(Role.AGENT, subject)
    for word, obj in preps(verb):
        if word == "by" or obj.i == node.i:
            continue  # "returned from a tour": the noun itself
        if word == "between" and frame.event_class in SYMMETRIC:
            if not frame.has(Role.AGENT):
                _between(frame, obj)
            continue
        role = prep_role(frame.event_class, word, obj, passive=False)
        if role is not None and role is not Role.AGENT and not frame.has(role):
            frame.add(role, obj)
