"""A store as the web app reads it: read-only, reopened when a build changed it.

A local store folder is opened read-only, which sees the store as it was when
opened. :meth:`LiveStore.current` checks (at most once a second) whether the
folder's files changed since, and opens it again if so: pages show the
articles a running ``kg build`` has added on the next reload. A SPARQL
endpoint or RDF files are read as they are.

What is slow to read and often needed, the entity directory behind search
and suggestions, is kept per opening and rebuilt only after the store changed.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar, cast

from kg.errors import InputError
from kg.store import Store, open_store
from kg.store.entities import read_nodes
from kg.web.directory import Directory

__all__ = ["LiveStore", "Snapshot"]

T = TypeVar("T")

# Seconds between two looks at the folder's files.
_CHECK_EVERY = 1.0


@dataclass(frozen=True)
class Snapshot:
    """One opening of the store; ``generation`` counts the openings."""

    store: Store
    generation: int


class LiveStore:
    """The read-only store of ``kg serve``.

    Args:
        location: A store folder or a SPARQL endpoint URL.
        data: RDF files to load into memory instead (``--data``).

    Raises:
        InputError: There is no store at ``location``.
    """

    def __init__(self, location: str | Path, *, data: tuple[Path, ...] = ()) -> None:
        self.location = str(location)
        self.data = data
        self._lock = threading.Lock()
        self._snapshot = Snapshot(open_store(self.location, data=data), 0)
        folder = self._snapshot.store.kind == "folder"
        self._folder = Path(self.location) if folder else None
        self._signature = self._files()
        self._checked = time.monotonic()
        self._cache: dict[str, tuple[int, object]] = {}
        self._making: dict[str, threading.Lock] = {}

    def current(self) -> Snapshot:
        """The newest opening of the store (reopened when its files changed)."""
        if self._folder is None:
            return self._snapshot
        now = time.monotonic()
        with self._lock:
            if now - self._checked < _CHECK_EVERY:
                return self._snapshot
            self._checked = now
            signature = self._files()
            if signature != self._signature:
                try:
                    store = open_store(self.location)
                except InputError:  # caught mid-write: keep the last opening
                    return self._snapshot
                self._signature = signature
                self._snapshot = Snapshot(store, self._snapshot.generation + 1)
            return self._snapshot

    def directory(self) -> Directory:
        """Every entity by name and alias, read once per opening of the store."""
        return self.cached("directory", lambda store: Directory.of(read_nodes(store)))

    def cached(self, name: str, make: Callable[[Store], T]) -> T:
        """``make(store)``, kept under ``name`` until the store changes.

        One request at a time makes it; while one does, the others use the
        value made for the previous opening, if there is one.
        """
        snapshot = self.current()
        with self._lock:
            kept = self._cache.get(name)
            if kept is not None and kept[0] == snapshot.generation:
                return cast(T, kept[1])
            making = self._making.setdefault(name, threading.Lock())
        if not making.acquire(blocking=kept is None):
            return cast(T, kept[1]) if kept is not None else make(snapshot.store)
        try:
            with self._lock:
                done = self._cache.get(name)
            if done is not None and done[0] == snapshot.generation:
                return cast(T, done[1])  # made while this request waited
            value = make(snapshot.store)
            with self._lock:
                self._cache[name] = (snapshot.generation, value)
            return value
        finally:
            making.release()

    def _files(self) -> tuple[tuple[str, int, int], ...]:
        """Name, size and modification time of the folder's files."""
        if self._folder is None:
            return ()
        found = []
        for path in sorted(self._folder.iterdir()):
            try:
                stat = path.stat()
            except FileNotFoundError:  # compacted away while listing
                continue
            found.append((path.name, stat.st_size, stat.st_mtime_ns))
        return tuple(found)
