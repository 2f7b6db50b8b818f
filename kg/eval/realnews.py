"""Score kg on real news: VOA and BBC articles with exhaustive event gold.

The gold (the annotated corpus in ``corpus/``, written to ``GUIDELINES.md``
there) records every event of kg's typed classes in each article, one per distinct
fact, so precision can be computed as well as recall. The texts are read from
the shared benchmarks folder, never copied.

An extracted typed event (any class but Statement and the generic Event)
**matches** a gold event of its article when the class is the same, the agent
is the gold agent, and the gold event's main participant (per class, see
``MAIN_ROLES``) fills one of its other roles. Symmetric classes (Meeting,
Agreement, Cooperation, Fight) may have the two parties either way round.
Precision counts extracted events that match some gold event; recall counts
gold events that some extracted event matches. Roles, time, attribution and
factuality are scored on the best-matching extracted event of each matched
gold event.

Entity names match when an extracted entity's canonical label is the gold
entity's label or one of its aliases (case, "the", dots and a plural "s"
aside); a gold value that is not a listed entity is a head noun and matches an
extracted thing whose head word is that noun.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kg.eval.corpus import (
    CORPUS_DIR,
    MAIN_ROLES,
    ROLES,
    SPLITS,
    SYMMETRIC,
    file_name,
    source_text,
    split_keys,
)
from kg.eval.gold import Tally
from kg.ingest import read_inputs
from kg.records import Article, Entity, EntityType, Event, Extraction, Role

__all__ = [
    "MAIN_ROLES",
    "REALNEWS_DIR",
    "SYMMETRIC",
    "GoldArticle",
    "RealNewsReport",
    "load_articles",
    "load_realnews_gold",
    "load_split",
    "matches_gold",
    "norm_name",
    "same_name",
    "score_realnews",
    "typed",
]

REALNEWS_DIR = CORPUS_DIR
UNTYPED = frozenset({"Statement", "Event"})
_PUNCT = re.compile(r"[^\w\s-]")


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One annotated fact."""

    id: int
    event_class: str
    agent: tuple[str, ...]
    roles: tuple[tuple[str, str], ...]
    factuality: str
    time: str | None
    sources: tuple[str, ...]
    quote: str
    trigger: str = ""

    def main(self) -> tuple[str, tuple[str, ...]] | None:
        """The main role and its gold fillers, or None when the text names none."""
        for role in MAIN_ROLES.get(self.event_class, ()):
            values = tuple(v for r, v in self.roles if r == role)
            if values:
                return role, values
        return None


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """The gold of one article: its entities' names and its facts."""

    key: str  # "voa:6180932", "bbc:politics/226"
    date: str | None
    names: dict[str, frozenset[str]]  # gold label → normalised label and aliases
    types: dict[str, str]
    events: tuple[GoldEvent, ...]
    forms: dict[str, tuple[str, ...]] = field(default_factory=dict)  # as written


@dataclass
class RealNewsReport:
    """Event, role, time, attribution, factuality and entity-label scores."""

    classes: dict[str, Tally] = field(default_factory=dict)
    roles: Tally = field(default_factory=Tally)
    time: Tally = field(default_factory=Tally)
    sources: Tally = field(default_factory=Tally)
    factuality_right: int = 0
    factuality_seen: int = 0
    labels_right: int = 0
    labels_seen: int = 0
    articles: int = 0
    gold_events: int = 0

    @property
    def events(self) -> Tally:
        return Tally.sum(self.classes.values())

    @property
    def factuality(self) -> float:
        return (
            self.factuality_right / self.factuality_seen
            if self.factuality_seen
            else 0.0
        )

    @property
    def labels(self) -> float:
        return self.labels_right / self.labels_seen if self.labels_seen else 0.0


def typed(event: Event) -> bool:
    """True for events of a typed class (not Statement, not the generic Event)."""
    return event.event_class not in UNTYPED


def load_split(folder: Path = REALNEWS_DIR) -> dict[str, tuple[str, ...]]:
    """The article keys of each split (train, dev, test): its folder's files."""
    return {name: split_keys(name, folder) for name in SPLITS}


def load_realnews_gold(
    keys: Iterable[str], folder: Path = REALNEWS_DIR
) -> list[GoldArticle]:
    """The gold articles of ``keys``, in order, from the split that holds each."""
    return [_gold_article(_gold_path(folder, key)) for key in keys]


