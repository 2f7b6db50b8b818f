"""The rules' reliability: counted on gold articles, read back, turned into
confidences."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language

from kg.eval.realnews import GoldArticle, GoldEvent
from kg.extract.confidence import Reliability, load_reliability
from kg.learn.reliability import measure_reliability, write_reliability
from kg.pipeline.article import extract_article
from kg.records import Article
from kg.resources.lexicon import load_lexicon

TEXT = "Iran sold drones to Russia. Ukraine condemned Iran."


def _gold() -> GoldArticle:
    sale = GoldEvent(
        id=1,
        event_class="Supply",
        agent=("Iran",),
        roles=(("recipient", "Russia"), ("theme", "drones")),
        factuality="asserted",
        time=None,
        sources=(),
        quote="Iran sold drones to Russia.",
        trigger="sold",
    )
    return GoldArticle(key="t:1", date=None, names={}, types={}, events=(sale,))


@pytest.mark.model
def test_reliability_counts_the_rules_events_the_gold_confirms(
    nlp: Language, tmp_path: Path
) -> None:
    article = Article(id="t", text=TEXT, origin="test")
    extraction = extract_article(nlp(TEXT), article, load_lexicon())
    measured = measure_reliability([(_gold(), extraction)])
    assert measured.overall == (1, 2)
    assert measured.classes == {"Supply": (1, 1), "Condemnation": (0, 1)}
    assert measured.triggers == {"Supply:sell": (1, 1), "Condemnation:condemn": (0, 1)}
    path = tmp_path / "reliability.json"
    write_reliability(measured, path)
    assert Reliability.from_json(json.loads(path.read_text())) == measured
    # a confirmed trigger rises above its class's prior, a refuted one falls
    assert measured.confidence("Supply", "sell") > 0.5
    assert measured.confidence("Condemnation", "condemn") < 0.5


def test_reliability_rejects_what_is_no_table() -> None:
    with pytest.raises(ValueError, match="pair of counts"):
        Reliability.from_json({"overall": [1]})


def test_reliability_shipped_table_orders_triggers_by_what_they_got_right() -> None:
    shipped = load_reliability()
    assert shipped is not None
    correct, extracted = shipped.overall
    assert 0 < correct < extracted
    for key, (right, written) in shipped.triggers.items():
        assert 0 <= right <= written, key
