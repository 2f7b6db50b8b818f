"""Random typed events with their evidence, for judging by hand.

``python -m kg.eval sample --corpus bbc -n 50 --seed S`` builds a seeded
choice of articles (200 articles of the BBC judging pool, business
``001``-``200`` and politics ``001``-``100``, which are never annotated for
training; or the VOA stories without gold) and prints ``n`` typed events
drawn at random, each with its class, roles, factuality, time, sources and
the sentence with the trigger marked. Articles in the real-news gold are
left out, so a sample is always fresh text.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

from kg.eval.realnews import load_split, typed
from kg.records import Article, Event, Extraction, Role

__all__ = ["CORPORA", "format_event", "sample_events", "sample_keys"]

CORPORA = ("bbc", "voa")
BBC_CATEGORIES = ("politics", "business")
BBC_ARTICLES = 200
# The judging pool: the BBC articles precision samples are drawn from.
JUDGING_POOL = {"business": range(1, 201), "politics": range(1, 101)}


def sample_keys(corpus: str, benchmarks: Path, seed: int) -> list[str]:
    """The article keys a sample of ``corpus`` is drawn from (no gold article)."""
    if corpus not in CORPORA:
        raise ValueError(
            f"Unknown corpus {corpus!r}. Choose one of: {', '.join(CORPORA)}."
        )
    split = load_split()
    gold = {key for keys in split.values() for key in keys}
    if corpus == "bbc":
        pool = sorted(
            f"bbc:{category}/{path.stem}"
            for category in BBC_CATEGORIES
            for path in (benchmarks / "bbc_news" / "articles" / category).glob("*.txt")
            if path.stem.isdigit() and int(path.stem) in JUDGING_POOL[category]
        )
        pool = [key for key in pool if key not in gold]
        return sorted(random.Random(seed).sample(pool, min(BBC_ARTICLES, len(pool))))
    path = benchmarks / "voa_2025" / "voa_stories.jsonl"
    with path.open(encoding="utf-8") as handle:
        ids = [json.loads(line)["id"] for line in handle if line.strip()]
    return [f"voa:{i}" for i in ids if f"voa:{i}" not in gold]


def sample_events(
    extractions: list[Extraction], n: int, seed: int
) -> list[tuple[Article, Event]]:
    """``n`` typed events drawn at random (seeded) from ``extractions``."""
    pool = [(x.article, e) for x in extractions for e in x.events if typed(e)]
    pool.sort(key=lambda pair: (pair[0].id, pair[1].trigger_start, pair[1].event_class))
    rng = random.Random(seed)
    return rng.sample(pool, min(n, len(pool)))


def format_event(number: int, article: Article, event: Event) -> str:
    """One event as a block of Markdown for a judge."""
    return "\n".join(_lines(number, article, event)) + "\n"


def _where(origin: str) -> str:
    """The article's file from the benchmarks folder on: "bbc_news/articles/..."."""
    marker = "/benchmarks/"
    return origin.split(marker, 1)[1] if marker in origin else origin


def _lines(number: int, article: Article, event: Event) -> Iterator[str]:
    yield f"### {number}. {event.event_class} ({_where(article.origin)})"
    for role in Role:
        fillers = event.role(role)
        if fillers:
            shown = "; ".join(
                f'{m.entity.label} [{m.entity.type.value}] ← "{m.text}"'
                for m in fillers
            )
            yield f"- {role.value}: {shown}"
    yield f"- factuality: {event.factuality.value}"
    if event.time:
        yield f'- time: {event.time.value} ("{event.time.text}")'
    if event.attributed_to:
        yield f"- according to: {'; '.join(e.label for e in event.attributed_to)}"
    begin = event.trigger_start - event.sentence_start
    end = event.trigger_end - event.sentence_start
    marked = (
        f"{event.sentence[:begin]}**{event.sentence[begin:end]}**{event.sentence[end:]}"
    )
    yield f"- evidence: {' '.join(marked.split())}"
    yield "- judgement: "
