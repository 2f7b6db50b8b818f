"""Plain-data records that cross stage boundaries.

They hold strings, ints and tuples, never spaCy objects, so they outlive the
``Doc``, compare by value and serialise easily.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from kg.resources.ontology import KG  # the one namespace


class EntityType(StrEnum):
    """The closed set of entity classes in ``ontology/kg.ttl``."""

    PERSON = "Person"
    ORGANIZATION = "Organization"
    COUNTRY = "Country"
    PLACE = "Place"
    THING = "Thing"


class Role(StrEnum):
    """Role properties of an n-ary event (``kg:agent`` ... ``kg:instrument``)."""

    AGENT = "agent"
    THEME = "theme"
    RECIPIENT = "recipient"
    TARGET = "target"
    SOURCE = "source"
    PLACE = "place"
    INSTRUMENT = "instrument"


class Factuality(StrEnum):
    """How the text presents an event."""

    ASSERTED = "asserted"
    NEGATED = "negated"
    FUTURE = "future"
    POSSIBLE = "possible"
    EXPECTED = "expected"


class Stance(StrEnum):
    """How a source presents a claim it is the source of."""

    STATED = "stated"
    BELIEVED = "believed"
    ESTIMATED = "estimated"
    DENIED = "denied"


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read from disk.

    ``text`` is the original text; ``body_start``/``body_end`` delimit the part
    that is parsed (header and trailing boilerplate excluded). All offsets used
    downstream point into ``text``.
    """

    id: str
    text: str
    origin: str
    body_start: int = 0
    body_end: int = -1
    title: str | None = None
    date: str | None = None
    publisher: str | None = None
    agency: str | None = None
    dateline: str | None = None
    url: str | None = None
    author: str | None = None

    def __post_init__(self) -> None:
        if not self.id:
            raise ValueError("Article.id must not be empty")
        end = len(self.text) if self.body_end < 0 else self.body_end
        object.__setattr__(self, "body_end", end)
        if not 0 <= self.body_start <= self.body_end <= len(self.text):
            raise ValueError(
                f"Article {self.id}: body offsets {self.body_start}:{end} "
                f"are outside the text (length {len(self.text)})"
            )

    @property
    def body(self) -> str:
        return self.text[self.body_start : self.body_end]


@dataclass(frozen=True, slots=True)
class Problem:
    """An input that could not be used, with where and why; or, with
    ``skipped`` False, a note on an input that was used without one of its
    parts (a date that is no date)."""

    origin: str
    reason: str
    line: int | None = None
    skipped: bool = True

    def __str__(self) -> str:
        where = f"{self.origin}:{self.line}" if self.line is not None else self.origin
        return f"{where}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical entity: one node in the graph."""

    key: str
    label: str
    type: EntityType
    iso2: str | None = None
    iso3: str | None = None
    based_in: str | None = None  # a country the text ties it to: keeps homonyms apart

    def __post_init__(self) -> None:
        if not self.label.strip():
            raise ValueError("Entity.label must not be blank")


@dataclass(frozen=True, slots=True)
class Antecedent:
    """The earlier named mention a pronoun or description was resolved to."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of the article that refers to an entity.

    ``antecedent`` is set when the span is a pronoun or a description ("he",
    "the company") resolved by coreference; its text is then no name.
    """

    entity: Entity
    text: str
    start: int
    end: int
    antecedent: Antecedent | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(
                f"Mention {self.text!r}: bad offsets {self.start}:{self.end}"
            )


@dataclass(frozen=True, slots=True)
class Argument:
    """One filled role of an event."""

    role: Role
    mention: Mention


@dataclass(frozen=True, slots=True)
class TimeValue:
    """A normalised time expression.

    ``value`` is ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` by ``granularity``
    (day, month, year), or ``BEGIN/END`` (two days) for an interval.
    """

    text: str
    value: str
    granularity: str
    start: int
    end: int

    def __post_init__(self) -> None:
        if self.granularity not in {"day", "month", "year", "interval"}:
            raise ValueError(f"TimeValue: unknown granularity {self.granularity!r}")
        if (self.granularity == "interval") != ("/" in self.value):
            raise ValueError(
                f"TimeValue: {self.value!r} does not fit {self.granularity}"
            )

    @property
    def interval(self) -> tuple[str, str] | None:
        """``(begin, end)`` days of an interval, else None."""
        if self.granularity != "interval":
            return None
        begin, end = self.value.split("/")
        return begin, end


@dataclass(frozen=True, slots=True)
class Amount:
    """A quantity or sum of money on an event, with its text and offsets.

    ``unit`` is the counted noun's lemma ("container"); ``currency`` an ISO
    4217 code for money; ``qualifier`` one of at-least, at-most, about,
    additional.
    """

    text: str
    start: int
    end: int
    value: Decimal
    unit: str | None = None
    currency: str | None = None
    qualifier: str | None = None

    def __post_init__(self) -> None:
        if self.qualifier not in {None, "at-least", "at-most", "about", "additional"}:
            raise ValueError(f"Amount: unknown qualifier {self.qualifier!r}")


