"""kg.rdf.quads writes, byte for byte, the lines of the rdflib route.

The rdflib route is what the store used before: ``add_extraction`` into a
fresh Dataset, serialised as N-Quads by rdflib and re-parsed by Oxigraph, whose
terms give the lines (``_ntriples`` below, as ``kg.persist._ntriples`` did).
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Literal, URIRef
from spacy.language import Language

from kg.ingest import read_inputs
from kg.pipeline.article import extract_articles
from kg.rdf.iri import DEFAULT_BASE
from kg.rdf.mapping import add_extraction
from kg.rdf.quads import _literal, article_triples
from kg.records import (
    Amount,
    Antecedent,
    Argument,
    Article,
    Entity,
    EntityType,
    Event,
    Extraction,
    Factuality,
    Mention,
    Role,
    Stance,
    TimeValue,
)
from kg.resources.lexicon import Lexicon, load_lexicon

from ..conftest import SEEDS

BASE = "https://example.org/kg/"
XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load_lexicon()


def _ntriples(dataset: Dataset, graph: URIRef) -> list[str]:
    """The graph's triples as sorted N-Triples lines (Oxigraph's escaping)."""
    data = dataset.serialize(format="nquads", encoding="utf-8")
    name = ox.NamedNode(str(graph))
    return sorted(
        f"{q.subject} {q.predicate} {q.object} .\n"
        for q in ox.parse(data, format=ox.RdfFormat.N_QUADS)
        if q.graph_name == name
    )


def rdflib_lines(extraction: Extraction, lexicon: Lexicon, base: str) -> list[str]:
    """The article's lines by the rdflib route, sorted and each once."""
    dataset = Dataset()
    graph = add_extraction(dataset, extraction, base=base, lexicon=lexicon)
    return sorted(set(_ntriples(dataset, URIRef(graph.identifier))))


def assert_same(extraction: Extraction, lexicon: Lexicon, base: str = BASE) -> None:
    want = rdflib_lines(extraction, lexicon, base)
    have = article_triples(extraction, base=base, lexicon=lexicon)
    assert have == want, sorted(set(have) ^ set(want))[:10]


# The hand-built article: every kind of triple, and text that needs escaping.
UKRAINE = Entity("country:ukraine", "Ukraine", EntityType.COUNTRY, "UA", "UKR")
# Same IRI as UKRAINE (labels differ in case only): "Ukraine" sorts first, wins.
UKRAINE_LOWER = Entity("country:ukraine-lower", "ukraine", EntityType.COUNTRY)
BANK = Entity(
    "organization:first bank",
    "First Bank",
    EntityType.ORGANIZATION,
    based_in="Nigeria",
)
KIM = Entity("person:kim", 'Kim "Junior" \\ Jong', EntityType.PERSON)
SPEAKER = Entity("person:olena", "Olena Ковальчук", EntityType.PERSON)
DRONES = Entity("thing:北京 drones", "北京 drones 😀", EntityType.THING)
BEIJING = Entity("place:beijing", "Beijing", EntityType.PLACE)

TEXT = (
    'Kim "Junior" \\ Jong said the First Bank sent Ukraine 1,000,000 北京 drones '
    "😀\nworth about $2.50 each.\r\n\tHe praised ukraine\x00 in Beijing\u2028."
)


def span(word: str, start: int = 0) -> tuple[int, int]:
    begin = TEXT.index(word, start)
    return begin, begin + len(word)


def mention(entity: Entity, word: str, antecedent: Antecedent | None = None) -> Mention:
    begin, end = span(word)
    return Mention(entity, TEXT[begin:end], begin, end, antecedent)


KIM_M = mention(KIM, 'Kim "Junior" \\ Jong')
BANK_M = mention(BANK, "First Bank")
UKRAINE_M = mention(UKRAINE, "Ukraine")
UKRAINE_LOWER_M = mention(UKRAINE_LOWER, "ukraine")
DRONES_M = mention(DRONES, "北京 drones")
BEIJING_M = mention(BEIJING, "Beijing")
HE_M = mention(KIM, "He", Antecedent(KIM_M.text, KIM_M.start, KIM_M.end))
# Whitespace-only and multi-line surfaces become altLabels "" and "a b".
SPACES_M = Mention(BEIJING, "  \n ", 0, 4)
LINES_M = Mention(BANK, "First\n  Bank", 0, 5)


