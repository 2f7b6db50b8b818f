"""SPARQL over the seeds: canned queries, parameters, formats and errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from kg.errors import QueryError, UnknownEntityError
from kg.query import (
    QUERIES_DIR,
    CannedQuery,
    ResultFormat,
    canned_queries,
    parse_params,
    render,
    resolve_query,
    run_query,
    table_rows,
)

# A value for every declared parameter, to run each canned query on the seeds.
PARAMS = {"entity": "North Korea", "source": "John Kirby"}


def _rows(store: ox.Store, name: str, **params: str) -> list[dict[str, str]]:
    result = run_query(store, resolve_query(name), params)
    assert isinstance(result, ox.QuerySolutions)
    columns, rows, _ = table_rows(result)
    return [dict(zip(columns, row, strict=True)) for row in rows]


def test_query_canned_queries_have_descriptions() -> None:
    canned = canned_queries()
    assert {
        "who-supplied-whom",
        "events-of",
        "timeline",
        "claims-by",
        "aliases",
    } <= set(canned)
    for query in canned.values():
        assert query.description.endswith("."), query.name


# merged-events reads a store's merged graph: tests/test_persist.py runs it on one.
@pytest.mark.model
@pytest.mark.parametrize(
    "path",
    sorted(p for p in QUERIES_DIR.glob("*.rq") if p.stem != "merged-events"),
    ids=lambda p: p.stem,
)
def test_query_every_canned_query_runs_on_the_seeds(
    path: Path, seed_store: ox.Store
) -> None:
    query = resolve_query(path.stem)
    params = {p.name: PARAMS[p.name] for p in query.params if p.required}
    rows = _rows(seed_store, path.stem, **params)
    assert rows, f"{path.stem} returned nothing on the seeds"


class _WithoutLateral:
    """A store that says it lacks LATERAL (as Virtuoso does): kg sends it
    the SPARQL 1.1 form of a canned query."""

    lateral = False

    def __init__(self, store: ox.Store) -> None:
        self.backend = store

    def query(self, query: str, **options: Any) -> Any:
        return self.backend.query(query, **options)

    def update(self, update: str) -> None:
        self.backend.update(update)


@pytest.mark.model
@pytest.mark.parametrize(
    "name", sorted(n for n, q in canned_queries().items() if q.plain), ids=str
)
@pytest.mark.parametrize("factuality", ["asserted", "any"])
def test_query_sparql11_forms_answer_as_the_lateral_ones(
    name: str, factuality: str, seed_store: ox.Store
) -> None:
    query = canned_queries()[name]
    assert query.plain is not None
    code = [line for line in query.plain.splitlines() if not line.startswith("#")]
    assert "LATERAL" not in "\n".join(code).upper()
    assert "LATERAL" in query.text
    params = {p.name: PARAMS[p.name] for p in query.params if p.required}
    params["factuality"] = factuality
    lateral = sorted(map(str, _rows(seed_store, name, **params)))
    plain = _rows(_WithoutLateral(seed_store), name, **params)  # type: ignore[arg-type]
    assert lateral, f"{name} returned nothing on the seeds"
    assert sorted(map(str, plain)) == lateral


@pytest.mark.model
def test_query_who_supplied_whom_has_north_korea_missiles_russia(
    seed_store: ox.Store,
) -> None:
    rows = _rows(seed_store, "who-supplied-whom")
    assert list(rows[0]) == [
        "supplier",
        "item",
        "recipient",
        "time",
        "factuality",
        "evidence",
        "article",
    ]
    hits = [
        r
        for r in rows
        if (r["supplier"], r["item"], r["recipient"])
        == ("North Korea", "ballistic missile", "Russia")
    ]
    assert hits
    assert any(
        "provided Russia with a ballistic missile launcher" in r["evidence"]
        for r in hits
    )
    assert {r["factuality"] for r in hits} == {"asserted"}


@pytest.mark.model
def test_query_events_of_resolves_aliases(seed_store: ox.Store) -> None:
    by_alias = _rows(seed_store, "events-of", entity="DPRK")
    by_label = _rows(seed_store, "events-of", entity="north korea")
    assert by_alias == by_label
    supplies = [r for r in by_alias if r["class"] == "Supply"]
    assert supplies and all(r["role"] == "agent" for r in supplies)
    assert any("recipient: Russia" in r["participants"] for r in supplies)
    assert {r["entity"] for r in by_alias} == {"country:north-korea"}


@pytest.mark.model
def test_query_timeline_is_in_date_order(seed_store: ox.Store) -> None:
    rows = _rows(seed_store, "timeline", entity="Russia")
    dates = [r["date"] for r in rows]
    assert dates == sorted(dates)
    assert {r["dated_by"] for r in rows} == {"event", "article"}
    october = [r for r in rows if r["date"] == "2023-10" and r["class"] == "Supply"]
    assert any("agent: North Korea" in r["participants"] for r in october)


@pytest.mark.model
def test_query_claims_by_lists_what_kirby_asserted(seed_store: ox.Store) -> None:
    rows = _rows(seed_store, "claims-by", source="Kirby")
    assert {r["source"] for r in rows} == {"person:john-kirby"}
    assert any(
        r["class"] == "Supply"
        and "agent: North Korea" in r["participants"]
        and "recipient: Russia" in r["participants"]
        for r in rows
    )


@pytest.mark.model
def test_query_aliases_with_and_without_entity(seed_store: ox.Store) -> None:
    one = _rows(seed_store, "aliases", entity="DPRK")
    assert len(one) == 1 and one[0]["label"] == "North Korea"
    assert {"DPRK", "North Korean"} <= set(one[0]["aliases"].split(" | "))
    everything = _rows(seed_store, "aliases")
    assert len(everything) > 50
    assert "Russia" in {r["label"] for r in everything}


@pytest.mark.model
def test_query_entity_parameter_cannot_inject_sparql(seed_store: ox.Store) -> None:
    with pytest.raises(UnknownEntityError, match="No entity named"):
        _rows(seed_store, "events-of", entity='Russia" } UNION { ?s ?p ?o')


def test_query_literal_parameter_binds_as_a_value() -> None:
    hostile = 'x" . } ; DROP ALL ; SELECT * { "'
    query = resolve_query("SELECT ?v ?w WHERE { BIND (STRLEN(?v) AS ?w) }")
    result = run_query(ox.Store(), query, {"v": hostile})
    assert isinstance(result, ox.QuerySolutions)
    [row] = list(result)
    assert row["v"].value == hostile and int(row["w"].value) == len(hostile)


def test_query_iri_parameter_in_angle_brackets() -> None:
    query = resolve_query("SELECT ?v WHERE {}")
    result = run_query(ox.Store(), query, {"v": "<http://example.org/a>"})
    assert isinstance(result, ox.QuerySolutions)
    assert next(iter(result))["v"] == ox.NamedNode("http://example.org/a")


def test_query_syntax_error_names_line_and_column() -> None:
    query = resolve_query("SELECT ?x WHERE {\n  ?x ?y\n}")
    with pytest.raises(QueryError, match=r"line 3, column \d+: expected") as info:
        run_query(ox.Store(), query)
    assert "^" in str(info.value)


def test_query_unknown_canned_name_suggests() -> None:
    with pytest.raises(
        QueryError, match=r"Unknown canned query 'who-supplied'.*who-supplied-whom"
    ):
        resolve_query("who-supplied")


def test_query_long_inline_query_is_not_taken_for_a_file() -> None:
    """Inline SPARQL longer than a file name may be is still inline SPARQL."""
    query = "SELECT ?e WHERE { ?e a kg:Person " + "FILTER (?e != <urn:x>) " * 20 + "}"
    assert len(query) > 255
    assert resolve_query(query).name == "inline query"


def test_query_missing_rq_file() -> None:
    with pytest.raises(QueryError, match=r"nothere\.rq: no such query file"):
        resolve_query("nothere.rq")


def test_query_rq_file_with_declared_parameter(tmp_path: Path) -> None:
    path = tmp_path / "mine.rq"
    path.write_text("# Mine.\n# @param word: a word\nSELECT ?word WHERE {}\n")
    query = resolve_query(str(path))
    assert query.description == "Mine." and query.params[0].name == "word"
    with pytest.raises(QueryError, match="needs --param word=VALUE"):
        run_query(ox.Store(), query)


def test_query_unknown_parameter_lists_the_known_ones() -> None:
    query = resolve_query("aliases")
    with pytest.raises(QueryError, match="has no parameter 'who'; it takes: entity"):
        run_query(ox.Store(), query, {"who": "x"})


def test_query_bad_param_syntax() -> None:
    with pytest.raises(QueryError, match="write NAME=VALUE"):
        parse_params(["entity"])
    assert parse_params(["entity=North Korea", "x = 1"]) == {
        "entity": "North Korea",
        "x": "1",
    }


def _store() -> ox.Store:
    store = ox.Store()
    store.add(
        ox.Quad(ox.NamedNode("http://x/a"), ox.NamedNode("http://x/p"), ox.Literal("v"))
    )
    return store


@pytest.mark.parametrize(
    ("fmt", "start"),
    [
        (ResultFormat.JSON, b'{"head":{"vars":["s","o"]}'),
        (ResultFormat.CSV, b"s,o\r\nhttp://x/a,v"),
        (ResultFormat.TSV, b'?s\t?o\n<http://x/a>\t"v"'),
    ],
)
def test_query_render_select(fmt: ResultFormat, start: bytes) -> None:
    result = run_query(_store(), CannedQuery.parse("q", "SELECT ?s ?o { ?s ?p ?o }"))
    assert render(result, fmt).startswith(start)


def test_query_render_ask_as_json() -> None:
    result = run_query(_store(), CannedQuery.parse("q", "ASK { ?s ?p 'v' }"))
    assert json.loads(render(result, ResultFormat.JSON)) == {
        "head": {},
        "boolean": True,
    }


def test_query_render_construct_as_turtle() -> None:
    query = CannedQuery.parse("q", "CONSTRUCT { ?s rdfs:label ?o } WHERE { ?s ?p ?o }")
    text = render(run_query(_store(), query), ResultFormat.TTL).decode()
    assert "rdfs:label" in text and "@prefix rdfs:" in text


def test_query_render_refuses_a_format_that_does_not_fit() -> None:
    select = run_query(_store(), CannedQuery.parse("q", "SELECT * { ?s ?p ?o }"))
    with pytest.raises(QueryError, match="SELECT and ASK give a table; --format ttl"):
        render(select, ResultFormat.TTL)
    construct = run_query(
        _store(), CannedQuery.parse("q", "CONSTRUCT WHERE { ?s ?p ?o }")
    )
    with pytest.raises(QueryError, match="give triples; --format csv"):
        render(construct, ResultFormat.CSV)


@pytest.mark.model
def test_query_canned_queries_default_to_asserted_events(seed_store: ox.Store) -> None:
    default = _rows(seed_store, "who-supplied-whom")
    assert {r["factuality"] for r in default} == {"asserted"}
    everything = _rows(seed_store, "who-supplied-whom", factuality="any")
    assert "future" in {r["factuality"] for r in everything}
    assert len(everything) > len(default)
    future = _rows(seed_store, "who-supplied-whom", factuality="future")
    assert future and {r["factuality"] for r in future} == {"future"}
    assert any(r["supplier"] == "Germany" for r in future)


# Every bad --param is a one-line error with the valid choices (issue 10, item 2).
@pytest.mark.parametrize(
    ("text", "params", "message"),
    [
        (
            "SELECT ?x WHERE { BIND(?v AS ?x) }",
            {"v": "hello"},
            r"Cannot run inline query: .*\?v.*list the variable in SELECT",
        ),
        (
            "SELECT ?v WHERE {}",
            {"v": "<http://a b>"},
            r"Bad --param v=<http://a b>: not an IRI",
        ),
        (
            "SELECT ?x WHERE { ?x ?p ?o }",
            {"zz": "1"},
            r"--param zz: the query has no variable \?zz; its variables: \?o, \?p, \?x",
        ),
        (
            "who-supplied-whom",
            {"factuality": "bogus"},
            r"Bad --param factuality=bogus: choose one of asserted, negated, future, "
            r"possible, expected, any\.",
        ),
    ],
)
def test_query_bad_param_is_a_one_line_error(
    text: str, params: dict[str, str], message: str
) -> None:
    with pytest.raises(QueryError, match=message) as info:
        run_query(ox.Store(), resolve_query(text), params)
    assert "\n" not in str(info.value)


def test_query_closed_parameter_values_are_the_factualities() -> None:
    from kg.records import Factuality

    for query in canned_queries().values():
        for param in query.params:
            if param.name == "factuality":
                assert set(param.choices) == {f.value for f in Factuality}


@pytest.mark.parametrize(
    "text", ["DROP ALL", "PREFIX ex: <http://e/>\nINSERT DATA { ex:a ex:b ex:c }"]
)
def test_query_an_update_is_refused_as_read_only(text: str) -> None:
    with pytest.raises(QueryError, match=r"kg query is read-only: (DROP|INSERT)"):
        run_query(ox.Store(), resolve_query(text))
