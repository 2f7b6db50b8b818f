"""The surface of a mention: the phrase around a token, trimmed and cleaned,
and the model's entity spans repaired; what is no name at all."""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from kg.mentions.separate import separated
from kg.resources.gazetteer import load_gazetteer
from kg.resources.names import (
    FEMALE_HONORIFICS,
    MALE_HONORIFICS,
    NAME_TITLES,
    family_name,
    given_name_gender,
    is_given_name,
    unaccented,
)
from kg.resources.nouns import (
    COMPASS_WORDS,
    CONTINENTS,
    OCCUPATION_NOUNS,
    PLACE_NAME_ENDS,
    PLACE_NAME_OPENERS,
    TITLE_NOUNS,
)
from kg.resources.places import is_region_spelled

__all__ = [
    "balanced",
    "clean",
    "is_acronym",
    "is_calendar",
    "is_junk",
    "is_portfolio",
    "of_object",
    "phrase",
    "repaired_entities",
    "trim",
]

_HONORIFICS = re.compile(
    r"^(?:(?:mr|mrs|ms|dr|prof|sir|gen|lt|col|sen|rep|gov)\.?\s+)+", re.IGNORECASE
)


# A date the model took for a name: "Tuesday", "Jan", "March 4".
_CALENDAR = re.compile(
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|jan(?:uary)?|feb(?:ruary)?|"
    r"mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?(?:\s+\d{1,2})?",
    re.IGNORECASE,
)
# Titles whose capitalised word before names a field: "Finance Minister".
_FIELD_TITLES = frozenset({"Minister", "Secretary", "Commissioner", "Ministry"})
# Words of a title that name no one alone.
_TITLE_WORDS = TITLE_NOUNS | {"prime", "deputy", "vice", "acting"}
_ID_LIKE = re.compile(r"(?=.*\d)[A-Za-z0-9_\-]{6,}")


def is_acronym(token: Token) -> bool:
    """An all-capitals word the model took for a common noun ("ECOWAS")."""
    return token.is_alpha and len(token.text) > 1 and token.text.isupper()


_NAME_HONORIFICS = MALE_HONORIFICS | FEMALE_HONORIFICS
# First words of the names of a state's bodies: "Ministry of Defence of Ukraine".
_STATE_BODIES = frozenset(
    {"ministry", "department", "embassy", "parliament", "army", "navy", "police"}
)
_PARTICLES = frozenset(
    {
        "von",
        "van",
        "der",
        "den",
        "de",
        "del",
        "della",
        "di",
        "da",
        "dos",
        "du",
        "la",
        "le",
        "al",
        "el",
        "bin",
        "ibn",
    }
)
_LONGEST_LISTED = 6  # words in the longest listed name worth looking for
# words after a party's name that make a member of it, not another body
_MEMBER_WORDS = frozenset(
    {
        "mp",
        "mps",
        "mep",
        "meps",
        "peer",
        "peers",
        "leader",
        "leaders",
        "chairman",
        "co-chairman",
        "spokesman",
        "spokeswoman",
        "member",
        "members",
        "candidate",
        "candidates",
        "activist",
        "activists",
        "supporter",
        "supporters",
        "backbencher",
        "backbenchers",
    }
)


