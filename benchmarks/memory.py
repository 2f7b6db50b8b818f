"""Peak memory of one long document: kg build against bare spaCy on one Doc.

A 500 KB and a 900 KB text are made by joining BBC articles (in a temporary
folder; nothing is copied into the project). Each run is its own process, so
each peak RSS is that run's alone:

* bare: ``nlp(text)`` on the 500 KB text as one Doc;
* kg: ``kg build FILE -o out.ttl`` on the 500 KB and on the 900 KB text.

kg parses a long body in pieces (``kg.nlp.PIECE_CHARS``), so its peak should
stay at most half of bare spaCy's and not grow with the document.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kg.eval.shared import bbc_articles

SIZES_KB = (500, 900)
_BARE = """
import resource, sys
from kg.nlp import load_pipeline
nlp = load_pipeline()
doc = nlp(open(sys.argv[1], encoding="utf-8").read())
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""
_KG = """
import resource, sys
from kg.cli import app
try:
    app(["build", sys.argv[1], "-o", sys.argv[2], "-q"])
except SystemExit as done:
    if done.code:
        raise
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def main() -> int:
    folder = bbc_articles("memory")
    if folder is None:
        return 1
    texts = [
        p.read_text(encoding="utf-8", errors="replace")
        for p in sorted(folder.rglob("*.txt"))
    ]
    with tempfile.TemporaryDirectory() as tmp:
        files = {
            kb: _long_text(texts, kb * 1000, Path(tmp) / f"long-{kb}kb.txt")
            for kb in SIZES_KB
        }
        bare, bare_s = _run(_BARE, str(files[SIZES_KB[0]]))
        kg = {}
        for kb, path in files.items():
            kg[kb] = _run(_KG, str(path), str(Path(tmp) / f"out-{kb}.ttl"))
    small, large = SIZES_KB
    rows = [(f"bare spaCy, {small} KB as one Doc", bare, bare_s)]
    rows += [(f"kg build, {kb} KB", kg[kb][0], kg[kb][1]) for kb in SIZES_KB]
    for label, peak, seconds in rows:
        print(f"{label:<34}{peak:8.0f} MB peak  ({seconds:.0f} s)")
    ratio = kg[small][0] / bare
    growth = kg[large][0] / kg[small][0]
    print(f"{f'ratio kg / bare at {small} KB':<34}{ratio:8.2f}  (target <= 0.50)")
    print(f"{f'ratio kg {large} KB / {small} KB':<34}{growth:8.2f}  (target <= 1.10)")
    return 0


def _long_text(texts: list[str], size: int, path: Path) -> Path:
    parts: list[str] = []
    total = 0
    for text in texts:
        parts.append(text)
        total += len(text) + 2
        if total >= size:
            break
    path.write_text("\n\n".join(parts)[:size], encoding="utf-8")
    return path


def _run(code: str, *args: str) -> tuple[float, float]:
    """Peak RSS (MB) and seconds of ``code`` run in a fresh interpreter."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "COLUMNS": "120"},
    )
    kilobytes = float(done.stdout.split()[-1])
    return kilobytes / 1024, time.perf_counter() - started


if __name__ == "__main__":
    raise SystemExit(main())
