"""Rule-based coreference: pronouns and definite descriptions → earlier named mentions.

Trained coreference models cannot be installed here, so the rules are the
classic ones (Hobbs, Lappin and Leass, in small): an anaphor takes the most
recent earlier named mention that agrees with it in type and number,
preferring subjects and the current or previous sentence.

* he, him, his, she, her (and -self) → a person;
* it, its → an organisation or country; they, them, their → an organisation
  or country (news uses "they" for governments and companies);
* "the company", "the carmaker", "the agency", "the bloc" → an organisation
  ("the bank" → the one whose name says "Bank", anywhere before, if any);
  "the country", "the government", "this country" → a country (with no
  country in the window, the only one the article names, or the one it
  names most, when it names one clearly most);
* "the city", "the town", "the village" → a place;
* "the airport", "the school", "the newspaper" → the body or place whose
  name says so ("Heathrow Airport"), none if the article names none;
* "the president", "the prime minister" → the person last named with that
  office ("Prime Minister Tony Blair");
* "the two leaders", "both leaders" → the last two people; "both countries",
  "the two countries" → the last two countries.

Only named mentions are antecedents, so chains ("Kirby said ... he added ...
he went on") all lead to the name.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from spacy.tokens import Doc, Span, Token

from kg.extract.syntax import (
    NOMINAL_SUBJECT_DEPS,
    attribute_ids,
)
from kg.records import Entity, EntityType, Mention
from kg.resources.function_words import (
    PRONOUNS,
)
from kg.resources.nouns import (
    COUNTRY_NOUNS,
    FACILITY_NOUNS,
    OFFICE_NOUNS,
    ORGANIZATION_NOUNS,
    PERSON_NOUNS,
    TOWN_NOUNS,
)

__all__ = ["anaphor_types", "antecedents"]

_PERSON = frozenset({EntityType.PERSON})
_BODY = frozenset({EntityType.ORGANIZATION, EntityType.COUNTRY})
_COUNTRY = frozenset({EntityType.COUNTRY})
_WINDOW = 2  # sentences back an anaphor may look
# The nouns a definite description can refer back with ("the company").
_DESCRIPTIONS = (
    COUNTRY_NOUNS | PERSON_NOUNS | ORGANIZATION_NOUNS | TOWN_NOUNS | FACILITY_NOUNS
)
_NAMED_THING = frozenset({EntityType.ORGANIZATION, EntityType.PLACE})
_PLACE = frozenset({EntityType.PLACE})
# Words that make a title another office, or none now: "Vice President X",
# "former President X".
_NOT_NOW = frozenset({"vice", "deputy", "former", "acting", "assistant", "ex"})
# The nouns that say only that a body is one, whatever words come before:
# "the mining group" refers back, "the US court" may be a new court.
_KIND_FREE_NOUNS = frozenset(
    {"company", "firm", "group", "body", "giant", "conglomerate", "maker"}
)


def antecedents(
    doc: Doc,
    named: Sequence[tuple[Span, Mention]],
    institutions: Mapping[str, Entity] | None = None,
) -> dict[int, tuple[Mention, ...]]:
    """For each anaphor token (by index), the named mention(s) it refers to.

    Args:
        doc: The parsed article body.
        named: The named mentions of the Doc with their spans, in any order.
        institutions: A listed organisation's label → the state it is an
            institution of ("House of Commons" → the United Kingdom).

    Returns:
        Token index of the pronoun or of the description's head noun → its
        antecedents (two for "the two leaders"), most plausible first.
    """
    from spacy.symbols import NOUN, PRON, PROPN

    ordered = sorted(named, key=lambda item: item[0].start)
    sent_index = [0] * len(doc)
    for n, sent in enumerate(doc.sents):
        sent_index[sent.start : sent.end] = [n] * len(sent)
    home = _home_country(ordered, institutions or {})
    titled: list[tuple[int, tuple[str, ...], frozenset[str], Mention]] | None = None
    out: dict[int, tuple[Mention, ...]] = {}
    # only pronouns and nouns (and a capitalised office: "the Chancellor")
    # can be anaphors: the rest is skipped without building a Token object
    # for each word
    tags = attribute_ids(doc, "POS")
    for i, pos in enumerate(tags):
        if pos != PRON and pos != NOUN and pos != PROPN:
            continue
        token = doc[i]
        if pos == PROPN and (
            token.ent_type_ or token.lemma_.lower() not in OFFICE_NOUNS
        ):
            continue
        wanted = None if pos == PROPN else anaphor_types(token)
        if wanted is None:
            if token.lemma_.lower() in OFFICE_NOUNS:
                if titled is None:
                    titled = _titled_people(ordered)
                holder = _office_holder(token, titled)
                if holder is not None:
                    out[token.i] = (holder,)
            continue
        types, count = wanted
        found = _choose(token, types, count, ordered, sent_index)
        if not found and home is not None and types == _COUNTRY and count == 1:
            # "the government" with no country near: the article's own
            found = (home,)
        if found:
            out[token.i] = found
    return out


def _titled_people(
    ordered: Sequence[tuple[Span, Mention]],
) -> list[tuple[int, tuple[str, ...], frozenset[str], Mention]]:
    """Each person's mention with the office the text gives them there, as
    (start, title words, its nationality words, mention): "Prime Minister
    Tony Blair" (prime minister), "Russian President Vladimir Putin"
    (russian president, "russian" a nationality), "Tony Blair, the prime
    minister," and "the prime minister, Tony Blair". A title with "vice",
    "deputy", "former" or "acting" is another office or none now."""
    out = []
    for span, mention in ordered:
        if mention.entity.type is not EntityType.PERSON:
            continue
        root = span.root
        words: list[Token] = []  # the title words just before the name
        for t in reversed(span.doc[max(0, span.start - 4) : span.start]):
            if t.dep_ not in {"compound", "amod"} or not t.is_alpha:
                break
            words.insert(0, t)
        if not (words and words[-1].lower_ in OFFICE_NOUNS):
            words = []
            nouns = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
            if root.dep_ == "appos" and root.head.pos_ == "NOUN":
                nouns.append(root.head)
            for noun in nouns:
                if noun.lemma_.lower() in OFFICE_NOUNS:
                    words = [
                        c
                        for c in noun.lefts
                        if c.dep_ in {"compound", "amod"} and c.is_alpha
                    ]
                    words.append(noun)
                    break
        if not words or any(t.lower_ in _NOT_NOW for t in words):
            continue
        title = tuple(t.lemma_.lower() if t is words[-1] else t.lower_ for t in words)
        nationality = frozenset(t.lower_ for t in words if t.ent_type_ == "NORP")
        out.append((span.start, title, nationality, mention))
    return out


def _office_holder(
    token: Token, titled: list[tuple[int, tuple[str, ...], frozenset[str], Mention]]
) -> Mention | None:
    """The person a singular "the president", "the prime minister" or "the
    Russian president" stands for: the last one the article named with that
    office before it, its nationality aside ("the president" for "Russian
    President Vladimir Putin"; none when it names no one so: "the president
    of the club" may be anyone, and "the president" is not "Vice President
    X")."""
    if token.tag_ not in {"NN", "NNP"} or token.ent_type_:
        return None
    children = list(token.children)
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in children):
        return None
    if any(c.dep_ in {"poss", "prep", "appos"} for c in children):
        return None  # "Russia's president", "the president of Ukraine"
    modifiers = [
        c.lower_ for c in token.lefts if c.dep_ in {"compound", "amod"} and c.is_alpha
    ]
    wanted = (*modifiers, token.lemma_.lower())
    found = None
    for start, title, nationality, mention in titled:
        if start >= token.i:
            break
        extra = title[: len(title) - len(wanted)]
        if title[len(extra) :] == wanted and all(w in nationality for w in extra):
            found = mention
    return found


