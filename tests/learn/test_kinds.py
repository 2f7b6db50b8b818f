"""Fitting the kind model of names from annotated articles (kg.learn.kinds)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from kg.eval.realnews import GoldArticle, norm_name
from kg.learn.kinds import fit_kinds, kind_examples, name_accuracy
from kg.mentions.kinds import KINDS, rekinded
from kg.mentions.resolver import known_name, name_spans
from kg.resources.gazetteer import load_gazetteer
from kg.resources.lexicon import load_lexicon

pytestmark = pytest.mark.model

_TEXTS = [
    ("Gazprom bought Zapsibneftegas. Shares in Zapsibneftegas rose.",
     {"Gazprom": "organization", "Zapsibneftegas": "organization"}),
    ("Tomas Okafor said the deal was good. Okafor spoke in Abuja.",
     {"Tomas Okafor": "person", "Abuja": "place"}),
    ("Refugees arrived in Kakuma. Aid reached Kakuma on Monday.",
     {"Kakuma": "place"}),
    ("Velmora Holdings cut jobs, Ana Ruiz said. Ruiz runs Velmora Holdings.",
     {"Velmora Holdings": "organization", "Ana Ruiz": "person"}),
]  # fmt: skip


def _gold(key: str, entities: dict[str, str]) -> GoldArticle:
    return GoldArticle(
        key=key,
        date=None,
        names={label: frozenset({norm_name(label)}) for label in entities},
        types=dict(entities),
        events=(),
        forms={
            label: (label, label.split()[-1]) if kind == "person" else (label,)
            for label, kind in entities.items()
        },
    )


def test_kinds_examples_carry_the_gold_kind_of_each_name(nlp: Language) -> None:
    examples = kind_examples(nlp(_TEXTS[1][0]), _gold("x:1", _TEXTS[1][1]))
    kinds = {text: kind for _, kind, _, text, _ in examples}
    assert kinds["Tomas Okafor"] == "PERSON"
    doc = nlp(_TEXTS[1][0])
    assert "Abuja" in {s.text for s in name_spans(doc, load_lexicon())}
    assert "Abuja" not in kinds  # a named capital: the tables decide it


def test_kinds_fit_learns_the_corpus_deterministically(nlp: Language) -> None:
    examples = [
        e
        for i, (text, entities) in enumerate(_TEXTS * 2)
        for e in kind_examples(nlp(text), _gold(f"x:{i}", entities))
    ]
    assert {kind for _, kind, *_ in examples} == set(KINDS)
    one = fit_kinds(examples, examples)
    two = fit_kinds(examples, examples)
    assert one.to_json() == two.to_json()
    assert name_accuracy(one.model, one.threshold, examples) == 1.0
    doc = nlp(_TEXTS[0][0])
    known = known_name(load_gazetteer(), load_lexicon())
    labels = {
        s.text: s.label_ for s in rekinded(name_spans(doc, load_lexicon()), known, one)
    }
    assert labels["Zapsibneftegas"] == "ORG"