@dataclass(frozen=True, slots=True)
class Event:
    """An n-ary event with its evidence.

    ``event_class`` is a local name in the ontology (``Supply``, ``Event``);
    ``relation`` is the trigger lemma, kept for generic events.
    """

    article_id: str
    event_class: str
    relation: str
    trigger: str
    trigger_start: int
    trigger_end: int
    sentence: str
    sentence_start: int
    sentence_end: int
    arguments: tuple[Argument, ...]
    factuality: Factuality = Factuality.ASSERTED
    time: TimeValue | None = None
    attributed_to: tuple[Entity, ...] = ()
    confidence: float = 0.5
    extractor: str = "kg.extract.events"
    stance: Stance | None = None
    amounts: tuple[Amount, ...] = ()

    def __post_init__(self) -> None:
        if not self.arguments:
            raise ValueError(f"Event {self.trigger!r} has no arguments")
        if (
            not self.sentence_start
            <= self.trigger_start
            < self.trigger_end
            <= (self.sentence_end)
        ):
            raise ValueError(f"Event {self.trigger!r}: trigger outside its sentence")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"Event confidence {self.confidence} not in [0, 1]")

    def role(self, role: Role) -> tuple[Mention, ...]:
        """The mentions that fill ``role``."""
        return tuple(a.mention for a in self.arguments if a.role is role)


@dataclass(frozen=True, slots=True)
class Filler:
    """A mention that may fill a role of a candidate event: the head token of
    its noun phrase (a Doc token index), the mention read as an actor or, with
    ``place``, as a place, and the roles the rules gave it at this trigger."""

    token: int
    mention: Mention
    place: bool
    rule_roles: tuple[Role, ...]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A word where an event may be stated, with the rules' reading and the
    mentions of its sentence that may fill its roles (see
    :mod:`kg.extract.candidates`). ``trigger`` is a Doc token index; offsets
    are into the article text."""

    trigger: int
    trigger_start: int
    trigger_end: int
    sentence_start: int
    sentence_end: int
    lemma: str
    allowed: tuple[str, ...]
    rule_classes: tuple[str, ...]
    fillers: tuple[Filler, ...]

    def __post_init__(self) -> None:
        if not self.sentence_start <= self.trigger_start < self.trigger_end:
            raise ValueError(f"Candidate {self.lemma!r}: trigger outside its sentence")


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one article."""

    article: Article
    sentences: int
    mentions: tuple[Mention, ...]
    events: tuple[Event, ...]
    words: int = 0


@dataclass(frozen=True, slots=True)
class ArticleGraph:
    """One article's RDF, ready to store or write: its graph IRI and its
    triples as sorted N-Triples lines (each ending in ``" .\\n"``)."""

    graph: str
    triples: tuple[str, ...]
    events: int

    def __post_init__(self) -> None:
        if list(self.triples) != sorted(set(self.triples)):
            raise ValueError("ArticleGraph triples must be sorted and unique")

    def stored(self) -> tuple[str, ...]:
        """The lines a store keeps: the triples and two more on the article
        saying how many triples (these included) and events its graph holds,
        so that listing a store's articles needs no count over them."""
        integer = "<http://www.w3.org/2001/XMLSchema#integer>"
        total = len(self.triples) + 2
        counts = (
            f'<{self.graph}> <{KG}tripleCount> "{total}"^^{integer} .\n',
            f'<{self.graph}> <{KG}eventCount> "{self.events}"^^{integer} .\n',
        )
        return tuple(sorted({*self.triples, *counts}))


# Records read back from the graph: what ``kg path``, ``kg neighbors`` and the
# exports work with. IRIs are plain strings (networkx node keys).


@dataclass(frozen=True, slots=True)
class Node:
    """An entity as stored in the graph."""

    iri: str
    label: str
    type: str
    aliases: tuple[str, ...] = ()
    mentions: int = 0


@dataclass(frozen=True, slots=True)
class Link:
    """One event seen as an edge from its agent to another participant.

    ``role`` is the role ``target`` fills (recipient, target or theme);
    ``themes`` are the labels of what was moved or acted on when the edge
    does not already point at it. ``trigger_at`` is the trigger's offset in
    ``evidence``; ``outlet`` is the agency or publisher of ``article``.
    """

    event: str
    source: str
    target: str
    role: Role
    event_class: str
    relation: str
    trigger: str
    trigger_at: int
    themes: tuple[str, ...]
    time: str | None
    factuality: Factuality
    confidence: float
    evidence: str
    article: str
    published: str | None = None
    outlet: str | None = None

    @property
    def date(self) -> str | None:
        """The event's own time, else the article's publication date."""
        return self.time or self.published


@dataclass(frozen=True, slots=True)
class Hop:
    """One step of a walk: from ``source`` to ``target`` on ``links``' evidence.

    ``forward`` is False when the walk goes against the events' direction
    (``--undirected``); every link then points from ``target`` to ``source``.
    """

    source: Node
    target: Node
    links: tuple[Link, ...]

    def __post_init__(self) -> None:
        if not self.links:
            raise ValueError(
                f"Hop {self.source.label} → {self.target.label}: no evidence"
            )
        ends = {self.source.iri, self.target.iri}
        for link in self.links:
            if {link.source, link.target} != ends:
                raise ValueError(f"Link {link.event} does not join the hop's entities")

    @property
    def forward(self) -> bool:
        """True when the best link points the way the walk goes."""
        return self.links[0].source == self.source.iri


@dataclass(frozen=True, slots=True)
class PathResult:
    """A walk between two entities with the evidence for every hop."""

    hops: tuple[Hop, ...]

    def __post_init__(self) -> None:
        if not self.hops:
            raise ValueError("PathResult needs at least one hop")
        for before, after in zip(self.hops, self.hops[1:], strict=False):
            if before.target.iri != after.source.iri:
                raise ValueError("PathResult hops do not join up")

    @property
    def nodes(self) -> tuple[Node, ...]:
        return (self.hops[0].source, *(hop.target for hop in self.hops))
