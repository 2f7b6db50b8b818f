"""Entity spans the model drew over more than one name, cut into names.

* a list: "Twitter, Instagram and Facebook", "Nottinghamshire, Derbyshire,
  Leicestershire" → one span per name;
* two names joined by "and" when both are known (places, countries, listed
  bodies: "Kenya and Somalia"), both given names ("Frederick and David"), or
  both names of two or more capitalised words with nothing between but "and"
  ("Hard Candy and Urban Decay"; not "Department of Trade and Industry", nor
  "Marks and Spencer");
* a body's name run into a person's at an honorific: "Foreign Policy Centre
  Mr Straw" → "Foreign Policy Centre", "Mr Straw";
* a body's name run into the name of who has it, named on its own elsewhere:
  "Chen's Democratic Progressive Party" → "Chen", "Democratic Progressive
  Party";
* edges that are no part of the name: a leading article "a" or a word cut at a
  hyphen ("point- al-Qaeda"), text after a spaced dash ("Veritas - Latin"),
  and a trailing nationality after a body's name ("Tampa Bay Buccaneers
  American").
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span

from kg.resources.gazetteer import load_gazetteer
from kg.resources.names import given_name_gender
from kg.resources.places import is_place_name

__all__ = ["separated"]

_SEPARABLE = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
_HONORIFIC_WORDS = frozenset({"mr", "mrs", "ms", "dr", "mr.", "mrs.", "ms.", "dr."})
# What follows a comma inside one name: "Apple, Inc.", "Martin Luther King, Jr."
_SUFFIXES = frozenset(
    {"inc", "inc.", "ltd", "ltd.", "llc", "co", "co.", "corp", "corp.", "plc"}
    | {"sa", "ag", "nv", "jr", "jr.", "sr", "sr.", "ii", "iii"}
)
_JOINERS = frozenset({"and", "&"})


def separated(
    doc: Doc, ent: Span, listed: Callable[[str], str | None] | None = None
) -> list[Span]:
    """The names ``ent`` spans (itself, trimmed, when it spans one)."""
    ent = _trimmed(doc, ent)
    if len(ent) == 0 or ent.label_ not in _SEPARABLE:
        return [ent] if len(ent) else []
    if _known(ent.text, listed):
        return [ent]
    parts = (
        _list_parts(doc, ent)
        or _pair_parts(doc, ent, listed)
        or _possessor_parts(doc, ent)
    )
    if parts:
        return parts
    return _at_honorific(doc, ent)


def _trimmed(doc: Doc, ent: Span) -> Span:
    start, end = ent.start, ent.end
    while start < end and (
        doc[start].lower_ in {"a", "an"}
        or (doc[start].text.endswith("-") and len(doc[start].text) > 1)
        or doc[start].text in {"-", "–", "—"}
    ):
        start += 1
    for i in range(start + 1, end):
        if doc[i].text in {"-", "–", "—"} and doc[i - 1].whitespace_:
            end = i  # "Veritas - Latin"
            break
    if (
        ent.label_ == "ORG"
        and end - start >= 3
        and load_gazetteer().demonym(doc[end - 1].text) is not None
    ):
        end -= 1  # "Tampa Bay Buccaneers American"
    if (start, end) == (ent.start, ent.end):
        return ent
    return Span(doc, start, end, label=ent.label_)


def _list_parts(doc: Doc, ent: Span) -> list[Span]:
    """ "A, B and C", "A, B, C": every part a capitalised name."""
    if not any(t.text == "," for t in ent):
        return []
    bounds: list[tuple[int, int]] = []
    start = ent.start
    for token in ent:
        if (
            token.text == ","
            or (
                token.lower_ in _JOINERS
                and any(t.text == "," for t in doc[start : token.i])
            )
            or (token.lower_ in _JOINERS and bounds)
        ):
            bounds.append((start, token.i))
            start = token.i + 1
    bounds.append((start, ent.end))
    parts = [(s, e) for s, e in bounds if e > s]
    if len(parts) < 2 or any(
        not doc[s].text[:1].isupper() or doc[s].lower_ in _SUFFIXES for s, e in parts
    ):
        return []
    return [Span(doc, s, e, label=ent.label_) for s, e in parts]


def _pair_parts(
    doc: Doc, ent: Span, listed: Callable[[str], str | None] | None
) -> list[Span]:
    """ "A and B" of two known names, two given names or two longer names
    (never "A & B": an ampersand joins the words of one name, "Securities &
    Exchange Commission", "Marks & Spencer")."""
    joiners = [t.i for t in ent if t.lower_ in _JOINERS]
    if len(joiners) != 1 or doc[joiners[0]].text == "&":
        return []
    middle = joiners[0]
    left, right = doc[ent.start : middle], doc[middle + 1 : ent.end]
    if not len(left) or not len(right):
        return []
    words = [*left, *right]
    both_known = _known(left.text, listed) and _known(right.text, listed)
    both_given = (
        len(left) == len(right) == 1
        and given_name_gender(left.text) is not None
        and given_name_gender(right.text) is not None
    )
    both_long = (
        len(left) >= 2 and len(right) >= 2 and all(t.text[:1].isupper() for t in words)
    )
    if not (both_known or both_given or both_long):
        return []
    return [
        Span(doc, ent.start, middle, label=ent.label_),
        Span(doc, middle + 1, ent.end, label=ent.label_),
    ]


def _possessor_parts(doc: Doc, ent: Span) -> list[Span]:
    """ "Chen's Democratic Progressive Party", "Cornell University's Emerging
    Markets Institute": a body's name run into the name of who has it, when
    the article names the possessor on its own too ("Chen Shui-bian",
    "Cornell University"; "People's Liberation Army" stays whole)."""
    if ent.label_ != "ORG":
        return []
    for token in ent[1:-1]:
        if token.lower_ not in {"'s", "’s"} or not doc[token.i + 1].text[:1].isupper():
            continue
        owner = doc[ent.start : token.i]
        named = [
            other
            for other in doc.ents
            if other.start != ent.start
            and (
                other.text == owner.text
                or (other.label_ == "PERSON" and owner.text in other.text.split())
            )
        ]
        if not named:
            return []
        label = next((o.label_ for o in named if o.text == owner.text), "PERSON")
        return [
            Span(doc, ent.start, token.i, label=label),
            Span(doc, token.i + 1, ent.end, label="ORG"),
        ]
    return []


def _at_honorific(doc: Doc, ent: Span) -> list[Span]:
    """ "Foreign Policy Centre Mr Straw": the body, then the person."""
    for token in ent[1:]:
        if token.lower_ in _HONORIFIC_WORDS and token.i + 1 < ent.end:
            return [
                Span(doc, ent.start, token.i, label=ent.label_),
                Span(doc, token.i, ent.end, label="PERSON"),
            ]
    return [ent]


def _known(text: str, listed: Callable[[str], str | None] | None) -> bool:
    """A place, a country or a listed body."""
    return (
        is_place_name(text)
        or load_gazetteer().country(text) is not None
        or (listed is not None and listed(text) is not None)
    )
