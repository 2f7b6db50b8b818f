"""Doc → n-ary events: verbal and nominal triggers, their roles and evidence.

Each rule branch names the construction it handles. Coordination is a separate
pass (``_expand``): every conjoined filler of a role yields its own event.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.symbols import NOUN, PROPN, VERB
from spacy.tokens import Doc, Span, Token

from kg.extract.amounts import amounts
from kg.extract.attribution import (
    according_to,
    accusers,
    claim_factuality,
    factuality,
    reporters,
    spoken_by,
    stance,
)
from kg.extract.checks import (
    drop_self,
    enough,
    fits,
    in_words,
    pair_parties,
    third_party,
    typed_whole,
)
from kg.extract.confidence import calibrated, load_reliability
from kg.extract.constraints import (
    admissible,
    is_actor,
    unwanted_theme,
)
from kg.extract.frames import Frame, judged, phrasal, verbal
from kg.extract.nominal import nominal
from kg.extract.roles import ALTERNATES, STATEMENT
from kg.extract.syntax import (
    NOUN_MODIFIER_DEPS,
    TIME_DEPS,
    attribute_ids,
    is_passive,
    preps,
    span_text,
    subjects,
)
from kg.extract.time import resolve_time
from kg.mentions.resolver import Resolver
from kg.records import (
    Amount,
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
    FIRST_PERSON,
    TIME_PREPOSITIONS,
)
from kg.resources.lexicon import GENERIC, Lexicon
from kg.resources.nouns import (
    DOCUMENT_NOUNS,
    SPEAKER_NOUNS,
)

__all__ = ["EXTRACTOR", "Evidence", "evidence", "extract_events"]

EXTRACTOR = "kg.extract.events"


MAX_EXPANSION = 32


# Verbs of these classes judge or report an event named as their object.
_JUDGING = frozenset({"Condemnation", "Statement", "Request", "Sanction"})


# Classes aimed at whoever owns the thing acted on: "tariffs on Chinese EVs".
_OWNED_TARGETS = frozenset({"Sanction", "Condemnation"})


# Acts done by saying them: "“We urge Kabul to act”" is the urging itself.
# First-person plural: a speaker's "we" is the body they speak for, if named.
_WE = frozenset({"we", "us", "our", "ours", "ourselves"})
_SPEECH_ACTS = frozenset({"Request", "Condemnation", "Rejection", "Threat"})


_ACTOR_TYPES = frozenset(
    {EntityType.PERSON, EntityType.ORGANIZATION, EntityType.COUNTRY}
)


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


def _confidence(frame: Frame, relation: str) -> float:
    """A typed event's measured reliability on real news, else its
    construction's (:mod:`kg.extract.confidence`)."""
    measured = load_reliability()
    if measured is None or frame.event_class in {STATEMENT, GENERIC}:
        return CONFIDENCE[frame.pattern]
    return measured.confidence(frame.event_class, relation)


_TRIGGER_POS = frozenset({VERB, NOUN, PROPN})  # the parts of speech _frame reads


def extract_events(
    doc: Doc,
    article: Article,
    resolver: Resolver,
    lexicon: Lexicon,
    *,
    relaxed: bool = False,
) -> Iterator[Event]:
    """Yield the events of one parsed article, sorted by position.

    Args:
        doc: the parsed body of ``article`` (offsets relative to its body).
        article: the article, for its id, text and date.
        resolver: turns argument tokens into canonical mentions.
        lexicon: trigger lemmas → event classes.
        relaxed: also yield what the class constraints drop (a filler of a
            kind the class does not take, a typed event without its doer or
            required role), each marked ``+relaxed`` in its ``extractor``: the
            candidates a trained model decides on.
    """
    reporting = lexicon.lemmas(STATEMENT)
    quoted = spoken_by(doc, reporting)
    seen: set[tuple[object, ...]] = set()
    # only verbs and nouns trigger events: the other words are skipped
    # without building a Token object for each
    tags = attribute_ids(doc, "POS")
    for sent in doc.sents:
        for i in range(sent.start, sent.end):
            if tags[i] not in _TRIGGER_POS:
                continue
            frame = _frame(doc[i], lexicon)
            if frame is None:
                continue
            for event in _events(
                frame, sent, article, resolver, lexicon, reporting, quoted, relaxed
            ):
                key = (
                    event.event_class,
                    event.trigger_start,
                    tuple((a.role, a.mention.entity.key) for a in event.arguments),
                )
                if key not in seen:
                    seen.add(key)
                    yield event


