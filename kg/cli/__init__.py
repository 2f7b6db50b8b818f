"""The kg command line: a thin layer over the library.

One module per command group; each registers its commands on :data:`app`.
"""

from kg.cli import (  # noqa: F401  (registers commands)
    building,
    exploring,
    opentriples,
    querying,
    serving,
)
from kg.cli.app import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_SKIPPED,
    EXIT_USAGE,
    app,
)

__all__ = ["EXIT_FAILED", "EXIT_INTERRUPTED", "EXIT_SKIPPED", "EXIT_USAGE", "app"]
