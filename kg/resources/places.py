"""Towns, cities and regions by name: what a name the model tags as a person
or a body may be ("in Quetta", "Nottinghamshire, Derbyshire and Yorkshire").

The table (``places.tsv``) lists the towns and cities of 15,000 people or
more (GeoNames) and the subdivisions of every country (ISO 3166-2), made by
``scripts/make_places.py``; its header names the sources and licences.
Names are matched as written and with their accents dropped ("Sao Paulo").
A name that is also a common word of place descriptions ("Central",
"Northern") is left out: it says nothing alone.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from kg.resources.names import unaccented

__all__ = ["is_place_name", "is_place_spelled", "place_names"]

# Subdivision names that are plain words of direction or kind.
_PLAIN = frozenset(
    [
        "central",
        "north",
        "northern",
        "south",
        "southern",
        "east",
        "eastern",
        "west",
        "western",
        "capital",
        "coast",
        "centre",
        "center",
        "city",
        "islands",
        "island",
        "lakes",
        "upper",
        "lower",
        "middle",
        "interior",
        "border",
        "mountain",
        "mountains",
        "river",
        "valley",
        "highlands",
        "midlands",
    ]
)


def is_place_name(text: str) -> bool:
    """Whether ``text`` is the name of a town, city or region.

    Examples:
        >>> is_place_name("Quetta"), is_place_name("Nottinghamshire")
        (True, True)
        >>> is_place_name("Sao Paulo"), is_place_name("Central")
        (True, False)
    """
    return _fold(text) in place_names()


def is_place_spelled(text: str) -> bool:
    """Whether ``text`` is a town's, city's or region's name as the table
    spells it, accents and case too ("Kakuma"; "Bush" is not "Būsh")."""
    return text in _spelled()


def is_region_spelled(text: str) -> bool:
    """Whether ``text`` is a first- or second-level subdivision's name as the
    table spells it ("Vermont", "Tamil Nadu"; not the town "Elizabeth")."""
    return text in _regions()


@cache
def _regions() -> frozenset[str]:
    return frozenset(name for name, kind in _table() if kind == "region")


@cache
def _spelled() -> frozenset[str]:
    return frozenset(_table_names())


@cache
def place_names() -> frozenset[str]:
    """Every place name of the table, folded (see :func:`is_place_name`)."""
    return frozenset(_fold(name) for name in _table_names())


@cache
def _table_names() -> tuple[str, ...]:
    """The table's place names as it spells them, plain words of direction
    or kind left out."""
    return tuple(name for name, _ in _table())


@cache
def _table() -> tuple[tuple[str, str], ...]:
    """The table's (name, kind) rows, read once; plain words of direction or
    kind left out."""
    table = resources.files("kg.resources").joinpath("places.tsv")
    rows = (
        line.split("\t")
        for line in table.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    )
    return tuple(
        (fields[0], fields[2] if len(fields) > 2 else "")
        for fields in rows
        if _fold(fields[0]) not in _PLAIN
    )


def _fold(text: str) -> str:
    """Case-folded, accents dropped, single spaces."""
    return " ".join(unaccented(text).casefold().split())
