"""Wikidata items of known entities: each country's, by ISO 3166 alpha-3 code.

The table (``wikidata_countries.tsv``) comes from the public-domain dataset
datasets/country-codes (its header names the commit and columns). An entity
with an item is written with ``owl:sameAs`` to it, so that kg's graph joins
Wikidata in a federated query.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

__all__ = ["WIKIDATA", "country_item"]

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


@cache
def _countries() -> dict[str, str]:
    text = (resources.files("kg.resources") / "wikidata_countries.tsv").read_text(
        encoding="utf-8"
    )
    found: dict[str, str] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            code, item = line.split("\t")
            found[code] = item
    return found
