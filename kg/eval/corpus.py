"""The annotated real-news corpus: where its texts come from, its splits, checks.

The corpus (``corpus/`` beside ``ontology/``) holds one JSON file per article,
written to ``corpus/GUIDELINES.md``, in a folder per split (``train``, ``dev``,
``test``); ``double/`` holds the second, independent annotation of a sample of
articles, for the agreement figure. The texts stay in the shared benchmarks
folder and are read from there by key:

* ``voa:<id>``: a story of ``voa_2025/voa_stories.jsonl`` (public domain);
* ``bbc:<category>/<NNN>``: ``bbc_news/articles/<category>/<NNN>.txt``;
* ``wikinews:<page id>`` (or ``wikinews:t<digest>`` for a record without a page
  id): a record of ``wikinews_en/articles.jsonl`` (CC BY 2.5).

This module needs nothing but the standard library, so annotators can run
``python3 -m kg.eval.corpus show KEY`` and ``check FILE`` without kg installed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

__all__ = [
    "CLASSES",
    "CORPUS_DIR",
    "FACTUALITY",
    "SPLITS",
    "SourceText",
    "agreement",
    "annotation_path",
    "check_annotation",
    "corpus_files",
    "file_name",
    "in_judging_pool",
    "source_text",
    "split_keys",
]

CORPUS_DIR = Path(__file__).resolve().parents[2] / "corpus"
SPLITS = ("train", "dev", "test")
DOUBLE = "double"
CLASSES = frozenset(
    (
        *("Supply", "Funding", "Attack", "Fight", "Sanction", "Meeting", "Visit"),
        *("Agreement", "Cooperation", "Acquisition", "Appointment", "Support"),
        *("Request", "Condemnation", "Rejection", "Threat", "Protest", "Coercion"),
        *("Investigation", "Withdrawal", "Mobilization", "Concession", "Approval"),
        *("Development", "Manufacture"),
    )
)
SYMMETRIC = frozenset({"Meeting", "Agreement", "Cooperation", "Fight"})
# The participant that, with class and agent, makes a fact: the first of these
# roles the annotation fills (the scorer, kg.eval.realnews, reads the same table).
MAIN_ROLES: dict[str, tuple[str, ...]] = {
    "Supply": ("recipient", "theme"),
    "Funding": ("recipient", "theme"),
    "Attack": ("target",),
    "Fight": ("target",),
    "Sanction": ("target",),
    "Meeting": ("recipient",),
    "Visit": ("place",),
    "Agreement": ("recipient", "theme"),
    "Cooperation": ("recipient", "theme"),
    "Acquisition": ("theme",),
    "Appointment": ("theme",),
    "Support": ("recipient", "theme"),
    "Request": ("recipient", "theme"),
    "Condemnation": ("target",),
    "Rejection": ("theme",),
    "Threat": ("target", "theme"),
    "Protest": ("target",),
    "Coercion": ("target",),
    "Investigation": ("target",),
    "Withdrawal": ("place", "theme"),
    "Mobilization": ("theme",),
    "Concession": ("theme",),
    "Approval": ("theme",),
    "Development": ("theme",),
    "Manufacture": ("theme",),
}
ROLES = ("theme", "recipient", "target", "place", "source", "instrument")
FACTUALITY = frozenset({"asserted", "negated", "future", "possible", "expected"})
ENTITY_TYPES = frozenset({"person", "organization", "country", "place", "thing"})
# BBC articles from which precision samples are drawn: never annotated, never tuned on.
JUDGING_POOL = {"business": range(1, 201), "politics": range(1, 101)}
_TIME = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_PUNCT = re.compile(r"[^\w\s-]")
_FIELDS = frozenset(
    {"id", "class", "agent", *ROLES, "factuality", "time", "sources", "trigger"}
    | {"quote", "note"}
)


@dataclass(frozen=True, slots=True)
class SourceText:
    """One article as annotators and kg read it."""

    key: str
    title: str
    date: str | None
    text: str
    url: str | None
    licence: str


def benchmarks_dir() -> Path:
    """The shared benchmark data: ``$KG_BENCHMARKS``, else ``../shared/benchmarks``."""
    env = os.environ.get("KG_BENCHMARKS")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3] / "shared" / "benchmarks"


def source_text(key: str, benchmarks: Path | None = None) -> SourceText:
    """The text of the article ``key``, read from the shared benchmarks.

    Raises:
        KeyError: the key names no article of the benchmarks.
        ValueError: the key's corpus is not one of voa, bbc, wikinews.
    """
    folder = benchmarks_dir() if benchmarks is None else benchmarks
    corpus, _, ident = key.partition(":")
    if corpus == "voa":
        record = _voa(folder)[ident]
        return SourceText(
            key,
            record["title"],
            record["published"][:10],
            record["text"],
            record["url"],
            "public domain (Voice of America)",
        )
    if corpus == "bbc":
        path = folder / "bbc_news" / "articles" / f"{ident}.txt"
        if not path.is_file():
            raise KeyError(f"{key}: no file {path}")
        raw = path.read_text(encoding="utf-8", errors="replace")
        title, _, body = raw.partition("\n")
        return SourceText(
            key, title.strip(), None, body.strip(), None, "BBC, research use only"
        )
    if corpus == "wikinews":
        record = _wikinews(folder)[key]
        return SourceText(
            key,
            record["title"],
            record.get("date"),
            record["text"],
            record.get("url"),
            "CC BY 2.5 (Wikinews)",
        )
    raise ValueError(
        f"Unknown corpus {corpus!r} in {key!r}. Choose one of: bbc, voa, wikinews."
    )


def wikinews_keys(benchmarks: Path | None = None) -> list[str]:
    """Every Wikinews article key, in the file's order."""
    return list(_wikinews(benchmarks_dir() if benchmarks is None else benchmarks))


