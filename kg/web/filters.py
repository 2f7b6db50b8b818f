"""What a page's filters keep: event classes (in or out), a time range,
factualities, the entity's role and a least confidence.

Parameters come from the query string (``?class=Supply&not=Statement
&from=2024-01&to=2024-06&factuality=asserted&role=agent&confidence=0.5``);
anything that cannot be read is a :class:`ParameterError`
with a message for the user (the app answers 400 with it).

Examples:
    >>> f = Filters.parse({"class": ["Supply"], "from": ["2024-02"]})
    >>> f.keeps("Supply", "2024-03", "asserted")
    True
    >>> f.keeps("Supply", "2024-01-31", "asserted")
    False
    >>> f.keeps("Supply", "2024", "asserted")  # a year overlapping the range
    True
    >>> g = Filters.parse({"not": ["Statement"], "confidence": ["0.5"]})
    >>> g.keeps("Statement", None, "asserted")
    False
    >>> g.keeps("Supply", None, "asserted", confidence=0.4)
    False
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
# The roles an entity fills in the events its page lists.
_ROLES = ("agent", "recipient", "target", "theme")


@dataclass(frozen=True, slots=True)
class Filters:
    """Events to keep: any of ``classes`` (all when empty) but none of
    ``excluded``, overlapping ``start``..``end`` (dates as prefixes of
    YYYY-MM-DD), any of ``factualities`` and ``roles`` (all when empty), with
    a confidence of at least ``min_confidence``."""

    classes: frozenset[str] = frozenset()
    start: str | None = None
    end: str | None = None
    factualities: frozenset[str] = frozenset()
    excluded: frozenset[str] = frozenset()  # classes left out
    roles: frozenset[str] = frozenset()  # the entity's roles (all when empty)
    min_confidence: float = 0.0

    @classmethod
    def parse(cls, params: Mapping[str, Sequence[str]]) -> Filters:
        """Read ``class``, ``from``, ``to`` and ``factuality`` (each may repeat)."""
        classes = frozenset(v for v in _values(params, "class"))
        excluded = frozenset(v for v in _values(params, "not"))
        known = event_classes()
        for key, names in (("class", classes), ("not", excluded)):
            for name in sorted(names - known):
                raise ParameterError(
                    f"{key}={name!r} is no event class; choose from "
                    + ", ".join(sorted(known))
                )
        roles = frozenset(v.lower() for v in _values(params, "role"))
        for name in sorted(roles - set(_ROLES)):
            raise ParameterError(f"role={name!r}: choose from {', '.join(_ROLES)}")
        least = one(params, "confidence")
        try:
            min_confidence = float(least) if least is not None else 0.0
        except ValueError:
            min_confidence = -1.0
        if not 0.0 <= min_confidence <= 1.0:
            raise ParameterError(
                f"confidence={least!r}: give the least confidence from 0 to 1, e.g. 0.5"
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
        return cls(classes, start, end, factualities, excluded, roles, min_confidence)

    @property
    def active(self) -> bool:
        """Whether anything is filtered out at all."""
        return bool(
            self.classes
            or self.start
            or self.end
            or self.factualities
            or self.excluded
            or self.roles
            or self.min_confidence
        )

    def keeps(
        self,
        event_class: str,
        date: str | None,
        factuality: str,
        *,
        role: str | None = None,
        confidence: float | None = None,
    ) -> bool:
        """Whether an event of this class, date (``YYYY[-MM[-DD]]`` or
        ``begin/end``) and factuality passes (``role`` and ``confidence``
        are checked when given)."""
        if self.classes and event_class not in self.classes:
            return False
        if event_class in self.excluded:
            return False
        if role is not None and self.roles and role not in self.roles:
            return False
        if confidence is not None and confidence < self.min_confidence:
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
        pairs += [("not", c) for c in sorted(self.excluded)]
        pairs += [("factuality", f) for f in sorted(self.factualities)]
        pairs += [("role", r) for r in sorted(self.roles)]
        if self.min_confidence:
            pairs.append(("confidence", f"{self.min_confidence:g}"))
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
