"""Dependency helpers shared by the extractors: subjects, objects, voice, conjuncts.

Labels are spaCy's English ClearNLP-style dependency labels.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from kg.resources.function_words import (
    CHARGE_PREPOSITIONS,
    GERUND_ADJUNCT_PREPOSITIONS,
    RELATIVE_WORDS,
)
from kg.resources.nouns import (
    CREDIT_NOUNS,
)
from kg.resources.verbs import (
    CHARGE_VERBS,
    OBJECT_CONTROL_VERBS,
)

__all__ = [
    "ACTIVE_SUBJECT_DEPS",
    "AMOUNT_SCOPE_DEPS",
    "APPOSITION_CUT_DEPS",
    "CLAUSAL_MODIFIER_DEPS",
    "CLAUSE_CUT_DEPS",
    "NOMINAL_SUBJECT_DEPS",
    "NOUN_MODIFIER_DEPS",
    "OBJECT_DEPS",
    "OPEN_IE_OBJECT_DEPS",
    "OPEN_IE_SUBJECT_DEPS",
    "PASSIVE_SUBJECT_DEPS",
    "PREPOSITION_DEPS",
    "RELATION_LEFT_DEPS",
    "RELATION_RIGHT_DEPS",
    "REPORTED_CLAUSE_DEPS",
    "RIGHT_CUT_DEPS",
    "TEMPORAL_DEPS",
    "TIME_DEPS",
    "_CONTROL_DEPS",
    "_SUBJECT_DEPS",
    "attribute_ids",
    "conjuncts",
    "datives",
    "is_passive",
    "objects",
    "preps",
    "span_text",
    "subjects",
    "text_of",
    "to_marked",
]

# Groups the other extractors and the mention resolver read.
NOMINAL_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
NOUN_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})
# Clauses that modify a noun: "the missiles that Iran supplied", "talks held in".
CLAUSAL_MODIFIER_DEPS = frozenset({"relcl", "acl"})
# Edges from a reported clause up to the reporting verb.
REPORTED_CLAUSE_DEPS = frozenset({"ccomp", "parataxis", "xcomp", "advcl", "conj"})
TIME_DEPS = frozenset({"npadvmod", "tmod", "nmod", "compound", "advmod", "pobj"})
AMOUNT_SCOPE_DEPS = frozenset(
    {"dobj", "dative", "pobj", "prep", "attr", "oprd", "nsubjpass", "npadvmod", "agent"}
)
OPEN_IE_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
OPEN_IE_OBJECT_DEPS = frozenset({"dobj", "attr", "acomp", "oprd", "dative", "obj"})
PREPOSITION_DEPS = frozenset({"prep", "agent"})
RELATION_LEFT_DEPS = frozenset({"aux", "auxpass", "neg"})
RELATION_RIGHT_DEPS = frozenset({"prt", "neg"})
CLAUSE_CUT_DEPS = frozenset(
    {"relcl", "punct", "cc", "appos", "parataxis", "advcl", "ccomp"}
)
TEMPORAL_DEPS = frozenset({"npadvmod", "tmod"})
APPOSITION_CUT_DEPS = frozenset(
    {"relcl", "punct", "appos", "parataxis", "advcl", "ccomp", "acl"}
)
RIGHT_CUT_DEPS = frozenset({"relcl", "punct", "appos", "parataxis", "advcl", "ccomp"})

ACTIVE_SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
_SUBJECT_DEPS = ACTIVE_SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS
OBJECT_DEPS = frozenset({"dobj", "obj"})
_RELATIVE_TAGS = frozenset({"WDT", "WP", "WP$"})
# Clauses whose missing subject is the governing verb's subject.
_CONTROL_DEPS = frozenset({"xcomp", "conj"})

# Each Doc's text, joined once while the Doc lives (see text_of).
_TEXTS: weakref.WeakKeyDictionary[Doc, str] = weakref.WeakKeyDictionary()


def text_of(doc: Doc) -> str:
    """``doc.text``, joined once per Doc: spaCy joins every token's text on
    each access, and the extractors ask for sentence texts thousands of times.

    The text is kept beside the Doc, not in it (a copy of the Doc's
    ``user_data`` would carry it to another Doc), and only while the Doc
    lives; extraction never changes a Doc's tokens.
    """
    text = _TEXTS.get(doc)
    if text is None:
        text = _TEXTS[doc] = doc.text
    return text


def attribute_ids(doc: Doc, attribute: str) -> list[int]:
    """The ids of ``attribute`` ("POS", "ORTH", ...) for every token, as a plain
    list: read in one call, without building a Token object per word."""
    return doc.to_array(attribute).tolist() if len(doc) else []


def span_text(span: Span) -> str:
    """``span.text`` without building a Token per word."""
    return text_of(span.doc)[span.start_char : span.end_char]


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
        elif verb.dep_ in CLAUSAL_MODIFIER_DEPS:
            # participle or reduced relative: "a vaccine developed by Oxford"
            found = [verb.head]
        elif (
            verb.dep_ == "xcomp"
            and verb.head.lemma_.lower() in OBJECT_CONTROL_VERBS
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


def to_marked(verb: Token) -> bool:
    """Whether ``verb`` has "to" as its auxiliary: "to settle", "to assist"."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _infinitive(verb: Token) -> bool:
    return verb.tag_ == "VB" and to_marked(verb)


def _purpose_subjects(noun: Token) -> list[Token]:
    """Who does an infinitive that modifies a noun.

    "Kenya's request to brief the court": the possessor; "funded
    construction to assist the police": the one who funded; "the first
    country to recognise": the noun itself.
    """
    owners = [c for c in noun.children if c.dep_ == "poss"]
    if owners:
        return owners
    if noun.dep_ in OBJECT_DEPS and noun.head.pos_ == "VERB":
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
    if word in CHARGE_PREPOSITIONS and governor.lemma_.lower() in CHARGE_VERBS:
        if is_passive(governor):
            return [c for c in governor.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
        return [
            o for c in governor.children if c.dep_ in OBJECT_DEPS for o in conjuncts(c)
        ]
    if (
        word == "of"
        and governor.pos_ == "ADJ"
        and governor.head.pos_ in {"VERB", "AUX"}
    ):
        return subjects(governor.head)
    if word == "for" and governor.lemma_.lower() in CREDIT_NOUNS:
        return subjects(governor.head) if governor.dep_ in OBJECT_DEPS else []
    if (
        word == "for"
        and governor.pos_ == "VERB"
        and any(o.lemma_.lower() in CREDIT_NOUNS for o in objects(governor))
    ):
        return subjects(governor)
    if word in GERUND_ADJUNCT_PREPOSITIONS and governor.pos_ == "VERB":
        if is_passive(governor):
            return []
        return subjects(governor)
    return []


def _controllers(verb: Token) -> list[Token]:
    found = [c for c in verb.children if c.dep_ in OBJECT_DEPS]
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
        if child.dep_ in OBJECT_DEPS:
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
    return token.tag_ in _RELATIVE_TAGS or token.lower_ in RELATIVE_WORDS
