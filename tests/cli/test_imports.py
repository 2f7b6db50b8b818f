"""What each command loads: read commands no parser, builds no rdflib."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import ROOT, SEEDS

_PROBE = """
import sys
from kg.cli import app
try:
    app(sys.argv[1:], standalone_mode=False)
except SystemExit:
    pass
print(" ".join(sorted(m for m in ("spacy", "rdflib", "networkx") if m in sys.modules)))
"""


def _loaded(*args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return set(done.stdout.split("\n")[-2].split())


def test_imports_help_loads_no_library() -> None:
    assert _loaded("--help") == set()


def test_imports_reads_load_no_parser(seed_store_path: Path) -> None:
    store = str(seed_store_path)
    assert _loaded("query", "who-supplied-whom", "--store", store) == set()
    assert _loaded("articles", "--store", store) == set()
    assert _loaded("stats", "--store", store) == set()
    assert _loaded("path", "DPRK", "Russia", "--store", store) == {"networkx"}


@pytest.mark.model
def test_imports_a_build_to_turtle_loads_no_rdflib(tmp_path: Path) -> None:
    out = str(tmp_path / "seeds.ttl")
    assert _loaded("build", str(SEEDS), "-o", out, "-q") == {"spacy"}
