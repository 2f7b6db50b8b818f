"""The kind of a name (a person, a body or a place), read by a trained model
from every mention the article makes of it.

The small model's label is one guess per mention, made from a few words
around it; it tags "Yuganskneftegas" a person, "Dadaab" a person and
"Hagadera" a body. A name's kind shows better in all of its mentions
together: its own words and their endings ("-gas", "-ab"), whether its first
word is a given name, the words before and after it ("shares in", "Mr",
"said"), its place in the clause, and what the model and kg's context rules
read in each. A linear model (:class:`kg.learn.linear.LinearModel`) trained
on the entities of the training articles (``make train``) scores each
mention; the article's mentions of one name vote with their log
probabilities, and a name whose kind the model is sure of (the vote's mean
probability at least the model's threshold) takes that kind's label on all
of its mentions before the resolver reads them.

Names the shipped tables know (countries, capitals, listed bodies) are not
re-read: the tables decide them.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from spacy.tokens import Span

from kg.learn.linear import LinearModel
from kg.mentions.evidence import (
    BODY_KINDS,
    context_type,
    ends_like_a_body,
    ends_like_a_place,
)
from kg.mentions.surface import clean, is_junk
from kg.resources.names import is_given_name
from kg.resources.nouns import (
    OCCUPATION_NOUNS,
    PERSON_NOUNS,
    PLACE_NOUNS,
)
from kg.resources.places import is_place_name

__all__ = [
    "KINDS",
    "KINDS_PATH",
    "KIND_OF_LABEL",
    "KindModel",
    "kind_features",
    "load_kind_model",
    "name_words",
    "rekinded",
    "spans_read",
]

KINDS_PATH = Path(__file__).resolve().parents[1] / "learn" / "models" / "kinds.json"

# The kinds the model tells apart, as the parser's labels.
KINDS = ("LOC", "ORG", "PERSON")
# Nouns that say a name's kind when they describe it.
_KIND_NOUNS = (
    ("ORG", BODY_KINDS),
    ("PERSON", PERSON_NOUNS | OCCUPATION_NOUNS),
    ("LOC", PLACE_NOUNS),
)
# The parser's labels a name may be re-read from, with the kind each says.
KIND_OF_LABEL = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
}


@dataclass(frozen=True)
class KindModel:
    """The mention model and the mean probability a name's vote needs."""

    model: LinearModel
    threshold: float

    def to_json(self) -> dict[str, object]:
        return {"threshold": self.threshold, "model": self.model.to_json()}

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> KindModel:
        """The model :meth:`to_json` wrote.

        Raises:
            ValueError: ``data`` is no kind model.
        """
        model = data.get("model")
        if not isinstance(model, Mapping) or "threshold" not in data:
            raise ValueError("not a kind model: it needs 'model' and 'threshold'")
        return cls(LinearModel.from_json(model), float(str(data["threshold"])))


@cache
def load_kind_model(path: Path = KINDS_PATH) -> KindModel | None:
    """The shipped kind model; None when there is none (a checkout before
    ``make train`` made it), and names keep the parser's labels."""
    if not path.is_file():
        return None
    return KindModel.from_json(json.loads(path.read_text(encoding="utf-8")))


def spans_read(
    spans: Sequence[Span], known: Callable[[str], bool]
) -> list[tuple[Span, str]]:
    """The spans whose kind the model reads, with their names: those the
    parser labelled a person, a body or a place whose name no table knows
    and that is a name at all, but for a person named by rank and place,
    whom the rules found."""
    out = []
    for span in spans:
        if span.label_ not in KIND_OF_LABEL:
            continue
        text = clean(span.text)
        if not text or known(text) or is_junk(text, span.label_):
            continue
        if span.label_ == "PERSON" and " of " in text:
            continue  # a rank and a place: "the Sultan of Brunei"
        out.append((span, text))
    return out


def name_words(spans: Sequence[Span]) -> frozenset[str]:
    """The words of the article's names of two words or more: a name of one
    word among them is part of a longer name ("Okafor" of "Tomas Okafor")."""
    return frozenset(
        word
        for span in spans
        for words in (clean(span.text).split(),)
        if len(words) > 1
        for word in words
    )


