from __future__ import annotations

from pathlib import Path

import pytest
import typer
from rdflib import Graph
from typer.main import get_command
from typer.testing import CliRunner

from kg.cli import EXIT_SKIPPED, app

from .conftest import SEEDS

runner = CliRunner()


@pytest.mark.model
def test_cli_build_writes_turtle_and_prints_summary(tmp_path: Path) -> None:
    out = tmp_path / "seeds.ttl"
    result = runner.invoke(app, ["build", str(SEEDS), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "articles" in result.output and "Supply" in result.output
    assert len(Graph().parse(out)) > 1000


@pytest.mark.model
def test_cli_build_skips_bad_input_and_exits_2(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Norway sent artillery shells to Ukraine.", encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": broken\n', encoding="utf-8")
    out = tmp_path / "out.ttl"
    result = runner.invoke(app, ["build", str(good), str(bad), "-o", str(out)])
    assert result.exit_code == EXIT_SKIPPED
    assert "bad.jsonl:1" in result.output and "malformed JSON" in result.output
    assert out.exists()


@pytest.mark.model
def test_cli_build_failure_keeps_existing_output(tmp_path: Path) -> None:
    out = tmp_path / "out.ttl"
    out.write_text("# previous build\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = runner.invoke(app, ["build", str(empty), "-o", str(out)])
    assert result.exit_code == 1
    assert "No article could be read" in result.output
    assert out.read_text(encoding="utf-8") == "# previous build\n"


def test_cli_unknown_output_format_names_the_choices(tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", str(SEEDS), "-o", str(tmp_path / "x.ttl2")])
    assert result.exit_code == 1
    assert "Unknown output format '.ttl2'" in result.output
    assert ".ttl, .nt, .trig, .nq, .jsonld" in result.output


def test_cli_bad_base_iri_is_refused(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "build",
            str(SEEDS),
            "-o",
            str(tmp_path / "x.ttl"),
            "--base-iri",
            "not an iri",
        ],
    )
    assert result.exit_code == 1 and "Invalid --base-iri" in result.output


def test_cli_unknown_model_names_the_fix(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "build",
            str(SEEDS),
            "-o",
            str(tmp_path / "x.ttl"),
            "--model",
            "no_such_pipeline",
        ],
    )
    assert result.exit_code == 1
    assert "no_such_pipeline" in result.output and "make install" in result.output


def test_cli_every_command_has_help_with_an_example() -> None:
    group = get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    for name, command in group.commands.items():
        assert command.help, name
        assert "Example: kg " in command.help, name
