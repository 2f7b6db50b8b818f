"""The pages in a real browser against ``kg serve`` on the seeds.

Each test does what an analyst would (search, read, look at the network),
checks what the page shows, and saves a screenshot to ``out/screenshots/``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import pytest
from selenium.webdriver.common.actions.action_builder import ActionBuilder
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


def _graph_page(browser: Any, server: Server, **query: str) -> Any:
    """Open a network page, wait for the drawing and put it in view."""
    browser.get(server.url + "/network?" + urlencode(query))
    wait(browser).until(lambda d: d.execute_script("return !!window.kgView"))
    browser.execute_script(
        "document.getElementById('graph').scrollIntoView({block: 'center'})"
    )
    return browser.find_element(By.ID, "graph")


def _drawn_at(browser: Any, node: str) -> tuple[int, int]:
    """Where ``node`` is drawn, in the window's CSS pixels."""
    x, y = browser.execute_script(
        """
        const p = window.kgView.position(arguments[0]);
        const r = document.getElementById('graph').getBoundingClientRect();
        return [r.left + p.x, r.top + p.y];
        """,
        node,
    )
    return round(x), round(y)


def _pointer(browser: Any, x: int, y: int, action: str | None = None) -> None:
    """A real pointer: move to (x, y) in the window, then click or double-click."""
    actions = ActionBuilder(browser)
    pointer: Any = actions.pointer_action  # Selenium's pointer input, untyped
    pointer.move_to_location(x, y)
    pointer.pause(0.2)
    if action == "click":
        pointer.click()
    elif action == "double":
        pointer.double_click()
    actions.perform()


def _node(browser: Any, suffix: str) -> str:
    node: str = browser.execute_script(
        "return window.kgView.graph.nodes().find((n) => n.endsWith(arguments[0]))",
        suffix,
    )
    assert node, f"no node ending in {suffix}"
    return node


