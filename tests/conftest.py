"""Shared fixtures: the real pipeline, hand-built Docs, and the seed build."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
import spacy
from rdflib import Dataset, Graph
from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp import load_pipeline
from kg.pipeline import BuildReport, build
from kg.rdf.build import union

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
MODEL_VERSION = "3.8.0"

_BLANK = spacy.blank("en")  # English lexical attributes (is_alpha, like_num)

# (word, lemma, pos, tag, dep, head index)
Row = tuple[str, str, str, str, str, int]


def make_doc(rows: Sequence[Row], ents: Sequence[tuple[int, int, str]] = ()) -> Doc:
    """A hand-built parsed Doc: no model needed, fully deterministic."""
    words = [r[0] for r in rows]
    doc = Doc(
        _BLANK.vocab,
        words=words,
        lemmas=[r[1] for r in rows],
        pos=[r[2] for r in rows],
        tags=[r[3] for r in rows],
        deps=[r[4] for r in rows],
        heads=[r[5] for r in rows],
        sent_starts=[i == 0 for i in range(len(rows))],
        ents=_iob(len(rows), ents),
    )
    return doc


def _iob(n: int, ents: Sequence[tuple[int, int, str]]) -> list[str]:
    tags = ["O"] * n
    for start, end, label in ents:
        tags[start] = f"B-{label}"
        for i in range(start + 1, end):
            tags[i] = f"I-{label}"
    return tags


@pytest.fixture(scope="session")
def nlp() -> Language:
    pipeline = load_pipeline()
    assert pipeline.meta["version"] == MODEL_VERSION
    return pipeline


@pytest.fixture(scope="session")
def seed_build(nlp: Language) -> tuple[Dataset, BuildReport]:
    return build([SEEDS], nlp=nlp)


@pytest.fixture(scope="session")
def seed_graph(seed_build: tuple[Dataset, BuildReport]) -> Graph:
    return union(seed_build[0])
