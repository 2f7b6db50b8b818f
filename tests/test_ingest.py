from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.ingest import MAX_CHARS, parse_wire, read_inputs
from kg.records import Article, Problem

from .conftest import SEEDS

SEED = SEEDS / "kuna-2024-01-04-dprk-missiles.txt"


def _read(path: Path) -> list[Article | Problem]:
    return list(read_inputs([path]))


def test_ingest_aggregator_header_gives_date_publisher_agency_dateline() -> None:
    (article,) = _read(SEED)
    assert isinstance(article, Article)
    assert article.date == "2024-01-04"
    assert article.publisher == "Kuwait News Agency"
    assert article.agency == "KUNA"
    assert article.dateline == "Washington"


def test_ingest_aggregator_id_becomes_identifier_not_text() -> None:
    (article,) = _read(SEED)
    assert isinstance(article, Article)
    assert article.id == "MENAFN04012024000071011013ID1107686670"
    assert "MENAFN" not in article.body
    assert "asj" not in article.body
    assert "(end)" not in article.body
    assert article.body.startswith("Russia has in recent days")
    assert article.body.endswith("without congressional action.")


def test_ingest_body_offsets_point_into_original_text() -> None:
    (article,) = _read(SEED)
    assert isinstance(article, Article)
    assert article.text == SEED.read_text(encoding="utf-8")
    assert article.text[article.body_start : article.body_end] == article.body


@pytest.mark.parametrize(
    ("text", "place", "date", "agency"),
    [
        ("LONDON, March 12, 2024 -- Shell bought BG.", "London", "2024-03-12", None),
        ("BEIJING, May 16 (Reuters) - Xi met Putin.", "Beijing", None, "Reuters"),
        (
            "THE HAGUE, Feb 15, 2024 (Reuters) - Text.",
            "The Hague",
            "2024-02-15",
            "Reuters",
        ),
        ("No header at all.", None, None, None),
    ],
)
def test_ingest_wire_dateline_forms(
    text: str, place: str | None, date: str | None, agency: str | None
) -> None:
    header = parse_wire(text)
    assert (header.dateline, header.date, header.agency) == (place, date, agency)


