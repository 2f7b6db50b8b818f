"""``python -m benchmarks [SUITE ...]``: run benchmarks (default: all of SUITES
but the slow ones run on demand, ON_DEMAND)."""

from __future__ import annotations

import sys

from benchmarks import (
    memory,
    network_scale,
    reloads,
    remote,
    scale,
    throughput,
    web,
    writes,
)

SUITES = {
    "throughput": throughput.main,
    "memory": memory.main,
    "graph": network_scale.main,
    "store": writes.main,
    "scale": scale.main,
    "scale-synthetic": scale.synthetic,
    "web": web.main,
    "reloads": reloads.main,
    "remote": remote.main,
}
# Run only when named (`make bench-scale`), never by a bare `make bench`.
ON_DEMAND = frozenset({"scale-synthetic"})


def main(argv: list[str]) -> int:
    chosen = argv or [name for name in SUITES if name not in ON_DEMAND]
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
