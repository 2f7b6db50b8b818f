"""Doc → candidate events: every place the rules or the learned vocabulary see
a possible event, with what the rules read there and who could fill its roles.

The rules propose; a trained model decides (:mod:`kg.learn`). A candidate is
a trigger word with

* the rules' reading: the classes of the events they made at that word (none
  when the constraints dropped it), and the role each of their fillers took;
* the classes its lemma may name (the lexicon's, and those the corpus showed);
* every mention of its sentence that could fill a role: each noun phrase's
  head resolved as an actor (a capital acting is its country) and as a place,
  pronouns and descriptions to their antecedents.

Fillers are resolved once, here, so the model never calls the resolver.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from spacy.symbols import NOUN, PRON, PROPN, VERB
from spacy.tokens import Doc, Span, Token

from kg.extract.syntax import attribute_ids
from kg.mentions.resolver import Resolver
from kg.records import Candidate, Event, Filler, Mention, Role
from kg.resources.lexicon import Lexicon

__all__ = ["candidates"]

_TRIGGER_POS = frozenset({VERB, NOUN, PROPN})
_HEAD_POS = frozenset({NOUN, PROPN, PRON})
# Parts of a name or a noun phrase, not its head.
_INSIDE_DEPS = frozenset({"compound", "flat", "amod", "det", "nummod"})
MAX_FILLERS = 24  # per sentence: the nearest to the trigger are kept


def candidates(
    doc: Doc,
    resolver: Resolver,
    lexicon: Lexicon,
    rule_events: Iterable[Event],
    *,
    vocabulary: Mapping[str, tuple[str, ...]] = {},
) -> Iterator[Candidate]:
    """Yield the candidate events of one parsed article, in text order.

    Args:
        doc: the parsed body (offsets relative to the body).
        resolver: the article's resolver (its ``offset`` makes article offsets).
        lexicon: trigger lemmas → classes.
        rule_events: what the rules extracted from ``doc``.
        vocabulary: more trigger lemmas → classes, learned from the corpus.
    """
    offset = resolver.offset
    readings: dict[int, list[Event]] = {}
    for event in rule_events:
        readings.setdefault(event.trigger_start - offset, []).append(event)
    tags = attribute_ids(doc, "POS")
    for sent in doc.sents:
        fillers: tuple[Filler, ...] | None = None
        for i in range(sent.start, sent.end):
            token = doc[i]
            read = readings.get(token.idx, [])
            if tags[i] not in _TRIGGER_POS and not read:
                continue
            allowed = _allowed(token, lexicon, vocabulary, read)
            if not allowed:
                continue
            if fillers is None:
                fillers = _fillers(sent, resolver)
            yield _candidate(token, sent, offset, allowed, read, fillers)


def _allowed(
    token: Token,
    lexicon: Lexicon,
    vocabulary: Mapping[str, tuple[str, ...]],
    read: list[Event],
) -> tuple[str, ...]:
    """The classes the word may name: the lexicon's, the learned ones and the
    rules' reading here."""
    lemma = token.lemma_.lower()
    found = {e.event_class for e in read}
    for key in _keys(token, lemma):
        if key in lexicon.triggers:
            found.add(lexicon.triggers[key])
        found.update(vocabulary.get(key, ()))
    found.discard("Statement")
    found.discard("Event")
    return tuple(sorted(found))


def _keys(token: Token, lemma: str) -> list[str]:
    """The lemma, and its phrasal and compound forms ("take over", "gun battle")."""
    keys = [lemma]
    for child in token.children:
        if child.i > token.i and child.dep_ in {"prt", "prep"}:
            keys.append(f"{lemma} {child.lower_}")
        if child.dep_ == "compound" and child.i < token.i:
            keys.append(f"{child.lemma_.lower()} {lemma}")
    return keys


def _candidate(
    token: Token,
    sent: Span,
    offset: int,
    allowed: tuple[str, ...],
    read: list[Event],
    fillers: tuple[Filler, ...],
) -> Candidate:
    roles: dict[str, set[Role]] = {}
    for event in read:
        for argument in event.arguments:
            roles.setdefault(argument.mention.entity.key, set()).add(argument.role)
    near = sorted(fillers, key=lambda f: (abs(f.token - token.i), f.token))
    kept = sorted(near[:MAX_FILLERS], key=lambda f: (f.token, f.place))
    return Candidate(
        trigger=token.i,
        trigger_start=token.idx + offset,
        trigger_end=token.idx + len(token.text) + offset,
        sentence_start=sent.start_char + offset,
        sentence_end=sent.end_char + offset,
        lemma=token.lemma_.lower(),
        allowed=allowed,
        rule_classes=tuple(sorted({e.event_class for e in read})),
        fillers=tuple(
            Filler(
                f.token,
                f.mention,
                f.place,
                tuple(sorted(roles.get(f.mention.entity.key, ()))),
            )
            for f in kept
        ),
    )


def _fillers(sent: Span, resolver: Resolver) -> tuple[Filler, ...]:
    """Every mention a noun phrase of the sentence stands for, as an actor
    and as a place, once per head and entity."""
    out: list[Filler] = []
    for token in sent:
        if token.pos not in _HEAD_POS or token.dep_ in _INSIDE_DEPS:
            continue
        seen: set[tuple[str, bool]] = set()
        for place, role in ((False, Role.AGENT), (True, Role.PLACE)):
            for mention in resolver.arguments(token, role):
                if (mention.entity.key, place) in seen:
                    continue
                seen.add((mention.entity.key, place))
                if place and _same_entity(out, token.i, mention):
                    continue
                out.append(Filler(token.i, mention, place, ()))
    return tuple(out)


def _same_entity(out: list[Filler], token: int, mention: Mention) -> bool:
    """The place reading adds nothing when it is the actor reading's entity."""
    return any(f.token == token and f.mention.entity == mention.entity for f in out)
