"""The public benchmarks of ``make eval``, read from ``../shared/benchmarks``."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from kg.eval.benchie import binary, read_benchie, score_benchie
from kg.eval.carb import carb_lines, score_carb
from kg.eval.coding import score_petrarch, score_plover
from kg.eval.gold import Tally
from kg.eval.wire57 import read_wire57, score_wire57
from kg.extract.openie import OpenTuple, open_tuples

__all__ = ["public_rows"]

Row = tuple[str, str, str, str, str, str]
CARB_PUBLISHED = (
    "published test F1: IMoJIE 53.5, OpenIE6 52.7, OpenIE-4 48.8, ClausIE 45.0, "
    "textacy SVO 18.9 (same scorer)"
)
BENCHIE_PUBLISHED = (
    "published F1: ClausIE 33.9, MinIE 33.7, OpenIE6 25.4, Stanford 13.0"
)
WIRE57_PUBLISHED = (
    "published F1: OpenIE6 40.0 (its README); MinIE best of 7 in the paper"
)


def public_rows(nlp: Language, shared: Path) -> Iterator[Row]:
    """One table row per benchmark measure; a missing benchmark says so."""
    yield from _carb(nlp, shared)
    yield from _benchie(nlp, shared)
    yield from _wire57(nlp, shared)
    yield from _plover(nlp, shared)
    yield from _petrarch(nlp, shared)


def _plover(nlp: Language, shared: Path) -> Iterator[Row]:
    path = shared / "benchmarks" / "plover_gsr" / "plover_gsr.derived.jsonl"
    if not path.is_file():
        yield ("PLOVER", "—", "", "", "", f"absent: {path}")
        return
    scores = score_plover(nlp, path)
    name = "PLOVER GSR (322)"
    notes = {
        "events": "class via kg:plover (all 18 categories mapped)",
        "sources": "agent vs gold source",
        "targets": "recipient/target/theme vs gold target",
        "pairs": "source and target of the chosen event",
    }
    for measure, note in notes.items():
        yield (name, measure, *_prf(getattr(scores, measure)), note)
        name = ""


def _petrarch(nlp: Language, shared: Path) -> Iterator[Row]:
    folder = shared / "benchmarks" / "petrarch2_validation"
    if not folder.is_dir():
        yield ("PETRARCH-2", "—", "", "", "", f"absent: {folder}")
        return
    scores = score_petrarch(nlp, folder)
    yield ("PETRARCH-2 (277)", "sources", *_prf(scores.sources), "fictional actors")
    yield ("", "actor pairs", *_prf(scores.pairs), "source and target of one event")
    yield (
        "",
        "false events",
        "",
        "",
        "",
        f"{scores.false_events} of {scores.no_event_records} no-event sentences",
    )


def _prf(tally: Tally) -> tuple[str, str, str]:
    return _percent(tally.precision, tally.recall, tally.f1)


def _percent(p: float, r: float, f: float) -> tuple[str, str, str]:
    return f"{100 * p:.1f}", f"{100 * r:.1f}", f"{100 * f:.1f}"


def _carb(nlp: Language, shared: Path) -> Iterator[Row]:
    data = shared / "benchmarks" / "carb" / "data"
    scorer = shared / "tools" / "carb_score.py"
    if not data.is_dir() or not scorer.is_file():
        yield ("CaRB", "—", "", "", "", f"absent: {data} or {scorer}")
        return
    for split in ("dev", "test"):
        sentences = (data / f"{split}.txt").read_text(encoding="utf-8").splitlines()
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / f"{split}.tsv"
            out.write_text(
                "\n".join(carb_lines(nlp, sentences)) + "\n", encoding="utf-8"
            )
            result = score_carb(data / "gold" / f"{split}.tsv", out, scorer)
        note = f"AUC {100 * result['AUC']:.1f}; " + (
            "tuned on dev" if split == "dev" else CARB_PUBLISHED
        )
        yield (
            f"CaRB {split} ({len(sentences)})",
            "open IE tuples",
            f"{100 * result['P']:.1f}",
            f"{100 * result['R']:.1f}",
            f"{100 * result['F1']:.1f}",
            note,
        )


def _benchie(nlp: Language, shared: Path) -> Iterator[Row]:
    folder = shared / "benchmarks" / "benchie"
    gold_path = folder / "gold" / "benchie_gold_annotations_en.txt"
    sentences_path = folder / "sentences" / "sample300_en.txt"
    if not gold_path.is_file() or not sentences_path.is_file():
        yield ("BenchIE", "—", "", "", "", f"absent: {folder}")
        return
    gold = read_benchie(gold_path)
    lines = sentences_path.read_text(encoding="utf-8").splitlines()
    predicted = [
        (number, triple)
        for number, found in _parsed(nlp, lines)
        for triple in binary(found)
    ]
    scores = _percent(*score_benchie(gold, predicted))
    yield (
        "BenchIE (300)",
        "exact facts",
        *scores,
        f"half are CaRB dev; {BENCHIE_PUBLISHED}",
    )


def _wire57(nlp: Language, shared: Path) -> Iterator[Row]:
    path = shared / "benchmarks" / "wire57" / "WiRe57_343-manual-oie.json"
    if not path.is_file():
        yield ("WiRe57", "—", "", "", "", f"absent: {path}")
        return
    sentences = read_wire57(path)
    lines = [" ".join(s["tokens"]) for s in sentences]
    found: dict[str, list[OpenTuple]] = {}
    for number, item in _parsed(nlp, lines):
        found.setdefault(sentences[number - 1]["id"], []).append(item)
    scores = _percent(*score_wire57(sentences, found))
    yield ("WiRe57 (57)", "open IE tuples", *scores, WIRE57_PUBLISHED)


def _parsed(nlp: Language, lines: list[str]) -> Iterator[tuple[int, OpenTuple]]:
    """(1-based line number, tuple) for pre-tokenised sentences."""
    docs = (Doc(nlp.vocab, words=line.split()) for line in lines if line.strip())
    numbers = [n for n, line in enumerate(lines, 1) if line.strip()]
    for number, doc in zip(numbers, nlp.pipe(docs, batch_size=64), strict=True):
        for item in open_tuples(doc):
            yield number, item