def voa_keys(benchmarks: Path | None = None) -> list[str]:
    """Every VOA story key, in the file's order."""
    return [
        f"voa:{i}" for i in _voa(benchmarks_dir() if benchmarks is None else benchmarks)
    ]


def in_judging_pool(key: str) -> bool:
    """True for the BBC articles precision samples are drawn from.

    Examples:
        >>> in_judging_pool("bbc:business/007"), in_judging_pool("bbc:politics/101")
        (True, False)
    """
    corpus, _, ident = key.partition(":")
    if corpus != "bbc":
        return False
    category, _, number = ident.partition("/")
    return number.isdigit() and int(number) in JUDGING_POOL.get(category, ())


def file_name(key: str) -> str:
    """The annotation file name of ``key``.

    Examples:
        >>> file_name("bbc:politics/226"), file_name("wikinews:123")
        ('bbc-politics_226.json', 'wikinews-123.json')
    """
    corpus, _, ident = key.partition(":")
    return f"{corpus}-{ident.replace('/', '_')}.json"


def annotation_path(key: str, split: str, folder: Path = CORPUS_DIR) -> Path:
    """Where the annotation of ``key`` in ``split`` (or ``double``) lives."""
    if split not in (*SPLITS, DOUBLE):
        raise ValueError(
            f"Unknown split {split!r}. Choose one of: {', '.join((*SPLITS, DOUBLE))}."
        )
    return folder / split / file_name(key)


def corpus_files(split: str, folder: Path = CORPUS_DIR) -> list[Path]:
    """The annotation files of ``split``, sorted by name."""
    return sorted((folder / split).glob("*.json"))


def split_keys(split: str, folder: Path = CORPUS_DIR) -> tuple[str, ...]:
    """The article keys annotated in ``split``, sorted."""
    keys = (
        json.loads(path.read_text(encoding="utf-8"))["article"]
        for path in corpus_files(split, folder)
    )
    return tuple(sorted(keys))


