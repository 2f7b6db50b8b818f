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
    ],
)
def test_time_resolves_against_article_date(
    text: str, value: str, granularity: str
) -> None:
    assert resolve_time(text, "2024-01-04") == (value, granularity)


@pytest.mark.parametrize("text", ["recent days", "months", "the week", "for months"])
def test_time_vague_expressions_have_no_value(text: str) -> None:
    assert resolve_time(text, "2024-01-04") is None


def test_time_without_article_date_needs_a_year() -> None:
    assert resolve_time("October", None) is None
    assert resolve_time("October 2023", None) == ("2023-10", "month")
