"""Cross-article events: reports of the same event become one node with mentions.

Twenty wire stories about one missile strike are one event with twenty
mentions. Article events are reports of the same event when they have the same
class (and, for generic events, the same relation), the same agent and the
same recipient or target, compatible themes (equal, or one not given) and
compatible times (equal, one not given, or one inside the other: "March"
and "21 March"). Each group reported by two or more articles becomes a
``kg:MergedEvent`` in the store's merged graph, typed by its class too, with
``kg:mention`` links to every report (each keeps its own evidence, article,
attribution and factuality) and ``kg:mentionCount``.

The merged graph is derived: :func:`refresh_merged` rebuilds it from the
stored article graphs, in one update; :func:`update_merged` brings it up to
date after a change of a few articles by regrouping only the reports whose
agent those articles name (every report of a changed article has such an
agent, and reports are grouped by agent, so no other group can change).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import product
from typing import Any

import pyoxigraph as ox

from kg.resources.ontology import KG
from kg.store.sparql import Queryable, insert_data, restrict, select

__all__ = [
    "MergedEvent",
    "Report",
    "StoredMerged",
    "cluster",
    "group_of",
    "merged_count",
    "merged_graph",
    "refresh_merged",
    "report_groups",
    "stored_merged",
    "update_merged",
]

_KG = KG
_REPORTS = """
SELECT ?event ?class ?relation ?agent ?rp ?other ?theme ?point ?begin ?end ?doc WHERE {
  ?event kg:agent ?agent ; a ?c ; kg:relation ?relation ; prov:wasDerivedFrom ?doc .
  FILTER (?c != kg:Statement && ?c != kg:MergedEvent)
  OPTIONAL { VALUES ?rp { kg:recipient kg:target } ?event ?rp ?other }
  OPTIONAL { ?event kg:theme ?theme }
  OPTIONAL { ?event kg:time ?point }
  OPTIONAL { ?event kg:timeBegin ?begin ; kg:timeEnd ?end }
  BIND (STRAFTER(STR(?c), "#") AS ?class)
}"""

# What a report says of some events (read by event: far faster in Oxigraph
# than _REPORTS bound to them).
_FACTS = """
SELECT ?event ?p ?o WHERE {
  ?event ?p ?o .
  FILTER (?p IN (rdf:type, kg:agent, kg:relation, prov:wasDerivedFrom,
                 kg:recipient, kg:target, kg:theme, kg:time, kg:timeBegin,
                 kg:timeEnd))
}"""
# The events of one agent linking one recipient or target, or none.
# (CLASSES: "?c IN (...)" for typed events, or "?c = kg:Event && ?r IN
# (...)" for generic events of some relations.)
_EVENTS_TO = """
SELECT DISTINCT ?event WHERE {
  ?event kg:agent AGENT .
  { ?event kg:recipient OTHER } UNION { ?event kg:target OTHER }
  ?event a ?c ; kg:relation ?r . FILTER (CLASSES)
}"""
_EVENTS_TO_NONE = """
SELECT DISTINCT ?event WHERE {
  ?event kg:agent AGENT ; a ?c ; kg:relation ?r .
  FILTER (CLASSES)
  FILTER NOT EXISTS { ?event kg:recipient ?r }
  FILTER NOT EXISTS { ?event kg:target ?t }
}"""
# The merged events of one agent, with what groups them.
_MERGED_OF = """
SELECT ?m ?c ?relation ?other WHERE {
  GRAPH <MERGED> {
    ?m kg:agent AGENT ; a kg:MergedEvent , ?c ; kg:relation ?relation .
    FILTER (?c != kg:MergedEvent)
    OPTIONAL { ?m kg:recipient|kg:target ?other }
  }
}"""
# Some merged events, with all they say.
_DROP = """
DELETE { GRAPH <MERGED> { ?m ?p ?o } }
WHERE { VALUES ?m { EVENTS } GRAPH <MERGED> { ?m ?p ?o } }"""
_MERGED_COUNT = """
SELECT (COUNT(?m) AS ?n) WHERE { GRAPH <MERGED> { ?m a kg:MergedEvent } }"""
_STORED = """
SELECT ?m ?class ?relation ?agent ?other ?theme ?mention WHERE {
  GRAPH ?g {
    ?m a kg:MergedEvent , ?c ; kg:agent ?agent ; kg:relation ?relation ;
       kg:mention ?mention .
    FILTER (?c != kg:MergedEvent)
    OPTIONAL { ?m kg:recipient|kg:target ?other }
    OPTIONAL { ?m kg:theme ?theme }
    BIND (STRAFTER(STR(?c), "#") AS ?class)
  }
}"""


# A group of reports: class, relation (of generic events), agent, and
# recipient or target (see group_of).
Group = tuple[str, str, str, str | None]


@dataclass(frozen=True, slots=True)
class Report:
    """One article's event, as far as merging needs it."""

    event: str
    event_class: str
    relation: str
    agent: str
    other: str | None
    role: str  # the property that links ``other``: recipient or target
    theme: str | None
    first: str | None  # first and last day of its time, if any
    last: str | None
    article: str


