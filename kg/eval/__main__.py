"""``python -m kg.eval``: extraction quality.

Commands:
    python -m kg.eval [--calibrate]        the whole table (real news, own, public)
    python -m kg.eval realnews [--split dev|test] [--classes]
                                           the real-news rows only
    python -m kg.eval sample --corpus bbc -n 50 --seed S [-o FILE] [--decider D]
                                           random typed events with evidence, to judge
    python -m kg.eval learning             the trained decider's learning curve on
                                           test and its reliability table

The real-news rows include, for dev and test, entity clustering, coverage,
types and labels (kg.eval.entities) and, over the articles of
corpus/identities/, kg's merges across articles (kg.eval.identities).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from rich.console import Console
from rich.table import Table
from spacy.language import Language

from kg.eval.entities import EntityReport, score_entities
from kg.eval.gold import Tally
from kg.eval.own import evaluate_own, write_calibration
from kg.eval.realnews import (
    GoldArticle,
    RealNewsReport,
    load_articles,
    load_realnews_gold,
    load_split,
    score_realnews,
    typed,
)
from kg.eval.sample import CORPORA, format_event, sample_events, sample_keys
from kg.eval.shared import benchmarks_dir
from kg.learn.predict import Decider, load_decider
from kg.nlp import load_pipeline
from kg.pipeline.article import extract_articles
from kg.records import Extraction
from kg.resources.lexicon import load_lexicon

Row = tuple[str, str, str, str, str, str]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m kg.eval")
    parser.add_argument("--calibrate", action="store_true")
    commands = parser.add_subparsers(dest="command")
    real = commands.add_parser("realnews", help="the real-news rows only")
    real.add_argument("--split", choices=("dev", "test"), action="append")
    real.add_argument("--classes", action="store_true", help="per-class rows")
    sample = commands.add_parser("sample", help="random typed events to judge")
    sample.add_argument("--corpus", choices=CORPORA, default="bbc")
    sample.add_argument("-n", type=int, default=50)
    sample.add_argument("--seed", type=int, required=True)
    sample.add_argument("-o", "--output", type=Path)
    sample.add_argument(
        "--decider", choices=("model", "rules"), default="rules", help="as kg build"
    )
    commands.add_parser("learning", help="learning curve and reliability")
    args = parser.parse_args(argv)
    console = Console(width=160)
    if args.command == "sample":
        return _sample(args.corpus, args.n, args.seed, args.output, args.decider)
    if args.command == "learning":
        return _learning(console)
    if not benchmarks_dir().is_dir() and args.command == "realnews":
        console.print(
            f"{benchmarks_dir()} is absent; set KG_BENCHMARKS to the benchmarks folder"
        )
        return 1
    nlp = load_pipeline()
    table = _table("kg extraction quality")
    splits = (
        args.split if args.command == "realnews" and args.split else ["dev", "test"]
    )
    if benchmarks_dir().is_dir():
        decider = load_decider()
        for split in splits:
            report = evaluate_realnews(nlp, split, decider)
            for row in realnews_rows(
                split, report, classes=args.command != "realnews" or args.classes
            ):
                table.add_row(*row)
        for split in splits:
            gold, extractions = _extract_split(nlp, split, None)
            rules = score_realnews(gold, extractions)
            table.add_row(
                f"real news {split}, rules only",
                "events",
                *_prf(rules.events),
                "the hand rules without the trained decider (--decider rules)",
            )
            for row in entity_rows(split, score_entities(gold, extractions)):
                table.add_row(*row)
        for row in identity_rows(nlp):
            table.add_row(*row)
    if args.command == "realnews":
        console.print(table)
        return 0
    own = evaluate_own(nlp)
    if args.calibrate:
        write_calibration(own)
        console.print("wrote kg/extract/confidence.json from the own gold")
    events = own.events
    table.add_row(
        "own gold (12 articles)",
        "events",
        *_prf(events),
        f"{events.tp + events.fn} gold events",
    )
    for name, tally in sorted(own.classes.items()):
        table.add_row("", f"  {name}", *_prf(tally), f"{tally.tp + tally.fn} gold")
    table.add_row("", "roles", *_prf(own.roles), "on matched events")
    table.add_row("", "time", *_prf(own.time), "exact value")
    table.add_row("", "sources", *_prf(own.sources), "attributed speakers")
    table.add_row(
        "", "factuality", "", "", f"{100 * own.factuality_accuracy:.1f}", "accuracy"
    )
    if not benchmarks_dir().is_dir():
        table.add_row(
            "public benchmarks",
            "—",
            "",
            "",
            "",
            f"{benchmarks_dir()} is absent; set KG_BENCHMARKS to the benchmarks "
            "folder to score real news, CaRB, BenchIE and WiRe57",
        )
    else:
        from kg.eval.public import public_rows

        for row in public_rows(nlp, benchmarks_dir().parent):
            table.add_row(*row)
    console.print(table)
    return 0


def evaluate_realnews(
    nlp: Language, split: str, decider: Decider | None = None
) -> RealNewsReport:
    """Extract the real-news articles of ``split`` as a default build does
    (with ``decider``, at its default threshold) and score them."""
    return score_realnews(*_extract_split(nlp, split, decider))


def _extract_split(
    nlp: Language, split: str, decider: Decider | None
) -> tuple[list[GoldArticle], list[Extraction]]:
    keys = load_split()[split]
    gold = load_realnews_gold(keys)
    articles = list(load_articles(keys, benchmarks_dir()))
    extractions = list(
        extract_articles(nlp, articles, lexicon=load_lexicon(), decider=decider)
    )
    if decider is not None:
        threshold = decider.threshold
        extractions = [
            replace(x, events=tuple(e for e in x.events if e.confidence >= threshold))
            for x in extractions
        ]
    return gold, extractions


def identity_rows(nlp: Language) -> list[Row]:
    """The cross-article rows: kg's merges against corpus/identities/."""
    from kg.eval.identities import identity_keys, load_identities, score_identities

    identities = load_identities()
    if not identities:
        return []
    keys = identity_keys(identities)
    gold = load_realnews_gold(keys)
    articles = list(load_articles(keys, benchmarks_dir()))
    extractions = extract_articles(nlp, articles, lexicon=load_lexicon())
    report = score_identities(gold, extractions, identities)
    return [
        (
            f"across {len(keys)} articles",
            "entity merges",
            *_prf(report.merges),
            f"pairs of the {report.entities} gold entities from two articles",
        ),
        (
            "",
            "honorifics",
            "",
            "",
            str(report.wrong_gender),
            f"'Mr' on a woman or 'Mrs' on a man, of {report.honorifics} seen",
        ),
    ]


