"""Doc → mentions of canonical entities.

Named entities come from spaCy's NER and are canonicalised within the article
(Kirby → John Kirby) and against the country gazetteer (DPRK → North Korea,
Pyongyang as an actor → North Korea). Non-named event arguments become
``Thing`` entities named after their noun phrase ("ballistic missile").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from kg.extract.syntax import (
    NOUN_MODIFIER_DEPS,
    conjuncts,
    text_of,
)
from kg.mentions.coref import antecedents
from kg.mentions.evidence import context_type, ends_like_a_body
from kg.mentions.kinds import KindModel, load_kind_model, rekinded
from kg.mentions.surface import (
    clean,
    is_acronym,
    is_calendar,
    is_junk,
    is_portfolio,
    of_object,
    phrase,
    repaired_entities,
    trim,
)
from kg.records import Antecedent, Entity, EntityType, Mention, Role
from kg.resources.function_words import (
    LISTING_WORDS,
    VAGUE_QUANTIFIERS,
)
from kg.resources.gazetteer import Country, Gazetteer, load_gazetteer
from kg.resources.lexicon import Lexicon, load_lexicon
from kg.resources.names import (
    FEMALE_HONORIFICS,
    MALE_HONORIFICS,
    family_name,
    given_name_gender,
    is_given_name,
    unaccented,
)
from kg.resources.nouns import (
    COLLECTIVE_NOUNS,
    CONTAINER_NOUNS,
    CONTINENT_ADJECTIVES,
    COUNTRY_NOUNS,
    OFFICE_NOUNS,
    WORLD_REGIONS,
)
from kg.resources.places import is_place_name
from kg.resources.verbs import (
    TIE_WORDS,
)

__all__ = [
    "ACTOR_ROLES",
    "Resolver",
    "country_entity",
    "entity_key",
    "known_name",
    "name_spans",
]

ACTOR_ROLES = frozenset({Role.AGENT, Role.RECIPIENT, Role.TARGET, Role.SOURCE})
# Roles where a capital stands for its government; as a target it is the city.
_CAPITAL_ROLES = frozenset({Role.AGENT, Role.RECIPIENT, Role.SOURCE})
# Prepositions whose object is a party to something, not a location: "talks
# with Pyongyang", "the escalation by Moscow" ("strikes on Kyiv" and "attacks
# against Kyiv" hit the city).
_PARTY_PREPOSITIONS = frozenset({"with", "between", "toward", "towards", "by", "for"})
_BOTH_SEXES = {"male", "female"}
# Capitalised words that open a sentence before a descriptor and name no body.
_OPENING_WORDS = frozenset(
    {"most", "some", "all", "both", "two", "three", "senior", "top", "former"}
)
# Adverbial idioms of a preposition and a bare noun.
_IDIOMS = frozenset(
    {("in", "turn"), ("in", "fact"), ("in", "part"), ("in", "effect")}
    | {("in", "general"), ("in", "particular"), ("in", "time"), ("in", "return")}
    | {("at", "least"), ("at", "most"), ("in", "practice"), ("in", "principle")}
)
# Last words a body's name is often written without ("Newbridge Capital").
_SHORTENED_ENDS = frozenset(
    {"capital", "international", "group", "holdings", "inc", "plc", "ltd", "corp"}
    | {"systems", "networks", "technologies", "industries", "motor", "motors"}
    | {"corporation", "company", "airlines", "airways", "pharmaceuticals"}
)
_NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
# Nouns of a place its name before them names: "the Sahel region" is the
# Sahel ("Kabul airport" and "the Ukraine border" are not Kabul and Ukraine).
_NAMED_PLACE_NOUNS = frozenset(
    {"region", "province", "district", "county", "state", "territory", "camp"}
    | {"city", "town", "village", "municipality", "prefecture", "governorate"}
)
# Nouns that, with a state, name its government: a mention of the state
# wherever the phrase stands ("the Nairobi government").
_GOVERNMENT_NOUNS = COUNTRY_NOUNS | {"authority", "cabinet", "junta"}
# The Arabic article that opens a family name: "al-Assad", "el-Sisi".
_ARTICLE = re.compile(r"^(?:al|el|ul|ad|as|ash|at|az)-", re.IGNORECASE)


def entity_key(entity_type: EntityType, label: str) -> str:
    """The canonical key of an entity: type plus case-folded label without
    accents ("Moïse" is "Moise"), a standalone "&" read as "and".

    Examples:
        >>> entity_key(EntityType.PERSON, "John  Kirby")
        'person:john kirby'
        >>> entity_key(EntityType.ORGANIZATION, "Securities & Exchange Commission")
        'organization:securities and exchange commission'
        >>> entity_key(EntityType.PERSON, "Jovenel Moïse")
        'person:jovenel moise'
    """
    words = ("and" if w == "&" else w for w in unaccented(label).casefold().split())
    return f"{entity_type.value.lower()}:{' '.join(words)}"


def country_entity(country: Country) -> Entity:
    """The entity of a gazetteer country, keyed by ISO code, not name; a
    territory ("Hong Kong", "Puerto Rico") is a place with its codes."""
    if not country.sovereign:
        return Entity(
            key=entity_key(EntityType.PLACE, country.name),
            label=country.name,
            type=EntityType.PLACE,
            iso2=country.iso2,
            iso3=country.iso3,
        )
    return Entity(
        key=f"country:{country.iso3.lower()}",
        label=country.name,
        type=EntityType.COUNTRY,
        iso2=country.iso2,
        iso3=country.iso3,
    )


def name_spans(doc: Doc, lexicon: Lexicon) -> tuple[Span, ...]:
    """The names of ``doc`` the resolver reads, before their kinds are read
    (:func:`kg.mentions.surface.repaired_entities`)."""
    return repaired_entities(doc, lexicon.organization)


def known_name(gazetteer: Gazetteer, lexicon: Lexicon) -> Callable[[str], bool]:
    """Whether the shipped tables know a name: a country, its people, its
    capital, or a listed body."""

    def known(text: str) -> bool:
        return (
            gazetteer.country(text) is not None
            or gazetteer.demonym(text) is not None
            or gazetteer.capital(text) is not None
            or lexicon.organization(text) is not None
        )

    return known


@dataclass
class Resolver:
    """Resolves spans and argument tokens of one Doc to canonical mentions.

    ``offset`` converts Doc character offsets into article offsets.
    """

    doc: Doc
    offset: int
    gazetteer: Gazetteer = field(default_factory=load_gazetteer)
    lexicon: Lexicon = field(default_factory=load_lexicon)
    kinds: KindModel | None = field(default_factory=load_kind_model)
    _persons: dict[str, str] = field(default_factory=dict, init=False)
    _candidates: dict[str, tuple[str, ...]] = field(default_factory=dict, init=False)
    _counts: Counter[str] = field(default_factory=Counter, init=False)
    _full_names: tuple[str, ...] = field(default=(), init=False)
    _surnames: dict[str, str] = field(default_factory=dict, init=False)
    _givens: dict[str, str] = field(default_factory=dict, init=False)
    _acronyms: dict[str, str] = field(default_factory=dict, init=False)
    _homes: dict[str, str] = field(default_factory=dict, init=False)
    _unified: dict[str, Entity] = field(default_factory=dict, init=False)
    _votes: dict[str, str] = field(default_factory=dict, init=False)
    _ents: tuple[Span, ...] = field(default=(), init=False)
    _ent_at: dict[int, Span] = field(default_factory=dict, init=False)
    _text: str = field(default="", init=False)
    _coref: dict[int, tuple[Mention, ...]] = field(default_factory=dict, init=False)
    _span_mentions: dict[tuple[int, int, Role | None], Mention | None] = field(
        default_factory=dict, init=False
    )
    _described: dict[str, list[tuple[int, tuple[Mention, ...]]]] | None = field(
        default=None, init=False
    )

    def __post_init__(self) -> None:
        self._text = text_of(self.doc)  # Doc.text joins every token on each access
        # doc.ents builds new Spans on every access: read it once.
        spans = rekinded(
            name_spans(self.doc, self.lexicon),
            known_name(self.gazetteer, self.lexicon),
            self.kinds,
        )
        self._ents = tuple(self._as_person(span) for span in spans)
        self._ent_at = {i: ent for ent in self._ents for i in range(ent.start, ent.end)}
        self._persons = _person_names(self._ents)
        self._candidates = _name_candidates(self._ents)
        self._counts = _name_counts(self._ents)
        person_texts = sorted(
            {clean(e.text) for e in self._ents if e.label_ == "PERSON"}
        )
        self._full_names = tuple(
            sorted({self._persons.get(n, n) for n in person_texts})
        )
        self._surnames = {
            surname: name
            for name in person_texts
            if len(name.split()) > 1 and not _titled(name)
            for family in (family_name(name),)
            for surname in sorted({family, _bare_surname(family), unaccented(family)})
        }
        self._givens = _given_names(person_texts, self._surnames)
        self._acronyms = _org_acronyms(self.doc, self._ents)
        self._votes = _label_votes(self._ents)
        self._homes = self._org_homes()
        # A capital that acts is its country ("Tehran denied that it ...").
        named = [(span, self.span_mention(span, _role_of(span))) for span in self._ents]
        self._unified = _one_entity_per_name(named)
        if self._unified:
            self._span_mentions.clear()
            named = [
                (span, self.span_mention(span, _role_of(span))) for span in self._ents
            ]
        self._coref = antecedents(
            self.doc,
            [(s, m) for s, m in named if m is not None],
            self._institutions(),
        )

    def _institutions(self) -> dict[str, Entity]:
        """A listed institution's label → the entity of its state."""
        out = {}
        for label, code in self.lexicon.institutions.items():
            country = self.gazetteer.country(code)
            if country is not None:
                out[label] = country_entity(country)
        return out

    def entity_at(self, token: Token) -> Span | None:
        """The named-entity span that contains ``token``, if any."""
        return self._ent_at.get(token.i)

    def named_mentions(self) -> tuple[Mention, ...]:
        """Mentions of every named entity spaCy found, junk left out, and of
        the descriptions that refer to one ("the company", "the French
        government")."""
        out = []
        for span in self._ents:
            paired = self._paired_countries(span)
            if paired:
                out.extend(paired)
                continue
            mention = self.span_mention(span, _role_of(span))
            if mention is not None:
                out.append(mention)
        for token in self.doc:
            if token.pos_ not in {"NOUN", "PROPN"} or token.ent_type_:
                continue
            found = self._coref.get(token.i)
            if found:
                out.extend(self._anaphor(token, m) for m in found)
            elif token.lemma_.lower() in self.lexicon.state_body_nouns or (
                token.pos_ == "NOUN" and token.lemma_.lower() in _GOVERNMENT_NOUNS
            ):
                # "the Nairobi government" is the state, "the Afghan foreign
                # ministry" its body ("Russia's envoy" is a person, not Russia)
                out.extend(self.descriptor(token))
        return tuple(out)

    def _paired_countries(self, span: Span) -> list[Mention]:
        """The countries of one word that joins them by hyphens ("U.S.-Japan",
        which the tokenizer keeps whole), one mention each; none otherwise."""
        if len(span) != 1 or "-" not in span.text:
            return []
        out = []
        start = span.start_char
        for part in span.text.split("-"):
            country = self.gazetteer.country(part) if part else None
            if country is None:
                return []
            entity = country_entity(country)
            out.append(self._mention(entity, start, start + len(part)))
            start += len(part) + 1
        return out if len(out) > 1 else []

    def span_mention(self, span: Span, role: Role | None = None) -> Mention | None:
        """The mention of a named-entity span, or None for junk and non-entities."""
        key = (span.start, span.end, role)
        if key not in self._span_mentions:
            self._span_mentions[key] = self._span_mention(span, role)
        return self._span_mentions[key]

    def _span_mention(self, span: Span, role: Role | None) -> Mention | None:
        entity = self._named_entity(span, role)
        if entity is None:
            return None
        if entity.type in _UNIFIED_TYPES:
            entity = self._unified.get(clean(span.text), entity)
        start, end = trim(span)
        if start >= end:
            return None
        return self._mention(entity, start, end)

    def arguments(
        self, token: Token, role: Role, *, describe: bool = True
    ) -> tuple[Mention, ...]:
        """The mentions an argument refers to: two for "both countries".

        A descriptor of a state's institution with its country ("the French
        government", "Israeli forces", "Russian and DPRK leaders") stands for
        the country; members of a named body ("IS members") for the body.
        """
        named = _members(token) or self._same_as_before(token)
        if named:
            # "two firms, A and B": the named members stand for the group
            out: list[Mention] = []
            for member in named:
                for found in self.arguments(member, role, describe=describe):
                    if all(m.entity.key != found.entity.key for m in out):
                        out.append(found)
            if out:
                return tuple(out)
        resolved = self._coref.get(token.i)
        if resolved and token.lemma_.lower() in OFFICE_NOUNS:
            # the office holder the article named: "the Russian president" is
            # Putin, not Russia
            return tuple(self._anaphor(token, m) for m in resolved)
        described = self.descriptor(token) if describe else ()
        if described:
            return described
        remembered = self._described_before(token) if describe else ()
        if remembered:
            return remembered
        resolved = self._coref.get(token.i)
        if resolved:
            return tuple(self._anaphor(token, m) for m in resolved)
        mention = self.argument(token, role)
        return () if mention is None else (mention,)

    def _same_as_before(self, token: Token) -> list[Token]:
        """ "the same three firms": the firms named in an earlier list."""
        if not any(c.lower_ == "same" for c in token.children):
            return []
        lemma = token.lemma_.lower()
        for earlier in reversed(self.doc[: token.i]):
            if earlier.lemma_.lower() == lemma:
                members = _members(earlier)
                if members:
                    return members
        return []

    def descriptor(self, token: Token) -> tuple[Mention, ...]:
        """The countries or bodies a descriptor noun phrase stands for, if any.

        The mention keeps the phrase's own words and offsets; the modifier
        that names the country is recorded as its antecedent, so the phrase
        never becomes an alias of the country.
        """
        if (
            token.pos_ not in {"NOUN", "PROPN"}
            or token.ent_type_
            or token.lemma_.lower() not in self.lexicon.descriptor_nouns
        ):
            return ()
        modifiers = [
            c for c in token.children if c.dep_ in {"amod", "compound", "poss", "nmod"}
        ]
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                modifiers += [o for o in prep.children if o.dep_ == "pobj"]
        for clause in token.children:
            if clause.dep_ in {"acl", "amod"} and clause.lemma_.lower() in TIE_WORDS:
                # "militants linked with the banned Baloch Liberation Army"
                modifiers += [
                    o
                    for p in clause.children
                    if p.dep_ == "prep"
                    for o in p.children
                    if o.dep_ == "pobj" and o.ent_type_ in {"ORG", "NORP", "GPE"}
                ]
        left = min(
            [
                token.i,
                *(t.left_edge.i for t in token.lefts if t.dep_ not in {"punct", "cc"}),
            ]
        )
        phrase = self.doc[left : token.i + 1]
        # "the Afghan foreign ministry" is a body of Afghanistan, not the state
        body = token.lemma_.lower() in self.lexicon.state_body_nouns
        out: list[Mention] = []
        for modifier in [c for m in modifiers for c in conjuncts(m)]:
            if is_portfolio(modifier):
                continue  # "Commerce and Industry Minister": fields, not bodies
            span = self.entity_at(modifier)
            words = span if span is not None else self.doc[modifier.i : modifier.i + 1]
            found = self._state_or_body(
                clean(words.text), span, proper=modifier.pos_ != "ADJ"
            )
            of = words.text if modifier.i > token.i else None  # "police of Kenya"
            entity = _state_body(phrase, found, of) if found and body else found
            if entity is None or any(m.entity.key == entity.key for m in out):
                continue
            out.append(
                Mention(
                    entity=entity,
                    text=phrase.text,
                    start=phrase.start_char + self.offset,
                    end=phrase.end_char + self.offset,
                    # a body named with its state is no mention of the state
                    antecedent=None
                    if entity is not found
                    else Antecedent(
                        words.text,
                        words.start_char + self.offset,
                        words.end_char + self.offset,
                    ),
                )
            )
        return tuple(out)

    def _described_before(self, token: Token) -> tuple[Mention, ...]:
        """A bare group descriptor named with its body or country before.

        After "3R rebels" or "militants linked with the BLA", "the rebels"
        and "militants" are 3R and the BLA: the latest earlier phrase with the
        same head noun and a named modifier decides. Only groups (a plural, or
        a collective such as "the military"), not titles: "the president"
        is a person, left to coreference.
        """
        lemma = token.lemma_.lower()
        if (
            token.pos_ != "NOUN"
            or token.ent_type_
            or lemma not in self.lexicon.descriptor_nouns
            or (token.tag_ != "NNS" and lemma not in COLLECTIVE_NOUNS)
            # "counterterror forces" is a group of its own
            or any(
                c.dep_ in {"poss", "compound", "amod", "nmod"} for c in token.children
            )
        ):
            return ()
        if self._described is None:
            self._described = {}
            for earlier in self.doc:
                if earlier.lemma_.lower() in self.lexicon.descriptor_nouns:
                    found = self.descriptor(earlier)
                    if found:
                        key = earlier.lemma_.lower()
                        self._described.setdefault(key, []).append((earlier.i, found))
        before = [found for i, found in self._described.get(lemma, []) if i < token.i]
        if not before:
            return ()
        return tuple(self._anaphor(token, m) for m in before[-1])

    def _state_or_body(
        self, text: str, span: Span | None, *, proper: bool = True
    ) -> Entity | None:
        country = (
            self.gazetteer.country(text)
            or self.gazetteer.demonym(text)
            or self.gazetteer.capital(text)
        )
        if country is not None:
            return country_entity(country)
        if span is not None and span.label_ == "ORG":
            return self._named_entity(span, Role.AGENT)
        if span is not None and span.label_ == "GPE":
            # a bloc that is no country: "Quad leaders"
            return self._unlabelled_actor(text)
        if span is not None and span.label_ == "NORP":
            # a party's adjective: "Tory MPs"; "Western officials" and "Arab
            # leaders" are no body's
            return self._listed_organization(text)
        if (
            span is None
            and proper  # "Western officials" are no body's
            and text[:1].isupper()
            and (text.isupper() or " " not in text)
            and text.casefold() not in VAGUE_QUANTIFIERS
            and text.casefold() not in _OPENING_WORDS
        ):
            # a body the model did not tag: "IS members", "Quad leaders"
            # (not a sentence's capitalised first word: "Many EU ministers")
            return self._unlabelled_actor(text)
        return None

    def argument(self, token: Token, role: Role) -> Mention | None:
        """The mention an argument headed by ``token`` refers to, if any.

        A pronoun or definite description resolves to its antecedent's
        entity (the first one, for plural descriptions; see :meth:`arguments`).
        """
        resolved = self._coref.get(token.i)
        if resolved:
            return self._anaphor(token, resolved[0])
        for child in token.children:
            if child.dep_ == "appos" and child.ent_type_ == "PERSON":
                # title and name: "the ... Coordinator ... John Kirby said"
                return self.argument(child, role)
        if not token.ent_type_ and _title(token, self.lexicon):
            for child in token.lefts:
                if child.dep_ == "compound" and child.ent_type_ == "PERSON":
                    # a name inside titles: "Former welfare minister Frank Field MP"
                    span = self.entity_at(child)
                    if span is not None:
                        named = self.span_mention(span, role)
                        if named is not None:
                            return named
        if token.ent_type_ in {"MONEY", "PERCENT", "CARDINAL", "QUANTITY"}:
            if role in ACTOR_ROLES:
                return None
            if token.ent_type_ == "MONEY":
                return self._amount(token)
        span = self.entity_at(token)  # the repaired spans, not the model's
        if span is not None and span.label_ in _NAMED_LABELS:
            mention = self.span_mention(span, role)
            if mention is not None:
                return mention
        if token.pos_ == "PRON" or token.tag_ in {"WDT", "WP", "EX"}:
            return None
        if (token.pos_ == "PROPN" or is_acronym(token)) and not is_portfolio(token):
            words = phrase(token)
            found = self._country_or_org(words.text, "ORG", role)
            if found is None and self.gazetteer.capital(words.text) is not None:
                found = _place(clean(words.text))  # a capital the model missed
            if found is None and (role is Role.AGENT or is_acronym(token)):
                # a name the model missed, acting: a person named before
                # ("Ruto" after "William Ruto"), else a body ("BP appointed")
                found = self._unlabelled_actor(clean(words.text))
            if found is not None:
                return self._mention(found, words.start_char, words.end_char)
        if token.pos_ == "NOUN" and token.lemma_.lower() in _NAMED_PLACE_NOUNS:
            named = self._named_place(token, role)
            if named is not None:
                return named
        if token.pos_ in {"NOUN", "PROPN", "NUM"}:
            return self._thing(token)
        return None

    def _named_place(self, token: Token, role: Role | None) -> Mention | None:
        """ "the Sahel region", "Dadaab refugee camp", "eastern Punjab
        province": a region's noun with a name before it is the place of that
        name, whatever the model took the name for."""
        names = [
            t
            for t in token.lefts
            if t.dep_ == "compound" and t.pos_ == "PROPN" and t.text[:1].isupper()
        ]
        if not names:
            return None
        start = min(t.left_edge.i for t in names)
        while start < token.i and not self.doc[start].text[:1].isupper():
            start += 1  # "eastern", "the"
        end = max(t.i for t in names) + 1
        words = self.doc[start:end]
        text = clean(words.text)
        if not text or len(words) > 6:
            return None
        country = self.gazetteer.country(text)
        entity = country_entity(country) if country is not None else _place(text)
        return self._mention(entity, words.start_char, words.end_char)

    def _unlabelled_actor(self, text: str) -> Entity | None:
        if (
            not text
            or not text[0].isupper()
            or is_junk(text, "ORG")
            or is_calendar(text)
        ):
            return None  # not a name, or a date: "July met ..."
        text = self._acronyms.get(text, text)
        listed = self._listed_organization(text)
        if listed is not None:
            return listed
        words = text.split()
        for name in self._full_names:
            if name.split()[-len(words) :] == words:
                return Entity(
                    key=entity_key(EntityType.PERSON, name),
                    label=name,
                    type=EntityType.PERSON,
                )
        return Entity(
            key=entity_key(EntityType.ORGANIZATION, text),
            label=text,
            type=EntityType.ORGANIZATION,
        )

    def _person_full(self, span: Span, text: str) -> str:
        """The full name a person span stands for. A gendered honorific keeps
        to full names whose given name agrees ("Mr Blair" is not Cherie
        Blair); of several, the most mentioned; of two equally mentioned,
        none (the name stays apart)."""
        fulls = self._candidates.get(text, ())
        gender = _honorific_gender(span)
        if gender is None or not fulls:
            return self._persons.get(text, text)
        agreeing = tuple(f for f in fulls if given_name_gender(f) in (gender, None))
        if not agreeing:
            return text
        chosen = _most_mentioned(agreeing, self._counts) or text
        return self._persons.get(chosen, chosen) if chosen != text else text

    def _named_entity(self, span: Span, role: Role | None) -> Entity | None:
        text = clean(span.text)
        label = span.label_
        if label not in _NAMED_LABELS or is_junk(text, label):
            return None
        region = text.casefold().removesuffix(" region")
        if region in WORLD_REGIONS:
            return _place(text[: len(region)])  # "the Indo-Pacific region"
        if text in self._acronyms:
            label = "ORG"  # "the OFHEO" the model took for a place, "Gavi" a person
        read = self._context_type(span, text)
        if read is EntityType.PLACE:
            return _place(text)
        if read is EntityType.ORGANIZATION:
            label = "ORG"
        elif read is EntityType.PERSON:
            label = "PERSON"
        elif label in _VOTING and text not in self._surnames:
            # the label most of the name's mentions carry: "Yukos said" once
            # tagged a person is the firm the other mentions tag
            label = self._votes.get(text, label)
        if label == "PERSON":
            full = self._person_full(span, text)
            if full == text:  # "Makeda" after "her daughter, Makeda Mbewe"
                full = self._givens.get(text, text)
            listed = self._listed_organization(full)
            if listed is not None:  # "Labour", "Ukip" tagged as persons
                return listed
            if self.gazetteer.country(full) is not None:
                return self._country_or_org(full, "GPE", role)
            if self.gazetteer.capital(full) is not None:
                # a capital the model took for a person ("struck Kyiv")
                return self._country_or_org(full, "GPE", role) or _place(full)
            return Entity(
                key=entity_key(EntityType.PERSON, full),
                label=full,
                type=EntityType.PERSON,
            )
        listed = self._listed_organization(text)
        if listed is not None and label != "PERSON":
            return listed
        if label == "NORP":
            country = self.gazetteer.demonym(text) or self.gazetteer.country(text)
            if country is not None:
                return country_entity(country)
            continent = CONTINENT_ADJECTIVES.get(text.casefold())
            if continent is not None:
                return _place(continent)
            if role is Role.AGENT or role in ACTOR_ROLES:
                # a party or group the model tags NORP: "the Tories", "Democrats"
                return self._unlabelled_actor(text)
            return None
        found = self._country_or_org(text, label, role)
        if found is not None:
            return found
        if label == "ORG" and self.gazetteer.capital(text) is not None:
            return _place(text)  # "attacks near Bangui", the model's body
        named = self._surnames.get(text) or self._givens.get(text)
        if named is not None:
            # a surname (or the given name) the model tagged as a body or
            # place: "Nebenzia dismissed"
            return Entity(
                key=entity_key(EntityType.PERSON, named),
                label=named,
                type=EntityType.PERSON,
            )
        if label == "GPE" and role is Role.AGENT:
            # an acting "place" that is no country or capital: a firm or body
            # the model mistook ("Cisco agreed to buy Splunk")
            label = "ORG"
        if label == "ORG":
            full = self._acronyms.get(text, text)
            home = self._home_country(span) or self._homes.get(full)
            key = entity_key(EntityType.ORGANIZATION, full)
            return Entity(
                key=f"{key}@{home.casefold()}" if home else key,
                label=full,
                type=EntityType.ORGANIZATION,
                based_in=home,
            )
        return Entity(
            key=entity_key(EntityType.PLACE, text), label=text, type=EntityType.PLACE
        )

    def _as_person(self, span: Span) -> Span:
        """A name the model took for a body that its context says is a
        person's ("Lydia Rosasi, 29,"), labelled a person's before the
        article's people are gathered, so that "Rosasi" alone joins it; and
        a "person" whose name ends like a body's ("Manchester United"),
        labelled a body's, so that "United" alone is no family name."""
        text = clean(span.text)
        if span.label_ == "PERSON" and ends_like_a_body(span, text):
            return Span(self.doc, span.start, span.end, label="ORG")
        if span.label_ != "ORG":
            return span
        if (
            self.gazetteer.country(text) is not None
            or self.lexicon.organization(text) is not None
            or context_type(span, text) is not EntityType.PERSON
        ):
            return span
        return Span(self.doc, span.start, span.end, label="PERSON")

    def _context_type(self, span: Span, text: str) -> EntityType | None:
        """What the context says of the name (:func:`context_type`), unless
        it is a country, a capital, a listed body or part of a person's name
        the article gives in full."""
        if (
            self.gazetteer.country(text) is not None
            or self.gazetteer.capital(text) is not None
            or self.lexicon.organization(text) is not None
            or text in self._surnames
            or self._persons.get(text, text) != text
        ):
            return None
        return context_type(span, text)

    def _org_homes(self) -> dict[str, str]:
        """Each organisation the Doc ties to one country somewhere ("US
        mortgage firm Freddie Mac"), so that its other mentions are the same
        firm; one tied to two countries is two firms, and its untied
        mentions stay apart from both."""
        homes: dict[str, set[str]] = {}
        for ent in self._ents:
            if ent.label_ != "ORG":
                continue
            home = self._home_country(ent)
            if home is not None:
                full = self._acronyms.get(clean(ent.text), clean(ent.text))
                homes.setdefault(full, set()).add(home)
        return {name: next(iter(h)) for name, h in homes.items() if len(h) == 1}

    def _home_country(self, span: Span) -> str | None:
        """The country the text ties an organisation to: "Nigeria's First
        National Bank", "the U.S. lender First National Bank"."""
        root = span.root
        modifiers = [c for c in root.children if c.dep_ == "poss" and c.i < span.start]
        if root.dep_ == "appos":
            modifiers += [
                c for c in root.head.children if c.dep_ in {"compound", "amod"}
            ]
        for token in modifiers:
            ent = self.entity_at(token)
            text = clean(ent.text if ent is not None else token.text)
            country = (
                self.gazetteer.country(text)
                or self.gazetteer.demonym(text)
                or self.gazetteer.capital(text)
            )
            if country is not None:
                return country.name
        return None

    def _listed_organization(self, text: str) -> Entity | None:
        """The organisation of ``ontology/organizations.ttl`` a name stands
        for, unless it is a country's name ("Georgia"; a listed acronym wins
        over a country's: "IRA", "AP") or part of a person's name
        the article gives in full ("Ford" after "Gerald Ford")."""
        org = self.lexicon.organization(text)
        if (
            org is None
            or self.gazetteer.country(text, codes=False) is not None
            or self._persons.get(text, text) != text
            or text in self._surnames
        ):
            return None
        return Entity(
            key=entity_key(EntityType.ORGANIZATION, org),
            label=org,
            type=EntityType.ORGANIZATION,
        )

    def _country_or_org(
        self, text: str, label: str, role: Role | None
    ) -> Entity | None:
        text = clean(text)
        country = self.gazetteer.country(text)
        if country is None and label in {"GPE", "LOC"}:
            # a demonym the model took for a place: "Ukrainian officials"
            country = self.gazetteer.demonym(text)
        if country is None and role in _CAPITAL_ROLES:
            # "Moscow carries out its war": a capital as actor is its country.
            country = self.gazetteer.capital(text)
        if country is not None:
            return country_entity(country)
        return self._listed_organization(text)

    def _thing(self, token: Token) -> Mention | None:
        head = token
        counted = token.lemma_.lower() in CONTAINER_NOUNS or token.pos_ == "NUM"
        of = of_object(token) if counted else None
        if of is not None:
            head = of
            if head.ent_type_ in _NAMED_LABELS:
                return self.argument(head, Role.THEME)
        words = [
            w.text.lower()
            for t in head.lefts
            if t.dep_ in NOUN_MODIFIER_DEPS
            for w in (t.subtree if t.dep_ in {"compound", "amod"} else (t,))
            if w.lower_ not in VAGUE_QUANTIFIERS
            and w.ent_type_ not in {"DATE", "TIME", "NORP", "CARDINAL", "ORDINAL"}
            and w.is_alpha
        ]
        # things are named by lower-case lemma ("missile"), names by their words
        lemma = head.lower_ if head.pos_ == "PROPN" else head.lemma_.lower()
        if not head.is_alpha or len(lemma) < 2 or _idiom(head):
            return None
        label = " ".join([*words, lemma])
        entity = Entity(
            key=entity_key(EntityType.THING, label), label=label, type=EntityType.THING
        )
        # the thing's own words: "Iran's missile programme" is the programme,
        # and Iran's mention keeps its words
        left = min(
            [
                token.i,
                *(
                    t.left_edge.i
                    for t in token.lefts
                    if t.dep_ not in {"punct", "cc", "poss", "case"}
                ),
            ]
        )
        right = head.i  # the "of" object when the head is a container noun
        span = self.doc[left : right + 1]
        return self._mention(entity, span.start_char, span.end_char)

    def _amount(self, token: Token) -> Mention | None:
        """A sum of money as a thing: "$28 billion", "50 billion euros"."""
        span = self.entity_at(token)
        if span is None:
            return None
        label = " ".join(span.text.split())
        entity = Entity(
            key=entity_key(EntityType.THING, label), label=label, type=EntityType.THING
        )
        return self._mention(entity, span.start_char, span.end_char)

    def _anaphor(self, token: Token, antecedent: Mention) -> Mention:
        """The anaphor's own span, pointing at its antecedent's entity."""
        left = min(
            [
                token.i,
                *(t.i for t in token.lefts if t.dep_ in {"det", "nummod", "predet"}),
            ]
        )
        span = self.doc[left : token.i + 1]
        return Mention(
            entity=antecedent.entity,
            text=span.text,
            start=span.start_char + self.offset,
            end=span.end_char + self.offset,
            antecedent=Antecedent(antecedent.text, antecedent.start, antecedent.end),
        )

    def _mention(self, entity: Entity, start: int, end: int) -> Mention:
        text = self._text[start:end]
        return Mention(
            entity=entity, text=text, start=start + self.offset, end=end + self.offset
        )


