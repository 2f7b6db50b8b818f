"""Text hygiene at ingest: cleaned one character for one, parsed without
invisible characters (issue 10, items 1 and 7)."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from spacy.language import Language

from kg.hygiene import parseable, storable
from kg.ingest import read_inputs
from kg.pipeline.article import extract_articles
from kg.records import Article
from kg.resources.lexicon import load_lexicon

INVISIBLE = [chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cf"]


def test_hygiene_storable_keeps_length_and_encodes() -> None:
    text = "Iran\ud800 sent\x0b drones\x00 to\x7f Russia."
    clean = storable(text)
    assert len(clean) == len(text)
    clean.encode("utf-8")  # no lone surrogate left
    assert clean == "Iran\ufffd sent  drones  to  Russia."


@pytest.mark.parametrize("mark", INVISIBLE)
def test_hygiene_every_invisible_character_leaves_the_parsed_word(mark: str) -> None:
    text = f"Russia supplied Syr{mark}ia with arms."
    parsed = parseable(text)
    assert len(parsed) == len(text)
    assert "Syria" in parsed
    assert mark not in parsed


def test_hygiene_emoji_and_odd_spaces_are_spaces() -> None:
    text = "Russia\u00a0\U0001f680 supplied\u2028missiles."
    parsed = parseable(text)
    assert len(parsed) == len(text)
    assert parsed == "Russia   supplied\nmissiles."


def test_hygiene_a_lone_surrogate_line_is_stored_not_lost(tmp_path: Path) -> None:
    lines = [json.dumps({"id": f"a{i}", "text": f"Text {i}."}) for i in range(20)]
    lines.append('{"id": "odd\\ud800", "text": "Iran sent drones \\ud800 to Russia."}')
    lines.append(json.dumps({"id": "after", "text": "China sold rifles to Mali."}))
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = list(read_inputs([path]))
    articles = [a for a in found if isinstance(a, Article)]
    assert len(articles) == 22
    odd = articles[20]
    assert odd.id == "odd\ufffd"
    odd.text.encode("utf-8")
    assert odd.text == "Iran sent drones \ufffd to Russia."


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Russia supplied missiles to Syr\u200bia.",
        "Russia \U0001f680 supplied missiles to Syria.",
        "Russia supplied missiles to Syria \U0001f680\ufe0f.",
        "Russia\u00a0supplied missiles to \u202eSyria\u202c.",
    ],
)
def test_hygiene_invisible_marks_and_emoji_do_not_stop_extraction(
    nlp: Language, text: str
) -> None:
    article = Article(id="x", text=text, origin="test")
    [extraction] = list(extract_articles(nlp, [article], lexicon=load_lexicon()))
    supplies = [e for e in extraction.events if e.event_class == "Supply"]
    assert supplies, [e.event_class for e in extraction.events]
    labels = {a.mention.entity.label for e in supplies for a in e.arguments}
    assert {"Russia", "Syria"} <= labels, labels
    for e in supplies:
        assert text[e.trigger_start : e.trigger_end] == e.trigger
