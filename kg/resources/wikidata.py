"""Wikidata items of known entities: each country's, by ISO 3166 alpha-3 code,
and the international bodies', by label.

The country table (``wikidata_countries.tsv``) comes from the public-domain
dataset datasets/country-codes (its header names the commit and columns); the
bodies' table (``wikidata_organizations.tsv``) says in its header how each
item was checked. An entity with an item is written with ``owl:sameAs`` to
it, so that kg's graph joins Wikidata in a federated query.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from kg.records import Entity, EntityType

__all__ = ["WIKIDATA", "country_item", "entity_item", "organization_item"]

WIKIDATA = "http://www.wikidata.org/entity/"


def country_item(iso3: str | None) -> str | None:
    """The Wikidata item IRI of a country, or None.

    Examples:
        >>> country_item("PRK")
        'http://www.wikidata.org/entity/Q423'
        >>> country_item("XXX") is None
        True
    """
    if not iso3:
        return None
    item = _countries().get(iso3.upper())
    return f"{WIKIDATA}{item}" if item else None


def organization_item(label: str) -> str | None:
    """The Wikidata item IRI of a listed international body, or None.

    Examples:
        >>> organization_item("NATO")
        'http://www.wikidata.org/entity/Q7184'
        >>> organization_item("First National Bank") is None
        True
    """
    item = _table("wikidata_organizations.tsv").get(label)
    return f"{WIKIDATA}{item}" if item else None


def entity_item(entity: Entity) -> str | None:
    """The Wikidata item IRI of a country (by its ISO code) or of a listed
    international body (by its label), or None."""
    if entity.iso3:
        return country_item(entity.iso3)
    if entity.type is EntityType.ORGANIZATION and not entity.based_in:
        return organization_item(entity.label)
    return None


def _countries() -> dict[str, str]:
    return _table("wikidata_countries.tsv")


@cache
def _table(name: str) -> dict[str, str]:
    text = (resources.files("kg.resources") / name).read_text(encoding="utf-8")
    found: dict[str, str] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            key, item = line.split("\t")
            found[key] = item
    return found
