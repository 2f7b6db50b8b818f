"""Score extracted events against the hand-annotated gold in ``tests/data/gold``.

An extracted event matches a gold event when it comes from the same article,
has the same class and trigger word, and its sentence contains the gold's
``near`` text; each is matched at most once (the candidate sharing most role
fillers wins). Entity labels match leniently: case and a plural ``s`` are
ignored, and one label may be a run of words inside the other ("Leyen" in
"Ursula von der Leyen", "drone" in "Shahed drone").
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.records import Event, Extraction

__all__ = [
    "GOLD_DIR",
    "GoldEvent",
    "GoldReport",
    "Tally",
    "labels_match",
    "load_gold",
    "score",
]

GOLD_DIR = Path(__file__).resolve().parents[2] / "tests" / "data" / "gold"
_WORD = re.compile(r"[\w.$-]+")


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One annotated event."""

    article: str
    near: str
    trigger: str
    event_class: str
    roles: tuple[tuple[str, str], ...]
    time: str | None
    factuality: str
    sources: tuple[str, ...] | None


@dataclass
class Tally:
    """True positives, false positives and false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @classmethod
    def sum(cls, tallies: Iterable[Tally]) -> Tally:
        """One tally of all of ``tallies``."""
        total = cls()
        for tally in tallies:
            total.tp += tally.tp
            total.fp += tally.fp
            total.fn += tally.fn
        return total

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class GoldReport:
    """Scores by event class, for roles, time, factuality, sources, and by pattern."""

    classes: dict[str, Tally] = field(default_factory=dict)
    roles: Tally = field(default_factory=Tally)
    time: Tally = field(default_factory=Tally)
    sources: Tally = field(default_factory=Tally)
    factuality: Counter[str] = field(default_factory=Counter)
    patterns: dict[str, Tally] = field(default_factory=dict)

    @property
    def events(self) -> Tally:
        return Tally.sum(self.classes.values())

    @property
    def factuality_accuracy(self) -> float:
        seen = self.factuality["right"] + self.factuality["wrong"]
        return self.factuality["right"] / seen if seen else 0.0


def load_gold(folder: Path = GOLD_DIR) -> list[GoldEvent]:
    """The annotated events of ``folder/gold.jsonl``."""
    events = []
    with (folder / "gold.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            data = json.loads(line)
            sources = data.get("sources")
            events.append(
                GoldEvent(
                    article=data["article"],
                    near=data["near"],
                    trigger=data["trigger"],
                    event_class=data["class"],
                    roles=tuple(sorted(data["roles"].items())),
                    time=data.get("time"),
                    factuality=data.get("factuality", "asserted"),
                    sources=None if sources is None else tuple(sources),
                )
            )
    return events


def labels_match(a: str, b: str) -> bool:
    """Lenient entity-label match.

    Examples:
        >>> labels_match("Leyen", "Ursula von der Leyen")
        True
        >>> labels_match("drones", "drone")
        True
        >>> labels_match("Russia", "Belarus")
        False
    """
    x, y = _words(a), _words(b)
    if not x or not y:
        return False
    short, long = (x, y) if len(x) <= len(y) else (y, x)
    return any(
        long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1)
    )


def score(gold: Iterable[GoldEvent], extractions: Iterable[Extraction]) -> GoldReport:
    """Match extracted events to the gold and tally every measure."""
    report = GoldReport()
    predicted: dict[str, list[Event]] = {}
    for extraction in extractions:
        predicted.setdefault(Path(extraction.article.origin).stem, []).extend(
            extraction.events
        )
    gold_by_article: dict[str, list[GoldEvent]] = {}
    for event in gold:
        gold_by_article.setdefault(event.article, []).append(event)
    for article, gold_events in sorted(gold_by_article.items()):
        _score_article(report, gold_events, predicted.get(article, []))
    return report


def _score_article(
    report: GoldReport, gold: list[GoldEvent], predicted: list[Event]
) -> None:
    unmatched = list(predicted)
    for item in gold:
        candidates = [
            p
            for p in unmatched
            if p.event_class == item.event_class
            and p.trigger.casefold() == item.trigger.casefold()
            and item.near in p.sentence
        ]
        tally = report.classes.setdefault(item.event_class, Tally())
        if not candidates:
            tally.fn += 1
            report.roles.fn += len(item.roles)
            report.time.fn += item.time is not None
            if item.sources:
                report.sources.fn += len(item.sources)
            continue
        best = max(candidates, key=lambda p: _role_overlap(item, p))
        unmatched.remove(best)
        tally.tp += 1
        _pattern(report, best).tp += 1
        _compare(report, item, best)
    for event in unmatched:
        report.classes.setdefault(event.event_class, Tally()).fp += 1
        _pattern(report, event).fp += 1


def _compare(report: GoldReport, gold: GoldEvent, event: Event) -> None:
    extracted = [(a.role.value, a.mention.entity.label) for a in event.arguments]
    tp = sum(
        1
        for role, label in gold.roles
        if any(r == role and labels_match(label, found) for r, found in extracted)
    )
    report.roles.tp += tp
    report.roles.fn += len(gold.roles) - tp
    report.roles.fp += len(extracted) - sum(
        1
        for role, found in extracted
        if any(r == role and labels_match(label, found) for r, label in gold.roles)
    )
    value = event.time.value if event.time else None
    if value is not None and value == gold.time:
        report.time.tp += 1
    else:
        report.time.fp += value is not None
        report.time.fn += gold.time is not None
    report.factuality[
        "right" if event.factuality.value == gold.factuality else "wrong"
    ] += 1
    if gold.sources is not None:
        said = [s.label for s in event.attributed_to]
        hits = sum(1 for g in gold.sources if any(labels_match(g, s) for s in said))
        report.sources.tp += hits
        report.sources.fn += len(gold.sources) - hits
        report.sources.fp += sum(
            1 for s in said if not any(labels_match(g, s) for g in gold.sources)
        )


def _role_overlap(gold: GoldEvent, event: Event) -> int:
    return sum(
        1
        for role, label in gold.roles
        for a in event.arguments
        if a.role.value == role and labels_match(label, a.mention.entity.label)
    )


def _pattern(report: GoldReport, event: Event) -> Tally:
    name = event.extractor.rsplit(":", 1)[-1]
    return report.patterns.setdefault(name, Tally())


def _words(label: str) -> list[str]:
    words = [w.casefold() for w in _WORD.findall(label)]
    words = [w for w in words if w not in {"the", "a", "an"}]
    return [w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words]
