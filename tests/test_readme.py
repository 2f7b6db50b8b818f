"""The README's library example runs as written."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.model


def test_readme_library_example_runs(tmp_path: Path) -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("### From Python", 1)[1]
    [code] = re.findall(r"```python\n(.*?)```", section, flags=re.S)[:1]
    store = tmp_path / "kg-data"
    code = code.replace('"kg-data"', repr(str(store)))
    here = os.getcwd()
    os.chdir(ROOT)  # the example builds seeds/ by its relative path
    try:
        exec(compile(code, "README.md", "exec"), {})
    finally:
        os.chdir(here)
    from kg.store import open_store

    with open_store(store) as reader:
        ids = {a.id for a in reader.articles()}
    assert len(ids) == 10 and "wire-2024-04-seoul" not in ids
