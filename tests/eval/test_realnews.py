"""The real-news gold, its scorer, the sample mode and the real-news quality floor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language

from kg.eval.__main__ import evaluate_realnews
from kg.eval.realnews import (
    MAIN_ROLES,
    REALNEWS_DIR,
    GoldArticle,
    load_articles,
    load_realnews_gold,
    load_split,
    score_realnews,
)
from kg.eval.sample import format_event, sample_events
from kg.eval.shared import benchmarks_dir
from kg.records import (
    Argument,
    Article,
    Entity,
    EntityType,
    Event,
    Extraction,
    Factuality,
    Mention,
    Role,
)
from kg.resources.lexicon import load_lexicon

# The real-news dev figures of the current extractor, less a small margin: a
# change that loses quality on real news fails `make test`. Raise them as kg
# improves; the test split is reported by `make eval`, never tuned on.
REALNEWS_FLOORS = {"precision": 0.57, "recall": 0.205}
# the same for the shipped decider (--decider model) at its threshold, and its
# F1, on which the threshold is chosen (where dev F1 is flat, at the precise
# end: retrained with its second choices, the decider went from P 48.3 R 27.6
# to P 54.5 R 26.0, F1 35.1 to 35.2)
DECIDER_FLOORS = {"precision": 0.53, "recall": 0.255, "f1": 0.35}


def test_eval_realnews_split_is_by_article_and_covers_the_gold() -> None:
    split = load_split()
    dev, test, train = set(split["dev"]), set(split["test"]), set(split["train"])
    assert not dev & test and not train & (dev | test)
    assert len(dev | test) >= 40
    for name, keys in split.items():
        files = {p.name for p in (REALNEWS_DIR / name).glob("*.json")}
        assert {_name(k) for k in keys} == files


def test_eval_realnews_gold_is_well_formed() -> None:
    classes = set(load_lexicon().constraints)
    split = load_split()
    articles = load_realnews_gold([*split["dev"], *split["test"]])
    assert sum(len(a.events) for a in articles) >= 300
    for article in articles:
        for event in article.events:
            assert event.event_class in classes, (article.key, event)
            assert event.factuality in {f.value for f in Factuality}, event
            for role, value in event.roles:
                assert role in {r.value for r in Role}
                assert value in article.names or value == value.lower(), (
                    article.key,
                    value,
                )


@pytest.mark.skipif(not benchmarks_dir().is_dir(), reason="shared benchmarks absent")
def test_eval_realnews_quotes_are_in_the_texts() -> None:
    split = load_split()
    for key in [*split["dev"], *split["test"]]:
        [article] = list(load_articles([key], benchmarks_dir()))
        text = f"{article.title or ''}\n{article.text}"
        path = REALNEWS_DIR / ("dev" if key in split["dev"] else "test") / _name(key)
        data = json.loads(path.read_text(encoding="utf-8"))
        for event in data["events"]:
            assert event["quote"] in text, (key, event["id"])


def _name(key: str) -> str:
    corpus, ident = key.split(":", 1)
    return f"{corpus}-{ident.replace('/', '_')}.json"


def _mention(label: str, kind: EntityType = EntityType.COUNTRY) -> Mention:
    return Mention(Entity(f"{kind.value}:{label}", label, kind), label, 0, 1)


def _event(cls: str, **roles: tuple[str, EntityType]) -> Event:
    return Event(
        article_id="a",
        event_class=cls,
        relation="x",
        trigger="x",
        trigger_start=0,
        trigger_end=1,
        sentence="x",
        sentence_start=0,
        sentence_end=1,
        arguments=tuple(
            Argument(Role(role), _mention(label, kind))
            for role, (label, kind) in roles.items()
        ),
    )


def _gold_file(tmp_path: Path, events: list[dict[str, object]]) -> list[GoldArticle]:
    folder = tmp_path / "dev"
    folder.mkdir()
    (folder / "voa-1.json").write_text(
        json.dumps(
            {
                "article": "voa:1",
                "date": "2024-01-01",
                "entities": [
                    {"label": "North Korea", "type": "country", "aliases": ["DPRK"]},
                    {"label": "Russia", "type": "country", "aliases": ["Moscow"]},
                ],
                "events": events,
            }
        ),
        encoding="utf-8",
    )
    return load_realnews_gold(["voa:1"], tmp_path)


def _extraction(*events: Event) -> Extraction:
    article = Article(id="a", text="x", origin="t")
    return Extraction(article=article, sentences=1, mentions=(), events=events)


def test_eval_realnews_match_needs_class_agent_and_main_participant(
    tmp_path: Path,
) -> None:
    gold = _gold_file(
        tmp_path,
        [
            {
                "id": 1,
                "class": "Supply",
                "agent": "North Korea",
                "recipient": "Russia",
                "theme": "missile",
                "factuality": "asserted",
                "quote": "x",
            }
        ],
    )
    right = _event(
        "Supply",
        agent=("North Korea", EntityType.COUNTRY),
        recipient=("Russia", EntityType.COUNTRY),
        theme=("ballistic missile", EntityType.THING),
    )
    reversed_ = _event(
        "Supply",
        agent=("Russia", EntityType.COUNTRY),
        recipient=("North Korea", EntityType.COUNTRY),
    )
    wrong_class = _event(
        "Attack",
        agent=("North Korea", EntityType.COUNTRY),
        target=("Russia", EntityType.COUNTRY),
    )
    report = score_realnews(gold, [_extraction(right, reversed_, wrong_class)])
    events = report.events
    assert (events.tp, events.fp, events.fn) == (1, 2, 0)
    assert report.roles.tp == 2  # recipient and the thing's head noun
    assert report.factuality == 1.0


def test_eval_realnews_symmetric_classes_match_either_way(tmp_path: Path) -> None:
    gold = _gold_file(
        tmp_path,
        [
            {
                "id": 1,
                "class": "Meeting",
                "agent": "Russia",
                "recipient": "North Korea",
                "factuality": "asserted",
                "quote": "x",
            }
        ],
    )
    swapped = _event(
        "Meeting",
        agent=("North Korea", EntityType.COUNTRY),
        recipient=("Russia", EntityType.COUNTRY),
    )
    report = score_realnews(gold, [_extraction(swapped)])
    assert (report.events.tp, report.events.fn) == (1, 0)


def test_eval_realnews_things_match_by_head_in_the_singular(tmp_path: Path) -> None:
    """ "people" (kg's word for "45 people") is the gold's "person", as
    "civilians" is "civilian"."""
    gold = _gold_file(
        tmp_path,
        [
            {
                "id": 1,
                "class": "Attack",
                "agent": "Russia",
                "target": "person",
                "factuality": "asserted",
                "quote": "x",
            },
            {
                "id": 2,
                "class": "Attack",
                "agent": "North Korea",
                "target": "civilian",
                "factuality": "asserted",
                "quote": "x",
            },
        ],
    )
    people = _event(
        "Attack",
        agent=("Russia", EntityType.COUNTRY),
        target=("people", EntityType.THING),
    )
    civilians = _event(
        "Attack",
        agent=("North Korea", EntityType.COUNTRY),
        target=("civilians", EntityType.THING),
    )
    children = _event(
        "Attack",
        agent=("Russia", EntityType.COUNTRY),
        target=("children", EntityType.THING),
    )
    report = score_realnews(gold, [_extraction(people, civilians, children)])
    assert (report.events.tp, report.events.fp, report.events.fn) == (2, 1, 0)


def test_eval_realnews_untyped_events_are_not_scored(tmp_path: Path) -> None:
    gold = _gold_file(tmp_path, [])
    said = _event("Statement", agent=("Russia", EntityType.COUNTRY))
    assert score_realnews(gold, [_extraction(said)]).events.fp == 0


def test_eval_realnews_every_class_has_a_main_role() -> None:
    assert set(MAIN_ROLES) == set(load_lexicon().constraints)


def test_eval_sample_is_seeded_and_shows_the_evidence() -> None:
    article = Article(id="a", text="x", origin="t")
    events = [
        _event(
            "Supply",
            agent=(f"C{i}", EntityType.COUNTRY),
            theme=("arm", EntityType.THING),
        )
        for i in range(10)
    ]
    extraction = _extraction(*events)
    first = sample_events([extraction], 3, seed=5)
    assert first == sample_events([extraction], 3, seed=5)
    assert len(first) == 3
    block = format_event(1, article, first[0][1])
    assert "**x**" in block and "- agent:" in block and "- judgement:" in block


@pytest.mark.model
@pytest.mark.skipif(not benchmarks_dir().is_dir(), reason="shared benchmarks absent")
def test_eval_realnews_dev_scores_stay_above_the_floor(nlp: Language) -> None:
    report = evaluate_realnews(nlp, "dev")
    measured = {"precision": report.events.precision, "recall": report.events.recall}
    for name, floor in REALNEWS_FLOORS.items():
        assert measured[name] >= floor, f"{name}: {measured[name]:.3f} < floor {floor}"


@pytest.mark.model
@pytest.mark.skipif(not benchmarks_dir().is_dir(), reason="shared benchmarks absent")
def test_eval_realnews_dev_decider_stays_above_the_floor(nlp: Language) -> None:
    from kg.learn.predict import load_decider

    report = evaluate_realnews(nlp, "dev", load_decider())
    measured = {
        "precision": report.events.precision,
        "recall": report.events.recall,
        "f1": report.events.f1,
    }
    for name, floor in DECIDER_FLOORS.items():
        assert measured[name] >= floor, f"{name}: {measured[name]:.3f} < floor {floor}"
