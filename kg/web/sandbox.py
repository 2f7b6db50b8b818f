"""Users' SPARQL queries in worker processes that can be stopped.

Oxigraph cannot interrupt a query once it runs, so a query typed into
``/sparql`` runs in a worker process of its own; when it passes the time
limit the worker is killed (the CPU is freed at once) and a fresh one takes
its place. Each worker opens the store read-only itself and opens it again
when the app says the store changed. Workers over a local store or files
have no network at all (:func:`kg.web.guard.cut_network`); workers over a
SPARQL endpoint keep theirs, to reach it.
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
import time
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
    """A query's answer: its media type and bytes, and the seconds it waited
    for a free worker."""

    media: str
    body: bytes
    waited: float = 0.0


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
    """Worker processes answering SPARQL queries for one store.

    ``workers`` processes are kept once started; while they are all busy,
    more are started, up to ``max_workers``, so that a few slow queries do
    not hold up small ones (the OS shares the CPU between them). The extra
    ones stop after ``keep_idle`` seconds without work. Past ``max_workers``
    a query waits for a free worker, at most ``timeout`` seconds.
    """

    def __init__(
        self,
        location: str,
        *,
        data: tuple[Path, ...] = (),
        workers: int = 2,
        max_workers: int = 8,
        timeout: float = 10.0,
        max_rows: int = 10_000,
        keep_idle: float = 60.0,
    ) -> None:
        self.location = location
        self.data = data
        self.workers = workers
        self.max_workers = max(workers, max_workers)
        self.timeout = timeout
        self.max_rows = max_rows
        self.keep_idle = keep_idle
        self._context = multiprocessing.get_context("spawn")
        self._ready = threading.Condition()
        self._idle: list[tuple[_Worker, float]] = []  # last used last
        self._count = 0  # workers alive or starting
        self._all: list[_Worker] = []

    def answer(
        self, query: str, *, generation: int, accept: str, format: str | None
    ) -> Reply:
        """Run ``query`` on the store as of ``generation`` and serialize it.

        Raises:
            RefusedQueryError: As :func:`kg.web.endpoint.run_query`, or 503
                when no worker was free within the time limit.
        """
        asked = time.monotonic()
        worker = self._acquire(asked)
        waited = time.monotonic() - asked
        try:
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
                raise RefusedQueryError(
                    f"The query ran past the {self.timeout:g} s limit and was "
                    "stopped: narrow it (a LIMIT, a VALUES block, fewer "
                    "OPTIONALs), or start kg serve with a longer --timeout.",
                    status=503,
                )
        finally:
            self._release(worker)
        kind, first, second = outcome
        if kind == "ok":
            return Reply(first, second, waited)
        raise RefusedQueryError(second, status=first)

    def close(self) -> None:
        """Stop every worker."""
        with self._ready:
            for worker in self._all:
                worker.stop()
            self._all.clear()
            self._idle.clear()
            self._count = 0

    def _acquire(self, asked: float) -> _Worker:
        with self._ready:
            while True:
                while self._idle:
                    worker, _ = self._idle.pop()
                    if worker.alive():
                        return worker
                    self._count -= 1
                if self._count < self.max_workers:
                    self._count += 1
                    break
                left = asked + self.timeout - time.monotonic()
                if left <= 0:
                    raise RefusedQueryError(
                        f"Every query worker was busy for {self.timeout:g} s "
                        f"({self._count} queries running): try again in a "
                        "moment, or narrow the slow queries.",
                        status=503,
                    )
                self._ready.wait(left)
        try:
            return self._start()
        except BaseException:
            with self._ready:
                self._count -= 1
                self._ready.notify()
            raise

    def _release(self, worker: _Worker) -> None:
        now = time.monotonic()
        with self._ready:
            if worker.alive():
                self._idle.append((worker, now))
            else:
                self._count -= 1
            # workers beyond the kept number stop after keep_idle seconds idle
            while len(self._idle) > self.workers and now - self._idle[0][1] > (
                self.keep_idle
            ):
                stale, _ = self._idle.pop(0)
                stale.stop()
                self._count -= 1
            self._all = [w for w in self._all if w.alive()]
            self._ready.notify()

    def _start(self) -> _Worker:
        mine, theirs = self._context.Pipe()
        offline = not self.location.startswith(("http://", "https://"))
        process = self._context.Process(
            target=_serve_tasks, args=(theirs, offline), name="kg-sparql", daemon=True
        )
        process.start()
        theirs.close()
        worker = _Worker(process, mine)
        with self._ready:
            self._all.append(worker)
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


def _serve_tasks(connection: Connection, offline: bool) -> None:  # pragma: no cover
    """A worker's loop: open the store (again when it changed), say so, answer.

    Ctrl+C in the terminal reaches the whole process group: the server stops
    its workers itself, so they ignore it. An ``offline`` worker first takes
    itself off the network.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from kg.store import open_store
    from kg.web.endpoint import negotiate, run_query, serialize
    from kg.web.guard import cut_network

    if offline:
        cut_network()

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
