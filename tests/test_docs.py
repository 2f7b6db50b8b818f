"""The README and docs/ pages: every example runs, and the reference is current.

The convention every page follows: an example is a fenced code block whose
info string starts with ``console``. Its command lines start with ``$ `` (a
line ending in ``\\`` continues on the next); its other lines are the output,
shown to the reader and not compared (it holds timings). The info string may add
``exit=N``, the code each command of the block exits with (0 otherwise), or
``no-run``: a server that runs until stopped, which the test cannot wait for.
At most three blocks are ``no-run``, and the text before each says so.

The examples of one page run in order with bash, in one temporary folder that
holds copies of ``seeds/`` and ``docs/examples/``, with kg's ``bin`` folder
first on ``PATH``; so a page builds a store once and later examples read it.
Other code blocks (``sh``, ``turtle``, ...) hold no command to run: ``make``
targets are checked against the Makefile, Python against the README's own test.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import typer
from typer.core import TyperGroup

from kg.cli import app
from kg.cli.reference import cli_reference

ROOT = Path(__file__).resolve().parent.parent
PAGES = (ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")))
COPIED = ("seeds", "docs/examples")  # what each page's folder starts with
MAX_NO_RUN = 3
SERVERS = frozenset({"serve"})  # commands that run until stopped: may be no-run
README_LINES = 250
_FENCE = re.compile(r"^(`{3,}|~{3,})\s*(\S*)\s*(.*)$")
_EXIT = re.compile(r"\bexit=(\d+)\b")
_MAKE = re.compile(r"`make ([a-z][\w-]*)")  # in a code span; code blocks: line start
_LINK = re.compile(r"\]\(([^)\s]+)\)")


@dataclass(frozen=True, slots=True)
class Block:
    """A fenced code block of a page: where, its language and options, lines."""

    page: str
    line: int  # of the opening fence, from 1
    language: str
    options: str
    lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Example:
    """One command of a ``console`` block, as the test runs it."""

    page: str
    line: int  # of the command's first line, from 1
    command: str
    exit_code: int
    run: bool

    def __post_init__(self) -> None:
        if not self.command.strip():
            raise ValueError(f"{self.page}:{self.line}: empty command after '$ '")


def read_blocks(text: str, page: str) -> list[Block]:
    """The fenced code blocks of a Markdown text, in order.

    Args:
        text: The Markdown.
        page: Its name, for messages.

    Returns:
        One Block per fenced block; an unclosed fence runs to the end.
    """
    blocks: list[Block] = []
    opened: tuple[str, int, str, str] | None = None
    body: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if opened is None:
            match = _FENCE.match(line)
            if match:
                opened = (match[1], number, match[2], match[3])
                body = []
        elif line.startswith(opened[0]) and not line.strip("`~"):
            blocks.append(Block(page, opened[1], opened[2], opened[3], tuple(body)))
            opened = None
        else:
            body.append(raw)
    if opened is not None:
        blocks.append(Block(page, opened[1], opened[2], opened[3], tuple(body)))
    return blocks


def read_examples(blocks: list[Block]) -> list[Example]:
    """The commands of the ``console`` blocks, continuation lines joined.

    Args:
        blocks: A page's blocks, from :func:`read_blocks`.

    Returns:
        One Example per ``$ `` line, with the exit code its block expects.
    """
    examples: list[Example] = []
    for block in blocks:
        if block.language != "console":
            continue
        wanted = _EXIT.search(block.options)
        exit_code = int(wanted[1]) if wanted else 0
        run = "no-run" not in block.options.split()
        command: list[str] = []
        start = 0
        for offset, raw in enumerate(block.lines, start=1):
            line = raw.strip()
            if command:
                command.append(line)
            elif line == "$" or line.startswith("$ "):
                command, start = [line.removeprefix("$").strip()], block.line + offset
            if command and not line.endswith("\\"):
                text = "\n".join(command)
                examples.append(Example(block.page, start, text, exit_code, run))
                command = []
    return examples


def _page_blocks(page: Path) -> list[Block]:
    name = page.relative_to(ROOT).as_posix()
    return read_blocks(page.read_text(encoding="utf-8"), name)


BLOCKS = {page: _page_blocks(page) for page in PAGES}
SHOWN = [example for page in PAGES for example in read_examples(BLOCKS[page])]
EXAMPLES = [example for example in SHOWN if example.run]


@dataclass(slots=True)
class _Folder:
    """Where one page's examples run, and how many of them have run."""

    path: Path
    done: int = 0


@dataclass(slots=True)
class Workspaces:
    """One temporary folder per page; examples of a page run in order."""

    factory: pytest.TempPathFactory
    folders: dict[str, _Folder] = field(default_factory=dict)

    def run(self, example: Example) -> subprocess.CompletedProcess[str]:
        """Run ``example`` in its page's folder, after the page's earlier ones.

        When a test is selected alone, the examples before it on its page are
        run first (a query needs the build above it) and must exit as they say.
        """
        folder = self.folders.get(example.page)
        if folder is None:
            folder = _Folder(self._fresh(example.page))
            self.folders[example.page] = folder
        mine = [e for e in EXAMPLES if e.page == example.page]
        index = mine.index(example)
        for earlier in mine[folder.done : index]:
            done = _bash(earlier.command, folder.path)
            if done.returncode != earlier.exit_code:
                pytest.fail(f"an earlier example failed:\n{_report(earlier, done)}")
        folder.done = index + 1
        return _bash(example.command, folder.path)

    def _fresh(self, page: str) -> Path:
        path = self.factory.mktemp(re.sub(r"\W", "-", page))
        for name in COPIED:
            if (ROOT / name).is_dir():
                shutil.copytree(ROOT / name, path / name)
        return path


