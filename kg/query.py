"""SPARQL over the graph: ad-hoc queries, ``.rq`` files and canned queries.

Canned queries live in ``ontology/queries/NAME.rq``. Their first comment line
is the one-line description; ``# @entity NAME: help`` lines declare parameters
that take an entity's name, alias or ``type:slug`` and bind its IRI, and
``# @param NAME: help`` lines declare plain-literal parameters (``NAME?`` for
an optional one, ``NAME=VALUE`` for one with a default; the value ``any``
leaves a parameter unbound, which matches everything). Parameters are bound
with Oxigraph's substitutions (SPARQL SEP-0007), never spliced into the query
text, so a value cannot change the query. A ``# @report`` line makes the query
a report whose default answer the store keeps (:mod:`kg.reports`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import QueryError
from kg.rdf import DEFAULT_BASE
from kg.records import EntityType
from kg.resources.ontology import ONTOLOGY_DIR
from kg.store.entities import EntityIndex
from kg.store.sparql import PREFIXES, Queryable, speaks_lateral

__all__ = [
    "QUERIES_DIR",
    "CannedQuery",
    "Param",
    "QueryResult",
    "ResultFormat",
    "canned_queries",
    "compact",
    "parse_params",
    "render",
    "resolve_query",
    "run_query",
    "table_rows",
]

QUERIES_DIR = ONTOLOGY_DIR / "queries"
PLAIN_DIR = QUERIES_DIR / "sparql11"
QueryResult = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples
_PARAM = re.compile(
    r"^#\s*@(param|entity)\s+([A-Za-z_]\w*)(\??)(?:=([^\s{:]+))?"
    r"(?:\s*\{([^}]*)\})?\s*:\s*(.*)$"
)
_REPORT = re.compile(r"^#\s*@report\s*$")
_VARIABLE = re.compile(r"[?$]([A-Za-z_]\w*)")
# Comments, PREFIX and BASE lines before a query's first keyword.
_PROLOGUE = re.compile(
    r"\A(?:\s+|#[^\n]*|(?:PREFIX\s+[^:\s]*:\s*|BASE\s+)<[^>]*>)*", re.IGNORECASE
)
_UPDATE = re.compile(
    r"(INSERT|DELETE|DROP|CLEAR|LOAD|CREATE|ADD|MOVE|COPY|WITH)\b", re.IGNORECASE
)
ANY = "any"
_POSITION = re.compile(r"error at (\d+):(\d+): ?(.*)", re.DOTALL)
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# IRI namespaces shown as prefixes in tables: the vocabularies and kg's data.
_COMPACT = {
    **PREFIXES,
    **{
        name: f"{DEFAULT_BASE}{name}/"
        for name in (
            "article",
            "event",
            "relation",
            *(t.value.lower() for t in EntityType),
        )
    },
}


class ResultFormat(StrEnum):
    """How ``kg query`` prints results."""

    TABLE = "table"
    CSV = "csv"
    TSV = "tsv"
    JSON = "json"
    TTL = "ttl"


@dataclass(frozen=True, slots=True)
class Param:
    """A declared parameter of a query: ``?name`` is bound to the value given."""

    name: str
    required: bool
    help: str
    entity: bool = False
    default: str | None = None
    # a closed set of values (``{a|b|c}`` in the header); empty: any value
    choices: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CannedQuery:
    """A SPARQL query with its description and declared parameters."""

    name: str
    description: str
    text: str
    params: tuple[Param, ...] = ()
    # the same query in SPARQL 1.1, for a store without LATERAL (Virtuoso);
    # None when ``text`` is SPARQL 1.1 already
    plain: str | None = None
    # ``# @report`` in the header: the store keeps its default answer
    # (:mod:`kg.reports`)
    report: bool = False

    def text_for(self, store: Queryable) -> str:
        """The text to send ``store``: :attr:`plain` where it lacks LATERAL."""
        if self.plain is not None and not speaks_lateral(store):
            return self.plain
        return self.text

    def takes_defaults(self, values: Mapping[str, str]) -> bool:
        """Whether ``values`` asks nothing but the default parameters."""
        declared = {p.name: p for p in self.params}
        return all(
            name in declared and declared[name].default == value
            for name, value in values.items()
        )

    @classmethod
    def parse(cls, name: str, text: str) -> CannedQuery:
        """Read the description, ``@param`` and ``@report`` lines of a query's
        header.

        Examples:
            >>> text = "# Things.\\n# @entity who?: one\\nSELECT * {}"
            >>> q = CannedQuery.parse("x", text)
            >>> q.description, [(p.name, p.required, p.entity) for p in q.params]
            ('Things.', [('who', False, True)])
        """
        description = ""
        params: list[Param] = []
        report = False
        for line in text.splitlines():
            if not line.startswith("#"):
                if line.strip():
                    break
                continue
            match = _PARAM.match(line)
            if _REPORT.match(line):
                report = True
            elif match:
                kind, name_, optional, default, choices, help_ = match.groups()
                params.append(
                    Param(
                        name_,
                        not (optional or default),
                        help_.strip(),
                        entity=kind == "entity",
                        default=default,
                        choices=tuple(
                            c.strip() for c in (choices or "").split("|") if c.strip()
                        ),
                    )
                )
            elif not description and line.strip("# "):
                description = line.strip("# ").strip()
        return cls(name, description, text, tuple(params), report=report)


def canned_queries() -> dict[str, CannedQuery]:
    """The canned queries of ``ontology/queries/``, by name, each with its
    SPARQL 1.1 form from ``ontology/queries/sparql11/`` if it has one (a
    query using LATERAL, which Oxigraph runs and Virtuoso does not)."""
    found = {}
    for path in sorted(QUERIES_DIR.glob("*.rq")):
        query = CannedQuery.parse(path.stem, path.read_text(encoding="utf-8"))
        twin = PLAIN_DIR / path.name
        if twin.is_file():
            query = replace(query, plain=twin.read_text(encoding="utf-8"))
        found[path.stem] = query
    return found


def resolve_query(query: str) -> CannedQuery:
    """A canned query's name, a path to a ``.rq`` file, or inline SPARQL.

    Raises:
        QueryError: The text is neither a known name, an existing file nor SPARQL.
    """
    canned = canned_queries()
    if query in canned:
        return canned[query]
    path = Path(query)
    if query.endswith(".rq") or (_NAME.match(query) is None and _is_file(path)):
        if not path.is_file():
            raise QueryError(f"{query}: no such query file.")
        try:
            return CannedQuery.parse(str(path), path.read_text(encoding="utf-8"))
        except UnicodeDecodeError as err:
            raise QueryError(f"{query}: not UTF-8 text: {err}") from err
    if _NAME.match(query):
        import difflib

        close = difflib.get_close_matches(query, list(canned), n=3)
        hint = f" Did you mean {', '.join(close)}?" if close else ""
        raise QueryError(
            f"Unknown canned query {query!r}.{hint} `kg query --list` shows them all."
        )
    return CannedQuery.parse("inline query", query)


def _is_file(path: Path) -> bool:
    """True for an existing file; inline SPARQL is often no valid path at all
    (longer than a file name may be, or holding a NUL)."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def parse_params(pairs: list[str]) -> dict[str, str]:
    """``["entity=North Korea"]`` → ``{"entity": "North Korea"}``."""
    params: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not re.fullmatch(r"[A-Za-z_]\w*", name.strip()):
            raise QueryError(
                f"Bad --param {pair!r}: write NAME=VALUE, e.g. --param entity=Russia"
            )
        params[name.strip()] = value.strip()
    return params


