"""Deterministic IRI minting: IRIs come from content, never from randomness.

Every IRI kg writes is minted here, as a plain string (the rdflib route wraps
them in ``URIRef``), plus the content digest ``--resume`` compares.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import PurePath
from urllib.parse import quote

from kg._version import __version__
from kg.records import Entity, Event, Role

__all__ = [
    "DEFAULT_BASE",
    "argument_iri",
    "article_hash",
    "article_iri",
    "check_base",
    "entity_iri",
    "event_iri",
    "relation_iri",
    "slug",
    "source_file",
]

from kg.rdf import DEFAULT_BASE

_NON_WORD = re.compile(r"[^a-z0-9]+")


def article_hash(text: str) -> str:
    """A digest of an article's text and the extractor version (``kg:contentHash``).

    ``kg build --resume`` skips articles stored with the same digest: same
    text, same kg version.
    """
    return hashlib.sha256(f"{__version__}\x1f{text}".encode()).hexdigest()


def source_file(origin: str) -> str:
    """The file an article came from without its folders (and its line).

    Examples:
        >>> source_file("/data/feeds/wire.jsonl:12"), source_file("seeds/a.txt")
        ('wire.jsonl:12', 'a.txt')
    """
    return PurePath(origin).name


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


def article_iri(base: str, article_id: str) -> str:
    """The IRI of an article, from its identifier."""
    return f"{base}article/{quote(article_id, safe='-._~')}"


def entity_iri(base: str, entity: Entity) -> str:
    """The IRI of an entity, from its type and canonical label.

    An entity the text ties to a country ("Nigeria's First National Bank")
    gets that country in its IRI, so namesakes elsewhere stay apart.
    """
    name = f"{entity.label} {entity.based_in}" if entity.based_in else entity.label
    return f"{base}{entity.type.value.lower()}/{slug(name)}"


def event_iri(base: str, event: Event) -> str:
    """The IRI of an event, from a hash of its article, trigger, class and fillers."""
    parts = [
        event.article_id,
        str(event.trigger_start),
        event.event_class,
        *(f"{a.role.value}={a.mention.entity.key}" for a in event.arguments),
    ]
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]
    return f"{base}event/{digest}"


def argument_iri(event: str, role: Role) -> str:
    """The IRI of one filled role of an event."""
    return f"{event}/{role.value}"


def relation_iri(base: str, lemma: str) -> str:
    """The derived-view property of a generic event's trigger lemma."""
    return f"{base}relation/{slug(lemma)}"
