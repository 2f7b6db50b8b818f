"""Web pages and feeds in: saved files, and URLs served from 127.0.0.1.

The fixtures in ``tests/data/web/`` are pages and feeds written for these
tests (a made-up paper, "The Meridian Courier"), with the menus, captions,
related links, comments and footers real pages have around an article.
"""

from __future__ import annotations

import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from kg.ingest import read_inputs
from kg.pages import feed_articles, is_feed
from kg.records import Article, Problem
from tests.conftest import ROOT

WEB = ROOT / "tests" / "data" / "web"
# words of menus, captions, related links, comments, bylines and footers
CHROME = ("Subscribe", "Most read", "Comments", "Cookie", "Newsletter", "Cranes at",
          "Plumtree", "Celebrity chef", "By Ada", "Home")  # fmt: skip


def _articles(*paths: Path | str) -> tuple[list[Article], list[Problem]]:
    found = list(read_inputs(paths))
    return (
        [a for a in found if isinstance(a, Article)],
        [p for p in found if isinstance(p, Problem)],
    )


def test_pages_saved_html_gives_headline_date_author_and_clean_text() -> None:
    (article,), problems = _articles(WEB / "harbour-deal.html")
    assert not problems
    assert article.title == "Norway and Chile sign port deal"
    assert article.date == "2025-03-14"
    assert article.author == "Ada Lindqvist"
    assert article.publisher == "The Meridian Courier"
    assert article.text.startswith(article.title + "\n\n")
    body = article.text[article.body_start :]
    assert body.startswith("Norway and Chile signed an agreement")
    assert "dockworkers" in body
    assert not [word for word in CHROME if word in article.text]


def test_pages_feeds_give_one_article_per_entry() -> None:
    atom, problems = _articles(WEB / "courier.atom")
    assert not problems
    assert [a.title for a in atom] == [
        "Peru expels two diplomats",
        "Kenya sends police to Haiti",
    ]
    assert [a.date for a in atom] == ["2025-05-01", "2025-05-02"]
    assert atom[0].author == "Lucia Ramos"
    assert "recalled its ambassador" in atom[0].text and "<p>" not in atom[0].text
    (rss,), _ = _articles(WEB / "wire.rss")
    assert rss.title == "Ghana and Togo agree to reopen border"
    assert rss.date == "2025-05-06" and rss.publisher == "Meridian Wire"


def test_pages_ids_are_stable_and_bad_input_is_named() -> None:
    first, _ = _articles(WEB)
    again, _ = _articles(WEB)
    assert [a.id for a in first] == [a.id for a in again]
    assert len({a.id for a in first}) == len(first) == 6
    assert is_feed((WEB / "wire.rss").read_bytes())
    assert not is_feed((WEB / "summit-talks.html").read_bytes())
    (problem,) = feed_articles(b"<html><body>no feed</body></html>", origin="x.xml")
    assert isinstance(problem, Problem) and "not a readable RSS or Atom feed" in str(
        problem.reason
    )


def test_pages_folder_build_stores_each_article_once(
    nlp: Language, tmp_path: Path
) -> None:
    from kg.pipeline.run import build
    from kg.store import open_store
    from kg.store.sparql import select

    location = tmp_path / "kg-data"
    with open_store(location, create=True) as store:
        report = build([WEB], store, nlp=nlp)
        stored = store.articles()
        bodies = {
            str(row["h"].value): str(row["b"].value)
            for row in select(
                store,
                "SELECT ?h ?b WHERE { ?d schema:headline ?h ; schema:articleBody ?b }",
            )
        }
        authors = {
            str(row["a"].value)
            for row in select(store, "SELECT ?a WHERE { ?d schema:author ?a }")
        }
    assert report.articles == 6 and not report.problems
    assert len(stored) == 6
    assert "Norway and Chile sign port deal" in bodies
    assert not [w for body in bodies.values() for w in CHROME if w in body]
    assert {"Ada Lindqvist", "Lucia Ramos", "Tomas Berg"} <= authors


# -- URLs ---------------------------------------------------------------------


class _Site(SimpleHTTPRequestHandler):
    """The fixtures over HTTP; feeds name this server in their links."""

    agents: list[str] = []  # noqa: RUF012 (the test reads what came in)
    paths: list[str] = []  # noqa: RUF012

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, directory=str(WEB), **kwargs)

    def do_GET(self) -> None:
        self.agents.append(self.headers.get("User-Agent", ""))
        self.paths.append(self.path)
        name = self.path.lstrip("/")
        if name.endswith((".atom", ".rss")) and (WEB / name).is_file():
            address: Any = self.server.server_address  # (host, port)
            host = f"http://127.0.0.1:{address[1]}/"
            data = (WEB / name).read_text().replace("http://127.0.0.1/", host)
            body = data.encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/atom+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def log_message(self, format: str, *args: Any) -> None:
        return


@pytest.fixture()
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    import kg.fetching

    monkeypatch.setattr(kg.fetching, "DELAY", 0.0)
    _Site.agents = []
    _Site.paths = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_pages_urls_of_a_feed_and_a_page(site: str) -> None:
    found, problems = _articles(f"{site}/courier.atom", f"{site}/summit-talks.html")
    assert not problems
    assert [a.title for a in found] == [
        "Peru expels two diplomats",
        "Kenya sends police to Haiti",
        "Iceland hosts talks on fishing rights",
    ]
    # the entry with a one-line summary is read from the page it links to
    assert "armoured vehicles" in found[1].text
    assert found[1].url == f"{site}/kenya-haiti.html"
    assert not [w for a in found for w in CHROME if w in a.text]
    assert _Site.agents and all(a.startswith("kg/") for a in _Site.agents)


def test_pages_a_missing_url_is_reported_and_the_rest_read(site: str) -> None:
    found, problems = _articles(f"{site}/nothing-here.html", WEB / "wire.rss")
    assert [a.title for a in found] == ["Ghana and Togo agree to reopen border"]
    (problem,) = problems
    assert problem.origin == f"{site}/nothing-here.html"
    assert "404" in problem.reason and "check the address" in problem.reason


@pytest.mark.model
def test_pages_kg_build_of_a_feed_url_then_resume(site: str, tmp_path: Path) -> None:
    store = tmp_path / "kg-data"
    command = [sys.executable, "-m", "kg", "build", f"{site}/courier.atom",
               f"{site}/summit-talks.html", "--store", str(store)]  # fmt: skip
    env = {"KG_FETCH_DELAY": "0", "PATH": "/usr/bin:/bin"}
    first = subprocess.run(
        command, capture_output=True, text=True, check=False, env=env, cwd=ROOT
    )
    assert first.returncode == 0, first.stderr
    assert re.search(r"articles\s+│\s+3 ", first.stdout), first.stdout
    # each address fetched once (the entry of a short text from its page too)
    assert sorted(_Site.paths) == [
        "/courier.atom",
        "/kenya-haiti.html",
        "/peru-expels.html",
        "/summit-talks.html",
    ]
    asked = len(_Site.paths)
    again = subprocess.run(
        [*command, "--resume"], capture_output=True, text=True, check=False,
        env=env, cwd=ROOT,
    )  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert re.search(r"unchanged \(--resume\)\s+│\s+3 ", again.stdout), again.stdout
    # the feed is read again, and the page its entry without one links to (the
    # entry is stored under its own id); the pages of stored articles are not
    assert _Site.paths[asked:] == ["/courier.atom", "/peru-expels.html"]