@dataclass
class MergedEvent:
    """Reports of one event from two or more articles."""

    reports: list[Report] = field(default_factory=list)

    @property
    def iri(self) -> str:
        """Minted from what the reports agree on, so it survives rebuilds."""
        head = self.reports[0]
        parts = [
            head.event_class,
            head.relation if head.event_class == "Event" else "",
            head.agent,
            head.other or "",
            self.theme or "",
            self.first or "",
        ]
        digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:20]
        base = head.event.rsplit("/event/", 1)[0]
        return f"{base}/event/merged-{digest}"

    @property
    def theme(self) -> str | None:
        return next((r.theme for r in self.reports if r.theme), None)

    @property
    def first(self) -> str | None:
        """The most precise time the reports give (the latest first day)."""
        days = [r.first for r in self.reports if r.first]
        return max(days) if days else None

    @property
    def articles(self) -> set[str]:
        return {r.article for r in self.reports}

    def accepts(self, report: Report) -> bool:
        return all(_compatible(report, other) for other in self.reports)


def cluster(reports: list[Report]) -> list[MergedEvent]:
    """Group reports of the same event; keep groups reported by 2+ articles."""
    groups: dict[Group, list[Report]] = defaultdict(list)
    for report in sorted(reports, key=lambda r: (r.first or "", r.event)):
        groups[group_of(report)].append(report)
    merged: list[MergedEvent] = []
    for _, members in sorted(groups.items(), key=lambda item: str(item[0])):
        if members[0].other is None and members[0].theme is None:
            continue
        found: list[MergedEvent] = []
        for report in members:
            home = next((m for m in found if m.accepts(report)), None)
            if home is None:
                home = MergedEvent()
                found.append(home)
            home.reports.append(report)
        merged.extend(m for m in found if len(m.articles) > 1)
    return sorted(merged, key=lambda m: m.iri)


def merged_graph(base: str) -> str:
    """The IRI of the store's merged graph."""
    return f"{base}graph/merged"


def merged_count(store: Queryable, base: str) -> int:
    """How many merged events the store's merged graph holds."""
    query = _MERGED_COUNT.replace("MERGED", merged_graph(base))
    for row in select(store, query):
        return int(row["n"].value)
    return 0


@dataclass(frozen=True, slots=True)
class StoredMerged:
    """A merged event as the store holds it: what its reports agree on."""

    iri: str
    event_class: str
    relation: str
    agent: str
    other: str | None
    theme: str | None
    mentions: tuple[str, ...]  # the article events that report it


def stored_merged(store: Queryable) -> list[StoredMerged]:
    """The store's merged events, by IRI."""
    found: dict[str, dict[str, Any]] = {}
    for row in select(store, _STORED):
        iri = str(row["m"].value)
        entry = found.setdefault(
            iri,
            {
                "class": str(row["class"].value),
                "relation": str(row["relation"].value),
                "agent": str(row["agent"].value),
                "other": None if row["other"] is None else str(row["other"].value),
                "theme": None if row["theme"] is None else str(row["theme"].value),
                "mentions": [],
            },
        )
        entry["mentions"].append(str(row["mention"].value))
    return [
        StoredMerged(
            iri=iri,
            event_class=e["class"],
            relation=e["relation"],
            agent=e["agent"],
            other=e["other"],
            theme=e["theme"],
            mentions=tuple(sorted(e["mentions"])),
        )
        for iri, e in sorted(found.items())
    ]


def refresh_merged(store: Queryable, base: str) -> int:
    """Rebuild the merged graph from the stored articles; return its event count."""
    merged = cluster(_reports(select(store, _REPORTS)))
    graph = merged_graph(base)
    store.update(f"DROP SILENT GRAPH <{graph}>{_insert(graph, merged)}")
    return len(merged)


