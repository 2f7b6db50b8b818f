"""Executors: the read-ahead thread hands over items, errors and early stops."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from kg.pipeline.executors import EXECUTORS, executor_for, read_ahead
from kg.pipeline.options import BuildOptions


def test_executors_read_ahead_keeps_order() -> None:
    assert list(read_ahead(iter(range(100)), depth=3)) == list(range(100))


def test_executors_read_ahead_raises_the_producers_error() -> None:
    def broken() -> Iterator[int]:
        yield 1
        raise ValueError("parser failed")

    got: list[int] = []
    with pytest.raises(ValueError, match="parser failed"):
        for item in read_ahead(broken(), depth=2):
            got.append(item)
    assert got == [1]


def test_executors_read_ahead_stops_the_producer_when_the_consumer_stops() -> None:
    produced: list[int] = []

    def endless() -> Iterator[int]:
        n = 0
        while True:
            produced.append(n)
            yield n
            n += 1

    before = threading.active_count()
    stream = read_ahead(endless(), depth=2)
    assert next(stream) == 0
    stream.close()
    deadline = time.monotonic() + 5
    while threading.active_count() > before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert threading.active_count() == before
    assert len(produced) <= 5


def test_executors_one_per_option() -> None:
    assert executor_for(BuildOptions()) is EXECUTORS["serial"]
    assert executor_for(BuildOptions(workers=2)) is EXECUTORS["processes"]
    assert executor_for(BuildOptions(dask="tcp://x:1")) is EXECUTORS["dask"]
