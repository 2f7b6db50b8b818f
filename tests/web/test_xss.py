"""Text from articles is text: script tags, attribute breakouts and template
syntax in names, quotes and headers render inert on every page.

Two stores: one built by the real pipeline from an article full of such text,
and one loaded from RDF whose entity labels, aliases, relation, evidence and
article fields are themselves the payloads (a store can hold any string).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from spacy.language import Language

from tests.conftest import Server, screenshot, start_server

pytestmark = pytest.mark.model

SCRIPT = "<script>window.__xss=1</script>"
BREAKOUT = '"><img src=x onerror="window.__xss=2">'
TEMPLATE = "{{ 7*7 }} {% if true %}T{% endif %}"
ARTICLE = {
    "id": "xss-article",
    "date": "2024-05-02",
    "title": f"Rifles {SCRIPT} {BREAKOUT} {TEMPLATE}",
    "source": f"Desk {BREAKOUT}",
    "text": (
        f"PARIS, May 2 (Wire Desk) - Acme Corp sold {SCRIPT} rifles to Ruritania, "
        f"officials said {BREAKOUT}. Borduria supplied {TEMPLATE} tanks to Syldavia "
        "in April, the ministry said."
    ),
}
RDF = """
@prefix kg: <https://w3id.org/kgnews/ontology#> .
@prefix schema: <https://schema.org/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <https://w3id.org/kgnews/id/> .

id:article\\/evil a schema:NewsArticle ; schema:identifier "evil" ;
  schema:headline LABEL1 ; schema:datePublished "2024-05-02"^^xsd:date ;
  kg:agency LABEL2 ; kg:dateline LABEL3 ; schema:articleBody BODY .
id:country\\/evil a kg:Country ; rdfs:label LABEL1 ; skos:altLabel LABEL2 , "Evilland" .
id:person\\/mallory a kg:Person ; rdfs:label LABEL3 ; skos:altLabel "Mallory" .
id:thing\\/gadget a kg:Thing ; rdfs:label LABEL2 .
id:event\\/e1 a kg:Supply ; prov:wasDerivedFrom id:article\\/evil ;
  kg:agent id:country\\/evil ; kg:recipient id:person\\/mallory ;
  kg:theme id:thing\\/gadget ;
  kg:attributedTo id:person\\/mallory ;
  kg:relation LABEL2 ; kg:triggerText "sold" ; kg:triggerBegin TB ; kg:triggerEnd TE ;
  kg:beginOffset 0 ; kg:endOffset END ; kg:evidence BODY ;
  kg:factuality kg:Asserted ; kg:confidence 0.9 ; kg:time "2024-04"^^xsd:gYearMonth ;
  kg:argument id:event\\/e1\\/agent .
id:event\\/e1\\/agent a kg:Argument ; kg:roleProperty kg:agent ;
  kg:entity id:country\\/evil ;
  kg:beginOffset 0 ; kg:endOffset 5 ; kg:text LABEL1 .
"""
BODY = f"Evil {SCRIPT} sold {BREAKOUT} {TEMPLATE} to Mallory."


def _literal(text: str) -> str:
    return json.dumps(text)  # a JSON string is a valid Turtle string here


@pytest.fixture(scope="module")
def evil_rdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    start = BODY.index("sold")
    text = (
        RDF.replace("LABEL1", _literal(SCRIPT))
        .replace("LABEL2", _literal(BREAKOUT))
        .replace("LABEL3", _literal(TEMPLATE))
        .replace("BODY", _literal(BODY))
        .replace("TB", str(start))
        .replace("TE", str(start + 4))
        .replace("END", str(len(BODY)))
    )
    path = tmp_path_factory.mktemp("xss") / "evil.ttl"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def evil_server(evil_rdf: Path) -> Iterator[Server]:
    running = start_server("--data", str(evil_rdf))
    yield running
    running.stop()


@pytest.fixture(scope="module")
def built_server(
    nlp: Language, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    from kg.pipeline.run import build
    from kg.store import open_store

    folder = tmp_path_factory.mktemp("xss-built")
    source = folder / "wire.jsonl"
    source.write_text(json.dumps(ARTICLE) + "\n", encoding="utf-8")
    location = folder / "kg-data"
    with open_store(location, create=True) as store:
        build([source], store, nlp=nlp)
    running = start_server("--store", str(location))
    yield running
    running.stop()


def assert_inert(browser: Any, name: str) -> str:
    """No payload ran or became markup; returns the page's visible text."""
    assert browser.execute_script("return window.__xss === undefined"), name
    injected = browser.execute_script(
        "return [...document.querySelectorAll('img, script:not([type])')]"
        ".filter((e) => (e.outerHTML || '').includes('__xss')).length"
    )
    assert injected == 0, name
    # the page's data blocks hold the text JSON-escaped: no "<" can close them
    leaky = browser.execute_script(
        "return [...document.querySelectorAll('script[type=\"application/json\"]')]"
        ".filter((e) => e.textContent.includes('<')).length"
    )
    assert leaky == 0, name
    return str(browser.find_element(By.TAG_NAME, "body").text)


EVIL_PAGES = [
    ("search", "/?" + urlencode({"q": "<script>"})),
    ("search-alias", "/?" + urlencode({"q": "Evilland"})),
    ("entity-country", "/entity?" + urlencode({"e": "country:evil"})),
    ("entity-person", "/entity?" + urlencode({"e": "person:mallory"})),
    ("entity-thing", "/entity?" + urlencode({"e": "thing:gadget"})),
    ("network", "/network?" + urlencode({"e": "country:evil", "hops": 2})),
    ("path", "/path?" + urlencode({"a": "country:evil", "b": "person:mallory"})),
    ("article", "/article?id=evil"),
    ("articles", "/articles"),
    ("unknown", "/entity?" + urlencode({"e": SCRIPT})),
    ("bad-parameter", "/network?" + urlencode({"e": "country:evil", "hops": BREAKOUT})),
]


