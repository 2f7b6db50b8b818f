"""A linear model read from JSON: named features in, class probabilities out.

Models ship as data, never as pickles: a model is its classes and, for each
feature name it knows, one weight per class (two classes keep one weight, of
the second). Scoring is a sum over the features an example has, so the model
needs no fitted vectoriser and the file is readable.

Examples:
    >>> m = LinearModel(("no", "yes"), {"bias": (-1.0,), "big": (3.0,)})
    >>> round(m.probabilities({"bias": 1.0, "big": 1.0})["yes"], 3)
    0.881
    >>> LinearModel.from_json(m.to_json()) == m
    True
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["LinearModel"]


@dataclass(frozen=True)
class LinearModel:
    """Classes and weights: ``weights[name][k]`` is the weight of feature
    ``name`` for class ``k`` (for two classes, one weight: the second's)."""

    classes: tuple[str, ...]
    weights: Mapping[str, tuple[float, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        width = 1 if len(self.classes) == 2 else len(self.classes)
        if len(self.classes) < 2:
            raise ValueError("a model needs at least two classes")
        for name, row in self.weights.items():
            if len(row) != width:
                raise ValueError(
                    f"feature {name!r} has {len(row)} weights, expected {width}"
                )

    @cached_property
    def _matrix(self) -> tuple[dict[str, int], npt.NDArray[np.float64]]:
        """The weights as one array, a row per feature (read once, on first
        use: a sum of rows in numpy instead of a loop over classes)."""
        index = {name: i for i, name in enumerate(self.weights)}
        width = 1 if len(self.classes) == 2 else len(self.classes)
        matrix = np.array(list(self.weights.values()), dtype=np.float64)
        return index, matrix.reshape(len(index), width)

    def scores(self, features: Mapping[str, float]) -> list[float]:
        """The raw score of each class (for two classes: 0 and the logit)."""
        index, matrix = self._matrix
        rows: list[int] = []
        values: list[float] = []
        for name, value in features.items():
            i = index.get(name)
            if i is not None and value:
                rows.append(i)
                values.append(value)
        totals = np.asarray(values, dtype=np.float64) @ matrix[rows]
        if len(self.classes) == 2:
            return [0.0, float(totals[0])]
        return [float(t) for t in totals]

    def probabilities(self, features: Mapping[str, float]) -> dict[str, float]:
        """Each class's probability (softmax of the scores)."""
        scores = self.scores(features)
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps, strict=True)}

    def to_json(self) -> dict[str, Any]:
        """The model as plain data (weights rounded to 5 decimals, sorted)."""
        return {
            "classes": list(self.classes),
            "weights": {
                name: [round(w, 5) for w in row]
                for name, row in sorted(self.weights.items())
            },
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> LinearModel:
        """The model :meth:`to_json` wrote.

        Raises:
            ValueError: ``data`` is no model.
        """
        try:
            classes = tuple(str(c) for c in data["classes"])
            weights = {
                str(name): tuple(float(w) for w in row)
                for name, row in data["weights"].items()
            }
        except (KeyError, TypeError, AttributeError) as err:
            raise ValueError(f"not a linear model: {err}") from err
        return cls(classes, weights)
