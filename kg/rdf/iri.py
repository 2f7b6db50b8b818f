"""Deterministic IRI minting: IRIs come from content, never from randomness."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import quote

from rdflib import URIRef

from kg.records import Entity, Event, Role

__all__ = [
    "DEFAULT_BASE",
    "argument_iri",
    "article_iri",
    "check_base",
    "entity_iri",
    "event_iri",
    "relation_iri",
    "slug",
]

from kg.rdf import DEFAULT_BASE

_NON_WORD = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """A readable, IRI-safe slug; lossy slugs get a hash suffix to stay unique.

    Examples:
        >>> slug("North Korea")
        'north-korea'
        >>> slug("AT&T") != slug("AT T")
        True
        >>> slug("北京").startswith("x-")
        True
    """
    folded = " ".join(text.casefold().split())
    ascii_text = (
        unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    )
    base = _NON_WORD.sub("-", ascii_text).strip("-")
    if base and base.replace("-", " ") == folded:
        return base
    digest = hashlib.sha256(folded.encode("utf-8")).hexdigest()[:8]
    return f"{base}-{digest}" if base else f"x-{digest}"


def check_base(base: str) -> str:
    """Validate a base IRI: absolute http(s) and ending in ``/`` or ``#``."""
    from kg.errors import KGError

    if not re.match(r"^https?://[^\s<>\"{}|\\^`]+[/#]$", base):
        raise KGError(
            f"Invalid --base-iri {base!r}: give an absolute http(s) IRI ending in "
            "'/' or '#', e.g. https://example.org/kg/"
        )
    return base


def article_iri(base: str, article_id: str) -> URIRef:
    """The IRI of an article, from its identifier."""
    return URIRef(f"{base}article/{quote(article_id, safe='-._~')}")


def entity_iri(base: str, entity: Entity) -> URIRef:
    """The IRI of an entity, from its type and canonical label.

    An entity the text ties to a country ("Nigeria's First National Bank")
    gets that country in its IRI, so namesakes elsewhere stay apart.
    """
    name = f"{entity.label} {entity.based_in}" if entity.based_in else entity.label
    return URIRef(f"{base}{entity.type.value.lower()}/{slug(name)}")


def event_iri(base: str, event: Event) -> URIRef:
    """The IRI of an event, from a hash of its article, trigger, class and fillers."""
    parts = [
        event.article_id,
        str(event.trigger_start),
        event.event_class,
        *(f"{a.role.value}={a.mention.entity.key}" for a in event.arguments),
    ]
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]
    return URIRef(f"{base}event/{digest}")


def argument_iri(event: URIRef, role: Role) -> URIRef:
    """The IRI of one filled role of an event."""
    return URIRef(f"{event}/{role.value}")


def relation_iri(base: str, lemma: str) -> URIRef:
    """The derived-view property of a generic event's trigger lemma."""
    return URIRef(f"{base}relation/{slug(lemma)}")
