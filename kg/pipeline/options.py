"""How a build runs (:class:`BuildOptions`) and what it did (:class:`BuildReport`)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from kg.errors import KGError
from kg.nlp import BATCH_SIZE
from kg.rdf.iri import DEFAULT_BASE, check_base
from kg.records import Extraction, Problem

__all__ = ["BuildOptions", "BuildReport"]


@dataclass(frozen=True, slots=True, kw_only=True)
class BuildOptions:
    """How to run a build (everything but the inputs and where the output goes).

    Args:
        model: The spaCy pipeline (default: en_core_web_sm, or its PyPI mirror).
        base: Base IRI of articles, entities and events.
        batch_size: Articles per spaCy batch.
        workers: Extraction processes on this machine.
        decider: Who decides which candidate events are kept: "model" (the
            trained decider of :mod:`kg.learn`) or "rules" (the hand rules'
            constraints alone).
        min_confidence: Leave out events less confident than this (0-1);
            None: the decider's default (for "model", the threshold chosen on
            the dev split; 0 keeps every event the model accepts).
        dask: Extract on the Dask cluster whose scheduler is at this address.
        resume: Skip articles stored before with the same text and kg version
            (a store build only).

    Examples:
        >>> BuildOptions(workers=2).workers
        2
        >>> BuildOptions(min_confidence=2)
        Traceback (most recent call last):
        ...
        kg.errors.KGError: --min-confidence 2 is outside [0, 1]; e.g. use 0.6
    """

    model: str | None = None
    base: str = DEFAULT_BASE
    batch_size: int = BATCH_SIZE
    workers: int = 1
    decider: Literal["model", "rules"] = "rules"
    min_confidence: float | None = None
    dask: str | None = None
    resume: bool = False

    def __post_init__(self) -> None:
        check_base(self.base)
        if self.decider not in ("model", "rules"):
            raise KGError(f"--decider {self.decider!r}: choose one of: model, rules")
        if self.min_confidence is not None and not 0.0 <= self.min_confidence <= 1.0:
            raise KGError(
                f"--min-confidence {self.min_confidence} is outside [0, 1]; "
                "e.g. use 0.6"
            )
        if self.workers < 1:
            raise KGError(f"--workers {self.workers}: give 1 or more")
        if self.batch_size < 1:
            raise KGError(f"--batch-size {self.batch_size}: give 1 or more")


@dataclass
class BuildReport:
    """What a build read, made and skipped (filled in as it runs)."""

    articles: int = 0
    sentences: int = 0
    words: int = 0
    entities: set[str] = field(default_factory=set)
    events: Counter[str] = field(default_factory=Counter)
    triples: int = 0
    seconds: float = 0.0
    problems: list[Problem] = field(default_factory=list)  # skipped inputs
    notes: list[Problem] = field(default_factory=list)  # used, less a part
    unchanged: int = 0
    merged: int = 0

    def add(self, extraction: Extraction) -> None:
        """Count one built article."""
        self.articles += 1
        self.sentences += extraction.sentences
        self.words += extraction.words
        self.entities.update(m.entity.key for m in extraction.mentions)
        self.events.update(e.event_class for e in extraction.events)
