"""Builds: cached per map, interruptible, into disk or rdflib memory, driven by the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from benchmarks.generate import generate_corpus
from claims import building
from claims import store as stores
from claims.backends import open_backend
from claims.querying import select_rows

ROOT = Path(__file__).resolve().parent.parent
SUPPORTS = "SELECT ?a ?b { ?a am:supports ?b }"


@pytest.fixture
def corpus(tmp_path) -> list[Path]:
    return generate_corpus(tmp_path / "corpus", 1500, seed=7, per_map=300)


@pytest.fixture
def count_infer(monkeypatch) -> list:
    calls = []
    real = building.infer

    def counting(graph, engine="fast", ontology=None):
        calls.append(engine)
        return real(graph, engine, ontology)

    monkeypatch.setattr(building, "infer", counting)
    return calls


def test_adding_one_map_infers_only_that_map(tmp_path, corpus, count_infer):
    store = tmp_path / "store"
    first = building.build(corpus[:-1], store)
    assert len(count_infer) == len(corpus) - 1
    second = building.build(corpus, store)
    assert len(count_infer) == len(corpus)  # one more call: the new map
    assert second.inferred > first.inferred
    rows = select_rows(open_backend(store), "SELECT (COUNT(*) AS ?n) { ?a am:supports ?b }")
    assert int(rows[0]["n"].value) > 0
    slugs = {r["m"].value for r in select_rows(open_backend(store), "SELECT ?m { ?m a am:ArgumentMap }")}
    assert len(slugs) == len(corpus)


def test_changed_source_text_is_recompiled(tmp_path, corpus, count_infer):
    store = tmp_path / "store"
    building.build(corpus, store)
    source = corpus[0].parent.parent / "sources" / f"{corpus[0].stem}.txt"
    source.write_text(source.read_text(encoding="utf-8") + " ", encoding="utf-8")
    building.build(corpus, store)
    assert len(count_infer) == len(corpus) + 1


def test_cached_build_equals_fresh_build(tmp_path, corpus):
    a, b = tmp_path / "a", tmp_path / "b"
    building.build(corpus, a)
    building.build(corpus, a)  # all from the cache
    building.build(corpus, b, cache_dir=tmp_path / "other-cache")
    dump = "SELECT ?s ?p ?o ?g { GRAPH ?g { ?s ?p ?o } FILTER (!isBlank(?s) && !isBlank(?o)) }"
    rows_a = {tuple(str(v) for v in r.values()) for r in select_rows(open_backend(a), dump)}
    rows_b = {tuple(str(v) for v in r.values()) for r in select_rows(open_backend(b), dump)}
    assert rows_a == rows_b and len(rows_a) > 1500


def test_interrupted_build_keeps_previous_store(tmp_path, corpus):
    store = tmp_path / "store"
    building.build(corpus[:2], store)
    before = stores.current_build(store)

    def interrupt_mid_write(stage, done, total):
        if stage == "store" and done == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        building.build(corpus, store, progress=interrupt_mid_write)
    assert stores.current_build(store) == before
    assert [p.name for p in store.glob("build-*")] == [before.name]
    rows = select_rows(open_backend(store), "SELECT ?m { ?m a am:ArgumentMap }")
    assert len(rows) == 2


def test_memory_backend_answers_like_the_disk_store(tmp_path, corpus):
    disk = tmp_path / "store"
    building.build(corpus, disk)
    building.build(corpus, "memory:test", cache_dir=tmp_path / "cache")
    rows = {tuple(str(v) for v in r.values()) for r in select_rows(open_backend(disk), SUPPORTS)}
    mem = {tuple(str(v) for v in r.values()) for r in select_rows(open_backend("memory:test"), SUPPORTS)}
    assert rows == mem and rows


MAP_TRIPLES = """SELECT DISTINCT ?s ?p ?o {
  GRAPH ?g { ?s ?p ?o } FILTER (!isBlank(?s) && !isBlank(?o) && STRENDS(STR(?g), "/ontology") = false)
}"""
DEFAULT_TRIPLES = "SELECT ?s ?p ?o { ?s ?p ?o FILTER (!isBlank(?s) && !isBlank(?o)) }"


@pytest.mark.parametrize("spec", ["disk", "memory:layout"])
def test_the_default_graph_is_every_map_graph_once_and_not_the_ontology(tmp_path, corpus, spec):
    store = tmp_path / "store" if spec == "disk" else spec
    building.build(corpus, store, cache_dir=tmp_path / "cache")
    backend = open_backend(store)
    in_maps = [tuple(str(v) for v in r.values()) for r in select_rows(backend, MAP_TRIPLES)]
    default = [tuple(str(v) for v in r.values()) for r in select_rows(backend, DEFAULT_TRIPLES)]
    assert sorted(default) == sorted(in_maps) and len(default) > 1500  # each triple once
    ontology = "ASK { am:Statement ?p ?o }"
    assert not bool(backend.query("PREFIX am: <https://w3id.org/argmap/ns#> " + ontology))
    graph = "<https://w3id.org/argmap/graph/ontology>"
    assert bool(
        backend.query(
            f"PREFIX am: <https://w3id.org/argmap/ns#> ASK {{ GRAPH {graph} {{ am:Statement ?p ?o }} }}"
        )
    )


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def test_cli_build_defaults_to_fast_and_owlrl_stays_selectable(tmp_path, pets_map):
    maps = ("--maps", str(pets_map.parent))
    fast = cli("build", *maps, "--store", str(tmp_path / "f"), cwd=tmp_path)
    slow = cli("build", *maps, "--store", str(tmp_path / "s"), "--reasoner", "owlrl", cwd=tmp_path)
    assert fast.returncode == 0 and slow.returncode == 0, fast.stderr + slow.stderr
    assert fast.stdout.split(":", 1)[1] == slow.stdout.split(":", 1)[1]  # same triple counts
    assert fast.stderr == ""  # no progress bar when piped
    q = cli(
        "query",
        "--store",
        str(tmp_path / "f"),
        "--format",
        "csv",
        SUPPORTS.replace("am:", "<https://w3id.org/argmap/ns#").replace("supports", "supports>"),
        cwd=tmp_path,
    )
    assert q.returncode == 0, q.stderr
    assert "pets/survey" in q.stdout


def test_parallel_compile_gives_the_same_store_and_reports_bad_maps(tmp_path, corpus, monkeypatch):
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    building.build(corpus, serial, cache_dir=tmp_path / "c1")
    monkeypatch.setattr(building, "PARALLEL_MIN", 2)
    building.build(corpus, parallel, cache_dir=tmp_path / "c2")
    dump = "SELECT ?s ?p ?o ?g { GRAPH ?g { ?s ?p ?o } FILTER (!isBlank(?s) && !isBlank(?o)) }"
    rows = [
        {tuple(str(v) for v in r.values()) for r in select_rows(open_backend(s), dump)}
        for s in (serial, parallel)
    ]
    assert rows[0] == rows[1]
    bad = corpus[0].parent / "zz-bad.ttl"
    bad.write_text(
        corpus[0].read_text(encoding="utf-8").replace("am:conclusion", "am:premise"), encoding="utf-8"
    )
    with pytest.raises(building.MapError) as e:
        building.build([*corpus, bad], parallel, cache_dir=tmp_path / "c2")
    assert all(p.file == str(bad) for p in e.value.problems) and e.value.problems


def test_a_store_written_in_many_small_loads_equals_one_written_in_one(tmp_path, corpus, monkeypatch):
    from claims import backends
    from claims.cache import Cache

    entries = building.compile_entries(corpus, "fast", Cache(tmp_path / "cache"))
    whole = ox.Store()
    backends.load_entries(whole, entries)
    monkeypatch.setattr(backends, "BATCH_BYTES", 10_000)  # a call every few maps
    pieces = ox.Store()
    seen = []
    backends.load_entries(pieces, entries, progress=lambda stage, done, total: seen.append(done))

    def named(store):  # blank nodes get fresh names in every load
        return {q for q in store if not any(isinstance(t, ox.BlankNode) for t in (q.subject, q.object))}

    assert named(pieces) == named(whole) and len(pieces) == len(whole) > 3000
    assert seen == list(range(1, len(entries) + 1))
