"""The typer app and what every command shares: errors, --data, the graph."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from kg.errors import KGError
from kg.store import DEFAULT_STORE, Store, open_store

STORE = str(DEFAULT_STORE)

app = typer.Typer(
    help="Build knowledge graphs of events from news articles, and ask them things.",
    no_args_is_help=True,
    add_completion=False,
)
# Exit codes: 0 done; 1 failed (a kg error: nothing, or not all, could be
# done); 2 the command line is wrong (click's usage errors); 3 built, but some
# inputs were skipped; 130 interrupted.
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_SKIPPED = 3
EXIT_INTERRUPTED = 130
_err = Console(stderr=True)

DataOption = Annotated[
    list[Path],
    typer.Option(
        "--data",
        "-d",
        help="RDF files written by `kg build -o` (.ttl, .trig, .nq, .nt, .jsonld) "
        "or a folder of them; repeat for several. Default: the store.",
        readable=False,  # an unreadable file is kg's error to report, not a usage one
    ),
]
StoreOption = Annotated[
    str,
    typer.Option(
        "--store",
        "-s",
        envvar="KG_STORE",
        help="The graph store: a folder (made by `kg build`) or a SPARQL endpoint URL.",
    ),
]


@app.callback()
def main() -> None:
    """kg: news articles in, typed events with evidence out, as RDF."""


def fail(err: KGError) -> NoReturn:
    """Print a kg error to stderr and exit 1 (no traceback)."""
    _err.print(f"[red]error:[/] {err}", highlight=False, soft_wrap=True)
    raise typer.Exit(code=EXIT_FAILED) from err


def warn_err(message: str) -> None:
    """A notice on stderr."""
    _err.print(message, highlight=False, soft_wrap=True)


def read_source(data: list[Path], store: str) -> Store:
    """What read commands query: the ``--data`` files if given, else the store."""
    return open_store(store, data=data)
