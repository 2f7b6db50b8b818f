"""Run kg on the own gold articles and score them (see :mod:`kg.eval.gold`)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from spacy.language import Language

from kg.eval.gold import GOLD_DIR, GoldReport, load_gold, score
from kg.extract.confidence import CALIBRATION
from kg.ingest import read_inputs
from kg.learn.predict import Decider
from kg.pipeline.article import extract_articles
from kg.records import Article
from kg.resources.lexicon import load_lexicon

__all__ = ["evaluate_own", "write_calibration"]


def evaluate_own(
    nlp: Language, folder: Path = GOLD_DIR, *, decider: Decider | None = None
) -> GoldReport:
    """Extract the gold articles with ``nlp`` as a default build does (with
    ``decider``, at its default threshold) and score them against
    ``gold.jsonl``."""
    articles = [a for a in read_inputs([folder]) if isinstance(a, Article)]
    extractions = extract_articles(
        nlp, articles, lexicon=load_lexicon(), decider=decider
    )
    if decider is not None:
        threshold = decider.threshold
        extractions = (
            replace(x, events=tuple(e for e in x.events if e.confidence >= threshold))
            for x in extractions
        )
    return score(load_gold(folder), extractions)


def write_calibration(report: GoldReport, path: Path = CALIBRATION) -> None:
    """Record each pattern's confirmed and extracted counts for the confidences."""
    data = {
        name: {"correct": tally.tp, "extracted": tally.tp + tally.fp}
        for name, tally in sorted(report.patterns.items())
    }
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