def check_annotation(data: object, source: SourceText | None) -> list[str]:
    """Everything wrong with one annotation, as messages that say how to fix it.

    ``source`` is the article's text; without it the quotes are not checked.
    """
    if not isinstance(data, dict):
        return ["the file must hold one JSON object"]
    problems: list[str] = []
    for name in ("article", "entities", "events"):
        if name not in data:
            problems.append(f"missing field {name!r}")
    if problems:
        return problems
    if source is not None and data["article"] != source.key:
        problems.append(f"'article' is {data['article']!r}, expected {source.key!r}")
    labels = _check_entities(data["entities"], problems)
    events = data["events"]
    if not isinstance(events, list):
        return [*problems, "'events' must be a list"]
    full = f"{source.title}\n{source.text}" if source else ""
    for number, event in enumerate(events, 1):
        where = f"event {number}"
        if not isinstance(event, dict):
            problems.append(f"{where}: must be an object")
            continue
        problems.extend(f"{where}: {p}" for p in _check_event(event, labels, full))
        if event.get("id") != number:
            problems.append(f"{where}: 'id' must be {number} (1, 2, 3… in order)")
    return problems


def agreement(
    first: Mapping[str, object], second: Mapping[str, object]
) -> tuple[int, int, int]:
    """Facts of two annotations of one article that match: (matched, n1, n2).

    Two facts match when class, agent and main participant agree (symmetric
    classes either way round); names agree when they share a label or alias
    in either annotation's entity list.
    """
    names = _alias_sets(first) | {}
    for label, forms in _alias_sets(second).items():
        names[label] = names.get(label, frozenset()) | forms
    one = [_fact(e) for e in _events(first)]
    two = [_fact(e) for e in _events(second)]
    used: set[int] = set()
    matched = 0
    for fact in one:
        for index, other in enumerate(two):
            if index not in used and _same_fact(fact, other, names):
                used.add(index)
                matched += 1
                break
    return matched, len(one), len(two)


# --- the texts -------------------------------------------------------------


@cache
def _voa(folder: Path) -> dict[str, dict[str, str]]:
    path = folder / "voa_2025" / "voa_stories.jsonl"
    with path.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    return {r["id"]: r for r in records}


@cache
def _wikinews(folder: Path) -> dict[str, dict[str, str]]:
    path = folder / "wikinews_en" / "articles.jsonl"
    records: dict[str, dict[str, str]] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                records[_wikinews_key(record)] = record
    return records


def _wikinews_key(record: Mapping[str, object]) -> str:
    page = record.get("wikinews_pageid")
    if isinstance(page, int):
        return f"wikinews:{page}"
    digest = hashlib.sha1(str(record["id"]).encode("utf-8")).hexdigest()[:10]
    return f"wikinews:t{digest}"


# --- checks ----------------------------------------------------------------


def _check_entities(entities: object, problems: list[str]) -> set[str]:
    labels: set[str] = set()
    if not isinstance(entities, list):
        problems.append("'entities' must be a list")
        return labels
    for number, entity in enumerate(entities, 1):
        where = f"entity {number}"
        if not isinstance(entity, dict) or not isinstance(entity.get("label"), str):
            problems.append(f"{where}: needs a 'label' string")
            continue
        label = entity["label"]
        if label in labels:
            problems.append(f"{where}: label {label!r} listed twice; merge the two")
        labels.add(label)
        if entity.get("type") not in ENTITY_TYPES:
            problems.append(
                f"{where} ({label}): type {entity.get('type')!r}; choose one of: "
                + ", ".join(sorted(ENTITY_TYPES))
            )
        aliases = entity.get("aliases", [])
        if not isinstance(aliases, list) or not all(
            isinstance(a, str) for a in aliases
        ):
            problems.append(f"{where} ({label}): 'aliases' must be a list of strings")
    return labels


