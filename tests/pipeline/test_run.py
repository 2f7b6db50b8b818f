"""The seeds end to end with the real model: the events each article must yield."""

from __future__ import annotations

import gc
import time
from pathlib import Path
from typing import cast

import pytest
from rdflib import Graph
from rdflib.query import ResultRow
from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import KGError
from kg.ingest import read_inputs
from kg.learn.predict import Decider
from kg.pipeline.options import BuildOptions
from kg.pipeline.run import build
from kg.records import Article, ArticleGraph, Extraction
from kg.resources.lexicon import Lexicon
from kg.store import Store, open_store
from tests.conftest import SEEDS

pytestmark = pytest.mark.model

PREFIXES = """
PREFIX kg: <https://w3id.org/kgnews/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""


def _events(graph: Graph, cls: str, **roles: str) -> list[dict[str, str]]:
    """Events of ``cls`` whose roles have the given entity labels."""
    patterns = "\n".join(
        f"?e kg:{role} ?{role} . ?{role} rdfs:label ?{role}_label . "
        f'FILTER(STR(?{role}_label) = "{label}")'
        for role, label in roles.items()
    )
    query = (
        PREFIXES
        + f"""
    SELECT ?e ?time ?evidence ?begin ?end ?fact ?src_label WHERE {{
        ?e a kg:{cls} ; kg:evidence ?evidence ; kg:beginOffset ?begin ;
           kg:endOffset ?end ; kg:factuality ?fact .
        {patterns}
        OPTIONAL {{ ?e kg:time ?time }}
        OPTIONAL {{ ?e kg:attributedTo/rdfs:label ?src_label }}
    }}"""
    )
    events: dict[str, dict[str, str]] = {}
    for row in graph.query(query):
        values = {k: str(v) for k, v in row.asdict().items()}  # type: ignore[union-attr]
        event = events.setdefault(values["e"], {**values, "sources": ""})
        if "src_label" in values:
            sources = set(filter(None, event["sources"].split("|"))) | {
                values["src_label"]
            }
            event["sources"] = "|".join(sorted(sources))
    return list(events.values())


def _select(graph: Graph, query: str) -> list[list[str]]:
    return [[str(v) for v in cast(ResultRow, row)] for row in graph.query(query)]


def test_pipeline_seed_north_korea_supplied_missiles_to_russia_per_kirby(
    seed_graph: Graph,
) -> None:
    found = _events(
        seed_graph,
        "Supply",
        agent="North Korea",
        theme="ballistic missile",
        recipient="Russia",
    )
    assert found
    assert any("John Kirby" in e["sources"].split("|") for e in found)
    assert all(e["evidence"] for e in found)


def test_pipeline_seed_launcher_supplied(seed_graph: Graph) -> None:
    assert _events(
        seed_graph,
        "Supply",
        agent="North Korea",
        theme="ballistic missile launcher",
        recipient="Russia",
    )


def test_pipeline_seed_munitions_delivered_in_october_2023(seed_graph: Graph) -> None:
    (event,) = _events(
        seed_graph, "Supply", agent="North Korea", theme="munition", recipient="Russia"
    )
    assert event.get("time") == "2023-10"


def test_pipeline_seed_russia_attacked_ukraine(seed_graph: Graph) -> None:
    fired = _events(
        seed_graph,
        "Attack",
        agent="Russia",
        target="Ukraine",
        theme="ballistic missile",
    )
    assert fired
    times = {
        e.get("time")
        for e in _events(seed_graph, "Attack", agent="Russia", target="Ukraine")
    }
    assert "2023-12-30" in times


def test_pipeline_seed_future_use_is_not_asserted(seed_graph: Graph) -> None:
    found = _events(
        seed_graph, "Attack", agent="Russia", target="civilian infrastructure"
    )
    assert found and all(not e["fact"].endswith("Asserted") for e in found)


def test_pipeline_seed_quote_with_he_said_is_kirbys(seed_graph: Graph) -> None:
    # '"We expect Russia ... we anticipate that Russia will use ...," he said.'
    found = _events(seed_graph, "Event", agent="Russia", theme="missile")
    quoted = [e for e in found if "we anticipate" in e["evidence"]]
    assert quoted
    for event in quoted:
        assert event["sources"] == "John Kirby"
        assert event["fact"].endswith(("Expected", "Future"))


def test_pipeline_seed_denied_targeting_is_negated(seed_graph: Graph) -> None:
    found = _events(seed_graph, "Attack", agent="Russia", target="civilian")
    denied = [e for e in found if "denied targeting" in e["evidence"]]
    assert denied and all(e["fact"].endswith("Negated") for e in denied)
    rows = _select(
        seed_graph,
        PREFIXES
        + """SELECT ?label ?stance WHERE { ?e kg:evidence ?ev ; kg:stance ?stance ;
             a kg:Attack ; kg:target/rdfs:label ?label .
             FILTER(CONTAINS(?ev, "denied targeting")) } ORDER BY ?label""",
    )
    assert rows == [
        ["Ukraine", "https://w3id.org/kgnews/ontology#Stated"],  # "since the invasion"
        ["civilian", "https://w3id.org/kgnews/ontology#Denied"],
    ]


def test_pipeline_seed_recent_days_is_an_interval(seed_graph: Graph) -> None:
    rows = _select(
        seed_graph,
        PREFIXES
        + """SELECT ?b ?e WHERE { ?ev kg:timeText "recent days" ; kg:timeBegin ?b ;
             kg:timeEnd ?e }""",
    )
    assert ["2023-12-28", "2024-01-04"] in rows


def test_pipeline_seed_canonical_nodes(seed_graph: Graph) -> None:
    query = (
        PREFIXES
        + """
    SELECT ?label (COUNT(DISTINCT ?e) AS ?n) WHERE {
        ?e rdfs:label ?label .
        FILTER(?label IN ("North Korea", "John Kirby", "Kirby", "DPRK"))
    } GROUP BY ?label"""
    )
    counts = {r[0]: int(r[1]) for r in _select(seed_graph, query)}
    assert counts == {"North Korea": 1, "John Kirby": 1}
    aliases = {
        row[0]
        for row in _select(
            seed_graph,
            PREFIXES
            + """
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?alt WHERE { ?e rdfs:label "North Korea" ; skos:altLabel ?alt }""",
        )
    }
    assert {"DPRK", "North Korea", "North Korean"} <= aliases


def test_pipeline_seed_no_junk_entities(seed_graph: Graph) -> None:
    labels = {
        r[0]
        for r in _select(
            seed_graph, PREFIXES + "SELECT ?l WHERE { ?e a ?t ; rdfs:label ?l }"
        )
    }
    assert not {"asj", "MENAFN04012024000071011013ID1107686670", "KUNA"} & labels


def test_pipeline_seed_no_event_runs_the_wrong_way(seed_graph: Graph) -> None:
    assert not _events(seed_graph, "Supply", agent="Russia", recipient="North Korea")


def test_pipeline_seed_offsets_match_evidence(seed_build) -> None:  # type: ignore[no-untyped-def]
    dataset, report = seed_build
    assert report.articles == 11 and not report.problems
    from kg.ingest import read_inputs
    from kg.records import Article

    from ..conftest import SEEDS

    texts = {a.id: a.text for a in read_inputs([SEEDS]) if isinstance(a, Article)}
    for row in _select(
        dataset,
        PREFIXES
        + """
        SELECT ?id ?ev ?b ?e WHERE { GRAPH ?g {
            ?x kg:evidence ?ev ; kg:beginOffset ?b ; kg:endOffset ?e ;
               prov:wasDerivedFrom ?a . ?a <https://schema.org/identifier> ?id } }""",
    ):
        article_id, evidence, begin, end = row
        assert texts[article_id][int(begin) : int(end)] == evidence


# (seed article, event class, roles) the extractor must find, one per construction.
SEED_EVENTS = [
    (
        "hague",
        "Supply",
        {"agent": "Netherlands", "theme": "fighter jet", "recipient": "Ukraine"},
    ),
    (
        "hague",
        "Supply",
        {"agent": "Denmark", "theme": "fighter jet", "recipient": "Ukraine"},
    ),
    ("hague", "Supply", {"agent": "Germany", "recipient": "Ukraine"}),
    (
        "hague",
        "Supply",
        {"agent": "Norway", "theme": "artillery shell", "recipient": "Ukraine"},
    ),
    ("sanctions", "Sanction", {"agent": "United States", "target": "company"}),
    ("sanctions", "Sanction", {"agent": "Treasury", "target": "firm"}),
    (
        "sanctions",
        "Supply",
        {"agent": "company", "theme": "drone engine", "recipient": "Russia"},
    ),
    ("sanctions", "Manufacture", {"agent": "company", "theme": "drone"}),
    ("sanctions", "Sanction", {"agent": "European Union", "target": "Iran"}),
    ("cisco", "Acquisition", {"agent": "Cisco Systems", "theme": "splunk"}),
    ("cisco", "Acquisition", {"agent": "Cisco Systems", "theme": "cybersecurity firm"}),
    ("cisco", "Approval", {"agent": "regulator", "theme": "deal"}),
    ("cisco", "Appointment", {"agent": "Cisco Systems", "theme": "Gary Steele"}),
    ("putin", "Visit", {"agent": "Vladimir Putin", "place": "Beijing"}),
    ("putin", "Meeting", {"agent": "Vladimir Putin", "recipient": "Xi Jinping"}),
    ("putin", "Visit", {"agent": "Vladimir Putin", "place": "Harbin"}),
    (
        "vaccine",
        "Approval",
        {"agent": "World Health Organization", "theme": "malaria vaccine"},
    ),
    (
        "vaccine",
        "Development",
        {"agent": "Oxford University", "theme": "malaria vaccine"},
    ),
    (
        "vaccine",
        "Manufacture",
        {"agent": "Serum Institute of India", "theme": "malaria vaccine"},
    ),
    ("toyota", "Appointment", {"agent": "Toyota Motor", "theme": "Koji Sato"}),
    ("toyota", "Appointment", {"agent": "board", "theme": "Koji Sato"}),
    ("kyiv", "Attack", {"agent": "Russia", "target": "Ukraine"}),
    # "Russian forces": a descriptor with its country is the country (issue 9)
    ("kyiv", "Attack", {"agent": "Russia", "target": "power plant"}),
    ("eu", "Approval", {"agent": "European Union"}),
    ("eu", "Funding", {"agent": "International Monetary Fund", "recipient": "Ukraine"}),
    (
        "wire",
        "Supply",
        {"agent": "Turkey", "theme": "bayraktar drone", "recipient": "Poland"},
    ),
    (
        "wire",
        "Supply",
        {
            "agent": "North Korea",
            "theme": "artillery shell",
            "recipient": "Russia",
            "instrument": "sea",
        },
    ),
]


@pytest.mark.parametrize(
    ("seed", "cls", "roles"),
    SEED_EVENTS,
    ids=[f"{s}-{c}-{i}" for i, (s, c, _) in enumerate(SEED_EVENTS)],
)
def test_pipeline_seed_articles_yield_events(
    seed_graph: Graph, seed: str, cls: str, roles: dict[str, str]
) -> None:
    assert _events(seed_graph, cls, **roles), f"{seed}: no {cls} with {roles}"


def test_pipeline_seed_typed_events_all_have_an_actor_as_agent(
    seed_graph: Graph,
) -> None:
    # issue 9: "the systems would be delivered by rail" names no doer, so it
    # is no typed event; every typed event has an agent that can act
    query = (
        PREFIXES
        + """
    SELECT ?e ?cls WHERE {
        ?e a ?cls ; kg:evidence ?evidence .
        FILTER(?cls NOT IN (kg:Event, kg:Statement, kg:MergedEvent))
        FILTER(STRSTARTS(STR(?cls), STR(kg:)))
        FILTER NOT EXISTS {
            ?e kg:agent ?agent .
            { ?agent a kg:Person } UNION { ?agent a kg:Organization }
            UNION { ?agent a kg:Country } UNION { ?agent a kg:Thing }
        }
    }"""
    )
    assert list(seed_graph.query(query)) == []


@pytest.mark.xfail(
    reason="sm model attaches 'from Poland' to 'rail', not the verb (issue 4); "
    "the passive names no doer, so it is no typed event since issue 9"
)
def test_pipeline_seed_rail_delivery_from_poland(seed_graph: Graph) -> None:
    assert _events(seed_graph, "Supply", theme="system", source="Poland")


@pytest.mark.xfail(
    reason="sm model parses 'Moscow' as object of 'as', so 'carries' has no "
    "subject (issue 4)"
)
def test_pipeline_seed_moscow_carries_out_war(seed_graph: Graph) -> None:
    assert _events(
        seed_graph, "Attack", agent="Russia", target="Ukraine", theme="war"
    ) or (
        any(
            "war" in e["evidence"]
            for e in _events(seed_graph, "Attack", agent="Russia", target="Ukraine")
        )
    )


class _SlowStore(Store):
    """A folder store whose writes take ``delay`` seconds each (a slow disk or
    endpoint, so that parsed articles queue up behind them) and whose write
    number ``fail_at`` fails, as a full disk would."""

    def __init__(self, store: Store, *, delay: float = 0.0, fail_at: int = 0) -> None:
        super().__init__(
            store.backend, location=store.location, kind=store.kind, writable=True
        )
        self.delay, self.fail_at, self.writes = delay, fail_at, 0

    def add_article(self, article: ArticleGraph) -> int:
        self.writes += 1
        time.sleep(self.delay)
        if self.writes == self.fail_at:
            raise KGError("No space left on the device")
        return super().add_article(article)


def _stored_ids(location: Path) -> list[str]:
    with open_store(location) as store:
        return sorted(a.id for a in store.articles())


@pytest.mark.parametrize("delay", [0.0, 0.3])
def test_pipeline_store_write_failure_keeps_what_was_reported_stored(
    nlp: Language, tmp_path: Path, delay: float
) -> None:
    """Writes run beside the parse; a failed write stops the build, no write
    runs after it (even with articles queued behind it), and every article
    ``on_article`` was told of is in the store, and nothing else."""
    location = tmp_path / "kg-data"
    reported: list[str] = []
    with open_store(location, create=True) as opened:
        slow = _SlowStore(opened, delay=delay, fail_at=3)
        with pytest.raises(KGError, match="No space left"):
            build(
                sorted(SEEDS.glob("*.txt")),
                slow,
                nlp=nlp,
                on_article=lambda e: reported.append(e.article.id),
            )
        assert slow.writes == 3  # no write after the failed one
    assert len(reported) == 2
    assert _stored_ids(location) == sorted(reported)


@pytest.mark.parametrize("error", [KeyboardInterrupt, KGError])
def test_pipeline_store_interrupted_parse_reports_every_stored_article(
    nlp: Language,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    error: type[BaseException],
) -> None:
    """Ctrl-C (or an error) while the fifth article is extracted, with writes
    queued: the write under way ends, the queued ones are dropped, and the
    build has reported exactly the articles it stored."""
    import kg.pipeline.article as stage

    extract = stage.extract_article
    seen: list[str] = []

    def interrupted(
        doc: Doc, article: Article, lexicon: Lexicon, decider: Decider | None = None
    ) -> Extraction:
        seen.append(article.id)
        if len(seen) == 5:
            raise error("stopped")
        return extract(doc, article, lexicon, decider)

    monkeypatch.setattr(stage, "extract_article", interrupted)
    location = tmp_path / "kg-data"
    reported: list[str] = []
    with open_store(location, create=True) as opened, pytest.raises(error):
        build(
            sorted(SEEDS.glob("*.txt")),
            _SlowStore(opened, delay=0.3),
            nlp=nlp,
            on_article=lambda e: reported.append(e.article.id),
        )
    assert 1 <= len(reported) <= 4
    assert _stored_ids(location) == sorted(reported)


def test_pipeline_store_failed_write_leaves_the_store_free(
    nlp: Language, tmp_path: Path
) -> None:
    """The failed write's error does not keep the store open: it can be
    opened for writing again at once, without the garbage collector."""
    location = tmp_path / "kg-data"
    gc.disable()
    try:
        with open_store(location, create=True) as opened:
            message = ""
            try:  # not pytest.raises: its record of the error would hold the store
                build(
                    sorted(SEEDS.glob("*.txt")), _SlowStore(opened, fail_at=2), nlp=nlp
                )
            except KGError as err:
                message = str(err)
            assert "No space left" in message
        with open_store(location, write=True) as again:
            assert len(again.articles()) == 1
    finally:
        gc.enable()


def test_pipeline_store_reports_articles_in_input_order(
    nlp: Language, tmp_path: Path
) -> None:
    files = sorted(SEEDS.glob("*.txt"))
    reported: list[str] = []
    with open_store(tmp_path / "kg-data", create=True) as store:
        report = build(
            files, store, nlp=nlp, on_article=lambda e: reported.append(e.article.id)
        )
        stored = {a.id for a in store.articles()}
    assert report.articles == len(files) == len(reported)
    assert set(reported) == stored
    expected = [a.id for a in read_inputs(files) if isinstance(a, Article)]
    assert reported == expected


def test_pipeline_store_failed_write_stops_the_workers(tmp_path: Path) -> None:
    """With --workers, a failed write stops the worker processes before the
    error reaches the caller (they would go on parsing queued articles)."""
    import multiprocessing

    location = tmp_path / "kg-data"
    alive: list[multiprocessing.process.BaseProcess] = []
    with open_store(location, create=True) as opened:
        try:
            build(
                sorted(SEEDS.glob("*.txt")),
                _SlowStore(opened, fail_at=2),
                options=BuildOptions(workers=2),
            )
        except KGError:
            alive = multiprocessing.active_children()
        else:
            pytest.fail("the failed write was not raised")
    assert alive == []