@pytest.fixture(scope="module")
def workspaces(tmp_path_factory: pytest.TempPathFactory) -> Workspaces:
    """The pages' folders, shared by the examples of this module."""
    return Workspaces(tmp_path_factory)


@pytest.mark.model
@pytest.mark.parametrize(
    "example", EXAMPLES, ids=[f"{e.page}:{e.line}" for e in EXAMPLES]
)
def test_docs_example_runs(example: Example, workspaces: Workspaces) -> None:
    done = workspaces.run(example)
    assert done.returncode == example.exit_code, _report(example, done)


def test_docs_examples_are_found() -> None:
    pages = {example.page for example in EXAMPLES}
    assert "README.md" in pages and len(EXAMPLES) >= 40, sorted(pages)


def test_docs_no_run_blocks_are_few_and_said() -> None:
    skipped = [
        (page, block)
        for page, blocks in BLOCKS.items()
        for block in blocks
        if block.language == "console" and "no-run" in block.options.split()
    ]
    assert len(skipped) <= MAX_NO_RUN, [f"{b.page}:{b.line}" for _, b in skipped]
    for page, block in skipped:
        before = page.read_text(encoding="utf-8").splitlines()[: block.line - 1]
        paragraph = "\n".join(before[-6:])
        assert "not run" in paragraph, (
            f"{block.page}:{block.line}: say before a no-run block why it is not run"
        )


def test_docs_commands_are_only_in_console_blocks() -> None:
    for blocks in BLOCKS.values():
        for block in blocks:
            if block.language == "console":
                continue
            for offset, line in enumerate(block.lines, start=1):
                where = f"{block.page}:{block.line + offset}"
                assert not line.startswith(("$ ", "kg ")), (
                    f"{where}: a command outside a ```console block is never run; "
                    "write it as '$ kg ...' in one"
                )


def test_docs_parse_console_blocks() -> None:
    text = (
        "```console exit=3\n$ kg build \\\n  seeds/ odd.bin\nskipped odd.bin\n```\n"
        "```console no-run\n$ kg serve\n```\n"
        "```sh\nmake test\n```\n"
    )
    examples = read_examples(read_blocks(text, "page.md"))
    assert examples == [
        Example("page.md", 2, "kg build \\\nseeds/ odd.bin", 3, True),
        Example("page.md", 7, "kg serve", 0, False),
    ]


def test_docs_parse_refuses_an_empty_command() -> None:
    with pytest.raises(ValueError, match=r"page.md:2: empty command"):
        read_examples(read_blocks("```console\n$  \n```\n", "page.md"))


def test_docs_cli_reference_is_current() -> None:
    written = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert written == cli_reference(), (
        "docs/cli.md differs from the commands' help: run `make docs`"
    )


def test_docs_every_help_example_is_run() -> None:
    group = typer.main.get_command(app)
    assert isinstance(group, TyperGroup)
    run = {example.command for example in EXAMPLES}
    shown = {example.command for example in SHOWN}
    for name, command in group.commands.items():
        found = re.search(r"^Example: (.+)$", command.help or "", flags=re.M)
        assert found, f"kg {name}: its help has no 'Example: ...' line"
        wanted = found[1].strip()
        assert wanted in (shown if name in SERVERS else run), (
            f"kg {name}'s help example {wanted!r} is in no docs example; add it as "
            "'$ ' + the example to the page about the command"
        )


def test_docs_make_targets_exist() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][\w-]*):", makefile, flags=re.M))
    for page in PAGES:
        named = _MAKE.findall(page.read_text(encoding="utf-8"))
        for block in BLOCKS[page]:
            named += [
                line.split()[1] for line in block.lines if line.startswith("make ")
            ]
        for target in named:
            assert target in targets, f"{page.name}: no make target {target!r}"


def test_docs_links_point_at_files_and_headings() -> None:
    for page in PAGES:
        for link in _LINK.findall(page.read_text(encoding="utf-8")):
            if link.startswith(("http://", "https://", "mailto:")):
                continue
            path, _, anchor = link.partition("#")
            target = page.parent / path if path else page
            assert target.exists(), f"{page.name}: broken link {link}"
            if anchor:
                assert anchor in _anchors(target), f"{page.name}: no heading {link}"


def test_docs_readme_is_short() -> None:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").count("\n")
    assert lines < README_LINES, f"README.md has {lines} lines; move detail to docs/"


def _anchors(page: Path) -> set[str]:
    """The anchors GitHub gives a page's headings (code blocks left out)."""
    text = re.sub(
        r"^```.*?^```", "", page.read_text(encoding="utf-8"), flags=re.M | re.S
    )
    headings = re.findall(r"^#{1,6} (.+)$", text, flags=re.M)
    return {
        re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in headings
    }


def _bash(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run one example with bash, kg's bin folder first on PATH."""
    env = dict(os.environ)
    env.pop("KG_STORE", None)
    bin_folder = str(Path(sys.executable).parent)
    env.update(PATH=f"{bin_folder}{os.pathsep}{env.get('PATH', '')}", COLUMNS="140")
    bash = shutil.which("bash") or "/bin/bash"
    return subprocess.run(
        [bash, "-o", "pipefail", "-c", command],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _report(example: Example, done: subprocess.CompletedProcess[str]) -> str:
    return (
        f"{example.page}:{example.line}: $ {example.command}\n"
        f"exit {done.returncode}, expected {example.exit_code}\n"
        f"stdout:\n{done.stdout[-3000:]}\nstderr:\n{done.stderr[-3000:]}"
    )