def repaired_entities(
    doc: Doc, listed: Callable[[str], str | None] | None = None
) -> tuple[Span, ...]:
    """The model's entities, repaired.

    - a country prefix it split off an organisation put back: "UK" +
      "Independence Party" → "UK Independence Party";
    - a name cut after its particle finished: "Ursula von der" + "Leyen";
    - a listed organisation that opens a person's name split off: "Lib Dem
      Norman Baker" → "Lib Dem", "Norman Baker";
    - a listed organisation the model missed added (``listed`` gives the
      label of a listed name): "IS", "ECOWAS", a party's adjective
      "Conservative"; one it cut after its first word finished: "Liberal" +
      "Democrat";
    - a name cut at a hyphen made whole: "Croix" + "-des-Bouquets";
    - a state's body with its country: "Ministry of Foreign Affairs" + "of
      Afghanistan";
    - a region of a continent with its word of direction: "southern" +
      "Africa", "sub-Saharan" + "Africa";
    - a place's name finished and read as a place: "Thomas" + "Reef" with
      the ordinal before it → "Second Thomas Reef", "Scarborough Shoal" or
      "Mount Sinjar" tagged a person or a body → a place; one the model
      missed added ("Wall Street");
    - a name stretched over the opening of its bracketed short form cut
      before the bracket: "the Global Alliance for Vaccines and
      Immunisation (Gavi)" names the alliance, and "Gavi" is read apart;
    - a span over several names cut into them, and edges that are no part of
      a name trimmed (:func:`kg.mentions.separate.separated`);
    - a country's name or the family name of a person the article names in
      full that the model tagged as nothing added ("where Ukraine said",
      "Wood spoke").
    """
    out: list[Span] = []
    grown: list[Span] = []
    for ent in doc.ents:
        if len(ent) > 2 and ent[-2].text == "(":
            ent = Span(doc, ent.start, ent.end - 2, label=ent.label_)
        before = doc[ent.start - 1] if ent.start > 0 else None
        if (
            ent.label_ == "ORG"
            and before is not None
            and before.dep_ == "compound"
            and ent.start <= before.head.i < ent.end
            and before.pos_ == "PROPN"
            and before.ent_type_ in {"", "GPE"}
            and before.text.replace(".", "").isupper()
        ):
            ent = Span(doc, ent.start - 1, ent.end, label="ORG")
        named = _place_named(doc, _name_opened(doc, _hyphen_whole(doc, ent)))
        named = _listed_opened(doc, named, listed)
        named = _of_country(doc, _region_of_continent(doc, named))
        if named.start < ent.start:
            grown.append(named)  # over an ordinal: "Second" + "Thomas Reef"
        ent = named
        if ent.label_ == "PERSON":
            ent = _whole_name(doc, ent)
            split = _listed_prefix(ent, listed)
            if split:
                out.append(Span(doc, ent.start, ent.start + split, label="ORG"))
                ent = Span(doc, ent.start + split, ent.end, label="PERSON")
            split = _place_prefix(doc, ent)
            if split:
                out.append(Span(doc, ent.start, ent.start + split, label="GPE"))
                ent = Span(doc, ent.start + split, ent.end, label="PERSON")
        elif ent.label_ == "ORG" and (glued := _glued_person(doc, ent, listed))[0]:
            # "Tory Dominic Grieve", "Vermont Bernie Sanders": a party or a
            # place, then a person
            split, label = glued
            out.append(Span(doc, ent.start, ent.start + split, label=label))
            ent = Span(doc, ent.start + split, ent.end, label="PERSON")
        elif listed is not None and len(ent) > 1 and ent[-1].lower_ in _MEMBER_WORDS:
            # "Labour MP", "Tory leader": the party, not a body of its own
            for size in range(len(ent) - 1, 0, -1):
                if all(t.lower_ in _MEMBER_WORDS for t in ent[size:]) and listed(
                    ent[:size].text
                ):
                    ent = Span(doc, ent.start, ent.start + size, label="ORG")
                    break
        if (
            ent.label_ == "ORG"
            and len(ent) == 1
            and is_portfolio(ent[0])
            and (listed is None or listed(ent.text) is None)
        ):
            continue  # "Finance" of "Finance Minister"
        out.extend(separated(doc, ent, listed))
    places = _place_runs(doc, out)
    out.extend(places)
    if places or grown:  # what a place's name took in is no entity of its own
        wide = [*places, *grown]
        out = [
            s
            for s in out
            if not any(
                w.start <= s.start and s.end <= w.end and len(s) < len(w) for w in wide
            )
        ]
    if listed is not None:
        out.extend(_listed_names(doc, out, listed))
    titled = _titled_people(doc)
    if titled:  # "the Archbishop of Canterbury": a person, not Canterbury
        out = [
            s
            for s in out
            if not any(t.start < s.end and s.start < t.end for t in titled)
        ]
        out.extend(titled)
    missed = _names_missed(doc, out)
    if missed:  # "the Iraq war": the country, not the war's name
        out = [
            s
            for s in out
            if s.label_ not in _UNNAMED_LABELS
            or not any(s.start <= m.start < s.end for m in missed)
        ]
    out.extend(missed)
    out.sort(key=lambda span: (span.start, span.end))
    kept: list[Span] = []
    for span in out:  # a name stretched over the next entity keeps the longer
        if kept and span.start < kept[-1].end:
            continue
        kept.append(span)
    return tuple(kept)


