"""Doc → n-ary events: verbal and nominal triggers, their roles and evidence.

Each rule branch names the construction it handles. Coordination is a separate
pass (``_expand``): every conjoined filler of a role yields its own event.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from kg.extract.amounts import amounts
from kg.extract.attribution import (
    according_to,
    accusers,
    claim_factuality,
    factuality,
    quote_speakers,
    reporters,
    stance,
)
from kg.extract.confidence import calibrated
from kg.extract.constraints import (
    admissible,
    excluded,
    is_actor,
    unwanted_theme,
    whole,
)
from kg.extract.syntax import (
    CLAUSAL_MODIFIER_DEPS,
    NOMINAL_SUBJECT_DEPS,
    NOUN_MODIFIER_DEPS,
    OBJECT_DEPS,
    TIME_DEPS,
    conjuncts,
    datives,
    is_passive,
    objects,
    preps,
    subjects,
)
from kg.extract.time import resolve_time
from kg.mentions.resolver import Resolver
from kg.records import (
    Argument,
    Article,
    Entity,
    EntityType,
    Event,
    Factuality,
    Mention,
    Role,
    Stance,
    TimeValue,
)
from kg.resources.function_words import (
    ADJUNCT_PREPOSITIONS,
    FIRST_PERSON,
    TIME_PREPOSITIONS,
)
from kg.resources.lexicon import GENERIC, Lexicon
from kg.resources.nouns import (
    CREDIT_NOUNS,
    DOCUMENT_NOUNS,
    OPERATION_NOUNS,
    QUANTITY_NOUNS,
    SPEAKER_NOUNS,
    STANCE_NOUNS,
    TITLE_NOUNS,
)
from kg.resources.verbs import (
    AIM_VERBS,
    BLAME_VERBS,
    LAUNCH_VERBS,
    LIGHT_VERBS,
    RECIPROCAL_WORDS,
    TRY_VERBS,
    WEAPON_VERBS,
)

__all__ = ["EXTRACTOR", "extract_events"]

EXTRACTOR = "kg.extract.events"
STATEMENT = "Statement"
MAX_EXPANSION = 32

# Verbs of these classes judge or report an event named as their object.
_JUDGING = frozenset({"Condemnation", "Statement", "Request", "Sanction"})
# Classes where "to X" is a recipient and "X with Y" makes X the recipient.
_TRANSFER = frozenset({"Supply", "Funding", "Support", "Event"})
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
_OF_TARGET = frozenset(
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
_SYMMETRIC = frozenset({"Meeting", "Agreement", "Cooperation", "Fight"})
# Classes aimed at whoever owns the thing acted on: "tariffs on Chinese EVs".
_OWNED_TARGETS = frozenset({"Sanction", "Condemnation"})
# Acts done by saying them: "“We urge Kabul to act”" is the urging itself.
_SPEECH_ACTS = frozenset({"Request", "Condemnation", "Rejection", "Threat"})
# Classes whose verb says in a clause what they are about.
_COMPLEMENT_CLASSES = frozenset({"Rejection", "Request", "Threat", "Agreement"})
# More parties than this are a list of sides, not a meeting of each with each.
_MAX_PARTIES = 3
# Where a filler the class does not accept in one role may fit instead.
_ALTERNATES = {
    Role.THEME: (Role.RECIPIENT, Role.TARGET),
    Role.TARGET: (Role.THEME,),
    Role.RECIPIENT: (Role.THEME,),
}
_ACTOR_TYPES = frozenset(
    {EntityType.PERSON, EntityType.ORGANIZATION, EntityType.COUNTRY}
)
_ACTOR_NER = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# Priors for how often each construction gives a correct event; the measured
# reliabilities in confidence.json (written by `python -m kg.eval --calibrate`
# from the own gold) take their place where a construction was seen.
PRIORS = {
    "active": 0.8,
    "passive": 0.75,
    "ditransitive": 0.8,
    "relative": 0.7,
    "participle": 0.65,
    "nominal": 0.6,
    "statement": 0.8,
    "inferred-recipient": 0.5,
    "generic": 0.4,
}
CONFIDENCE = calibrated(PRIORS)


@dataclass
class _Frame:
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


def extract_events(
    doc: Doc, article: Article, resolver: Resolver, lexicon: Lexicon
) -> Iterator[Event]:
    """Yield the events of one parsed article, sorted by position.

    Args:
        doc: the parsed body of ``article`` (offsets relative to its body).
        article: the article, for its id, text and date.
        resolver: turns argument tokens into canonical mentions.
        lexicon: trigger lemmas → event classes.
    """
    reporting = lexicon.lemmas(STATEMENT)
    quoted = quote_speakers(doc, reporting)
    seen: set[tuple[object, ...]] = set()
    for sent in doc.sents:
        for token in sent:
            frame = _frame(token, lexicon)
            if frame is None:
                continue
            for event in _events(
                frame, sent, article, resolver, lexicon, reporting, quoted
            ):
                key = (
                    event.event_class,
                    event.trigger_start,
                    tuple((a.role, a.mention.entity.key) for a in event.arguments),
                )
                if key not in seen:
                    seen.add(key)
                    yield event


def _frame(token: Token, lexicon: Lexicon) -> _Frame | None:
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB":
        phrase, used = _phrasal(token, lexicon)
        if phrase is None and lemma in lexicon.judging_verbs:
            judged = _judged(token, lexicon)
            if judged is not None:
                return judged
        return _verbal(token, phrase or lemma, lexicon, used)
    compound = [c for c in token.lefts if c.dep_ == "compound"]
    if compound and f"{compound[-1].lemma_.lower()} {lemma}" in lexicon.triggers:
        # a compound trigger: "gun battle"
        lemma = f"{compound[-1].lemma_.lower()} {lemma}"
    if (
        token.pos_ in {"NOUN", "PROPN"}
        and lemma in lexicon.triggers
        and lemma not in lexicon.weapon_nouns
        and lemma not in lexicon.verb_only
    ):
        # a weapon is no event: "artillery shells"
        cls = lexicon.event_class(lemma)
        if cls == STATEMENT:
            return None
        frame = _nominal(token, cls, lexicon)
        if frame is not None:
            frame.lemma = lemma
        return frame
    return None


def _phrasal(verb: Token, lexicon: Lexicon) -> tuple[str | None, Token | None]:
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


def _verbal(
    verb: Token, lemma: str, lexicon: Lexicon, used: Token | None = None
) -> _Frame | None:
    if verb.dep_ == "amod" and not any(c.dep_ == "agent" for c in verb.children):
        return None  # a participle as adjective: "the assassinated former premier"
    cls = lexicon.event_class(lemma)
    if lemma in lexicon.control and _controls(verb):
        cls = lexicon.control[lemma]  # "ordered its military to seal the border"
    if cls == GENERIC and lemma in LIGHT_VERBS:
        return None
    passive = is_passive(verb)
    pattern = _pattern(verb, passive, cls)
    frame = _Frame(verb, cls, pattern, lemma=lemma)
    for subject in subjects(verb):
        # passive: the subject fills the role the object would ("were sanctioned")
        frame.add(_object_role(cls, lemma, subject) if passive else Role.AGENT, subject)
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
    echoed = [o for o in objs if _echo(cls, o, lexicon)]
    for noun in echoed:
        # the verb's own event named again: "signed a deal with X", "attacked
        # in a raid"; the noun's roles are the verb's
        for word, obj in preps(noun):
            role = _prep_role(cls, word, obj, passive=False)
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
    if cls in _TRANSFER and objs and with_objects and all(_is_actor(o) for o in objs):
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
            frame.add(Role.RECIPIENT if asked else _object_role(cls, lemma, obj), obj)
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
        role = _prep_role(cls, word, obj, passive=passive)
        if role is not None:
            frame.add(role, obj)
    if (
        cls == "Supply"
        and verb.dep_ in CLAUSAL_MODIFIER_DEPS
        and not frame.has(Role.RECIPIENT)
    ):
        _infer_recipient(frame, verb)
    return frame


def _controls(verb: Token) -> bool:
    """An object and an infinitive: "told Iran to stop", "pushed X to act"."""
    return bool(objects(verb)) and any(
        c.dep_ in {"xcomp", "ccomp"}
        and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        for c in verb.children
    )


def _judged(verb: Token, lexicon: Lexicon) -> _Frame | None:
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
    frame = _Frame(verb, "Condemnation", "active", lemma=verb.lemma_.lower())
    for subject in subjects(verb):
        frame.add(Role.AGENT, subject)
    for target in targets:
        frame.add(Role.TARGET, target)
        frame.objects.add(target.i)
    return frame


def _nominal(noun: Token, cls: str, lexicon: Lexicon) -> _Frame | None:
    head = noun.head
    if (
        noun.dep_ in OBJECT_DEPS
        and head.pos_ == "VERB"
        and lexicon.event_class(_phrasal(head, lexicon)[0] or head.lemma_) == cls
        and _echo(cls, noun, lexicon)
    ):
        return None  # the verb carries it: "signed an agreement"
    rules = lexicon.constraints.get(cls)
    modifier_agent = rules.modifier_agent if rules is not None else True
    frame = _Frame(noun, cls, "nominal")
    for child in noun.children:
        if child.dep_ == "poss" and _own_subject(child, noun):
            continue  # "the members held their meeting": the subject's, inherited
        if child.dep_ == "poss":
            # possessor agent: "the DPRK's support for Russia", "its sanctions"
            frame.add(Role.AGENT, child)
        elif (
            modifier_agent
            and child.dep_ in NOUN_MODIFIER_DEPS
            and child.ent_type_ in _ACTOR_NER
        ):
            # modifier agent: "US sanctions", "a Russian strike"
            frame.add(Role.AGENT, child)
    of_objects = []
    for word, obj in preps(noun):
        if word == "of" and cls == "Meeting":
            frame.add(Role.AGENT, obj)  # "a meeting of the Security Council"
        elif word == "of" and cls == "Visit":
            # "a tour of Asia"; "the visit of the Pope"
            place = obj.ent_type_ in {"GPE", "LOC", "FAC"} or not _is_actor(obj)
            frame.add(Role.PLACE if place else Role.AGENT, obj)
        elif word == "of":
            # "the invasion of Ukraine", "the delivery of missiles"
            of_objects.append(obj)
            frame.add(Role.TARGET if cls in _OF_TARGET else Role.THEME, obj)
        elif word == "by":
            frame.add(Role.AGENT, obj)
        elif word == "between" and cls in _SYMMETRIC:
            # "talks between A and B": A meets B
            _between(frame, obj)
        else:
            role = _prep_role(cls, word, obj, passive=False)
            if role is not None:
                frame.add(role, obj)
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


def _between(frame: _Frame, obj: Token) -> None:
    parties = conjuncts(obj)
    if len(parties) < 2:
        return
    # preps() yields each conjunct; only the first starts the pair
    if obj.i != parties[0].i:
        return
    frame.add(Role.AGENT, parties[0])
    for other in parties[1:]:
        frame.add(Role.RECIPIENT, other)


def _clause_roles(frame: _Frame, noun: Token, lexicon: Lexicon) -> None:
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
                    Role.TARGET if frame.event_class in _OF_TARGET else Role.RECIPIENT,
                    obj,
                )
        elif lexicon.light(lemma, frame.event_class):
            for word, obj in preps(clause):
                role = (
                    Role.AGENT
                    if word == "by"
                    else _prep_role(frame.event_class, word, obj, passive=False)
                )
                if role is not None:
                    frame.add(role, obj)


def _complement_roles(frame: _Frame, verb: Token) -> None:
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


def _echo(cls: str, obj: Token, lexicon: Lexicon) -> bool:
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


def _object_role(cls: str, lemma: str, obj: Token) -> Role:
    if cls == "Attack":
        # "fired missiles into Ukraine": the object is the weapon
        return Role.THEME if lemma in WEAPON_VERBS else Role.TARGET
    return _DOBJ_ROLE.get(cls, Role.THEME)


def _prep_role(cls: str, word: str, obj: Token, *, passive: bool) -> Role | None:
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


def _infer_recipient(frame: _Frame, verb: Token) -> None:
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


def _inherit_agent(frame: _Frame, noun: Token, lexicon: Lexicon) -> None:
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
        if word == "between" and frame.event_class in _SYMMETRIC:
            if not frame.has(Role.AGENT):
                _between(frame, obj)
            continue
        role = _prep_role(frame.event_class, word, obj, passive=False)
        if role is not None and role is not Role.AGENT and not frame.has(role):
            frame.add(role, obj)


def _events(
    frame: _Frame,
    sent: Span,
    article: Article,
    resolver: Resolver,
    lexicon: Lexicon,
    reporting: frozenset[str],
    quoted: dict[int, list[Token]],
) -> Iterator[Event]:
    cls = frame.event_class
    by_role: dict[Role, list[Mention]] = {}
    explicit: set[Role] = set()
    inferred = {id(pair) for pair in frame.inferred}
    performed = False
    for pair in [*frame.roles, *frame.inferred]:
        asked, token = pair
        if asked is Role.THEME and unwanted_theme(cls, token.lemma_.lower(), lexicon):
            return  # "gave advice to the firms" is no supply at all
        # "we" and "I" in a quotation are its speaker: "“We urge Kabul to
        # act,” the ministry said"
        stand_ins = [token]
        if token.lower_ in FIRST_PERSON and token.i in quoted:
            stand_ins = quoted[token.i]
            performed = performed or (asked is Role.AGENT and cls in _SPEECH_ACTS)
        placed = [
            found
            for each in stand_ins
            for found in _placed(
                cls, asked, each, resolver, lexicon, alternate=token.i in frame.objects
            )
        ]
        for role, mention in _aimed_at_owner(cls, token, placed, resolver, lexicon):
            fillers = by_role.setdefault(role, [])
            if all(m.entity.key != mention.entity.key for m in fillers):
                fillers.append(mention)
            if id(pair) not in inferred:
                explicit.add(role)
    _drop_self(by_role)
    figurative = lexicon.figurative.get(frame.lemma)
    if (
        figurative is not None
        and frame.pattern != "nominal"
        and _in_words(by_role, lexicon)
    ):
        # "X attacked the government over Iraq": criticism, not violence
        frame.event_class = cls = figurative
    # "A and B jointly combat insecurity": the foe is a third, not each other
    paired = not (cls == "Fight" and _third_party(frame)) and _pair_parties(
        cls, by_role
    )
    if paired and Role.AGENT in explicit:
        explicit |= {Role.RECIPIENT, Role.TARGET}
    if not _enough(frame, by_role) or not _typed_whole(
        frame, by_role, explicit, lexicon
    ):
        return
    own_factuality = factuality(frame.trigger)
    time = _time(frame.trigger, article, resolver, own_factuality)
    verbs = reporters(frame.trigger, reporting)
    sources = according_to(frame.trigger) + accusers(frame.trigger)
    speakers = _speakers(verbs, sources, resolver)
    if not speakers and frame.trigger.i in quoted:
        # inside a quotation reported before or after it, maybe sentences away
        speakers = _speakers([], quoted[frame.trigger.i], resolver)
    innermost = verbs[0] if verbs else None
    claim_stance = (
        stance(innermost, frame.trigger)
        if verbs
        else (Stance.STATED if speakers else None)
    )
    if frame.event_class == STATEMENT or performed:
        # the doer is not its own source: a reporting verb ("Kirby told ...,
        # noting"), an act done by saying it ("“We urge Kabul to act,” Khan said")
        own = {m.entity for m in by_role.get(Role.AGENT, [])}
        speakers = tuple(s for s in speakers if s not in own)
    offset = resolver.offset
    found_amounts = amounts(frame.trigger, offset)
    event_factuality = claim_factuality(own_factuality, innermost, frame.trigger)
    start, end = _sentence_bounds(sent)
    trigger = frame.trigger
    for combination in _expand(by_role):
        yield Event(
            article_id=article.id,
            event_class=frame.event_class,
            relation=frame.lemma or trigger.lemma_.lower(),
            trigger=trigger.text,
            trigger_start=trigger.idx + offset,
            trigger_end=trigger.idx + len(trigger.text) + offset,
            sentence=article.text[start + offset : end + offset],
            sentence_start=start + offset,
            sentence_end=end + offset,
            arguments=combination,
            factuality=event_factuality,
            time=time,
            attributed_to=speakers,
            stance=claim_stance if speakers else None,
            amounts=found_amounts,
            confidence=CONFIDENCE[frame.pattern],
            extractor=f"{EXTRACTOR}:{frame.pattern}",
        )


def _aimed_at_owner(
    cls: str,
    token: Token,
    placed: list[tuple[Role, Mention]],
    resolver: Resolver,
    lexicon: Lexicon,
) -> list[tuple[Role, Mention]]:
    """A measure on a country's goods, or blame of someone's act, is aimed at
    them: "tariffs on Chinese EVs" targets China, "called Ford's comments
    egregious" Ford, "condemned Russia's invasion" Russia; the goods or the
    act stay as the theme."""
    if cls not in _OWNED_TARGETS or not placed:
        return placed
    if any(
        r not in {Role.TARGET, Role.THEME}
        or m.entity.type is not EntityType.THING
        or is_actor(m.entity, lexicon)
        for r, m in placed
    ):
        return placed  # "sanctioned three Iranian companies" targets the firms
    owners = [
        m
        for child in token.children
        if child.dep_ == "poss"
        or (child.dep_ in NOUN_MODIFIER_DEPS and child.ent_type_ in {"GPE", "NORP"})
        for m in resolver.arguments(child, Role.TARGET, describe=True)
        if is_actor(m.entity, lexicon)
    ]
    if not owners or not admissible(cls, Role.THEME, placed[0][1].entity, lexicon):
        return placed
    return [(Role.TARGET, m) for m in owners] + [(Role.THEME, m) for _, m in placed]


def _placed(
    cls: str,
    asked: Role,
    token: Token,
    resolver: Resolver,
    lexicon: Lexicon,
    *,
    alternate: bool,
) -> list[tuple[Role, Mention]]:
    """The role an argument token fills and the mentions it stands for.

    The asked role, or the role it may fill instead when the class does not
    accept the filler there ("urged Vietnam": the object is the one asked,
    not what is asked for). The token is read again in each role, where it
    may mean something else: in "urged Beijing to act" the capital is the
    one asked, so its government.
    """
    alternates = _ALTERNATES.get(asked, ()) if alternate else ()
    if cls == "Withdrawal" and asked is Role.PLACE:
        alternates = (Role.THEME,)  # "pulled out of the deal"
    describe = cls != STATEMENT
    for role in (asked, *alternates):
        placed = [
            (role, m)
            for m in resolver.arguments(token, role, describe=describe)
            if _fits(role, m) and admissible(cls, role, m.entity, lexicon)
        ]
        if placed:
            return placed
    return []


def _in_words(by_role: dict[Role, list[Mention]], lexicon: Lexicon) -> bool:
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


def _pair_parties(cls: str, by_role: dict[Role, list[Mention]]) -> bool:
    """ "Kim and Putin held a summit": in a symmetric class each meets the others.

    The agents become a marker list; :func:`_expand` then yields one event per
    party, with the other parties as its counterparts.
    """
    other = Role.TARGET if cls == "Fight" else Role.RECIPIENT
    agents = by_role.get(Role.AGENT, [])
    if cls in _SYMMETRIC and 2 <= len(agents) <= _MAX_PARTIES and other not in by_role:
        by_role[other] = list(agents)
        return True
    return False


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


def _drop_self(by_role: dict[Role, list[Mention]]) -> None:
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


def _typed_whole(
    frame: _Frame,
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
        cls in _SYMMETRIC - {"Fight"}
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
    frame: _Frame, by_role: dict[Role, list[Mention]], lexicon: Lexicon
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


def _third_party(frame: _Frame) -> bool:
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


def _plural(frame: _Frame) -> bool:
    return any(
        role is Role.AGENT and token.tag_ in {"NNS", "NNPS"}
        for role, token in frame.roles
    )


def _fits(role: Role, mention: Mention) -> bool:
    if role is Role.PLACE:
        return mention.entity.type in {EntityType.PLACE, EntityType.COUNTRY}
    return True


def _enough(frame: _Frame, by_role: dict[Role, list[Mention]]) -> bool:
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
    # (a typed passive may stand without its doer: see _typed_whole)
    return (
        frame.pattern in {"nominal", "passive"}
        or Role.AGENT in by_role
        or len(by_role) >= 2
    )


def _expand(by_role: dict[Role, list[Mention]]) -> Iterator[tuple[Argument, ...]]:
    """One argument tuple per combination of conjoined fillers.

    A party is never its own counterpart: combinations where the agent also
    fills another role (paired parties of a symmetric event) are skipped.
    """
    roles = sorted(by_role, key=lambda r: list(Role).index(r))
    choices = [by_role[r] for r in roles]
    for combination in itertools.islice(itertools.product(*choices), MAX_EXPANSION):
        pairs = list(zip(roles, combination, strict=True))
        agents = {m.entity.key for r, m in pairs if r is Role.AGENT}
        if any(r is not Role.AGENT and m.entity.key in agents for r, m in pairs):
            continue
        yield tuple(Argument(role, m) for role, m in pairs)


def _time(
    trigger: Token, article: Article, resolver: Resolver, own: Factuality
) -> TimeValue | None:
    offset = resolver.offset

    def date_span(token: Token) -> Span:
        return resolver.entity_at(token) or token.doc[token.i : token.i + 1]

    ahead = own in {Factuality.FUTURE, Factuality.EXPECTED}
    # (date span, governing preposition: "since August" makes an interval)
    candidates: list[tuple[Span, str | None]] = []
    holders = [trigger]
    if trigger.pos_ in {"NOUN", "PROPN"}:
        # a noun event's time sits on its verb: "launched an attack on Tuesday"
        node = trigger.head.head if trigger.dep_ == "pobj" else trigger.head
        if node.pos_ == "VERB" and trigger.dep_ in {"dobj", "obj", "nsubjpass", "pobj"}:
            holders.append(node)
    for holder in list(holders):
        if holder.pos_ != "VERB":
            continue
        # conjoined verbs share their time: "arrested and sentenced in 2011"
        if holder.dep_ == "conj" and holder.head.pos_ == "VERB":
            holders.append(holder.head)
        holders.extend(
            c for c in holder.children if c.dep_ == "conj" and c.pos_ == "VERB"
        )
    for child in (c for holder in holders for c in holder.children):
        if child.ent_type_ == "DATE" and child.dep_ in TIME_DEPS:
            candidates.append((date_span(child), None))
        elif child.dep_ == "prep" and child.lower_ in TIME_PREPOSITIONS:
            candidates.extend(
                (date_span(o), child.lower_)
                for o in child.children
                if o.dep_ == "pobj" and o.ent_type_ == "DATE"
            )
    candidates.sort(key=lambda c: (c[0].start > trigger.i, abs(c[0].start - trigger.i)))
    for span, preposition in candidates:
        resolved = resolve_time(
            span.text, article.date, preposition=preposition, future=ahead
        )
        if resolved is not None:
            value, granularity = resolved
            return TimeValue(
                text=span.text,
                value=value,
                granularity=granularity,
                start=span.start_char + offset,
                end=span.end_char + offset,
            )
    return None


def _speakers(
    verbs: list[Token], sources: list[Token], resolver: Resolver
) -> tuple[Entity, ...]:
    out: list[Entity] = []
    # "ministers are believed to have agreed": a passive reporter's subject is
    # what is reported on, not who reports; its "by" object speaks
    tokens = [
        s
        for verb in verbs
        for s in (
            [o for word, o in preps(verb) if word == "by"]
            if is_passive(verb)
            else subjects(verb)
        )
    ]
    for token in [*tokens, *sources]:
        for speaker in _authors(token):
            for mention in resolver.arguments(speaker, Role.AGENT, describe=False):
                # a source can speak: not "the economy is expected to grow"
                if mention.entity not in out and _can_speak(
                    mention.entity, resolver.lexicon
                ):
                    out.append(mention.entity)
    return tuple(out)


def _can_speak(entity: Entity, lexicon: Lexicon) -> bool:
    """An actor, or an institution not yet resolved ("the ministry")."""
    words = entity.label.split()
    return is_actor(entity, lexicon) or (
        bool(words)
        and (words[-1] in lexicon.descriptor_nouns or words[-1] in SPEAKER_NOUNS)
    )


def _authors(token: Token) -> list[Token]:
    """Who speaks through a document: "a statement by the ministry", "its report".

    A plain speaker is its own author; a document noun gives its possessor,
    its "by"/"from" object or a named modifier, and nobody when it names none
    (the source is never "statement").
    """
    if token.lemma_.lower() not in DOCUMENT_NOUNS:
        return [token]
    found = [
        c
        for c in token.children
        if c.dep_ == "poss" or (c.dep_ in {"compound", "nmod"} and c.ent_type_)
    ]
    found += [obj for word, obj in preps(token) if word in {"by", "from", "of"}]
    return found


def _sentence_bounds(sent: Span) -> tuple[int, int]:
    text = sent.text
    start = sent.start_char + (len(text) - len(text.lstrip()))
    end = sent.start_char + len(text.rstrip())
    return start, max(end, start + 1)


def _is_actor(token: Token) -> bool:
    return token.ent_type_ in _ACTOR_NER or token.pos_ == "PROPN"


def _bare_noun(token: Token) -> bool:
    """A singular common noun with no determiner: "by rail", "by sea"."""
    return token.tag_ == "NN" and not any(
        c.dep_ in {"det", "poss"} for c in token.children
    )
