"""Rules propose, the trained models decide: candidate events → typed events.

Pure: no fitting here (that is :mod:`kg.learn.train`). For each candidate word
(:mod:`kg.extract.candidates`) the trigger model gives class probabilities;
the events the rules made there, with what the class constraints would drop
kept too (``extract_events(..., relaxed=True)``), are the candidate events,
and where the rules made none the model builds one: its likeliest class, and
the filler model's likeliest agent and main participant. The keep model then
scores each candidate event; a sigmoid fitted on dev (Platt) turns the score
into the event's confidence, which the build keeps above a threshold chosen
on dev.

Examples:
    >>> platt(0.0, (1.0, 0.0))
    0.5
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from kg.errors import KGError
from kg.extract.attribution import spoken_by
from kg.extract.candidates import candidates
from kg.extract.events import Evidence, evidence
from kg.extract.roles import STATEMENT
from kg.learn.features import (
    bands,
    event_features,
    factuality_features,
    filler_features,
    main_role,
    trigger_features,
)
from kg.learn.linear import LinearModel
from kg.mentions.resolver import Resolver
from kg.records import (
    Argument,
    Article,
    Candidate,
    Event,
    Factuality,
    Filler,
    Role,
)
from kg.resources.lexicon import Lexicon

__all__ = [
    "MODEL_FILE",
    "Decider",
    "ModelError",
    "decide",
    "load_decider",
    "platt",
]

MODEL_FILE = "decider.json"
FORMAT = 1
NONE = "none"
UNTYPED = frozenset({STATEMENT, "Event"})
# A filler is taken for a model-built event from this probability on.
FILLER_FLOOR = 0.3
# The models build an event where the rules made none only when the trigger
# model gives its class at least this probability.
BUILD_FLOOR = 0.3
# Weigh, for each rule event, the reading with the filler model's agent and
# main participant against the rules' own.
REFILL = True
# Weigh, for each rule event, the reading with the trigger model's likeliest
# class (where that differs from the rules' class) in its place.
RELABEL = True
# Weigh, beside each reading with the filler model's first choices, the
# readings with its second choice of agent or of main participant, and the
# one with the two swapped, where the model gives each at least
# ALTERNATE_FLOOR ("the wrong party of two").
ALTERNATES = True
ALTERNATE_FLOOR = 0.15
# Where the rules made no event, the models' readings of this many of the
# word's likeliest classes are weighed against each other.
MODEL_CLASSES = 2
# The factuality model overrules the rules' from this probability on.
FACTUALITY_FLOOR = 0.6


class ModelError(KGError):
    """The trained decider is missing, unreadable or made for another kg."""


@dataclass(frozen=True)
class Decider:
    """The trained models and the figures chosen on dev."""

    trigger: LinearModel
    filler: LinearModel
    factuality: LinearModel
    keep: LinearModel
    calibration: tuple[float, float]  # Platt's (a, b): 1 / (1 + e^-(a s + b))
    threshold: float  # the default --min-confidence (chosen on dev)
    floor: float  # what the model accepts at all (--min-confidence 0)
    vocabulary: Mapping[str, tuple[str, ...]]
    meta: Mapping[str, Any]

    def to_json(self) -> dict[str, Any]:
        """The decider as plain data (what ``make train`` writes)."""
        return {
            "format": FORMAT,
            "meta": dict(self.meta),
            "threshold": self.threshold,
            "floor": self.floor,
            "calibration": list(self.calibration),
            "vocabulary": {k: list(v) for k, v in sorted(self.vocabulary.items())},
            "trigger": self.trigger.to_json(),
            "filler": self.filler.to_json(),
            "factuality": self.factuality.to_json(),
            "keep": self.keep.to_json(),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Decider:
        """The decider :meth:`to_json` wrote.

        Raises:
            ModelError: Another format, or a part missing.
        """
        if data.get("format") != FORMAT:
            raise ModelError(
                f"The event model has format {data.get('format')!r}, this kg reads "
                f"format {FORMAT}: rebuild it with `make train`."
            )
        try:
            a, b = (float(x) for x in data["calibration"])
            return cls(
                trigger=LinearModel.from_json(data["trigger"]),
                filler=LinearModel.from_json(data["filler"]),
                factuality=LinearModel.from_json(data["factuality"]),
                keep=LinearModel.from_json(data["keep"]),
                calibration=(a, b),
                threshold=float(data["threshold"]),
                floor=float(data["floor"]),
                vocabulary={
                    str(k): tuple(str(c) for c in v)
                    for k, v in data["vocabulary"].items()
                },
                meta=dict(data.get("meta", {})),
            )
        except (KeyError, TypeError, ValueError) as err:
            raise ModelError(
                f"The event model is incomplete or damaged ({err}): rebuild it "
                "with `make train`, or build with --decider rules."
            ) from err


def load_decider(path: Path | None = None) -> Decider:
    """The shipped decider (``kg/learn/models/decider.json``), or ``path``.

    Raises:
        ModelError: It is missing or cannot be read.
    """
    if path is not None:
        return _read(path.read_bytes() if path.is_file() else None, str(path))
    return _shipped()


@cache
def _shipped() -> Decider:
    source = resources.files("kg.learn") / "models" / MODEL_FILE
    data = source.read_bytes() if source.is_file() else None
    return _read(data, f"kg/learn/models/{MODEL_FILE}")


def _read(data: bytes | None, where: str) -> Decider:
    if data is None:
        raise ModelError(
            f"The trained event model {where} is missing: run `make train`, or "
            "build with --decider rules."
        )
    try:
        parsed = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise ModelError(f"The event model {where} is not JSON: {err}") from err
    return Decider.from_json(parsed)


def platt(score: float, calibration: tuple[float, float]) -> float:
    """A keep score as a probability."""
    a, b = calibration
    value = a * score + b
    if value < -50:
        return 0.0
    return 1.0 / (1.0 + math.exp(-value))


@dataclass(frozen=True, slots=True)
class Scored:
    """A candidate event and what the models say of it (for training, too).

    Readings of one rule event (as the rules filled it, and as the filler
    model would) share a ``group``: at most one of a group is kept.
    """

    event: Event
    source: str
    features: dict[str, float]
    score: float
    group: int = 0


def best_of_groups(scored: Iterable[Scored]) -> list[Scored]:
    """The best-scoring reading of each group, in the order first seen.

    Examples:
        >>> best_of_groups([])
        []
    """
    best: dict[int, Scored] = {}
    for item in scored:
        if item.group not in best or item.score > best[item.group].score:
            best[item.group] = item
    return list(best.values())


def decide(
    doc: Doc,
    article: Article,
    resolver: Resolver,
    lexicon: Lexicon,
    decider: Decider,
    relaxed: Iterable[Event],
) -> list[Event]:
    """The typed events the models keep, with calibrated confidences at or
    above the decider's floor, one per class, trigger and participants."""
    kept: dict[tuple[object, ...], Event] = {}
    found = score_candidates(doc, article, resolver, lexicon, decider, relaxed)
    for scored in best_of_groups(found):
        confidence = platt(scored.score, decider.calibration)
        if confidence < decider.floor:
            continue
        event = replace(scored.event, confidence=round(confidence, 4))
        key = (
            event.event_class,
            event.trigger_start,
            tuple(sorted((a.role, a.mention.entity.key) for a in event.arguments)),
        )
        if key not in kept or kept[key].confidence < event.confidence:
            kept[key] = event
    return sorted(kept.values(), key=lambda e: (e.trigger_start, e.event_class))


