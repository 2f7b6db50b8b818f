"""Resolve time expressions against the article's publication date.

dateparser does the parsing (with the article date as its relative base);
the rules here choose the granularity and handle bare weekdays, which in news
mean the most recent such day on or before publication ("said Thursday").
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from dateparser.date import DateDataParser

__all__ = ["resolve_time"]

_WEEKDAYS = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)
_LEADING = re.compile(r"^(?:in|on|at|during|since|by|the|early|late|mid|of)\s+", re.I)
_HAS_YEAR = re.compile(r"\b(?:1[89]|20)\d{2}\b")
_PERIODS = {"day": "day", "month": "month", "year": "year"}


def resolve_time(text: str, published: str | None) -> tuple[str, str] | None:
    """``(value, granularity)`` for a time expression, or None when it has no date.

    ``value`` is ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``.

    Examples:
        >>> resolve_time("in October", "2024-01-04")
        ('2023-10', 'month')
        >>> resolve_time("December 30, 2023", "2024-01-04")
        ('2023-12-30', 'day')
        >>> resolve_time("Thursday", "2024-01-04")
        ('2024-01-04', 'day')
        >>> resolve_time("recent days", "2024-01-04") is None
        True
    """
    return _resolve(" ".join(text.split()), published)


@lru_cache(maxsize=4096)
def _resolve(text: str, published: str | None) -> tuple[str, str] | None:
    cleaned = text.strip(" ,.")
    while _LEADING.match(cleaned):
        cleaned = _LEADING.sub("", cleaned, count=1)
    base = _base(published)
    if base is None and not _HAS_YEAR.search(cleaned):
        return None
    lowered = cleaned.lower()
    if lowered in _WEEKDAYS and base is not None:
        back = (base.weekday() - _WEEKDAYS.index(lowered)) % 7
        return (base.date() - timedelta(days=back)).isoformat(), "day"
    data = _parser(base).get_date_data(cleaned)
    if data.date_obj is None or data.period not in _PERIODS:
        return None
    value: date = data.date_obj.date()
    if data.period == "year":
        return f"{value.year:04d}", "year"
    if data.period == "month":
        return f"{value.year:04d}-{value.month:02d}", "month"
    return value.isoformat(), "day"


def _base(published: str | None) -> datetime | None:
    if not published:
        return None
    try:
        return datetime.fromisoformat(published[:10])
    except ValueError:
        return None


@lru_cache(maxsize=64)
def _parser(base: datetime | None) -> DateDataParser:
    settings: dict[str, object] = {
        "PREFER_DATES_FROM": "past",
        "RETURN_TIME_AS_PERIOD": True,
        "STRICT_PARSING": False,
    }
    if base is not None:
        settings["RELATIVE_BASE"] = base
    return DateDataParser(languages=["en"], settings=settings)
