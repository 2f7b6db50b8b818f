"""What a page's filters keep: event classes, a time range and factualities.

Parameters come from the query string (``?class=Supply&from=2024-01&to=2024-06
&factuality=asserted``); anything that cannot be read is a :class:`ParameterError`
with a message for the user (the app answers 400 with it).

Examples:
    >>> f = Filters.parse({"class": ["Supply"], "from": ["2024-02"]})
    >>> f.keeps("Supply", "2024-03", "asserted")
    True
    >>> f.keeps("Supply", "2024-01-31", "asserted")
    False
    >>> f.keeps("Supply", "2024", "asserted")  # a year overlapping the range
    True
    >>> Filters.parse({"from": ["March"]})
    Traceback (most recent call last):
    ...
    kg.errors.ParameterError: from='March': give a date as YYYY, YYYY-MM or YYYY-MM-DD
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

from kg.errors import ParameterError
from kg.records import Factuality

__all__ = ["Filters", "flag", "number", "one"]

_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_FACTUALITIES = frozenset(f.value for f in Factuality)


@dataclass(frozen=True, slots=True)
class Filters:
    """Events to keep: any of ``classes`` (all when empty), overlapping
    ``start``..``end`` (dates as prefixes of YYYY-MM-DD), any of
    ``factualities`` (all when empty)."""

    classes: frozenset[str] = frozenset()
    start: str | None = None
    end: str | None = None
    factualities: frozenset[str] = frozenset()

    @classmethod
    def parse(cls, params: Mapping[str, Sequence[str]]) -> Filters:
        """Read ``class``, ``from``, ``to`` and ``factuality`` (each may repeat)."""
        classes = frozenset(v for v in _values(params, "class"))
        known = event_classes()
        for name in sorted(classes - known):
            raise ParameterError(
                f"class={name!r} is no event class; choose from "
                + ", ".join(sorted(known))
            )
        factualities = frozenset(v.lower() for v in _values(params, "factuality"))
        for name in sorted(factualities - _FACTUALITIES):
            choices = ", ".join(sorted(_FACTUALITIES))
            raise ParameterError(f"factuality={name!r}: choose from {choices}")
        start, end = one(params, "from"), one(params, "to")
        for key, value in (("from", start), ("to", end)):
            if value is not None and not _is_date(value):
                raise ParameterError(
                    f"{key}={value!r}: give a date as YYYY, YYYY-MM or YYYY-MM-DD"
                )
        if start and end and start > f"{end}~":  # 2024-03-15 is inside 2024-03
            raise ParameterError(f"from={start} is after to={end}: swap them")
        return cls(classes, start, end, factualities)

    @property
    def active(self) -> bool:
        """Whether anything is filtered out at all."""
        return bool(self.classes or self.start or self.end or self.factualities)

    def keeps(self, event_class: str, date: str | None, factuality: str) -> bool:
        """Whether an event of this class, date (``YYYY[-MM[-DD]]`` or
        ``begin/end``) and factuality passes."""
        if self.classes and event_class not in self.classes:
            return False
        if self.factualities and factuality not in self.factualities:
            return False
        if self.start is None and self.end is None:
            return True
        if not date:  # no time known: a time filter leaves it out
            return False
        first, last = date.split("/")[0], date.split("/")[-1]
        # "~" sorts after digits and "-": 2024-03~ is the end of March 2024
        if self.start is not None and f"{last}~" < self.start:
            return False
        return not (self.end is not None and first > f"{self.end}~")

    def query(self) -> list[tuple[str, str]]:
        """The filters as query-string pairs (for links that keep them)."""
        pairs = [("class", c) for c in sorted(self.classes)]
        pairs += [("factuality", f) for f in sorted(self.factualities)]
        if self.start:
            pairs.append(("from", self.start))
        if self.end:
            pairs.append(("to", self.end))
        return pairs


@cache
def event_classes() -> frozenset[str]:
    """Every event class of the ontology (the typed ones, Event and Statement)."""
    from kg.resources.lexicon import load_lexicon

    lexicon = load_lexicon()
    return frozenset(
        {*lexicon.constraints, *lexicon.triggers.values(), "Event", "Statement"}
    )


def _is_date(value: str) -> bool:
    """A year, a month or a day that exists ("2024-13-45" is none).

    Examples:
        >>> [_is_date(v) for v in ("2024", "2024-02", "2024-02-30", "2024-13")]
        [True, True, False, False]
    """
    if not _DATE.fullmatch(value):
        return False
    parts = [int(p) for p in value.split("-")]
    try:
        date(
            parts[0],
            parts[1] if len(parts) > 1 else 1,
            parts[2] if len(parts) > 2 else 1,
        )
    except ValueError:
        return False
    return True


def one(params: Mapping[str, Sequence[str]], key: str) -> str | None:
    """The parameter's one non-empty value, or None."""
    values = _values(params, key)
    if len(values) > 1:
        raise ParameterError(f"{key} is given {len(values)} times: give it once")
    return values[0] if values else None


def flag(params: Mapping[str, Sequence[str]], key: str, default: bool) -> bool:
    """A yes/no parameter: on by default, anything but 0, false, no or off
    keeps it on; off by default, only 1, true, yes or on turns it on."""
    text = (one(params, key) or "").lower()
    if default:
        return text not in ("0", "false", "no", "off")
    return text in ("1", "true", "yes", "on")


def number(
    params: Mapping[str, Sequence[str]], key: str, default: int, low: int, high: int
) -> int:
    """An integer parameter within ``low``..``high``."""
    text = one(params, key)
    if text is None:
        return default
    try:
        value = int(text)
    except ValueError:
        raise ParameterError(f"{key}={text!r}: give a whole number") from None
    if not low <= value <= high:
        raise ParameterError(f"{key}={value}: give a number from {low} to {high}")
    return value


def _values(params: Mapping[str, Sequence[str]], key: str) -> list[str]:
    return [v.strip() for v in params.get(key, ()) if v.strip()]
