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
    claim_factuality,
    factuality,
    reporters,
    stance,
)
from kg.extract.confidence import calibrated
from kg.extract.syntax import datives, is_passive, objects, preps, subjects
from kg.extract.time import resolve_time
from kg.lexicon import GENERIC, Lexicon
from kg.mentions import Resolver
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

__all__ = ["EXTRACTOR", "extract_events"]

EXTRACTOR = "kg.extract.events"
STATEMENT = "Statement"
MAX_EXPANSION = 32

# Verbs too light to be a relation on their own.
_LIGHT = frozenset(
    {
        "be",
        "have",
        "do",
        "become",
        "seem",
        "appear",
        "get",
        "go",
        "come",
        "remain",
        "begin",
        "start",
        "continue",
        "try",
        "want",
        "need",
        "let",
        "keep",
        "look",
        "learn",
        "include",
        "mean",
        "make",
        "take",
        "see",
        "know",
        "run",
        "stress",
        "acknowledge",
        "bolster",
        "defend",
    }
)
# Verbs of these classes judge or report an event named as their object.
_JUDGING = frozenset({"Condemnation", "Statement", "Request", "Sanction"})
# Classes where "to X" is a recipient and "X with Y" makes X the recipient.
_TRANSFER = frozenset({"Supply", "Funding", "Support", "Event"})
# Attack verbs whose object is the weapon, not the target: "fired missiles".
_WEAPON_VERBS = frozenset({"fire", "launch", "shoot", "drop", "use"})
_DOBJ_ROLE = {
    "Visit": Role.PLACE,
    "Meeting": Role.RECIPIENT,
    "Sanction": Role.TARGET,
    "Attack": Role.TARGET,
}
_ACTOR_TYPES = frozenset(
    {EntityType.PERSON, EntityType.ORGANIZATION, EntityType.COUNTRY}
)
_ACTOR_NER = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_TIME_PREPS = frozenset({"in", "on", "at", "during", "since", "by", "until"})
_TIME_DEPS = frozenset({"npadvmod", "tmod", "nmod", "compound", "advmod", "pobj"})
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
    seen: set[tuple[object, ...]] = set()
    for sent in doc.sents:
        for token in sent:
            frame = _frame(token, lexicon)
            if frame is None:
                continue
            for event in _events(frame, sent, article, resolver, reporting):
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
        return _verbal(token, lemma, lexicon)
    if token.pos_ in {"NOUN", "PROPN"} and lemma in lexicon.triggers:
        cls = lexicon.event_class(lemma)
        return None if cls == STATEMENT else _nominal(token, cls, lexicon)
    return None


def _verbal(verb: Token, lemma: str, lexicon: Lexicon) -> _Frame | None:
    cls = lexicon.event_class(lemma)
    if cls == GENERIC and lemma in _LIGHT:
        return None
    passive = is_passive(verb)
    pattern = _pattern(verb, passive, cls)
    frame = _Frame(verb, cls, pattern)
    for subject in subjects(verb):
        # passive: the subject fills the role the object would ("were sanctioned")
        frame.add(_object_role(cls, lemma, subject) if passive else Role.AGENT, subject)
    if cls == STATEMENT:
        return frame
    objs = objects(verb)
    nominal = [o for o in objs if _support_verb(cls, lemma, o, lexicon)]
    if nominal and len(nominal) == len(objs):
        # support verb: "launched an attack" is the nominal event's, not its own
        return None
    objs = [o for o in objs if o not in nominal]
    with_objects = [o for word, o in preps(verb) if word == "with"]
    if cls in _TRANSFER and objs and with_objects and all(_is_actor(o) for o in objs):
        # ditransitive paraphrase: "provided Russia with a launcher"
        frame.pattern = "ditransitive"
        for obj in objs:
            frame.add(Role.RECIPIENT, obj)
        for obj in with_objects:
            frame.add(Role.THEME, obj)
    else:
        for obj in objs:
            frame.add(_object_role(cls, lemma, obj), obj)
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
        and verb.dep_ in {"relcl", "acl"}
        and not frame.has(Role.RECIPIENT)
    ):
        _infer_recipient(frame, verb)
    return frame


def _nominal(noun: Token, cls: str, lexicon: Lexicon) -> _Frame | None:
    frame = _Frame(noun, cls, "nominal")
    for child in noun.children:
        if child.dep_ == "poss" and child.pos_ != "PRON":
            # possessor agent: "the DPRK's support for Russia"
            frame.add(Role.AGENT, child)
        elif (
            child.dep_ in {"compound", "amod", "nmod"} and child.ent_type_ in _ACTOR_NER
        ):
            # modifier agent: "US sanctions", "a Russian strike"
            frame.add(Role.AGENT, child)
    for word, obj in preps(noun):
        if word == "of":
            # "the invasion of Ukraine", "the delivery of missiles"
            frame.add(Role.TARGET if cls == "Attack" else Role.THEME, obj)
        elif word == "by":
            frame.add(Role.AGENT, obj)
        else:
            role = _prep_role(cls, word, obj, passive=False)
            if role is not None:
                frame.add(role, obj)
    if not frame.roles:
        return None
    if not frame.has(Role.AGENT):
        _inherit_agent(frame, noun, lexicon)
    return frame