def _gold_path(folder: Path, key: str) -> Path:
    name = file_name(key)
    for split in SPLITS:
        path = folder / split / name
        if path.is_file():
            return path
    raise FileNotFoundError(
        f"no annotation of {key} in {folder}/{{{','.join(SPLITS)}}}"
    )


def load_articles(keys: Iterable[str], benchmarks: Path) -> Iterator[Article]:
    """Read the articles of ``keys`` from the shared benchmarks as a user would.

    VOA stories become JSON-Lines-style records (id, title, date, text); BBC
    articles are read from their ``.txt`` files by ``kg.ingest``.
    """
    wanted = list(keys)
    voa_ids = {k.split(":", 1)[1] for k in wanted if k.startswith("voa:")}
    stories: dict[str, dict[str, str]] = {}
    if voa_ids:
        path = benchmarks / "voa_2025" / "voa_stories.jsonl"
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                if record["id"] in voa_ids:
                    stories[record["id"]] = record
    for key in wanted:
        corpus, ident = key.split(":", 1)
        if corpus == "wikinews":
            source = source_text(key, benchmarks)
            yield Article(
                id=f"wikinews-{ident}",
                text=source.text,
                origin=f"articles.jsonl:{key}",
                title=source.title,
                date=source.date,
                url=source.url,
            )
        elif corpus == "voa":
            record = stories[ident]
            yield Article(
                id=f"voa-{ident}",
                text=record["text"],
                origin=f"voa_stories.jsonl:{ident}",
                title=record["title"],
                date=record["published"][:10],
                url=record["url"],
            )
        else:
            path = benchmarks / "bbc_news" / "articles" / f"{ident}.txt"
            for item in read_inputs([path]):
                if isinstance(item, Article):
                    yield item


def score_realnews(
    gold: Iterable[GoldArticle], extractions: Iterable[Extraction]
) -> RealNewsReport:
    """Match the typed events of ``extractions`` (in gold order) to the gold."""
    report = RealNewsReport()
    for article, extraction in zip(gold, extractions, strict=True):
        report.articles += 1
        report.gold_events += len(article.events)
        _score_article(report, article, [e for e in extraction.events if typed(e)])
    return report


def _score_article(
    report: RealNewsReport, gold: GoldArticle, events: list[Event]
) -> None:
    matched: dict[int, list[Event]] = {g.id: [] for g in gold.events}
    for event in events:
        hits = [g for g in gold.events if _matches(gold, g, event)]
        tally = report.classes.setdefault(event.event_class, Tally())
        if hits:
            tally.tp += 1
            for g in hits:
                matched[g.id].append(event)
        else:
            tally.fp += 1
    for g in gold.events:
        tally = report.classes.setdefault(g.event_class, Tally())
        found = matched[g.id]
        if not found:
            tally.fn += 1
            continue
        best = max(found, key=lambda e: _role_overlap(gold, g, e))
        _compare(report, gold, g, best)
    seen: set[tuple[str, str]] = set()
    for event in events:
        for argument in event.arguments:
            entity = argument.mention.entity
            if entity.type is EntityType.THING or (entity.key, entity.label) in seen:
                continue
            seen.add((entity.key, entity.label))
            report.labels_seen += 1
            report.labels_right += any(
                _norm(entity.label) in names for names in gold.names.values()
            )


def matches_gold(gold: GoldArticle, event: Event) -> bool:
    """Whether ``event`` matches some gold fact of its article."""
    return event.event_class not in UNTYPED and any(
        _matches(gold, g, event) for g in gold.events
    )


def _matches(gold: GoldArticle, g: GoldEvent, event: Event) -> bool:
    if event.event_class != g.event_class:
        return False
    agents = [m.entity for m in event.role(Role.AGENT)]
    others = [a.mention.entity for a in event.arguments if a.role is not Role.AGENT]
    main = g.main()
    if _fits(gold, g.agent, agents, allow_empty=True) and (
        main is None or _fits(gold, main[1], others)
    ):
        return True
    if g.event_class in SYMMETRIC and main is not None:
        return _fits(gold, main[1], agents) and _fits(gold, g.agent, others)
    return False


def _fits(
    gold: GoldArticle,
    values: tuple[str, ...],
    entities: Sequence[Entity],
    *,
    allow_empty: bool = False,
) -> bool:
    if not values:
        return allow_empty and not entities
    return any(_same(gold, value, entity) for value in values for entity in entities)


def same_name(gold: GoldArticle, value: str, entity: Entity) -> bool:
    """Whether ``entity`` is what the gold ``value`` names: the gold entity's
    label or an alias, or for an unnamed thing the same head noun."""
    return _same(gold, value, entity)


