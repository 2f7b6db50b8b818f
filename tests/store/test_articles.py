"""The persistent store: idempotent, incremental, removable, merged, crash-safe."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from spacy.language import Language

from kg.network.summary import network_graph
from kg.pipeline.options import BuildOptions
from kg.pipeline.run import build
from kg.rdf.iri import DEFAULT_BASE
from kg.store import Store, open_store
from kg.store.articles import remove_article, stored_articles
from kg.store.merged import merged_graph
from kg.store.sparql import select

from ..conftest import ROOT, SEEDS

pytestmark = pytest.mark.model
STRIKE = ROOT / "tests" / "data" / "strike"
MERGED = merged_graph(DEFAULT_BASE)
# Graphs derived from all articles: not part of any article.
DERIVED = {MERGED, network_graph(DEFAULT_BASE)}


def _quads(store: Store | ox.Store) -> set[str]:
    local = _local(store)
    return {str(q) for q in local.quads_for_pattern(None, None, None, None)}


def _local(store: Store | ox.Store) -> ox.Store:
    backend = store.backend if isinstance(store, Store) else store
    assert isinstance(backend, ox.Store)
    return backend


def _default_is_union_of_articles(store: Store | ox.Store) -> bool:
    store = _local(store)
    default = {
        str(ox.Triple(q.subject, q.predicate, q.object))
        for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())
    }
    articles = {
        str(ox.Triple(q.subject, q.predicate, q.object))
        for q in store.quads_for_pattern(None, None, None, None)
        if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value not in DERIVED
    }
    return default == articles


def test_persist_rebuild_is_idempotent(nlp: Language, tmp_path: Path) -> None:
    store = open_store(tmp_path / "s", create=True)
    first = build([SEEDS], store, nlp=nlp)
    before = _quads(store)
    second = build([SEEDS], store, nlp=nlp)
    assert first.articles == second.articles == 11
    assert _quads(store) == before
    assert _default_is_union_of_articles(store)


def test_persist_adding_a_folder_adds_its_articles(
    nlp: Language, tmp_path: Path
) -> None:
    store = open_store(tmp_path / "s", create=True)
    build([SEEDS], store, nlp=nlp)
    build([STRIKE], store, nlp=nlp)
    assert len(stored_articles(store)) == 14
    assert _default_is_union_of_articles(store)


def test_persist_remove_takes_what_only_it_supported(
    nlp: Language, tmp_path: Path
) -> None:
    store = open_store(tmp_path / "s", create=True)
    build([SEEDS], store, nlp=nlp)
    kuna = next(a for a in stored_articles(store) if a.id.startswith("MENAFN"))
    kirby = "SELECT * { ?e rdfs:label 'John Kirby' }"
    russia = "SELECT * { ?e rdfs:label 'Russia' }"
    assert list(select(store, kirby)) and list(select(store, russia))
    remove_article(store, kuna.iri)
    assert kuna.iri not in {a.iri for a in stored_articles(store)}
    assert not list(select(store, kirby))  # only the KUNA article names him
    assert list(select(store, russia))  # other articles still do
    assert _default_is_union_of_articles(store)


def test_persist_resume_skips_unchanged_articles(nlp: Language, tmp_path: Path) -> None:
    store = open_store(tmp_path / "s", create=True)
    build([SEEDS], store, nlp=nlp)
    again = build([SEEDS], store, nlp=nlp, options=BuildOptions(resume=True))
    assert (again.articles, again.unchanged) == (0, 11)


def test_persist_same_strike_from_three_articles_is_one_event(
    nlp: Language, tmp_path: Path
) -> None:
    store = open_store(tmp_path / "s", create=True)
    report = build([STRIKE], store, nlp=nlp)
    assert report.merged == 1
    query = f"""SELECT ?m ?n (COUNT(DISTINCT ?doc) AS ?docs) WHERE {{
        GRAPH <{MERGED}> {{ ?m a kg:MergedEvent, kg:Attack ; kg:mentionCount ?n ;
                           kg:agent ?a ; kg:mention ?x }}
        ?a rdfs:label "Russia" .
        ?x prov:wasDerivedFrom ?doc ; kg:target/rdfs:label "Kyiv" .
    }} GROUP BY ?m ?n"""
    [row] = list(select(store, query))
    assert int(row["n"].value) == 3 and int(row["docs"].value) == 3
    from kg.query import resolve_query, run_query, table_rows

    result = run_query(store, resolve_query("merged-events"))
    columns, rows, _ = table_rows(result)  # type: ignore[arg-type]
    kyiv = [dict(zip(columns, row, strict=True)) for row in rows]
    assert [(r["class"], r["agent"], r["other"], r["mentions"]) for r in kyiv] == [
        ("Attack", "Russia", "Kyiv", "3")
    ]
    first = stored_articles(store)[0]
    remove_article(store, first.iri)
    from kg.store.merged import refresh_merged

    assert refresh_merged(store, DEFAULT_BASE) == 1
    [row] = list(select(store, query))
    assert int(row["n"].value) == 2


def test_persist_two_workers_build_the_same_graph(
    nlp: Language, tmp_path: Path
) -> None:
    single, double = tmp_path / "one.trig", tmp_path / "two.trig"
    build([SEEDS], single, nlp=nlp)
    report = build([SEEDS], double, options=BuildOptions(workers=2))
    assert report.articles == 11
    assert single.read_bytes() == double.read_bytes()


def _stored_count(location: Path) -> int:
    """Articles a read-only look at a store being written finds (0 if none yet)."""
    if not location.is_dir():
        return 0
    try:
        return len(stored_articles(ox.Store.read_only(str(location))))
    except Exception:  # the writer may be mid-flush: look again
        return 0


def _wait_for_stored(
    process: subprocess.Popen[str] | subprocess.Popen[bytes], location: Path, count: int
) -> None:
    """Until the build running in ``process`` has stored ``count`` articles
    (or has ended, or two minutes have passed)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.2)
        if _stored_count(location) >= count:
            return


