"""How the trained decider does: its learning curve and whether its
confidence means what it says.

* :func:`learning_curve`: the decider trained on the first 25, 50, 100, 200,
  400 and all training articles (the corpus plan's order), each scored on a
  split (test, for the report) at its default threshold.
* :func:`reliability`: the events the decider accepts on a split, binned by
  confidence, against the share of them that match the gold.

Both need scikit-learn (the ``train`` extra), as ``make train`` does.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from kg.eval.realnews import RealNewsReport, load_split, matches_gold, score_realnews
from kg.learn.predict import Decider, decide
from kg.learn.train import Prepared, prepare, train_prepared
from kg.records import Event, Extraction
from kg.resources.lexicon import load_lexicon

__all__ = ["SIZES", "Bin", "CurvePoint", "learning_curve", "reliability", "scored"]

SIZES = (25, 50, 100, 200, 400, None)  # None: every training article
BINS = (0.0, 0.2, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001)


@dataclass(frozen=True, slots=True)
class CurvePoint:
    """The decider trained on ``articles`` articles, scored on a split."""

    articles: int
    facts: int
    report: RealNewsReport


@dataclass(frozen=True, slots=True)
class Bin:
    """Events whose confidence is in [low, high): how many, how many right."""

    low: float
    high: float
    events: int
    right: int

    @property
    def mean_confidence(self) -> float:
        return (self.low + min(self.high, 1.0)) / 2

    @property
    def precision(self) -> float:
        return self.right / self.events if self.events else 0.0


def learning_curve(
    nlp: Language,
    benchmarks: Path,
    training_order: Sequence[str],
    *,
    split: str = "test",
    cache: Path | None = None,
    sizes: Sequence[int | None] = SIZES,
) -> list[CurvePoint]:
    """Train on growing prefixes of ``training_order`` and score on ``split``."""
    keys = load_split()
    lexicon = load_lexicon()
    wanted = [*training_order, *keys["dev"], *keys[split]]
    prepared = {
        p.key: p for p in prepare(list(dict.fromkeys(wanted)), nlp, benchmarks, cache)
    }
    development = [prepared[k] for k in keys["dev"]]
    scored_on = [prepared[k] for k in keys[split]]
    pipeline = f"{nlp.meta.get('name')}-{nlp.meta.get('version')}"
    points = []
    seen: set[int] = set()
    for size in sizes:
        count = len(training_order) if size is None else min(size, len(training_order))
        if count in seen or count == 0:
            continue
        seen.add(count)
        training = [prepared[k] for k in training_order[:count]]
        decider, report = train_prepared(training, development, pipeline=pipeline)
        events = scored(scored_on, decider, decider.threshold, lexicon)
        result = score_realnews(
            [p.gold for p in scored_on],
            [
                Extraction(article=p.article, sentences=0, mentions=(), events=found)
                for p, found in zip(scored_on, events, strict=True)
            ],
        )
        points.append(CurvePoint(count, report.facts, result))
    return points


def scored(
    items: Sequence[Prepared],
    decider: Decider,
    threshold: float,
    lexicon: object | None = None,
) -> list[tuple[Event, ...]]:
    """The events the decider keeps at ``threshold`` for each article."""
    from kg.resources.lexicon import Lexicon

    words = lexicon if isinstance(lexicon, Lexicon) else load_lexicon()
    return [
        tuple(
            e
            for e in decide(p.doc, p.article, p.resolver, words, decider, p.relaxed)
            if e.confidence >= threshold
        )
        for p in items
    ]


def reliability(items: Sequence[Prepared], decider: Decider) -> list[Bin]:
    """Every event the decider accepts on ``items``, binned by confidence."""
    counts = [[0, 0] for _ in BINS[:-1]]
    for item, events in zip(items, scored(items, decider, 0.0), strict=True):
        for event in events:
            for index, (low, high) in enumerate(itertools.pairwise(BINS)):
                if low <= event.confidence < high:
                    counts[index][0] += 1
                    counts[index][1] += matches_gold(item.gold, event)
                    break
    return [
        Bin(low, high, n, right)
        for (low, high), (n, right) in zip(
            itertools.pairwise(BINS), counts, strict=True
        )
    ]