@pytest.mark.parametrize(("name", "path"), EVIL_PAGES)
def test_payload_labels_render_as_text(
    browser: Any, evil_server: Server, name: str, path: str
) -> None:
    browser.get(evil_server.url + path)
    if name == "network":  # the graph view draws the labels too
        browser.execute_script("window.kgView.renderer.refresh()")
    text = assert_inert(browser, name)
    if name not in ("unknown", "bad-parameter", "articles", "search"):
        assert SCRIPT in text or BREAKOUT in text or TEMPLATE in text, text
    assert "49" not in text  # the template syntax was not evaluated
    if name == "entity-country":
        assert SCRIPT in browser.find_element(By.TAG_NAME, "h1").text
        screenshot(browser, "xss-entity")


def test_payloads_in_sparql_results_are_text(browser: Any, evil_server: Server) -> None:
    query = "SELECT ?label WHERE { ?e rdfs:label ?label } ORDER BY ?label"
    browser.get(evil_server.url + "/sparql?" + urlencode({"query": query}))
    browser.implicitly_wait(10)
    browser.find_element(By.CSS_SELECTOR, "#query-editor .CodeMirror").click()
    editor = browser.find_element(By.CSS_SELECTOR, "#query-editor textarea")
    editor.send_keys(Keys.CONTROL, Keys.ENTER)
    browser.find_element(By.CSS_SELECTOR, "#results table tbody tr")
    browser.implicitly_wait(0)
    assert_inert(browser, "sparql")
    cells = browser.execute_script(
        "return [...document.querySelectorAll('#results tbody td')]"
        ".map((td) => td.textContent)"
    )
    # the braces of a literal are kept apart by an invisible word joiner
    text = " ".join(cells).replace("\u2060", "")
    assert SCRIPT in text and BREAKOUT in text and TEMPLATE in text


def test_payload_suggestions_are_text(browser: Any, evil_server: Server) -> None:
    browser.get(evil_server.url + "/")
    browser.find_element(By.CSS_SELECTOR, "form.search input[name=q]").send_keys("Evil")
    browser.implicitly_wait(10)
    option = browser.find_element(By.CSS_SELECTOR, "form.search .suggestions li")
    browser.implicitly_wait(0)
    assert SCRIPT in option.text
    assert_inert(browser, "suggestions")


def test_network_evidence_panel_is_text(browser: Any, evil_server: Server) -> None:
    browser.get(evil_server.url + "/network?" + urlencode({"e": "country:evil"}))
    browser.execute_script(
        "document.getElementById('graph').scrollIntoView({block: 'center'})"
    )
    # a real click at the drawn midpoint of the first link
    x, y = browser.execute_script(
        """
        const v = window.kgView, [a, b] = v.graph.extremities(v.graph.edges()[0]);
        const p = v.position(a), q = v.position(b);
        const r = document.getElementById('graph').getBoundingClientRect();
        return [r.left + (p.x + q.x) / 2, r.top + (p.y + q.y) / 2];
        """
    )
    actions = ActionBuilder(browser)
    pointer: Any = actions.pointer_action  # Selenium's pointer input, untyped
    pointer.move_to_location(round(x), round(y))
    pointer.pause(0.2)
    pointer.click()
    actions.perform()
    browser.implicitly_wait(10)
    browser.find_element(By.CSS_SELECTOR, "#evidence q.evidence")
    browser.implicitly_wait(0)
    panel = browser.find_element(By.ID, "evidence").text
    assert SCRIPT in panel and BREAKOUT in panel
    assert_inert(browser, "network-evidence")


def test_show_file_is_inert(browser: Any, evil_rdf: Path, tmp_path: Path) -> None:
    from kg.web.show import render_view

    output = tmp_path / "evil.html"
    output.write_text(render_view("unused", "country:evil", data=(evil_rdf,)).html)
    browser.get(output.as_uri())
    browser.execute_script("window.kgView.renderer.refresh()")
    text = assert_inert(browser, "show")
    assert SCRIPT in text
    assert browser.execute_script("return window.kgView.graph.order") == 2


def test_pipeline_article_with_payloads(browser: Any, built_server: Server) -> None:
    for path in (
        "/article?id=xss-article",
        "/articles",
        "/?" + urlencode({"q": "Acme"}),
        "/entity?" + urlencode({"e": "Borduria"}),
        "/network?" + urlencode({"e": "Borduria"}),
    ):
        browser.get(built_server.url + path)
        text = assert_inert(browser, path)
        assert "49" not in text.replace("2024", "")
        if path.startswith("/article?"):
            assert SCRIPT in text and BREAKOUT in text and TEMPLATE in text
            assert ARTICLE["title"] in browser.find_element(By.TAG_NAME, "h1").text
            screenshot(browser, "xss-article")


def test_api_json_keeps_payloads_as_strings(evil_server: Server) -> None:
    from urllib.request import urlopen

    with urlopen(evil_server.url + "/api/entity?e=" + quote("country:evil")) as answer:
        assert answer.headers["content-type"].startswith("application/json")
        data = json.load(answer)
    assert data["entity"]["label"] == SCRIPT
    assert data["events"][0]["evidence"] == BODY