def _copies(folder: Path, count: int) -> None:
    folder.mkdir()
    text = (SEEDS / "kuna-2024-01-04-dprk-missiles.txt").read_text(encoding="utf-8")
    for number in range(count):
        (folder / f"a{number:03d}.txt").write_text(
            text.replace("MENAFN04012024000071011013ID1107686670", f"ID{number:05d}"),
            encoding="utf-8",
        )


def test_persist_sigkill_loses_nothing_stored_and_resumes(tmp_path: Path) -> None:
    articles, location = tmp_path / "articles", tmp_path / "store"
    _copies(articles, 60)
    command = [
        sys.executable,
        "-m",
        "kg",
        "build",
        str(articles),
        "--store",
        str(location),
        "-q",
    ]
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        _wait_for_stored(process, location, 3)
        assert process.poll() is None, "the build finished before it could be killed"
        os.kill(process.pid, signal.SIGKILL)
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
    snapshot = tmp_path / "snapshot"
    shutil.copytree(location, snapshot)
    survivors = stored_articles(ox.Store.read_only(str(snapshot)))
    assert 3 <= len(survivors) < 60
    sizes = {a.triples for a in survivors}
    assert len(sizes) == 1, f"a half-written article: {sizes}"
    done = subprocess.run(
        [*command, "--resume"], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    final = open_store(location)
    stored_now = stored_articles(final)
    assert len(stored_now) == 60 and {a.triples for a in stored_now} == sizes
    assert _default_is_union_of_articles(final)


def test_persist_ctrl_c_names_what_was_stored(tmp_path: Path) -> None:
    """Ctrl-C during a build: exit 130, a message with the number of articles
    stored (every one of them whole), and how to go on."""
    articles, location = tmp_path / "articles", tmp_path / "store"
    _copies(articles, 60)
    command = [sys.executable, "-m", "kg", "build", str(articles), "--store"]
    process = subprocess.Popen(
        [*command, str(location), "-q"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # a Ctrl-C from the terminal, whatever the signal state of the test runner
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        _wait_for_stored(process, location, 3)
        assert process.poll() is None, "the build finished before it could be stopped"
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 130
    match = re.search(r"interrupted: the store holds (\d+) article\(s\), each", err)
    assert match, err
    assert "--resume" in err and "Traceback" not in err
    stored = stored_articles(ox.Store.read_only(str(location)))
    assert len(stored) == int(match.group(1)) >= 3
    assert len({a.triples for a in stored}) == 1


def test_persist_merge_report_with_a_homonym(nlp: Language, tmp_path: Path) -> None:
    from kg.store.namesakes import merge_report

    store = open_store(tmp_path / "s", create=True)
    build([SEEDS, ROOT / "tests" / "data" / "homonyms"], store, nlp=nlp)
    merges, homonyms = merge_report(store)
    north_korea = next(m for m in merges if m.label == "North Korea")
    reasons = dict(north_korea.forms)
    assert reasons["DPRK"] == "country name or code (gazetteer)"
    assert reasons["Pyongyang"] == "capital acting for its country"
    assert north_korea.articles >= 2
    [bank] = [h for h in homonyms if h.label == "First National Bank"]
    assert len(bank.entities) == 2
    assert bank.reason == "tied to different countries: Nigeria, United States"


def test_persist_merge_report_with_entities_without_aliases() -> None:
    """An entity stored with no alternative label at all (as "G7" is in BBC
    business stores) is reported without a crash: GROUP_CONCAT over nothing is
    unbound in Oxigraph, not ""."""
    from kg.store.namesakes import merge_report

    base = "https://w3id.org/kgnews/id/"
    kg_ns, schema = "https://w3id.org/kgnews/ontology#", "https://schema.org/"
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    kind = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    g7 = ox.NamedNode(base + "organization/g7")
    store = ox.Store()
    for number in (1, 2):
        article = ox.NamedNode(f"{base}article/{number}")
        for triple in (
            (article, kind, ox.NamedNode(schema + "NewsArticle")),
            (g7, kind, ox.NamedNode(kg_ns + "Organization")),
        ):
            store.add(ox.Quad(*triple, article))
    store.add(ox.Quad(g7, label, ox.Literal("G7"), ox.DefaultGraph()))
    merges, _ = merge_report(store)
    assert [(m.label, m.articles, m.forms) for m in merges] == [("G7", 2, ())]


def test_persist_dask_cluster_builds_the_same_graph(
    nlp: Language, tmp_path: Path
) -> None:
    from distributed import LocalCluster

    single, distributed = tmp_path / "one.trig", tmp_path / "dask.trig"
    build([SEEDS], single, nlp=nlp)
    with LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        options = BuildOptions(dask=cluster.scheduler_address)
        report = build([SEEDS], distributed, options=options)
    assert report.articles == 11
    assert single.read_bytes() == distributed.read_bytes()


def test_persist_unreachable_dask_scheduler_says_how_to_start_one() -> None:
    from kg.errors import KGError

    with pytest.raises(
        KGError, match=r"Cannot reach the Dask scheduler.*dask scheduler"
    ):
        build([SEEDS], Store.memory(), options=BuildOptions(dask="tcp://127.0.0.1:1"))


def test_persist_two_workers_store_the_same_quads(
    nlp: Language, tmp_path: Path
) -> None:
    one = open_store(tmp_path / "one", create=True)
    two = open_store(tmp_path / "two", create=True)
    build([SEEDS], one, nlp=nlp)
    report = build([SEEDS], two, options=BuildOptions(workers=2))
    assert report.articles == 11
    assert _quads(one) == _quads(two)


def test_persist_articles_carry_their_counts(nlp: Language, tmp_path: Path) -> None:
    from kg.store.articles import _COUNTS
    from kg.store.sparql import select

    store = open_store(tmp_path / "s", create=True)
    build([SEEDS], store, nlp=nlp)
    listed = {a.iri: (a.events, a.triples) for a in stored_articles(store)}
    assert len(listed) == 11
    for iri, counts in listed.items():
        [row] = list(select(store, _COUNTS.replace("?g", f"<{iri}>")))
        assert counts == (int(row["events"].value), int(row["triples"].value))
    # a store written before articles carried their counts is counted
    store.update(
        "PREFIX kg: <https://w3id.org/kgnews/ontology#>\n"
        "DELETE WHERE { GRAPH ?g { ?g kg:tripleCount ?t ; kg:eventCount ?e } } ;\n"
        "DELETE WHERE { ?g kg:tripleCount ?t ; kg:eventCount ?e }"
    )
    recounted = {a.iri: (a.events, a.triples + 2) for a in stored_articles(store)}
    assert recounted == listed