def event(
    event_class: str,
    relation: str,
    trigger: str,
    arguments: tuple[Argument, ...],
    **fields: object,
) -> Event:
    begin, end = span(trigger)
    made = Event(
        article_id=ARTICLE.id,
        event_class=event_class,
        relation=relation,
        trigger=trigger,
        trigger_start=begin,
        trigger_end=end,
        sentence=TEXT,
        sentence_start=0,
        sentence_end=len(TEXT),
        arguments=arguments,
    )
    return dataclasses.replace(made, **fields)  # type: ignore[arg-type]


ARTICLE = Article(
    id="hand made/1 é",
    text=TEXT,
    origin="/data/feeds/wire.jsonl:12",
    title='A "quoted" \\ title\nover two lines — é',
    date="2024-01-05",
    publisher="Reuters",
    agency="AFP",
    dateline="KYIV",
    url='https://example.org/a?b=1&c="x"',
)
SUPPLY = event(
    "Supply",
    "send",
    "sent",
    (
        Argument(Role.AGENT, BANK_M),
        Argument(Role.RECIPIENT, UKRAINE_M),
        Argument(Role.THEME, DRONES_M),
        Argument(Role.THEME, DRONES_M),  # the same triples twice
    ),
    time=TimeValue("in January", "2024-01-01/2024-01-31", "interval", 0, 2),
    attributed_to=(SPEAKER, KIM),
    confidence=0.9,
    stance=Stance.STATED,
    amounts=(
        Amount("1,000,000", *span("1,000,000"), Decimal("1E+6"), unit="drone"),
        Amount(
            "about $2.50",
            *span("about $2.50"),
            Decimal("2.50"),
            currency="USD",
            qualifier="about",
        ),
        Amount("-0", 0, 1, Decimal("-0.000"), qualifier="at-least"),
    ),
)
PRAISE = event(
    "Event",
    'praise "\\ é',
    "praised",
    (Argument(Role.AGENT, HE_M), Argument(Role.TARGET, UKRAINE_LOWER_M)),
    time=TimeValue("on 5 January", "2024-01-05", "day", 0, 2),
    confidence=0.1234,
    extractor="kg.extract.hand",
)
MET = event(
    "Meeting",
    "meet",
    "said",
    (Argument(Role.AGENT, KIM_M), Argument(Role.PLACE, BEIJING_M)),
    factuality=Factuality.NEGATED,
    time=TimeValue("in March 2024", "2024-03", "month", 0, 2),
    stance=Stance.DENIED,
    confidence=1.0,
)
WILL_VISIT = event(
    "Visit",
    "visit",
    "worth",
    (Argument(Role.AGENT, KIM_M), Argument(Role.TARGET, UKRAINE_M)),
    factuality=Factuality.FUTURE,
    time=TimeValue("in 2025", "2025", "year", 0, 2),
    stance=Stance.BELIEVED,
    confidence=0.0,
)
MERGED = event(  # an ontology class with no direct property: kg:relatedTo
    "MergedEvent",
    "merge",
    "each",
    (Argument(Role.AGENT, BANK_M), Argument(Role.THEME, DRONES_M)),
    stance=Stance.ESTIMATED,
)
NO_VIEW = event(  # an agent but nobody to link it to
    "Attack", "attack", "drones", (Argument(Role.AGENT, KIM_M),)
)
HAND = Extraction(
    article=ARTICLE,
    sentences=3,
    mentions=(
        KIM_M,
        BANK_M,
        UKRAINE_M,
        UKRAINE_LOWER_M,
        DRONES_M,
        BEIJING_M,
        HE_M,
        SPACES_M,
        LINES_M,
    ),
    events=(SUPPLY, PRAISE, MET, WILL_VISIT, MERGED, NO_VIEW, SUPPLY),
)


