"""Resolve time expressions against the article's publication date.

dateparser parses the dates (with the article date as its relative base); the
rules here choose the granularity, handle bare weekdays (in news, the most
recent such day on or before publication: "said Thursday") and make
intervals of the expressions that span time:

* "since August" → from 1 August to the publication date;
* "late December", "early 2023", "mid-March" → the last, first or middle third;
* "in recent weeks", "in the past few days" → the weeks or days before publication.

A point is ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` (granularity day, month,
year); an interval is ``BEGIN/END`` in ISO 8601, both days (granularity
interval).
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from dateparser.date import DateDataParser

from kg.resources.function_words import (
    MONTHS,
)

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
_LEADING = re.compile(r"^(?:in|on|at|during|since|by|the|of|over)\s+", re.I)
_PART = re.compile(r"^(early|mid|late)[\s-]+(.+)$", re.I)
_RECENT = re.compile(
    r"^(?:recent|the\s+past|the\s+last|past|last)\s+(?:few\s+|several\s+|couple\s+of\s+)?"
    r"(days|weeks|months)$",
    re.I,
)
_RECENT_SPAN = {"days": 7, "weeks": 28, "months": 91}
# "last week", "earlier this week", "this month": calendar weeks and months.
_WEEK = re.compile(r"^(?:(earlier|later)\s+)?(last|this|next)\s+(week|month)$", re.I)
_HAS_YEAR = re.compile(r"\b(?:1[89]|20)\d{2}\b")
_MONTH = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
# The common forms, resolved without dateparser (about 40 ms a call):
# "[Tuesday,] January 2[, 2024]", "30 December[ 2023]", "October[ 2023]", "2023".
_FAST = (
    re.compile(
        rf"^(?:[a-z]+day,?\s+)?(?P<month>{_MONTH})\s+{_DAY}(?:,?\s+(?P<year>\d{{4}}))?$"
    ),
    re.compile(rf"^{_DAY}\s+(?P<month>{_MONTH})(?:,?\s+(?P<year>\d{{4}}))?$"),
    re.compile(rf"^(?P<month>{_MONTH})(?:,?\s+(?P<year>\d{{4}}))?$"),
    re.compile(r"^(?P<year>(?:1[89]|20)\d{2})$"),
)
_PERIODS = {"day": "day", "month": "month", "year": "year"}


def resolve_time(
    text: str,
    published: str | None,
    *,
    preposition: str | None = None,
    future: bool = False,
) -> tuple[str, str] | None:
    """``(value, granularity)`` for a time expression, or None when it has no date.

    Args:
        text: The expression as written ("in October", "late December").
        published: The article's date (``YYYY-MM-DD``), the base of relative
            expressions; without it only expressions with a year resolve.
        preposition: The preposition that governs the expression when it is
            not part of ``text`` ("since" makes an interval up to ``published``).
        future: The event lies ahead ("will send ... in March"): a date without
            a year, or a bare weekday, is the next one, not the last one.

    Examples:
        >>> resolve_time("in October", "2024-01-04")
        ('2023-10', 'month')
        >>> resolve_time("December 30, 2023", "2024-01-04")
        ('2023-12-30', 'day')
        >>> resolve_time("Thursday", "2024-01-04")
        ('2024-01-04', 'day')
        >>> resolve_time("late December", "2024-01-04")
        ('2023-12-21/2023-12-31', 'interval')
        >>> resolve_time("August", "2024-03-05", preposition="since")
        ('2023-08-01/2024-03-05', 'interval')
        >>> resolve_time("recent weeks", "2024-01-04")
        ('2023-12-07/2024-01-04', 'interval')
        >>> resolve_time("in March", "2024-02-20", future=True)
        ('2024-03', 'month')
    """
    cleaned = " ".join(text.split())
    since = (preposition or "").lower() == "since" or cleaned.lower().startswith(
        "since "
    )
    return _resolve(cleaned, published, since, future and not since)


@lru_cache(maxsize=4096)
def _resolve(
    text: str, published: str | None, since: bool, future: bool = False
) -> tuple[str, str] | None:
    cleaned = text.strip(" ,.")
    while _LEADING.match(cleaned):
        cleaned = _LEADING.sub("", cleaned, count=1)
    base = _base(published)
    recent = _RECENT.match(cleaned)
    if recent:
        if base is None:
            return None
        days = _RECENT_SPAN[recent.group(1).lower()]
        return _interval(base.date() - timedelta(days=days), base.date())
    week = _WEEK.match(cleaned)
    if week:
        return None if base is None else _calendar_span(base.date(), week)
    part = _PART.match(cleaned)
    point = _point(part.group(2) if part else cleaned, base, future)
    if point is None:
        return None
    first, last = _bounds(*point)
    if part:
        first, last = _third(part.group(1).lower(), first, last)
    if since:
        end = base.date() if base is not None else last
        return _interval(first, max(end, first))
    if part:
        return _interval(first, last)
    return point


def _calendar_span(day: date, match: re.Match[str]) -> tuple[str, str]:
    """The days of "last week", "this week" (to the article's date); the month
    of "last month", "this month", "next month".

    Examples:
        >>> from datetime import date
        >>> _calendar_span(date(2024, 7, 4), _WEEK.match("last week"))
        ('2024-06-24/2024-06-30', 'interval')
        >>> _calendar_span(date(2024, 7, 4), _WEEK.match("last month"))
        ('2024-06', 'month')
    """
    which, unit = match.group(2).lower(), match.group(3).lower()
    if unit == "week":
        monday = day - timedelta(days=day.weekday())
        start = monday + timedelta(days={"last": -7, "this": 0, "next": 7}[which])
        end = start + timedelta(days=6)
    else:
        # a calendar month is a month: "last month" → 2024-06
        first = day.replace(day=1)
        if which == "last":
            first = (first - timedelta(days=1)).replace(day=1)
        elif which == "next":
            first = (first + timedelta(days=32)).replace(day=1)
        return f"{first:%Y-%m}", "month"
    if which == "this":
        end = min(end, day)
    return _interval(start, max(start, end))


def _point(
    text: str, base: datetime | None, future: bool = False
) -> tuple[str, str] | None:
    if base is None and not _HAS_YEAR.search(text):
        return None
    lowered = text.lower()
    if lowered in _WEEKDAYS and base is not None:
        if future:
            ahead = (_WEEKDAYS.index(lowered) - base.weekday()) % 7
            return (base.date() + timedelta(days=ahead)).isoformat(), "day"
        back = (base.weekday() - _WEEKDAYS.index(lowered)) % 7
        return (base.date() - timedelta(days=back)).isoformat(), "day"
    fast = _fast(lowered, base, future)
    if fast is not None:
        return fast
    data = _parser(base, future).get_date_data(text)
    if data.date_obj is None or data.period not in _PERIODS:
        return None
    value: date = data.date_obj.date()
    if data.period == "year":
        return f"{value.year:04d}", "year"
    if data.period == "month":
        return f"{value.year:04d}-{value.month:02d}", "month"
    return value.isoformat(), "day"


def _fast(text: str, base: datetime | None, future: bool) -> tuple[str, str] | None:
    """The common date forms by rule; None to leave the text to dateparser.

    Examples:
        >>> base = datetime(2024, 1, 4)
        >>> _fast("tuesday, january 2", base, False), _fast("30 december", base, False)
        (('2024-01-02', 'day'), ('2023-12-30', 'day'))
        >>> _fast("october", base, False), _fast("march", base, True)
        (('2023-10', 'month'), ('2024-03', 'month'))
        >>> _fast("2022", base, False), _fast("last year", base, False)
        (('2022', 'year'), None)
    """
    for pattern in _FAST:
        match = pattern.match(text)
        if match is None:
            continue
        parts = match.groupdict()
        year = int(parts["year"]) if parts.get("year") else None
        if parts.get("month") is None:
            return f"{year:04d}", "year"
        month = MONTHS[parts["month"]]
        day = int(parts["day"]) if parts.get("day") else None
        if year is None:
            if base is None:
                return None
            year = _nearest_year(base.date(), month, day or 1, future)
        if day is None:
            return f"{year:04d}-{month:02d}", "month"
        if day > calendar.monthrange(year, month)[1]:
            return None
        return date(year, month, day).isoformat(), "day"
    return None


def _nearest_year(base: date, month: int, day: int, future: bool) -> int:
    """The year that puts month/day last before ``base`` (or next after it)."""
    day = min(day, calendar.monthrange(base.year, month)[1])
    this_year = date(base.year, month, day)
    if future:
        return base.year if this_year >= base.replace(day=1) else base.year + 1
    return base.year if this_year <= base else base.year - 1


def _bounds(value: str, granularity: str) -> tuple[date, date]:
    """First and last day of a point."""
    if granularity == "year":
        year = int(value)
        return date(year, 1, 1), date(year, 12, 31)
    if granularity == "month":
        year, month = (int(x) for x in value.split("-"))
        return date(year, month, 1), date(
            year, month, calendar.monthrange(year, month)[1]
        )
    day = date.fromisoformat(value)
    return day, day


def _third(which: str, first: date, last: date) -> tuple[date, date]:
    """The early, middle or late third of a span (of a month: 1-10, 11-20, 21-end)."""
    days = (last - first).days + 1
    if days <= 1:
        return first, last
    if days <= 31:
        cuts = (first, first + timedelta(days=10), first + timedelta(days=20), last)
    else:  # a year: January-April, May-August, September-December
        cuts = (
            first,
            date(first.year, 5, 1),
            date(first.year, 9, 1),
            last,
        )
    index = ("early", "mid", "late").index(which)
    start = cuts[index]
    end = cuts[index + 1] - timedelta(days=1) if index < 2 else last
    return start, end


def _interval(first: date, last: date) -> tuple[str, str]:
    return f"{first.isoformat()}/{last.isoformat()}", "interval"


def _base(published: str | None) -> datetime | None:
    if not published:
        return None
    try:
        return datetime.fromisoformat(published[:10])
    except ValueError:
        return None


@lru_cache(maxsize=64)
def _parser(base: datetime | None, future: bool = False) -> DateDataParser:
    settings: dict[str, object] = {
        "PREFER_DATES_FROM": "future" if future else "past",
        "RETURN_TIME_AS_PERIOD": True,
        "STRICT_PARSING": False,
    }
    if base is not None:
        settings["RELATIVE_BASE"] = base
    return DateDataParser(languages=["en"], settings=settings)
