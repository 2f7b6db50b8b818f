from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from spacy.language import Language

from kg.pipeline.options import BuildReport
from kg.pipeline.run import build
from kg.rdf.iri import slug
from kg.rdf.validate import validate
from kg.rdf.vocab import KG
from kg.rdf.write import write_rdf

from ..conftest import SEEDS

pytestmark = pytest.mark.model


def test_rdf_seed_build_conforms_to_shapes(seed_graph: Graph) -> None:
    result = validate(seed_graph)
    assert result.conforms, result.report


def test_rdf_shapes_reject_an_event_without_evidence(seed_graph: Graph) -> None:
    broken = Graph()
    broken += seed_graph
    event = next(iter(broken.subjects(KG.evidence, None)))
    broken.remove((event, KG.evidence, None))
    broken.add((event, KG.confidence, Literal(2)))
    result = validate(broken)
    assert not result.conforms
    assert "evidence" in result.report


@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".trig", ".nq", ".jsonld"])
def test_rdf_build_writes_the_bytes_of_the_rdflib_route(
    tmp_path: Path,
    seed_build: tuple[Dataset, BuildReport],
    nlp: Language,
    suffix: str,
) -> None:
    # kg build writes N-Triples lines made without rdflib; a library user's
    # rdflib Dataset of the same records is written to the same bytes
    built, written = tmp_path / f"built{suffix}", tmp_path / f"rdflib{suffix}"
    build([SEEDS], built, nlp=nlp)
    write_rdf(seed_build[0], written)
    assert built.read_bytes() == written.read_bytes()


def test_rdf_turtle_is_byte_identical_across_builds(
    tmp_path: Path, nlp: Language
) -> None:
    first, second = tmp_path / "a.ttl", tmp_path / "b.ttl"
    build([SEEDS], first, nlp=nlp)
    build([SEEDS], second, nlp=nlp)
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".trig", ".nq", ".jsonld"])
def test_rdf_every_format_round_trips_through_rdflib(
    tmp_path: Path,
    seed_build: tuple[Dataset, BuildReport],
    seed_graph: Graph,
    suffix: str,
) -> None:
    path = tmp_path / f"seeds{suffix}"
    write_rdf(seed_build[0], path)
    if suffix in {".trig", ".nq", ".jsonld"}:
        parsed = Dataset()
        parsed.parse(path)
        merged = Graph()
        for context in parsed.graphs():
            merged += context
        assert len(list(parsed.graphs())) >= 11
    else:
        merged = Graph().parse(path)
    assert isomorphic(merged, seed_graph)


def test_rdf_trig_has_one_named_graph_per_article(
    tmp_path: Path, seed_build: tuple[Dataset, BuildReport]
) -> None:
    path = tmp_path / "seeds.trig"
    write_rdf(seed_build[0], path)
    parsed = Dataset().parse(path, format="trig")
    names = {str(c.identifier) for c in parsed.graphs() if len(c)}
    articles = {n for n in names if "/article/" in n}
    assert len(articles) == seed_build[1].articles


@pytest.mark.skipif(
    shutil.which("rapper") is None,
    reason="rapper (raptor2-utils) is not installed; run `make install`",
)
@pytest.mark.parametrize("suffix,syntax", [(".ttl", "turtle"), (".nt", "ntriples")])
def test_rdf_independent_parser_reads_the_output(
    tmp_path: Path,
    seed_build: tuple[Dataset, BuildReport],
    seed_graph: Graph,
    suffix: str,
    syntax: str,
) -> None:
    path = tmp_path / f"seeds{suffix}"
    write_rdf(seed_build[0], path)
    done = subprocess.run(
        ["rapper", "-i", syntax, "-o", "ntriples", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    reparsed = Graph().parse(data=done.stdout, format="nt")
    assert isomorphic(reparsed, seed_graph)


def test_rdf_derived_view_links_supplier_to_recipient(seed_graph: Graph) -> None:
    north_korea = URIRef("https://w3id.org/kgnews/id/country/north-korea")
    russia = URIRef("https://w3id.org/kgnews/id/country/russia")
    assert (north_korea, KG.supplied, russia) in seed_graph
    assert (russia, KG.supplied, north_korea) not in seed_graph


@given(st.text(max_size=60))
def test_rdf_slug_is_iri_safe_for_any_text(text: str) -> None:
    value = slug(text)
    assert value and all(c.isascii() and (c.isalnum() or c == "-") for c in value)
    assert URIRef(f"https://e.org/{value}").n3()


@given(st.text(min_size=1, max_size=30), st.text(min_size=1, max_size=30))
def test_rdf_slug_distinguishes_different_labels(a: str, b: str) -> None:
    fold = " ".join(a.casefold().split()), " ".join(b.casefold().split())
    if fold[0] != fold[1]:
        assert slug(a) != slug(b)
