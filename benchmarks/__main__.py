"""``python -m kg.eval.shared [SUITE ...]``: run benchmarks (default: all of SUITES)."""

from __future__ import annotations

import sys

from benchmarks import memory, network_scale, reads, throughput

SUITES = {
    "throughput": throughput.main,
    "memory": memory.main,
    "graph": network_scale.main,
    "store": reads.main,
}


def main(argv: list[str]) -> int:
    chosen = argv or list(SUITES)
    unknown = [name for name in chosen if name not in SUITES]
    if unknown:
        print(f"unknown benchmark {unknown[0]!r}; choose from: {', '.join(SUITES)}")
        return 2
    status = 0
    for name in chosen:
        print(f"== {name}")
        status |= SUITES[name]()
    return status


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
