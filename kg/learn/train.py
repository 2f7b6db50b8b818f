"""``make train``: fit the decider from the annotated corpus.

The only module that imports scikit-learn (the ``train`` extra). Steps:

1. Parse the training articles (cached by text and pipeline under
   ``out/cache/parsed``), run the rules in their high-recall mode, and learn
   the trigger vocabulary: every lemma the gold names as a trigger.
2. Fit the trigger, filler and factuality models (logistic regression) on
   the labelled candidates (:mod:`kg.learn.labels`).
3. Fit the keep model on candidate events scored with models that never saw
   their article: four folds by article, each scored by models fitted on the
   other three (so the keep model learns how good the parts are on new text).
4. On dev: fit Platt's sigmoid on the keep scores (the confidence); the
   cut-off with the best F1 is the floor below which nothing is kept
   (``--min-confidence 0``), and the highest cut-off whose F1 is within
   :data:`F1_SLACK` of the best is the default ``--min-confidence`` (where
   F1 is flat, the more precise end); the lowest confidence with 75%
   precision on dev is recorded beside them, for builds that want precision
   first.

Deterministic: articles in a fixed order, fixed folds and seeds, sorted
weights rounded to 5 decimals, so the same corpus gives the same file.
"""

from __future__ import annotations

import hashlib
import json
import pickle
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, DocBin

from kg._version import __version__
from kg.eval.realnews import (
    GoldArticle,
    load_articles,
    load_realnews_gold,
    matches_gold,
)
from kg.extract.candidates import candidates
from kg.extract.events import extract_events
from kg.learn.features import factuality_features, filler_features, trigger_features
from kg.learn.labels import NONE, label_article, locate
from kg.learn.linear import LinearModel
from kg.learn.predict import Decider, Scored, best_of_groups, platt, score_candidates
from kg.mentions.resolver import Resolver
from kg.nlp import parse
from kg.records import Article, Candidate, Event, Extraction
from kg.resources.lexicon import Lexicon, load_lexicon

__all__ = [
    "Prepared",
    "TrainReport",
    "prepare",
    "train",
    "train_prepared",
    "write_decider",
]

FOLDS = 4
SEED = 0
MIN_COUNT = 2  # a feature seen fewer times in training gets no weight
TARGET_PRECISION = 0.75
# The default threshold: the most precise cut-off within this much dev F1 of
# the best one.
F1_SLACK = 0.005
_C = {"trigger": 0.5, "filler": 1.0, "factuality": 1.0, "keep": 0.3}


@dataclass
class Prepared:
    """One annotated article, parsed, with the rules' high-recall events."""

    key: str
    article: Article
    doc: Doc
    gold: GoldArticle
    resolver: Resolver
    relaxed: list[Event]

    def candidates(
        self, lexicon: Lexicon, vocabulary: dict[str, tuple[str, ...]]
    ) -> list[Candidate]:
        return list(
            candidates(
                self.doc, self.resolver, lexicon, self.relaxed, vocabulary=vocabulary
            )
        )


@dataclass(frozen=True)
class TrainReport:
    """What training measured: sizes, and the dev figures at the threshold."""

    articles: int
    facts: int
    dev_precision: float
    dev_recall: float
    threshold: float
    precise_threshold: float | None
    precise_recall: float


def prepare(
    keys: Sequence[str],
    nlp: Language,
    benchmarks: Path,
    cache: Path | None,
    lexicon: Lexicon | None = None,
    docs: Sequence[tuple[Article, Doc]] | None = None,
) -> list[Prepared]:
    """Parse (or read from ``cache``) the articles of ``keys`` with their
    gold; ``docs``, the articles already parsed, in the order of ``keys``."""
    lexicon = lexicon or load_lexicon()
    golds = load_realnews_gold(keys)
    if docs is None:
        docs = list(parsed(keys, nlp, benchmarks, cache))
    out = []
    for (article, doc), key, gold in zip(docs, keys, golds, strict=True):
        resolver = Resolver(doc, article.body_start)
        relaxed = list(extract_events(doc, article, resolver, lexicon, relaxed=True))
        out.append(Prepared(key, article, doc, gold, resolver, relaxed))
    return out


