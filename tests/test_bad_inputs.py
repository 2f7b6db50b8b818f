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
    from kg.persist import stored_articles
    from kg.store import open_store

    stored = list(stored_articles(open_store(Path(store))))
    assert [a.iri.rsplit("/", 1)[-1] for a in stored] == ["a"]
