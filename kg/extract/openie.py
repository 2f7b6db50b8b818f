"""Open information extraction: (arg1, relation, arg2, ...) tuples of every clause.

Untyped and lexicon-free, for benchmarks such as CaRB and for users who want
every statement of a text, not only the typed events. One tuple per verb
(and per copula with a complement):

* arg1 is the clause subject; conjoined verbs share it ("sold X and bought
  Y"), controlled verbs take their controller ("agreed to buy" → the one who
  agreed), a relative clause takes the noun it modifies ("missiles that Iran
  sold"), a participle the noun it describes ("missiles provided by Iran");
* the relation is the verb with its auxiliaries, negation and particle
  ("has not given up");
* the other arguments are the objects and the prepositional phrases, in text
  order ("to Russia", "in October"); relative clauses are left out of them.

Confidence is a prior per construction, lower for borrowed subjects and for
clauses with no argument besides the subject.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from kg.extract.syntax import (
    APPOSITION_CUT_DEPS,
    CLAUSAL_MODIFIER_DEPS,
    CLAUSE_CUT_DEPS,
    OPEN_IE_OBJECT_DEPS,
    OPEN_IE_SUBJECT_DEPS,
    PREPOSITION_DEPS,
    RELATION_LEFT_DEPS,
    RELATION_RIGHT_DEPS,
    RIGHT_CUT_DEPS,
    TEMPORAL_DEPS,
)
from kg.resources.verbs import (
    OPEN_IE_CONTROL_VERBS,
)

__all__ = ["OpenTuple", "open_tuples"]

_NOMINAL = frozenset({"NOUN", "PROPN", "PRON"})


@dataclass(frozen=True, slots=True)
class OpenTuple:
    """An open-IE tuple: words of the sentence, space-joined."""

    arg1: str
    relation: str
    args: tuple[str, ...]
    confidence: float


def open_tuples(doc: Doc) -> Iterator[OpenTuple]:
    """The tuples of every clause of ``doc``, in text order of their verbs.

    Appositions also give "is" tuples ("Kirby, the spokesman," → Kirby; is;
    the spokesman) and possessives "has" tuples ("Russia 's war" → Russia;
    has; war).
    """
    for token in doc:
        if token.dep_ == "appos" and token.head.pos_ in {"NOUN", "PROPN"}:
            yield OpenTuple(
                arg1=_text(_span(token.head, cut=APPOSITION_CUT_DEPS)),
                relation="is",
                args=(_text(_span(token)),),
                confidence=0.6,
            )
        if token.dep_ == "poss" and token.pos_ in {"PROPN", "NOUN"}:
            owned = [t for t in _span(token.head) if t.i > token.i and t.dep_ != "case"]
            owner = [t for t in _span(token) if t.tag_ != "POS"]
            if owned and owner:
                yield OpenTuple(
                    arg1=_text(owner),
                    relation="has",
                    args=(_text(owned),),
                    confidence=0.4,
                )
        if not _is_predicate(token):
            continue
        subject, borrowed = _subject(token)
        if subject is None:
            continue
        relation = _relation(token)
        parts = _parts(token, subject)
        if parts and parts[0][0].dep_ in PREPOSITION_DEPS and len(parts[0]) > 1:
            # "were held in Paris": the first preposition joins the relation
            relation = f"{relation} {parts[0][0].text}"
            parts[0] = parts[0][1:]
        args = [_text(part) for part in parts]
        confidence = 0.9 if args else 0.5
        if borrowed:
            confidence -= 0.2
        if token.dep_ in CLAUSAL_MODIFIER_DEPS:
            confidence -= 0.1
        yield OpenTuple(
            arg1=_text(subject),
            relation=relation,
            args=tuple(args),
            confidence=round(confidence, 2),
        )


def _is_predicate(token: Token) -> bool:
    if token.pos_ == "VERB":
        return True
    # a copula or auxiliary that heads its clause: "X is a ...", "X has a ..."
    return token.pos_ == "AUX" and any(
        c.dep_ in OPEN_IE_SUBJECT_DEPS for c in token.children
    )


def _subject(verb: Token) -> tuple[list[Token] | None, bool]:
    """The clause subject, and whether it was borrowed from another clause."""
    for child in verb.children:
        if child.dep_ in OPEN_IE_SUBJECT_DEPS and child.dep_ != "expl":
            return _span(child), False
    node = verb
    for _ in range(4):
        if node.dep_ in {"conj", "xcomp"}:
            head = node.head
            # object control: "urged Vietnam to support" → Vietnam supports
            if node.dep_ == "xcomp" and head.lemma_ in OPEN_IE_CONTROL_VERBS:
                for child in head.children:
                    if child.dep_ == "dobj":
                        return _span(child), True
            for child in head.children:
                if child.dep_ in OPEN_IE_SUBJECT_DEPS:
                    return _span(child), True
            node = head
            continue
        if node.dep_ in CLAUSAL_MODIFIER_DEPS and node.head.pos_ in _NOMINAL:
            return _span(node.head, cut=APPOSITION_CUT_DEPS), True
        break
    return None, False


def _relation(verb: Token) -> str:
    left = [c for c in verb.lefts if c.dep_ in RELATION_LEFT_DEPS]
    right = [c for c in verb.rights if c.dep_ in RELATION_RIGHT_DEPS]
    tokens = sorted([*left, verb, *right], key=lambda t: t.i)
    return " ".join(t.text for t in tokens)


def _parts(verb: Token, subject: list[Token]) -> list[list[Token]]:
    """The verb's other arguments as token lists, in text order."""
    taken = {t.i for t in subject}
    parts = [
        _span(child)
        for child in verb.children
        if child.i not in taken and _is_argument(child)
    ]
    parts.sort(key=lambda part: part[0].i)
    return [part for part in parts if part]


def _is_argument(child: Token) -> bool:
    if child.dep_ in OPEN_IE_OBJECT_DEPS:
        return True
    if child.dep_ in PREPOSITION_DEPS:
        return any(c.dep_ in {"pobj", "pcomp"} for c in child.children)
    if child.dep_ in TEMPORAL_DEPS:
        return child.ent_type_ in {"DATE", "TIME"}
    return child.dep_ == "xcomp" and child.pos_ in {"ADJ", "NOUN"}


def _span(head: Token, *, cut: frozenset[str] = RIGHT_CUT_DEPS) -> list[Token]:
    """The head's phrase: its subtree without relative clauses and loose punctuation."""
    out: list[Token] = []

    def walk(token: Token) -> None:
        for child in token.lefts:
            if child.dep_ not in CLAUSE_CUT_DEPS or (
                child.dep_ == "punct" and _inner(child, token)
            ):
                walk(child)
        out.append(token)
        for child in token.rights:
            if child.dep_ in cut and not (
                child.dep_ == "punct" and _inner(child, token)
            ):
                continue
            walk(child)

    walk(head)
    out.sort(key=lambda t: t.i)
    return out


def _inner(punct: Token, head: Token) -> bool:
    """Punctuation inside a word group ("take - it - or - leave it")."""
    return punct.text in {"-", "'", "``", "''", "/"}


def _text(tokens: list[Token]) -> str:
    return " ".join(t.text for t in tokens)