def _idiom(token: Token) -> bool:
    """A bare noun of an adverbial idiom, no thing: "in turn", "in fact", "in
    part", "at least"."""
    return (
        token.dep_ == "pobj"
        and (token.head.lower_, token.lower_) in _IDIOMS
        and not any(c.dep_ in {"det", "poss", "amod"} for c in token.children)
    )


def _state_body(phrase: Span, entity: Entity, of: str | None = None) -> Entity:
    """The body a descriptor names with its state, place or parent body: an
    organisation labelled as written ("the Afghan foreign ministry", "Hong
    Kong police", "Chicago police"), based in the state when a state is named
    (and keyed with it, so Kenya's police and Uganda's are two). ``entity``
    itself for a phrase that names bodies in the plural or several states'
    ("the French and German embassies"). ``of`` is the state's name when it
    follows the noun: "the police of Kenya"."""
    words = [t for t in phrase if t.dep_ not in {"det", "predet"}]
    root = phrase.root
    if any(t.dep_ == "cc" for t in words) or root.lower_ != root.lemma_.lower():
        return entity
    label = clean(" ".join(t.text_with_ws for t in words).strip())
    if not label:
        return entity
    if of is not None:
        label = f"{label} of {clean(of)}"
    key = entity_key(EntityType.ORGANIZATION, label)
    if entity.type is EntityType.COUNTRY:
        return Entity(
            key=f"{key}@{entity.label.casefold()}",
            label=label,
            type=EntityType.ORGANIZATION,
            based_in=entity.label,
        )
    return Entity(key=key, label=label, type=EntityType.ORGANIZATION)