def _support_verb(cls: str, lemma: str, obj: Token, lexicon: Lexicon) -> bool:
    """ "launched an attack", "imposed sanctions": the object is an event noun."""
    if obj.pos_ != "NOUN" or obj.lemma_.lower() not in lexicon.triggers:
        return False
    noun_class = lexicon.event_class(obj.lemma_.lower())
    return noun_class == cls or (cls == GENERIC and noun_class != STATEMENT)


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
        return Role.THEME if lemma in _WEAPON_VERBS else Role.TARGET
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
        return Role.TARGET if cls == "Attack" else Role.RECIPIENT
    if word in {"into", "against"}:
        return Role.TARGET
    if word in {"on", "at"} and cls in {"Attack", "Sanction", "Condemnation"}:
        return Role.TARGET
    if word == "from":
        return Role.SOURCE
    if word == "for" and cls in {"Support", "Funding", "Supply", "Approval"}:
        return Role.RECIPIENT
    if word == "with" and cls in {"Meeting", "Agreement"}:
        return Role.RECIPIENT
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
    if noun.dep_ in {"dobj", "obj"} and governor.pos_ == "VERB":
        frame.pattern = "inferred-recipient"
        for subject in subjects(governor):
            frame.inferred.append((Role.RECIPIENT, subject))


def _inherit_agent(frame: _Frame, noun: Token, lexicon: Lexicon) -> None:
    """A nominal event takes the subject of the verb it attaches to.

    "Russia used missiles in a strike against Ukraine", "Moscow carries out
    its war against Ukraine". Not from a verb that judges or reports the
    event: in "Russia condemned the transfer of the jets" Russia made no
    transfer.
    """
    node = noun.head if noun.dep_ == "pobj" else noun
    verb = node.head if node.dep_ in {"prep", "dobj", "obj"} else None
    if verb is not None and lexicon.event_class(verb.lemma_) in _JUDGING:
        return
    if verb is not None and verb.pos_ == "VERB" and not is_passive(verb):
        for subject in subjects(verb):
            frame.inferred.append((Role.AGENT, subject))


def _events(
    frame: _Frame,
    sent: Span,
    article: Article,
    resolver: Resolver,
    reporting: frozenset[str],
) -> Iterator[Event]:
    by_role: dict[Role, list[Mention]] = {}
    for role, token in [*frame.roles, *frame.inferred]:
        for mention in resolver.arguments(token, role):
            if not _fits(role, mention):
                continue
            fillers = by_role.setdefault(role, [])
            if all(m.entity.key != mention.entity.key for m in fillers):
                fillers.append(mention)
    if not _enough(frame, by_role):
        return
    own_factuality = factuality(frame.trigger)
    time = _time(frame.trigger, article, resolver, own_factuality)
    verbs = reporters(frame.trigger, reporting)
    sources = according_to(frame.trigger)
    speakers = _speakers(verbs, sources, resolver)
    innermost = verbs[0] if verbs else None
    claim_stance = (
        stance(innermost, frame.trigger)
        if verbs
        else (Stance.STATED if speakers else None)
    )
    if frame.event_class == STATEMENT:
        # a reporting verb is not its own source ("Kirby told ..., noting")
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
            relation=trigger.lemma_.lower(),
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
    return frame.pattern == "nominal" or Role.AGENT in by_role or len(by_role) >= 2


def _expand(by_role: dict[Role, list[Mention]]) -> Iterator[tuple[Argument, ...]]:
    """One argument tuple per combination of conjoined fillers."""
    roles = sorted(by_role, key=lambda r: list(Role).index(r))
    choices = [by_role[r] for r in roles]
    for combination in itertools.islice(itertools.product(*choices), MAX_EXPANSION):
        yield tuple(
            Argument(role, m) for role, m in zip(roles, combination, strict=True)
        )


def _time(
    trigger: Token, article: Article, resolver: Resolver, own: Factuality
) -> TimeValue | None:
    offset = resolver.offset

    def date_span(token: Token) -> Span:
        return resolver.entity_at(token) or token.doc[token.i : token.i + 1]

    ahead = own in {Factuality.FUTURE, Factuality.EXPECTED}
    # (date span, governing preposition: "since August" makes an interval)
    candidates: list[tuple[Span, str | None]] = []
    for child in trigger.children:
        if child.ent_type_ == "DATE" and child.dep_ in _TIME_DEPS:
            candidates.append((date_span(child), None))
        elif child.dep_ == "prep" and child.lower_ in _TIME_PREPS:
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
    tokens = [s for verb in verbs for s in subjects(verb)]
    for token in [*tokens, *sources]:
        for mention in resolver.arguments(token, Role.AGENT):
            if mention.entity not in out:
                out.append(mention.entity)
    return tuple(out)


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
