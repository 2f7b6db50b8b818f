"""Per-construction confidence, measured on the own gold (``make eval``).

``confidence.json`` next to this module holds, for each extraction pattern,
how many of its events the gold confirmed and how many it extracted. The
confidence is the smoothed precision ``(correct + 10 * prior) / (extracted + 10)``:
a pattern seen often is trusted as measured, a rare one stays near its prior
(the gold is small and its sentences plain, so ten prior events weigh in).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

__all__ = ["CALIBRATION", "calibrated", "smoothed"]

CALIBRATION = Path(__file__).with_name("confidence.json")
_PRIOR_WEIGHT = 10


def smoothed(correct: int, extracted: int, prior: float) -> float:
    """Precision pulled towards ``prior`` for small counts.

    Examples:
        >>> smoothed(0, 0, 0.8), smoothed(54, 55, 0.8), smoothed(4, 4, 0.4)
        (0.8, 0.954, 0.571)
    """
    return round((correct + _PRIOR_WEIGHT * prior) / (extracted + _PRIOR_WEIGHT), 3)


def calibrated(
    priors: Mapping[str, float], path: Path = CALIBRATION
) -> dict[str, float]:
    """The priors, replaced by smoothed measured precision where there is data."""
    table = dict(priors)
    if not path.is_file():
        return table
    measured = json.loads(path.read_text(encoding="utf-8"))
    for pattern, counts in measured.items():
        if pattern in table:
            table[pattern] = smoothed(
                counts["correct"], counts["extracted"], table[pattern]
            )
    return table
