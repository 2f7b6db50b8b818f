"""Find entities by name: labels, aliases, country codes and IRIs, ignoring case.

``kg path DPRK Ukraine``, ``kg neighbors "north korea"`` and the canned
queries' ``--param entity=...`` all go through :class:`EntityIndex`.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import pyoxigraph as ox

from kg.errors import AmbiguousEntityError, UnknownEntityError
from kg.records import EntityType, Node
from kg.resources.names import family_name
from kg.store.sparql import PREFIXES, Queryable, restrict, select

__all__ = [
    "LISTED",
    "EntityIndex",
    "Resolution",
    "entity_count",
    "find_entity",
    "fold",
    "listing_order",
    "lookup_entity",
    "read_nodes",
    "short_name",
    "top_entities",
]

_TYPES = " ".join(f"kg:{t.value}" for t in EntityType)
_IS_ENTITY = f"FILTER (?type IN ({', '.join(f'kg:{t.value}' for t in EntityType)}))"
# The types as a FILTER, not a VALUES block: with ?e bound by VALUES
# (:func:`restrict`), Oxigraph would otherwise join every entity of each type
# (0.34 s instead of 7 ms for 75 entities of a 2,000-article store).
_ENTITIES = f"""
SELECT ?e ?type ?label ?alias WHERE {{
  ?e a ?type ; rdfs:label ?label .
  {_IS_ENTITY}
  OPTIONAL {{ ?e skos:altLabel ?alias }}
}}"""
# Entities whose label or an alias contains a word (lower case).
_CANDIDATES = f"""
SELECT DISTINCT ?e ?word WHERE {{
  VALUES ?type {{ {_TYPES} }}
  ?e a ?type .
  {{ ?e rdfs:label ?name }} UNION {{ ?e skos:altLabel ?name }}
  FILTER (CONTAINS(LCASE(STR(?name)), ?word))
}}"""
# Entities with a label or alias that folds to ?key (kept by the network graph).
_KEYED = "SELECT DISTINCT ?e ?key WHERE { GRAPH ?g { ?e kg:nameKey ?key } }"
# Entities with ?word as a word of such a key, and whether the store keeps them.
_WORDED = "SELECT DISTINCT ?e ?word WHERE { GRAPH ?g { ?e kg:nameWord ?word } }"
_KEEPS_WORDS = "ASK { GRAPH ?g { ?e kg:nameWord ?word } }"
# How many entities and articles the store keeps list positions for.
LISTED = 1000
# The entities at some list positions.
_LISTED_ENTITIES = f"""
SELECT ?x WHERE {{
  VALUES ?position {{ POSITIONS }}
  GRAPH ?g {{ ?x kg:listPosition ?position . ?g kg:articleDigest ?current }}
  ?x a ?type .
  {_IS_ENTITY}
}}"""
_KEPT_COUNT = """
SELECT ?n WHERE {
  GRAPH ?g { ?g a kg:EntityNetwork ; kg:entityCount ?n ; kg:articleDigest ?current }
}"""
_COUNT_ENTITIES = f"""
SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{
  ?e a ?type .
  {_IS_ENTITY}
}}"""
# Mentions in events: every role an entity fills and every claim it is the source of.
_MENTIONS = """
SELECT ?e (COUNT(DISTINCT ?m) AS ?n) WHERE {
  { ?m kg:entity ?e } UNION { ?m kg:attributedTo ?e }
} GROUP BY ?e"""


def read_nodes(store: Queryable, iris: Iterable[str] | None = None) -> dict[str, Node]:
    """Every entity in the store (or those of ``iris``), keyed by IRI, with its
    aliases and mention count."""
    labels: dict[str, str] = {}
    types: dict[str, str] = {}
    aliases: dict[str, set[str]] = defaultdict(set)
    entities, mentions_of = _ENTITIES, _MENTIONS
    if iris is not None:
        entities, mentions_of = (
            restrict(entities, "e", iris),
            restrict(_MENTIONS, "e", iris),
        )
    for row in select(store, entities):
        iri = _value(row["e"])
        label = _value(row["label"])
        # Labels differing only in case share an IRI; keep the smallest.
        if iri not in labels or label < labels[iri]:
            labels[iri] = label
        types[iri] = _value(row["type"]).rsplit("#", 1)[-1]
        alias = row["alias"]
        if alias is not None:
            aliases[iri].add(_value(alias))
    mentions = {
        _value(row["e"]): int(_value(row["n"])) for row in select(store, mentions_of)
    }
    return {
        iri: Node(
            iri=iri,
            label=labels[iri],
            type=types[iri],
            aliases=tuple(sorted(aliases[iri] - {labels[iri]})),
            mentions=mentions.get(iri, 0),
        )
        for iri in sorted(labels)
    }


def listing_order(nodes: Iterable[Node]) -> list[Node]:
    """Entities as ``kg entities`` lists them: most mentioned first, then by
    label and IRI."""
    return sorted(nodes, key=lambda n: (-n.mentions, n.label, n.iri))


def top_entities(store: Queryable, limit: int | None = None) -> list[Node]:
    """The ``limit`` most mentioned entities (all for None), in
    :func:`listing_order`.

    A store that keeps list positions (see :mod:`kg.network.summary`) is read
    one page at a time, up to :data:`LISTED`; any other, or a longer list, is
    read whole and sorted.
    """
    if limit is not None and limit < 1:
        raise ValueError("limit must be 1 or more")
    if limit is not None and limit <= LISTED:
        positions = " ".join(str(n) for n in range(1, limit + 1))
        page = {
            _value(row["x"])
            for row in select(store, _LISTED_ENTITIES.replace("POSITIONS", positions))
        }
        nodes = read_nodes(store, page) if page else {}
        if len(nodes) == min(limit, entity_count(store)):
            return listing_order(nodes.values())
    return listing_order(read_nodes(store).values())[:limit]


def entity_count(store: Queryable) -> int:
    """How many entities the store holds (kept by its network graph, else
    counted)."""
    for query in (_KEPT_COUNT, _COUNT_ENTITIES):
        for row in select(store, query):
            return int(_value(row["n"]))
    return 0


def find_entity(store: Queryable, name: str) -> Node:
    """The entity ``name`` denotes (see :func:`lookup_entity`)."""
    return lookup_entity(store, name).node


def lookup_entity(store: Queryable, name: str) -> Resolution:
    """The entity ``name`` denotes and the others it could mean, as
    :meth:`EntityIndex.lookup` finds them, reading only the entities whose
    label or alias could match.

    Every label or alias equal to ``name`` (case and spaces aside) contains
    its first word, and so does every full name a surname or initials stand
    for; those entities are indexed and resolved in the same order. A name
    that finds none there (a country by another of its names, an unknown
    name and its suggestions) is resolved against every entity.
    """
    text = " ".join(name.split())
    candidates = {text} if text.startswith(("http://", "https://")) else set()
    # a store that keeps name keys (see kg.network.summary) finds every entity
    # with that exact label or alias at once
    keyed = store.query(
        _KEYED,
        prefixes=PREFIXES,
        substitutions={ox.Variable("key"): ox.Literal(fold(text))},
    )
    assert isinstance(keyed, ox.QuerySolutions)
    candidates |= {_value(row["e"]) for row in keyed}
    folded = fold(text).split(" ")
    # one word may be a surname or initials: the full names hold it too
    words = {folded[0]} if text and (not candidates or len(folded) == 1) else set()
    words.discard("")
    # a store that keeps name words finds them at once; any other scans names
    scan = _CANDIDATES
    if words and store.query(_KEEPS_WORDS, prefixes=PREFIXES):
        scan = _WORDED
    for word in sorted(words):
        rows = store.query(
            scan,
            prefixes=PREFIXES,
            substitutions={ox.Variable("word"): ox.Literal(word)},
        )
        assert isinstance(rows, ox.QuerySolutions)
        candidates |= {_value(row["e"]) for row in rows}
    index = EntityIndex.of(read_nodes(store, candidates))
    if ":" in text and text not in index.nodes and text not in index.shorts:
        index = EntityIndex.from_store(store)  # a type:slug: look it up whole
    if (
        len(folded) == 1
        and text.isupper()
        and not index.short_forms.get(fold(text))
        and not any(node.mentions for node in index.nodes.values())
    ):
        # initials ("GM") share no word with the full name: when nothing read
        # so far is mentioned in an event, read them all
        index = EntityIndex.from_store(store)
    try:
        return index.lookup(text)
    except UnknownEntityError:
        return EntityIndex.from_store(store).lookup(text)


def short_name(iri: str) -> str:
    """The ``type:slug`` form of an entity IRI, as printed in candidate lists.

    Examples:
        >>> short_name("https://w3id.org/kgnews/id/country/north-korea")
        'country:north-korea'
    """
    parts = iri.rstrip("/").rsplit("/", 2)
    return f"{parts[-2]}:{parts[-1]}" if len(parts) == 3 else iri


@dataclass(frozen=True, slots=True)
class EntityIndex:
    """Entities by case-folded label, alias and ``type:slug``.

    Examples:
        >>> n = Node("http://x/country/nk", "North Korea", "Country", ("DPRK",))
        >>> EntityIndex.of({n.iri: n}).resolve("dprk").label
        'North Korea'
    """

    nodes: Mapping[str, Node]
    labels: Mapping[str, tuple[str, ...]]
    aliases: Mapping[str, tuple[str, ...]]
    shorts: Mapping[str, str]
    # a person's surname, an organisation's initials → the entities
    short_forms: Mapping[str, tuple[str, ...]] = field(
        default_factory=lambda: MappingProxyType({})
    )

    @classmethod
    def of(cls, nodes: Mapping[str, Node]) -> EntityIndex:
        """Index ``nodes`` (as returned by :func:`read_nodes`)."""
        labels: dict[str, set[str]] = defaultdict(set)
        aliases: dict[str, set[str]] = defaultdict(set)
        short_forms: dict[str, set[str]] = defaultdict(set)
        for iri, node in nodes.items():
            labels[fold(node.label)].add(iri)
            for alias in node.aliases:
                aliases[fold(alias)].add(iri)
            for form in _short_forms(node):
                short_forms[form].add(iri)

        def frozen(table: dict[str, set[str]]) -> Mapping[str, tuple[str, ...]]:
            return MappingProxyType({k: tuple(sorted(v)) for k, v in table.items()})

        return cls(
            nodes=MappingProxyType(dict(nodes)),
            labels=frozen(labels),
            aliases=frozen(aliases),
            shorts=MappingProxyType({short_name(iri): iri for iri in nodes}),
            short_forms=frozen(short_forms),
        )

    @classmethod
    def from_store(cls, store: Queryable) -> EntityIndex:
        """Index every entity in ``store``."""
        return cls.of(read_nodes(store))

    def resolve(self, name: str) -> Node:
        """The one entity ``name`` denotes (see :meth:`lookup`)."""
        return self.lookup(name).node

    def lookup(self, name: str) -> Resolution:
        """The entity ``name`` denotes, and the others it could mean.

        Tried in order: an IRI or ``type:slug``; every entity the name could
        stand for — a label or alias, a surname ("Brown": Gordon Brown),
        initials ("GM": General Motors) — of which the most mentioned wins
        and the rest are listed in ``others`` (a "Blair" of two mentions
        never wins over Tony Blair of 243, nor one of no mentions over one
        with some); last, a country name or code the gazetteer knows
        ("Democratic People's Republic of Korea" finds North Korea).

        Raises:
            AmbiguousEntityError: Several mentioned entities carry the name as
                their label (namesakes kept apart), or the most mentioned
                candidates are equally mentioned; the message lists them with
                the ``type:slug`` to pass instead.
            UnknownEntityError: Nothing matches; the message suggests close names.
        """
        text = " ".join(name.split())
        iri = text if text in self.nodes else self.shorts.get(text)
        if iri is not None:
            return Resolution(self.nodes[iri])
        key = fold(text)
        could = sorted(
            {
                *self.labels.get(key, ()),
                *self.aliases.get(key, ()),
                *self.short_forms.get(key, ()),
            }
        )
        if could:
            # a name no article mentions never wins over one that is
            pool = [i for i in could if self.nodes[i].mentions > 0] or could
            namesakes = tuple(i for i in pool if i in self.labels.get(key, ()))
            if len(namesakes) > 1:  # one label, several entities kept apart
                raise self._ambiguous(text, namesakes)
            ranked = sorted(pool, key=lambda i: -self.nodes[i].mentions)
            best = self.nodes[ranked[0]].mentions
            tied = tuple(i for i in ranked if self.nodes[i].mentions == best)
            if len(tied) > 1:
                raise self._ambiguous(text, tuple(sorted(tied)))
            return self._resolution(ranked[0], could)
        from kg.resources.gazetteer import load_gazetteer  # only for this fallback

        country = load_gazetteer().country(text)
        if country is not None:
            found = self.labels.get(fold(country.name))
            if found:
                if len(found) > 1:
                    raise self._ambiguous(text, found)
                return Resolution(self.nodes[found[0]])
        suggestions = self.suggest(text)
        hint = (
            f" Did you mean: {', '.join(repr(s) for s in suggestions)}?"
            if suggestions
            else " List the entities with `kg entities` (same --store or --data)."
        )
        raise UnknownEntityError(f"No entity named {text!r}.{hint}", suggestions)

    def _resolution(self, iri: str, could: Iterable[str]) -> Resolution:
        others = sorted(
            (self.nodes[i] for i in could if i != iri),
            key=lambda n: (-n.mentions, n.label, n.iri),
        )
        return Resolution(self.nodes[iri], tuple(others))

    def suggest(self, text: str, limit: int = 5) -> tuple[str, ...]:
        """Labels close to ``text``: fuzzy matches first, then labels containing it."""
        folded = fold(text)
        names = {fold(n.label): n.label for n in self.nodes.values()}
        for node in self.nodes.values():
            for alias in node.aliases:
                names.setdefault(fold(alias), node.label)
        close = difflib.get_close_matches(folded, sorted(names), n=limit, cutoff=0.6)
        found = [names[c] for c in close]
        if folded:
            found += sorted(
                label for key, label in names.items() if folded in key.split()
            )
        return tuple(dict.fromkeys(found))[:limit]

    def _ambiguous(self, text: str, iris: tuple[str, ...]) -> AmbiguousEntityError:
        listing = "; ".join(
            f"{short_name(i)} ({self.nodes[i].label}, {self.nodes[i].type})"
            for i in iris
        )
        return AmbiguousEntityError(
            f"{text!r} names {len(iris)} entities: {listing}. "
            "Pass one of them by its type:slug.",
            tuple(short_name(i) for i in iris),
        )


@dataclass(frozen=True, slots=True)
class Resolution:
    """The entity a name was taken for, and the others it could mean."""

    node: Node
    others: tuple[Node, ...] = ()

    def note(self, name: str) -> str | None:
        """A line telling the user which others ``name`` could mean, if any.

        Examples:
            >>> gb = Node("http://x/person/gordon-brown", "Gordon Brown", "Person",
            ...           ("Brown",), 243)
            >>> b = Node("http://x/person/brown", "Brown", "Person", (), 0)
            >>> note = Resolution(gb, (b,)).note("Brown")
            >>> print(note)  # doctest: +NORMALIZE_WHITESPACE
            'Brown' taken as Gordon Brown (243 mentions); it could also mean
            Brown (person:brown, 0 mentions)
        """
        if not self.others:
            return None
        listed = ", ".join(
            f"{n.label} ({short_name(n.iri)}, {_mentions(n.mentions)})"
            for n in self.others[:5]
        )
        more = f" and {len(self.others) - 5} more" if len(self.others) > 5 else ""
        return (
            f"{' '.join(name.split())!r} taken as {self.node.label} "
            f"({_mentions(self.node.mentions)}); it could also mean {listed}{more}"
        )


def _mentions(count: int) -> str:
    return f"{count} mention{'' if count == 1 else 's'}"


def _short_forms(node: Node) -> tuple[str, ...]:
    """The surname of a person's full name; the initials of an organisation
    of two or more capitalised words ("GM" for General Motors)."""
    words = node.label.split()
    if len(words) < 2:
        return ()
    if node.type == EntityType.PERSON.value:
        return (fold(family_name(node.label)),)
    if node.type == EntityType.ORGANIZATION.value:
        capitals = [w for w in words if w[:1].isupper()]
        if len(capitals) >= 2:
            return (fold("".join(w[0] for w in capitals)),)
    return ()


def fold(text: str) -> str:
    """A name as lookups compare it: case-folded, single spaces."""
    return " ".join(text.casefold().split())


def _value(term: Any) -> str:
    """The lexical value of a NamedNode, BlankNode or Literal."""
    return str(term.value)
