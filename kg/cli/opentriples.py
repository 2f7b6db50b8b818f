"""``kg triples --open FILE``: open-IE tuples of sentences, in CaRB's tabbed format."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli.app import app, fail
from kg.errors import InputError, KGError
from kg.rdf.write import write_atomic


@app.command("triples")
def triples_command(
    source: Annotated[
        Path,
        typer.Option(
            "--open",
            help="Text file with one sentence per line.",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here, not to stdout.")
    ] = None,
    tokenized: Annotated[
        bool,
        typer.Option(
            "--tokenized",
            help="The sentences are already tokenised (split on spaces), as in CaRB.",
        ),
    ] = False,
    model: Annotated[str | None, typer.Option(help="spaCy pipeline to load.")] = None,
) -> None:
    """Open IE: (arg1, relation, arg2, ...) tuples with a confidence, one per clause.

    Each output line is: sentence, confidence, relation, arg1, arg2, ... separated
    by tabs (CaRB's "tabbed" format, scored by carb_score.py).

    Example: kg triples --open sentences.txt --tokenized -o tuples.tsv
    """
    try:
        from spacy.tokens import Doc

        from kg.eval.carb import tabbed
        from kg.nlp import load_pipeline

        lines = _read(source)
        nlp = load_pipeline(model)

        docs = (
            Doc(nlp.vocab, words=line.split()) if tokenized else line for line in lines
        )
        rows = [
            row
            for line, doc in zip(lines, nlp.pipe(docs, batch_size=64), strict=True)
            for row in tabbed(line, doc)
        ]
        text = "".join(f"{row}\n" for row in rows)
        if output is None:
            typer.echo(text, nl=False)
        else:
            write_atomic(output, text.encode("utf-8"))
    except KGError as err:
        fail(err)


def _read(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as err:
        raise InputError(f"{path}: no such file; give a file of sentences") from err
    except UnicodeDecodeError as err:
        raise InputError(
            f"{path}: not UTF-8 (byte {err.start}); convert it with "
            f"`iconv -f latin1 -t utf-8 {path}`"
        ) from err
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        raise InputError(f"{path}: no sentence in the file")
    return lines
