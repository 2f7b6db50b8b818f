"""Loading the RDF that kg build wrote: every format, and every way it can fail."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset

from kg.errors import InputError
from kg.pipeline.options import BuildReport
from kg.rdf.write import write_rdf
from kg.store.local import RDF_SUFFIXES, load_data
from kg.store.sparql import select


@pytest.mark.model
@pytest.mark.parametrize("suffix", sorted(RDF_SUFFIXES))
def test_store_loads_every_format_kg_writes(
    suffix: str, seed_build: tuple[Dataset, BuildReport], tmp_path: Path
) -> None:
    path = tmp_path / f"seeds{suffix}"
    write_rdf(seed_build[0], path)
    store = load_data([path])
    # Entities described in several articles appear once per named graph.
    distinct = "SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } }"
    rows = select(store, distinct)
    assert int(next(iter(rows))["n"].value) == seed_build[1].triples


def test_store_loads_a_folder_of_files(tmp_path: Path) -> None:
    (tmp_path / "a.nt").write_text("<http://x/a> <http://x/p> <http://x/b> .\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.ttl").write_text("<http://x/c> <http://x/p> 'd' .\n")
    (tmp_path / "notes.txt").write_text("not RDF")
    assert len(load_data([tmp_path])) == 2


def test_store_missing_file_names_it(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nope\.ttl: no such file or folder"):
        load_data([tmp_path / "nope.ttl"])


def test_store_unknown_extension_lists_the_formats(tmp_path: Path) -> None:
    path = tmp_path / "graph.rdfx"
    path.write_text("x")
    with pytest.raises(
        InputError, match=r"graph\.rdfx: unknown RDF format '\.rdfx'.*\.ttl"
    ):
        load_data([path])


def test_store_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.ttl"
    path.write_text("<http://x/a> <http://x/p> <http://x/b> .\n<http://x/a> <oops\n")
    with pytest.raises(InputError, match=r"broken\.ttl: not valid Turtle.*line 2"):
        load_data([path])


def test_store_folder_without_rdf_says_how_to_make_some(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"holds no RDF file.*kg build"):
        load_data([tmp_path])


def test_store_no_paths_is_an_error() -> None:
    with pytest.raises(InputError, match="--data"):
        load_data([])


def test_store_select_refuses_ask() -> None:
    with pytest.raises(TypeError, match="SELECT"):
        select(ox.Store(), "ASK { ?s ?p ?o }")
