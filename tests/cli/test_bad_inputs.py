"""Bad inputs, parameters and faults: nothing lost, nothing cryptic (issue 10)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app

runner = CliRunner()


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "300"})
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        "a traceback escaped"
    )
    return result.exit_code, " ".join(result.output.split())


@pytest.mark.model
def test_bad_inputs_strict_is_all_or_nothing(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Norway sent artillery shells to Ukraine.", encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": broken\n', encoding="utf-8")
    output = tmp_path / "out.ttl"
    output.write_text("# the earlier build\n", encoding="utf-8")
    code, text = _run("build", str(good), str(bad), "-o", str(output), "--strict")
    assert code == 1
    assert f"{bad}:1" in text and "nothing was built, written or stored" in text
    assert output.read_text(encoding="utf-8") == "# the earlier build\n"
    store = tmp_path / "store"
    code, _ = _run("build", str(good), str(bad), "--store", str(store), "--strict")
    assert code == 1
    assert not store.exists()


@pytest.mark.model
def test_bad_inputs_summary_counts_what_was_stored(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        '{"id": "a", "text": "Norway sent artillery shells to Ukraine."}\n'
        '{"id": "a", "text": "Japan sent trucks to Ukraine."}\n',
        encoding="utf-8",
    )
    store = str(tmp_path / "store")
    code, text = _run("build", str(feed), "--store", store)
    assert code == 2
    assert f"{feed}:2: duplicate id 'a'" in text
    assert "│ articles │ 1 │" in text and "│ skipped inputs │ 1 │" in text
    from kg.store import open_store
    from kg.store.articles import stored_articles

    stored = list(stored_articles(open_store(Path(store))))
    assert [a.iri.rsplit("/", 1)[-1] for a in stored] == ["a"]


@pytest.mark.model
def test_bad_inputs_files_that_are_no_articles_are_reported_the_rest_built(
    tmp_path: Path,
) -> None:
    import os

    good = tmp_path / "good.txt"
    good.write_text("Norway sent artillery shells to Ukraine.", encoding="utf-8")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    unreadable = tmp_path / "unreadable.txt"
    unreadable.symlink_to("/proc/self/mem")  # a read fails, even for root
    broken = tmp_path / "broken.txt"
    broken.symlink_to(tmp_path / "gone.txt")
    output = tmp_path / "out.ttl"
    args = [str(fifo), str(unreadable), str(broken), str(good)]
    code, text = _run("build", *args, "-o", str(output))
    assert code == 2
    assert f"{fifo}: not a regular file (a named pipe)" in text
    assert f"{unreadable}: cannot read file (Input/output error)" in text
    assert f"{broken}: broken symbolic link" in text
    assert "artillery" in output.read_text(encoding="utf-8")


@pytest.mark.model
def test_bad_inputs_a_folder_of_articles_is_no_store(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    article = folder / "a.txt"
    article.write_text("Norway sent artillery shells to Ukraine.", encoding="utf-8")
    code, text = _run("build", str(folder), "--store", str(folder))
    assert code == 1
    assert "holds other files and is no kg store" in text
    assert sorted(p.name for p in folder.iterdir()) == ["a.txt"]
    code, text = _run("path", "Norway", "Ukraine", "--store", str(folder))
    assert code == 1
    assert "is no kg store" in text and "RocksDB" not in text


def _narrow(*args: str, columns: int = 80) -> list[str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


@pytest.mark.model
def test_bad_inputs_tables_fit_80_columns_and_show_ids_whole(
    seed_store_path: Path,
) -> None:
    store = str(seed_store_path)
    for args in (
        ("query", "who-supplied-whom", "--store", store),
        ("articles", "--store", store),
        ("entities", "--merged", "--store", store),
    ):
        lines = _narrow(*args)
        assert all(len(line) <= 80 for line in lines), args
        # no header or date is split over lines
        assert not any(
            line.strip() in {"recipien", "t", "factuali", "ty"} for line in lines
        )
    text = "\n".join(_narrow("articles", "--store", store))
    assert "MENAFN04012024000071011013ID1107686670" in text
    assert "kuna-2024-01-04-dprk-missiles.txt" in text
    wide = "\n".join(
        _narrow("query", "who-supplied-whom", "--store", store, columns=200)
    )
    assert "2024-02-15" in wide and "factuality" in wide
    assert len(_narrow("query", "who-supplied-whom", "--store", store)) < 202


@pytest.mark.model
def test_bad_inputs_merges_say_why(seed_store_path: Path) -> None:
    text = " ".join(
        _narrow("entities", "--merged", "--store", str(seed_store_path), columns=200)
    )
    assert "Moscow" in text and "the same name in 3 articles" in text
    assert "(demonym)" in text


@pytest.mark.model
def test_bad_inputs_written_files_follow_the_umask(tmp_path: Path) -> None:
    import os
    import stat

    article = tmp_path / "a.txt"
    article.write_text("Norway sent artillery shells to Ukraine.", encoding="utf-8")
    output = tmp_path / "out.ttl"
    old = os.umask(0o022)
    try:
        code, _ = _run("build", str(article), "-o", str(output), "-q")
    finally:
        os.umask(old)
    assert code == 0
    assert stat.S_IMODE(output.stat().st_mode) == 0o644


@pytest.mark.model
def test_bad_inputs_a_lone_surrogate_line_builds_and_resumes(tmp_path: Path) -> None:
    import json

    lines = [
        json.dumps({"id": f"a{i}", "text": f"Norway sent {i} trucks to Ukraine."})
        for i in range(20)
    ]
    lines.append('{"id": "odd", "text": "Iran sent drones \\ud800 to Russia."}')
    lines.append(json.dumps({"id": "after", "text": "China sold rifles to Mali."}))
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    store = str(tmp_path / "store")
    assert _run("build", str(feed), "--store", store, "-q")[0] == 0
    assert _run("build", str(feed), "--store", store, "-q", "--resume")[0] == 0
    from kg.store import open_store
    from kg.store.articles import stored_articles

    ids = {a.id for a in stored_articles(open_store(Path(store)))}
    assert len(ids) == 22 and {"odd", "after"} <= ids
