"""Real SPARQL servers on loopback, started for the tests and benchmarks.

:func:`oxigraph` runs ``oxigraph serve`` (dataset base URL: queries at
``URL/query``, updates at ``URL/update``); :func:`virtuoso` runs OpenLink
Virtuoso's ``virtuoso-t`` with its own ``virtuoso.ini`` and database in a
folder (URL ``http://127.0.0.1:PORT/sparql``), the SPARQL user granted
updates. Both stop when the ``with`` block ends.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Server", "free_port", "oxigraph", "virtuoso", "virtuoso_missing"]

VIRTUOSO = shutil.which("virtuoso-t") or "/usr/bin/virtuoso-t"
ISQL = shutil.which("isql-vt") or "/usr/bin/isql-vt"
_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
[Parameters]
ServerPort = {sql_port}
DisableUnixSocket = 1
CheckpointInterval = 60
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = .
[HTTPServer]
ServerPort = {http_port}
ServerRoot = {dir}
ServerThreads = 4
MaxClientConnections = 4
[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryExecutionTime = {max_seconds}
"""


@dataclass
class Server:
    """A running server: its process, the URL kg is given, how to restart it."""

    process: subprocess.Popen[bytes]
    url: str
    command: list[str]
    probe: str
    cwd: Path | None = None
    sql_port: int | None = None

    def isql(self, statement: str) -> None:
        """Run an SQL statement as Virtuoso's dba (a Virtuoso server only)."""
        assert self.sql_port is not None, "not a Virtuoso server"
        subprocess.run(
            [ISQL, str(self.sql_port), "dba", "dba", f"exec={statement}"],
            check=True,
            capture_output=True,
            timeout=60,
        )

    def kill(self) -> None:
        """Kill it at once (no clean shutdown)."""
        self.process.kill()
        self.process.wait(timeout=30)

    def start(self) -> None:
        """Start it again on the same data and port (once it has stopped: the
        probe would otherwise be answered by the running one)."""
        if self.process.poll() is None:
            raise RuntimeError(f"{self.command[0]} is still running")
        self.process = _spawn(self.command, self.probe, cwd=self.cwd)

    def stop(self) -> None:
        """Stop it (terminate, then kill if it lingers)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


def free_port() -> int:
    """A TCP port free on loopback now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def virtuoso_missing() -> str | None:
    """Why Virtuoso cannot be started here, or None."""
    for binary in (VIRTUOSO, ISQL):
        if not Path(binary).is_file():
            return (
                f"{binary} is missing: run `make install` (it installs the Debian "
                "package virtuoso-opensource) to test kg against Virtuoso."
            )
    return None


@contextmanager
def oxigraph(folder: Path) -> Iterator[Server]:
    """``oxigraph serve`` on a free port, its store in ``folder``."""
    binary = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    port = free_port()
    command = [
        binary,
        "serve",
        "--location",
        str(folder),
        "--bind",
        f"127.0.0.1:{port}",
    ]
    url = f"http://127.0.0.1:{port}"
    probe = f"{url}/query?query=ASK%7B%7D"
    server = Server(_spawn(command, probe), url, command, probe)
    try:
        yield server
    finally:
        server.stop()


@contextmanager
def virtuoso(
    folder: Path, *, max_rows: int = 10_000_000, max_seconds: int = 600
) -> Iterator[Server]:
    """Virtuoso on free ports, its database in ``folder``, answers cut at
    ``max_rows`` rows or ``max_seconds`` seconds; the SPARQL user may update
    (``GRANT SPARQL_UPDATE TO "SPARQL"`` through isql)."""
    missing = virtuoso_missing()
    if missing:
        raise RuntimeError(missing)
    folder.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(
        _INI.format(
            dir=folder,
            sql_port=sql_port,
            http_port=http_port,
            max_rows=max_rows,
            max_seconds=max_seconds,
        ),
        encoding="utf-8",
    )
    command = [VIRTUOSO, "+foreground", "+configfile", str(ini)]
    url = f"http://127.0.0.1:{http_port}/sparql"
    probe = f"{url}?query=ASK%7B%7D"
    process = _spawn(command, probe, cwd=folder)
    server = Server(process, url, command, probe, folder, sql_port)
    try:
        server.isql('GRANT SPARQL_UPDATE TO "SPARQL";')
        yield server
    finally:
        server.stop()


def _spawn(
    command: list[str], probe: str, *, cwd: Path | None = None
) -> subprocess.Popen[bytes]:
    """Start ``command`` and wait until ``probe`` answers (up to a minute)."""
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{command[0]} exited with status {process.returncode}")
        try:
            urllib.request.urlopen(probe, timeout=2).read()
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    process.wait(timeout=30)
    raise RuntimeError(f"{command[0]} did not answer at {probe} within a minute")
