from __future__ import annotations

import pytest

from kg.extract.time import resolve_time


@pytest.mark.parametrize(
    ("text", "value", "granularity"),
    [
        ("in October", "2023-10", "month"),
        ("December 30, 2023", "2023-12-30", "day"),
        ("Tuesday, January 2", "2024-01-02", "day"),
        ("Thursday", "2024-01-04", "day"),
        ("Tuesday", "2024-01-02", "day"),
        ("February 2022", "2022-02", "month"),
        ("last year", "2023", "year"),
        ("2023", "2023", "year"),
        ("the December 30", "2023-12-30", "day"),
        ("late December", "2023-12-21/2023-12-31", "interval"),
        ("last week", "2023-12-25/2023-12-31", "interval"),
        ("earlier this week", "2024-01-01/2024-01-04", "interval"),
        ("last month", "2023-12", "month"),
        ("this month", "2024-01", "month"),
        ("early December", "2023-12-01/2023-12-10", "interval"),
        ("mid-December", "2023-12-11/2023-12-20", "interval"),
        ("late 2023", "2023-09-01/2023-12-31", "interval"),
        ("since August", "2023-08-01/2024-01-04", "interval"),
        ("since December 30, 2023", "2023-12-30/2024-01-04", "interval"),
        ("in recent weeks", "2023-12-07/2024-01-04", "interval"),
        ("recent days", "2023-12-28/2024-01-04", "interval"),
        ("the past few months", "2023-10-05/2024-01-04", "interval"),
    ],
)
def test_time_resolves_against_article_date(
    text: str, value: str, granularity: str
) -> None:
    assert resolve_time(text, "2024-01-04") == (value, granularity)


def test_time_since_as_governing_preposition() -> None:
    assert resolve_time("August", "2024-03-05", preposition="since") == (
        "2023-08-01/2024-03-05",
        "interval",
    )
    assert resolve_time("August", "2024-03-05", preposition="in") == (
        "2023-08",
        "month",
    )


@pytest.mark.parametrize("text", ["months", "the week", "for months", "soon"])
def test_time_vague_expressions_have_no_value(text: str) -> None:
    assert resolve_time(text, "2024-01-04") is None


def test_time_without_article_date_needs_a_year() -> None:
    assert resolve_time("October", None) is None
    assert resolve_time("October 2023", None) == ("2023-10", "month")


@pytest.mark.parametrize(
    ("text", "value"),
    [("in March", "2024-03"), ("Thursday", "2024-01-04"), ("Monday", "2024-01-08")],
)
def test_time_future_events_look_ahead(text: str, value: str) -> None:
    # published Thursday 2024-01-04; "will meet on Monday" is the next Monday
    published = "2024-01-04" if text != "in March" else "2024-02-20"
    assert resolve_time(text, published, future=True)[0] == value  # type: ignore[index]
