"""The closed word lists: one place, well-formed, read by the extractors."""

from __future__ import annotations

from types import ModuleType

import pytest

from kg.resources import function_words, nouns, verbs
from kg.resources.gazetteer import load_gazetteer


def _lists(module: ModuleType) -> dict[str, object]:
    return {name: getattr(module, name) for name in module.__all__}


@pytest.mark.parametrize("module", [nouns, verbs, function_words])
def test_words_lists_are_lowercase_and_not_empty(module: ModuleType) -> None:
    for name, value in _lists(module).items():
        assert value, f"{module.__name__}.{name} is empty"
        words = value if isinstance(value, frozenset) else set()
        for word in words:
            assert isinstance(word, str) and word == word.lower().strip(), (name, word)


def test_words_no_list_is_defined_twice() -> None:
    names = [n for m in (nouns, verbs, function_words) for n in m.__all__]
    assert len(names) == len(set(names))


def test_words_months_map_every_name_to_its_number() -> None:
    months = function_words.MONTHS
    assert months["january"] == months["jan"] == months["jan."] == 1
    assert months["sept"] == months["september"] == 9
    assert set(months.values()) == set(range(1, 13))


def test_words_the_stance_table_covers_every_stance_but_stated() -> None:
    from kg.records import Stance

    assert set(verbs.STANCE_VERBS) == set(Stance) - {Stance.STATED}


def test_words_a_country_named_without_the_article() -> None:
    """ "Democratic Republic of Congo" as the news writes it."""
    gazetteer = load_gazetteer()
    found = gazetteer.country("Democratic Republic of Congo")
    assert found is not None and found.iso3 == "COD"
    other = gazetteer.country("Republic of Congo")
    assert other is not None and other.iso3 == "COG"