def _check_event(
    event: Mapping[str, object], labels: set[str], text: str
) -> Iterator[str]:
    for name in event:
        if name not in _FIELDS:
            yield f"unknown field {name!r}; fields are: {', '.join(sorted(_FIELDS))}"
    event_class = event.get("class")
    if event_class not in CLASSES:
        yield f"class {event_class!r}; choose one of: {', '.join(sorted(CLASSES))}"
    if event.get("factuality", "asserted") not in FACTUALITY:
        yield (
            f"factuality {event.get('factuality')!r}; choose one of: "
            + ", ".join(sorted(FACTUALITY))
        )
    time = event.get("time")
    if time is not None and not (isinstance(time, str) and _TIME.match(time)):
        yield f"time {time!r}: write YYYY, YYYY-MM or YYYY-MM-DD, or leave it out"
    for role in ("agent", *ROLES, "sources"):
        for value in _values(event.get(role)):
            if value not in labels and value != value.lower():
                yield (
                    f"{role} {value!r} is not an entity label; add it to 'entities' "
                    "or write an unnamed participant as a lowercase head noun"
                )
    if isinstance(event_class, str) and event_class in MAIN_ROLES:
        main = MAIN_ROLES[event_class]
        named = any(_values(event.get(role)) for role in main)
        if not named and event_class != "Protest" and "note" not in event:
            yield (
                f"warning: no main participant: {event_class} needs "
                + " or ".join(main)
                + " (if the text names none, say so in a 'note' field)"
            )
    for field in ("trigger", "quote"):
        given = event.get(field)
        if not isinstance(given, str) or not given:
            yield f"needs a '{field}' string"
        elif text and given not in text:
            yield f"{field} {given!r} is not verbatim in the article; copy it exactly"
    quote, trigger = event.get("quote"), event.get("trigger")
    if isinstance(quote, str) and isinstance(trigger, str) and trigger not in quote:
        yield f"trigger {trigger!r} is not inside the quote"