def parsed(
    keys: Sequence[str], nlp: Language, benchmarks: Path, cache: Path | None
) -> Iterator[tuple[Article, Doc]]:
    """The articles of ``keys`` and their Docs, in order; parsed once per
    text and pipeline when a ``cache`` folder is given."""
    articles = list(load_articles(keys, benchmarks))
    version = f"{nlp.meta.get('name')}-{nlp.meta.get('version')}"
    found: dict[int, tuple[Article, Doc]] = {}
    todo = []
    for index, article in enumerate(articles):
        path = _cached(cache, article, version)
        if path is not None and path.is_file():
            found[index] = (article, _read_doc(path, nlp))
        else:
            todo.append(index)
    for doc, article in parse(nlp, [articles[i] for i in todo]):
        index = todo.pop(0)
        found[index] = (article, doc)
        path = _cached(cache, article, version)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            _write_doc(path, doc)
    for index in range(len(articles)):
        yield found[index]


def train(
    train_keys: Sequence[str],
    dev_keys: Sequence[str],
    nlp: Language,
    benchmarks: Path,
    *,
    cache: Path | None = None,
    prepared: dict[str, Prepared] | None = None,
) -> tuple[Decider, TrainReport]:
    """Fit the decider on ``train_keys``; calibrate and choose thresholds on
    ``dev_keys`` (``prepared`` may hold articles prepared before)."""
    lexicon = load_lexicon()
    have = dict(prepared or {})
    missing = [k for k in [*train_keys, *dev_keys] if k not in have]
    for item in prepare(missing, nlp, benchmarks, cache, lexicon):
        have[item.key] = item
    pipeline = f"{nlp.meta.get('name')}-{nlp.meta.get('version')}"
    return train_prepared(
        [have[k] for k in train_keys], [have[k] for k in dev_keys], pipeline=pipeline
    )


def train_prepared(
    training: Sequence[Prepared],
    development: Sequence[Prepared],
    *,
    pipeline: str,
) -> tuple[Decider, TrainReport]:
    """Fit the decider on ``training``; calibrate it and choose its thresholds
    on ``development``."""
    import sklearn

    lexicon = load_lexicon()
    vocabulary = learn_vocabulary(training)
    parts = fit_parts(training, lexicon, vocabulary)
    kept: list[tuple[dict[str, float], bool]] = []
    for fold in range(FOLDS):
        inside = [p for i, p in enumerate(training) if i % FOLDS != fold]
        outside = [p for i, p in enumerate(training) if i % FOLDS == fold]
        if not inside or not outside:
            continue
        fold_vocabulary = learn_vocabulary(inside)
        fold_parts = fit_parts(inside, lexicon, fold_vocabulary)
        decider = _assemble(fold_parts, _blank_keep(), fold_vocabulary)
        for item in outside:
            kept.extend(
                (s.features, matches_gold(item.gold, s.event))
                for s in _scored(item, lexicon, decider)
            )
    keep = _fit({"keep": kept}, "keep", binary=True)
    decider = _assemble(parts, keep, vocabulary)
    # on dev, as a build sees them: the best reading of each rule event
    dev_scores = [
        (item, best_of_groups(_scored(item, lexicon, decider))) for item in development
    ]
    calibration = _platt(
        [
            (s.score, matches_gold(item.gold, s.event))
            for item, found in dev_scores
            for s in found
        ]
    )
    floor, threshold, precision, recall, precise, precise_recall = _thresholds(
        dev_scores, calibration
    )
    facts = sum(len(p.gold.events) for p in training)
    meta = {
        "kg": __version__,
        "sklearn": sklearn.__version__,
        "pipeline": pipeline,
        "articles": len(training),
        "facts": facts,
        "corpus": corpus_digest(training),
        "seed": SEED,
        "dev": {"precision": round(precision, 4), "recall": round(recall, 4)},
        "target_precision": TARGET_PRECISION,
        # the lowest confidence with 75% precision on dev, and its dev recall
        "precise_threshold": precise,
        "precise_recall": round(precise_recall, 4),
    }
    final = Decider(
        trigger=parts["trigger"],
        filler=parts["filler"],
        factuality=parts["factuality"],
        keep=keep,
        calibration=calibration,
        threshold=threshold,
        floor=floor,
        vocabulary=vocabulary,
        meta=meta,
    )
    report = TrainReport(
        len(training), facts, precision, recall, threshold, precise, precise_recall
    )
    return final, report


