"""``kg query``: SPARQL over the graph, inline, from a file or canned."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import pyoxigraph as ox
import typer
from rich.console import Console
from rich.table import Table

from kg.cli.app import STORE, DataOption, StoreOption, app, fail, read_source
from kg.cli.building import LIMIT, AllOption, LimitOption
from kg.cli.tables import print_rows
from kg.errors import KGError
from kg.query import (
    ResultFormat,
    canned_queries,
    parse_params,
    render,
    resolve_query,
    run_query,
    table_rows,
)


@app.command("query")
def query_command(
    query: Annotated[
        str | None,
        typer.Argument(
            help="Inline SPARQL, a .rq file, or the name of a canned query "
            "(see --list).",
            show_default=False,
        ),
    ] = None,
    data: DataOption = [],  # noqa: B006 (typer reads the default, never mutates it)
    store: StoreOption = STORE,
    fmt: Annotated[
        ResultFormat,
        typer.Option("--format", "-f", help="Output format."),
    ] = ResultFormat.TABLE,
    param: Annotated[
        list[str],
        typer.Option(
            "--param",
            "-p",
            help='NAME=VALUE to bind ?NAME, e.g. --param entity="North Korea".',
        ),
    ] = [],  # noqa: B006
    list_queries: Annotated[
        bool, typer.Option("--list", help="List the canned queries and exit.")
    ] = False,
    limit: LimitOption = LIMIT,
    every: AllOption = False,
) -> None:
    """Run SPARQL over the graph; SELECT/ASK print a table, CONSTRUCT prints Turtle.

    The prefixes kg, rdf, rdfs, owl, skos, prov, schema and xsd are bound.
    Queries see every article's named graph as one default graph. Parameters
    are bound as values, never pasted into the query text. A table shows the
    first 50 rows (--limit N for another number, --all for every one); the
    other formats give every row.

    Example: kg query who-supplied-whom
    """
    console = Console()
    if list_queries:
        _list(console)
        return
    try:
        if query is None:
            raise KGError(
                "Give a query: inline SPARQL, a .rq file or a canned query name "
                "(kg query --list)."
            )
        canned = resolve_query(query)
        source = read_source(data, store)
        given = parse_params(param)
        result = run_query(source, canned, given)
        if fmt is ResultFormat.TABLE and isinstance(result, ox.QuerySolutions):
            _table(console, result, canned.name, None if every else limit)
            for p in canned.params:
                if p.default and p.name not in given:
                    console.print(
                        f"{p.name}={p.default} by default; "
                        f"--param {p.name}=any shows all",
                        style="dim",
                    )
        elif fmt is ResultFormat.TABLE and isinstance(result, ox.QueryBoolean):
            console.print("true" if result else "false")
        else:
            typer.echo(render(result, fmt).decode("utf-8"), nl=False)
    except KGError as err:
        fail(err)


def _list(console: Console) -> None:
    table = Table(title="canned queries (ontology/queries/)")
    table.add_column("name")
    table.add_column("parameters")
    table.add_column("description")
    for name, canned in canned_queries().items():
        params = ", ".join(
            f"{p.name}={p.default}"
            if p.default
            else f"{p.name}{'' if p.required else '?'}"
            for p in canned.params
        )
        table.add_row(name, params, canned.description)
    console.print(table)


def _table(
    console: Console, result: ox.QuerySolutions, title: str, limit: int | None
) -> None:
    columns, shown, total = table_rows(result, limit)
    print_rows(console, Path(title).name, columns, shown)
    count = f"{total} row{'s' if total != 1 else ''}"
    if len(shown) < total:
        count += (
            f"; the first {len(shown)} shown (--limit N or --all for more, "
            "--format csv for every row)"
        )
    console.print(count, style="dim")