def score_candidates(
    doc: Doc,
    article: Article,
    resolver: Resolver,
    lexicon: Lexicon,
    decider: Decider,
    relaxed: Iterable[Event],
) -> Iterator[Scored]:
    """Every candidate event of the article with its keep score."""
    typed = [e for e in relaxed if e.event_class not in UNTYPED]
    by_trigger: dict[int, list[Event]] = {}
    for event in typed:
        by_trigger.setdefault(event.trigger_start, []).append(event)
    quoted: dict[int, Any] | None = None
    group = 0
    for candidate in candidates(
        doc, resolver, lexicon, typed, vocabulary=decider.vocabulary
    ):
        probabilities = decider.trigger.probabilities(trigger_features(doc, candidate))
        chances = _Chances(doc, decider, candidate)
        pool = [
            (e, e.extractor.rsplit(":", 1)[-1])
            for e in by_trigger.get(candidate.trigger_start, [])
        ]
        ranked = sorted(
            (c for c in probabilities if c != NONE),
            key=lambda c: (-probabilities[c], c),
        )
        if quoted is None:
            quoted = spoken_by(doc, lexicon.lemmas(STATEMENT))
        groups: list[list[tuple[Event, str]]] = []
        if not pool:
            # the models' own readings of the word: its likeliest classes
            built: list[tuple[Event, str]] = []
            for cls in ranked[:MODEL_CLASSES]:
                if probabilities[cls] < BUILD_FLOOR:
                    break
                built.extend(
                    _model_events(
                        doc, article, resolver, lexicon, chances, candidate, cls, quoted
                    )
                )
            if built:
                groups.append(built)
        for event, source in pool:
            readings = [(event, source)]
            if REFILL:
                readings.extend(
                    (refilled, f"{source}+{how}")
                    for refilled, how in _refilled(chances, candidate, event)
                )
            if RELABEL and ranked and ranked[0] != event.event_class:
                cls = ranked[0]
                if probabilities[cls] >= BUILD_FLOOR:
                    readings.extend(
                        (
                            replace(relabelled, factuality=event.factuality),
                            f"{source}+relabel{how.removeprefix('model')}",
                        )
                        for relabelled, how in _model_events(
                            doc,
                            article,
                            resolver,
                            lexicon,
                            chances,
                            candidate,
                            cls,
                            quoted,
                        )
                    )
            groups.append(readings)
        for readings in groups:
            group += 1
            for reading, how in readings:
                reading = _factuality(doc, decider, candidate, reading)
                features = event_features(
                    doc, reading, resolver.offset, probabilities, source=how
                )
                features.update(chances.features(reading))
                score = decider.keep.scores(features)[1]
                yield Scored(reading, how, features, score, group)


