"""Dependency helpers shared by the extractors: subjects, objects, voice, conjuncts.

Labels are spaCy's English ClearNLP-style dependency labels.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

__all__ = [
    "ACTIVE_SUBJECT_DEPS",
    "CHARGE_VERBS",
    "OBJECT_CONTROL",
    "PASSIVE_SUBJECT_DEPS",
    "conjuncts",
    "datives",
    "is_passive",
    "objects",
    "preps",
    "subjects",
]

ACTIVE_SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
_SUBJECT_DEPS = ACTIVE_SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS
_OBJECT_DEPS = frozenset({"dobj", "obj"})
_RELATIVE_TAGS = frozenset({"WDT", "WP", "WP$"})
_RELATIVE_WORDS = frozenset({"that", "which", "who", "whom"})
# Clauses whose missing subject is the governing verb's subject.
_CONTROL_DEPS = frozenset({"xcomp", "conj"})
# Verbs whose object is the subject of their infinitive: "urged Iran to
# release", "called on Iran to release", "asked the court to delay".
OBJECT_CONTROL = frozenset(
    {
        "urge",
        "ask",
        "call",
        "press",
        "order",
        "instruct",
        "encourage",
        "force",
        "allow",
        "invite",
        "tell",
        "persuade",
        "request",
        "require",
        "pressure",
        "permit",
        "authorize",
        "authorise",
        "implore",
        "warn",
        "challenge",
        "compel",
        "oblige",
    }
)


# Verbs that say someone did something: "accused X of", "charged X with".
CHARGE_VERBS = frozenset(
    {"accuse", "charge", "blame", "suspect", "convict", "indict", "arrest", "sentence"}
)
_CHARGE_PREPS = frozenset({"of", "with", "for"})
_CREDIT = frozenset({"responsibility", "credit", "blame"})
# Adjunct gerunds done by the clause's subject: "retaliated by announcing".
_ADJUNCT_GERUND_PREPS = frozenset(
    {"by", "after", "before", "while", "without", "since", "in"}
)


def is_passive(verb: Token) -> bool:
    """Passive voice: "were provided by", "a vaccine developed by", conjuncts."""
    if any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children):
        return True
    if verb.tag_ != "VBN":
        return False
    if verb.dep_ == "acl":
        return True
    has_subject = any(c.dep_ in _SUBJECT_DEPS for c in verb.children)
    has_perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
    return (
        verb.dep_ == "conj"
        and not has_subject
        and not has_perfect
        and is_passive(verb.head)
    )


def subjects(verb: Token) -> list[Token]:
    """The subject tokens of a verb, conjuncts included.

    Relative pronouns are replaced by the noun the clause modifies ("missiles
    that were provided"); participles take the noun they modify ("a vaccine
    developed by"); controlled and conjoined verbs take their governor's subject.
    """
    found = []
    for child in verb.children:
        if child.dep_ not in _SUBJECT_DEPS:
            continue
        if _is_relative(child) and verb.dep_ == "relcl":
            # relative clause: the pronoun stands for the modified noun
            found.append(verb.head)
        else:
            found.append(child)
    if not found:
        if verb.dep_ == "acl" and _infinitive(verb):
            found = _purpose_subjects(verb.head)
        elif verb.dep_ in {"acl", "relcl"}:
            # participle or reduced relative: "a vaccine developed by Oxford"
            found = [verb.head]
        elif (
            verb.dep_ == "xcomp"
            and verb.head.lemma_.lower() in OBJECT_CONTROL
            and (controllers := _controllers(verb.head))
        ):
            # object control: "urged Iran to release", "called on Iran to"
            found = controllers
        elif (
            verb.dep_ == "xcomp"
            and verb.head.pos_ == "ADJ"
            and verb.head.head.pos_ in {"VERB", "AUX"}
        ):
            # "Russia is likely to attack": the subject of "is likely"
            return subjects(verb.head.head)
        elif verb.dep_ in _CONTROL_DEPS and verb.head.pos_ in {"VERB", "AUX"}:
            # conjoined or controlled verb: "will use missiles to target"
            return subjects(verb.head)
        elif verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head.pos_ == "VERB":
            # participial adjunct: "Kirby told reporters, noting that ..."
            return subjects(verb.head)
        elif (
            verb.dep_ == "advcl"
            and _infinitive(verb)
            and verb.head.pos_ == "VERB"
            and not is_passive(verb.head)
        ):
            # purpose: "funded construction to assist the police"
            return subjects(verb.head)
        elif verb.dep_ == "pcomp" or (
            verb.dep_ == "conj" and verb.head.dep_ == "pcomp"
        ):
            return _gerund_subjects(verb if verb.dep_ == "pcomp" else verb.head)
    return [c for s in found for c in conjuncts(s)]


def _infinitive(verb: Token) -> bool:
    return verb.tag_ == "VB" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children
    )


def _purpose_subjects(noun: Token) -> list[Token]:
    """Who does an infinitive that modifies a noun.

    "Kenya's request to brief the court": the possessor; "funded
    construction to assist the police": the one who funded; "the first
    country to recognise": the noun itself.
    """
    owners = [c for c in noun.children if c.dep_ == "poss"]
    if owners:
        return owners
    if noun.dep_ in _OBJECT_DEPS and noun.head.pos_ == "VERB":
        governor = noun.head
        if is_passive(governor):
            return []
        return subjects(governor)
    return [noun]


def _gerund_subjects(verb: Token) -> list[Token]:
    """Who does a gerund after a preposition.

    "accused Pyongyang of shipping shells", "charged him with attacking
    motorists": the one accused; "the rebels were accused of killing": the
    passive subject; "retaliated by announcing tariffs", "took credit for
    attacking a convoy": the governing verb's subject; "is capable of
    building chips": the subject of "is".
    """
    prep = verb.head
    governor = prep.head
    word = prep.lower_
    if word in _CHARGE_PREPS and governor.lemma_.lower() in CHARGE_VERBS:
        if is_passive(governor):
            return [c for c in governor.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
        return [
            o for c in governor.children if c.dep_ in _OBJECT_DEPS for o in conjuncts(c)
        ]
    if (
        word == "of"
        and governor.pos_ == "ADJ"
        and governor.head.pos_ in {"VERB", "AUX"}
    ):
        return subjects(governor.head)
    if word == "for" and governor.lemma_.lower() in _CREDIT:
        return subjects(governor.head) if governor.dep_ in _OBJECT_DEPS else []
    if (
        word == "for"
        and governor.pos_ == "VERB"
        and any(o.lemma_.lower() in _CREDIT for o in objects(governor))
    ):
        return subjects(governor)
    if word in _ADJUNCT_GERUND_PREPS and governor.pos_ == "VERB":
        if is_passive(governor):
            return []
        return subjects(governor)
    return []


def _controllers(verb: Token) -> list[Token]:
    found = [c for c in verb.children if c.dep_ in _OBJECT_DEPS]
    if not found:
        found = [
            o
            for p in verb.children
            if p.dep_ == "prep" and p.lower_ in {"on", "upon"}
            for o in p.children
            if o.dep_ == "pobj"
        ]
    return found


def objects(verb: Token) -> list[Token]:
    """Direct objects, conjuncts included; a relative pronoun becomes its noun."""
    found = []
    for child in verb.children:
        if child.dep_ in _OBJECT_DEPS:
            found.append(
                verb.head if _is_relative(child) and verb.dep_ == "relcl" else child
            )
    return [c for o in found for c in conjuncts(o)]


def preps(head: Token) -> Iterator[tuple[str, Token]]:
    """``(preposition, object)`` pairs attached to ``head``, conjoined objects included.

    The passive ``by`` (dep ``agent``) is reported as ``"by"``; an indirect
    object introduced by "to" (dep ``dative``) as ``"to"``.
    """
    for child in head.children:
        if child.dep_ not in {"prep", "agent", "dative"} or child.pos_ != "ADP":
            continue
        word = child.lower_
        objs = [o for o in child.children if o.dep_ == "pobj"]
        for obj in objs:
            for each in conjuncts(obj):
                yield word, each
        if not objs:
            # a particle before its preposition: "pulled out of ECOWAS"
            for inner in child.children:
                if inner.dep_ == "prep":
                    for obj in inner.children:
                        if obj.dep_ == "pobj":
                            for each in conjuncts(obj):
                                yield inner.lower_, each


def datives(verb: Token) -> list[Token]:
    """Bare indirect objects: "will send Ukraine four systems"."""
    return [
        c
        for d in verb.children
        if d.dep_ == "dative" and d.pos_ != "ADP"
        for c in conjuncts(d)
    ]


def conjuncts(token: Token) -> list[Token]:
    """The token and every token conjoined to it ("a launcher and several missiles")."""
    out = [token]
    for child in token.children:
        if child.dep_ == "conj":
            out.extend(conjuncts(child))
    return out


def _is_relative(token: Token) -> bool:
    return token.tag_ in _RELATIVE_TAGS or token.lower_ in _RELATIVE_WORDS