def _home_country(
    ordered: Sequence[tuple[Span, Mention]], institutions: Mapping[str, Entity]
) -> Mention | None:
    """The country an article is about: the only one it names, or the one
    named most, at least three times and twice as often as any other (its
    first mention). A state's own institution (``institutions``: a listed
    organisation's label → its state) counts as a mention of the state: a
    story of the Commons and Labour is about the United Kingdom even where
    it never names it (then the institution's mention stands for it)."""
    first: dict[str, Mention] = {}
    counts: Counter[str] = Counter()
    for _, mention in ordered:
        entity = mention.entity
        if entity.type is EntityType.ORGANIZATION and entity.label in institutions:
            state = institutions[entity.label]
            mention = Mention(
                entity=state, text=mention.text, start=mention.start, end=mention.end
            )
        if mention.entity.type is EntityType.COUNTRY:
            first.setdefault(mention.entity.key, mention)
            counts[mention.entity.key] += 1
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if not ranked or (ranked[0][1] < 3 and len(ranked) > 1):
        return None
    if len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]:
        return None
    return first[ranked[0][0]]


def anaphor_types(token: Token) -> tuple[frozenset[EntityType], int] | None:
    """What an anaphor can refer to and how many antecedents it takes.

    ``None`` when ``token`` is not an anaphor ("the company" is; "a company",
    "the Dutch ministry" and "Toyota" are not).
    """
    lower = token.lower_
    if token.pos_ == "PRON" and lower in PRONOUNS:
        return PRONOUNS[lower], 1
    if token.pos_ != "NOUN" or token.ent_type_:
        return None
    lemma = token.lemma_.lower()
    if lemma not in _DESCRIPTIONS:
        return None
    dets = {c.lower_ for c in token.children if c.dep_ in {"det", "predet", "nummod"}}
    if not dets & {"the", "both", "this"} or not _plain(token, lemma):
        return None
    if "this" in dets and lemma not in COUNTRY_NOUNS:
        return None  # "this company" may be a new one; "this country" is not
    plural = token.tag_ in {"NNS", "NNPS"}
    two = bool(dets & {"both", "two"})
    if lemma in COUNTRY_NOUNS:
        return frozenset({EntityType.COUNTRY}), 2 if plural and two else 1
    if lemma in PERSON_NOUNS and plural and two:
        return _PERSON, 2
    if lemma in ORGANIZATION_NOUNS and not plural:
        return frozenset({EntityType.ORGANIZATION}), 1
    if lemma in TOWN_NOUNS and not plural:
        return _PLACE, 1  # "the city": the place named last
    if lemma in FACILITY_NOUNS and not plural:
        return _NAMED_THING, 1  # "the airport": one whose name says so
    return None


