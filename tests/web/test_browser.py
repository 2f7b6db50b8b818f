"""The pages in a real browser against ``kg serve`` on the seeds.

Each test does what an analyst would (search, read, look at the network),
checks what the page shows, and saves a screenshot to ``out/screenshots/``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ready
from selenium.webdriver.support.ui import WebDriverWait

from tests.conftest import Server, screenshot

pytestmark = pytest.mark.model
WAIT = 20


def wait(driver: Any) -> WebDriverWait[Any]:
    return WebDriverWait(driver, WAIT)


def test_search_dprk_lands_on_north_korea(browser: Any, server: Server) -> None:
    browser.get(server.url + "/")
    box = browser.find_element(By.CSS_SELECTOR, "form.search input[name=q]")
    box.send_keys("DPRK")
    option = wait(browser).until(
        ready.visibility_of_element_located(
            (By.CSS_SELECTOR, "form.search .suggestions li")
        )
    )
    assert "North Korea" in option.text
    screenshot(browser, "search")
    option.click()
    wait(browser).until(ready.title_contains("North Korea"))
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("North Korea")


def test_search_page_lists_matches_and_counts(browser: Any, server: Server) -> None:
    browser.get(server.url + "/?" + urlencode({"q": "dprk"}))
    results = browser.find_elements(By.CSS_SELECTOR, "ol.results li")
    assert results and "North Korea" in results[0].text
    counts = browser.find_element(By.CSS_SELECTOR, "section.counts").text
    assert "Country" in counts and "Person" in counts


def test_entity_lists_missile_supply_to_russia_with_kirbys_quote(
    browser: Any, server: Server
) -> None:
    browser.get(server.url + "/entity?" + urlencode({"e": "North Korea"}))
    rows = browser.find_elements(
        By.CSS_SELECTOR, "table.events tbody tr[data-class=Supply]"
    )
    supplies = []
    for row in rows:
        quote = row.find_element(By.XPATH, "following-sibling::tr[1]").text
        supplies.append((row.text, quote))
    found = [
        (row, quote)
        for row, quote in supplies
        if "Russia" in row and "ballistic missile" in row and "Kirby" in quote
    ]
    assert found, supplies
    row, quote = found[0]
    assert "provided" in quote
    assert "according to" in row and "Kirby" in row
    screenshot(browser, "entity")


def test_entity_filters_by_class_and_time(browser: Any, server: Server) -> None:
    query = {"e": "North Korea", "class": "Supply", "from": "2024-03", "to": "2024-12"}
    browser.get(server.url + "/entity?" + urlencode(query))
    classes = {
        row.get_attribute("data-class")
        for row in browser.find_elements(
            By.CSS_SELECTOR, "table.events tbody tr[data-class]"
        )
    }
    dates = [
        cell.text.split()[0]
        for cell in browser.find_elements(By.CSS_SELECTOR, "table.events td.date")
    ]
    assert classes == {"Supply"}
    assert dates and all(d >= "2024-03" for d in dates), dates


def test_network_draws_nodes_in_the_canvas(browser: Any, server: Server) -> None:
    browser.get(server.url + "/network?" + urlencode({"e": "North Korea", "hops": 2}))
    order = wait(browser).until(
        lambda d: d.execute_script("return window.kgView && window.kgView.graph.order")
    )
    labels = browser.execute_script(
        "return window.kgView.graph.mapNodes((n, a) => a.label)"
    )
    assert order >= 3 and {"North Korea", "Russia", "Ukraine"} <= set(labels)
    # the WebGL canvas holds drawn pixels, not a blank frame
    painted = browser.execute_script(
        """
        const view = window.kgView, canvases = view.renderer.getCanvases();
        const gl = canvases.nodes.getContext('webgl2')
          || canvases.nodes.getContext('webgl');
        view.renderer.refresh();
        const w = gl.drawingBufferWidth, h = gl.drawingBufferHeight;
        const pixels = new Uint8Array(w * h * 4);
        gl.readPixels(0, 0, w, h, gl.RGBA, gl.UNSIGNED_BYTE, pixels);
        let n = 0;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) n++;
        return n;
        """
    )
    assert painted > 100
    screenshot(browser, "network")


def test_network_edge_click_shows_evidence(browser: Any, server: Server) -> None:
    browser.get(server.url + "/network?" + urlencode({"e": "North Korea"}))
    wait(browser).until(lambda d: d.execute_script("return !!window.kgView"))
    # the page's own click handler, as a click on the edge calls it
    browser.execute_script(
        """
        const view = window.kgView;
        const edge = view.graph.edges().find(
          (e) => view.graph.getEdgeAttribute(e, 'event_class') === 'Supply'
            && view.graph.target(e).endsWith('/russia'));
        view.renderer.emit('clickEdge', { edge });
        """
    )
    panel = browser.find_element(By.ID, "evidence")
    assert "North Korea" in panel.text and "Russia" in panel.text
    assert panel.find_elements(By.CSS_SELECTOR, "q.evidence mark.trigger")


def test_network_exports_gexf_of_the_view(browser: Any, server: Server) -> None:
    browser.get(server.url + "/network?" + urlencode({"e": "North Korea"}))
    wait(browser).until(lambda d: d.execute_script("return !!window.kgView"))
    gexf = browser.execute_script("return window.kgView.gexf()")
    assert "<gexf" in gexf and "North Korea" in gexf and "Russia" in gexf
    png = browser.execute_async_script(
        "const done = arguments[0];"
        "window.kgView.png().then((b) => done(b.type + ' ' + b.size));"
    )
    kind, size = png.split()
    assert kind == "image/png" and int(size) > 1000


def test_path_north_korea_russia_ukraine_with_quotes(
    browser: Any, server: Server
) -> None:
    browser.get(server.url + "/path?" + urlencode({"a": "North Korea", "b": "Ukraine"}))
    walks = browser.find_elements(By.CSS_SELECTOR, "section.walk")
    assert walks
    heading = walks[0].find_element(By.TAG_NAME, "h2").text
    assert "North Korea → Russia → Ukraine" in heading
    hops = walks[0].find_elements(By.CSS_SELECTOR, "ol.hops > li")
    assert len(hops) == 2
    sources = []
    for hop in hops:
        assert hop.find_element(By.CSS_SELECTOR, "q.evidence").text
        sources.append(
            hop.find_element(By.CSS_SELECTOR, "cite a").get_attribute("href")
        )
    order = wait(browser).until(
        lambda d: d.execute_script("return window.kgView && window.kgView.graph.order")
    )
    assert order == 3
    screenshot(browser, "path")
    browser.get(sources[0])  # the quote's source opens
    assert browser.find_elements(By.CSS_SELECTOR, "article.text mark.trigger")


def test_article_highlights_the_trigger_provided(browser: Any, server: Server) -> None:
    article = "MENAFN04012024000071011013ID1107686670"
    browser.get(server.url + "/article?" + urlencode({"id": article}))
    marks = browser.find_elements(By.CSS_SELECTOR, "article.text mark.trigger")
    assert "provided" in [m.text for m in marks]
    agents = [
        m.text
        for m in browser.find_elements(By.CSS_SELECTOR, "article.text mark.agent")
    ]
    assert "North Korea" in agents
    header = browser.find_element(By.CSS_SELECTOR, "dl.facts").text
    assert "KUNA" in header and "2024-01-04" in header and "Washington" in header
    screenshot(browser, "article")


def test_sparql_page_runs_who_supplied_whom(browser: Any, server: Server) -> None:
    browser.get(server.url + "/sparql")
    browser.find_element(By.CSS_SELECTOR, "button[data-name=who-supplied-whom]").click()
    assert "kg:Supply" in browser.find_element(By.ID, "query").get_attribute("value")
    browser.find_element(By.ID, "run").click()
    table = wait(browser).until(
        ready.visibility_of_element_located((By.ID, "results-table"))
    )
    headers = [th.text for th in table.find_elements(By.TAG_NAME, "th")]
    rows = table.find_elements(By.CSS_SELECTOR, "tbody tr")
    assert "supplier" in headers and "recipient" in headers
    assert any("North Korea" in r.text and "Russia" in r.text for r in rows)
    screenshot(browser, "sparql")


def test_sparql_page_shows_a_syntax_error(browser: Any, server: Server) -> None:
    browser.get(server.url + "/sparql")
    editor = browser.find_element(By.ID, "query")
    editor.clear()
    editor.send_keys("SELECT WHERE {", Keys.TAB)
    browser.find_element(By.ID, "run").click()
    error = wait(browser).until(
        ready.visibility_of_element_located((By.CSS_SELECTOR, "#results .error"))
    )
    assert "syntax error" in error.text
