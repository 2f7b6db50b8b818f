"""What a name's own words and context say of its type, against the label the
model gave it.

The small model tags "Quetta" a body in "railways in Quetta told VOA" and
"Twitter" a person in "Twitter staff"; the words around a name say better:

* a town, city or region (:mod:`kg.resources.places`) after a preposition of
  place ("in Quetta", "near Kismayo"), before a comma and another place
  ("Quetta, Balochistan") or modifying a place noun ("Quetta railway
  station") is a place;
* a name modifying a part of a body ("Sizzler staff", "Twitter's shares"), or
  one the model took for a person's that ends like a body's ("Brisbane
  Magistrates' Court"), is an organisation;
* a name of two or three capitalised words after an occupation ("chief
  executive Mervyn Davies") or whose last word the article gives with an
  honorific ("JP McManus" ... "Mr McManus") is a person;
* one word the model tagged a person that is a known place's name, and
  neither a given name nor a word of any person's name in the article
  ("England", "Kakuma"), is a place.

Each reading is evidence for one mention; the resolver makes one entity of a
name per article from its mentions' readings.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.mentions.surface import phrase
from kg.records import EntityType
from kg.resources.function_words import PLACE_PREPOSITIONS
from kg.resources.names import given_name_gender, is_given_name
from kg.resources.nouns import (
    KIN_NOUNS,
    OCCUPATION_NOUNS,
    ORGANIZATION_NOUNS,
    ORGANIZATION_PARTS,
    PLACE_NOUNS,
    TITLE_NOUNS,
)
from kg.resources.places import is_place_name, is_place_spelled

__all__ = ["BODY_KINDS", "context_type", "ends_like_a_body", "ends_like_a_place"]

# Where the model's label is weakest: a person or a body that may be neither.
_DOUBTED = frozenset({"PERSON", "ORG"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# "shares in Yukos", "a stake in Gazprom": a body, whatever its name.
_HOLDINGS = frozenset({"share", "stake", "interest", "investment", "holding"})
_HONORIFIC_WORDS = frozenset({"mr", "mrs", "ms", "dr", "miss"})
# Titles of peers and knights that open a person's name: "Lord Rennard".
_PEERAGE = frozenset({"lord", "lady", "baroness", "baron", "sir", "dame"})
# Last words of bodies' names.
_BODY_WORDS = frozenset(
    [
        "inc",
        "ltd",
        "llc",
        "corp",
        "plc",
        "co",
        "party",
        "council",
        "ministry",
        "department",
        "bank",
        "group",
        "association",
        "institute",
        "university",
        "college",
        "school",
        "centre",
        "center",
        "agency",
        "commission",
        "committee",
        "fund",
        "foundation",
        "union",
        "club",
        "trust",
        "court",
        "office",
        "service",
        "services",
        "authority",
        "board",
        "news",
        "times",
        "post",
        "telegraph",
        "journal",
        "press",
        "airlines",
        "airways",
        "motors",
        "partners",
        "capital",
        "holdings",
        "international",
        "united",
    ]
)
# Last words that make a name a body's whatever the model tagged it (a
# place's own words, "Centre", "School", "Office", are left out).
_BODY_ENDS = frozenset(
    {"inc", "ltd", "llc", "corp", "plc", "lines", "airlines", "airways", "motors"}
    | {"holdings", "partners", "group", "bank", "company", "corporation", "party"}
    | {"ministry", "commission", "committee", "council", "agency", "authority"}
    | {"fund", "foundation", "union", "association", "institute", "university"}
)
# Last words of the names of built and natural places.
_PLACE_ENDS = frozenset(
    {"highway", "road", "street", "avenue", "bridge", "airport", "station", "square"}
    | {"harbour", "harbor", "reef", "island", "islands", "canal", "dam", "motorway"}
)
# Kinds of body a name after them is one of: "accountancy firm Grant Thornton".
# Nouns naming a kind of body: "firm Titan", "Titan, a company".
BODY_KINDS = ORGANIZATION_NOUNS | frozenset(
    {
        "website",
        "unit",
        "subsidiary",
        "newspaper",
        "club",
        "chain",
        "airline",
        "charity",
    }
    | {"broadcaster", "operator", "network", "magazine", "brand", "label", "insurer"}
    | {"corporation", "retailer", "lender", "conglomerate", "consortium"}
)
# "residents of Kakuma", "the mayor of Quetta".
_OF_PLACE = frozenset({"resident", "mayor", "governor", "outskirt", "people"})
# "the MP for Witney": who holds a seat for a place.
_SEAT_HOLDERS = frozenset({"mp", "member", "candidate", "seat", "constituency"})


def context_type(span: Span, text: str) -> EntityType | None:
    """The type the context gives the name ``text`` of ``span``, or None when
    it says nothing beyond the model's label.

    A known place the model tagged a place stays one whatever it does
    (callers must not turn it into a body); a known place tagged a person or
    a body needs a place's context; a person's name ("Florence Cole") is
    never read as a place.
    """
    label = span.label_
    if label in _DOUBTED and (
        _modifies(span, ORGANIZATION_PARTS) or _body_described(span)
    ):
        return EntityType.ORGANIZATION
    if label == "PERSON" and ends_like_a_body(span, text):
        return EntityType.ORGANIZATION  # "Brisbane Magistrates' Court"
    if label in _PLACE_LABELS and len(span) > 1 and span[-1].lower_ in _BODY_ENDS:
        return EntityType.ORGANIZATION  # "Islamic Republic of Iran Shipping Lines"
    if label in _DOUBTED and ends_like_a_place(text):
        return EntityType.PLACE  # "National Highway #1", "Grantham Station"
    if label != "PERSON" and _person_named(span):
        return EntityType.PERSON
    if not is_place_name(text):
        return None
    if label in _PLACE_LABELS:
        return EntityType.PLACE
    if label == "PERSON" and given_name_gender(text) is not None:
        return None
    if label == "PERSON" and _nobody_named(span, text):
        return EntityType.PLACE
    if label in _DOUBTED and (
        _after_place_preposition(span)
        or _modifies(span, PLACE_NOUNS)
        or _before_another_place(span)
    ):
        return EntityType.PLACE
    return None


def ends_like_a_place(text: str) -> bool:
    """A name of two words or more whose last word (before a number) names a
    built or natural place: "National Highway #1", "Second Thomas Reef"."""
    words = [w for w in text.split() if not w.lstrip("#").isdigit()]
    return len(words) > 1 and words[-1].casefold() in _PLACE_ENDS


def ends_like_a_body(span: Span, text: str) -> bool:
    """A name of two words or more ending like a body's and opening with no
    given name: "Brisbane Magistrates' Court", "Manchester United"."""
    words = text.split()
    return (
        len(words) > 1
        and words[-1].casefold() in _BODY_WORDS
        and given_name_gender(text) is None
    )


def _body_described(span: Span) -> bool:
    """A name after the kind of body it is, or in apposition to one:
    "accountancy firm Grant Thornton", "ship-tracking website Seasearcher",
    "its key oil production unit, Yuganskneftegas"."""
    if span.start > 0 and _kind_of_body(span.doc[span.start - 1]):
        return True
    root = span.root
    return root.dep_ == "appos" and _kind_of_body(root.head)


def _kind_of_body(token: Token) -> bool:
    """ "firm", "website", "unit": a singular noun naming a kind of body."""
    return (
        not token.ent_type_
        and token.tag_ == "NN"
        and token.lemma_.lower() in BODY_KINDS
    )


def _person_named(span: Span) -> bool:
    """A name of two or three capitalised words, none a body's, that its
    context says is a person's: after an occupation ("chief executive Mervyn
    Davies"); after a peer's title ("Lord Rennard"); with an honorific before
    its last word elsewhere ("JP McManus" ... "Mr McManus"); with an age
    after it ("Lydia Rosasi, 29,"); with an occupation or a kin word in
    apposition ("Olivier Morice, a lawyer", "her daughter, Makeda Mbewe"); or
    in a list with a person named in full ("Frankie Bontemps and Maxwell
    Evenor")."""
    words = [t.text for t in span]
    if not 2 <= len(words) <= 3 or not all(
        w[:1].isupper() and w.replace(".", "").isalpha() for w in words
    ):
        return False
    if words[-1].casefold() in _BODY_WORDS or any(
        t.lemma_.lower() in ORGANIZATION_NOUNS for t in span
    ):
        return False
    if words[0].casefold() in _PEERAGE and words[1].casefold() not in TITLE_NOUNS:
        return True  # "Lord Rennard" (not "Lord Chancellor")
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if (
        before is not None
        and before.lemma_.lower() in OCCUPATION_NOUNS
        and before.tag_ not in {"NNS", "NNPS"}  # "bankers JP Morgan": a firm
    ):
        return True
    if _aged(span) or _described(span) or _listed_with_a_person(span):
        return True
    return any(
        t.lower_.rstrip(".") in _HONORIFIC_WORDS
        and t.i + 1 < len(doc)
        and doc[t.i + 1].text == words[-1]
        for t in doc
    )


def _listed_with_a_person(span: Span) -> bool:
    """ "Frankie Bontemps and Maxwell Evenor are Chagossians": a name in a
    list with a person named in full."""
    root = span.root
    partners = [c for c in root.children if c.dep_ == "conj"]
    if root.dep_ == "conj":
        partners.append(root.head)
    return any(
        p.ent_type_ == "PERSON"
        and p.ent_iob_ != "O"
        and sum(1 for t in p.subtree if t.ent_type_ == "PERSON") >= 2
        for p in partners
    )


def _aged(span: Span) -> bool:
    """ "Lydia Rosasi, 29, works": an age between commas after the name."""
    doc, end = span.doc, span.end
    if end + 2 >= len(doc) or doc[end].text != "," or doc[end + 2].text != ",":
        return False
    age = doc[end + 1].text
    return age.isdigit() and 1 <= int(age) <= 110


def _described(span: Span) -> bool:
    """ "Olivier Morice, a lawyer", "her daughter, Makeda Mbewe": an
    occupation or a kin word in apposition to the name."""
    words = OCCUPATION_NOUNS | KIN_NOUNS
    root = span.root
    if root.dep_ == "appos" and root.head.lemma_.lower() in words:
        return root.head.tag_ not in {"NNS", "NNPS"}
    return any(
        child.dep_ == "appos"
        and child.lemma_.lower() in words
        and child.tag_ not in {"NNS", "NNPS"}
        for child in root.children
    )


def _nobody_named(span: Span, text: str) -> bool:
    """ "England", "Kakuma" tagged a person: one word, a known place's name,
    no given name, and no person of the article named with it ("Clark Kent",
    "Mr Kent", "President Kent") or by it first ("Florence Cole")."""
    if (
        len(span) != 1
        or not text.isalpha()
        or is_given_name(text)
        or not is_place_spelled(text)
    ):
        return False
    doc = span.doc
    for ent in doc.ents:
        if (
            ent.label_ == "PERSON"
            and len(ent) > 1
            and text in (ent[0].text, ent[-1].text)
        ):
            return False
    return not any(
        (t.lower_.rstrip(".") in _HONORIFIC_WORDS or t.lower_ in TITLE_NOUNS)
        and t.i + 1 < len(doc)
        and doc[t.i + 1].text == text
        for t in doc
    )


def _modifies(span: Span, heads: frozenset[str]) -> bool:
    """ "Sizzler staff", "Twitter's shares", "Quetta railway station"."""
    root = span.root
    if root.dep_ not in {"compound", "poss", "nmod", "amod"}:
        return False
    head = root.head
    while head.dep_ == "compound" and head.head.i > head.i:
        head = head.head  # "Quetta railway station": up to the noun's head
    return head.i > root.i and head.lemma_.lower() in heads


def _after_place_preposition(span: Span) -> bool:
    """ "in Quetta", "returned to Kismayo", "the port of Bandar Abbas", "the
    MP for Witney" (a constituency), "across Nottinghamshire, Derbyshire and
    Durham" (each name of a list after the preposition)."""
    root = span.root
    if root.dep_ == "conj":
        # up a list to its first name, which must be a place itself ("led to
        # JP Morgan and Brunswick" lists firms)
        while root.dep_ == "conj" and root.head.i < root.i:
            root = root.head
        if not _a_place(root):
            return False
    if root.dep_ == "appos":  # "from the provincial capital Quetta"
        root = root.head
    if root.dep_ != "pobj":
        return False
    preposition = root.head
    head = preposition.head.lemma_.lower()
    word = preposition.lower_
    if word == "of":
        return head in PLACE_NOUNS or head in _OF_PLACE
    if word == "for":
        return head in _SEAT_HOLDERS
    return (word in PLACE_PREPOSITIONS or word == "to") and head not in _HOLDINGS


def _a_place(token: Token) -> bool:
    """The model's place, or a known place's name ("West Midlands": the word
    with its compounds), at ``token``."""
    if token.ent_type_ in _PLACE_LABELS:
        return True
    return is_place_name(phrase(token).text)


def _before_another_place(span: Span) -> bool:
    """ "Quetta, Balochistan", "Bayelsa, Cross River": a comma, then a place."""
    doc = span.doc
    comma = span.end - 1 if span[-1].text == "," else span.end
    if comma + 1 >= len(doc) or doc[comma].text != ",":
        return False
    after = doc[comma + 1]
    return after.ent_type_ in _PLACE_LABELS or is_place_name(after.text)
