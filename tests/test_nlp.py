"""Parsing long bodies in pieces (issue 10, item 5)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from kg.nlp import PIECE_CHARS, parse, pieces
from kg.pipeline.article import extract_articles
from kg.records import Article
from kg.resources.lexicon import load_lexicon

FILLER = "The weather in the region was mild for the season. "


def test_nlp_pieces_tile_the_text_and_cut_at_ends() -> None:
    text = ("A sentence that ends here. " * 40 + "\n\n") * 30
    cuts = pieces(text, size=2_000)
    assert "".join(cuts) == text
    assert all(len(c) <= 2_000 for c in cuts)
    assert all(c.endswith(("\n\n", ". ")) for c in cuts[:-1])


def test_nlp_pieces_cut_a_run_without_spaces() -> None:
    text = "x" * 25_000
    cuts = pieces(text, size=10_000)
    assert "".join(cuts) == text and len(cuts) == 3


@pytest.mark.model
def test_nlp_a_long_body_is_one_doc_of_its_pieces(nlp: Language) -> None:
    # the name ends one piece, the pronoun opens the next
    head = FILLER * (PIECE_CHARS // len(FILLER) - 1)
    text = (
        head
        + "Finland's president Alexander Stubb met the press.\n\n"
        + "He said Finland supplied artillery shells to Ukraine. "
        + FILLER * 40
    )
    article = Article(id="long", text=text, origin="test")
    [(doc, _)] = list(parse(nlp, [article]))
    assert doc.text == text
    [extraction] = list(extract_articles(nlp, [article], lexicon=load_lexicon()))
    [supply] = [e for e in extraction.events if e.event_class == "Supply"]
    assert text[supply.trigger_start : supply.trigger_end] == "supplied"
    assert {s.label for s in supply.attributed_to} == {"Alexander Stubb"}
