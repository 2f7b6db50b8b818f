"""``kg serve`` as an analyst uses it, on 200 real BBC politics articles.

A store of BBC politics ``001``-``200`` (from the shared benchmarks) is built
once; a browser at 1366×900 reads Tony Blair's page, his network and a path,
with real pointer input, and takes the README's screenshots
(``out/screenshots/bbc-*.png``). Skipped when the benchmarks are absent.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from kg.eval.shared import benchmarks_dir
from tests.conftest import Server, screenshot, start_server

BBC = benchmarks_dir() / "bbc_news" / "articles" / "politics"
pytestmark = [
    pytest.mark.model,
    pytest.mark.skipif(not BBC.is_dir(), reason="shared benchmarks absent"),
]
WIDTH, HEIGHT = 1366, 900


@pytest.fixture(scope="module")
def bbc_server(nlp: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    from kg.pipeline.run import build
    from kg.store import open_store

    location = tmp_path_factory.mktemp("bbc-store") / "kg-data"
    files = [BBC / f"{n:03d}.txt" for n in range(1, 201)]
    with open_store(location, create=True) as store:
        build([p for p in files if p.is_file()], store, nlp=nlp)
    running = start_server("--store", str(location))
    yield running
    running.stop()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    """The browser with a 1366×900 viewport (the README's screenshots)."""
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False},
    )
    yield browser
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def _hover(browser: Any, x: float, y: float) -> None:
    actions = ActionBuilder(browser)
    pointer: Any = actions.pointer_action  # Selenium's pointer input, untyped
    pointer.move_to_location(round(x), round(y))
    pointer.pause(0.15)
    actions.perform()


def test_blair_page_leads_with_his_counterparts(page: Any, bbc_server: Server) -> None:
    page.get(bbc_server.url + "/entity?" + urlencode({"e": "Tony Blair"}))
    section = page.find_element(By.CSS_SELECTOR, "section.counterparts")
    bottom = page.execute_script(
        "return arguments[0].getBoundingClientRect().bottom", section
    )
    assert bottom <= HEIGHT, "the counterparts are below the fold"
    names = [a.text for a in section.find_elements(By.CSS_SELECTOR, "li a.entity")]
    assert len(names) >= 5
    height = page.execute_script("return document.documentElement.scrollHeight")
    assert height < 3 * HEIGHT, f"the page is {height / HEIGHT:.1f} screens long"
    # generic events and statements are folded, typed classes open
    groups = page.find_elements(By.CSS_SELECTOR, "details.group")
    assert groups
    for group in groups:
        generic = group.get_attribute("data-class") in ("Event", "Statement")
        assert (group.get_attribute("open") is None) == generic
    caption = page.find_element(By.CSS_SELECTOR, "figure.timeline figcaption").text
    assert "no date of their own" in caption
    screenshot(page, "bbc-entity")


def test_blair_two_hops_without_things_is_readable(
    page: Any, bbc_server: Server
) -> None:
    page.get(
        bbc_server.url
        + "/network?"
        + urlencode({"e": "Tony Blair", "hops": 2, "things": 0})
    )
    WebDriverWait(page, 30).until(lambda d: d.execute_script("return !!window.kgView"))
    page.execute_script("document.getElementById('graph').scrollIntoView()")
    labels = page.execute_script(
        "return window.kgView.graph.mapEdges((e, a) => a.label)"
    )
    assert labels and not [label for label in labels if label.split(" ×")[0] == "Event"]
    nodes = page.execute_script("return window.kgView.graph.nodes()")
    shown = set(
        page.execute_script("return [...window.kgView.renderer.displayedNodeLabels]")
    )
    hidden = [n for n in nodes if n not in shown]
    # a label not drawn at the default zoom shows when the pointer is on it
    for node in hidden[:8]:
        x, y = page.execute_script(
            """
            const p = window.kgView.position(arguments[0]);
            const r = document.getElementById('graph').getBoundingClientRect();
            return [r.left + p.x, r.top + p.y];
            """,
            node,
        )
        if not (0 <= x < WIDTH and 0 <= y < HEIGHT):
            continue
        _hover(page, x, y)
        hovered = page.execute_script("return window.kgView.state.hovered")
        if hovered != node:  # another node drawn on top of it: that one shows
            continue
        assert page.execute_script(
            "return window.kgView.renderer.getNodeDisplayData(arguments[0]).label",
            node,
        )
    legend = page.find_element(By.ID, "legend").text
    assert "Person" in legend
    _hover(page, 5, 5)
    screenshot(page, "bbc-network")


def test_brown_to_howard_without_places(page: Any, bbc_server: Server) -> None:
    query = {"a": "Tony Blair", "b": "Michael Howard", "undirected": 1, "places": 0}
    page.get(bbc_server.url + "/path?" + urlencode(query))
    walks = page.find_elements(By.CSS_SELECTOR, "section.walk")
    assert walks
    for walk in walks:
        kinds = [
            a.get_attribute("class")
            for a in walk.find_elements(By.CSS_SELECTOR, "ol.hops a.entity")
        ]
        assert not any("t-Place" in k for k in kinds[1:-1])
        assert walk.find_elements(By.CSS_SELECTOR, "q.evidence mark.trigger")
    screenshot(page, "bbc-path")


def test_articles_listing_and_article_links(page: Any, bbc_server: Server) -> None:
    page.get(bbc_server.url + "/articles")
    titles = [a.text for a in page.find_elements(By.CSS_SELECTOR, "table.listing td a")]
    assert titles and not [t for t in titles if t.endswith(".txt")]
    assert titles == sorted(titles, key=str.casefold)  # undated: by headline
    screenshot(page, "bbc-articles")
    page.find_element(By.CSS_SELECTOR, "table.listing td a").click()
    links = page.find_elements(By.CSS_SELECTOR, "ol.article-events a.entity")
    assert links and links[0].get_attribute("href").startswith(
        bbc_server.url + "/entity?"
    )
    screenshot(page, "bbc-article")


def test_sparql_editor_screenshot(page: Any, bbc_server: Server) -> None:
    query = (
        "SELECT ?class (COUNT(?event) AS ?events) WHERE {\n"
        "  ?event a ?class ; kg:evidence ?evidence .\n"
        "} GROUP BY ?class ORDER BY DESC(?events)"
    )
    page.get(bbc_server.url + "/sparql?" + urlencode({"query": query}))
    WebDriverWait(page, 20).until(
        lambda d: d.execute_script("return !!(window.kgSparql && kgSparql.view)")
    )
    page.execute_script("kgSparql.view.run()")
    WebDriverWait(page, 20).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "#results table tbody tr")
    )
    rows = page.find_elements(By.CSS_SELECTOR, "#results table tbody tr")
    assert any("Statement" in r.text for r in rows)
    screenshot(page, "bbc-sparql")


def test_screenshots_are_1366_wide(page: Any, bbc_server: Server) -> None:
    page.get(bbc_server.url + "/")
    path: Path = screenshot(page, "bbc-search")
    header = path.read_bytes()[:24]  # PNG: signature, IHDR length and type, size
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    size = int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")
    assert size == (WIDTH, HEIGHT)
