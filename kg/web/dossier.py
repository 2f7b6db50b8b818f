"""Everything the store says about one entity: who it is and its events.

:func:`dossier` reads an entity's events in every role (agent, recipient,
target, theme) and factuality, each with its other participants, the quoted
sentence, the article, who asserted it and how many articles reported it, with
a handful of targeted queries: the cost grows with the entity's events, not
with the store.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import groupby
from typing import Any

import pyoxigraph as ox

from kg.records import Node
from kg.store.entities import short_name
from kg.store.sparql import Queryable, restrict, select
from kg.web.filters import Filters

__all__ = [
    "SORTS",
    "Counterpart",
    "Dossier",
    "EventGroup",
    "EventView",
    "Party",
    "dossier",
    "read_events",
]

# The roles an entity may fill in an event, in the order a page lists them.
ROLES = ("agent", "recipient", "target", "theme")
# The roles in which another entity is a counterpart (not a mere theme).
_COUNTERPART_ROLES = frozenset({"agent", "recipient", "target"})
# Classes that say only that something happened or was said: listed last,
# folded away on the page.
GENERIC = frozenset({"Event", "Statement"})
# How a page may order the events of each class.
SORTS = ("date", "confidence", "reports")
_EVENTS = """
SELECT ?event ?c ?relation ?rp ?trigger ?tb ?te ?sb ?evidence ?f ?stance
       ?confidence ?point ?begin ?end ?doc WHERE {
  VALUES ?rp { kg:agent kg:recipient kg:target kg:theme }
  ?event ?rp ?x ;
         kg:evidence ?evidence ;
         a ?c ;
         kg:relation ?relation ;
         kg:triggerText ?trigger ;
         kg:triggerBegin ?tb ;
         kg:triggerEnd ?te ;
         kg:beginOffset ?sb ;
         kg:factuality ?f ;
         kg:confidence ?confidence ;
         prov:wasDerivedFrom ?doc .
  FILTER (?c != kg:MergedEvent)
  OPTIONAL { ?event kg:stance ?stance }
  OPTIONAL { ?event kg:time ?point }
  OPTIONAL { ?event kg:timeBegin ?begin ; kg:timeEnd ?end }
}"""
_PARTIES = """
SELECT ?event ?rp ?e WHERE {
  ?event ?rp ?e .
  FILTER (?rp IN (kg:agent, kg:recipient, kg:target, kg:theme, kg:source, kg:place,
                  kg:instrument, kg:attributedTo))
}"""
_REPORTS = """
SELECT ?event ?count WHERE {
  ?merged kg:mention ?event ; kg:mentionCount ?count .
}"""
_ARTICLES = """
SELECT ?doc ?id ?title ?published ?agency ?publisher WHERE {
  ?doc schema:identifier ?id .
  OPTIONAL { ?doc schema:headline ?title }
  OPTIONAL { ?doc schema:datePublished ?published }
  OPTIONAL { ?doc kg:agency ?agency }
  OPTIONAL { ?doc schema:publisher/rdfs:label ?publisher }
}"""
_BASED_IN = """
SELECT ?place WHERE { ?x kg:basedIn ?place }"""


@dataclass(frozen=True, slots=True)
class Party:
    """Another participant of an event, in ``role``."""

    role: str
    iri: str
    label: str
    type: str


@dataclass(frozen=True, slots=True)
class EventView:
    """One reported event as a page shows it.

    ``role`` is the role the page's entity fills; ``quote_trigger`` the
    trigger's (start, end) inside ``evidence``; ``date`` the event's own time
    (``YYYY-MM`` or ``begin/end``) or else the article's publication date, and
    ``dated`` says which; ``reports`` how many articles reported the same event.
    """

    iri: str
    event_class: str
    relation: str
    role: str
    trigger: str
    quote_trigger: tuple[int, int]
    evidence: str
    factuality: str
    stance: str | None
    confidence: float
    date: str | None
    dated: bool
    article: str
    title: str | None
    published: str | None
    outlet: str | None
    parties: tuple[Party, ...]
    sources: tuple[Party, ...]
    reports: int

    def json(self) -> dict[str, Any]:
        """The event as JSON-ready data (the API's form)."""
        return {
            "event": self.iri,
            "class": self.event_class,
            "relation": self.relation,
            "role": self.role,
            "trigger": self.trigger,
            "trigger_in_evidence": list(self.quote_trigger),
            "evidence": self.evidence,
            "factuality": self.factuality,
            "stance": self.stance,
            "confidence": self.confidence,
            "date": self.date,
            "event_time": self.dated,
            "article": self.article,
            "title": self.title,
            "published": self.published,
            "outlet": self.outlet,
            "participants": [_party(p) for p in self.parties],
            "according_to": [_party(p) for p in self.sources],
            "reports": self.reports,
        }


@dataclass(frozen=True, slots=True)
class Counterpart:
    """Another entity that acts with or on this one: in how many events, and
    the classes of those events (commonest first)."""

    iri: str
    label: str
    type: str
    events: int
    classes: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class EventGroup:
    """The events of one class on a page: ``total`` of them pass the
    filters, ``events`` are the ones on this page."""

    event_class: str
    total: int
    events: tuple[EventView, ...]

    @property
    def generic(self) -> bool:
        """An untyped group (Event, Statement), folded on the page."""
        return self.event_class in GENERIC


@dataclass(frozen=True)
class Dossier:
    """An entity, where it is based, and its events (filtered) with counts."""

    node: Node
    based_in: tuple[Node, ...]
    events: tuple[EventView, ...]
    total: int  # events before filtering
    classes: dict[str, int]  # every class among all its events, with counts
    factualities: dict[str, int]
    others: tuple[Node, ...] = ()  # what else the name asked for could mean

    def merged_because(self) -> list[dict[str, str]]:
        """Each name of the entity other than its label, and why it names
        the entity (the text of ``kg:mergedBecause``)."""
        from kg.mentions.reasons import alias_reason

        node = self.node
        return [
            {"form": alias, "reason": alias_reason(node.label, node.type, alias)}
            for alias in node.aliases
            if alias.casefold() != node.label.casefold()
        ]

    def counterparts(self, limit: int = 10) -> list[Counterpart]:
        """The entities that share the most of the shown events with this
        one as agent, recipient or target, most events first."""
        events: Counter[str] = Counter()
        classes: dict[str, Counter[str]] = defaultdict(Counter)
        named: dict[str, Party] = {}
        for event in self.events:
            seen = set()
            for party in event.parties:
                if party.role not in _COUNTERPART_ROLES or party.iri == self.node.iri:
                    continue
                if party.iri in seen:
                    continue
                seen.add(party.iri)
                named.setdefault(party.iri, party)
                events[party.iri] += 1
                classes[party.iri][event.event_class] += 1
        ranked = sorted(events, key=lambda iri: (-events[iri], named[iri].label, iri))
        return [
            Counterpart(
                iri,
                named[iri].label,
                named[iri].type,
                events[iri],
                tuple(sorted(classes[iri].items(), key=lambda c: (-c[1], c[0]))),
            )
            for iri in ranked[:limit]
        ]

    def undated(self) -> tuple[int, int]:
        """How many shown events have no date of their own, and how many of
        those have no publication date either."""
        own = sum(1 for e in self.events if not e.dated)
        none = sum(1 for e in self.events if not e.date)
        return own, none

    def grouped(
        self, *, sort: str = "date", page: int = 1, size: int = 20
    ) -> tuple[list[EventGroup], int, int]:
        """One page of the shown events, grouped by class (typed classes
        first, commonest first; Event and Statement last), each group in
        ``sort`` order (``date``: newest first; ``confidence``, ``reports``:
        highest first); the page shown (``page`` within range) and the
        number of pages."""
        by_class: dict[str, list[EventView]] = defaultdict(list)
        for event in self.events:
            by_class[event.event_class].append(event)
        order = sorted(
            by_class,
            key=lambda c: (c in GENERIC, -len(by_class[c]), c),
        )
        flat: list[EventView] = []
        for cls in order:
            flat.extend(sorted(by_class[cls], key=_sort_key(sort)))
        pages = max(1, -(-len(flat) // size))
        page = min(max(page, 1), pages)
        shown = flat[(page - 1) * size : page * size]
        groups = [
            EventGroup(cls, len(by_class[cls]), tuple(events))
            for cls, events in groupby(shown, key=lambda e: e.event_class)
        ]
        return groups, page, pages

    def json(self) -> dict[str, Any]:
        """The dossier as JSON-ready data."""
        return {
            "entity": node_json(self.node),
            "merged_because": self.merged_because(),
            "based_in": [node_json(n) for n in self.based_in],
            "events_total": self.total,
            "classes": self.classes,
            "factualities": self.factualities,
            "counterparts": [
                {
                    "iri": c.iri,
                    "id": short_name(c.iri),
                    "label": c.label,
                    "type": c.type,
                    "events": c.events,
                    "classes": dict(c.classes),
                }
                for c in self.counterparts()
            ],
            "events": [e.json() for e in self.events],
            "could_also_mean": [node_json(n) for n in self.others],
        }


def node_json(node: Node) -> dict[str, Any]:
    """An entity as JSON-ready data."""
    return {
        "iri": node.iri,
        "id": short_name(node.iri),
        "label": node.label,
        "type": node.type,
        "aliases": list(node.aliases),
        "mentions": node.mentions,
    }


def dossier(
    store: Queryable, node: Node, filters: Filters, nodes: Mapping[str, Node]
) -> Dossier:
    """``node``'s events that pass ``filters``, newest first, and the class
    and factuality counts of all of them; ``nodes`` are every entity of the
    store by IRI (labels and types of the other participants)."""
    events = read_events(store, node.iri, nodes)
    rows = select(store, _BASED_IN.replace("?x", str(ox.NamedNode(node.iri))))
    places = sorted({row["place"].value for row in rows})
    based_in = tuple(nodes[p] for p in places if p in nodes)
    kept = [
        e
        for e in events
        if filters.keeps(
            e.event_class,
            e.date,
            e.factuality,
            role=e.role,
            confidence=e.confidence,
        )
    ]
    return Dossier(
        node=node,
        based_in=based_in,
        events=tuple(kept),
        total=len(events),
        classes=dict(sorted(Counter(e.event_class for e in events).items())),
        factualities=dict(sorted(Counter(e.factuality for e in events).items())),
    )


def read_events(
    store: Queryable, iri: str, nodes: Mapping[str, Node]
) -> list[EventView]:
    """Every event ``iri`` takes part in, newest first (then by class, IRI)."""
    rows = select(store, _EVENTS.replace("?x", str(ox.NamedNode(iri))))
    first: dict[str, Any] = {}
    for row in rows:
        event = row["event"].value
        # an event where the entity fills two roles is listed once, first role
        role = _local(row["rp"].value)
        if event not in first or ROLES.index(role) < ROLES.index(first[event][0]):
            first[event] = (role, row)
    if not first:
        return []
    events = sorted(first)
    parties = _parties(store, events, nodes)
    reports = _reports(store, events)
    articles = _articles(store, {r["doc"].value for _, r in first.values()})
    views = [
        _view(
            event, first[event][0], first[event][1], parties[event], reports, articles
        )
        for event in events
    ]
    return sorted(views, key=lambda v: (_newest(v.date), v.event_class, v.iri))


def _view(
    event: str,
    role: str,
    row: Any,
    parties: list[Party],
    reports: dict[str, int],
    articles: dict[str, dict[str, str | None]],
) -> EventView:
    article = articles.get(row["doc"].value, {})
    sentence = int(row["sb"].value)
    start = int(row["tb"].value) - sentence
    end = int(row["te"].value) - sentence
    evidence = row["evidence"].value
    if not 0 <= start <= end <= len(evidence):  # offsets from another text
        start = end = 0
    time = _time(row)
    stance = row["stance"]
    return EventView(
        iri=event,
        event_class=_local(row["c"].value),
        relation=row["relation"].value,
        role=role,
        trigger=row["trigger"].value,
        quote_trigger=(start, end),
        evidence=evidence,
        factuality=_local(row["f"].value).lower(),
        stance=_local(stance.value).lower() if stance is not None else None,
        confidence=float(row["confidence"].value),
        date=time or article.get("published"),
        dated=time is not None,
        article=article.get("id") or short_name(row["doc"].value),
        title=article.get("title"),
        published=article.get("published"),
        outlet=article.get("outlet"),
        parties=tuple(p for p in parties if p.role != "attributedTo"),
        sources=tuple(p for p in parties if p.role == "attributedTo"),
        reports=reports.get(event, 1),
    )


def _parties(
    store: Queryable, events: list[str], nodes: Mapping[str, Node]
) -> dict[str, list[Party]]:
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in select(store, restrict(_PARTIES, "event", events)):
        found[row["event"].value].append((_local(row["rp"].value), row["e"].value))
    order = (*ROLES, "source", "place", "instrument", "attributedTo")
    parties: dict[str, list[Party]] = defaultdict(list)
    for event, pairs in found.items():
        for role, iri in sorted(pairs, key=lambda p: (order.index(p[0]), p[1])):
            node = nodes.get(iri)
            if node is not None:
                parties[event].append(Party(role, iri, node.label, node.type))
    return parties


def _reports(store: Queryable, events: list[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in select(store, restrict(_REPORTS, "event", events)):
        counts[row["event"].value] = int(row["count"].value)
    return counts


def _articles(store: Queryable, docs: set[str]) -> dict[str, dict[str, str | None]]:
    found: dict[str, dict[str, str | None]] = {}
    for row in select(store, restrict(_ARTICLES, "doc", docs)):
        agency, publisher = row["agency"], row["publisher"]
        outlet = agency or publisher
        found[row["doc"].value] = {
            "id": row["id"].value,
            "title": _text(row["title"]),
            "published": _text(row["published"]),
            "outlet": outlet.value if outlet is not None else None,
        }
    return found


def _time(row: Any) -> str | None:
    point, begin, end = row["point"], row["begin"], row["end"]
    if point is not None:
        return str(point.value)
    if begin is not None and end is not None:
        return f"{begin.value}/{end.value}"
    return None


def _sort_key(sort: str) -> Any:
    """The key that orders a class's events for ``sort`` (see SORTS)."""
    if sort == "confidence":
        return lambda v: (-v.confidence, _newest(v.date), v.iri)
    if sort == "reports":
        return lambda v: (-v.reports, _newest(v.date), v.iri)
    return lambda v: (_newest(v.date), v.iri)


def _newest(date: str | None) -> tuple[int, str]:
    """Sort key: dated events newest first, undated last."""
    if not date:
        return (1, "")
    return (0, "".join(chr(0x10FFFF - ord(c)) for c in date))


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1]


def _text(term: Any) -> str | None:
    return None if term is None else str(term.value)


def _party(party: Party) -> dict[str, str]:
    return {
        "role": party.role,
        "iri": party.iri,
        "label": party.label,
        "type": party.type,
    }