def _name_opened(doc: Doc, ent: Span) -> Span:
    """An organisation or group whose first capitalised word the model left
    out, put back: "Liberal" + "Democrats", "Sunday" + "Telegraph" (a proper
    noun bound to the name as its compound or modifier, in no entity of its
    own, no title such as "Secretary")."""
    if ent.label_ not in {"ORG", "NORP"} or ent.start == 0:
        return ent
    start = ent.start
    while start > 0:
        before = doc[start - 1]
        if not (
            before.pos_ == "PROPN"
            and before.dep_ in {"compound", "amod"}
            and ent.start <= before.head.i < ent.end
            and not before.ent_type_
            and before.text[:1].isupper()
            and before.is_alpha
            and before.lower_ not in TITLE_NOUNS
            and not before.is_sent_start
        ):
            break
        start -= 1
    if start == ent.start:
        return ent
    return Span(doc, start, ent.end, label="ORG")


def _listed_opened(
    doc: Doc, ent: Span, listed: Callable[[str], str | None] | None
) -> Span:
    """A listed organisation whose first word the model left out, whole:
    "Liberal" + "Democrat" (the first word an adjective, which
    :func:`_name_opened` leaves alone); one it cut before its last words:
    "BBC News" + "24", "BBC Radio" + "Five Live"."""
    if listed is None:
        return ent
    if ent.label_ in {"WORK_OF_ART", "EVENT", "LAW", "PRODUCT"} and listed(ent.text):
        # '"The Liberal Democrats will ...' read as a title
        return Span(doc, ent.start, ent.end, label="ORG")
    if ent.label_ not in {"ORG", "NORP"}:
        return ent
    for end in (ent.end + 2, ent.end + 1):  # "BBC News" + "24"
        if end <= len(doc) and listed(doc[ent.start : end].text) is not None:
            return Span(doc, ent.start, end, label="ORG")
    if ent.start == 0:
        return ent
    before = doc[ent.start - 1]
    if (
        before.ent_type_
        or not before.is_title
        or not before.is_alpha
        or listed(doc[ent.start - 1 : ent.end].text) is None
    ):
        return ent
    return Span(doc, ent.start - 1, ent.end, label="ORG")


def _place_named(doc: Doc, ent: Span) -> Span:
    """A place's name the model cut short or took for a person or a body:
    the capitalised words of one noun phrase up to a word that ends places'
    names ("Second Thomas Reef", "Gaza Strip"), or a name opened by a word
    that opens them ("Mount Sinjar"), as a place (``LOC``). A person's name
    opened by a given name stays one ("Sam Street")."""
    if ent.label_ not in {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}:
        return ent
    start, end = ent.start, ent.end
    last = doc[end - 1]
    if last.lower_ not in PLACE_NAME_ENDS:
        after = doc[end] if end < len(doc) else None
        if not (
            after is not None
            and after.lower_ in PLACE_NAME_ENDS
            and after.text[:1].isupper()
            and not after.ent_type_
            and last.dep_ == "compound"
            and last.head.i == after.i
        ):
            return _place_opened(ent)
        end += 1
        head = after
        while start > 0:  # "Second" of "Second Thomas Reef"
            before = doc[start - 1]
            if not (
                before.head.i == head.i
                and before.text[:1].isupper()
                and not before.is_sent_start
                and before.ent_type_ in {"", "ORDINAL"}
                and before.lower_ not in TITLE_NOUNS
            ):
                break
            start -= 1
    elif ent.label_ in {"GPE", "LOC", "FAC"}:
        return ent
    words = [t.text for t in doc[start:end]]
    if (
        len(words) < 2
        or not all(w[:1].isupper() or not w.isalpha() for w in words)
        or (ent.label_ == "PERSON" and given_name_gender(" ".join(words)) is not None)
    ):
        return ent
    return Span(doc, start, end, label="LOC")


