"""``make bench``: speed and memory, as ratios against baselines run in the same process.

Benchmark data is read from ``../shared/benchmarks`` (or ``$KG_BENCHMARKS``);
nothing of it is copied into the project.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["benchmarks_dir"]


def benchmarks_dir() -> Path:
    """Where the shared benchmark data lives: ``$KG_BENCHMARKS`` or ``../shared/benchmarks``."""
    env = os.environ.get("KG_BENCHMARKS")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3] / "shared" / "benchmarks"
