"""``python -m kg.eval [--calibrate]``: one table of extraction quality."""

from __future__ import annotations

import sys

from rich.console import Console
from rich.table import Table

from kg.bench import benchmarks_dir
from kg.eval.gold import Tally
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
    shared = benchmarks_dir().parent
    if not benchmarks_dir().is_dir():
        table.add_row(
            "public benchmarks",
            "—",
            "",
            "",
            "",
            f"{benchmarks_dir()} is absent; set KG_BENCHMARKS to the benchmarks "
            "folder to score CaRB, BenchIE and WiRe57",
        )
    else:
        from kg.eval.public import public_rows

        for row in public_rows(nlp, shared):
            table.add_row(*row)
    console.print(table)
    return 0


def _prf(tally: Tally) -> tuple[str, str, str]:
    return (
        f"{100 * tally.precision:.1f}",
        f"{100 * tally.recall:.1f}",
        f"{100 * tally.f1:.1f}",
    )


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
