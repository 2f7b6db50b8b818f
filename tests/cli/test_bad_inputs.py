"""Bad inputs, parameters and faults: nothing lost, nothing cryptic (issue 10)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import EXIT_FAILED, EXIT_SKIPPED, EXIT_USAGE, app

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
    assert code == EXIT_SKIPPED
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
    assert code == EXIT_SKIPPED
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
    assert "Moscow" in text and "the same name in 2 articles" in text
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


def _kg_bound_by_modes(*args: str, cwd: Path) -> tuple[int, str]:
    """Run kg so that file modes bind it: root reads anything, so as root the
    command runs without the capabilities that override them (setpriv)."""
    import os
    import shutil
    import subprocess
    import sys

    command = [sys.executable, "-m", "kg", *args]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        assert setpriv, "setpriv (util-linux) is needed to test file modes as root"
        command = [
            setpriv,
            "--bounding-set",
            "-dac_override,-dac_read_search",
            *command,
        ]
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "COLUMNS": "300"},
        check=False,
    )
    return done.returncode, " ".join((done.stdout + done.stderr).split())


@pytest.mark.model
def test_bad_inputs_folder_walk_reports_what_it_skips(tmp_path: Path) -> None:
    """A pipe, broken and looping links and an unreadable subfolder inside a
    folder are each reported with the reason; the readable article is built."""
    import os

    root = tmp_path
    try:
        folder = root / "news"
        folder.mkdir()
        (folder / "good.txt").write_text("Norway sent artillery shells to Ukraine.\n")
        os.mkfifo(folder / "pipe.txt")
        (folder / "broken.txt").symlink_to(root / "nowhere.txt")
        (folder / "loop1.txt").symlink_to(folder / "loop2.txt")
        (folder / "loop2.txt").symlink_to(folder / "loop1.txt")
        (folder / "notes.md").write_text("not an article\n")
        locked = folder / "locked"
        locked.mkdir()
        (locked / "hidden.txt").write_text("Japan sent trucks to Ukraine.\n")
        os.chmod(locked, 0o000)
        code, text = _kg_bound_by_modes(
            "build", "news", "-o", str(root / "out.ttl"), cwd=root
        )
        assert code == EXIT_SKIPPED, text
        assert "news/pipe.txt: not a regular file (a named pipe)" in text
        assert "news/broken.txt: broken symbolic link" in text
        assert "news/loop1.txt: symbolic link loop" in text
        assert "news/locked: cannot read folder (Permission denied)" in text
        assert "notes.md" not in text
        assert "│ articles │ 1 │" in text and "│ skipped inputs │ 5 │" in text
    finally:
        os.chmod(root / "news" / "locked", 0o755)


@pytest.mark.model
def test_bad_inputs_unreadable_file_named_is_skipped_not_a_usage_error(
    tmp_path: Path,
) -> None:
    import os

    good, secret = tmp_path / "good.txt", tmp_path / "secret.txt"
    good.write_text("Norway sent artillery shells to Ukraine.\n")
    secret.write_text("Japan sent trucks to Ukraine.\n")
    os.chmod(secret, 0o000)
    code, text = _kg_bound_by_modes(
        "build", "secret.txt", "good.txt", "-o", "out.ttl", cwd=tmp_path
    )
    assert code == EXIT_SKIPPED, text
    assert "secret.txt: cannot read file (Permission denied)" in text
    assert "Usage:" not in text and "│ articles │ 1 │" in text
    code, text = _kg_bound_by_modes(
        "build", "secret.txt", "-o", "out.ttl", cwd=tmp_path
    )
    assert code == EXIT_FAILED and "No article could be read" in text


@pytest.mark.model
@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["build", "--no-such-option", "x.txt"], EXIT_USAGE),
        (["build"], EXIT_USAGE),
        (["articles", "--limit", "0"], EXIT_USAGE),
        (["build", "missing.txt", "-o", "out.ttl"], EXIT_FAILED),
        (["path", "Atlantis", "Ukraine", "--data", "seeds.trig"], EXIT_FAILED),
    ],
)
def test_bad_inputs_exit_codes_follow_one_scheme(
    tmp_path: Path, seed_trig: Path, args: list[str], code: int
) -> None:
    """2 is the command line's fault, 1 kg's refusal or failure, 3 (tested
    above) a partial build."""
    import os

    os.chdir(tmp_path)
    (tmp_path / "seeds.trig").write_bytes(seed_trig.read_bytes())
    found, text = _run(*args)
    assert found == code, text
