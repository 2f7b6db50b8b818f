"""The web package's pure parts: marks in text, formats, search order."""

from __future__ import annotations

import pytest

from kg.errors import ParameterError, RefusedQueryError
from kg.records import Node
from kg.web.directory import Directory
from kg.web.endpoint import negotiate
from kg.web.filters import Filters
from kg.web.reader import Span, segments


def test_segments_keep_overlapping_marks() -> None:
    text = "Russia fired missiles provided by North Korea"
    spans = [
        Span(7, 12, "trigger", 0),
        Span(13, 45, "theme", 0),  # "missiles provided by North Korea"
        Span(22, 30, "trigger", 1),
        Span(34, 45, "agent", 1),
    ]
    cut = segments(text, spans)
    assert "".join(s.text for s in cut) == text
    marked = {s.text: s.kinds for s in cut if s.kinds}
    assert marked["provided"] == ("theme", "trigger")
    assert marked["North Korea"] == ("agent", "theme")
    assert marked["fired"] == ("trigger",)


def test_segments_without_spans_is_the_text() -> None:
    assert [s.text for s in segments("plain", [])] == ["plain"]


@pytest.mark.parametrize(
    ("kind", "accept", "name", "media"),
    [
        ("solutions", "", None, "application/sparql-results+json"),
        ("solutions", "text/csv;q=0.5, application/sparql-results+xml", None,
         "application/sparql-results+xml"),
        ("solutions", "text/html, */*;q=0.8", None, "application/sparql-results+json"),
        ("solutions", "", "tsv", "text/tab-separated-values"),
        ("graph", "application/n-triples", None, "application/n-triples"),
        ("graph", "application/sparql-results+json", None, "text/turtle"),
        ("boolean", "text/csv", None, "text/csv"),
    ],
)  # fmt: skip
def test_negotiate(kind: str, accept: str, name: str | None, media: str) -> None:
    assert negotiate(kind, accept, name) == media


def test_negotiate_refuses_an_unknown_format() -> None:
    with pytest.raises(RefusedQueryError, match="choose one of"):
        negotiate("graph", "", "csv")


def test_directory_ranks_whole_names_then_mentions() -> None:
    nodes = [
        Node("http://x/country/korea", "Korea", "Country", (), 1),
        Node("http://x/country/north-korea", "North Korea", "Country", ("DPRK",), 9),
        Node("http://x/person/kim", "Kim Korea", "Person", (), 50),
    ]
    directory = Directory.of({n.iri: n for n in nodes})
    found = [m.node.label for m in directory.search("korea")]
    assert found == ["Korea", "Kim Korea", "North Korea"]
    assert [m.node.label for m in directory.search("KOR", kind="Country")] == [
        "Korea",
        "North Korea",
    ]
    assert directory.search("  ") == []


def test_filters_without_time_drop_undated_only_when_asked() -> None:
    assert Filters().keeps("Supply", None, "asserted")
    assert not Filters(start="2024").keeps("Supply", None, "asserted")
    assert Filters(end="2024-02").keeps("Supply", "2024-01-30/2024-03-01", "asserted")
    with pytest.raises(ParameterError, match="given 2 times"):
        Filters.parse({"from": ["2024", "2025"]})


def test_filters_accept_a_range_inside_one_month() -> None:
    assert (
        Filters.parse({"from": ["2024-03-15"], "to": ["2024-03"]}).start == "2024-03-15"
    )
    assert Filters.parse({"from": ["2024-05"], "to": ["2024"]}).end == "2024"
    with pytest.raises(ParameterError, match="swap them"):
        Filters.parse({"from": ["2024-04"], "to": ["2024-03"]})


def test_search_never_puts_an_unmentioned_name_before_a_mentioned_one() -> None:
    base = "https://w3id.org/kgnews/id/person/"
    nodes = [
        Node(base + "brown", "Brown", "Person", (), 0),
        Node(base + "gordon-brown", "Gordon Brown", "Person", ("Brown",), 243),
        Node(base + "james-brown", "James Brown", "Person", (), 4),
    ]
    found = Directory.of({n.iri: n for n in nodes}).search("brown")
    assert [m.node.label for m in found] == ["Gordon Brown", "James Brown", "Brown"]