def test_quads_hand_built_article_matches_rdflib(lexicon: Lexicon) -> None:
    lines = article_triples(HAND, base=BASE, lexicon=lexicon)
    assert len(lines) > 150
    assert_same(HAND, lexicon)
    assert_same(HAND, lexicon, DEFAULT_BASE)
    text = "".join(lines)
    for expected in (
        f'"1000000"^^<{XSD}decimal>',
        f'"0.900"^^<{XSD}decimal>',
        f'"-0.000"^^<{XSD}decimal>',
        f'"2024-03"^^<{XSD}gYearMonth>',
        f'"2025"^^<{XSD}gYear>',
        '"A \\"quoted\\" \\\\ title\\nover two lines — é"',
        "\\u0000",
        "<https://example.org/kg/relation/",
        "#Believed>",
        'skos/core#altLabel> "" .\n',
        '#altLabel> "First Bank"',
    ):
        assert expected in text, expected


def test_quads_minimal_article_matches_rdflib(lexicon: Lexicon) -> None:
    article = Article(id="a", text="Nothing happened.", origin="a.txt")
    assert_same(Extraction(article, 1, (), ()), lexicon)


@pytest.mark.parametrize(
    "value",
    [
        "2024-01-05",
        "2024-01-05Z",
        "2024-01-05+02:00",
        "2024-01-05-05:00",
        "2024-01-05T10:30:00",
        "-2024-01-05",
        "20240105",
        "2024-1-5",
        "2024-02-30",
        "2024-W01-1",
        "not a date",
    ],
)
def test_quads_dates_normalised_like_rdflib(value: str, lexicon: Lexicon) -> None:
    article = dataclasses.replace(ARTICLE, date=value)
    time = TimeValue("then", value, "day", 0, 2) if "/" not in value else None
    extraction = dataclasses.replace(
        HAND, article=article, events=(dataclasses.replace(SUPPLY, time=time),)
    )
    assert_same(extraction, lexicon)


def test_quads_every_code_point_escaped_like_rdflib(lexicon: Lexicon) -> None:
    """All of Unicode, surrogates included (rdflib writes them as "?")."""
    everything = "".join(map(chr, range(0x110000)))
    article = Article(id="all", text="x", origin="all.txt", title=everything)
    assert_same(Extraction(article, 1, (), ()), lexicon)


PYTHON_VALUES: list[object] = [
    *(0, -7, 10**30, True, False),
    *(0.1, 1e16, 1e-7, -0.0, float("inf"), float("nan")),
    *(Decimal("1E+6"), Decimal("0.10"), Decimal("-0"), Decimal("NaN")),
    "x\\y",
]


@pytest.mark.parametrize("value", PYTHON_VALUES)
def test_quads_python_literals_like_rdflib(value: object) -> None:
    dataset = Dataset()
    name = URIRef("https://example.org/g")
    triple = (URIRef("https://example.org/s"), URIRef("https://example.org/p"))
    dataset.graph(name).add((*triple, Literal(value)))
    (line,) = _ntriples(dataset, name)
    assert line == f"<{triple[0]}> <{triple[1]}> {_literal(value)} .\n"


def test_quads_unknown_ontology_term_raises(lexicon: Lexicon) -> None:
    typo = dataclasses.replace(
        HAND, events=(dataclasses.replace(SUPPLY, event_class="Suply"),)
    )
    with pytest.raises(AttributeError):
        add_extraction(Dataset(), typo, base=BASE, lexicon=lexicon)
    with pytest.raises(AttributeError):
        article_triples(typo, base=BASE, lexicon=lexicon)


@pytest.mark.model
def test_quads_seed_articles_match_rdflib(nlp: Language, lexicon: Lexicon) -> None:
    articles = [a for a in read_inputs([SEEDS]) if isinstance(a, Article)]
    extractions = list(extract_articles(nlp, articles, lexicon=lexicon))
    assert len(extractions) == len(articles) > 10
    assert sum(len(e.events) for e in extractions) > 20
    for extraction in extractions:
        assert_same(extraction, lexicon, DEFAULT_BASE)