def _place(name: str) -> Entity:
    return Entity(
        key=entity_key(EntityType.PLACE, name), label=name, type=EntityType.PLACE
    )


_VOTING = frozenset({"PERSON", "ORG"})
# The types one name has once per article (see _one_entity_per_name).
_UNIFIED_TYPES = frozenset(
    {EntityType.PERSON, EntityType.ORGANIZATION, EntityType.PLACE}
)


def _label_votes(ents: tuple[Span, ...]) -> dict[str, str]:
    """Each name the model tags now as a person, now as an organisation, with
    the label most of its mentions carry (none on a tie)."""
    counts: dict[str, Counter[str]] = {}
    for ent in ents:
        if ent.label_ in _VOTING:
            counts.setdefault(clean(ent.text), Counter())[ent.label_] += 1
    out: dict[str, str] = {}
    for text, labels in counts.items():
        ranked = labels.most_common()
        if len(ranked) > 1 and ranked[0][1] > ranked[1][1]:
            out[text] = ranked[0][0]
    return out


def _given_names(names: Iterable[str], surnames: dict[str, str]) -> dict[str, str]:
    """The given name of each full name whose given name no other full name
    of the article shares and that is no one's family name: "Makeda" of
    "Makeda Mbewe"."""
    fulls: dict[str, set[str]] = defaultdict(set)
    for name in names:
        words = name.split()
        if len(words) > 1 and words[0].isalpha() and words[0].istitle():
            fulls[words[0]].add(name)
    return {
        given: next(iter(named))
        for given, named in sorted(fulls.items())
        if len(named) == 1 and given not in surnames
    }


