"""The worker pool: results, limits, and runaway queries that never starve quick ones."""

from __future__ import annotations

import http.server
import json
import os
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pyoxigraph as ox
import pytest

from claims.building import build_memory
from server.executor import (
    QueryBusy,
    QueryCrashed,
    QueryPool,
    QuerySyntaxError,
    QueryTimeout,
    QueryTooLarge,
)
from server.guard import QueryRefused, vet_query
from server.limits import Limits
from server.worker import Job, execute

QUICK = "SELECT ?t WHERE { ?s <https://w3id.org/argmap/ns#text> ?t } LIMIT 3"
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
REGEX = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i "
    'FILTER(REGEX(CONCAT(STR(?c), STR(?f), STR(?i)), "^(a|aa|a?a)+(b|bb)+$", "i")) }'
)
DOUBLING = " ".join(f"BIND(CONCAT(?v{i}, ?v{i}) AS ?v{i + 1})" for i in range(24))
CONCAT = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?a ?b ?c . ?d ?e ?f BIND(STR(?c) AS ?v0) {DOUBLING} }}"
REPLACE = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i "
    'FILTER(STRLEN(REPLACE(CONCAT(STR(?c), STR(?f), STR(?i)), "(.)", "$1$1$1$1")) < 0) }'
)
RUNAWAYS = [CARTESIAN, REGEX, CONCAT, REPLACE]
XSD_INT = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")


@pytest.fixture(scope="module")
def store(pets_map_module) -> ox.Store:
    return build_memory([pets_map_module])


@pytest.fixture(scope="module")
def pets_map_module():
    from tests.conftest import FIXTURES

    return FIXTURES / "maps" / "pets.ttl"


@pytest.fixture(scope="module")
def pool(store):
    with QueryPool(store, Limits(timeout=6, workers=6, max_long=4, max_rows=50)) as p:
        yield p


def test_select_in_every_results_format(pool):
    r = pool.run(QUICK)
    doc = json.loads(r.body)
    assert (r.form, r.rows, r.truncated) == ("select", 3, False)
    assert doc["head"]["vars"] == ["t"] and len(doc["results"]["bindings"]) == 3
    csv = pool.run(QUICK, results_format="text/csv")
    assert csv.media_type.startswith("text/csv") and csv.body.startswith(b"t\r\n")
    xml = pool.run(QUICK, results_format="application/sparql-results+xml")
    assert b"<sparql" in xml.body and xml.body.count(b"<result>") == 3


def test_ask_and_construct(pool):
    assert json.loads(pool.run("ASK { ?s ?p ?o }").body)["boolean"] is True
    r = pool.run("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 4", graph_format="application/n-triples")
    assert r.form == "construct" and r.rows == 4 and len(r.body.splitlines()) == 4


def test_rows_past_the_limit_are_cut_and_flagged(pool, store):
    total = len(list(store.query("SELECT * WHERE { ?s ?p ?o }")))
    assert total > 50
    r = pool.run("SELECT * WHERE { ?s ?p ?o }")
    assert r.truncated and r.rows == 50 and len(json.loads(r.body)["results"]["bindings"]) == 50
    g = pool.run("CONSTRUCT WHERE { ?s ?p ?o }", graph_format="application/n-triples")
    assert g.truncated and len(g.body.splitlines()) == 50


def test_syntax_error_names_the_position(pool):
    with pytest.raises(QuerySyntaxError) as info:
        pool.run("SELECT *\nWHERE { ?s ?p }")
    assert info.value.status == 400 and info.value.position == (2, 16)  # the closing brace


def test_a_runaway_query_is_killed_at_the_deadline(store):
    with QueryPool(store, Limits(timeout=1.5, workers=2, max_long=1)) as p:
        pids = {w.process.pid for w in p._all}
        t = time.monotonic()
        with pytest.raises(QueryTimeout) as info:
            p.run(CARTESIAN)
        assert info.value.status == 503 and time.monotonic() - t < 3.5
        killed = pids - {w.process.pid for w in p._all}
        assert len(killed) == 1
        with pytest.raises(ProcessLookupError):
            os.kill(killed.pop(), 0)
        assert p.run(QUICK).rows == 3  # and the pool still answers