def entity_rows(split: str, report: EntityReport) -> list[Row]:
    """The entity rows of one real-news split: how occurrences of the gold
    entities are covered, joined, typed and named."""
    precision, recall, f1 = report.b3
    pairs = report.pairs or Tally()
    return [
        (
            f"real news {split}, entities",
            "clustering B³",
            _pct(precision),
            _pct(recall),
            _pct(f1),
            f"{report.occurrences} occurrences of gold entities",
        ),
        ("", "pairwise", *_prf(pairs), "pairs of occurrences of one entity"),
        ("", "coverage", "", "", _pct(report.coverage), "occurrences kg mentions"),
        (
            "",
            "types",
            "",
            "",
            _pct(report.type_accuracy),
            f"of {report.entities} entities found",
        ),
        ("", "labels", "", "", _pct(report.label_accuracy), "a name the gold gives"),
    ]


def _learning(console: Console) -> int:
    """The learning curve on test and the reliability table of the shipped
    decider on test."""
    from kg.eval.learning import learning_curve, reliability
    from kg.learn.__main__ import CACHE, training_order
    from kg.learn.train import prepare

    if not benchmarks_dir().is_dir():
        console.print(
            f"{benchmarks_dir()} is absent; set KG_BENCHMARKS to the benchmarks folder"
        )
        return 1
    nlp = load_pipeline()
    order = training_order(load_split()["train"])
    curve = Table(title="learning curve: the decider trained on N articles, on test")
    for column in ("articles", "facts", "P", "R", "F1"):
        curve.add_column(column, justify="right")
    for point in learning_curve(nlp, benchmarks_dir(), order, cache=CACHE):
        curve.add_row(str(point.articles), str(point.facts), *_prf(point.report.events))
    console.print(curve)
    decider = load_decider()
    test = prepare(load_split()["test"], nlp, benchmarks_dir(), CACHE)
    table = Table(title="reliability on test: confidence against precision")
    for column in ("confidence", "events", "right", "precision"):
        table.add_column(column, justify="right")
    for found in reliability(test, decider):
        if found.events:
            table.add_row(
                f"{found.low:.1f}-{min(found.high, 1.0):.1f}",
                str(found.events),
                str(found.right),
                _pct(found.precision),
            )
    console.print(table)
    return 0


