"""kg's merges across articles against the cross-article gold."""

from __future__ import annotations

import json
from pathlib import Path

from kg.eval.identities import identity_keys, load_identities, score_identities
from kg.eval.realnews import GoldArticle, norm_name
from kg.records import Article, Entity, EntityType, Extraction, Mention

PERSON = EntityType.PERSON


def _gold(key: str, labels: dict[str, tuple[str, ...]]) -> GoldArticle:
    return GoldArticle(
        key=key,
        date=None,
        names={k: frozenset(norm_name(f) for f in v) for k, v in labels.items()},
        types=dict.fromkeys(labels, "person"),
        events=(),
        forms=labels,
    )


def _extraction(key: str, text: str, *found: tuple[str, str]) -> Extraction:
    """Mentions of (form, kg label) at each form's first place in ``text``."""
    mentions = tuple(
        Mention(
            entity=Entity(key=f"person:{label}", label=label, type=PERSON),
            text=form,
            start=text.index(form),
            end=text.index(form) + len(form),
        )
        for form, label in found
    )
    article = Article(id=key, text=text, origin="t", body_end=len(text))
    return Extraction(article=article, sentences=1, mentions=mentions, events=())


def test_identities_merges_scored_over_pairs_from_two_articles(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "identities"
    folder.mkdir()
    (folder / "person.json").write_text(
        json.dumps(
            {
                "type": "person",
                "identities": [
                    {"name": "Tony Blair", "members": ["a#Tony Blair", "b#Blair"]},
                    {"name": "Cherie Blair", "members": ["c#Cherie Blair"]},
                    {"name": "Ian Blair", "members": ["d#Blair"]},
                ],
            }
        ),
        encoding="utf-8",
    )
    identities = load_identities(folder)
    assert identity_keys(identities) == ("a", "b", "c", "d")
    a, b = "Tony Blair spoke.", "Mr Blair spoke."
    c, d = "Mr Cherie Blair spoke.", "Blair, the police chief, spoke."
    report = score_identities(
        [
            _gold("a", {"Tony Blair": ("Tony Blair",)}),
            _gold("b", {"Blair": ("Blair",)}),
            _gold("c", {"Cherie Blair": ("Cherie Blair",)}),
            _gold("d", {"Blair": ("Blair",)}),
        ],
        [
            _extraction("a", a, ("Tony Blair", "Tony Blair")),
            _extraction("b", b, ("Blair", "Tony Blair")),
            _extraction("c", c, ("Cherie Blair", "Cherie Blair")),
            _extraction("d", d, ("Blair", "Tony Blair")),  # a wrong merge
        ],
        identities,
    )
    assert report.entities == 4
    # a-b right; a-d and b-d merged wrongly; nothing missed
    assert (report.merges.tp, report.merges.fp, report.merges.fn) == (1, 2, 0)
    # "Mr Blair" on Tony Blair is right, "Mr Cherie Blair" wrong
    assert (report.honorifics, report.wrong_gender) == (2, 1)


def test_identities_absent_files_give_nothing(tmp_path: Path) -> None:
    assert load_identities(tmp_path) == {}
