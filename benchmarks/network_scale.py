"""Query and path latency on a synthetic graph of about 1M triples and 100k entities.

The graph is made of synthetic records (articles, mentions, events) written by
the real RDF stage (:func:`kg.rdf.mapping.add_extraction`), so it has exactly the
shape ``kg build`` produces. Actors are drawn from a Zipf-like distribution,
as in news: a few countries and bodies take part in most events.

Timings are taken after loading: the N-Quads file is loaded with
:func:`kg.store.local.load_data`, the entity graph and name index are built once,
then the canned queries and ``kg path`` run on random entities. Path latency
is also reported as a ratio to bare ``networkx.shortest_path`` on the same
pairs.
"""

from __future__ import annotations

import contextlib
import os
import random
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from itertools import islice
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
from rdflib import Dataset

from kg.network.graph import collapse, entity_graph
from kg.network.paths import find_paths
from kg.query import resolve_query, run_query
from kg.rdf.mapping import add_extraction, bind_prefixes
from kg.records import (
    Argument,
    Article,
    Entity,
    EntityType,
    Event,
    Extraction,
    Factuality,
    Mention,
    Role,
    TimeValue,
)
from kg.resources.lexicon import GENERIC, load_lexicon
from kg.store.entities import EntityIndex
from kg.store.local import load_data
from kg.store.sparql import select

TRIPLES = int(os.environ.get("KG_BENCH_TRIPLES", "1000000"))
ENTITIES = int(os.environ.get("KG_BENCH_ENTITIES", "100000"))
RUNS = 50
PAIRS = 200
# Share of entities by type.
_MIX = (
    (EntityType.COUNTRY, 0.003),
    (EntityType.ORGANIZATION, 0.25),
    (EntityType.PERSON, 0.40),
    (EntityType.PLACE, 0.10),
    (EntityType.THING, 0.247),
)
_ACTORS = {EntityType.COUNTRY, EntityType.ORGANIZATION, EntityType.PERSON}
_SENTENCE = "{a} {verb} {b} {theme} on {day}."


def main() -> int:
    rng = random.Random(0)
    print(f"synthetic graph: target {TRIPLES} triples, {ENTITIES} entities")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "synthetic.nq"
        started = time.perf_counter()
        triples, events = _generate(rng, path)
        print(
            f"generated                {triples} triples, {events} events "
            f"({time.perf_counter() - started:.1f} s)"
        )
        started = time.perf_counter()
        store = load_data([path])
    print(f"load (N-Quads → store)   {time.perf_counter() - started:8.1f} s")
    started = time.perf_counter()
    multi = entity_graph(store)
    graph = collapse(multi)
    index = EntityIndex.of({iri: multi.nodes[iri]["node"] for iri in multi})
    print(
        f"entity graph + index     {time.perf_counter() - started:8.1f} s  "
        f"({graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges)"
    )
    active = sorted(n for n in graph if graph.degree(n) > 0)
    sources = sorted(
        {
            row["s"].value
            for row in select(store, "SELECT DISTINCT ?s { ?e kg:attributedTo ?s }")
        }
    )
    _queries(store, index, rng, active, sources)
    _paths(graph, rng, active)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS                 {peak:8.0f} MB")
    return 0


def _queries(
    store: ox.Store,
    index: EntityIndex,
    rng: random.Random,
    active: list[str],
    sources: list[str],
) -> None:
    print("canned query latency (ms, after loading; target p50 < 100)")
    cases: list[tuple[str, Callable[[], dict[str, str]]]] = [
        ("who-supplied-whom", dict),
        ("events-of", lambda: {"entity": index.nodes[rng.choice(active)].label}),
        ("timeline", lambda: {"entity": index.nodes[rng.choice(active)].label}),
        ("claims-by", lambda: {"source": index.nodes[rng.choice(sources)].label}),
        ("aliases", lambda: {"entity": index.nodes[rng.choice(active)].label}),
        ("aliases (all entities)", dict),
    ]
    for name, params in cases:
        query = resolve_query(name.split(" ")[0])
        times, rows = [], 0
        for _ in range(RUNS if "all" not in name else 5):
            values = params()
            started = time.perf_counter()
            result = run_query(store, query, values, index=lambda: index)
            assert isinstance(result, ox.QuerySolutions)
            rows += len(list(result))
            times.append((time.perf_counter() - started) * 1000)
        p50, p95 = _percentiles(times)
        print(
            f"  {name:24} p50 {p50:8.1f}  p95 {p95:8.1f}  "
            f"({rows / len(times):.0f} rows)"
        )


def _paths(graph: nx.DiGraph[str], rng: random.Random, active: list[str]) -> None:
    pairs = [tuple(rng.sample(active, 2)) for _ in range(PAIRS)]
    print(
        f"kg path latency (ms) over {PAIRS} random pairs of linked entities "
        "(target p50 < 50)"
    )
    for undirected in (False, True):
        times, bare, found = [], [], 0
        view = graph.to_undirected(as_view=True) if undirected else graph
        for source, target in pairs:
            started = time.perf_counter()
            paths = find_paths(graph, source, target, k=3, undirected=undirected)
            times.append((time.perf_counter() - started) * 1000)
            found += bool(paths)
            started = time.perf_counter()
            _bare(view, source, target)
            bare.append((time.perf_counter() - started) * 1000)
        p50, p95 = _percentiles(times)
        b50, b95 = _percentiles(bare)
        mode = "undirected" if undirected else "directed"
        print(f"  {mode:24} p50 {p50:8.2f}  p95 {p95:8.2f}  (found {found}/{PAIRS})")
        print(
            f"  {'  bare networkx, k=3':24} p50 {b50:8.2f}  p95 {b95:8.2f}  "
            f"(kg / bare at p50: {p50 / b50 if b50 else float('nan'):.2f})"
        )


