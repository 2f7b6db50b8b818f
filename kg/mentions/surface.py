"""The surface of a mention: the phrase around a token, trimmed and cleaned,
and the model's entity spans repaired; what is no name at all."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

__all__ = [
    "balanced",
    "clean",
    "is_acronym",
    "is_calendar",
    "is_junk",
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
_ID_LIKE = re.compile(r"(?=.*\d)[A-Za-z0-9_\-]{6,}")


def is_acronym(token: Token) -> bool:
    """An all-capitals word the model took for a common noun ("ECOWAS")."""
    return token.is_alpha and len(token.text) > 1 and token.text.isupper()


def repaired_entities(doc: Doc) -> tuple[Span, ...]:
    """The model's entities, with a country prefix it split off an organisation
    put back: "UK" + "Independence Party" → "UK Independence Party"."""
    out = []
    for ent in doc.ents:
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
        out.append(ent)
    return tuple(out)


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


def is_junk(text: str, label: str) -> bool:
    """Initials, identifiers, dates dressed as persons, lone letters."""
    if len(text) < 2 or not any(c.isalpha() for c in text):
        return True
    if text.islower() and len(text) <= 4:
        return True
    if _ID_LIKE.fullmatch(text):
        return True
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