def _frame(token: Token, lexicon: Lexicon) -> Frame | None:
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB":
        phrase, used = phrasal(token, lexicon)
        if phrase is None and lemma in lexicon.judging_verbs:
            framed = judged(token, lexicon)
            if framed is not None:
                return framed
        return verbal(token, phrase or lemma, lexicon, used)
    if token.pos_ not in {"NOUN", "PROPN"}:
        return None
    compound = [c for c in token.lefts if c.dep_ == "compound"]
    if compound and f"{compound[-1].lemma_.lower()} {lemma}" in lexicon.triggers:
        # a compound trigger: "gun battle"
        lemma = f"{compound[-1].lemma_.lower()} {lemma}"
    if (
        lemma in lexicon.triggers
        and lemma not in lexicon.weapon_nouns
        and lemma not in lexicon.verb_only
    ):
        # a weapon is no event: "artillery shells"
        cls = lexicon.event_class(lemma)
        if cls == STATEMENT:
            return None
        frame = nominal(token, cls, lexicon)
        if frame is not None:
            frame.lemma = lemma
        return frame
    return None


def _body_of(speaker: Token) -> Token | None:
    """The body a speaker speaks for, as the text names it with them: "MAB
    spokesman Azzam Tamimi", "Tim Osborne, a director of Group Menatep"."""
    own = {t.i for t in speaker.subtree if t.ent_type_ == "PERSON"}
    for token in speaker.subtree:
        if token.i in own or token.ent_type_ != "ORG":
            continue
        if token.dep_ in {"compound", "pobj", "poss"} and token.i != speaker.i:
            return token
    return None


