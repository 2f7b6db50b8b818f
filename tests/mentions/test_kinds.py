"""Reading a name's kind from all of its mentions (kg.mentions.kinds)."""

from __future__ import annotations

import json

import pytest
from spacy.language import Language
from spacy.tokens import Span

from kg.learn.linear import LinearModel
from kg.mentions.kinds import (
    KINDS,
    KINDS_PATH,
    KindModel,
    kind_features,
    load_kind_model,
    rekinded,
    spans_read,
)
from kg.mentions.resolver import Resolver, known_name, name_spans
from kg.records import EntityType
from kg.resources.gazetteer import load_gazetteer
from kg.resources.lexicon import load_lexicon

pytestmark = pytest.mark.model


def _labels(spans: tuple[Span, ...] | list[Span]) -> list[tuple[str, str]]:
    return [(s.text, s.label_) for s in spans]


def _read(nlp: Language, text: str, model: KindModel | None) -> list[tuple[str, str]]:
    doc = nlp(text)
    known = known_name(load_gazetteer(), load_lexicon())
    return _labels(rekinded(name_spans(doc, load_lexicon()), known, model))


# A model that reads every name ending in "-gas" as a body, and is unsure of
# everything else.
_GAS = KindModel(
    LinearModel(KINDS, {"bias": (0.0, 0.0, 0.0), "suf3=gas": (0.0, 6.0, 0.0)}),
    threshold=0.6,
)


def test_kinds_a_name_the_model_is_sure_of_takes_its_kind_on_every_mention(
    nlp: Language,
) -> None:
    text = "Gazprom bought Zapsibneftegas last year. Shares in Zapsibneftegas rose."
    before = _labels(name_spans(nlp(text), load_lexicon()))
    assert ("Zapsibneftegas", "ORG") not in before  # the parser's reading
    after = _read(nlp, text, _GAS)
    assert after.count(("Zapsibneftegas", "ORG")) == 2


def test_kinds_an_unsure_model_and_no_model_leave_the_parsers_labels(
    nlp: Language,
) -> None:
    text = "Velmora Holdings said on Monday it would cut 300 jobs."
    parsed = _labels(name_spans(nlp(text), load_lexicon()))
    assert _read(nlp, text, _GAS) == parsed
    assert _read(nlp, text, None) == parsed


def test_kinds_names_the_tables_know_are_not_read(nlp: Language) -> None:
    # a model that would call every name a person
    everyone = KindModel(LinearModel(KINDS, {"bias": (0.0, 0.0, 9.0)}), 0.5)
    doc = nlp("The Sultan of Brunei met officials from France and NATO in Paris.")
    known = known_name(load_gazetteer(), load_lexicon())
    read = [text for _, text in spans_read(name_spans(doc, load_lexicon()), known)]
    assert not {"France", "NATO", "Paris", "Sultan of Brunei"} & set(read)
    labels = dict(_labels(rekinded(name_spans(doc, load_lexicon()), known, everyone)))
    assert labels["France"] == "GPE"
    assert labels["Paris"] == "GPE"


def test_kinds_features_say_what_the_mention_shows(nlp: Language) -> None:
    doc = nlp("Shares in Velmora Holdings fell after Mr Odhiambo spoke.")
    spans = {s.text: s for s in name_spans(doc, load_lexicon())}
    firm = kind_features(spans["Velmora Holdings"], "Velmora Holdings")
    assert firm["bodyend"] == 1.0
    assert firm["prev=in"] == 1.0
    assert firm["last=holdings"] == 1.0
    person = kind_features(spans["Odhiambo"], "Odhiambo")
    assert person["prev=mr"] == 1.0


def test_kinds_a_describing_noun_says_the_kind(nlp: Language) -> None:
    doc = nlp(
        "The Velcor corporation was accused. Velcor, a California-based company, "
        "pleaded guilty. Analyst Tomas Okafor said so."
    )
    spans = [s for s in name_spans(doc, load_lexicon()) if s.text == "Velcor"]
    assert spans
    assert all(kind_features(s, "Velcor").get("desc=ORG") == 1.0 for s in spans)
    okafor = next(s for s in name_spans(doc, load_lexicon()) if "Okafor" in s.text)
    assert kind_features(okafor, okafor.text).get("desc=PERSON") == 1.0


def test_kinds_the_shipped_model_reads_names_the_parser_mislabels(
    nlp: Language,
) -> None:
    model = load_kind_model()
    assert model is not None, "make train writes kg/learn/models/kinds.json"
    assert model.model.classes == KINDS
    text = "Thousands of refugees live in Kakuma and Ifo camps near the border."
    before = dict(_labels(name_spans(nlp(text), load_lexicon())))
    assert before["Kakuma"] == "PERSON"  # the parser's reading
    assert dict(_read(nlp, text, model))["Kakuma"] == "LOC"
    resolver = Resolver(
        nlp("Gazprom bought Zapsibneftegas. Shares in Zapsibneftegas rose 5%."), 0
    )
    types = {m.entity.label: m.entity.type for m in resolver.named_mentions()}
    assert types["Zapsibneftegas"] is EntityType.ORGANIZATION


def test_kinds_model_reads_back_from_json() -> None:
    data = json.loads(json.dumps(_GAS.to_json()))
    assert KindModel.from_json(data) == _GAS
    with pytest.raises(ValueError, match="kind model"):
        KindModel.from_json({"threshold": 0.5})
    with pytest.raises(ValueError, match="kind model"):
        KindModel.from_json({"model": data["model"]})
    assert load_kind_model(KINDS_PATH.with_name("absent.json")) is None
