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

import contextlib
import ctypes
import gc
import logging
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
# Waits between tries to reopen a store a build is compacting (None: give up).
_REOPEN_WAITS = (0.1, 0.3, 0.6, None)
_log = logging.getLogger(__name__)


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
                self._reopen(signature)
            return self._snapshot

    def answer(self, work: Callable[[], T]) -> T:
        """``work()``, run once more on a fresh opening when the files of the
        current one vanished under it (a build compacted the store)."""
        try:
            return work()
        except OSError as err:
            if self._folder is None or not _vanished(err):
                raise
            _log.info("store files changed under a request (%s): reopening", err)
            with self._lock:
                self._checked = time.monotonic()
                self._reopen(self._files(), force=True)
            return work()

    def _reopen(
        self, signature: tuple[tuple[str, int, int], ...], *, force: bool = False
    ) -> None:
        """Open the store again (a few tries: a build may be compacting it),
        keeping the last opening when it cannot be opened now; then hand the
        old opening's memory back."""
        for wait in _REOPEN_WAITS:
            try:
                store = open_store(self.location)
                break
            except InputError:  # caught mid-write or mid-compaction
                if wait is None:
                    if force:
                        raise
                    return
                time.sleep(wait)
                signature = self._files()
        self._signature = signature
        old = self._snapshot
        self._snapshot = Snapshot(store, old.generation + 1)
        # values made from older openings hold nothing the new one needs
        self._cache = {
            name: kept
            for name, kept in self._cache.items()
            if kept[0] >= old.generation
        }
        del old
        _release_memory()

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


def _vanished(err: OSError) -> bool:
    """True for RocksDB's errors about files a compaction removed."""
    text = str(err)
    return "No such file" in text or "Corruption" in text or "IO error" in text


def _release_memory() -> None:
    """Collect the dropped opening now and give freed heap back to the system
    (glibc keeps it otherwise, and a long-running server grows with reloads)."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):  # not glibc
        ctypes.CDLL("libc.so.6").malloc_trim(0)
