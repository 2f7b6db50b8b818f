"""Who is who across articles: kg's merges scored against a cross-article gold.

``corpus/identities/<type>.json`` groups the gold entities of 200 BBC and VOA
articles into real-world identities (people, organisations, places), made
from the texts by annotators who never saw kg's output. kg merges two
articles' entities when it gives them one key (one IRI). Over every pair of
gold entities from two different articles:

* **merge precision**: of the pairs kg merges, the share that are one identity;
* **merge recall**: of the pairs that are one identity, the share kg merges
  (an entity kg does not mention at all is merged with nothing).

It also counts honorifics joined against their gender: a "Mr" mention on a
woman's entity or a "Mrs"/"Ms" mention on a man's.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.eval.corpus import CORPUS_DIR
from kg.eval.entities import kg_entity_of
from kg.eval.gold import Tally
from kg.eval.realnews import GoldArticle
from kg.records import EntityType, Extraction
from kg.resources.names import given_name_gender

__all__ = [
    "IDENTITIES_DIR",
    "IdentityReport",
    "identity_keys",
    "load_identities",
    "score_identities",
]

IDENTITIES_DIR = CORPUS_DIR / "identities"
_KINDS = ("person", "organization", "place")
# an honorific just before a mention, or opening it
_MALE = re.compile(r"\b(?:Mr|Sir|Lord)\.?\s+\S")
_FEMALE = re.compile(r"\b(?:Mrs|Ms|Miss|Lady|Dame)\.?\s+\S")


@dataclass
class IdentityReport:
    """Cross-article merge scores and honorific errors."""

    merges: Tally = field(default_factory=Tally)
    entities: int = 0  # gold entities in the scored articles
    honorifics: int = 0  # "Mr"/"Mrs" mentions seen on people of known gender
    wrong_gender: int = 0


def load_identities(folder: Path = IDENTITIES_DIR) -> dict[str, str]:
    """``article#label`` → identity id, from the identity files present."""
    found: dict[str, str] = {}
    for kind in _KINDS:
        path = folder / f"{kind}.json"
        if not path.is_file():
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        for index, identity in enumerate(data["identities"]):
            for ref in identity["members"]:
                found[ref] = f"{kind}:{index}"
    return found


def identity_keys(identities: dict[str, str]) -> tuple[str, ...]:
    """The article keys the identities cover, sorted."""
    return tuple(sorted({ref.split("#", 1)[0] for ref in identities}))


def score_identities(
    gold: Iterable[GoldArticle],
    extractions: Iterable[Extraction],
    identities: dict[str, str],
) -> IdentityReport:
    """Score kg's cross-article merges of ``extractions`` (in gold order)."""
    report = IdentityReport()
    items: list[tuple[str, str, str]] = []  # (article, identity, kg key)
    for article, extraction in zip(gold, extractions, strict=True):
        _honorifics(report, extraction)
        for label, key in kg_entity_of(article, extraction).items():
            identity = identities.get(f"{article.key}#{label}")
            if identity is None:
                continue
            report.entities += 1
            items.append((article.key, identity, key or f"~{article.key}#{label}"))
    tally = report.merges
    for i, (article_a, identity_a, key_a) in enumerate(items):
        for article_b, identity_b, key_b in items[i + 1 :]:
            if article_a == article_b:
                continue
            same_gold, same_kg = identity_a == identity_b, key_a == key_b
            tally.tp += same_gold and same_kg
            tally.fp += same_kg and not same_gold
            tally.fn += same_gold and not same_kg
    return report


def _honorifics(report: IdentityReport, extraction: Extraction) -> None:
    text = extraction.article.text
    for mention in extraction.mentions:
        if mention.entity.type is not EntityType.PERSON or mention.antecedent:
            continue
        gender = given_name_gender(mention.entity.label)
        if gender is None:
            continue
        before = text[max(0, mention.start - 6) : mention.start] + mention.text
        said = (
            "male"
            if _MALE.search(before)
            else "female"
            if _FEMALE.search(before)
            else None
        )
        if said is None:
            continue
        report.honorifics += 1
        report.wrong_gender += said != gender