def test_network_edge_click_shows_evidence(browser: Any, server: Server) -> None:
    _graph_page(browser, server, e="North Korea")
    source, target = _node(browser, "/north-korea"), _node(browser, "/russia")
    (x1, y1), (x2, y2) = _drawn_at(browser, source), _drawn_at(browser, target)
    # a click at the drawn midpoint of the North Korea → Russia link
    _pointer(browser, (x1 + x2) // 2, (y1 + y2) // 2, "click")
    panel = wait(browser).until(
        lambda d: (
            (p := d.find_element(By.ID, "evidence")).find_elements(
                By.CSS_SELECTOR, "q.evidence mark.trigger"
            )
            and p
        )
    )
    assert "North Korea → Russia" in panel.text
    assert "Supply" in panel.text and "%" in panel.text  # class and confidence
    links = panel.find_elements(By.CSS_SELECTOR, "cite a")
    assert links and links[0].get_attribute("href").startswith(server.url + "/article?")


def test_network_node_hover_click_and_double_click(
    browser: Any, server: Server
) -> None:
    _graph_page(browser, server, e="North Korea")
    russia = _node(browser, "/russia")
    x, y = _drawn_at(browser, russia)
    _pointer(browser, x, y)
    assert browser.execute_script("return window.kgView.state.hovered") == russia
    # hovering dims what is not a neighbour: North Korea's label stays
    shown = browser.execute_script(
        "return window.kgView.renderer.getNodeDisplayData(arguments[0]).label",
        _node(browser, "/north-korea"),
    )
    assert shown == "North Korea"
    _pointer(browser, x, y, "click")
    panel = browser.find_element(By.ID, "evidence")
    wait(browser).until(lambda d: "Russia" in panel.text and "Expand" in panel.text)
    assert "Country" in panel.text
    before = browser.execute_script("return window.kgView.graph.order")
    _pointer(browser, x, y, "double")
    wait(browser).until(
        lambda d: d.execute_script("return window.kgView.graph.order") > before
    )
    status = browser.find_element(By.ID, "graph-status")
    wait(browser).until(lambda d: "added around Russia" in status.text)
    labels = browser.execute_script(
        "return window.kgView.graph.mapNodes((n, a) => a.label)"
    )
    assert "Ukraine" in labels
    screenshot(browser, "network-expanded")


def test_network_filters_redraw_without_reload(browser: Any, server: Server) -> None:
    _graph_page(browser, server, e="Russia")
    browser.execute_script("window.notReloaded = true")
    visible = "return window.kgView.visible().edges.length"
    edges = browser.execute_script(visible)
    box = browser.find_element(
        By.CSS_SELECTOR, "#graph-filters input[name=class][value=Supply]"
    )
    box.click()
    fewer = browser.execute_script(visible)
    assert fewer < edges
    assert browser.execute_script("return window.notReloaded") is True
    legend = browser.find_element(By.ID, "legend").text
    assert "Supply" in legend and "Country" in legend
    box.click()
    assert browser.execute_script(visible) == edges


def test_network_search_zoom_and_gexf_evidence(browser: Any, server: Server) -> None:
    _graph_page(browser, server, e="North Korea", hops="2")
    find = browser.find_element(By.ID, "graph-find")
    find.send_keys("ukr", Keys.ENTER)
    assert browser.execute_script("return window.kgView.state.selected").endswith(
        "/ukraine"
    )
    ratio = "return window.kgView.renderer.getCamera().ratio"
    before = browser.execute_script(ratio)
    browser.find_element(By.ID, "zoom-in").click()
    wait(browser).until(lambda d: d.execute_script(ratio) < before)
    gexf = browser.execute_script("return window.kgView.gexf()")
    assert 'for="evidence"' in gexf or "evidence" in gexf
    # each edge carries its confidence and its best evidence: North Korea's
    # supplies to Russia are told by their sentences
    assert "confidence" in gexf and "North Korea had" in gexf


def test_keyboard_only_search_network_and_nodes(browser: Any, server: Server) -> None:
    browser.get(server.url + "/")
    box = browser.find_element(By.CSS_SELECTOR, "form.search input[name=q]")
    box.send_keys("North")
    wait(browser).until(
        ready.visibility_of_element_located(
            (By.CSS_SELECTOR, "form.search .suggestions li")
        )
    )
    box.send_keys(Keys.ARROW_DOWN)
    active = box.get_attribute("aria-activedescendant")
    assert active and "North Korea" in browser.find_element(By.ID, active).text
    box.send_keys(Keys.ENTER)
    wait(browser).until(ready.title_contains("North Korea"))
    # Tab to the "Network" link and follow it
    body = browser.find_element(By.TAG_NAME, "body")
    for _ in range(60):
        body = browser.switch_to.active_element
        if body.text == "Network":
            break
        body.send_keys(Keys.TAB)
    assert browser.switch_to.active_element.text == "Network"
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    wait(browser).until(lambda d: d.execute_script("return !!window.kgView"))
    canvas = browser.find_element(By.ID, "graph")
    for _ in range(40):  # Tab reaches the graph
        if browser.switch_to.active_element == canvas:
            break
        browser.switch_to.active_element.send_keys(Keys.TAB)
    assert browser.switch_to.active_element == canvas
    canvas.send_keys(Keys.ARROW_RIGHT)
    first = browser.execute_script("return window.kgView.state.selected")
    canvas.send_keys(Keys.ARROW_RIGHT)
    second = browser.execute_script("return window.kgView.state.selected")
    assert first and second and first != second
    status = browser.find_element(By.ID, "graph-status").text
    assert status.startswith("Selected ")
    panel = browser.find_element(By.ID, "evidence").text
    assert "Expand neighbours" in panel
    label = browser.execute_script(
        "return window.kgView.graph.getNodeAttribute(arguments[0], 'label')", second
    )
    canvas.send_keys(Keys.ENTER)
    wait(browser).until(ready.title_contains(label))


def test_network_table_view_lists_the_same_links(browser: Any, server: Server) -> None:
    _graph_page(browser, server, e="North Korea")
    edges = browser.execute_script("return window.kgView.graph.size")
    rows = browser.find_elements(By.CSS_SELECTOR, "#links-table tbody tr")
    assert len(rows) == edges
    assert any("Supply" in r.get_attribute("textContent") for r in rows)


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


def _editor(browser: Any) -> Any:
    """The SPARQL editor's input (CodeMirror's textarea), focused by a click."""
    wait(browser).until(
        lambda d: d.execute_script("return !!(window.kgSparql && kgSparql.view)")
    )
    browser.find_element(By.CSS_SELECTOR, "#query-editor .CodeMirror").click()
    return browser.find_element(By.CSS_SELECTOR, "#query-editor .CodeMirror textarea")


def _select_all(element: Any) -> None:
    element.send_keys(Keys.CONTROL, "a")


def test_sparql_page_runs_who_supplied_whom(browser: Any, server: Server) -> None:
    browser.get(server.url + "/sparql")
    editor = _editor(browser)
    browser.find_element(By.CSS_SELECTOR, "button[data-name=who-supplied-whom]").click()
    text = browser.execute_script("return kgSparql.view.yasqe.getValue()")
    assert "kg:Supply" in text and "PREFIX kg:" in text
    browser.find_element(By.CSS_SELECTOR, "#query-editor .CodeMirror").click()
    editor.send_keys(Keys.CONTROL, Keys.ENTER)  # runs the query
    table = wait(browser).until(
        ready.visibility_of_element_located((By.CSS_SELECTOR, "#results table"))
    )
    headers = [th.text for th in table.find_elements(By.TAG_NAME, "th")]
    assert "supplier" in headers and "recipient" in headers
    wait(browser).until(
        lambda d: any(
            "North Korea" in r.text and "Russia" in r.text
            for r in table.find_elements(By.CSS_SELECTOR, "tbody tr")
        )
    )
    # the query is in the address bar: the link shares it
    assert "query=" in browser.current_url and "Supply" in browser.current_url
    shared = browser.current_url
    screenshot(browser, "sparql")
    browser.get(shared)
    _editor(browser)
    assert "kg:Supply" in browser.execute_script(
        "return kgSparql.view.yasqe.getValue()"
    )


def test_sparql_page_sorts_results_and_links_entities(
    browser: Any, server: Server
) -> None:
    query = "SELECT ?e ?name WHERE { ?e a kg:Country ; rdfs:label ?name }"
    browser.get(server.url + "/sparql?" + urlencode({"query": query}))
    editor = _editor(browser)
    editor.send_keys(Keys.CONTROL, Keys.ENTER)
    table = wait(browser).until(
        ready.visibility_of_element_located((By.CSS_SELECTOR, "#results table"))
    )

    def names() -> list[str]:
        return [
            r.find_elements(By.TAG_NAME, "td")[-1].text
            for r in table.find_elements(By.CSS_SELECTOR, "tbody tr")
        ]

    wait(browser).until(lambda d: len(names()) > 2)
    header = [h for h in table.find_elements(By.TAG_NAME, "th") if h.text == "name"]
    header[0].click()
    first = names()
    header[0].click()
    assert names() == list(reversed(first)) or names() != first
    link = table.find_element(By.CSS_SELECTOR, "tbody a[href*='/kgnews/id/']")
    link.click()
    wait(browser).until(lambda d: "/entity?" in d.current_url)


def test_sparql_page_completes_terms(browser: Any, server: Server) -> None:
    browser.get(server.url + "/sparql")
    editor = _editor(browser)
    _select_all(editor)
    editor.send_keys(Keys.DELETE, "SELECT * WHERE { ?e a kg:Sup")
    editor.send_keys(Keys.CONTROL, Keys.SPACE)
    hints = wait(browser).until(
        ready.visibility_of_element_located((By.CSS_SELECTOR, ".CodeMirror-hints"))
    )
    assert "kg:Supply" in hints.text


def test_sparql_page_shows_a_syntax_error(browser: Any, server: Server) -> None:
    browser.get(server.url + "/sparql")
    editor = _editor(browser)
    _select_all(editor)
    editor.send_keys(Keys.DELETE, "SELECT WHERE {")
    browser.execute_script("kgSparql.view.run()")
    error = wait(browser).until(
        ready.visibility_of_element_located((By.CSS_SELECTOR, "#results .errorResult"))
    )
    assert "syntax error" in error.text.lower() or "error" in error.text.lower()


def test_sparql_in_a_browser_opens_the_editor(browser: Any, server: Server) -> None:
    query = "SELECT ?x WHERE { ?x a kg:Supply } LIMIT 3"
    browser.get(server.url + "/sparql?" + urlencode({"query": query}))
    _editor(browser)
    assert "kg:Supply" in browser.execute_script(
        "return kgSparql.view.yasqe.getValue()"
    )