def realnews_rows(split: str, report: RealNewsReport, *, classes: bool) -> list[Row]:
    """The table rows of one real-news split."""
    events = report.events
    rows: list[Row] = [
        (
            f"real news {split} ({report.articles} articles)",
            "events",
            *_prf(events),
            f"{report.gold_events} gold facts; class + agent + main participant; "
            "the trained decider (--decider model)",
        )
    ]
    if classes:
        for name, tally in sorted(report.classes.items()):
            rows.append(
                (
                    "",
                    f"  {name}",
                    *_prf(tally),
                    f"{tally.tp + tally.fn} gold, {tally.tp + tally.fp} extracted",
                )
            )
    rows += [
        ("", "roles", *_prf(report.roles), "on matched events"),
        ("", "time", *_prf(report.time), "on matched events"),
        ("", "attribution", *_prf(report.sources), "sources of matched events"),
        (
            "",
            "factuality",
            "",
            "",
            _pct(report.factuality),
            "accuracy on matched events",
        ),
        (
            "",
            "entity labels",
            "",
            "",
            _pct(report.labels),
            f"of {report.labels_seen} named arguments",
        ),
    ]
    return rows


def _sample(
    corpus: str, n: int, seed: int, output: Path | None, decider_name: str = "rules"
) -> int:
    console = Console(width=160)
    if not benchmarks_dir().is_dir():
        console.print(
            f"{benchmarks_dir()} is absent; set KG_BENCHMARKS to the benchmarks folder"
        )
        return 1
    keys = sample_keys(corpus, benchmarks_dir(), seed)
    nlp = load_pipeline()
    decider = load_decider() if decider_name == "model" else None
    extractions = list(
        extract_articles(nlp, load_articles(keys, benchmarks_dir()), decider=decider)
    )
    if decider is not None:  # as kg build keeps them
        extractions = [
            replace(
                x,
                events=tuple(e for e in x.events if e.confidence >= decider.threshold),
            )
            for x in extractions
        ]
    chosen = sample_events(extractions, n, seed)
    typed_total = sum(1 for x in extractions for e in x.events if typed(e))
    head = (
        f"# Sample: corpus {corpus}, seed {seed}, decider {decider_name}, "
        f"{len(keys)} articles, "
        f"{typed_total} typed events, {len(chosen)} drawn\n\n"
        "Judge each: correct (class, agent and main participant right), partly "
        "(class right, a role wrong or missing), wrong.\n\n"
    )
    text = head + "\n".join(format_event(i, a, e) for i, (a, e) in enumerate(chosen, 1))
    if output:
        output.write_text(text, encoding="utf-8")
        console.print(f"wrote {output}")
    else:
        sys.stdout.write(text)
    return 0


def _table(title: str) -> Table:
    table = Table(title=title)
    for column in ("benchmark", "measure", "P", "R", "F1", "notes"):
        table.add_column(
            column, justify="right" if column in {"P", "R", "F1"} else "left"
        )
    return table


def _pct(value: float) -> str:
    return f"{100 * value:.1f}"


def _prf(tally: Tally) -> tuple[str, str, str]:
    return (_pct(tally.precision), _pct(tally.recall), _pct(tally.f1))


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
