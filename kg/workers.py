"""Extraction in several processes on one machine.

Each worker process loads the spaCy pipeline once and turns batches of
articles into Extraction records (plain frozen dataclasses, cheap to send
back). Results come back in input order, so a parallel build writes exactly
what a single-process build writes.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING

from kg.records import Article, Extraction

if TYPE_CHECKING:
    from kg.pipeline import BuildOptions

__all__ = ["extract_parallel"]

_CHUNK = 8  # articles per task: large enough to amortise the round trip
_state: dict[str, object] = {}


def extract_parallel(
    articles: Iterable[Article], options: BuildOptions
) -> Iterator[Extraction]:
    """Extract ``articles`` in ``options.workers`` processes, yielding in order."""
    context = multiprocessing.get_context("spawn")
    with context.Pool(
        options.workers,
        initializer=_start,
        initargs=(options.model, options.batch_size),
    ) as pool:
        for batch in pool.imap(_extract, _chunks(articles, _CHUNK)):
            yield from batch


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _start(model: str | None, batch_size: int) -> None:
    from kg.lexicon import load_lexicon
    from kg.nlp import load_pipeline

    _state["nlp"] = load_pipeline(model)
    _state["lexicon"] = load_lexicon()
    _state["batch_size"] = batch_size


def _extract(articles: list[Article]) -> list[Extraction]:
    from kg.pipeline import extract_articles

    return list(
        extract_articles(
            _state["nlp"],  # type: ignore[arg-type]
            articles,
            batch_size=int(_state["batch_size"]),  # type: ignore[call-overload]
            lexicon=_state["lexicon"],  # type: ignore[arg-type]
        )
    )
