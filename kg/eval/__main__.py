"""``python -m kg.eval [--calibrate]``: one table of extraction quality."""

from __future__ import annotations

import sys

from rich.console import Console
from rich.table import Table

from kg.bench import benchmarks_dir
from kg.eval.own import evaluate_own, write_calibration
from kg.nlp import load_pipeline


def main(argv: list[str]) -> int:
    console = Console()
    nlp = load_pipeline()
    report = evaluate_own(nlp)
    if "--calibrate" in argv:
        write_calibration(report)
        console.print("wrote kg/extract/confidence.json from the own gold")
    table = Table(title="kg extraction quality")
    for column in ("benchmark", "measure", "P", "R", "F1", "notes"):
        table.add_column(
            column, justify="right" if column in {"P", "R", "F1"} else "left"
        )
    events = report.events
    table.add_row(
        "own gold (12 articles)",
        "events",
        *_prf(events),
        f"{events.tp + events.fn} gold events",
    )
    for name, tally in sorted(report.classes.items()):
        table.add_row("", f"  {name}", *_prf(tally), f"{tally.tp + tally.fn} gold")
    table.add_row("", "roles", *_prf(report.roles), "on matched events")
    table.add_row("", "time", *_prf(report.time), "exact value")
    table.add_row("", "sources", *_prf(report.sources), "attributed speakers")
    table.add_row(
        "", "factuality", "", "", f"{100 * report.factuality_accuracy:.1f}", "accuracy"
    )
    shared = benchmarks_dir()
    if not shared.is_dir():
        table.add_row(
            "public benchmarks",
            "—",
            "",
            "",
            "",
            f"{shared} is absent; set KG_BENCHMARKS to the benchmarks folder",
        )
    else:
        from kg.eval.public import public_rows

        for row in public_rows(nlp, shared):
            table.add_row(*row)
    console.print(table)
    return 0


def _prf(tally: object) -> tuple[str, str, str]:
    p = getattr(tally, "precision")  # noqa: B009
    r = getattr(tally, "recall")  # noqa: B009
    f = getattr(tally, "f1")  # noqa: B009
    return f"{100 * p:.1f}", f"{100 * r:.1f}", f"{100 * f:.1f}"


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
