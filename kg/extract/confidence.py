"""The confidence of the rules' events: how often events like them are right.

A typed event's confidence is measured on real news: ``reliability.json``
(written by ``make train`` from the annotated training corpus) counts, for
each class and each class's trigger, how many of the rules' events matched a
gold fact (class, agent and main participant) and how many they wrote. The
confidence is the trigger's smoothed precision, pulled towards its class's,
which is pulled towards all typed events': ``(correct + 10 * prior) /
(extracted + 10)``, so a trigger seen often is trusted as measured and a
rare one stays near its class.

Statements and generic events, which the corpus does not score, keep a
per-construction confidence measured on the own gold (``confidence.json``,
``python -m kg.eval --calibrate``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

__all__ = [
    "CALIBRATION",
    "RELIABILITY",
    "Reliability",
    "calibrated",
    "load_reliability",
    "smoothed",
]

CALIBRATION = Path(__file__).with_name("confidence.json")
RELIABILITY = Path(__file__).with_name("reliability.json")
_PRIOR_WEIGHT = 10

# (correct, extracted)
Counts = tuple[int, int]


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


@dataclass(frozen=True)
class Reliability:
    """How often the rules' typed events were right on the training corpus:
    over all of them, per class, and per class and trigger (``"Supply:sell"``).

    Examples:
        >>> r = Reliability((40, 100), {"Supply": (3, 10)}, {"Supply:sell": (9, 10)})
        >>> r.confidence("Supply", "sell"), r.confidence("Supply", "give")
        (0.625, 0.35)
        >>> r.confidence("Attack", "strike")
        0.4
    """

    overall: Counts = (0, 0)
    classes: Mapping[str, Counts] = field(default_factory=dict)
    triggers: Mapping[str, Counts] = field(default_factory=dict)

    def confidence(self, event_class: str, lemma: str) -> float:
        correct, extracted = self.overall
        prior = correct / extracted if extracted else 0.5
        of_class = smoothed(*self.classes.get(event_class, (0, 0)), prior)
        return smoothed(*self.triggers.get(f"{event_class}:{lemma}", (0, 0)), of_class)

    def to_json(self) -> dict[str, object]:
        return {
            "overall": list(self.overall),
            "classes": {k: list(v) for k, v in sorted(self.classes.items())},
            "triggers": {k: list(v) for k, v in sorted(self.triggers.items())},
        }

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> Reliability:
        def counts(value: object) -> Counts:
            if not isinstance(value, list) or len(value) != 2:
                raise ValueError(f"not a pair of counts: {value!r}")
            return int(value[0]), int(value[1])

        def table(value: object) -> dict[str, Counts]:
            if not isinstance(value, dict):
                raise ValueError(f"not a table of counts: {value!r}")
            return {str(k): counts(v) for k, v in value.items()}

        return cls(
            counts(data.get("overall")),
            table(data.get("classes", {})),
            table(data.get("triggers", {})),
        )


@cache
def load_reliability(path: Path = RELIABILITY) -> Reliability | None:
    """The measured reliabilities, or None without a file (the per-construction
    confidences then serve typed events too)."""
    if not path.is_file():
        return None
    return Reliability.from_json(json.loads(path.read_text(encoding="utf-8")))
