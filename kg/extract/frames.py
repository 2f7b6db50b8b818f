"""A trigger's frame: the verb (or judged object) and the tokens that fill its roles."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from kg.extract.constraints import (
    excluded,
)
from kg.extract.roles import (
    ACTOR_NER,
    HANDOVERS,
    STATEMENT,
    actor_token,
    object_role,
    prep_role,
)
from kg.extract.syntax import (
    CLAUSAL_MODIFIER_DEPS,
    NOUN_MODIFIER_DEPS,
    OBJECT_DEPS,
    datives,
    is_passive,
    objects,
    preps,
    subjects,
    to_marked,
)
from kg.records import (
    Role,
)
from kg.resources.lexicon import GENERIC, Lexicon
from kg.resources.nouns import (
    OPERATION_NOUNS,
)
from kg.resources.verbs import (
    HARM_VERBS,
    HELP_VERBS,
    LAUNCH_VERBS,
    LIGHT_VERBS,
    TRY_VERBS,
)

__all__ = ["Frame", "echo", "judged", "phrasal", "verbal"]

# Classes where "to X" is a recipient and "X with Y" makes X the recipient.
_TRANSFER = frozenset({"Supply", "Funding", "Support", "Event"})


# Classes whose verb says in a clause what they are about.
_COMPLEMENT_CLASSES = frozenset({"Rejection", "Request", "Threat", "Agreement"})


@dataclass
class Frame:
    trigger: Token
    event_class: str
    pattern: str
    roles: list[tuple[Role, Token]] = field(default_factory=list)
    inferred: list[tuple[Role, Token]] = field(default_factory=list)
    lemma: str = ""  # the trigger's lemma, or its phrase ("take over")
    # tokens whose role follows from being the object: they may take another
    # role when the class does not accept them in the default one
    objects: set[int] = field(default_factory=set)

    def add(self, role: Role, token: Token) -> None:
        self.roles.append((role, token))

    def has(self, role: Role) -> bool:
        return any(r is role for r, _ in [*self.roles, *self.inferred])


def phrasal(verb: Token, lexicon: Lexicon) -> tuple[str | None, Token | None]:
    """A phrasal trigger and the word it takes in: "take over", "call on",
    "open fire" (its object is part of the trigger, not an argument)."""
    lemma = verb.lemma_.lower()
    # the particle or preposition follows the verb: not "On Wednesday, X called"
    after = [c for c in verb.children if c.i > verb.i]
    for child in after:
        if child.dep_ == "prt" and f"{lemma} {child.lower_}" in lexicon.triggers:
            return f"{lemma} {child.lower_}", None
    for child in after:
        if child.dep_ == "prep" and f"{lemma} {child.lower_}" in lexicon.triggers:
            return f"{lemma} {child.lower_}", None
        if child.dep_ in OBJECT_DEPS:
            phrase = f"{lemma} {child.lemma_.lower()}"
            if phrase in lexicon.triggers:
                return phrase, child
    return None, None


def verbal(
    verb: Token, lemma: str, lexicon: Lexicon, used: Token | None = None
) -> Frame | None:
    if verb.dep_ == "amod" and not any(c.dep_ == "agent" for c in verb.children):
        return None  # a participle as adjective: "the assassinated former premier"
    if _bare_after_finite(verb):
        return None  # a noun the model read as a verb: "prices and demand dipping"
    cls = lexicon.event_class(lemma)
    if lemma in lexicon.control and _controls(verb):
        cls = lexicon.control[lemma]  # "ordered its military to seal the border"
    if cls == GENERIC and lemma in LIGHT_VERBS:
        return None
    passive = is_passive(verb)
    deeds = [] if passive else [s for s in subjects(verb) if _attack_noun(s, lexicon)]
    if deeds and cls in {"Attack", GENERIC} and lemma in HARM_VERBS:
        # the attack that did the harm is no doer: its own doer is ("a
        # Russian missile strike killed five people": Russia attacked them)
        cls = "Attack"
    else:
        deeds = []
    pattern = _pattern(verb, passive, cls)
    frame = Frame(verb, cls, pattern, lemma=lemma)
    for subject in subjects(verb):
        if subject in deeds:
            for doer in _doers(subject):
                frame.add(Role.AGENT, doer)
            continue
        # passive: the subject fills the role the object would ("were sanctioned")
        frame.add(object_role(cls, lemma, subject) if passive else Role.AGENT, subject)
        if passive:
            frame.objects.add(subject.i)
    if cls == STATEMENT:
        return frame
    objs = [o for o in objects(verb) if used is None or o.i != used.i]
    for obj in objs:
        evoked = lexicon.evoked.get(f"{lemma} {obj.lemma_.lower()}")
        if evoked is not None:
            # the object decides: "send troops" is a mobilization
            frame.event_class = cls = evoked
            break
    if cls == GENERIC and any(
        f"{lemma} {o.lemma_.lower()}" in lexicon.generic_not_events for o in objs
    ):
        return None  # "played a key role"
    echoed = [o for o in objs if echo(cls, o, lexicon)]
    for noun in echoed:
        # the verb's own event named again: "signed a deal with X", "attacked
        # in a raid"; the noun's roles are the verb's
        for word, obj in preps(noun):
            role = prep_role(cls, word, obj, passive=False)
            if role is not None:
                frame.add(role, obj)
    objs = [o for o in objs if o not in echoed]
    nominal = [o for o in objs if _support_verb(cls, lemma, o, lexicon)]
    if nominal and len(nominal) == len(objs):
        # support verb: "launched an attack" is the nominal event's, not its own
        return None
    objs = [o for o in objs if o not in nominal]
    if excluded(
        cls,
        lemma,
        objects=[o.lemma_.lower() for o in objs]
        + [o.lemma_.lower() for _, o in preps(verb)],
        subjects=[t.lemma_.lower() for t in subjects(verb)],
        lexicon=lexicon,
    ):
        # a verb + object pair that is no event of the class: "made a loss"
        return None
    with_objects = [o for word, o in preps(verb) if word == "with"]
    if cls in _TRANSFER and objs and with_objects and all(actor_token(o) for o in objs):
        # ditransitive paraphrase: "provided Russia with a launcher"
        frame.pattern = "ditransitive"
        for obj in objs:
            frame.add(Role.RECIPIENT, obj)
        for obj in with_objects:
            frame.add(Role.THEME, obj)
    else:
        asked = cls == "Request" and _controls(verb)
        for obj in objs:
            # "urged the police to act": the object is the one asked
            frame.add(Role.RECIPIENT if asked else object_role(cls, lemma, obj), obj)
            frame.objects.add(obj.i)
    if lemma in TRY_VERBS and any(c.dep_ == "xcomp" for c in verb.children):
        return None  # "sought to extend the state's role": trying, not asking
    if (
        lemma == "agree"
        and not objs
        and any(c.dep_ == "ccomp" for c in verb.children)
        and not _parties(verb)
    ):
        return None  # "he agreed that the plan was wise": assent, not an agreement
    if (
        cls == "Attack"
        and lemma in LAUNCH_VERBS
        and objs
        and not any(_armed(o, lexicon) for o in objs)
    ):
        return None  # "fired the chief executive", "launched a white paper"
    if cls in _COMPLEMENT_CLASSES and not objs and not passive:
        _complement_roles(frame, verb)
    if cls in _TRANSFER:
        for obj in objs:
            for word, other in preps(obj):
                if word == "to" and not frame.has(Role.RECIPIENT):
                    # "donated vaccines to the Philippines", "to" on the object
                    frame.add(Role.RECIPIENT, other)
    for obj in datives(verb):
        # double object: "will send Ukraine four systems"
        frame.pattern = "ditransitive"
        frame.add(Role.RECIPIENT, obj)
    for word, obj in preps(verb):
        if frame.pattern == "ditransitive" and word == "with":
            continue
        role = prep_role(cls, word, obj, passive=passive)
        if role is not None:
            frame.add(role, obj)
    if (
        cls == "Supply"
        and verb.dep_ in CLAUSAL_MODIFIER_DEPS
        and not frame.has(Role.RECIPIENT)
    ):
        _infer_recipient(frame, verb)
    if cls in HANDOVERS and not frame.has(Role.RECIPIENT):
        for helped in _helped(verb):
            frame.add(Role.RECIPIENT, helped)
    return frame


def _doers(noun: Token) -> list[Token]:
    """Who did the deed an event noun names: its possessor, an actor
    modifying it, or its "by" object ("Russia's strike", "a Russian strike",
    "attacks by militias")."""
    found = [
        child
        for child in noun.children
        if child.dep_ == "poss"
        or (child.dep_ in NOUN_MODIFIER_DEPS and child.ent_type_ in ACTOR_NER)
    ]
    found.extend(obj for word, obj in preps(noun) if word == "by")
    return found


def _attack_noun(token: Token, lexicon: Lexicon) -> bool:
    """An attack named by a noun: "airstrikes", "the bombing", a "strike"
    with a word of its kind ("missile strike"; "the strike by dock workers"
    may be a stoppage)."""
    lemma = token.lemma_.lower()
    if lemma == "strike" and not any(c.dep_ == "compound" for c in token.children):
        return False
    return (
        token.pos_ == "NOUN"
        and lemma in lexicon.triggers
        and lemma not in lexicon.weapon_nouns
        and lemma not in lexicon.verb_only
        and lexicon.event_class(lemma) == "Attack"
    )


def _bare_after_finite(verb: Token) -> bool:
    """A bare infinitive joined to a verb of another form, with nothing of
    its own to license it ("firms driving down prices and demand dipping"):
    the model's verb is a noun."""
    return (
        verb.tag_ == "VB"
        and verb.dep_ == "conj"
        and verb.head.tag_ in {"VBG", "VBN", "VBD", "VBZ"}
        and not any(c.dep_ in {"aux", "nsubj"} for c in verb.children)
    )