class _Chances:
    """The filler model's probabilities for one candidate's fillers, by class
    and slot, computed once."""

    def __init__(self, doc: Doc, decider: Decider, candidate: Candidate) -> None:
        self.doc = doc
        self.decider = decider
        self.candidate = candidate
        self._found: dict[tuple[str, str], list[float]] = {}

    def of(self, cls: str, slot: str) -> list[float]:
        """Each filler's probability of being the ``slot`` of a ``cls`` event."""
        key = (cls, slot)
        if key not in self._found:
            model = self.decider.filler
            self._found[key] = [
                model.probabilities(
                    filler_features(self.doc, self.candidate, filler, cls, slot)
                )[model.classes[1]]
                for filler in self.candidate.fillers
            ]
        return self._found[key]

    def ranked(
        self, cls: str, slot: str, role: Role, taken: set[str], floor: float
    ) -> list[tuple[Filler, float]]:
        """The fillers that may fill ``role`` as ``slot`` (agent or main) of a
        ``cls`` event with their probabilities, at ``floor`` or above, none
        of ``taken``, likeliest first (the earlier mention on a tie)."""
        found = []
        for filler, p in zip(self.candidate.fillers, self.of(cls, slot), strict=True):
            if filler.mention.entity.key in taken or p < floor:
                continue
            if (role is Role.PLACE) != filler.place and role is not Role.THEME:
                continue
            found.append((filler, p))
        found.sort(key=lambda pair: -pair[1])  # stable: first mention on a tie
        return found

    def best(self, cls: str, slot: str, role: Role, taken: set[str]) -> Filler | None:
        """The filler the model likes best for ``slot`` (agent or main) of a
        ``cls`` event, at :data:`FILLER_FLOOR` or above, none of ``taken``."""
        found = self.ranked(cls, slot, role, taken, FILLER_FLOOR)
        return found[0][0] if found else None

    def choices(self, cls: str) -> list[tuple[dict[Role, Filler], str]]:
        """The agent and main participant to weigh for a ``cls`` event: the
        model's first choices ("model"), then (with :data:`ALTERNATES`) its
        second agent, its second main participant and the two swapped
        ("model+alt"); each a role → filler map, none empty, none twice."""
        main = main_role(cls)
        agent = self.best(cls, "agent", Role.AGENT, set())
        taken = {agent.mention.entity.key} if agent else set()
        first_main = self.best(cls, "main", main, taken)
        out: list[tuple[dict[Role, Filler], str]] = []
        seen: set[tuple[str | None, str | None]] = set()

        def add(a: Filler | None, m: Filler | None, how: str) -> None:
            key = (
                a.mention.entity.key if a else None,
                m.mention.entity.key if m else None,
            )
            if key in seen or key == (None, None) or (a and m and key[0] == key[1]):
                return
            seen.add(key)
            chosen = {Role.AGENT: a, main: m}
            out.append(({r: f for r, f in chosen.items() if f is not None}, how))

        add(agent, first_main, "model")
        if not ALTERNATES:
            return out
        keys = {f.mention.entity.key for f in (agent, first_main) if f is not None}
        # a second choice only beside a first one: an empty slot stays empty
        agents = self.ranked(cls, "agent", Role.AGENT, keys, ALTERNATE_FLOOR)
        if agent is not None and agents:
            add(agents[0][0], first_main, "model+alt")
        mains = self.ranked(cls, "main", main, keys, ALTERNATE_FLOOR)
        if first_main is not None and mains:
            add(agent, mains[0][0], "model+alt")
        if (
            agent is not None
            and first_main is not None
            and any(
                f is first_main
                for f, _ in self.ranked(
                    cls, "agent", Role.AGENT, set(), ALTERNATE_FLOOR
                )
            )
            and any(
                f is agent
                for f, _ in self.ranked(cls, "main", main, set(), ALTERNATE_FLOOR)
            )
        ):
            add(first_main, agent, "model+alt")  # the two swapped
        return out

    def features(self, event: Event) -> dict[str, float]:
        """How the filler model rates the event's agent and main participant:
        its probability for each, and whether it is the model's first choice."""
        cls = event.event_class
        found: dict[str, float] = {}
        main = main_role(cls)
        for slot, role in (("agent", Role.AGENT), ("main", main)):
            arguments = event.role(role)
            if not arguments:
                continue
            keys = {m.entity.key for m in arguments}
            chances = self.of(cls, slot)
            mine = [
                p
                for filler, p in zip(self.candidate.fillers, chances, strict=True)
                if filler.mention.entity.key in keys
            ]
            if not mine:
                found[f"{slot}-unrated"] = 1.0
                continue
            found[f"p-{slot}"] = max(mine)
            found[f"p-{slot}~{bands(max(mine))}"] = 1.0
            found[f"{slot}-first"] = float(max(mine) >= max(chances))
        return found