def write_decider(decider: Decider, path: Path) -> None:
    """Write the decider as sorted, indented JSON."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(decider.to_json(), sort_keys=True, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")


def corpus_digest(items: Iterable[Prepared]) -> str:
    """A digest of the training annotations (what the model was made from)."""
    lines = sorted(
        f"{p.key} {p.gold.key} {len(p.gold.events)} "
        + "|".join(f"{e.event_class}:{e.agent}:{e.quote}" for e in p.gold.events)
        for p in items
    )
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16]


def learn_vocabulary(items: Iterable[Prepared]) -> dict[str, tuple[str, ...]]:
    """Lemma → the classes the gold triggers of that lemma name."""
    found: dict[str, set[str]] = {}
    for item in items:
        for event in item.gold.events:
            token = locate(item.doc, item.article, event)
            if token is not None:
                lemma = item.doc[token].lemma_.lower()
                found.setdefault(lemma, set()).add(event.event_class)
    return {lemma: tuple(sorted(classes)) for lemma, classes in sorted(found.items())}


def fit_parts(
    items: Sequence[Prepared],
    lexicon: Lexicon,
    vocabulary: dict[str, tuple[str, ...]],
) -> dict[str, LinearModel]:
    """The trigger, filler and factuality models fitted on ``items``."""
    examples: dict[str, list[tuple[dict[str, float], Any]]] = {
        "trigger": [],
        "filler": [],
        "factuality": [],
    }
    for item in items:
        found = item.candidates(lexicon, vocabulary)
        for labelled in label_article(item.doc, item.article, item.gold, found):
            if labelled.label is None:
                continue
            candidate = labelled.candidate
            examples["trigger"].append(
                (trigger_features(item.doc, candidate), labelled.label)
            )
            if labelled.label == NONE:
                continue
            if labelled.factuality:
                examples["factuality"].append(
                    (factuality_features(item.doc, candidate), labelled.factuality)
                )
            for slot, right in (("agent", labelled.agents), ("main", labelled.mains)):
                if not right:
                    continue
                for index, filler in enumerate(candidate.fillers):
                    examples["filler"].append(
                        (
                            filler_features(
                                item.doc, candidate, filler, labelled.label, slot
                            ),
                            index in right,
                        )
                    )
    return {
        "trigger": _fit(examples, "trigger"),
        "filler": _fit(examples, "filler", binary=True),
        "factuality": _fit(examples, "factuality"),
    }


def _fit(
    examples: dict[str, list[tuple[dict[str, float], Any]]],
    name: str,
    *,
    binary: bool = False,
) -> LinearModel:
    """A logistic regression on ``examples[name]``, as a LinearModel."""
    import numpy
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows = examples[name]
    labels = [str(bool(y)) if binary else str(y) for _, y in rows]
    counts: Counter[str] = Counter(k for features, _ in rows for k in features)
    kept = [{k: v for k, v in f.items() if counts[k] >= MIN_COUNT} for f, _ in rows]
    vectoriser = DictVectorizer(sort=True)
    matrix = vectoriser.fit_transform(kept)
    if len(set(labels)) < 2:
        # one class only (a tiny corpus): a model that always says it
        only = labels[0] if labels else "False"
        if binary:
            return LinearModel(
                ("False", "True"), {"bias": (10.0 if only == "True" else -10.0,)}
            )
        return LinearModel((only, "~unseen"), {"bias": (-10.0,)})
    model = LogisticRegression(C=_C[name], max_iter=3000, random_state=SEED)
    model.fit(matrix, labels)
    names = vectoriser.get_feature_names_out()
    coefficients = numpy.asarray(model.coef_)
    intercepts = numpy.asarray(model.intercept_)
    weights: dict[str, tuple[float, ...]] = {}
    for column, feature in enumerate(names):
        row = tuple(float(w) for w in coefficients[:, column])
        if any(abs(w) >= 1e-4 for w in row):
            weights[str(feature)] = row
    bias = weights.get("bias", (0.0,) * len(intercepts))
    weights["bias"] = tuple(float(b + i) for b, i in zip(bias, intercepts, strict=True))
    return LinearModel(tuple(str(c) for c in model.classes_), weights)


def _blank_keep() -> LinearModel:
    return LinearModel(("False", "True"), {"bias": (0.0,)})


def _assemble(
    parts: dict[str, LinearModel],
    keep: LinearModel,
    vocabulary: dict[str, tuple[str, ...]],
) -> Decider:
    return Decider(
        trigger=parts["trigger"],
        filler=parts["filler"],
        factuality=parts["factuality"],
        keep=keep,
        calibration=(1.0, 0.0),
        threshold=0.5,
        floor=0.0,
        vocabulary=vocabulary,
        meta={},
    )


def _scored(item: Prepared, lexicon: Lexicon, decider: Decider) -> list[Scored]:
    return list(
        score_candidates(
            item.doc, item.article, item.resolver, lexicon, decider, item.relaxed
        )
    )


def _platt(pairs: Sequence[tuple[float, bool]]) -> tuple[float, float]:
    """Platt's sigmoid fitted on (score, right) pairs: its (a, b)."""
    from sklearn.linear_model import LogisticRegression

    labels = [bool(y) for _, y in pairs]
    if len(set(labels)) < 2:
        return (1.0, 0.0)
    model = LogisticRegression(C=1e6, max_iter=1000, random_state=SEED)
    model.fit([[s] for s, _ in pairs], labels)
    return (float(model.coef_[0][0]), float(model.intercept_[0]))


