"""``kg path``, ``kg neighbors``, ``kg stats`` and ``kg export``: the entity graph."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from kg.cli.app import (
    STORE,
    DataOption,
    StoreOption,
    app,
    fail,
    read_source,
)
from kg.errors import KGError

if TYPE_CHECKING:
    from kg.store.sparql import Queryable

# networkx and the graph modules load when a command runs, not for `kg --help`

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead.")]


def _say_others(opened: Queryable, *names: str) -> None:
    """Tell the user (on stderr) when a name was taken for one of several
    entities it could mean ("Brown": Gordon Brown, not the Brown of one
    article)."""
    from kg.store.entities import lookup_entity

    for name in names:
        try:
            note = lookup_entity(opened, name).note(name)
        except KGError:
            continue  # the command itself reports it
        if note:
            typer.echo(note, err=True)


def _type_name(text: str) -> str:
    """An entity type as the user typed it ("place", "org") in the ontology's
    spelling ("Place", "Organization"); anything else is left for the
    library to refuse with the choices."""
    from kg.records import EntityType

    wanted = text.strip().lower()
    for kind in EntityType:
        if kind.value.lower().startswith(wanted) and wanted:
            return kind.value
    return text


@app.command("path")
def path_command(
    source: Annotated[str, typer.Argument(help="Entity name, alias or type:slug.")],
    target: Annotated[str, typer.Argument(help="Entity name, alias or type:slug.")],
    data: DataOption = [],  # noqa: B006 (typer reads the default, never mutates it)
    store: StoreOption = STORE,
    k: Annotated[int, typer.Option("--k", min=1, help="How many paths.")] = 3,
    max_hops: Annotated[
        int | None, typer.Option("--max-hops", min=1, help="Longest path to show.")
    ] = None,
    undirected: Annotated[
        bool,
        typer.Option(
            "--undirected",
            help="Also walk against the events' direction (A was supplied by B).",
        ),
    ] = False,
    via_things: Annotated[
        bool,
        typer.Option(
            "--via-things",
            help='Let paths pass through common-noun entities ("equipment").',
        ),
    ] = False,
    avoid: Annotated[
        list[str],
        typer.Option(
            "--avoid",
            help="Never pass through entities of this type (Place, Country, "
            "Person, Organization); repeat for more.",
        ),
    ] = [],  # noqa: B006 (typer reads the default, never mutates it)
    attested: Annotated[
        bool,
        typer.Option(
            "--attested",
            help="Prefer paths over links many articles report with high "
            "confidence to the fewest hops.",
        ),
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """How is SOURCE connected to TARGET? Shortest paths, every hop with its quote.

    Names resolve through labels and aliases, ignoring case (DPRK finds North
    Korea). Exits 1 when a name is unknown or no path is found.

    Example: kg path "North Korea" Ukraine
    """

    from kg.network.ask import paths as find
    from kg.network.hops import describe, hop_to_dict

    try:
        opened = read_source(data, store)
        _say_others(opened, source, target)
        start, end, paths = find(
            opened,
            source,
            target,
            k=k,
            max_hops=max_hops,
            undirected=undirected,
            via_things=via_things,
            avoid_types=[_type_name(t) for t in avoid],
            attested=attested,
        )
        if not paths:
            how = "undirected" if undirected else "following the events' direction"
            limit = f" within {max_hops} hops" if max_hops else ""
            hint = "" if undirected else " Try --undirected."
            if avoid:
                hint += " Try without --avoid."
            raise KGError(
                f"No path from {start.label} to {end.label} ({how}){limit}.{hint}"
            )
    except KGError as err:
        fail(err)
    if as_json:
        payload = [{"hops": [hop_to_dict(h) for h in p.hops]} for p in paths]
        typer.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    console = Console()
    for number, path in enumerate(paths, 1):
        names = " → ".join(node.label for node in path.nodes)
        hops = len(path.hops)
        console.print(
            f"[bold]Path {number}[/] ({hops} hop{'s' if hops > 1 else ''}): "
            f"{escape(names)}"
        )
        for hop in path.hops:
            console.print(f"  {escape(describe(hop))}", highlight=False)


@app.command("neighbors")
def neighbors_command(
    entity: Annotated[str, typer.Argument(help="Entity name, alias or type:slug.")],
    data: DataOption = [],  # noqa: B006
    store: StoreOption = STORE,
    limit: Annotated[int, typer.Option(min=1, help="Show at most this many.")] = 50,
    as_json: JsonOption = False,
) -> None:
    """The entities linked to ENTITY by events, in either direction, with evidence.

    Example: kg neighbors Russia
    """

    from kg.network.ask import neighbours
    from kg.network.hops import describe, hop_to_dict

    try:
        # only the entity's events are read: its edges are the whole graph's
        opened = read_source(data, store)
        _say_others(opened, entity)
        node, found = neighbours(opened, entity)
        hops = found[:limit]
    except KGError as err:
        fail(err)
    if as_json:
        typer.echo(
            json.dumps([hop_to_dict(h) for h in hops], indent=2, ensure_ascii=False)
        )
        return
    console = Console()
    console.print(
        f"[bold]{escape(node.label)}[/] ({node.type}): {len(hops)} neighbours"
    )
    for hop in hops:
        console.print(f"  {escape(describe(hop))}", highlight=False)


@app.command("stats")
def stats_command(
    data: DataOption = [],  # noqa: B006
    store: StoreOption = STORE,
    top: Annotated[int, typer.Option(min=1, help="How many entities to rank.")] = 10,
) -> None:
    """Entities by degree, PageRank and betweenness; events by class; articles.

    Example: kg stats
    """

    from kg.network.ask import stats as figures

    try:
        stats = figures(read_source(data, store), top=top)
    except KGError as err:
        fail(err)
    console = Console()
    console.print(
        f"{stats.articles} articles, {stats.entities} entities, "
        f"{sum(n for _, n in stats.events)} events, {stats.links} entity links"
    )
    ranks = Table(title="most connected entities")
    for column in ("entity", "type", "degree", "pagerank", "betweenness"):
        ranks.add_column(
            column, justify="left" if column in {"entity", "type"} else "right"
        )
    for rank in stats.top:
        ranks.add_row(
            rank.node.label,
            rank.node.type,
            str(rank.degree),
            f"{rank.pagerank:.4f}",
            f"{rank.betweenness:.4f}",
        )
    console.print(ranks)
    if stats.betweenness_sampled:
        console.print(
            "betweenness estimated from a fixed sample of 500 sources", style="dim"
        )
    if stats.outdated is not None:
        console.print(
            f"figures computed now: the stored ones are of {stats.outdated} "
            f"articles, before the last change (`kg refresh` stores them again)",
            style="dim",
        )
    events = Table(title="events by class")
    events.add_column("class")
    events.add_column("events", justify="right")
    for name, count in stats.events:
        events.add_row(name, str(count))
    console.print(events)


@app.command("export")
def export_command(
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="Output file (.gexf, .graphml) or, for csv, a folder that gets "
            "nodes.csv and edges.csv.",
        ),
    ],
    data: DataOption = [],  # noqa: B006
    store: StoreOption = STORE,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="gexf, graphml or csv (default: from -o's extension).",
        ),
    ] = None,
    dynamic: Annotated[
        bool,
        typer.Option(
            "--dynamic",
            help="GEXF: give nodes and edges start dates so Gephi's timeline plays.",
        ),
    ] = False,
) -> None:
    """Export the entity graph: GEXF 1.3 for Gephi, GraphML, or CSV for Neo4j.

    Example: kg export --format gexf -o out/seeds.gexf
    """

    from kg.network.formats import EXPORTERS, export_graph, graph_format
    from kg.network.graph import entity_graph

    try:
        chosen = graph_format(output, fmt)
        graph = export_graph(entity_graph(read_source(data, store)))
        EXPORTERS[chosen](graph, output, dynamic=dynamic)
    except KGError as err:
        fail(err)
    Console().print(
        f"wrote {output} ({chosen}): {graph.number_of_nodes()} nodes, "
        f"{graph.number_of_edges()} edges"
    )