def _helped(verb: Token) -> list[Token]:
    """Who a supply is for, by its purpose: "provided training and equipment
    to assist the HNP", "sent weapons to help Ukraine"."""
    return [
        obj
        for clause in verb.children
        if clause.dep_ in {"advcl", "xcomp"}
        and clause.lemma_.lower() in HELP_VERBS
        and to_marked(clause)
        for obj in objects(clause)
    ]


def _controls(verb: Token) -> bool:
    """An object and an infinitive: "told Iran to stop", "pushed X to act"."""
    return bool(objects(verb)) and any(
        c.dep_ in {"xcomp", "ccomp"} and to_marked(c) for c in verb.children
    )


def judged(verb: Token, lexicon: Lexicon) -> Frame | None:
    """A verb that names its object with a word of blame is a condemnation:
    "Leavitt called Ford's comments egregious", "described the jailbreak as
    deplorable", "branded the strikes illegal" (``kg:judgingVerb``,
    ``kg:pejorative``)."""
    if is_passive(verb):
        return None
    complements = [
        c for c in verb.children if c.dep_ in {"oprd", "ccomp", "xcomp", "acomp"}
    ] + [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"]
    words = {t for c in complements for t in c.subtree}
    if not any(
        t.lemma_.lower() in lexicon.pejoratives or t.lower_ in lexicon.pejoratives
        for t in words
    ):
        return None
    targets = [o for o in objects(verb) if o not in words]
    if not targets:
        # "branded the strikes illegal": the object parsed as the subject of
        # the complement
        targets = [
            s for c in complements if c.dep_ == "ccomp" for s in subjects(c)
        ] or [
            c for c in complements if c.dep_ == "oprd" and c.pos_ in {"PROPN", "NOUN"}
        ]
    if not targets:
        return None
    frame = Frame(verb, "Condemnation", "active", lemma=verb.lemma_.lower())
    for subject in subjects(verb):
        frame.add(Role.AGENT, subject)
    for target in targets:
        frame.add(Role.TARGET, target)
        frame.objects.add(target.i)
    return frame


def _complement_roles(frame: Frame, verb: Token) -> None:
    """What a request, refusal, threat or agreement is about, from its clause.

    "refused to attend a hearing" (theme: hearing), "agreed to address the
    challenges" (theme), "threatened to kill the hostages" (target), "demanded
    that Beijing remove the vessels" (recipient: Beijing, theme: vessel).
    """
    for clause in verb.children:
        if clause.dep_ == "xcomp" and clause.pos_ == "VERB":
            role = Role.TARGET if frame.event_class == "Threat" else Role.THEME
            for obj in objects(clause):
                frame.add(role, obj)
        elif clause.dep_ == "ccomp" and frame.event_class in {"Request", "Threat"}:
            for subject in subjects(clause):
                frame.add(
                    Role.RECIPIENT if frame.event_class == "Request" else Role.TARGET,
                    subject,
                )
            for obj in objects(clause):
                frame.add(Role.THEME, obj)


def echo(cls: str, obj: Token, lexicon: Lexicon) -> bool:
    """An object noun of the verb's own class: "signed an agreement"."""
    return (
        cls not in _TRANSFER | {GENERIC, STATEMENT}
        and obj.pos_ == "NOUN"
        and lexicon.event_class(obj.lemma_.lower()) == cls
    )


def _support_verb(cls: str, lemma: str, obj: Token, lexicon: Lexicon) -> bool:
    """ "launched an attack", "imposed sanctions": the object is an event noun."""
    if obj.pos_ != "NOUN" or obj.lemma_.lower() not in lexicon.triggers:
        return False
    noun_class = lexicon.event_class(obj.lemma_.lower())
    if noun_class == STATEMENT:
        return False
    return lexicon.light(lemma, noun_class)


def _pattern(verb: Token, passive: bool, cls: str) -> str:
    if cls == STATEMENT:
        return "statement"
    if verb.dep_ == "relcl":
        return "relative"
    if verb.dep_ == "acl" or (verb.dep_ == "conj" and verb.head.dep_ == "acl"):
        return "participle"
    if cls == GENERIC:
        return "generic"
    return "passive" if passive else "active"


def _infer_recipient(frame: Frame, verb: Token) -> None:
    """Supplied things used by X were received by X.

    "Russia fired ballistic missiles that were provided by North Korea":
    the missiles are the object of a clause whose subject is Russia.
    """
    noun = verb.head
    governor = noun.head
    if noun.dep_ in OBJECT_DEPS and governor.pos_ == "VERB":
        frame.pattern = "inferred-recipient"
        for subject in subjects(governor):
            frame.inferred.append((Role.RECIPIENT, subject))


def _parties(verb: Token) -> bool:
    """Several agree: conjoined or plural subjects, or a "with" partner."""
    subject = subjects(verb)
    return (
        len(subject) > 1
        or any(t.tag_ in {"NNS", "NNPS"} for t in subject)
        or any(word == "with" for word, _ in preps(verb))
    )


def _armed(obj: Token, lexicon: Lexicon) -> bool:
    """What can be fired or launched in an attack: a weapon or an operation."""
    lemma = obj.lemma_.lower()
    return (
        lemma in lexicon.weapon_nouns
        or lemma in OPERATION_NOUNS
        or lexicon.event_class(lemma) == "Attack"
    )