def _region_of_continent(doc: Doc, ent: Span) -> Span:
    """A continent with the word of direction the model left out: "southern
    Africa", "south Asia", "sub-Saharan Africa" are regions of their own, not
    the continent."""
    if ent.label_ not in {"LOC", "GPE"} or ent.text.lower() not in CONTINENTS:
        return ent
    start = ent.start
    before = doc[start - 1] if start > 0 else None
    if before is None or before.ent_type_ or before.lower_ not in COMPASS_WORDS:
        return ent
    start -= 1
    if (  # "sub-Saharan"
        before.lower_ == "saharan"
        and start >= 2
        and doc[start - 1].text == "-"
        and doc[start - 2].lower_ == "sub"
    ):
        start -= 2
    elif before.lower_ == "saharan":
        return ent
    return Span(doc, start, ent.end, label="LOC")


def _of_country(doc: Doc, ent: Span) -> Span:
    """A body of a state with the country the model left out of its name:
    "Ministry of Foreign Affairs" + "of Afghanistan" is the Afghan ministry,
    not the same one as Pakistan's."""
    end = ent.end
    words = [t.lower_ for t in ent if t.lower_ != "the"]
    if (
        ent.label_ != "ORG"
        or not words
        or words[0] not in _STATE_BODIES
        or end + 1 >= len(doc)
        or doc[end].lower_ != "of"
    ):
        return ent
    country = next((e for e in doc.ents if e.start == end + 1), None)
    if country is None or country.label_ != "GPE":
        return ent
    if load_gazetteer().country(country.text) is None:
        return ent
    return Span(doc, ent.start, country.end, label="ORG")


def _hyphen_whole(doc: Doc, ent: Span) -> Span:
    """A name cut at a hyphen, whole: "Croix" + "-des-Bouquets", up to the
    last capitalised part after a small word ("Labour-led" and
    "Russia-Ukraine" stay apart)."""
    if ent.label_ not in {"PERSON", "ORG", "GPE", "LOC", "FAC"}:
        return ent
    end = whole = ent.end
    joined = False  # by a small word: "-des-", "-au-", "-upon-"
    while (
        end + 1 < len(doc)
        and doc[end - 1].whitespace_ == ""
        and doc[end].text == "-"
        and doc[end].whitespace_ == ""
        and doc[end + 1].is_alpha
        and not doc[end + 1].ent_type_
    ):
        end += 2
        if doc[end - 1].is_lower:
            joined = True
        elif doc[end - 1].is_title and joined:
            whole = end
    if whole == ent.end:
        return ent
    return Span(doc, ent.start, whole, label=ent.label_)


def _place_runs(doc: Doc, ents: list[Span]) -> list[Span]:
    """Places' names the model tagged as nothing, or as an ordinal and a
    person: capitalised words bound to a word that ends places' names
    ("Second Thomas Reef", "Wall Street"), outside every other entity."""
    taken = {
        i
        for span in ents
        if span.label_ != "ORDINAL"
        for i in range(span.start, span.end)
    }
    found = []
    for token in doc:
        if (
            token.lower_ not in PLACE_NAME_ENDS
            or not token.text[:1].isupper()
            or token.is_sent_start
            or token.i in taken
        ):
            continue
        start = token.i
        while start > 0:
            before = doc[start - 1]
            if not (
                start - 1 not in taken
                and before.text[:1].isupper()
                and before.is_alpha
                and before.dep_ in {"compound", "amod", "nmod"}
                and start <= before.head.i <= token.i
                and (before.pos_ == "PROPN" or before.ent_type_ == "ORDINAL")
                and before.lower_ not in TITLE_NOUNS
            ):
                break
            start -= 1
        if start < token.i:
            found.append(Span(doc, start, token.i + 1, label="LOC"))
    return found


def _place_opened(ent: Span) -> Span:
    """ "Mount Sinjar", "Lake Chad" tagged a person or a body: a place."""
    if (
        ent.label_ in {"PERSON", "ORG"}
        and len(ent) >= 2
        and ent[0].lower_ in PLACE_NAME_OPENERS
        and ent[1].text[:1].isupper()
    ):
        return Span(ent.doc, ent.start, ent.end, label="LOC")
    return ent


