"""The country gazetteer, built from pycountry and countryinfo.

pycountry gives ISO 3166 codes, official and common names; countryinfo adds
alternative spellings, capitals and demonyms. Acronyms (DPRK, ROK, UAE, US, UK)
are derived from the multi-word names. A surface form two countries share
goes to the stronger claim (see ``_best``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from types import MappingProxyType
from typing import Any

import countryinfo
import pycountry

__all__ = ["Country", "Gazetteer", "load_gazetteer"]

_DROP_WORDS = re.compile(r"^(?:the)\s+", re.IGNORECASE)
_OF_THE = re.compile(r"\bof the\s+", re.IGNORECASE)
# Common news names and demonyms neither library lists, by ISO alpha-3 code.
_EXTRA_NAMES = {
    "GBR": ("Britain",),
    "VAT": ("Vatican",),
    "MKD": ("Macedonia",),
    "MMR": ("Burma",),
    "SWZ": ("Swaziland",),
}
# Where news usage has moved on from countryinfo's name.
_PREFERRED_NAMES = {"MMR": "Myanmar", "SWZ": "Eswatini", "CZE": "Czech Republic"}
_EXTRA_DEMONYMS = {"SAU": ("Saudi",), "PHL": ("Philippine",), "MMR": ("Myanmar",)}
_LOWER_WORDS = frozenset({"of", "the", "and"})
# Codes news never uses for a country: "D.C." is Washington's district.
_NOT_CODES = frozenset({"DC"})


@dataclass(frozen=True, slots=True)
class Country:
    """A sovereign country or territory with its ISO codes; a territory
    (``kg/resources/territories.tsv``) is no state: "Hong Kong", "Guam"."""

    name: str
    iso2: str
    iso3: str
    sovereign: bool = True


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Look-ups from surface forms to countries.

    ``names`` is keyed by case-folded name; ``codes`` by exact upper-case code
    or acronym; ``demonyms`` and ``capitals`` by case-folded form.
    """

    names: MappingProxyType[str, Country]
    codes: MappingProxyType[str, Country]
    demonyms: MappingProxyType[str, Country]
    capitals: MappingProxyType[str, Country]

    def country(self, text: str, *, codes: bool = True) -> Country | None:
        """The country a name, code or acronym denotes (a name only, when
        ``codes`` is false: "IRA", an acronym of "Islamic Republic of
        Afghanistan", names a country only where nothing else claims it).

        Examples:
            >>> gaz = load_gazetteer()
            >>> [gaz.country(t).name for t in ("DPRK", "the US", "Russian Federation")]
            ['North Korea', 'United States', 'Russia']
            >>> gaz.country("us") is None
            True
        """
        text = _DROP_WORDS.sub("", text.strip()).replace("’", "'")
        compact = text.replace(".", "")
        if codes and compact.isupper() and compact not in _NOT_CODES:
            found = self.codes.get(compact)
            if found:
                return found
        return self.names.get(text.casefold())

    def demonym(self, text: str) -> Country | None:
        """The country of a demonym ("North Korean", "Ukrainians").

        Examples:
            >>> load_gazetteer().demonym("North Korean").name
            'North Korea'
        """
        return self.demonyms.get(text.strip().casefold())

    def capital(self, text: str) -> Country | None:
        """The country whose capital this is ("Pyongyang", "Washington").

        Examples:
            >>> load_gazetteer().capital("Moscow").name
            'Russia'
        """
        return self.capitals.get(_DROP_WORDS.sub("", text.strip()).casefold())


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Build the gazetteer once per process."""
    names: _Table = {}
    codes: _Table = {}
    demonyms: _Table = {}
    capitals: _Table = {}
    for row in _countries():
        country, rank = row.country, row.population
        acronyms = {a for form in row.names | row.alternatives for a in _acronyms(form)}
        for acronym in acronyms:
            # Acronyms rank by population alone: ROK is South Korea, not Kenya.
            _add(codes, acronym, country, 2, rank)
        for strength, forms in enumerate((row.names, row.alternatives)):
            for raw in forms:
                form = _DROP_WORDS.sub("", raw).replace("’", "'")
                compact = form.replace(".", "")
                if not compact.isupper():
                    _add(names, form.casefold(), country, strength, rank)
                    # "Democratic Republic of Congo" as often as "... of the Congo"
                    bare = _OF_THE.sub("of ", form)
                    if bare != form:
                        _add(names, bare.casefold(), country, strength + 1, rank)
                elif len(compact) > 2 or compact in acronyms:
                    # Two-letter ISO codes collide with words (IT, IN, AT);
                    # only those that are also initialisms (US, UK) count.
                    _add(codes, compact, country, strength, rank)
        _add(codes, country.iso3, country, 0, rank)
        for demonym in (row.demonym, *_EXTRA_DEMONYMS.get(country.iso3, ())):
            if demonym:
                for form in (demonym, demonym + "s"):
                    _add(demonyms, form.casefold(), country, 0, rank)
        for cap in _capital_forms(row.capital):
            _add(capitals, cap.casefold(), country, 0, rank)
    return Gazetteer(
        names=MappingProxyType(_best(names)),
        codes=MappingProxyType(_best(codes)),
        demonyms=MappingProxyType(_best(demonyms)),
        capitals=MappingProxyType(_best(capitals)),
    )


@dataclass(frozen=True, slots=True)
class _Row:
    country: Country
    names: frozenset[str]
    alternatives: frozenset[str]
    capital: str
    demonym: str
    population: int


# surface form -> {country: (strength, -population)}; lower wins
_Table = dict[str, dict[Country, tuple[int, int]]]


def _add(table: _Table, form: str, country: Country, strength: int, rank: int) -> None:
    key = (strength, -rank)
    entries = table.setdefault(form, {})
    entries[country] = min(entries.get(country, key), key)


def _best(table: _Table) -> dict[str, Country]:
    """Resolve each form to its strongest claimant.

    A form is kept when one country claims it more strongly (its own name over
    an alternative spelling over an acronym); among equally strong claims, the
    most populous country wins ("American" is the United States, not the
    Northern Mariana Islands).
    """
    out = {}
    for form, entries in sorted(table.items()):
        ranked = sorted(entries.items(), key=lambda kv: (kv[1], kv[0].iso3))
        out[form] = ranked[0][0]
    return out


def _countries() -> list[_Row]:
    info: dict[str, dict[str, Any]] = {}
    for entry in countryinfo.all_countries():
        data: dict[str, Any] = dict(entry.info())
        iso = data.get("ISO") or {}
        if not (isinstance(iso, dict) and iso.get("alpha3")):
            continue
        key = str(iso["alpha3"])
        if _population(data) >= _population(info.get(key, {})):
            info[key] = data
    territories = _territories()
    rows = []
    for record in pycountry.countries:
        extra = info.get(record.alpha_3, {})
        common = getattr(record, "common_name", None)
        name = _PREFERRED_NAMES.get(record.alpha_3) or str(
            extra.get("name") or common or record.name
        )
        names = {name, record.name}
        for attr in ("common_name", "official_name"):
            if getattr(record, attr, None):
                names.add(getattr(record, attr))
        alt = extra.get("altSpellings") or []
        alternatives = set()
        if isinstance(alt, list):
            alternatives = {
                str(a) for a in alt if str(a).isascii() and len(str(a)) >= 2
            }
        alternatives |= set(_EXTRA_NAMES.get(record.alpha_3, ()))
        rows.append(
            _Row(
                country=Country(
                    name=name,
                    iso2=record.alpha_2,
                    iso3=record.alpha_3,
                    sovereign=record.alpha_3 not in territories,
                ),
                names=frozenset(names),
                alternatives=frozenset(alternatives - names),
                capital=str(extra.get("capital") or ""),
                demonym=str(extra.get("demonym") or ""),
                population=_population(extra),
            )
        )
    return rows


def _territories() -> frozenset[str]:
    """ISO alpha-3 codes of the entries that are no sovereign state."""
    text = files("kg.resources").joinpath("territories.tsv").read_text(encoding="utf-8")
    return frozenset(
        line.split("\t", 1)[0]
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    )


def _population(data: dict[str, Any]) -> int:
    value = data.get("population")
    return value if isinstance(value, int) else 0


def _acronyms(name: str) -> set[str]:
    """Initialisms of a multi-word name: with and without "of" (ROK, DPRK)."""
    words = re.findall(r"[A-Za-z][\w']*", name)
    if len(words) < 2 or "," in name:
        return set()
    capitalised = [w for w in words if w[0].isupper()]
    out = set()
    if len(capitalised) >= 2:
        out.add("".join(w[0] for w in capitalised))
    with_of = [w for w in words if w[0].isupper() or w == "of"]
    if len(with_of) >= 3:
        out.add("".join(w[0].upper() for w in with_of))
    return out


def _capital_forms(capital: str) -> set[str]:
    if not capital:
        return set()
    forms = {capital}
    short = re.sub(r",?\s+D\.?C\.?$", "", capital)
    forms.add(short)
    return forms
