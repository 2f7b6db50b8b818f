"""How often the hand rules' typed events are right, measured on the annotated
training corpus: the confidence the rules give their events
(:class:`kg.extract.confidence.Reliability`, written by ``make train``).

An event is right when it matches a gold fact of its article (class, agent
and main participant, as ``make eval`` scores). Counts are kept over all
typed events, per class and per class and trigger lemma.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from kg.eval.realnews import GoldArticle, matches_gold, typed
from kg.extract.confidence import Reliability
from kg.records import Extraction

__all__ = ["measure_reliability", "write_reliability"]


def measure_reliability(
    items: Iterable[tuple[GoldArticle, Extraction]],
) -> Reliability:
    """Count the rules' typed events of ``items`` and those the gold confirms."""
    extracted: Counter[str] = Counter()
    correct: Counter[str] = Counter()
    for gold, extraction in items:
        for event in extraction.events:
            if not typed(event):
                continue
            right = matches_gold(gold, event)
            for key in ("", event.event_class, f"{event.event_class}:{event.relation}"):
                extracted[key] += 1
                correct[key] += right
    return Reliability(
        overall=(correct[""], extracted[""]),
        classes={
            k: (correct[k], n) for k, n in extracted.items() if k and ":" not in k
        },
        triggers={k: (correct[k], n) for k, n in extracted.items() if ":" in k},
    )


def write_reliability(reliability: Reliability, path: Path) -> None:
    """Write the counts as sorted JSON (same corpus, same file)."""
    path.write_text(
        json.dumps(reliability.to_json(), indent=1, sort_keys=True) + "\n",
        encoding="utf-8",
    )