def _whole_name(doc: Doc, ent: Span) -> Span:
    """A person's name cut after a particle, finished: "Ursula von der";
    one whose given name the model left out, opened: "Hector" + "Paul
    Joseph"."""
    ent = _name_begun(doc, ent)
    end = ent.end
    if ent[-1].lower_ not in _PARTICLES or len(ent) < 2:
        return ent
    while end < len(doc) and doc[end].lower_ in _PARTICLES:
        end += 1
    if end < len(doc) and doc[end].is_title:
        return Span(doc, ent.start, end + 1, label="PERSON")
    return ent


def _name_begun(doc: Doc, ent: Span) -> Span:
    """A person's name with the capitalised proper noun before it that is
    bound to it and in no entity: "Abdiweli" + "Mohamed Ali" (no title,
    occupation or honorific, nor a word of a longer capitalised run:
    "Ambassador Song Kim" and "National Security Martin Joseph" give "Song
    Kim" and "Martin Joseph")."""
    start = ent.start
    while start > 0:
        before = doc[start - 1]
        if not (
            before.tag_ == "NNP"
            and before.dep_ == "compound"
            and ent.start <= before.head.i < ent.end
            and not before.ent_type_
            and before.is_title
            and before.is_alpha
            and before.lower_.rstrip(".") not in NAME_TITLES
            and before.lower_ not in TITLE_NOUNS
            and before.lower_ not in OCCUPATION_NOUNS
            and before.lower_ not in _NAME_HONORIFICS
            # "Minister of National Security Martin Joseph": no name
            # begins inside another run of capitalised words
            and not (start > 1 and doc[start - 2].is_title)
        ):
            break
        start -= 1
    if start == ent.start:
        return ent
    return Span(doc, start, ent.end, label="PERSON")


def _listed_prefix(ent: Span, listed: Callable[[str], str | None] | None) -> int:
    """How many opening words of a person's name name a listed organisation
    ("Lib Dem Norman Baker" → 2), leaving at least two words of name."""
    if listed is None:
        return 0
    for size in range(min(len(ent) - 2, 3), 0, -1):
        if listed(ent[:size].text) is not None:
            return size
    return 0


def _place_prefix(doc: Doc, ent: Span) -> int:
    """How many opening words of a person's name name a country or a region
    ("Vermont Bernie Sanders" → 1), leaving at least two capitalised words
    of name whose last the article names a person by elsewhere ("Sanders
    said")."""
    gazetteer = load_gazetteer()
    for size in range(min(len(ent) - 2, 3), 0, -1):
        text = ent[:size].text
        rest = ent[size:]
        if (
            rest[0].is_title
            and rest[0].is_alpha
            and not is_given_name(text)
            and (
                _country_named(text)
                or gazetteer.demonym(text) is not None
                or is_region_spelled(text)
            )
            and _named_elsewhere(doc, ent, rest)
        ):
            return size
    return 0


def _country_named(text: str) -> bool:
    """Whether ``text`` is a country's own name (not a spelling in another
    language: "Dominique" is a given name before it is Dominica)."""
    country = load_gazetteer().country(text, codes=False)
    return country is not None and country.name == text


def _glued_person(
    doc: Doc, ent: Span, listed: Callable[[str], str | None] | None
) -> tuple[int, str]:
    """How many opening words of a body's span name a listed body or a place
    a person's name follows, and their label; (0, "") when none do."""
    split = _listed_prefix(ent, listed)
    if _person_after(doc, ent, split):
        return split, "ORG"
    split = _place_prefix(doc, ent)
    return (split, "GPE") if split else (0, "")


def _person_after(doc: Doc, ent: Span, size: int) -> bool:
    """Whether the words of ``ent`` after its first ``size`` are a person's
    name: at least two capitalised words, the first a listed given name or
    the last one the article names a person by elsewhere."""
    rest = ent[size:]
    return (
        size > 0
        and len(rest) >= 2
        and all(t.is_title or t.text in {"-", "."} for t in rest)
        and (is_given_name(rest[0].text) or _named_elsewhere(doc, ent, rest))
    )