def kind_features(
    span: Span, text: str, longer: frozenset[str] = frozenset()
) -> dict[str, float]:
    """What one mention says of its name's kind (``longer``: the words of
    the article's longer names, :func:`name_words`)."""
    doc = span.doc
    words = text.split()
    lowered = [w.casefold() for w in words]
    last = lowered[-1]
    f: dict[str, float] = {
        "bias": 1.0,
        f"ner={span.label_}": 1.0,
        f"last={last}": 1.0,
        f"suf3={last[-3:]}": 1.0,
        f"suf2={last[-2:]}": 1.0,
        f"size={min(len(words), 4)}": 1.0,
    }
    if len(words) > 1:
        f[f"first={lowered[0]}"] = 1.0
    else:
        f["part" if text in longer else "alone"] = 1.0
    for word in lowered:
        f[f"word={word}"] = 1.0
    if is_given_name(words[0]) and len(words) > 1:
        f["given"] = 1.0
    if is_place_name(text):
        f["placename"] = 1.0
    letters = text.replace(" ", "").replace(".", "")
    if letters.isalpha() and letters.isupper() and len(letters) > 1:
        f["acronym"] = 1.0
    if any(c.isdigit() for c in text):
        f["digit"] = 1.0
    if ends_like_a_body(span, text):
        f["bodyend"] = 1.0
    if ends_like_a_place(text):
        f["placeend"] = 1.0
    read = context_type(span, text)
    if read is not None:
        f[f"rule={read.value}"] = 1.0
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None:
        f[f"prev={before.lower_}"] = 1.0
        if span.start > 1:
            f[f"prev2={doc[span.start - 2].lower_} {before.lower_}"] = 1.0
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None:
        f[f"next={after.lower_}"] = 1.0
    root = span.root
    f[f"dep={root.dep_}"] = 1.0
    for noun in _described_by(span):
        for kind, nouns in _KIND_NOUNS:
            if noun in nouns:
                f[f"desc={kind}"] = 1.0
    head = root.head
    if head.i != root.i and not (span.start <= head.i < span.end):
        f[f"head={root.dep_}:{head.lemma_.casefold()}"] = 1.0
        if root.dep_ == "pobj":
            f[f"prep={head.lower_}:{head.head.lemma_.casefold()}"] = 1.0
    for child in root.children:
        outside = child.i < span.start or child.i >= span.end
        if outside and child.dep_ in {"compound", "amod", "appos", "nmod"}:
            f[f"mod={child.lemma_.casefold()}"] = 1.0
    return f


def _described_by(span: Span) -> list[str]:
    """The lemmas of the nouns that say what the name is: the noun it
    modifies ("the Titan corporation"), its apposition either way ("Titan,
    a California-based company"; "the firm, Titan") and the noun just
    before it ("carmaker Titan")."""
    root = span.root
    found = []
    if root.dep_ in {"compound", "appos"} and not span.start <= root.head.i < span.end:
        found.append(root.head.lemma_.casefold())
    found.extend(
        c.lemma_.casefold()
        for c in root.children
        if c.dep_ == "appos" and not span.start <= c.i < span.end
    )
    before = span.doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.pos_ in {"NOUN", "PROPN"}:
        found.append(before.lower_)
    return found


def rekinded(
    spans: Sequence[Span], known: Callable[[str], bool], kinds: KindModel | None
) -> tuple[Span, ...]:
    """``spans`` with each name the model is sure of labelled its kind: a
    person, a body, or a place ("LOC"; a "GPE" or "FAC" that is a place
    keeps its label)."""
    if kinds is None:
        return tuple(spans)
    read = spans_read(spans, known)
    read_at = {(span.start, span.end) for span, _ in read}
    longer = name_words(spans)
    votes: dict[str, list[float]] = defaultdict(lambda: [0.0] * len(KINDS))
    counts: dict[str, int] = defaultdict(int)
    for span, text in read:
        probabilities = kinds.model.probabilities(kind_features(span, text, longer))
        counts[text] += 1
        for k, kind in enumerate(KINDS):
            votes[text][k] += math.log(max(probabilities.get(kind, 0.0), 1e-9))
    chosen: dict[str, str] = {}
    for text, total in votes.items():
        best = max(range(len(KINDS)), key=lambda k: (total[k], -k))
        if math.exp(total[best] / counts[text]) >= kinds.threshold:
            chosen[text] = KINDS[best]
    out = []
    for span in spans:
        read_as = (
            chosen.get(clean(span.text)) if (span.start, span.end) in read_at else None
        )
        if read_as is None or KIND_OF_LABEL[span.label_] == read_as:
            out.append(span)
        else:
            out.append(Span(span.doc, span.start, span.end, label=read_as))
    return tuple(out)