def report_groups(store: Queryable, graphs: Iterable[str]) -> set[Group]:
    """The groups (see :func:`group_of`) of the reports of the events in
    some articles' graphs: all a change of those articles can regroup."""
    from kg.store.articles import article_events

    return {group_of(r) for r in _reports_from(store, article_events(store, graphs))}


def group_of(report: Report) -> Group:
    """What reports of one event share: class, relation (of generic events),
    agent and recipient or target; :func:`cluster` merges within a group."""
    relation = report.relation if report.event_class == "Event" else ""
    return (report.event_class, relation, report.agent, report.other)


def update_merged(store: Queryable, base: str, groups: set[Group]) -> int:
    """Regroup the reports of ``groups`` (those of the articles just added or
    removed, before and after the change: :func:`report_groups`) and put
    their merged events in place of those the merged graph held for them;
    return the graph's event count.

    The result equals :func:`refresh_merged`'s: :func:`cluster` merges
    reports of one group only, and a report's group is chosen the same way
    in both. Only the events of the groups' agent and recipient or target
    pairs are read, not every event of a much-reported agent.
    """
    graph = merged_graph(base)
    if groups:
        events = _group_events(store, groups)
        reports = [r for r in _reports_from(store, events) if group_of(r) in groups]
        merged = cluster(reports)
        stale = sorted(
            iri
            for agent in sorted({g[2] for g in groups})
            for iri, group in _merged_of(store, graph, agent)
            if group in groups
        )
        drop = ""
        if stale:
            terms = " ".join(f"<{iri}>" for iri in stale)
            drop = _DROP.replace("MERGED", graph).replace("EVENTS", terms)
        update = f"{drop}{_insert(graph, merged)}".removeprefix(" ;\n")
        if update:
            store.update(_prefixed(update))
    return merged_count(store, base)


def _group_events(store: Queryable, groups: set[Group]) -> set[str]:
    """The events whose reports may fall in ``groups``: those of each
    group's agent and recipient or target (or none), of its class (and, for
    generic events, relation)."""
    wanted: dict[tuple[str, str | None], tuple[set[str], set[str]]] = {}
    for cls, relation, agent, other in groups:
        kinds, relations = wanted.setdefault((agent, other), (set(), set()))
        if cls == "Event":
            relations.add(relation)
        else:
            kinds.add(cls)
    events: set[str] = set()
    for (agent, other), (kinds, relations) in sorted(wanted.items(), key=str):
        tests = []
        if kinds:
            tests.append(f"?c IN ({', '.join(f'kg:{k}' for k in sorted(kinds))})")
        if relations:
            names = ", ".join(str(ox.Literal(r)) for r in sorted(relations))
            tests.append(f"?c = kg:Event && ?r IN ({names})")
        query = _EVENTS_TO if other is not None else _EVENTS_TO_NONE
        query = query.replace("AGENT", f"<{agent}>").replace("OTHER", f"<{other}>")
        query = query.replace("CLASSES", " || ".join(f"({t})" for t in tests))
        events |= {str(row["event"].value) for row in select(store, query)}
    return events


def _merged_of(store: Queryable, graph: str, agent: str) -> list[tuple[str, Group]]:
    """The merged events of ``agent`` in the merged graph, with their groups."""
    query = _MERGED_OF.replace("MERGED", graph).replace("AGENT", f"<{agent}>")
    found = []
    for row in select(store, query):
        cls = str(row["c"].value).rsplit("#", 1)[-1]
        relation = str(row["relation"].value) if cls == "Event" else ""
        other = None if row["other"] is None else str(row["other"].value)
        found.append((str(row["m"].value), (cls, relation, agent, other)))
    return found


def _insert(graph: str, merged: list[MergedEvent]) -> str:
    """The operations adding ``merged`` to ``graph`` after another (`` ;``
    first), or nothing for no events: Virtuoso rejects an empty INSERT DATA."""
    if not merged:
        return ""
    return f" ;\n{insert_data(_lines(merged), graph)}"


def _reports(rows: Any) -> list[Report]:
    """One report per event: of the rows of an event with several agents,
    participants or times, the smallest (so that a full and a partial
    regrouping choose alike)."""
    by_event: dict[str, Report] = {}
    for row in rows:
        report = _report(row)
        held = by_event.get(report.event)
        if held is None or _order(report) < _order(held):
            by_event[report.event] = report
    return list(by_event.values())