def test_ingest_jsonl_fields_and_line_origin(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    record = {
        "id": "x1",
        "title": "T",
        "date": "2024-02-03",
        "url": "https://e.org/1",
        "source": "Desk",
        "text": "Norway sent shells to Ukraine.",
    }
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    (article,) = _read(path)
    assert isinstance(article, Article)
    assert (
        article.id,
        article.title,
        article.date,
        article.url,
        article.publisher,
    ) == ("x1", "T", "2024-02-03", "https://e.org/1", "Desk")
    assert article.origin.endswith("a.jsonl:1")


def test_ingest_id_is_content_hash_and_stable(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Norway sent shells.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Norway sent shells.", encoding="utf-8")
    first, second = _read(tmp_path)
    # the same text in two files is one article: the second is reported
    assert isinstance(first, Article) and isinstance(second, Problem)
    assert len(first.id) == 16 and "same text as" in second.reason
    [again] = [a for a in _read(tmp_path) if isinstance(a, Article)]
    assert again.id == first.id


def test_ingest_folder_is_recursive_and_sorted(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Z sent X.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("A sent X.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    origins = [a.origin for a in _read(tmp_path) if isinstance(a, Article)]
    assert origins == [str(tmp_path / "a.txt"), str(tmp_path / "b" / "z.txt")]


@pytest.mark.parametrize(
    ("name", "content", "message", "line"),
    [
        ("bin.txt", b"\x00\x01\x02binary", "binary file", None),
        ("latin.txt", "caf\u00e9 costs \u00a35".encode("latin-1"), "not UTF-8", 1),
        ("empty.txt", b"   \n", "empty", None),
        ("bad.jsonl", b'{"text": "ok"}\n{"text": oops}\n', "malformed JSON", 2),
        ("notext.jsonl", b'{"title": "no text"}\n', 'field "text" is missing', 1),
        ("list.jsonl", b"[1, 2]\n", "not a JSON object", 1),
        ("doc.pdf", b"%PDF", "unsupported file type", None),
    ],
)
def test_ingest_bad_input_is_a_problem_naming_file_and_fix(
    tmp_path: Path, name: str, content: bytes, message: str, line: int | None
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    problems = [p for p in _read(path) if isinstance(p, Problem)]
    assert problems, f"{name} should be reported"
    assert message in problems[0].reason
    assert problems[0].origin == str(path)
    assert problems[0].line == line


def test_ingest_malformed_line_does_not_stop_the_file(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        '{"text": "A sent X."}\nnot json\n{"text": "B sent Y."}\n', encoding="utf-8"
    )
    items = _read(path)
    assert [type(i).__name__ for i in items] == ["Article", "Problem", "Article"]


def test_ingest_huge_document_is_refused_with_fix(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_text("word " * (MAX_CHARS // 5 + 10), encoding="utf-8")
    (problem,) = _read(path)
    assert isinstance(problem, Problem)
    assert "split it" in problem.reason


def test_ingest_missing_path_is_a_problem(tmp_path: Path) -> None:
    (problem,) = _read(tmp_path / "nope")
    assert isinstance(problem, Problem) and "no such file" in problem.reason


def test_ingest_odd_characters_in_names_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "odd name – ü.txt"
    path.write_text("Zürich-based Nestlé bought L’Oréal shares.", encoding="utf-8")
    (article,) = _read(path)
    assert isinstance(article, Article) and "Nestlé" in article.body


def _one(tmp_path: Path, text: str) -> Article:
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    [article] = list(read_inputs([path]))
    assert isinstance(article, Article)
    return article


def test_ingest_headline_line_is_the_title_not_the_first_sentence(
    tmp_path: Path,
) -> None:
    text = "UK Coal plunges into deeper loss\n\nShares in UK Coal have fallen.\n"
    article = _one(tmp_path, text)
    assert article.title == "UK Coal plunges into deeper loss"
    assert article.body.startswith("Shares in UK Coal")
    assert text[article.body_start :].startswith("Shares")


def test_ingest_byline_and_date_line_are_left_out_of_the_body(tmp_path: Path) -> None:
    text = (
        "Seoul fines shipping firm\nBy Jane Roe\nMarch 12, 2024\n"
        "South Korea fined the firm on Tuesday.\n"
    )
    article = _one(tmp_path, text)
    assert article.title == "Seoul fines shipping firm"
    assert article.date == "2024-03-12"
    assert article.body.startswith("South Korea fined")


def test_ingest_a_first_sentence_is_no_headline(tmp_path: Path) -> None:
    text = "South Korea fined the firm on Tuesday.\nThe firm said it would appeal.\n"
    article = _one(tmp_path, text)
    assert article.title is None and article.body_start == 0


def test_ingest_a_duplicate_id_or_text_is_reported_and_the_first_kept(
    tmp_path: Path,
) -> None:
    lines = [
        {"id": "a", "text": "Russia supplied missiles to Syria."},
        {"id": "b", "text": "China sold rifles to Mali."},
        {"id": "a", "text": "Iran sent drones to Russia."},
        {"id": "c", "text": "China sold rifles to Mali."},
    ]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    copy = tmp_path / "copy.txt"
    copy.write_text("Russia supplied missiles to Syria.", encoding="utf-8")
    found = list(read_inputs([feed, copy]))
    articles = [a for a in found if isinstance(a, Article)]
    problems = [p for p in found if isinstance(p, Problem)]
    assert [a.id for a in articles] == ["a", "b"]
    assert [(p.line, p.reason.split(" (")[0].split(";")[0]) for p in problems] == [
        (3, "duplicate id 'a' of " + f"{feed}:1"),
        (4, f"same text as {feed}:2"),
        (None, f"same text as {feed}:1"),
    ]
    assert all(str(p).startswith(str(p.origin)) for p in problems)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"id": {"x": 1}, "text": "Norway sent shells."}', 'field "id" is a object'),
        ('{"id": true, "text": "Norway sent shells."}', '"id" is a true/false value'),
        ('{"text": 12345}', 'field "text" is a number, not a string'),
        ('{"title": "x"}', 'field "text" is missing'),
    ],
)
def test_ingest_jsonl_fields_of_the_wrong_kind_say_so(
    tmp_path: Path, line: str, reason: str
) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(line + "\n", encoding="utf-8")
    [problem] = list(read_inputs([feed]))
    assert isinstance(problem, Problem) and problem.skipped
    assert reason in problem.reason and problem.line == 1


def test_ingest_bad_date_is_a_note_and_the_article_is_kept(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"id": 7, "date": "2024-13-45", "title": ["x"], "text": "Hi."})
        + "\n",
        encoding="utf-8",
    )
    article, *notes = list(read_inputs([feed]))
    assert isinstance(article, Article)
    assert article.id == "7" and article.date is None and article.title is None
    reasons = sorted(n.reason for n in notes if isinstance(n, Problem))
    assert all(isinstance(n, Problem) and not n.skipped for n in notes)
    assert "date '2024-13-45' is no date" in reasons[0]
    assert 'field "title" is a list' in reasons[1]


def test_ingest_bidi_controls_leave_titles(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    title = "Tories \u202eattack\u202c burglar \u2066U-turns\u2069"
    feed.write_text(
        json.dumps({"title": title, "text": "Norway sent shells."}) + "\n",
        encoding="utf-8",
    )
    [article] = list(read_inputs([feed]))
    assert isinstance(article, Article)
    assert article.title == "Tories attack burglar U-turns"