def _plain(token: Token, lemma: str) -> bool:
    """Whether a description's words add nothing that names a new one.

    "the company" is plain, and so is a body's description with words of its
    kind or home ("the mining group", "the Florida company", "the
    state-owned firm"); "Shell's company", "the company Total" and "the
    Labour group" are not, nor is a modified country or person noun ("the
    neighbouring country").
    """
    modifiers = [c for c in token.children if c.dep_ in {"amod", "compound", "poss"}]
    if not modifiers:
        return True
    if lemma not in _KIND_FREE_NOUNS or token.dep_ == "compound":
        return False
    return not any(
        c.dep_ in {"poss", "appos"} or c.ent_type_ in {"ORG", "PERSON"}
        for c in token.children
    )


def _choose(
    token: Token,
    types: frozenset[EntityType],
    count: int,
    ordered: Sequence[tuple[Span, Mention]],
    sent_index: list[int],
) -> tuple[Mention, ...]:
    here = sent_index[token.i]
    # "the bank" is the body whose name says so ("Riggs Bank"), if the
    # article has one, wherever it was named
    noun = token.lemma_.lower() if token.pos_ == "NOUN" and count == 1 else ""
    named = noun and any(
        _called(mention, noun, types)
        for span, mention in ordered
        if span.start < token.i
    )
    if noun in FACILITY_NOUNS and not named:
        return ()  # "the airport" with no "... Airport" named before
    scored: list[tuple[int, int, Mention]] = []
    own_subject = _clause_subject(token)
    excluded = (
        set()
        if own_subject is None
        else {
            mention.entity.key
            for span, mention in ordered
            if span.start <= own_subject.i < span.end
        }
    )
    for span, mention in ordered:
        if span.start >= token.i or token.i < span.end:
            break
        if mention.entity.key in excluded:
            continue  # "Cisco bought the firm": the firm is not Cisco
        if named:
            if _called(mention, noun, types):
                scored.append((0, -span.start, mention))
            continue
        distance = here - sent_index[span.start]
        if distance > _WINDOW or mention.entity.type not in types:
            continue
        if _cited(span):
            continue  # "According to Reuters, they plan to ...": not Reuters
        subject = span.root.dep_ in NOMINAL_SUBJECT_DEPS
        # nearer sentences first, subjects first, then the most recent
        scored.append((distance * 2 - subject, -span.start, mention))
    scored.sort(key=lambda item: (item[0], item[1]))
    chosen: list[Mention] = []
    for _, _, mention in scored:
        if all(m.entity != mention.entity for m in chosen):
            chosen.append(mention)
        if len(chosen) == count:
            break
    if len(chosen) != count:
        return ()
    if token.pos_ == "PRON" and _blocked(token, chosen, ordered, sent_index):
        return ()
    return tuple(chosen)