def _role_of(span: Span) -> Role | None:
    """AGENT for a span that is an active clause's subject ("London was hit"
    is the city); RECIPIENT for one a state's
    government fills as often as its capital does ("talks with Pyongyang",
    "the escalation by Moscow"); else no role ("in Beijing", "flights from
    Moscow", "visited Tehran" are the cities)."""
    root = span.root
    if root.dep_ == "nsubj":
        return Role.AGENT
    if root.dep_ == "dative":
        return Role.RECIPIENT
    if root.dep_ == "pobj" and root.head.lower_ in _PARTY_PREPOSITIONS:
        return Role.RECIPIENT
    return None


def _person_names(ents: tuple[Span, ...]) -> dict[str, str]:
    """Map each person name to the full name in the Doc it stands for: the one
    full name that ends like it, or the most mentioned of several; a name two
    equally mentioned full names compete for maps to none (it stays apart)."""
    counts = _name_counts(ents)
    variants = _misspelt(counts)
    written: Counter[str] = Counter()  # how often each name, its slips counted in
    for name, count in counts.items():
        written[variants.get(name, name)] += count
    out: dict[str, str] = {}
    for name, fulls in _name_candidates(ents).items():
        chosen = _most_mentioned(
            tuple(sorted({variants.get(f, f) for f in fulls})), written
        )
        if chosen is not None:
            out[name] = chosen
    for name, full in variants.items():
        out.setdefault(name, full)
    return out