def _bare(graph: nx.Graph[str], source: str, target: str) -> None:
    """The same search in bare networkx: three shortest simple paths, no evidence."""
    with contextlib.suppress(nx.NetworkXNoPath):
        list(islice(nx.shortest_simple_paths(graph, source, target), 3))


def _generate(rng: random.Random, path: Path) -> tuple[int, int]:
    """Write synthetic articles through the RDF stage until TRIPLES is reached."""
    lexicon = load_lexicon()
    classes = sorted(c for c in lexicon.direct if c != GENERIC)
    entities = _entities()
    actors = [e for e in entities if e.type in _ACTORS]
    things = [e for e in entities if e.type is EntityType.THING]
    people = [e for e in entities if e.type is EntityType.PERSON]
    rng.shuffle(actors)
    weights = [1 / (rank + 1) ** 0.9 for rank in range(len(actors))]
    dataset = Dataset(store="Oxigraph")
    bind_prefixes(dataset, "https://w3id.org/kgnews/id/")
    unmentioned = list(entities)
    number = events = 0
    while len(dataset) < TRIPLES:
        batch = [
            _article(
                rng, number + i, classes, actors, weights, things, people, unmentioned
            )
            for i in range(200)
        ]
        for extraction in batch:
            add_extraction(dataset, extraction, lexicon=lexicon)
            events += len(extraction.events)
        number += len(batch)
    inner: ox.Store = dataset.store._inner  # type: ignore[attr-defined]  # oxrdflib
    inner.dump(str(path), format=ox.RdfFormat.N_QUADS)
    return len(dataset), events


def _entities() -> list[Entity]:
    entities = []
    for entity_type, share in _MIX:
        for i in range(int(ENTITIES * share)):
            label = f"{entity_type.value} {i:05d}"
            key = f"{entity_type.value.lower()}:{label.casefold()}"
            entities.append(Entity(key=key, label=label, type=entity_type))
    return entities


def _article(
    rng: random.Random,
    number: int,
    classes: list[str],
    actors: list[Entity],
    weights: list[float],
    things: list[Entity],
    people: list[Entity],
    unmentioned: list[Entity],
) -> Extraction:
    day = f"2024-{1 + number % 12:02d}-{1 + number % 28:02d}"
    article = Article(id=f"synthetic-{number:06d}", text="", origin="bench", date=day)
    text_parts: list[str] = []
    offset = 0
    events: list[Event] = []
    mentions: list[Mention] = []
    for _ in range(rng.randint(2, 5)):
        agent, other = rng.choices(actors, weights, k=2)
        if agent == other:
            continue
        theme = rng.choice(things)
        event_class = rng.choice(classes)
        sentence = _SENTENCE.format(
            a=agent.label,
            verb=event_class.lower(),
            b=other.label,
            theme=theme.label,
            day=day,
        )
        spans = _spans(sentence, offset, (agent.label, other.label, theme.label))
        role = Role.RECIPIENT if event_class in {"Supply", "Funding"} else Role.TARGET
        arguments = tuple(
            Argument(r, Mention(e, e.label, *spans[i]))
            for i, (r, e) in enumerate(
                ((Role.AGENT, agent), (role, other), (Role.THEME, theme))
            )
        )
        mentions.extend(a.mention for a in arguments)
        trigger = offset + len(agent.label) + 1
        events.append(
            Event(
                article_id=article.id,
                event_class=event_class,
                relation=event_class.lower(),
                trigger=event_class.lower(),
                trigger_start=trigger,
                trigger_end=trigger + len(event_class),
                sentence=sentence,
                sentence_start=offset,
                sentence_end=offset + len(sentence),
                arguments=arguments,
                factuality=rng.choice(
                    [Factuality.ASSERTED] * 8 + [Factuality.EXPECTED]
                ),
                time=TimeValue(day, day, "day", offset, offset + 1),
                attributed_to=(rng.choice(people),) if rng.random() < 0.3 else (),
                confidence=0.8,
            )
        )
        text_parts.append(sentence)
        offset += len(sentence) + 1
    # Every entity is mentioned somewhere, as in a real corpus.
    for _ in range(min(len(unmentioned), 20)):
        entity = unmentioned.pop()
        mentions.append(
            Mention(entity, entity.label, offset, offset + len(entity.label))
        )
        offset += len(entity.label) + 1
    return Extraction(
        article=article,
        sentences=len(events),
        mentions=tuple(mentions),
        events=tuple(events),
    )


def _spans(sentence: str, offset: int, words: tuple[str, ...]) -> list[tuple[int, int]]:
    spans, start = [], 0
    for word in words:
        at = sentence.index(word, start)
        spans.append((offset + at, offset + at + len(word)))
        start = at + len(word)
    return spans


def _percentiles(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


if __name__ == "__main__":
    raise SystemExit(main())
