"""Event coding benchmarks: PLOVER gold records and PETRARCH-2 validation sentences.

Neither has an official scorer for systems like kg; both READMEs suggest
per-record checks, done here:

* PLOVER (322 news-lead sentences, one coded event each): the event class
  (kg classes map to PLOVER categories through ``kg:plover`` in the ontology),
  the source actor (kg's agent) and the target actor (kg's recipient, target or
  theme). An actor matches when the labels match leniently or the country's ISO
  code equals the gold code. Precision is over records where kg gave an event
  (or actor); recall over all records (with that actor).
* PETRARCH-2 (257 sentences with expected codings, 19 that must give none):
  the (source, target) actor pair, with codes mapped to names through the
  validation dictionary; and false events on the no-event sentences.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language

from kg.eval.gold import Tally, labels_match
from kg.pipeline.article import extract_articles
from kg.records import Article, Entity, Event, Extraction, Role
from kg.resources.gazetteer import load_gazetteer
from kg.resources.lexicon import load_lexicon

__all__ = ["CodingScores", "score_petrarch", "score_plover"]

_TARGET_ROLES = (Role.RECIPIENT, Role.TARGET, Role.THEME)
_NAME = re.compile(r"^([A-Z0-9_.'\-]+(?: [A-Z0-9_.'\-]+)*)\s*\[([A-Z~]+)\]")


@dataclass
class CodingScores:
    """Tallies of one event-coding benchmark."""

    events: Tally
    sources: Tally
    targets: Tally
    pairs: Tally
    false_events: int = 0
    no_event_records: int = 0


def score_plover(nlp: Language, path: Path) -> CodingScores:
    """Class, source and target against the PLOVER gold records."""
    records = _jsonl(path)
    plover = load_lexicon().plover
    events, sources, targets, pairs = Tally(), Tally(), Tally(), Tally()
    for record, extraction in zip(records, _extract(nlp, records), strict=True):
        found = [e for e in extraction.events if e.event_class in plover]
        right = [e for e in found if plover[e.event_class] == record["event"]]
        best: Event | None = (right or found or [None])[0]  # type: ignore[list-item]
        _tally(events, best is not None, bool(right))
        if best is None:
            sources.fn += bool(record["source"])
            targets.fn += bool(record["target"])
            pairs.fn += 1
            continue
        source_ok = _matches(best, (Role.AGENT,), record["source"])
        target_ok = _matches(best, _TARGET_ROLES, record["target"])
        if record["source"]:
            _tally(sources, bool(best.role(Role.AGENT)), source_ok)
        if record["target"]:
            _tally(targets, any(best.role(r) for r in _TARGET_ROLES), target_ok)
        _tally(pairs, True, source_ok and (target_ok or not record["target"]))
    return CodingScores(events, sources, targets, pairs)


def score_petrarch(nlp: Language, folder: Path) -> CodingScores:
    """Actor pairs and false events on the PETRARCH-2 validation records."""
    records = [
        r
        for r in _jsonl(folder / "unit_test_records.derived.jsonl")
        if not any(f.startswith("error") for f in r.get("flags", []))
    ]
    names = _actor_names(folder / "dictionaries" / "PETR.Validate.actors.txt")
    pairs, sources, targets = Tally(), Tally(), Tally()
    scores = CodingScores(Tally(), sources, targets, pairs)
    for record, extraction in zip(records, _extract(nlp, records), strict=True):
        found = [e for e in extraction.events if e.event_class != "Statement"]
        if "noevents" in record.get("flags", []):
            scores.no_event_records += 1
            scores.false_events += bool(found)
            continue
        for gold in record["events"]:
            source = _actors(names, gold["source"])
            target = _actors(names, gold["target"])
            hit_source = any(_matches(e, (Role.AGENT,), source) for e in found)
            hit_target = any(_matches(e, _TARGET_ROLES, target) for e in found)
            hit_pair = any(
                _matches(e, (Role.AGENT,), source)
                and _matches(e, _TARGET_ROLES, target)
                for e in found
            )
            _tally(sources, bool(found), hit_source)
            _tally(targets, bool(found), hit_target)
            _tally(pairs, bool(found), hit_pair)
    return scores


def _actors(names: dict[str, list[str]], code: str) -> list[dict[str, Any]]:
    return [{"actorText": name, "code": code[:3]} for name in names[code[:3]]]


def _tally(tally: Tally, predicted: bool, correct: bool) -> None:
    if correct:
        tally.tp += 1
    else:
        tally.fn += 1
        tally.fp += predicted


def _matches(event: Event, roles: Iterable[Role], gold: list[dict[str, Any]]) -> bool:
    if not gold:
        return False
    entities: list[Entity] = [m.entity for r in roles for m in event.role(r)]
    for entity in entities:
        for actor in gold:
            text = actor.get("actorText", "")
            if text and labels_match(text, entity.label):
                return True
            code = _iso3(entity)
            if code and code == actor.get("code", "")[:3]:
                return True
    return False


def _iso3(entity: Entity) -> str | None:
    """A country's code, or a state body's country's ("Chinese police": CHN)."""
    if entity.iso3 or not entity.based_in:
        return entity.iso3
    country = load_gazetteer().country(entity.based_in)
    return country.iso3 if country is not None else None


def _extract(nlp: Language, records: list[dict[str, Any]]) -> Iterable[Extraction]:
    articles = [
        Article(id=r["id"], text=r["text"], origin=r["id"], date=_date(r.get("date")))
        for r in records
    ]
    return extract_articles(nlp, articles)


def _date(value: str | None) -> str | None:
    if value and len(value) == 8 and value.isdigit():
        return f"{value[:4]}-{value[4:6]}-{value[6:]}"
    return None


def _jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _actor_names(path: Path) -> dict[str, list[str]]:
    """Code (first three letters) → names, from the validation actor dictionary."""
    names: dict[str, list[str]] = defaultdict(list)
    last: str | None = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.strip()
        if not line or line.startswith(("<", "#")):
            continue
        if line.startswith("+") and last:
            names[last].append(line[1:].split("[")[0].replace("_", " ").strip().title())
            continue
        match = _NAME.match(line)
        if match:
            last = match.group(2).lstrip("~")[:3]
            names[last].append(match.group(1).replace("_", " ").strip().title())
    return names
