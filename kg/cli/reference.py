"""The command-line reference as Markdown, written from the commands' own help.

``docs/cli.md`` is this module's output (``make docs``), so the reference says
what ``kg COMMAND --help`` says and a test keeps the two equal.

Examples:
    >>> text = cli_reference()
    >>> text.startswith("# Command-line reference")
    True
    >>> "## kg build" in text
    True
"""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperArgument, TyperGroup, TyperOption

from kg.cli import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_SKIPPED, EXIT_USAGE, app

__all__ = ["cli_reference"]

_EXIT_CODES = (
    (0, "done"),
    (EXIT_FAILED, "failed: a kg error, so nothing, or not all, could be done"),
    (
        EXIT_USAGE,
        "the command line is wrong: an unknown option, a missing or bad argument",
    ),
    (EXIT_SKIPPED, "`kg build` built, but some inputs were skipped"),
    (EXIT_INTERRUPTED, "interrupted (Ctrl-C)"),
)


_KINDS = {"integer": "integer", "float": "number", "path": "path", "file": "path"}


def cli_reference() -> str:
    """Render every kg command's help as one Markdown page.

    Walks the typer app as the click group it becomes and writes, for each
    command in the order ``kg --help`` lists them, its usage, its help text and
    a table of its arguments and options (names, values, defaults, help).

    Returns:
        The page, ending with a newline.
    """
    group = typer.main.get_command(app)
    if not isinstance(group, TyperGroup):
        raise TypeError(f"kg's app should be a group of commands, not {group!r}")
    root = typer.Context(group, info_name="kg")
    commands = _commands(group, root)
    lines = [
        "# Command-line reference",
        "",
        "<!-- Written by `python -m kg.cli.reference` (`make docs`) from the "
        "commands' own help; do not edit by hand. -->",
        "",
        _paragraphs(group.help or ""),
        "",
        "Usage: `kg COMMAND [OPTIONS] [ARGUMENTS]`. Every command also takes "
        "`--help`, which prints what this page says about it.",
        "",
        "| command | what it does |",
        "|---|---|",
    ]
    for name, command in commands:
        summary = _cell(command.get_short_help_str(limit=200))
        lines.append(f"| [`kg {name}`](#kg-{name}) | {summary} |")
    lines += ["", "## Exit codes", "", "| code | meaning |", "|---|---|"]
    lines += [f"| {code} | {meaning} |" for code, meaning in _EXIT_CODES]
    for name, command in commands:
        lines += ["", *_command_section(name, command, root)]
    return "\n".join(lines) + "\n"


def _commands(group: TyperGroup, root: typer.Context) -> list[tuple[str, Any]]:
    """The group's commands in the order its help lists them."""
    found = []
    for name in group.list_commands(root):
        command = group.get_command(root, name)
        if command is not None and not command.hidden:
            found.append((name, command))
    return found


def _command_section(name: str, command: Any, root: typer.Context) -> list[str]:
    """One command: heading, usage, help text, then its parameters."""
    ctx = typer.Context(command, info_name=name, parent=root)
    usage = " ".join(["kg", name, *command.collect_usage_pieces(ctx)])
    lines = [f"## kg {name}", "", f"`{usage}`", "", _paragraphs(command.help or "")]
    arguments = [p for p in command.params if isinstance(p, TyperArgument)]
    options = [p for p in command.params if isinstance(p, TyperOption) and not p.hidden]
    if arguments:
        lines += ["", "| argument | value | help |", "|---|---|---|"]
        lines += [_argument_row(argument) for argument in arguments]
    if options:
        lines += ["", "| option | value | default | help |", "|---|---|---|---|"]
        lines += [_option_row(option) for option in options]
    return lines


def _paragraphs(text: str) -> str:
    """A docstring as Markdown: paragraphs unwrapped, the example as code."""
    paragraphs = []
    for block in text.strip().split("\n\n"):
        paragraph = " ".join(line.strip() for line in block.splitlines())
        if paragraph.startswith("Example: "):
            paragraph = f"Example: `{paragraph.removeprefix('Example: ')}`"
        paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)


def _argument_row(argument: TyperArgument) -> str:
    """One table row: name, how it is given (required, how many), help."""
    how = "required" if argument.required else "optional"
    if argument.nargs == -1:
        how += ", one or more" if argument.required else ", any number"
    help_text = argument.help or ""
    return f"| `{argument.human_readable_name}` | {how} | {_cell(help_text)} |"


def _option_row(option: TyperOption) -> str:
    """One table row: names, value, default, help (with its variable)."""
    names = ", ".join(f"`{name}`" for name in (*option.opts, *option.secondary_opts))
    value = "flag" if option.is_flag else _value_kind(option.type)
    if option.multiple:
        value += ", repeatable"
    help_text = option.help or ""
    if isinstance(option.envvar, str):
        help_text += f" Also from `${option.envvar}`."
    return f"| {names} | {value} | {_default(option)} | {_cell(help_text)} |"


def _value_kind(kind: Any) -> str:
    """The kind of value an option takes, with its range or choices.

    Read from the click type's ``name`` (``"integer range"``, ``"choice"``,
    ``"path"``, ...) and its ``choices`` or ``min`` and ``max``.
    """
    name = str(kind.name)
    if name == "choice":
        return " \\| ".join(f"`{choice}`" for choice in kind.choices)
    word = _KINDS.get(name.removesuffix(" range"), "text")
    if not name.endswith(" range") or kind.min is kind.max is None:
        return word
    if kind.max is None:
        return f"{word}, at least {kind.min}"
    if kind.min is None:
        return f"{word}, at most {kind.max}"
    return f"{word}, {kind.min} to {kind.max}"


def _default(option: TyperOption) -> str:
    """The default as it would be typed, "required", or nothing."""
    if option.required:
        return "required"
    default = option.default
    if option.is_flag or default is None or default == [] or callable(default):
        return ""
    value = getattr(default, "value", default)  # an Enum shows its value
    return f"`{value}`"


def _cell(text: str) -> str:
    """Text for one Markdown table cell: one line, pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")


if __name__ == "__main__":
    print(cli_reference(), end="")