def _misspelt(counts: Counter[str]) -> dict[str, str]:
    """Full names that are a slip of another's pen in the same article, each
    to the name written more often: "Frederic Forsythe" for "Frederick
    Forsyth", "Charles Clark" for "Charles Clarke". Every word must be one
    letter off at most, and given names of one sex; a name written with and
    without its accents is one ("Jovenel Moise", "Jovenel Moïse")."""
    names = sorted(n for n in counts if len(n.split()) > 1)

    def rank(name: str) -> tuple[int, bool, str]:
        # written more often; of two as often, the one with its accents
        return counts[name], name != unaccented(name), name

    out: dict[str, str] = {}
    for name in names:
        words = [_name_word(w) for w in name.split()]
        rivals = [
            other
            for other in names
            if other != name
            and (
                counts[other] > counts[name]
                or (
                    [_name_word(w) for w in other.split()] == words
                    and rank(other) > rank(name)
                )
            )
            and len(other.split()) == len(words)
            and all(
                _close(a, _name_word(b))
                for a, b in zip(words, other.split(), strict=True)
            )
            and {given_name_gender(name), given_name_gender(other)} != _BOTH_SEXES
        ]
        if rivals:
            out[name] = max(rivals, key=rank)
    return out


def _close(a: str, b: str) -> bool:
    """Whether two name words are one and the same, or one slip apart (a
    letter added, dropped, changed or two swapped) in words of four letters
    or more that begin alike."""
    if a == b:
        return True
    if min(len(a), len(b)) < 4 or a[0] != b[0] or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        return len(diff) == 1 or (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _name_counts(ents: tuple[Span, ...]) -> Counter[str]:
    return Counter(clean(e.text) for e in ents if e.label_ == "PERSON")


def _name_candidates(ents: tuple[Span, ...]) -> dict[str, tuple[str, ...]]:
    """Each person name and the longer names in the Doc that end like it."""
    names = sorted({clean(e.text) for e in ents if e.label_ == "PERSON"})
    out: dict[str, tuple[str, ...]] = {}
    for name in names:
        words = name.split()
        bare = [_name_word(w) for w in words]
        fulls = [
            full
            for full in names
            if len(full.split()) > len(words)
            and not _titled(full)
            and (
                [_name_word(w) for w in full.split()[-len(words) :]] == bare
                or (len(words) == 1 and family_name(full) == name)
            )
        ]
        if fulls:
            # the longest forms: "George W Bush" over "W Bush"
            longest = max(len(f.split()) for f in fulls)
            out[name] = tuple(
                sorted(
                    f
                    for f in fulls
                    if len(f.split()) == longest
                    or not any(
                        g != f and g.split()[-len(f.split()) :] == f.split()
                        for g in fulls
                    )
                )
            )
    return out


def _titled(name: str) -> bool:
    """A person named by rank and place ("Sultan of Brunei"): its last word
    is the place's, no family name."""
    return " of " in name


def _name_word(word: str) -> str:
    """A word of a person's name as names are compared: case-folded, one
    apostrophe, no accents, an Arabic article dropped ("al-Assad", "Al-Assad"
    and "Assad" alike; "Moïse" and "Moise")."""
    return _ARTICLE.sub("", unaccented(word.replace("’", "'").casefold()))


def _bare_surname(name: str) -> str:
    """A family name without its Arabic article, as written: "Assad" of
    "al-Assad" (the name itself when it has none)."""
    return _ARTICLE.sub("", name.replace("’", "'"))


def _most_mentioned(fulls: tuple[str, ...], counts: Counter[str]) -> str | None:
    if len(fulls) == 1:
        return fulls[0]
    ranked = sorted(fulls, key=lambda f: (-counts[f], f))
    if counts[ranked[0]] > counts[ranked[1]]:
        return ranked[0]
    return None


def _honorific_gender(span: Span) -> str | None:
    """ "male" or "female" when a gendered honorific stands before (or opens)
    the name: "Mr Blair", "Mrs Howard"."""
    words = [span[0]] if len(span) > 1 else []
    if span.start > 0:
        words.append(span.doc[span.start - 1])
    for word in words:
        lower = word.lower_
        if lower in MALE_HONORIFICS:
            return "male"
        if lower in FEMALE_HONORIFICS:
            return "female"
    return None


def _org_acronyms(doc: Doc, ents: tuple[Span, ...]) -> dict[str, str]:
    """Short forms of the organisations a Doc names, to their full names.

    Defined in the text: "Serum Institute of India (SII)", "the Global
    Alliance for Vaccines and Immunisation (Gavi)" (a bracketed word in
    capitals, or one spelling the initials). Or the initials alone of an
    organisation named in full somewhere in the Doc: "the Department of
    Trade and Industry ... the DTI", "IFS" for the Institute of Fiscal
    Studies, when no other organisation of the Doc has the same initials.
    Or the name without its country: "State Department" for "U.S. State
    Department".
    """
    out: dict[str, str] = {}
    by_initials: dict[str, set[str]] = {}
    for ent in ents:
        if ent.label_ != "ORG":
            continue
        full = clean(ent.text)
        initials = _initials(full)
        if initials:
            by_initials.setdefault(initials, set()).add(full)
        if ent.end + 2 >= len(doc):
            continue
        end = ent.end - 1 if doc[ent.end - 1].text == "(" else ent.end
        opening, acronym, closing = doc[end], doc[end + 1], doc[end + 2]
        if opening.text != "(" or closing.text != ")":
            continue
        if acronym.text.isupper() or (
            initials and acronym.text.casefold() == initials.casefold()
        ):
            out[acronym.text] = full
    for ent in ents:
        text = clean(ent.text)
        fulls = by_initials.get(text, set())
        if text not in out and text.isupper() and len(fulls) == 1:
            out[text] = next(iter(fulls))
    out.update(_country_prefixed(ents, out))
    out.update(_short_names(ents, out))
    return out


def _short_names(ents: tuple[Span, ...], known: dict[str, str]) -> dict[str, str]:
    """A body's name without the word that says it is a body, or a club's
    without its town, when the Doc names it both ways: "Newbridge" for
    "Newbridge Capital", "Sightsavers" for "Sightsavers International",
    "United" for "Manchester United" (a short name two bodies share stays
    apart, as does one that is a person's, a country's or a listed name)."""
    gazetteer = load_gazetteer()
    bodies = {clean(e.text) for e in ents if e.label_ == "ORG"}
    people = {clean(e.text) for e in ents if e.label_ == "PERSON"}
    words_of_people = {
        w for name in people if len(name.split()) > 1 for w in name.split()
    }
    texts = {clean(e.text) for e in ents}
    found: dict[str, set[str]] = {}
    for full in sorted(bodies):
        words = full.split()
        if len(words) != 2:
            continue
        first, last = words
        if last.casefold() in _SHORTENED_ENDS:
            short = first
        elif is_place_name(first) and last.casefold() in {"united", "city", "rovers"}:
            short = last
        else:
            continue
        if (
            short in texts
            and short not in known
            and short not in words_of_people
            and not is_given_name(short)
            and gazetteer.country(short) is None
            and gazetteer.capital(short) is None
        ):
            found.setdefault(short, set()).add(full)
    return {short: fulls.pop() for short, fulls in found.items() if len(fulls) == 1}


def _country_prefixed(ents: tuple[Span, ...], known: dict[str, str]) -> dict[str, str]:
    """ "State Department" for "U.S. State Department" when the Doc names
    both: a body named with its country first and without it is one body
    (the full name; a name two such bodies share stays apart)."""
    gazetteer = load_gazetteer()
    names = {clean(e.text) for e in ents if e.label_ == "ORG"}
    found: dict[str, set[str]] = {}
    for full in sorted(names):
        words = full.split()
        for size in (1, 2):
            rest = " ".join(words[size:])
            if (
                len(words) - size >= 2
                and rest in names
                and rest not in known
                and gazetteer.country(" ".join(words[:size])) is not None
            ):
                found.setdefault(rest, set()).add(full)
    return {rest: fulls.pop() for rest, fulls in found.items() if len(fulls) == 1}


def _one_entity_per_name(
    named: list[tuple[Span, Mention | None]],
) -> dict[str, Entity]:
    """A name the model reads now as a person, now as a body or a place
    within one article ("from Quetta" a place, "in Quetta told VOA" a body)
    is one entity there: the one most of its mentions are (the first on a
    tie). Countries and capitals standing for them keep their own reading,
    and a name the article ties to two countries stays two bodies."""
    counts: dict[str, Counter[str]] = {}
    entities: dict[str, Entity] = {}
    for span, mention in named:
        if mention is None or mention.entity.type not in _UNIFIED_TYPES:
            continue
        counts.setdefault(clean(span.text), Counter())[mention.entity.key] += 1
        entities.setdefault(mention.entity.key, mention.entity)
    return {
        text: entities[keys.most_common(1)[0][0]]
        for text, keys in counts.items()
        if len(keys) > 1
        # "Afghanistan's Ministry of Foreign Affairs" and Pakistan's: two
        and len({entities[k].based_in for k in keys if entities[k].based_in}) < 2
    }


def _initials(name: str) -> str:
    """The initials of a name's capitalised words, when it has three or more
    ("DTI" for the Department of Trade and Industry); empty otherwise (two
    letters would tie too many names together)."""
    words = [w for w in name.replace("-", " ").split() if w[:1].isupper()]
    if len(words) < 3 or any(not w.isalpha() for w in words):
        return ""
    return "".join(w[0] for w in words)


def _members(token: Token) -> list[Token]:
    """The named members a plural noun lists: "two brands, Hard Candy and Urban
    Decay", "six people including C", "firms such as A"."""
    if token.tag_ not in {"NNS", "NNPS"} or token.ent_type_:
        return []
    found: list[Token] = []
    for child in token.children:
        if child.dep_ == "appos" and (child.ent_type_ or child.pos_ == "PROPN"):
            found.extend(conjuncts(child))
        elif child.dep_ == "prep" and (
            child.lower_ in LISTING_WORDS
            or (child.lower_ == "as" and any(t.lower_ == "such" for t in child.lefts))
        ):
            for obj in child.children:
                if obj.dep_ == "pobj" and (obj.ent_type_ or obj.pos_ == "PROPN"):
                    found.extend(conjuncts(obj))
    return [t for t in found if t.ent_type_ or t.pos_ == "PROPN"]


def _title(token: Token, lexicon: Lexicon) -> bool:
    """A title that may carry a name: "minister", "MP", "chief executive"."""
    lemma = token.lemma_.lower()
    return token.pos_ in {"NOUN", "PROPN"} and (
        lemma in lexicon.actor_nouns
        or lemma in lexicon.descriptor_nouns
        or (token.text.isupper() and len(token.text) <= 4)
    )