def _reports_from(store: Queryable, events: Iterable[str]) -> list[Report]:
    """:func:`_reports` of ``events``: the report :data:`_REPORTS` gives of
    each, made from its facts (each OPTIONAL of the query a choice among the
    values, or none)."""
    events = sorted(events)
    facts: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    if events:
        for row in select(store, restrict(_FACTS, "event", events)):
            name = str(row["p"].value).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
            facts[str(row["event"].value)][name].append(str(row["o"].value))
    return [
        min(_choices(event, fact), key=_order)
        for event, fact in facts.items()
        if any(_choices(event, fact))
    ]


def _choices(event: str, fact: dict[str, list[str]]) -> Iterator[Report]:
    """Every row :data:`_REPORTS` gives for one event, as reports."""
    classes = [
        c.rsplit("#", 1)[-1]
        for c in fact["type"]
        if c not in (f"{_KG}Statement", f"{_KG}MergedEvent")
    ]
    others: list[tuple[str | None, str]] = [(o, "recipient") for o in fact["recipient"]]
    others += [(o, "target") for o in fact["target"]]
    points: list[tuple[str | None, str | None]] = [_span(p) for p in fact["time"]]
    spans = [(b, e) for b in fact["timeBegin"] for e in fact["timeEnd"]]
    themes: list[str | None] = list(fact["theme"])
    for agent, (other, role), theme, (first, last), cls, relation, doc in product(
        fact["agent"],
        others or [(None, "target")],
        themes or [None],
        points or spans or [(None, None)],
        classes,
        fact["relation"],
        fact["wasDerivedFrom"],
    ):
        yield Report(
            event=event,
            event_class=cls,
            relation=relation,
            agent=agent,
            other=other,
            role=role,
            theme=theme,
            first=first,
            last=last,
            article=doc,
        )


def _order(report: Report) -> tuple[str, ...]:
    return (
        report.agent,
        report.other or "",
        report.role,
        report.theme or "",
        report.first or "",
        report.last or "",
        report.event_class,
        report.relation,
    )


def _lines(merged: list[MergedEvent]) -> list[str]:
    """The merged events as N-Triples lines, sorted."""
    lines: list[str] = []
    for event in merged:
        node = f"<{event.iri}>"
        head = event.reports[0]
        lines += [
            f"{node} a <{_KG}MergedEvent> , <{_KG}{head.event_class}> .",
            f"{node} <{_KG}agent> <{head.agent}> .",
            f'{node} <{_KG}relation> "{_escape(head.relation)}" .',
            f'{node} <{_KG}mentionCount> "{len(event.reports)}"'
            "^^<http://www.w3.org/2001/XMLSchema#integer> .",
        ]
        if head.other:
            lines.append(f"{node} <{_KG}{head.role}> <{head.other}> .")
        if event.theme:
            lines.append(f"{node} <{_KG}theme> <{event.theme}> .")
        lines += [f"{node} <{_KG}mention> <{r.event}> ." for r in event.reports]
    return sorted(set(lines))


def _prefixed(update: str) -> str:
    return f"PREFIX kg: <{_KG}>\n{update}"


def _report(row: Any) -> Report:
    def value(name: str) -> str | None:
        term = row[name]
        return None if term is None else str(term.value)

    point, begin, end = value("point"), value("begin"), value("end")
    first, last = _span(point) if point else (begin, end)
    return Report(
        event=str(row["event"].value),
        event_class=str(row["class"].value),
        relation=str(row["relation"].value),
        agent=str(row["agent"].value),
        other=value("other"),
        role=(value("rp") or "#target").rsplit("#", 1)[-1],
        theme=value("theme"),
        first=first,
        last=last,
        article=str(row["doc"].value),
    )


def _span(point: str) -> tuple[str, str]:
    """First and last day of a day, month or year value (as ISO strings)."""
    if len(point) == 4:
        return f"{point}-01-01", f"{point}-12-31"
    if len(point) == 7:
        return f"{point}-01", f"{point}-31"
    return point, point


def _compatible(a: Report, b: Report) -> bool:
    if a.theme and b.theme and a.theme != b.theme:
        return False
    if a.first and b.first and a.last and b.last:
        return a.first <= b.last and b.first <= a.last
    return True


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')
