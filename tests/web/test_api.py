"""The JSON API of ``kg serve`` on the seeds, its errors, and a live store."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import urlopen

import pytest

from tests.conftest import ROOT, SEEDS, Server, start_server, write_two_browns

pytestmark = pytest.mark.model


def get(server: Server, path: str, **params: Any) -> tuple[int, dict[str, Any]]:
    url = server.url + path + ("?" + urlencode(params, doseq=True) if params else "")
    try:
        with urlopen(url) as answer:
            assert answer.headers["content-type"] == "application/json"
            return answer.status, json.load(answer)
    except HTTPError as err:
        return err.code, json.load(err)


def test_search_finds_by_alias_prefix(server: Server) -> None:
    status, data = get(server, "/api/search", q="dpr")
    assert status == 200
    assert data["results"][0]["label"] == "North Korea"
    assert data["results"][0]["matched"] == "DPRK"
    _, typed = get(server, "/api/search", q="k", type="Person")
    assert typed["results"] and {r["type"] for r in typed["results"]} == {"Person"}


def test_types_count_entities(server: Server) -> None:
    _, data = get(server, "/api/types")
    assert data["types"]["Country"] >= 10 and "Person" in data["types"]


def test_entity_events_with_sources_and_quotes(server: Server) -> None:
    status, data = get(server, "/api/entity", e="DPRK")
    assert status == 200
    assert data["entity"]["label"] == "North Korea"
    assert "DPRK" in data["entity"]["aliases"]
    supplies = [
        e
        for e in data["events"]
        if e["class"] == "Supply"
        and any(p["label"] == "Russia" for p in e["participants"])
        and any(p["label"] == "ballistic missile" for p in e["participants"])
    ]
    assert supplies
    kirby = [
        e for e in supplies if any("Kirby" in s["label"] for s in e["according_to"])
    ]
    assert kirby
    event = kirby[0]
    start, end = event["trigger_in_evidence"]
    assert event["evidence"][start:end] == event["trigger"] == "provided"
    assert event["role"] == "agent" and event["factuality"] == "asserted"
    why = {m["form"]: m["reason"] for m in data["merged_because"]}
    assert why["DPRK"] == "country name or code (gazetteer)"


def test_entity_filters(server: Server) -> None:
    _, every = get(server, "/api/entity", e="North Korea")
    _, some = get(server, "/api/entity", e="North Korea", **{"class": "Supply"})
    assert some["events_total"] == every["events_total"]
    assert 0 < len(some["events"]) < len(every["events"])
    assert {e["class"] for e in some["events"]} == {"Supply"}
    _, dated = get(server, "/api/entity", e="North Korea", **{"from": "2024-03"})
    assert dated["events"] and all(e["date"] >= "2024-03" for e in dated["events"])


def test_network_one_and_two_hops(server: Server) -> None:
    _, one = get(server, "/api/network", e="North Korea")
    _, two = get(server, "/api/network", e="North Korea", hops=2)
    labels = {n["label"] for n in one["nodes"]}
    assert {"North Korea", "Russia"} <= labels and "Ukraine" not in labels
    assert "Ukraine" in {n["label"] for n in two["nodes"]}
    edge = next(e for e in one["edges"] if e["event_class"] == "Supply")
    assert edge["links"] and edge["links"][0]["evidence"]
    status, source = get(server, "/api/article", id=edge["links"][0]["article"])
    assert status == 200 and edge["links"][0]["evidence"] in source["text"]


def test_network_without_things(server: Server) -> None:
    _, every = get(server, "/api/network", e="North Korea", hops=2)
    _, actors = get(server, "/api/network", e="North Korea", hops=2, things=0)
    assert "Thing" in {n["type"] for n in every["nodes"]}
    assert "Thing" not in {n["type"] for n in actors["nodes"]}
    assert {"North Korea", "Russia", "Ukraine"} <= {n["label"] for n in actors["nodes"]}


def test_path_with_quotes(server: Server) -> None:
    _, data = get(server, "/api/path", a="North Korea", b="Ukraine")
    hops = data["paths"][0]["hops"]
    assert [h["source"]["label"] for h in hops] == ["North Korea", "Russia"]
    assert hops[-1]["target"]["label"] == "Ukraine"
    for hop in hops:
        link = hop["links"][0]
        status, source = get(server, "/api/article", id=link["article"])
        assert status == 200 and link["evidence"] in source["text"]


def test_path_through_things_on_request(server: Server) -> None:
    _, plain = get(server, "/api/path", a="North Korea", b="Ukraine")
    _, things = get(server, "/api/path", a="North Korea", b="Ukraine", things=1)
    assert not plain["via_things"] and things["via_things"]
    assert len(things["paths"]) >= len(plain["paths"])


def test_path_undirected_to_an_entity_without_links_is_no_path(server: Server) -> None:
    """Berlin takes part in no event of the seeds: asked after any undirected
    path (which keeps an undirected copy of the network), it is "no path",
    as it is directed and in `kg path`, never a server error."""
    status, first = get(server, "/api/path", a="North Korea", b="Ukraine", undirected=1)
    assert status == 200 and first["paths"]
    for undirected in (1, 0, 1):
        status, data = get(
            server, "/api/path", a="North Korea", b="Berlin", undirected=undirected
        )
        assert status == 200 and data["paths"] == []


def test_path_mixed_requests_never_fail(server: Server) -> None:
    """A thousand paths between random pairs of entities, directed and not, with and
    without things, in random order: answers or clear refusals (a name of
    several entities is 409), never a 500."""
    import random

    query = (
        "SELECT DISTINCT ?l WHERE { VALUES ?t { kg:Person kg:Country kg:Place "
        "kg:Organization kg:Thing } ?e a ?t ; rdfs:label ?l }"
    )
    with urlopen(server.url + "/sparql?" + urlencode({"query": query})) as answer:
        rows = json.load(answer)["results"]["bindings"]
    names = sorted(row["l"]["value"] for row in rows)
    rng = random.Random(20)
    for _ in range(1000):
        a, b = rng.sample(names, 2)
        status, data = get(
            server,
            "/api/path",
            a=a,
            b=b,
            undirected=rng.choice([0, 1]),
            things=rng.choice([0, 1]),
        )
        assert status in (200, 400, 409), (a, b, data)


def test_article_marks(server: Server) -> None:
    _, data = get(server, "/api/article", id="MENAFN04012024000071011013ID1107686670")
    assert data["header"]["agency"] == "KUNA"
    text = data["text"]
    triggers = {
        text[m["start"] : m["end"]] for m in data["marks"] if m["kind"] == "trigger"
    }
    assert "provided" in triggers
    for event in data["events"]:
        start, end = event["trigger_span"]
        assert text[start:end] == event["trigger"]


def test_article_arguments_name_their_entities(server: Server) -> None:
    _, data = get(server, "/api/article", id="MENAFN04012024000071011013ID1107686670")
    named = [
        a for e in data["events"] for a in e["arguments"] if a["entity"] is not None
    ]
    assert named and all(a["entity_iri"].startswith("https://") for a in named)
    assert any(a["entity"] == "North Korea" for a in named)


def test_entity_counterparts_and_filters_out_and_by_role(server: Server) -> None:
    _, data = get(server, "/api/entity", e="North Korea")
    first = data["counterparts"][0]
    assert first["label"] == "Russia" and first["classes"]["Supply"] >= 1
    counts = [c["events"] for c in data["counterparts"]]
    assert counts == sorted(counts, reverse=True)
    _, without = get(server, "/api/entity", e="North Korea", **{"not": "Supply"})
    assert without["events"] and "Supply" not in {e["class"] for e in without["events"]}
    _, agent = get(server, "/api/entity", e="North Korea", role="agent")
    assert agent["events"] and {e["role"] for e in agent["events"]} == {"agent"}
    _, sure = get(server, "/api/entity", e="North Korea", confidence="0.9")
    assert all(e["confidence"] >= 0.9 for e in sure["events"])
    assert len(sure["events"]) < len(data["events"])


def test_path_can_avoid_places_and_rank_attested(server: Server) -> None:
    _, plain = get(server, "/api/path", a="North Korea", b="Ukraine", undirected=1)
    _, careful = get(
        server, "/api/path", a="North Korea", b="Ukraine", undirected=1, places=0,
        attested=1,
    )  # fmt: skip
    assert plain["via_places"] and not careful["via_places"] and careful["attested"]
    for walk in careful["paths"]:
        inside = [h["target"]["type"] for h in walk["hops"]][:-1]
        assert "Place" not in inside


def test_sparql_vocabulary_for_completion(server: Server) -> None:
    _, prefixes = get(server, "/api/prefixes")
    assert prefixes["kg"] == "https://w3id.org/kgnews/ontology#"
    _, vocabulary = get(server, "/api/vocabulary")
    assert {"kg:Supply", "kg:agent", "rdfs:label"} <= set(vocabulary["terms"])


def test_articles_and_queries(server: Server) -> None:
    _, data = get(server, "/api/articles")
    assert len(data["articles"]) == 11
    dates = [a["date"] for a in data["articles"] if a["date"]]
    assert dates == sorted(dates, reverse=True)  # newest first
    assert all(a["title"] or a["opening"] for a in data["articles"])
    _, some = get(server, "/api/articles", limit=3)
    assert len(some["articles"]) == 3 and some["total"] == data["total"] == 11
    assert {a["id"] for a in some["articles"]} <= {a["id"] for a in data["articles"]}
    _, every = get(server, "/api/articles", limit=3, all=1)
    assert len(every["articles"]) == 11
    _, canned = get(server, "/api/queries")
    assert "who-supplied-whom" in {q["name"] for q in canned["queries"]}


@pytest.mark.parametrize(
    ("path", "params", "status", "words"),
    [
        ("/api/entity", {}, 400, "give an entity"),
        ("/api/entity", {"e": "Atlantis"}, 404, "No entity named"),
        ("/api/entity", {"e": "DPRK", "from": "March"}, 400, "YYYY"),
        ("/api/entity", {"e": "DPRK", "factuality": "maybe"}, 400, "choose from"),
        ("/api/entity", {"e": "DPRK", "from": "2024-13-45"}, 400, "give a date"),
        ("/api/entity", {"e": "DPRK", "to": "2023-02-30"}, 400, "give a date"),
        ("/api/entity", {"e": "DPRK", "class": "Nope"}, 400, "Supply"),
        ("/api/network", {"e": "DPRK", "class": "Nope"}, 400, "no event class"),
        ("/api/entity", {"e": "DPRK", "from": "2024", "to": "2023"}, 400, "swap"),
        ("/api/network", {"e": "DPRK", "hops": "3"}, 400, "from 1 to 2"),
        ("/api/network", {"e": "DPRK", "hops": "x"}, 400, "whole number"),
        ("/api/path", {"a": "DPRK", "b": "North Korea"}, 400, "same entity"),
        ("/api/path", {"a": "DPRK", "b": "Ukraine", "k": "0"}, 400, "from 1 to 10"),
        ("/api/search", {"q": "a", "type": "Planet"}, 400, "choose from"),
        ("/api/article", {"id": "nothing-here"}, 404, "No article"),
        ("/api/article", {}, 400, "give an article"),
        ("/api/entity", {"e": "DPRK", "not": "Nope"}, 400, "no event class"),
        ("/api/entity", {"e": "DPRK", "role": "victim"}, 400, "choose from"),
        ("/api/entity", {"e": "DPRK", "confidence": "2"}, 400, "from 0 to 1"),
        ("/api/entity", {"e": "DPRK", "confidence": "high"}, 400, "from 0 to 1"),
    ],
)
def test_bad_parameters_get_a_message(
    server: Server, path: str, params: dict[str, str], status: int, words: str
) -> None:
    code, data = get(server, path, **params)
    assert code == status
    assert words in data["error"]
    assert "Traceback" not in data["error"]


def test_pages_answer_bad_parameters_with_a_page(server: Server) -> None:
    try:
        urlopen(server.url + "/entity?" + urlencode({"e": "Atlantis"}))
    except HTTPError as err:
        page = err.read().decode()
        assert err.code == 404 and "No entity named" in page and "Traceback" not in page
    else:
        raise AssertionError("an unknown entity answered 200")


def test_new_articles_show_after_a_build(nlp: object, tmp_path: Path) -> None:
    """kg serve keeps answering while kg build writes (and compacts) three
    times, reopens the store each time, and shows the new articles; no
    request fails on the way."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    texts = sorted(SEEDS.glob("*.txt"))
    shutil.copy(texts[0], seeds)
    location = tmp_path / "kg-data"
    kg = [sys.executable, "-m", "kg"]
    subprocess.run([*kg, "build", str(seeds), "--store", str(location), "-q"],
                   check=True, cwd=ROOT)  # fmt: skip
    running = start_server("--store", str(location))
    reads: list[tuple[str, dict[str, object]]] = [
        ("/api/types", {}),
        ("/api/entity", {"e": "Kim Jong Un"}),
        ("/api/network", {"e": "North Korea", "hops": 2}),
        ("/api/path", {"a": "North Korea", "b": "Russia", "undirected": 1}),
        ("/api/search", {"q": "ru"}),
        ("/api/articles", {}),
    ]
    try:
        _, before = get(running, "/api/articles")
        assert len(before["articles"]) == 1
        for round_, text in enumerate(texts[1:4], start=2):
            shutil.copy(text, seeds)
            build = subprocess.Popen(
                [*kg, "build", str(seeds), "--store", str(location), "-q"], cwd=ROOT
            )
            while build.poll() is None:  # reads go on while the build writes
                for path, params in reads:
                    status, data = get(running, path, **params)
                    assert status in (200, 404), (path, data)
                time.sleep(0.1)
            assert build.returncode == 0
            time.sleep(1.2)  # the app looks at the folder at most once a second
            _, after = get(running, "/api/articles")
            assert len(after["articles"]) == round_
    finally:
        running.stop()


