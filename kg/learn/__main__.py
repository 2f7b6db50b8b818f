"""``python -m kg.learn`` (``make train``): fit the kind model of names from
the corpus's entities and write ``kg/learn/models/kinds.json`` (training on
all training articles only: the resolver reads names with it from then on);
fit the event decider and write ``kg/learn/models/decider.json``; measure
how often the hand rules' events are right on the same articles and write
``kg/extract/reliability.json`` (the rules' confidences).

Options:
    --articles N   train on the first N training articles (the corpus plan's
                   order, its sources interleaved) instead of all
    --output FILE  write the decider there instead of the shipped model
    --reliability FILE
                   write the rules' reliability there instead of the shipped
                   file
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from spacy.tokens import Doc

from kg.eval.corpus import CORPUS_DIR
from kg.eval.realnews import load_realnews_gold, load_split
from kg.eval.shared import benchmarks_dir
from kg.extract.confidence import RELIABILITY
from kg.learn.kinds import (
    KindExample,
    fit_kinds,
    kind_examples,
    name_accuracy,
    write_kinds,
)
from kg.learn.predict import MODEL_FILE
from kg.learn.reliability import measure_reliability, write_reliability
from kg.learn.train import parsed, prepare, train, write_decider
from kg.mentions.kinds import KINDS_PATH, load_kind_model
from kg.nlp import load_pipeline
from kg.pipeline.article import extract_article
from kg.records import Article
from kg.resources.lexicon import load_lexicon

CACHE = Path(__file__).resolve().parents[2] / "out" / "cache" / "parsed"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m kg.learn")
    parser.add_argument("--articles", type=int, default=None)
    parser.add_argument(
        "--output", type=Path, default=Path(__file__).parent / "models" / MODEL_FILE
    )
    parser.add_argument("--reliability", type=Path, default=RELIABILITY)
    args = parser.parse_args(argv)
    folder = benchmarks_dir()
    if not folder.is_dir():
        print(f"{folder} is absent; set KG_BENCHMARKS to the benchmarks folder")
        return 1
    split = load_split()
    keys = training_order(split["train"])
    if args.articles is not None:
        keys = keys[: args.articles]
    started = time.perf_counter()
    nlp = load_pipeline()
    lexicon = load_lexicon()
    dev = list(split["dev"])
    docs = list(parsed(keys, nlp, folder, CACHE))  # parsed once for all
    dev_docs = list(parsed(dev, nlp, folder, CACHE))
    kinds = ""
    if args.articles is None:
        kinds = _train_kinds(keys, dev, docs, dev_docs)
    # the resolver of each prepared article reads names with the kind model
    items = prepare(keys, nlp, folder, CACHE, lexicon, docs=docs)
    dev_items = prepare(dev, nlp, folder, CACHE, lexicon, docs=dev_docs)
    decider, report = train(
        keys,
        dev,
        nlp,
        folder,
        cache=CACHE,
        prepared={item.key: item for item in [*items, *dev_items]},
    )
    write_decider(decider, args.output)
    rules = measure_reliability(
        (item.gold, extract_article(item.doc, item.article, lexicon)) for item in items
    )
    write_reliability(rules, args.reliability)
    print(
        f"trained on {report.articles} articles ({report.facts} facts) in "
        f"{time.perf_counter() - started:.0f} s; dev at the default threshold "
        f"{report.threshold:.3f}: P {100 * report.dev_precision:.1f} "
        f"R {100 * report.dev_recall:.1f}; "
        + (
            f"75% precision from {report.precise_threshold:.3f} "
            f"(dev R {100 * report.precise_recall:.1f})"
            if report.precise_threshold is not None
            else "75% precision not reached on dev"
        )
        + kinds
        + f"; wrote {args.output}; the rules' typed events right "
        f"{rules.overall[0]} of {rules.overall[1]} times, wrote {args.reliability}"
    )
    return 0


def _train_kinds(
    keys: list[str],
    dev: list[str],
    docs: list[tuple[Article, Doc]],
    dev_docs: list[tuple[Article, Doc]],
) -> str:
    """Fit the kind model on the parsed training and dev articles, write it
    where the resolver reads it, and say so."""
    golds = {g.key: g for g in load_realnews_gold([*keys, *dev])}
    examples: dict[str, list[KindExample]] = {"train": [], "dev": []}
    for name, split_keys, split_docs in (
        ("train", keys, docs),
        ("dev", dev, dev_docs),
    ):
        for (_, doc), key in zip(split_docs, split_keys, strict=True):
            examples[name].extend(kind_examples(doc, golds[key]))
    model = fit_kinds(examples["train"], examples["dev"])
    write_kinds(model, KINDS_PATH)
    load_kind_model.cache_clear()
    right = name_accuracy(model.model, model.threshold, examples["dev"])
    return (
        f"; kinds of names from {len(examples['train'])} mentions, dev names "
        f"{100 * right:.1f}% right, wrote {KINDS_PATH}"
    )


def training_order(keys: tuple[str, ...]) -> list[str]:
    """The training articles in the corpus plan's order (sources interleaved,
    so that any first N mix them), then any others, sorted."""
    plan_path = CORPUS_DIR / "plan.json"
    planned = json.loads(plan_path.read_text(encoding="utf-8"))["train"]
    have = set(keys)
    ordered = [k for k in planned if k in have]
    return ordered + sorted(have - set(ordered))


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
