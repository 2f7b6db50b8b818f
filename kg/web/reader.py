"""An article as the store keeps it: header fields, text, and its events
marked in the text from their stored offsets.

:func:`segments` cuts the text at every span's edges, so that overlapping
spans (a trigger inside an argument of another event) each keep their marks;
a page renders each segment as escaped text in a ``<mark>`` with its classes.

Examples:
    >>> spans = [Span(0, 5, "agent", 0), Span(6, 14, "trigger", 0)]
    >>> [(s.text, s.kinds) for s in segments("Seoul accused Pyongyang", spans)]
    [('Seoul', ('agent',)), (' ', ()), ('accused ', ('trigger',)), ('Pyongyang', ())]
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from kg.store.sparql import PREFIXES, Queryable, select

__all__ = ["ArticleView", "Segment", "Span", "read_article", "segments"]

_HEADER = """
SELECT ?doc ?title ?published ?agency ?publisher ?dateline ?url ?file ?body WHERE {
  ?doc schema:identifier ?id ; a schema:NewsArticle .
  OPTIONAL { ?doc schema:headline ?title }
  OPTIONAL { ?doc schema:datePublished ?published }
  OPTIONAL { ?doc kg:agency ?agency }
  OPTIONAL { ?doc schema:publisher/rdfs:label ?publisher }
  OPTIONAL { ?doc kg:dateline ?dateline }
  OPTIONAL { ?doc schema:url ?url }
  OPTIONAL { ?doc kg:sourceFile ?file }
  OPTIONAL { ?doc schema:articleBody ?body }
} LIMIT 1"""
_EVENTS = """
SELECT ?event ?c ?relation ?trigger ?tb ?te ?sb ?se ?evidence ?f ?time ?source WHERE {
  ?event prov:wasDerivedFrom DOC ;
         a ?c ;
         kg:relation ?relation ;
         kg:triggerText ?trigger ;
         kg:triggerBegin ?tb ;
         kg:triggerEnd ?te ;
         kg:beginOffset ?sb ;
         kg:endOffset ?se ;
         kg:evidence ?evidence ;
         kg:factuality ?f .
  FILTER (?c != kg:MergedEvent)
  OPTIONAL { ?event kg:time ?time }
  OPTIONAL { ?event kg:attributedTo/rdfs:label ?source }
}"""
_ARGUMENTS = """
SELECT ?event ?role ?b ?e ?text ?entity ?label WHERE {
  ?event prov:wasDerivedFrom DOC .
  { ?event kg:argument ?arg . ?arg kg:roleProperty ?rp .
    BIND (STRAFTER(STR(?rp), "#") AS ?role) }
  UNION { ?event kg:amount ?arg . BIND ("amount" AS ?role) }
  ?arg kg:beginOffset ?b ; kg:endOffset ?e .
  OPTIONAL { ?arg kg:text ?text }
  OPTIONAL { ?arg kg:entity ?entity . ?entity rdfs:label ?label }
}"""


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A marked stretch of the text: ``kind`` is "trigger" or a role name;
    ``event`` the index of its event in :attr:`ArticleView.events`."""

    start: int
    end: int
    kind: str
    event: int


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of text and the marks on all of it."""

    text: str
    kinds: tuple[str, ...]
    events: tuple[int, ...]


@dataclass(frozen=True)
class ArticleView:
    """An article's header, text, events and marks."""

    id: str
    iri: str
    header: dict[str, str]
    text: str | None
    events: tuple[dict[str, Any], ...]
    spans: tuple[Span, ...]

    def segments(self) -> list[Segment]:
        """The text cut at every span's edges (empty when no text is kept)."""
        return segments(self.text or "", self.spans)

    def json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "iri": self.iri,
            "header": self.header,
            "text": self.text,
            "events": list(self.events),
            "marks": [
                {"start": s.start, "end": s.end, "kind": s.kind, "event": s.event}
                for s in self.spans
            ],
        }


def read_article(store: Queryable, article_id: str) -> ArticleView | None:
    """The article with identifier ``article_id``, or None."""
    rows = list(
        store.query(
            _HEADER.replace("?id", str(ox.Literal(article_id))),
            prefixes=PREFIXES,
        )
    )
    if not rows:
        return None
    row = rows[0]
    doc = row["doc"].value
    header = {
        name: row[name].value
        for name in (
            "title",
            "published",
            "agency",
            "publisher",
            "dateline",
            "url",
            "file",
        )
        if row[name] is not None
    }
    text = row["body"].value if row["body"] is not None else None
    node = str(ox.NamedNode(doc))
    events: dict[str, dict[str, Any]] = {}
    sources: dict[str, set[str]] = defaultdict(set)
    for each in select(store, _EVENTS.replace("DOC", node)):
        iri = each["event"].value
        if each["source"] is not None:
            sources[iri].add(each["source"].value)
        events.setdefault(
            iri,
            {
                "event": iri,
                "class": each["c"].value.rsplit("#", 1)[-1],
                "relation": each["relation"].value,
                "trigger": each["trigger"].value,
                "trigger_span": [int(each["tb"].value), int(each["te"].value)],
                "sentence_span": [int(each["sb"].value), int(each["se"].value)],
                "evidence": each["evidence"].value,
                "factuality": each["f"].value.rsplit("#", 1)[-1].lower(),
                "time": each["time"].value if each["time"] is not None else None,
                "arguments": [],
            },
        )
    ordered = sorted(events.values(), key=lambda e: (e["trigger_span"], e["event"]))
    position = {e["event"]: i for i, e in enumerate(ordered)}
    spans = [
        Span(
            e["trigger_span"][0], e["trigger_span"][1], "trigger", position[e["event"]]
        )
        for e in ordered
    ]
    for each in select(store, _ARGUMENTS.replace("DOC", node)):
        iri = each["event"].value
        if iri not in position:
            continue
        start, end = int(each["b"].value), int(each["e"].value)
        role = each["role"].value
        label = each["label"].value if each["label"] is not None else None
        said = each["text"].value if each["text"] is not None else None
        entity = each["entity"].value if each["entity"] is not None else None
        argument = {
            "role": role,
            "span": [start, end],
            "text": said,
            "entity": label,
            "entity_iri": entity,
        }
        if argument not in ordered[position[iri]]["arguments"]:
            ordered[position[iri]]["arguments"].append(argument)
            spans.append(Span(start, end, role, position[iri]))
    for event in ordered:
        event["arguments"].sort(key=lambda a: (a["span"], a["role"]))
        event["according_to"] = sorted(sources.get(event["event"], ()))
    limit = len(text) if text is not None else 0
    kept = tuple(sorted(s for s in spans if 0 <= s.start < s.end <= limit))
    return ArticleView(article_id, doc, header, text, tuple(ordered), kept)


def segments(text: str, spans: tuple[Span, ...] | list[Span]) -> list[Segment]:
    """``text`` cut at every span edge, each piece with the spans covering it."""
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    found = []
    for start, end in itertools.pairwise(cuts):
        covering = [s for s in spans if s.start <= start and end <= s.end]
        kinds = tuple(sorted({s.kind for s in covering}))
        events = tuple(sorted({s.event for s in covering}))
        found.append(Segment(text[start:end], kinds, events))
    return found
