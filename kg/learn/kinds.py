"""Fit the kind model (:mod:`kg.mentions.kinds`) from the corpus's entities.

Every entity of a training article's gold has a type and the forms the text
uses for it. Each name span the resolver reads whose words a gold form covers
is an example: its features (:func:`kg.mentions.kinds.kind_features`) and the
gold type as a kind (a person; an organisation; a country or place). A
logistic regression fits the examples; on dev, the mean probability a name's
vote needs is the one (above a third) with the most names of dev read right
(the model's kind when it is that sure, else the parser's label).
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

from spacy.tokens import Doc, Span

from kg.eval.realnews import GoldArticle
from kg.learn.linear import LinearModel
from kg.mentions.kinds import (
    KIND_OF_LABEL,
    KINDS,
    KindModel,
    kind_features,
    name_words,
    spans_read,
)
from kg.mentions.resolver import known_name, name_spans
from kg.resources.gazetteer import load_gazetteer
from kg.resources.lexicon import load_lexicon

__all__ = ["KindExample", "fit_kinds", "kind_examples", "name_accuracy", "write_kinds"]

SEED = 0
MIN_COUNT = 2
C = 1.0
_GOLD_KIND = {
    "person": "PERSON",
    "organization": "ORG",
    "country": "LOC",
    "place": "LOC",
}
# (features, gold kind, parser's kind, name, article)
KindExample = tuple[dict[str, float], str, str, str, str]


def kind_examples(doc: Doc, gold: GoldArticle) -> list[KindExample]:
    """The name spans of one parsed article that a gold entity's form
    covers, as examples."""
    gazetteer, lexicon = load_gazetteer(), load_lexicon()
    spans = name_spans(doc, lexicon)
    read = spans_read(spans, known_name(gazetteer, lexicon))
    if not read:
        return []
    occurrences = _gold_occurrences(doc, gold)
    longer = name_words(spans)
    out = []
    for span, text in read:
        kind = _kind_at(span, occurrences)
        if kind is not None:
            features = kind_features(span, text, longer)
            out.append((features, kind, KIND_OF_LABEL[span.label_], text, gold.key))
    return out


def fit_kinds(
    training: Iterable[KindExample], development: Sequence[KindExample]
) -> KindModel:
    """The kind model fitted on ``training``, its threshold chosen on
    ``development``."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows = list(training)
    counts: Counter[str] = Counter(k for f, *_ in rows for k in f)
    kept = [{k: v for k, v in f.items() if counts[k] >= MIN_COUNT} for f, *_ in rows]
    vectoriser = DictVectorizer(sort=True)
    matrix = vectoriser.fit_transform(kept)
    fitted = LogisticRegression(C=C, max_iter=3000, random_state=SEED)
    fitted.fit(matrix, [kind for _, kind, *_ in rows])
    if tuple(str(c) for c in fitted.classes_) != KINDS:
        raise ValueError(f"the training names need all of {KINDS} as kinds")
    weights: dict[str, tuple[float, ...]] = {}
    for column, feature in enumerate(vectoriser.get_feature_names_out()):
        row = tuple(float(w) for w in fitted.coef_[:, column])
        if any(abs(w) >= 1e-4 for w in row):
            weights[str(feature)] = row
    bias = weights.get("bias", (0.0,) * len(KINDS))
    weights["bias"] = tuple(
        float(b + i) for b, i in zip(bias, fitted.intercept_, strict=True)
    )
    model = LinearModel(KINDS, weights)
    return KindModel(model, _threshold(model, development))


def write_kinds(model: KindModel, path: Path) -> None:
    """Write the kind model as sorted JSON."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(model.to_json(), sort_keys=True, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")


def name_accuracy(
    model: LinearModel, threshold: float, examples: Sequence[KindExample]
) -> float:
    """The share of names (per article) read right: the model's kind where
    its vote is at least ``threshold`` sure, the parser's kind elsewhere."""
    right, total = _names(model, examples, (threshold,))[threshold]
    return right / total if total else 0.0


# The thresholds weighed on dev: from just above a third (with three kinds,
# one mention's likeliest kind always has a third) up.
THRESHOLDS = tuple(step / 100 for step in range(34, 100, 2))


def _threshold(model: LinearModel, examples: Sequence[KindExample]) -> float:
    table = _names(model, examples, THRESHOLDS)
    return max(table, key=lambda t: (table[t][0], t))


def _names(
    model: LinearModel, examples: Sequence[KindExample], thresholds: Sequence[float]
) -> dict[float, tuple[int, int]]:
    """For each threshold, names read right and names."""
    votes: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0] * len(KINDS))
    seen: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    golds: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for features, gold, parsed, text, article in examples:
        key = (article, text)
        probabilities = model.probabilities(features)
        for k, kind in enumerate(KINDS):
            votes[key][k] += math.log(max(probabilities[kind], 1e-9))
        seen[key][parsed] += 1
        golds[key][gold] += 1
    table: dict[float, tuple[int, int]] = {}
    for threshold in thresholds:
        right = 0
        for key, total in votes.items():
            n = sum(seen[key].values())
            best = max(range(len(KINDS)), key=lambda k: (total[k], -k))
            gold = golds[key].most_common(1)[0][0]
            if math.exp(total[best] / n) >= threshold:
                right += KINDS[best] == gold
            else:
                right += seen[key][gold] * 2 > n
        table[threshold] = (right, len(votes))
    return table


def _gold_occurrences(doc: Doc, gold: GoldArticle) -> list[tuple[int, int, str]]:
    """(start, end, gold kind) of each occurrence of a gold form in the
    Doc's text; forms two entities of different kinds share are left out."""
    claims: dict[tuple[int, int], set[str]] = defaultdict(set)
    for label, forms in gold.forms.items():
        kind = _GOLD_KIND.get(gold.types.get(label, ""))
        if kind is None:
            continue
        for form in forms:
            if len(form) < 2:
                continue
            pattern = re.compile(rf"(?<!\w){re.escape(form)}(?!\w)")
            for match in pattern.finditer(doc.text):
                claims[match.start(), match.end()].add(kind)
    return sorted(
        (start, end, next(iter(kinds)))
        for (start, end), kinds in claims.items()
        if len(kinds) == 1
    )


def _kind_at(span: Span, occurrences: list[tuple[int, int, str]]) -> str | None:
    """The kind of the gold occurrence that overlaps ``span`` the most, if
    it covers at least half of the span's characters."""
    best, overlap = None, 0
    for start, end, kind in occurrences:
        if start >= span.end_char:
            break
        shared = min(end, span.end_char) - max(start, span.start_char)
        if shared > overlap:
            best, overlap = kind, shared
    if best is None or overlap * 2 < span.end_char - span.start_char:
        return None
    return best