def _same(gold: GoldArticle, value: str, entity: Entity) -> bool:
    label = entity.label
    kind = entity.type
    names = gold.names.get(value)
    if names is not None:
        return _norm(label) in names
    if kind is not EntityType.THING:
        return _norm(label) == _norm(value)
    return _head(label) == _head(value)


def _role_overlap(gold: GoldArticle, g: GoldEvent, event: Event) -> int:
    return sum(
        1
        for role, value in g.roles
        for a in event.arguments
        if a.role.value == role and _same(gold, value, a.mention.entity)
    )


def _compare(
    report: RealNewsReport, gold: GoldArticle, g: GoldEvent, event: Event
) -> None:
    found = [
        (a.role.value, a.mention.entity)
        for a in event.arguments
        if a.role is not Role.AGENT
    ]
    tp = sum(
        1
        for role, value in g.roles
        if any(r == role and _same(gold, value, e) for r, e in found)
    )
    report.roles.tp += tp
    report.roles.fn += len(g.roles) - tp
    report.roles.fp += sum(
        1
        for r, e in found
        if not any(r == role and _same(gold, v, e) for role, v in g.roles)
    )
    value = event.time.value if event.time else None
    if value is not None and g.time is not None and _time_fits(value, g.time):
        report.time.tp += 1
    else:
        report.time.fp += value is not None
        report.time.fn += g.time is not None
    report.factuality_seen += 1
    report.factuality_right += event.factuality.value == g.factuality
    said = list(event.attributed_to)
    hits = sum(1 for s in g.sources if any(_same(gold, s, e) for e in said))
    report.sources.tp += hits
    report.sources.fn += len(g.sources) - hits
    report.sources.fp += sum(
        1 for e in said if not any(_same(gold, s, e) for s in g.sources)
    )


def _time_fits(value: str, gold: str) -> bool:
    if "/" in value:
        begin, end = value.split("/")
        return begin[: len(gold)] <= gold <= end[: len(gold)]
    return value == gold


def _gold_article(path: Path) -> GoldArticle:
    data = json.loads(path.read_text(encoding="utf-8"))
    names: dict[str, frozenset[str]] = {}
    types: dict[str, str] = {}
    forms: dict[str, tuple[str, ...]] = {}
    for entity in data["entities"]:
        label = entity["label"]
        names[label] = frozenset(_norm(x) for x in (label, *entity.get("aliases", ())))
        types[label] = entity.get("type", "")
        forms[label] = tuple(
            dict.fromkeys(str(x) for x in (label, *entity.get("aliases", ())) if x)
        )
    events = []
    for item in data["events"]:
        roles = tuple(
            (role, value) for role in ROLES for value in _values(item.get(role))
        )
        events.append(
            GoldEvent(
                id=int(item["id"]),
                event_class=item["class"],
                agent=_values(item.get("agent")),
                roles=roles,
                factuality=item.get("factuality", "asserted"),
                time=item.get("time"),
                sources=_values(item.get("sources")),
                quote=item.get("quote", ""),
                trigger=item.get("trigger", ""),
            )
        )
    return GoldArticle(
        key=data["article"],
        date=data.get("date"),
        names=names,
        types=types,
        events=tuple(events),
        forms=forms,
    )


def _values(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(str(v) for v in value if v)
    raise ValueError(f"gold role value {value!r} is neither a string nor a list")


def norm_name(text: str) -> str:
    """A name as the gold compares names (see :func:`_norm`)."""
    return _norm(text)


def _norm(text: str) -> str:
    """Case, leading "the", dots and other punctuation aside.

    Examples:
        >>> _norm("The U.S.")
        'us'
        >>> _norm("Agency for Trade (AFT")
        'agency for trade aft'
    """
    words = _PUNCT.sub("", text.replace(".", "")).casefold().split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


# Plurals no suffix rule reaches: a head is compared in the singular.
_IRREGULAR_PLURALS = {
    "people": "person",
    "men": "man",
    "women": "woman",
    "children": "child",
}


def _head(text: str) -> str:
    words = _norm(text).split()
    if not words:
        return ""
    head = _IRREGULAR_PLURALS.get(words[-1], words[-1])
    if len(head) > 3 and head.endswith("ies"):
        return head[:-3] + "y"
    if len(head) > 3 and head.endswith("s") and not head.endswith("ss"):
        return head[:-1]
    return head
