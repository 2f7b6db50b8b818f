"""``kg serve`` and ``kg show``: the graph in a browser."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli.app import STORE, DataOption, StoreOption, app, fail, warn_err
from kg.errors import InputError, KGError

# Starlette, uvicorn and Jinja load when a command runs, not for `kg --help`


@app.command("serve")
def serve_command(
    store: StoreOption = STORE,
    data: DataOption = [],  # noqa: B006 (typer reads the default, never mutates it)
    host: Annotated[
        str,
        typer.Option(help="Address to listen on; 0.0.0.0 opens it to your network."),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port.")] = 8750,
    timeout: Annotated[
        float, typer.Option(min=0.1, help="Seconds a SPARQL query may run.")
    ] = 10.0,
    max_rows: Annotated[
        int, typer.Option("--max-rows", min=1, help="Most results a query may give.")
    ] = 10_000,
    max_nodes: Annotated[
        int,
        typer.Option("--max-nodes", min=10, help="Most entities a network view draws."),
    ] = 2000,
    cors: Annotated[
        list[str],
        typer.Option(
            "--cors",
            help="A web origin whose pages may query /sparql (e.g. where YASGUI "
            "runs); repeat for several. Default: none.",
        ),
    ] = [],  # noqa: B006
) -> None:
    """Browse the store in a web browser (read-only); SPARQL endpoint at /sparql.

    Pages for search, entities, networks, paths, articles and SPARQL, a JSON
    API under /api/, and the SPARQL 1.1 protocol at /sparql. Listens on
    127.0.0.1 unless --host says otherwise.

    Example: kg serve --store kg-data --port 8750
    """
    from kg.web.serve import serve

    try:
        serve(
            store,
            data=tuple(data),
            host=host,
            port=port,
            timeout=timeout,
            max_rows=max_rows,
            max_nodes=max_nodes,
            cors=tuple(cors),
            announce=warn_err,
        )
    except KGError as err:
        fail(err)


@app.command("show")
def show_command(
    entity: Annotated[str, typer.Argument(help="Entity name, alias or type:slug.")],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The HTML file to write.")
    ],
    store: StoreOption = STORE,
    data: DataOption = [],  # noqa: B006
    hops: Annotated[int, typer.Option(min=1, max=2, help="Rings of neighbours.")] = 1,
) -> None:
    """Write an entity's neighbourhood as one HTML file that opens from disk.

    Example: kg show DPRK -o out/dprk.html --hops 2
    """
    from kg.rdf.write import write_atomic
    from kg.web.show import render_view

    try:
        view = render_view(store, entity, data=tuple(data), hops=hops)
        page = view.html.encode("utf-8")
        write_atomic(output, page)
    except KGError as err:
        fail(err)
    except OSError as err:
        fail(InputError(f"Cannot write {output}: {err.strerror}; choose another -o"))
    warn_err(
        f"wrote {output}: {view.nodes} entities, {view.edges} links "
        f"({len(page) / 1e6:.1f} MB)"
    )