def _named_elsewhere(doc: Doc, ent: Span, rest: Span) -> bool:
    """Whether a person entity of ``doc`` apart from ``ent`` has the family
    name that ends ``rest`` ("Sanders said"; "Jr." and kin are no family
    name)."""
    names = [t.text for t in rest if t.text.rstrip(".").casefold() not in _SUFFIXES]
    if not names:
        return False
    return any(
        e.label_ == "PERSON"
        and (e.end <= ent.start or e.start >= ent.end)
        and names[-1] in {t.text for t in e}
        for e in doc.ents
    )


# What follows a family name and is none: "Robert Downey Jr."
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


# Titles of rank that, with "of" and a place, name one person: "the Sultan of
# Brunei", "the Archbishop of Canterbury", "the Prince of Wales".
_RANK_TITLES = frozenset(
    {"sultan", "emir", "king", "queen", "prince", "princess", "duke", "duchess"}
    | {"archbishop", "bishop", "earl", "countess"}
)


def _titled_people(doc: Doc) -> list[Span]:
    """People named by a title of rank and their place: "the Sultan of
    Brunei" (the title capitalised, the place's words proper nouns)."""
    found: list[Span] = []
    for token in doc:
        of = token.i + 1
        if (
            token.lower_ not in _RANK_TITLES
            or not token.is_title
            or of >= len(doc)
            or doc[of].lower_ != "of"
        ):
            continue
        end = of + 1
        while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title:
            end += 1
        if end > of + 1:
            found.append(Span(doc, token.i, end, label="PERSON"))
    return found


# Labels of names that are no party's: what a country's name inside one says
# is the country ("the Iraq war").
_UNNAMED_LABELS = frozenset({"EVENT", "LAW", "PRODUCT"})


def _names_missed(doc: Doc, ents: list[Span]) -> list[Span]:
    """Single capitalised proper nouns outside every entity (or inside the
    name of a war, a law or a product: "the Iraq war") that are a country's
    name (alone, not in a run of names: "Jordan Henderson") or the family
    name of a person named in full in ``ents``."""
    taken = {
        i
        for ent in ents
        if ent.label_ not in _UNNAMED_LABELS
        for i in range(ent.start, ent.end)
    }
    surnames = {
        form
        for ent in ents
        if ent.label_ == "PERSON" and len(ent) > 1
        for family in (family_name(clean(ent.text)),)
        for form in (family, unaccented(family))
    }
    gazetteer = load_gazetteer()
    found: list[Span] = []
    for token in doc:
        if (
            token.i in taken
            or token.pos_ not in {"PROPN", "NOUN"}
            or not token.is_title
            or not token.is_alpha
        ):
            continue
        if token.text in surnames:  # "Creemers said", read as a noun
            found.append(Span(doc, token.i, token.i + 1, label="PERSON"))
        elif (
            token.pos_ == "PROPN"
            and gazetteer.country(token.text, codes=False) is not None
            and not is_given_name(token.text)
            and (token.ent_type_ in _UNNAMED_LABELS or not _in_name_run(token))
        ):
            found.append(Span(doc, token.i, token.i + 1, label="GPE"))
    return found


def _in_name_run(token: Token) -> bool:
    """Whether a capitalised proper noun stands next to ``token``: "Jordan
    Henderson", "Chad Smith" are people."""
    doc = token.doc
    return any(
        0 <= i < len(doc) and doc[i].pos_ == "PROPN" and doc[i].is_title
        for i in (token.i - 1, token.i + 1)
    )


def _listed_names(
    doc: Doc, ents: list[Span], listed: Callable[[str], str | None]
) -> list[Span]:
    """Listed organisations the model tagged as nothing: capitalised runs of
    words outside every entity whose text is a listed name."""
    taken = {i for ent in ents for i in range(ent.start, ent.end)}
    found: list[Span] = []
    i = 0
    while i < len(doc):
        token = doc[i]
        if i in taken or not (
            token.pos_ == "PROPN" or is_acronym(token) or _named_adjective(token)
        ):
            # "Labour costs", "Shell companies": common nouns, not the names
            i += 1
            continue
        size = 0
        for n in range(min(_LONGEST_LISTED, len(doc) - i), 0, -1):
            span = doc[i : i + n]
            last = span[-1]
            if any(j in taken for j in range(i, i + n)) or not (
                last.is_title or last.is_upper
            ):
                continue
            if listed(span.text) is not None:
                size = n
                break
        if size:
            found.append(Span(doc, i, i + size, label="ORG"))
            i += size
        else:
            i += 1
    return found