def _clause_subject(token: Token) -> Token | None:
    """The subject of the verb whose object ``token`` is ("Cisco bought the
    firm", "Cisco paid $28bn for it"): an object is never its own clause's
    subject (a possessive may be: "Cisco completed its purchase")."""
    head = token.head
    if token.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    elif token.dep_ not in {"dobj", "obj", "dative"}:
        return None
    if head.pos_ not in {"VERB", "AUX"}:
        return None
    return next((c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)


def _called(mention: Mention, noun: str, types: frozenset[EntityType]) -> bool:
    """Whether an entity of one of ``types`` has ``noun`` in its name ("Riggs
    Bank" for "the bank")."""
    return (
        mention.entity.type in types and noun in mention.entity.label.casefold().split()
    )


def _cited(span: Span) -> bool:
    """Whether a name is the source a sentence cites: "according to X"."""
    root = span.root
    to = root.head
    return root.dep_ == "pobj" and to.lower_ == "to" and to.head.lower_ == "according"


def _blocked(
    token: Token,
    chosen: Sequence[Mention],
    ordered: Sequence[tuple[Span, Mention]],
    sent_index: list[int],
) -> bool:
    """A nearer unnamed subject of the pronoun's number takes it instead.

    "Militants said they released dozens of women": "they" is the militants,
    not an organisation named earlier; "the ship ... it made a stop": the
    ship. The pronoun is then left unresolved rather than resolved wrongly.
    """
    plural = token.lower_ in {"they", "them", "their", "theirs", "themselves"}
    spans = {m.start: span for span, m in ordered}
    latest = max((spans[m.start].start for m in chosen if m.start in spans), default=-1)
    here = sent_index[token.i]
    doc = token.doc
    for candidate in reversed(doc[latest + 1 : token.i]):
        if sent_index[candidate.i] < here - 1:
            break
        if (
            candidate.dep_ in NOMINAL_SUBJECT_DEPS
            and candidate.pos_ == "NOUN"
            and not candidate.ent_type_
            and (candidate.tag_ == "NNS") == plural
            and candidate.lemma_.lower() not in ORGANIZATION_NOUNS | COUNTRY_NOUNS
        ):
            return True
    return False
