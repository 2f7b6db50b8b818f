"""``make bench``: speed and memory, as ratios against same-process baselines.

Benchmark data is read from ``../shared/benchmarks`` (or ``$KG_BENCHMARKS``);
nothing of it is copied into the project.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

__all__ = ["bbc_articles", "benchmarks_dir"]


def benchmarks_dir() -> Path:
    """The shared benchmark data: ``$KG_BENCHMARKS``, else ``../shared/benchmarks``."""
    env = os.environ.get("KG_BENCHMARKS")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3] / "shared" / "benchmarks"


def bbc_articles(benchmark: str) -> Path | None:
    """The BBC articles folder, or None after saying on stderr that it is absent."""
    folder = benchmarks_dir() / "bbc_news" / "articles"
    if folder.is_dir():
        return folder
    print(
        f"bench: {folder} is absent; the BBC articles are needed for the "
        f"{benchmark} benchmark. Set KG_BENCHMARKS to the benchmarks folder.",
        file=sys.stderr,
    )
    return None