def _named_adjective(token: Token) -> bool:
    """A capitalised adjective inside a sentence ("a Conservative health
    spokesman"), or one before a member's word anywhere ("Conservative MP
    ..."): perhaps a party's name; "Conservative estimates" opening a
    sentence is not."""
    if token.pos_ != "ADJ" or not token.is_title:
        return False
    return not token.is_sent_start or token.head.lower_ in _MEMBER_WORDS


def phrase(token: Token) -> Span:
    left = min([token.i, *(t.i for t in token.lefts if t.dep_ == "compound")])
    return token.doc[left : token.i + 1]


def of_object(token: Token) -> Token | None:
    for prep in token.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def trim(span: Span) -> tuple[int, int]:
    """Character offsets of the span without a leading "the" or trailing "'s"."""
    tokens = list(span)
    while tokens and (tokens[0].lower_ == "the" or tokens[0].is_punct):
        tokens.pop(0)
    while tokens and (tokens[-1].tag_ == "POS" or tokens[-1].is_punct):
        tokens.pop()
    if not tokens:
        return 0, 0
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def clean(text: str) -> str:
    """A name without "the", a possessive, an honorific or half a bracket.

    Examples:
        >>> clean("the Agency for Trade (AFT")
        'Agency for Trade'
        >>> clean("Mr Blair's")
        'Blair'
    """
    text = " ".join(text.split())
    text = re.sub(r"^(?:the|The)\s+", "", text)
    text = re.sub(r"['’]s?$", "", text).strip()
    text = balanced(text)
    return _HONORIFICS.sub("", text)


def balanced(text: str) -> str:
    """Cut an unbalanced bracket and what follows it: "Agency for Trade (AFT"."""
    for opening, closing in (("(", ")"), ("[", "]")):
        if text.count(opening) != text.count(closing):
            if opening in text and text.rfind(opening) > text.rfind(closing):
                text = text[: text.rfind(opening)]
            text = (
                text.replace(closing, "")
                if text.count(closing) > text.count(opening)
                else text
            )
    return text.strip(" ,;:-")


def is_portfolio(token: Token) -> bool:
    """Whether a capitalised word names a minister's field, not a body:
    "Finance" of "Finance Minister", "Commerce" and "Industry" of "Commerce
    and Industry Minister", "Trade" of "Trade Secretary"."""
    doc = token.doc
    if not token.is_title:
        return False

    def text(i: int) -> str:
        return doc[i].text if 0 <= i < len(doc) else ""

    i = token.i
    if text(i + 1) in _FIELD_TITLES:  # "Finance Minister", "Industry" of "... and"
        return True
    return (  # the first field: "Commerce" of "Commerce and Industry Minister"
        text(i + 1).lower() == "and"
        and text(i + 2).istitle()
        and text(i + 3) in _FIELD_TITLES
    )


def is_junk(text: str, label: str) -> bool:
    """Initials, identifiers, dates dressed as persons, lone letters, a title
    word alone."""
    if len(text) < 2 or not any(c.isalpha() for c in text):
        return True
    if text.islower() and len(text) <= 4:
        return True
    if _ID_LIKE.fullmatch(text):
        return True
    if " " not in text and text.casefold() in _TITLE_WORDS:
        return True  # "Prime" of "Prime minister's questions" opening a sentence
    return label == "PERSON" and (
        any(c.isdigit() for c in text) or bool(_CALENDAR.fullmatch(text))
    )


def is_calendar(text: str) -> bool:
    """Whether ``text`` is a day or month the model took for a name ("July met").

    Examples:
        >>> is_calendar("Tuesday"), is_calendar("March 4"), is_calendar("Marcher")
        (True, True, False)
    """
    return _CALENDAR.fullmatch(text) is not None