def _events(
    frame: Frame,
    sent: Span,
    article: Article,
    resolver: Resolver,
    lexicon: Lexicon,
    reporting: frozenset[str],
    quoted: dict[int, list[Token]],
    relaxed: bool = False,
) -> Iterator[Event]:
    cls = frame.event_class
    dropped = False  # what the constraints would drop, kept when relaxed
    by_role: dict[Role, list[Mention]] = {}
    explicit: set[Role] = set()
    inferred = {id(pair) for pair in frame.inferred}
    performed = False
    for pair in [*frame.roles, *frame.inferred]:
        asked, token = pair
        if asked is Role.THEME and unwanted_theme(cls, token.lemma_.lower(), lexicon):
            if not relaxed:
                return  # "gave advice to the firms" is no supply at all
            dropped = True
        # "we" and "I" in a quotation are its speaker: "“We urge Kabul to
        # act,” the ministry said"
        stand_ins = [token]
        if token.lower_ in FIRST_PERSON and token.i in quoted:
            stand_ins = quoted[token.i]
            if token.lower_ in _WE:
                # "“We will ask ...,” MAB spokesman Azzam Tamimi said": MAB
                stand_ins = [_body_of(s) or s for s in stand_ins]
            performed = performed or (asked is Role.AGENT and cls in _SPEECH_ACTS)
        placed = [
            found
            for each in stand_ins
            for found in _placed(
                cls, asked, each, resolver, lexicon, alternate=token.i in frame.objects
            )
        ]
        if not placed and relaxed:
            # a filler the class does not take: kept, marked, for the model
            placed = [
                (asked, m)
                for each in stand_ins
                for m in resolver.arguments(each, asked, describe=cls != STATEMENT)
                if fits(asked, m)
            ]
            dropped = dropped or bool(placed)
        for role, mention in _aimed_at_owner(cls, token, placed, resolver, lexicon):
            fillers = by_role.setdefault(role, [])
            if all(m.entity.key != mention.entity.key for m in fillers):
                fillers.append(mention)
            if id(pair) not in inferred:
                explicit.add(role)
    drop_self(by_role)
    figurative = lexicon.figurative.get(frame.lemma)
    if (
        figurative is not None
        and frame.pattern != "nominal"
        and in_words(by_role, lexicon)
    ):
        # "X attacked the government over Iraq": criticism, not violence
        frame.event_class = cls = figurative
    # "A and B jointly combat insecurity": the foe is a third, not each other
    paired = not (cls == "Fight" and third_party(frame)) and pair_parties(cls, by_role)
    if paired and Role.AGENT in explicit:
        explicit |= {Role.RECIPIENT, Role.TARGET}
    if not enough(frame, by_role):
        return
    if not typed_whole(frame, by_role, explicit, lexicon):
        if not relaxed:
            return
        dropped = True
    said = evidence(frame.trigger, article, resolver, reporting, quoted)
    speakers = said.speakers
    if frame.event_class == STATEMENT or performed:
        # the doer is not its own source: a reporting verb ("Kirby told ...,
        # noting"), an act done by saying it ("“We urge Kabul to act,” Khan said")
        own = {m.entity for m in by_role.get(Role.AGENT, [])}
        speakers = tuple(s for s in speakers if s not in own)
    offset = resolver.offset
    time, claim_stance = said.time, said.stance
    found_amounts, event_factuality = said.amounts, said.factuality
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
            confidence=_confidence(frame, frame.lemma or trigger.lemma_.lower()),
            extractor=f"{EXTRACTOR}:{frame.pattern}" + ("+relaxed" if dropped else ""),
        )


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the words around a trigger say of its event: whether it happened,
    when, who says so and how, and the amounts it names."""

    factuality: Factuality
    time: TimeValue | None
    speakers: tuple[Entity, ...]
    stance: Stance | None
    amounts: tuple[Amount, ...]


def evidence(
    trigger: Token,
    article: Article,
    resolver: Resolver,
    reporting: frozenset[str],
    quoted: dict[int, list[Token]],
) -> Evidence:
    """The factuality, time, sources, stance and amounts of the event at
    ``trigger`` (``reporting``: the reporting verbs' lemmas; ``quoted``: the
    speakers of quotations and interviews by token, from :func:`spoken_by`)."""
    own_factuality = factuality(trigger)
    time = _time(trigger, article, resolver, own_factuality)
    verbs = reporters(trigger, reporting)
    sources = according_to(trigger) + accusers(trigger)
    speakers = _speakers(verbs, sources, resolver)
    if not speakers and trigger.i in quoted:
        # inside a quotation reported before or after it, maybe sentences away
        speakers = _speakers([], quoted[trigger.i], resolver)
    innermost = verbs[0] if verbs else None
    claim_stance = (
        stance(innermost, trigger) if verbs else (Stance.STATED if speakers else None)
    )
    return Evidence(
        factuality=claim_factuality(own_factuality, innermost, trigger),
        time=time,
        speakers=speakers,
        stance=claim_stance if speakers else None,
        amounts=amounts(trigger, resolver.offset),
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
    alternates = ALTERNATES.get(asked, ()) if alternate else ()
    if cls == "Withdrawal" and asked is Role.PLACE:
        alternates = (Role.THEME,)  # "pulled out of the deal"
    describe = cls != STATEMENT
    for role in (asked, *alternates):
        placed = [
            (role, m)
            for m in resolver.arguments(token, role, describe=describe)
            if fits(role, m) and admissible(cls, role, m.entity, lexicon)
        ]
        if placed:
            return placed
    return []


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

    def dated(verb: Token) -> list[tuple[Span, str | None]]:
        """The dates on ``verb`` itself ("on Tuesday", "Thursday"), each with
        its preposition ("since August" makes an interval)."""
        found: list[tuple[Span, str | None]] = []
        for child in verb.children:
            if child.ent_type_ == "DATE" and child.dep_ in TIME_DEPS:
                found.append((date_span(child), None))
            elif child.dep_ == "prep" and child.lower_ in TIME_PREPOSITIONS:
                found.extend(
                    (date_span(o), child.lower_)
                    for o in child.children
                    if o.dep_ == "pobj" and o.ent_type_ == "DATE"
                )
        return found

    ahead = own in {Factuality.FUTURE, Factuality.EXPECTED}
    holders = [trigger]
    if trigger.pos_ in {"NOUN", "PROPN"}:
        # a noun event's time sits on its verb: "launched an attack on
        # Tuesday", "carried out a series of airstrikes in December"
        noun = trigger
        node = noun.head.head if noun.dep_ == "pobj" else noun.head
        if node.pos_ == "NOUN" and noun.dep_ == "pobj" and noun.head.lower_ == "of":
            noun = node
            node = noun.head.head if noun.dep_ == "pobj" else noun.head
        if node.pos_ == "VERB" and noun.dep_ in {"dobj", "obj", "nsubjpass", "pobj"}:
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
    candidates = [found for holder in holders for found in dated(holder)]
    if not candidates:
        # a date the parse hung lower in the clause: "the court on Jan. 14
        # ordered", "bought brands from LVMH in early 2003"
        candidates = [
            (date_span(token), token.head.lower_)
            for holder in holders
            for token in _clause_dates(holder)
        ]
    if not candidates and trigger.tag_ in {"VBZ", "VBP"} and trigger.dep_ == "ccomp":
        # a stance said in the present holds when it is said: "Putin said
        # Thursday that Russia supports the proposal"
        candidates = dated(trigger.head)
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


# Where a clause ends: a date below one of these is another clause's.
_CLAUSE_DEPS = frozenset(
    {"ccomp", "advcl", "relcl", "xcomp", "csubj", "acl", "conj", "parataxis", "pcomp"}
)


def _clause_dates(holder: Token) -> list[Token]:
    """Dates after a preposition of time one step below ``holder``'s own
    words: "the court on Jan. 14 ordered", "bought from LVMH in early 2003"
    (not deeper: "the planners of the bombing in 2000 were freed")."""
    found = [
        date
        for child in holder.children
        if child.dep_ not in _CLAUSE_DEPS
        for prep in child.children
        if prep.dep_ == "prep" and prep.lower_ in TIME_PREPOSITIONS
        for date in prep.children
        if date.dep_ == "pobj" and date.ent_type_ == "DATE"
    ]
    return sorted(found, key=lambda t: t.i)


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
    text = span_text(sent)
    start = sent.start_char + (len(text) - len(text.lstrip()))
    end = sent.start_char + len(text.rstrip())
    return start, max(end, start + 1)