def run_query(
    store: Queryable,
    query: CannedQuery,
    params: Mapping[str, str] | None = None,
    *,
    index: Callable[[], EntityIndex] | None = None,
    kept: bool = True,
) -> QueryResult:
    """Run ``query`` over the store's default graph with ``params`` bound.

    The default graph is the merge of every article's graph (see
    :func:`kg.store.local.load_data`); ``GRAPH ?g`` reaches the articles' graphs.

    Entity parameters resolve through the entity index (names, aliases,
    ``type:slug``); other values bind as plain literals, or as IRIs when
    written ``<...>``. A canned report asked with its default parameters is
    answered from the store's kept answer while that is current
    (:mod:`kg.reports`); ``kept=False`` always runs the query.

    Raises:
        QueryError: A syntax error (with line and column), a missing or unknown
            parameter.
        UnknownEntityError, AmbiguousEntityError: An entity name does not resolve.
    """
    values = dict(params or {})
    if kept and query.report and query.takes_defaults(values):
        from kg.reports import kept_answer  # kg.reports runs canned queries

        answer = kept_answer(store, query)
        if answer is not None:
            return answer
    lookup = index or (lambda: EntityIndex.from_store(store))
    substitutions = _bind(query, values, lookup)
    try:
        result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples = store.query(
            query.text_for(store), prefixes=PREFIXES, substitutions=substitutions
        )
        return result
    except SyntaxError as err:
        update = _UPDATE.match(_PROLOGUE.sub("", query.text))
        if update:
            raise QueryError(
                f"kg query is read-only: {update[1].upper()} is a SPARQL update. "
                "Change the store with kg build and kg remove."
            ) from err
        raise QueryError(_syntax_message(query, str(err))) from err
    except (RuntimeError, ValueError) as err:
        # what Oxigraph refuses at bind or run time: say it in one line
        detail = " ".join(str(err).split())
        if substitutions and "projection" in detail:
            detail += "; list the variable in SELECT, or leave the --param out"
        raise QueryError(f"Cannot run {query.name}: {detail}.") from err


