"""The typer app and what every command shares: errors, --data, the graph."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, NoReturn

import networkx as nx
import pyoxigraph as ox
import typer
from rich.console import Console

from kg.errors import KGError
from kg.names import EntityIndex
from kg.network.build import collapse, entity_graph
from kg.store import load_data

app = typer.Typer(
    help="Build knowledge graphs of events from news articles, and ask them things.",
    no_args_is_help=True,
    add_completion=False,
)
EXIT_SKIPPED = 2
_err = Console(stderr=True)

DataOption = Annotated[
    list[Path],
    typer.Option(
        "--data",
        "-d",
        help="RDF written by `kg build` (.ttl, .trig, .nq, .nt, .jsonld) or a "
        "folder of it; repeat for several.",
    ),
]


@app.callback()
def main() -> None:
    """kg: news articles in, typed events with evidence out, as RDF."""


def fail(err: KGError) -> NoReturn:
    """Print a kg error to stderr and exit 1 (no traceback)."""
    _err.print(f"[red]error:[/] {err}", highlight=False, soft_wrap=True)
    raise typer.Exit(code=1) from err


def warn_err(message: str) -> None:
    """A notice on stderr."""
    _err.print(message, highlight=False, soft_wrap=True)


def open_graph(data: list[Path]) -> tuple[ox.Store, nx.DiGraph[str], EntityIndex]:
    """The store, the collapsed entity graph and the name index of ``--data``."""
    store = load_data(data)
    multi = entity_graph(store)
    nodes = {iri: multi.nodes[iri]["node"] for iri in multi}
    return store, collapse(multi), EntityIndex.of(nodes)
