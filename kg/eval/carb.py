"""CaRB: open-IE tuples of the dev and test sentences, scored by the shared scorer.

The sentences are PTB-tokenised; they are parsed as given (one Doc per line,
words split on spaces), so the tuples use the gold's own tokens.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.openie import open_tuples

__all__ = ["carb_lines", "score_carb", "tabbed"]


def carb_lines(nlp: Language, sentences: Iterable[str]) -> Iterator[str]:
    """CaRB "tabbed" lines: sentence, confidence, relation, arg1, arg2, ..."""
    lines = [s.strip() for s in sentences if s.strip()]
    docs = (Doc(nlp.vocab, words=line.split()) for line in lines)
    for line, doc in zip(lines, nlp.pipe(docs, batch_size=64), strict=True):
        yield from tabbed(line, doc)


def tabbed(sentence: str, doc: Doc) -> Iterator[str]:
    """The tuples of one parsed sentence in CaRB's tabbed format."""
    for found in open_tuples(doc):
        fields = [
            sentence,
            f"{found.confidence:.2f}",
            found.relation,
            found.arg1,
            *found.args,
        ]
        yield "\t".join(fields)


def score_carb(gold: Path, predictions: Path, scorer: Path) -> dict[str, Any]:
    """Best-F1 P, R, F1 and AUC from ``tools/carb_score.py``."""
    module = _load(scorer)
    result: dict[str, Any] = module.evaluate(
        module.read_gold(str(gold)), module.read_tabbed(str(predictions))
    )
    return result


def _load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("carb_score", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load the CaRB scorer from {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