def _bind(
    query: CannedQuery,
    values: dict[str, str],
    index: Callable[[], EntityIndex],
) -> dict[ox.Variable, Any]:
    declared = {p.name: p for p in query.params}
    missing = [p.name for p in query.params if p.required and p.name not in values]
    if missing:
        raise QueryError(
            f"Query {query.name!r} needs --param {missing[0]}=VALUE "
            f"({declared[missing[0]].help})."
        )
    if declared and (unknown := sorted(set(values) - set(declared))):
        raise QueryError(
            f"Query {query.name!r} has no parameter {unknown[0]!r}; "
            f"it takes: {', '.join(declared)}."
        )
    if not declared and values:
        variables = sorted(set(_VARIABLE.findall(query.text)))
        if unknown := sorted(set(values) - set(variables)):
            shown = ", ".join(f"?{v}" for v in variables) or "none"
            raise QueryError(
                f"--param {unknown[0]}: the query has no variable ?{unknown[0]}; "
                f"its variables: {shown}."
            )
    for declared_param in query.params:
        if declared_param.default is not None and declared_param.name not in values:
            values[declared_param.name] = declared_param.default
    entities: EntityIndex | None = None
    substitutions: dict[ox.Variable, Any] = {}
    for name, value in values.items():
        param = declared.get(name)
        if value == ANY and param is not None and not param.required:
            continue
        if param is not None and param.choices and value not in param.choices:
            allowed = [*param.choices, *([] if param.required else [ANY])]
            raise QueryError(
                f"Bad --param {name}={value}: choose one of {', '.join(allowed)}."
            )
        if param is not None and param.entity:
            entities = entities or index()
            term: Any = ox.NamedNode(entities.resolve(value).iri)
        elif value.startswith("<") and value.endswith(">"):
            term = _iri(name, value[1:-1])
        else:
            term = ox.Literal(value)
        substitutions[ox.Variable(name)] = term
    return substitutions


def _iri(name: str, text: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(text)
    except ValueError as err:
        raise QueryError(
            f"Bad --param {name}=<{text}>: not an IRI ({err}); write a full IRI "
            "without spaces, e.g. <https://example.org/x>, or drop the <> for text."
        ) from err


def _syntax_message(query: CannedQuery, message: str) -> str:
    match = _POSITION.match(message)
    if match is None:
        return f"SPARQL syntax error in {query.name}: {message}"
    line, column, detail = match.groups()
    text_lines = query.text.splitlines()
    shown = text_lines[int(line) - 1] if 0 < int(line) <= len(text_lines) else ""
    pointer = f"\n  {shown}\n  {' ' * (int(column) - 1)}^" if shown else ""
    return (
        f"SPARQL syntax error in {query.name} at line {line}, column {column}: "
        f"{detail.strip()}{pointer}"
    )


def render(result: QueryResult, fmt: ResultFormat) -> bytes:
    """Serialise a result: SPARQL 1.1 JSON/CSV/TSV results, Turtle for graphs.

    Raises:
        QueryError: The format does not fit the result (a table as Turtle).
    """
    if isinstance(result, ox.QueryTriples | list):
        triples = sorted(result, key=str)
        if fmt is ResultFormat.JSON:
            return _serialize(triples, ox.RdfFormat.JSON_LD)
        if fmt in {ResultFormat.TTL, ResultFormat.TABLE}:
            return _serialize(triples, ox.RdfFormat.TURTLE)
        raise QueryError(
            f"CONSTRUCT and DESCRIBE give triples; --format {fmt} does not fit. "
            "Use ttl or json."
        )
    tabular = {
        ResultFormat.JSON: ox.QueryResultsFormat.JSON,
        ResultFormat.CSV: ox.QueryResultsFormat.CSV,
        ResultFormat.TSV: ox.QueryResultsFormat.TSV,
    }
    if fmt not in tabular:
        raise QueryError(
            f"SELECT and ASK give a table; --format {fmt} does not fit. "
            "Use table, csv, tsv or json."
        )
    data = result.serialize(format=tabular[fmt])
    assert data is not None
    return data


def table_rows(
    result: ox.QuerySolutions, limit: int | None = None
) -> tuple[list[str], list[list[str]], int]:
    """Column names, rows of readable cells (IRIs as prefixed names) and the
    number of rows in all.

    With ``limit``, only the first ``limit`` rows are made readable; the rest
    are counted (a page of a large answer costs what it shows).
    """
    columns = [v.value for v in result.variables]
    rows: list[list[str]] = []
    count = 0
    for row in result:
        if limit is None or count < limit:
            rows.append([compact(row[name]) for name in columns])
        count += 1
    return columns, rows, count


def compact(term: Any) -> str:
    """A readable cell: ``kg:Supply`` for IRIs in a known namespace, a literal's text.

    Examples:
        >>> compact(ox.NamedNode("https://w3id.org/kgnews/ontology#Supply"))
        'kg:Supply'
        >>> compact(ox.Literal("2024-01-04")), compact(None)
        ('2024-01-04', '')
    """
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        iri = term.value
        for prefix, namespace in _COMPACT.items():
            if iri.startswith(namespace) and "/" not in iri[len(namespace) :]:
                return f"{prefix}:{iri[len(namespace) :]}"
        return iri
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term.value)


def _serialize(triples: list[Any], fmt: ox.RdfFormat) -> bytes:
    prefixes = dict(_COMPACT) if fmt is ox.RdfFormat.TURTLE else None
    data = ox.serialize(triples, format=fmt, prefixes=prefixes)
    assert data is not None
    return data
