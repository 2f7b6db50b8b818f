"""Executors: one per option, behind one signature."""

from __future__ import annotations

from kg.pipeline.executors import EXECUTORS, executor_for
from kg.pipeline.options import BuildOptions


def test_executors_one_per_option() -> None:
    assert executor_for(BuildOptions()) is EXECUTORS["serial"]
    assert executor_for(BuildOptions(workers=2)) is EXECUTORS["processes"]
    assert executor_for(BuildOptions(dask="tcp://x:1")) is EXECUTORS["dask"]
