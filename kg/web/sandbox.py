"""Users' SPARQL queries in worker processes that can be stopped.

Oxigraph cannot interrupt a query once it runs, so a query typed into
``/sparql`` runs in a worker process of its own; when it passes the time
limit the worker is killed (the CPU is freed at once) and a fresh one takes
its place. Each worker opens the store read-only itself and opens it again
when the app says the store changed.
"""

from __future__ import annotations

import multiprocessing
import queue
import signal
import threading
import traceback
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.context import SpawnProcess
from pathlib import Path
from typing import Any, cast

from kg.errors import RefusedQueryError

__all__ = ["QueryPool", "Reply"]

# Seconds a worker may take to start and open the store before a query.
_OPENING = 300.0


@dataclass(frozen=True, slots=True)
class Reply:
    """A query's answer: its media type and bytes."""

    media: str
    body: bytes


@dataclass(frozen=True, slots=True)
class _Task:
    location: str
    data: tuple[Path, ...]
    generation: int
    query: str
    accept: str
    format: str | None
    max_rows: int


class QueryPool:
    """``workers`` processes answering SPARQL queries for one store."""

    def __init__(
        self,
        location: str,
        *,
        data: tuple[Path, ...] = (),
        workers: int = 2,
        timeout: float = 10.0,
        max_rows: int = 10_000,
    ) -> None:
        self.location = location
        self.data = data
        self.timeout = timeout
        self.max_rows = max_rows
        self._context = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker | None] = queue.Queue()
        self._lock = threading.Lock()
        self._all: list[_Worker] = []
        for _ in range(workers):
            self._idle.put(None)  # a slot: its worker starts on first use

    def answer(
        self, query: str, *, generation: int, accept: str, format: str | None
    ) -> Reply:
        """Run ``query`` on the store as of ``generation`` and serialize it.

        Raises:
            RefusedQueryError: As :func:`kg.web.endpoint.run_query`, or 503
                when every worker is busy past the time limit.
        """
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise RefusedQueryError(
                "Every query worker is busy: try again in a moment.", status=503
            ) from None
        try:
            if worker is None or not worker.alive():
                worker = self._start()
            task = _Task(
                self.location,
                self.data,
                generation,
                query,
                accept,
                format,
                self.max_rows,
            )
            outcome = worker.run(task, self.timeout)
            if outcome is None:  # past the limit: the worker is killed
                worker.stop()
                worker = None
                raise RefusedQueryError(
                    f"The query ran past the {self.timeout:g} s limit and was "
                    "stopped: narrow it (a LIMIT, a VALUES block, fewer "
                    "OPTIONALs), or start kg serve with a longer --timeout.",
                    status=503,
                )
        finally:
            self._idle.put(worker)
        kind, first, second = outcome
        if kind == "ok":
            return Reply(first, second)
        raise RefusedQueryError(second, status=first)

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            for worker in self._all:
                worker.stop()
            self._all.clear()

    def _start(self) -> _Worker:
        mine, theirs = self._context.Pipe()
        process = self._context.Process(
            target=_serve_tasks, args=(theirs,), name="kg-sparql", daemon=True
        )
        process.start()
        theirs.close()
        worker = _Worker(process, mine)
        with self._lock:
            self._all = [w for w in self._all if w.alive()] + [worker]
        return worker


@dataclass
class _Worker:
    process: SpawnProcess
    connection: Connection

    def alive(self) -> bool:
        return self.process.is_alive()

    def run(self, task: _Task, timeout: float) -> tuple[str, Any, Any] | None:
        """The task's outcome, or None past ``timeout`` seconds of querying
        (opening the store first, e.g. loading --data files, is not counted)."""
        self.connection.send(task)
        try:
            if not self.connection.poll(_OPENING):
                return ("refused", 503, "The query worker could not open the store.")
            opened = self.connection.recv()
            if opened[0] != "opened":
                return cast(tuple[str, Any, Any], opened)
            if not self.connection.poll(timeout):
                return None
            outcome: tuple[str, Any, Any] = self.connection.recv()
        except EOFError:  # the worker died (out of memory, killed)
            return ("refused", 500, "The query worker stopped unexpectedly.")
        return outcome

    def stop(self) -> None:
        self.process.kill()
        self.process.join(timeout=5)
        self.connection.close()


def _serve_tasks(connection: Connection) -> None:  # pragma: no cover (a child)
    """A worker's loop: open the store (again when it changed), say so, answer.

    Ctrl+C in the terminal reaches the whole process group: the server stops
    its workers itself, so they ignore it.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from kg.store import open_store
    from kg.web.endpoint import negotiate, run_query, serialize

    opened: tuple[int, Any] | None = None
    while True:
        try:
            task: _Task = connection.recv()
        except EOFError:
            return
        try:
            if opened is None or opened[0] != task.generation:
                opened = (task.generation, open_store(task.location, data=task.data))
        except Exception as err:
            traceback.print_exc()
            connection.send(("refused", 503, f"The store could not be opened: {err}"))
            continue
        connection.send(("opened", None, None))
        try:
            answer = run_query(opened[1], task.query, max_rows=task.max_rows)
            media = negotiate(answer.kind, task.accept, task.format)
            connection.send(("ok", media, serialize(answer, media)))
        except RefusedQueryError as err:
            connection.send(("refused", err.status, str(err)))
        except Exception as err:
            traceback.print_exc()  # the server's stderr: the details for a bug report
            connection.send(("refused", 500, f"The query failed: {err}"))
