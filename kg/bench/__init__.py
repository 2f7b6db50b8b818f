"""``make bench``: speed and memory, as ratios against same-process baselines.

Benchmark data is read from ``../shared/benchmarks`` (or ``$KG_BENCHMARKS``);
nothing of it is copied into the project.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["benchmarks_dir"]


def benchmarks_dir() -> Path:
    """The shared benchmark data: ``$KG_BENCHMARKS``, else ``../shared/benchmarks``."""
    env = os.environ.get("KG_BENCHMARKS")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3] / "shared" / "benchmarks"
