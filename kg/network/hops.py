"""The text of a hop: who did what to whom, the quote around it, and its source."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from kg.records import Factuality, Hop, Link, Role
from kg.resources.ontology import GENERIC, direct_properties

__all__ = ["bare_verb", "describe", "excerpt", "hop_to_dict", "verb_phrase"]

_EXCERPT = 70  # characters of context either side of the trigger


def describe(hop: Hop) -> str:
    """A hop as a readable line: who did what to whom, the quote and its source.

    Examples:
        >>> from kg.records import Factuality, Link, Node, Role
        >>> nk = Node("x:nk", "North Korea", "Country")
        >>> ru = Node("x:ru", "Russia", "Country")
        >>> link = Link("x:e", "x:nk", "x:ru", Role.RECIPIENT, "Supply", "provide",
        ...     "provided", 13, ("ballistic missile",), None, Factuality.ASSERTED,
        ...     0.8, "North Korea provided Russia with missiles.", "x:a",
        ...     "2024-01-04", "KUNA")
        >>> print(describe(Hop(nk, ru, (link,))))  # doctest: +NORMALIZE_WHITESPACE
        North Korea —supplied ballistic missile to→ Russia
        "North Korea provided Russia with missiles." (KUNA, 2024-01-04)
    """
    link = hop.links[0]
    phrase = verb_phrase(link)
    if hop.forward:
        line = f"{hop.source.label} —{phrase}→ {hop.target.label}"
    else:
        line = f"{hop.source.label} ←{phrase}— {hop.target.label}"
    source = ", ".join(x for x in (link.outlet, link.published) if x) or link.article
    more = len(hop.links) - 1
    extra = f" (+{more} more event{'s' if more > 1 else ''})" if more else ""
    return f'{line}  "{excerpt(link.evidence, link.trigger_at)}" ({source}){extra}'


def hop_to_dict(hop: Hop) -> dict[str, Any]:
    """A hop as JSON-ready data: ends, direction, readable text and every link."""
    return {
        "from": asdict(hop.source),
        "to": asdict(hop.target),
        "forward": hop.forward,
        "text": describe(hop),
        "evidence": [asdict(link) for link in hop.links],
    }


def verb_phrase(link: Link) -> str:
    """What the agent did, as a phrase: "supplied ballistic missile to", "used".

    Typed events read as their class's direct property ("supplied"); generic
    ones as their trigger word. A factuality other than asserted is appended.
    """
    verb = bare_verb(link)
    themes = ", ".join(link.themes)
    if link.role is Role.RECIPIENT and themes:
        verb = f"{verb} {themes} to"
    elif link.role is Role.TARGET and themes:
        verb = f"{verb} with {themes}"
    if link.factuality is not Factuality.ASSERTED:
        verb = f"{verb} [{link.factuality.value}]"
    return verb


def bare_verb(link: Link) -> str:
    """The verb of a link alone: "supplied", "agreed with", or the trigger word.

    Examples:
        >>> from kg.records import Factuality, Link, Role
        >>> bare_verb(Link("e", "a", "b", Role.TARGET, "Agreement", "sign", "signed",
        ...     0, (), None, Factuality.ASSERTED, 0.8, "A signed with B.", "x"))
        'agreed with'
    """
    if link.event_class == GENERIC:
        return link.trigger.casefold()
    prop = direct_properties().get(link.event_class, link.relation)
    return "".join(f" {c.lower()}" if c.isupper() else c for c in prop)


def excerpt(sentence: str, at: int, width: int = _EXCERPT) -> str:
    """The part of ``sentence`` around offset ``at``, cut at word boundaries.

    Examples:
        >>> excerpt("a " * 50 + "TRIGGER" + " b" * 50, 100, width=10)
        '… a a a a TRIGGER b b b b b …'
    """
    word_end = sentence.find(" ", at)
    word_end = len(sentence) if word_end < 0 else word_end
    start = max(0, at - width)
    end = min(len(sentence), word_end + width)
    if start > 0:
        space = sentence.find(" ", start)
        start = space + 1 if 0 <= space < at else start
    if end < len(sentence):
        space = sentence.rfind(" ", word_end, end + 1)
        end = space if space > word_end else end
    head = "… " if start > 0 else ""
    tail = " …" if end < len(sentence) else ""
    return f"{head}{sentence[start:end].strip()}{tail}"