def test_memory_cap_stops_exponential_concat(store):
    doubling = " ".join(f"BIND(CONCAT(?v{i}, ?v{i}) AS ?v{i + 1})" for i in range(40))
    query = f"SELECT (STRLEN(?v40) AS ?n) WHERE {{ BIND('ab' AS ?v0) {doubling} }}"
    with QueryPool(store, Limits(timeout=30, workers=2, max_long=1, memory=512 << 20)) as p:
        with pytest.raises(QueryTooLarge) as info:
            p.run(query)
        assert info.value.status == 503
        assert p.run(QUICK).rows == 3


def test_a_query_that_crashes_the_engine_only_kills_its_worker(store):
    deep = "SELECT * WHERE " + "{" * 3000 + "?s ?p ?o" + "}" * 3000  # unvetted on purpose
    with QueryPool(store, Limits(workers=2, max_long=1, max_tokens=10**6, max_depth=10**6)) as p:
        with pytest.raises(QueryCrashed) as info:
            p.run(deep)
        assert info.value.status == 400
        assert p.run(QUICK).rows == 3


def test_quick_queries_answer_while_four_runaways_run(pool):
    with ThreadPoolExecutor(5) as runners:
        slow = [runners.submit(pool.run, q) for q in RUNAWAYS]
        time.sleep(1.0)  # every runaway is now counted as long
        assert not any(f.done() for f in slow)
        times = []
        for _ in range(15):
            t = time.monotonic()
            assert pool.run(QUICK).rows == 3
            times.append(time.monotonic() - t)
        fifth = runners.submit(pool.run, CARTESIAN)
        with pytest.raises(QueryBusy):
            fifth.result(timeout=5)
        for f in slow:  # each is cut: by the time limit, or sooner by the memory cap
            with pytest.raises((QueryTimeout, QueryTooLarge)):
                f.result(timeout=15)
    assert statistics.median(times) < 0.25, times
    assert max(times) < 1.5, times
    time.sleep(1.5)  # replacements start in the background
    assert pool.run(QUICK).rows == 3


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802
        self.hits.append(self.path)
        self.send_response(500)
        self.end_headers()

    do_POST = do_GET

    def log_message(self, *args):
        pass


def test_service_makes_no_request_because_the_guard_stops_it(pool):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/sparql"
        query = f"SELECT * WHERE {{ OPTIONAL {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }} }}"
        with pytest.raises(QueryRefused):
            vet_query(query, Limits())
        assert _Recorder.hits == []
        # Unvetted, the engine itself does call out: the guard is what keeps it in.
        pool.run(query)
        assert _Recorder.hits == ["/sparql"]
    finally:
        server.shutdown()
        server.server_close()


def test_rows_are_cut_exactly_at_the_limit_and_terms_survive_intact():
    store = ox.Store()
    p = ox.NamedNode("http://example.org/p")
    odd = ox.Literal('tab\there\nnew line "quoted" <b>', language="en")
    store.add(ox.Quad(ox.BlankNode("b"), p, odd))
    for i in range(4):
        store.add(ox.Quad(ox.NamedNode(f"http://example.org/s{i}"), p, ox.Literal(str(i), datatype=XSD_INT)))
    query = "SELECT ?s ?o ?none WHERE { ?s ?p ?o OPTIONAL { ?s <http://example.org/q> ?none } }"

    def run(max_rows: int, fmt: str = "application/sparql-results+json"):
        return execute(store, Job(query, fmt, "application/n-triples", max_rows, {}))

    _, body, _, rows, cut = run(5)
    assert (rows, cut) == (5, False)
    objects = [b["o"] for b in json.loads(body)["results"]["bindings"]]
    assert {"type": "literal", "value": odd.value, "xml:lang": "en"} in objects
    assert {"type": "literal", "value": "3", "datatype": XSD_INT.value} in objects
    assert all("none" not in b for b in json.loads(body)["results"]["bindings"])
    _, body, _, rows, cut = run(4)
    assert (rows, cut) == (4, True) and len(json.loads(body)["results"]["bindings"]) == 4
    _, body, media_type, rows, cut = run(2, "text/tab-separated-values")
    assert media_type.startswith("text/tab-separated-values") and (rows, cut) == (2, True)
    assert body.count(b"\n") == 3 and body.startswith(b"?s\t?o\t?none\n")