def _thresholds(
    scored: Sequence[tuple[Prepared, list[Scored]]],
    calibration: tuple[float, float],
) -> tuple[float, float, float, float, float | None, float]:
    """From dev: the cut-off with the best F1 (the floor of what is kept at
    all), the highest cut-off within :data:`F1_SLACK` of that F1 (the default
    threshold) with its precision and recall, and the lowest cut-off reaching
    :data:`TARGET_PRECISION` (None if none does) with its recall."""
    from kg.eval.realnews import score_realnews

    golds = [item.gold for item, _ in scored]
    cut_offs = sorted(
        {round(platt(s.score, calibration), 3) for _, ss in scored for s in ss}
    )
    table: list[tuple[float, float, float, float]] = []
    for cut in cut_offs[:: max(1, len(cut_offs) // 200)]:
        extractions = [
            Extraction(
                article=item.article,
                sentences=0,
                mentions=(),
                events=tuple(s.event for s in ss if platt(s.score, calibration) >= cut),
            )
            for item, ss in scored
        ]
        tally = score_realnews(golds, extractions).events
        table.append((cut, tally.precision, tally.recall, tally.f1))
    best_f1 = max((row[3] for row in table), default=0.0)
    floor = min((row[0] for row in table if row[3] == best_f1), default=0.0)
    near = [row for row in table if row[3] >= best_f1 - F1_SLACK]
    threshold, precision, recall, _ = max(near, key=lambda row: row[0])
    reaching = [(cut, r) for cut, p, r, _ in table if p >= TARGET_PRECISION and r > 0.0]
    precise, precise_recall = (
        max(reaching, key=lambda row: (row[1], -row[0])) if reaching else (None, 0.0)
    )
    return floor, threshold, precision, recall, precise, precise_recall


def _cached(cache: Path | None, article: Article, version: str) -> Path | None:
    if cache is None:
        return None
    digest = hashlib.sha256(
        f"{version}\n{article.body_start}\n{article.text}".encode()
    ).hexdigest()[:24]
    return cache / f"{digest}.doc"


def _write_doc(path: Path, doc: Doc) -> None:
    bin_ = DocBin(store_user_data=False)
    bin_.add(doc)
    path.write_bytes(pickle.dumps((bin_.to_bytes(), doc.tensor)))


def _read_doc(path: Path, nlp: Language) -> Doc:
    data, tensor = pickle.loads(path.read_bytes())
    doc = next(DocBin().from_bytes(data).get_docs(nlp.vocab))
    doc.tensor = tensor
    return doc