def _values(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(str(v) for v in value if v)
    return (str(value),)


# --- agreement -------------------------------------------------------------


def _events(data: Mapping[str, object]) -> list[Mapping[str, object]]:
    events = data.get("events")
    return (
        [e for e in events if isinstance(e, dict)] if isinstance(events, list) else []
    )


def _alias_sets(data: Mapping[str, object]) -> dict[str, frozenset[str]]:
    sets: dict[str, frozenset[str]] = {}
    entities = data.get("entities")
    for entity in entities if isinstance(entities, list) else []:
        if isinstance(entity, dict) and isinstance(entity.get("label"), str):
            forms = [entity["label"], *entity.get("aliases", [])]
            sets[entity["label"]] = frozenset(_norm(str(f)) for f in forms)
    return sets


Fact = tuple[str, tuple[str, ...], tuple[str, ...]]


def _fact(event: Mapping[str, object]) -> Fact:
    event_class = str(event.get("class"))
    main: tuple[str, ...] = ()
    for role in MAIN_ROLES.get(event_class, ()):
        main = _values(event.get(role))
        if main:
            break
    return event_class, _values(event.get("agent")), main


def _same_fact(one: Fact, two: Fact, names: Mapping[str, frozenset[str]]) -> bool:
    if one[0] != two[0]:
        return False
    if _agree(one[1], two[1], names) and _agree(one[2], two[2], names):
        return True
    return one[0] in SYMMETRIC and (
        _agree(one[1], two[2], names) and _agree(one[2], two[1], names)
    )


def _agree(
    first: Sequence[str], second: Sequence[str], names: Mapping[str, frozenset[str]]
) -> bool:
    if not first or not second:
        return not first and not second
    return any(_forms(a, names) & _forms(b, names) for a in first for b in second)


def _forms(value: str, names: Mapping[str, frozenset[str]]) -> frozenset[str]:
    return names.get(value, frozenset()) | {_norm(value)}


def _norm(text: str) -> str:
    words = _PUNCT.sub("", text.replace(".", "")).casefold().split()
    if words and words[0] == "the":
        words = words[1:]
    if words and len(words[-1]) > 3 and words[-1].endswith("s"):
        words[-1] = words[-1][:-1]
    return " ".join(words)


# --- command line ----------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """``python3 -m kg.eval.corpus show KEY | check FILE... | agree A B | stats``."""
    parser = argparse.ArgumentParser(prog="python3 -m kg.eval.corpus")
    commands = parser.add_subparsers(dest="command", required=True)
    show = commands.add_parser("show", help="print an article's title, date and text")
    show.add_argument("key")
    check = commands.add_parser("check", help="check annotation files")
    check.add_argument("files", nargs="+", type=Path)
    agree = commands.add_parser("agree", help="fact-level agreement of two annotations")
    agree.add_argument("pairs", nargs="*", type=Path)
    commands.add_parser("stats", help="articles and facts per split and class")
    args = parser.parse_args(argv)
    if args.command == "show":
        return _show(args.key)
    if args.command == "check":
        return _check(args.files)
    if args.command == "agree":
        return _agree_command(args.pairs)
    return _stats()


def _show(key: str) -> int:
    try:
        source = source_text(key)
    except (KeyError, ValueError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(f"article: {source.key}")
    print(f"date: {source.date or 'unknown'}")
    print(f"title: {source.title}")
    print()
    print(source.text)
    return 0


def _check(files: Iterable[Path]) -> int:
    failed = 0
    for path in files:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as err:
            print(f"{path}: cannot read: {err}")
            failed += 1
            continue
        try:
            source = source_text(str(data.get("article")))
        except (KeyError, ValueError, OSError, AttributeError) as err:
            print(f"{path}: article {data.get('article')!r} not found: {err}")
            failed += 1
            continue
        problems = check_annotation(data, source)
        for problem in problems:
            print(f"{path}: {problem}")
        failed += any(not p.partition(": ")[2].startswith("warning") for p in problems)
        if not problems:
            events = data["events"]
            print(
                f"{path}: ok ({len(data['entities'])} entities, {len(events)} events)"
            )
    return 1 if failed else 0


def _agree_command(pairs: Sequence[Path]) -> int:
    if not pairs:
        pairs = [
            p
            for double in corpus_files(DOUBLE)
            for p in (_first_annotation(double), double)
            if p is not None
        ]
    if len(pairs) % 2:
        print("give pairs of files: first annotation, second annotation")
        return 2
    total = [0, 0, 0]
    for one, two in zip(pairs[::2], pairs[1::2], strict=True):
        first = json.loads(one.read_text(encoding="utf-8"))
        second = json.loads(two.read_text(encoding="utf-8"))
        matched, n1, n2 = agreement(first, second)
        total = [total[0] + matched, total[1] + n1, total[2] + n2]
        print(
            f"{one.name}: matched {matched} of {n1} / {n2}"
            f"  F1 {_f1(matched, n1, n2):.1f}"
        )
    print(f"all: matched {total[0]} of {total[1]} / {total[2]}  F1 {_f1(*total):.1f}")
    return 0


def _first_annotation(double: Path) -> Path | None:
    for split in SPLITS:
        path = CORPUS_DIR / split / double.name
        if path.is_file():
            return path
    return None


def _f1(matched: int, n1: int, n2: int) -> float:
    return 200.0 * matched / (n1 + n2) if n1 + n2 else 100.0


def _stats() -> int:
    for split in (*SPLITS, DOUBLE):
        files = corpus_files(split)
        facts: dict[str, int] = {}
        for path in files:
            for event in _events(json.loads(path.read_text(encoding="utf-8"))):
                facts[str(event.get("class"))] = (
                    facts.get(str(event.get("class")), 0) + 1
                )
        by_class = ", ".join(f"{c} {n}" for c, n in sorted(facts.items()))
        print(
            f"{split}: {len(files)} articles, {sum(facts.values())} facts ({by_class})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
