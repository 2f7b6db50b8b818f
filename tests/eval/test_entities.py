"""Entity scoring against the real-news gold: clustering, types, labels,
coverage; and the dev floor that keeps entities from getting worse."""

from __future__ import annotations

import pytest
from spacy.language import Language

from kg.eval.__main__ import _extract_split, entity_rows
from kg.eval.entities import kg_entity_of, score_entities
from kg.eval.realnews import GoldArticle, norm_name
from kg.eval.shared import benchmarks_dir
from kg.records import Article, Entity, EntityType, Extraction, Mention

# dev figures of the current resolver, less a small margin (make eval prints
# them for dev and test). Coverage counts an occurrence only where a mention
# is over its head word (0.953 when any overlap counted).
ENTITY_FLOORS = {"b3": 0.91, "types": 0.91, "labels": 0.91, "coverage": 0.92}

TEXT = "Tony Blair met Gordon Brown. Blair praised Brown. Mr Brown left London."


def _gold() -> GoldArticle:
    forms = {
        "Tony Blair": ("Tony Blair", "Blair"),
        "Gordon Brown": ("Gordon Brown", "Brown", "Mr Brown"),
        "London": ("London",),
    }
    return GoldArticle(
        key="t:1",
        date=None,
        names={k: frozenset(norm_name(f) for f in v) for k, v in forms.items()},
        types={"Tony Blair": "person", "Gordon Brown": "person", "London": "place"},
        events=(),
        forms=forms,
    )


def _mention(label: str, kind: EntityType, form: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(form, start + 1)
    entity = Entity(key=f"{kind.value}:{label}", label=label, type=kind)
    return Mention(entity=entity, text=form, start=start, end=start + len(form))


def _extraction(*mentions: Mention) -> Extraction:
    article = Article(id="t:1", text=TEXT, origin="test", body_end=len(TEXT))
    return Extraction(article=article, sentences=3, mentions=mentions, events=())


def test_entities_a_perfect_reading_scores_full_marks() -> None:
    person, place = EntityType.PERSON, EntityType.PLACE
    report = score_entities(
        [_gold()],
        [
            _extraction(
                _mention("Tony Blair", person, "Tony Blair"),
                _mention("Gordon Brown", person, "Gordon Brown"),
                _mention("Tony Blair", person, "Blair", 1),
                _mention("Gordon Brown", person, "Brown", 1),
                _mention("Gordon Brown", person, "Brown", 2),
                _mention("London", place, "London"),
            )
        ],
    )
    # "Brown" inside "Mr Brown" is the longer form's occurrence: six in all
    assert report.occurrences == 6
    assert report.b3 == (1.0, 1.0, 1.0)
    assert report.coverage == 1.0
    assert (report.type_accuracy, report.label_accuracy) == (1.0, 1.0)


def test_entities_a_split_a_wrong_join_a_wrong_type_and_a_gap_cost() -> None:
    person, org = EntityType.PERSON, EntityType.ORGANIZATION
    report = score_entities(
        [_gold()],
        [
            _extraction(
                _mention("Tony Blair", person, "Tony Blair"),
                _mention("Blair", person, "Blair", 1),  # split off
                _mention("Tony Blair", person, "Gordon Brown"),  # wrongly joined
                _mention("Gordon Brown", org, "Brown", 1),
                _mention("Gordon Brown", org, "Mr Brown"),
                # London never mentioned
            )
        ],
    )
    assert report.occurrences == 6 and report.covered == 5
    precision, recall, _ = report.b3
    assert precision < 1.0 and recall < 1.0
    pairs = report.pairs
    assert pairs is not None and pairs.fp == 1  # Tony Blair + Gordon Brown
    assert report.entities == 3
    # Brown's most frequent kg entity is the organisation: a type error
    assert report.type_accuracy == pytest.approx(1 / 3)
    assert report.label_accuracy == pytest.approx(2 / 3)
    rows = entity_rows("dev", report)
    assert rows[0][1] == "clustering B³" and rows[0][4] == f"{100 * report.b3[2]:.1f}"


def test_entities_an_occurrence_is_the_tightest_mention_around_it() -> None:
    """ "London" inside a longer phrase kg also mentions ("Mr Brown left
    London" as one thing) is the mention of London itself when kg has one."""
    person, place, thing = EntityType.PERSON, EntityType.PLACE, EntityType.THING
    phrase = "Mr Brown left London"
    start = TEXT.index(phrase)
    around = Mention(
        entity=Entity(key="thing:departure", label="departure", type=thing),
        text=phrase,
        start=start,
        end=start + len(phrase),
    )
    report = score_entities(
        [_gold()],
        [
            _extraction(
                _mention("Tony Blair", person, "Tony Blair"),
                _mention("Gordon Brown", person, "Gordon Brown"),
                _mention("Tony Blair", person, "Blair", 1),
                _mention("Gordon Brown", person, "Brown", 1),
                around,
                _mention("Gordon Brown", person, "Mr Brown"),
                _mention("London", place, "London"),
            )
        ],
    )
    assert report.b3 == (1.0, 1.0, 1.0)
    assert report.type_accuracy == 1.0


@pytest.mark.model
@pytest.mark.skipif(not benchmarks_dir().is_dir(), reason="shared benchmarks absent")
def test_entities_dev_scores_stay_above_the_floor(nlp: Language) -> None:
    report = score_entities(*_extract_split(nlp, "dev", None))
    measured = {
        "b3": report.b3[2],
        "types": report.type_accuracy,
        "labels": report.label_accuracy,
        "coverage": report.coverage,
    }
    for name, floor in ENTITY_FLOORS.items():
        assert measured[name] >= floor, f"{name}: {measured[name]:.3f} < floor {floor}"


def test_entities_a_mention_of_a_word_before_the_head_is_no_mention_of_it() -> None:
    """ "Labour leader Tony Blair" as a form of Blair: kg's mention of
    "Labour" inside it is the party's, not Blair's; "the Punjab province" is
    Punjab's ("province" says what kind of thing the name is)."""
    text = "Labour leader Tony Blair went to the Punjab province."
    forms: dict[str, tuple[str, ...]] = {
        "Tony Blair": ("Labour leader Tony Blair",),
        "Punjab": ("Punjab province",),
    }
    gold = GoldArticle(
        key="t:2",
        date=None,
        names={k: frozenset(norm_name(f) for f in v) for k, v in forms.items()},
        types={"Tony Blair": "person", "Punjab": "place"},
        events=(),
        forms=forms,
    )
    party = Entity(
        key="organization:labour", label="Labour", type=EntityType.ORGANIZATION
    )
    punjab = Entity(key="place:punjab", label="Punjab", type=EntityType.PLACE)
    article = Article(id="t:2", text=text, origin="test", body_end=len(text))
    start = text.index("Punjab")
    extraction = Extraction(
        article=article,
        sentences=1,
        mentions=(
            Mention(entity=party, text="Labour", start=0, end=6),
            Mention(entity=punjab, text="Punjab", start=start, end=start + 6),
        ),
        events=(),
    )
    assert kg_entity_of(gold, extraction) == {
        "Tony Blair": None,
        "Punjab": "place:punjab",
    }
