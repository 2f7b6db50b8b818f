"""Real sentences through the real model: (sentence, event class, roles)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from kg.ingest import parse_wire
from kg.lexicon import load_lexicon
from kg.pipeline import extract_article
from kg.records import Article

pytestmark = pytest.mark.model

CASES = [
    (
        "Iran sold drones to Russia.",
        "Supply",
        {"agent": "Iran", "theme": "drone", "recipient": "Russia"},
    ),
    (
        "The drones were provided by Iran.",
        "Supply",
        {"agent": "Iran", "theme": "drone"},
    ),
    (
        "France and Germany sent tanks to Ukraine.",
        "Supply",
        {"agent": "Germany", "theme": "tank", "recipient": "Ukraine"},
    ),
    (
        "Russia launched missiles into Ukraine.",
        "Attack",
        {"agent": "Russia", "theme": "missile", "target": "Ukraine"},
    ),
    (
        "Microsoft acquired Activision Blizzard.",
        "Acquisition",
        {"agent": "Microsoft", "theme": "Activision Blizzard"},
    ),
    (
        "The United States sanctioned Iran.",
        "Sanction",
        {"agent": "United States", "target": "Iran"},
    ),
]


@pytest.mark.parametrize(("text", "cls", "roles"), CASES)
def test_sentences_yield_event(
    nlp: Language, text: str, cls: str, roles: dict[str, str]
) -> None:
    wire = parse_wire(text)
    article = Article(
        id="s",
        text=text,
        origin="test",
        body_start=wire.body_start,
        body_end=wire.body_end,
        date="2024-01-04",
    )
    extraction = extract_article(nlp(article.body), article, load_lexicon())
    found = [
        {a.role.value: a.mention.entity.label for a in e.arguments}
        for e in extraction.events
        if e.event_class == cls
    ]
    assert roles in found, found