def test_serve_over_a_sparql_endpoint(server: Server) -> None:
    """--store URL: a kg serve reading another one's SPARQL endpoint."""
    remote = start_server("--store", server.url)
    try:
        status, data = get(remote, "/api/entity", e="DPRK")
        assert status == 200 and data["entity"]["label"] == "North Korea"
        _, found = get(remote, "/api/path", a="North Korea", b="Ukraine")
        assert found["paths"]
        status, _ = get(remote, "/api/types")
        assert status == 200
    finally:
        remote.stop()


def test_a_surname_lands_on_the_best_attested_entity(tmp_path: Path) -> None:
    """Enter on "Brown" opens Gordon Brown, and his page lists the Brown of
    another article as what the name could also mean."""
    write_two_browns(tmp_path)
    trig = tmp_path / "g.trig"
    subprocess.run(
        [sys.executable, "-m", "kg", "build", str(tmp_path), "-o", str(trig)],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    running = start_server("--data", str(trig))
    try:
        status, data = get(running, "/api/entity", e="Brown")
        assert status == 200 and data["entity"]["label"] == "Gordon Brown"
        assert [n["label"] for n in data["could_also_mean"]] == ["Brown"]
        with urlopen(running.url + "/entity?e=Brown") as answer:
            page = answer.read().decode()
        assert "<h1" in page and "Gordon Brown" in page.split("</h1>")[0]
        assert "The name could also mean" in page and "person%3Abrown" in page
        _, exact = get(running, "/api/entity", e="person:brown")
        assert exact["entity"]["label"] == "Brown" and exact["could_also_mean"] == []
    finally:
        running.stop()
