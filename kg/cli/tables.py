"""Rows that fit the terminal: headers, dates and identifiers whole, long text
cut with an ellipsis (``--format csv`` or ``json`` give the full text).

A table is printed when its single-word columns (dates, numbers, identifiers)
and the headers fit the width; otherwise each row is printed as a block of
"column value" lines, so nothing is folded mid-word on a narrow terminal.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rich.console import Console
from rich.text import Text

__all__ = ["fitted_widths", "print_rows"]

# Values shown whole: dates, times, numbers and identifiers (no spaces).
_WHOLE = re.compile(r"\S{1,60}")
_MIN_TEXT = 10  # a cut text column keeps at least this many characters
_GAP_TEXT = "  "  # between columns


def print_rows(
    console: Console,
    title: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    right: Sequence[str] = (),
    cut: Sequence[str] = (),
) -> None:
    """Print ``rows`` as a table that fits the console, else as blocks.

    ``right`` columns are right-aligned; ``cut`` columns may lose their end
    even when they hold single words (file names). Lines are formatted here
    and printed at once: a rich Table of thousands of rows takes seconds.
    """
    widths = fitted_widths(columns, rows, console.width, cut=cut)
    console.print(Text(title, style="italic"))
    if widths is not None:
        lines = [
            _line(columns, widths, right),
            _GAP_TEXT.join("─" * w for w in widths),
            *(_line(row, widths, right, columns) for row in rows),
        ]
        console.print("\n".join(lines), markup=False, highlight=False, soft_wrap=True)
        return
    label = max(len(c) for c in columns)
    room = max(console.width - label - 4, _MIN_TEXT)
    for number, row in enumerate(rows, start=1):
        console.print(Text(f"{number}.", style="bold"))
        for column, value in zip(columns, row, strict=True):
            if value:
                line = Text(f"  {column:<{label}}  ", style="dim")
                line.append(_cut(value, room))
                console.print(line, no_wrap=True, overflow="ellipsis")


def fitted_widths(
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    width: int,
    *,
    cut: Sequence[str] = (),
) -> list[int] | None:
    """Column widths for ``rows`` within ``width``, or None when none fit.

    Headers are never split. A column whose values are single words (dates,
    numbers, identifiers, factualities) keeps its full width unless it is in
    ``cut``; columns of text give up room, widest first, down to their header
    or ``_MIN_TEXT`` characters, and show the rest as "…".
    """
    natural = [
        max([len(column), *(len(" ".join(row[i].split())) for row in rows)])
        for i, column in enumerate(columns)
    ]
    whole = [
        column not in cut
        and all(not row[i] or _WHOLE.fullmatch(row[i]) for row in rows)
        for i, column in enumerate(columns)
    ]
    floor = [
        n if w else min(n, max(len(c), _MIN_TEXT))
        for n, w, c in zip(natural, whole, columns, strict=True)
    ]
    room = width - len(_GAP_TEXT) * (len(columns) - 1) - 1
    if sum(floor) > room:
        return None
    return _shrink(list(natural), floor, room)


def _line(
    values: Sequence[str],
    widths: Sequence[int],
    right: Sequence[str],
    columns: Sequence[str] | None = None,
) -> str:
    names = columns if columns is not None else values
    cells = [
        _cut(value, width).rjust(width)
        if name in right
        else _cut(value, width).ljust(width)
        for value, width, name in zip(values, widths, names, strict=True)
    ]
    return _GAP_TEXT.join(cells).rstrip()


def _shrink(widths: list[int], floor: list[int], room: int) -> list[int]:
    """Take from the widest shrinkable columns until the table fits."""
    excess = sum(widths) - room
    while excess > 0:
        candidates = [i for i, w in enumerate(widths) if w > floor[i]]
        if not candidates:
            break
        widest = max(candidates, key=lambda i: widths[i])
        others = [widths[i] for i in candidates if i != widest]
        # down to the next widest at once, or as far as needed
        step = min(
            excess,
            widths[widest] - floor[widest],
            widths[widest] - max(others, default=0),
        )
        widths[widest] -= max(step, 1)
        excess -= max(step, 1)
    return widths


def _cut(value: str, room: int) -> str:
    value = " ".join(value.split())
    return value if len(value) <= room else value[: room - 1] + "…"