def _model_events(
    doc: Doc,
    article: Article,
    resolver: Resolver,
    lexicon: Lexicon,
    chances: _Chances,
    candidate: Candidate,
    cls: str,
    quoted: dict[int, Any],
) -> list[tuple[Event, str]]:
    """The ``cls`` events the models see at the candidate's word, one per
    choice of agent and main participant (:meth:`_Chances.choices`)."""
    choices = chances.choices(cls)
    if not choices:
        return []
    trigger = doc[candidate.trigger]
    said = evidence(trigger, article, resolver, lexicon.lemmas(STATEMENT), quoted)
    out = []
    for chosen, how in choices:
        # the agent first, as :meth:`_Chances.choices` fills the map
        arguments = tuple(Argument(role, f.mention) for role, f in chosen.items())
        out.append(
            (_model_event(article, candidate, trigger.text, cls, arguments, said), how)
        )
    return out


def _model_event(
    article: Article,
    candidate: Candidate,
    trigger: str,
    cls: str,
    arguments: tuple[Argument, ...],
    said: Evidence,
) -> Event:
    """The ``cls`` event at the candidate's word with ``arguments``."""
    start = candidate.sentence_start
    end = max(candidate.sentence_end, candidate.trigger_end)
    return Event(
        article_id=article.id,
        event_class=cls,
        relation=candidate.lemma,
        trigger=trigger,
        trigger_start=candidate.trigger_start,
        trigger_end=candidate.trigger_end,
        sentence=article.text[start:end].rstrip() or article.text[start:end],
        sentence_start=start,
        sentence_end=end,
        arguments=arguments,
        factuality=said.factuality,
        time=said.time,
        attributed_to=tuple(
            s for s in said.speakers if s not in {a.mention.entity for a in arguments}
        ),
        stance=said.stance,
        amounts=said.amounts,
        extractor="kg.learn.predict:model",
    )


def _refilled(
    chances: _Chances, candidate: Candidate, event: Event
) -> list[tuple[Event, str]]:
    """The rule event with each agent and main participant the filler model
    would weigh (:meth:`_Chances.choices`), where that differs from the
    rules' choice ("refill", or "refill+alt" for a second choice)."""
    out = []
    before = {(a.role, a.mention.entity.key) for a in event.arguments}
    seen = {frozenset(before)}
    for chosen_fillers, how in chances.choices(event.event_class):
        chosen = {r: Argument(r, f.mention) for r, f in chosen_fillers.items()}
        kept = [a for a in event.arguments if a.role not in chosen]
        kept_keys = {a.mention.entity.key for a in kept}
        if any(a.mention.entity.key in kept_keys for a in chosen.values()):
            continue  # a filler already fills another role of the event
        arguments = tuple(
            sorted([*kept, *chosen.values()], key=lambda a: a.mention.start)
        )
        reading = frozenset((a.role, a.mention.entity.key) for a in arguments)
        if reading in seen:
            continue  # the rules' own reading, or one already weighed
        seen.add(reading)
        filled = {a.mention.entity for a in arguments}
        refilled = replace(
            event,
            arguments=arguments,
            attributed_to=tuple(s for s in event.attributed_to if s not in filled),
        )
        out.append((refilled, how.replace("model", "refill")))
    return out


def _factuality(
    doc: Doc, decider: Decider, candidate: Candidate, event: Event
) -> Event:
    """The factuality model's reading where it is sure of another one."""
    if event.factuality is Factuality.NEGATED:
        return event  # a negation or denial the rules read is kept
    found = decider.factuality.probabilities(factuality_features(doc, candidate))
    value, chance = max(found.items(), key=lambda pair: pair[1])
    if chance >= FACTUALITY_FLOOR and value != event.factuality.value:
        try:
            return replace(event, factuality=Factuality(value))
        except ValueError:
            return event
    return event
