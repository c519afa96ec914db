"""The public endpoint over HTTP: no outbound request or file read from a query, bounded
queries (503 + Retry-After), parser hazards refused, 413 past the size limit. The runaway
and hazard tests run against a real waitress server."""

from __future__ import annotations

import errno
import http.server
import json
import os
import statistics
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from serving import fixture_app, running

from tests.test_executor import CARTESIAN, CONCAT, QUICK, REGEX

PETS = "https://w3id.org/argmap/graph/pets/asserted"
JSON = "application/sparql-results+json"


class Recorder(http.server.BaseHTTPRequestHandler):
    """A local HTTP server's handler that records every request it gets."""

    hits: list[str] = []

    def do_GET(self):  # noqa: N802
        self.hits.append(self.path)
        body = b"<http://x/s> <http://x/p> <http://x/o> ."
        self.send_response(200)
        self.send_header("Content-Type", "text/turtle")
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET

    def log_message(self, *args):
        pass


@pytest.fixture
def recorder():
    Recorder.hits = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


class FifoWatch:
    """A FIFO that notices any process opening it for reading (the open would succeed here)."""

    def __init__(self, path: Path):
        self.path = path
        os.mkfifo(path)
        self.opened = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._stop.is_set():
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_NONBLOCK)
            except OSError as e:
                assert e.errno == errno.ENXIO  # no reader: nobody opened it
                time.sleep(0.005)
                continue
            self.opened += 1
            os.write(fd, b"<http://x/s> <http://x/p> <http://x/o> .\n")
            os.close(fd)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join(2)
        return self.opened


@pytest.fixture(scope="module")
def app():
    return fixture_app(ARGMAP_QUERY_TIMEOUT=3, ARGMAP_QUERY_MAX_ROWS=20, ARGMAP_QUERY_MAX_BYTES=4096)


@pytest.fixture
def client(app):
    return app.test_client()


def ask(client, query: str, **params):
    return client.get("/sparql", query_string={"query": query, **params}, headers={"Accept": JSON})


# -- no outbound access ------------------------------------------------------


@pytest.mark.parametrize(
    "shape",
    [
        "SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ ?s ?p ?o OPTIONAL {{ SERVICE <{url}/sparql> {{ ?s ?q ?r }} }} }}",
        "SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ SERVICE <{url}/sparql> {{ ?s ?q ?r }} }} }}",
        "SELECT * WHERE {{ SERVICE SILENT <{url}/sparql> {{ ?s ?p ?o }} }}",
        "select * where {{ {{ {{ sErViCe silent <{url}/sparql> {{ ?s ?p ?o }} }} }} }}",
    ],
)
def test_service_is_refused_and_nothing_is_requested(client, recorder, shape):
    query = shape.format(url=recorder)
    r = ask(client, query)
    assert r.status_code == 400, r.data
    assert "SERVICE" in r.json["error"]["message"] and r.json["error"]["position"]["line"] == 1
    r = client.get("/query", query_string={"query": query})
    assert r.status_code == 400 and b"SERVICE is not allowed" in r.data
    time.sleep(0.2)
    assert Recorder.hits == []


def test_from_and_protocol_graphs_never_fetch_nor_read_files(client, recorder, tmp_path):
    fifo = FifoWatch(tmp_path / "graph.ttl")
    plain = tmp_path / "plain.ttl"
    plain.write_text("<http://x/s> <http://x/p> <http://x/o> .\n")
    os.utime(plain, (1_000_000, 1_000_000))
    targets = [
        f"{recorder}/graph.ttl",
        f"file://{fifo.path}",
        f"file://{plain}",
        str(fifo.path),
        str(plain),
    ]
    try:
        for target in targets:
            for clause in ("FROM", "FROM NAMED"):
                r = ask(client, f"SELECT * {clause} <{target}> WHERE {{ ?s ?p ?o }}")
                assert r.status_code == 400, (target, r.data)
            for param in ("default-graph-uri", "named-graph-uri"):
                r = ask(client, "SELECT * WHERE { ?s ?p ?o }", **{param: target})
                assert r.status_code == 400, (target, r.data)
                r = client.post(
                    "/sparql",
                    data={"query": "ASK { ?s ?p ?o }", param: target},
                    headers={"Accept": JSON},
                )
                assert r.status_code == 400, (target, r.data)
        time.sleep(0.3)
    finally:
        opened = fifo.stop()
    assert opened == 0
    assert Recorder.hits == []
    assert plain.stat().st_atime == 1_000_000
    # A graph of the store is fine by either route.
    assert ask(client, f"ASK FROM <{PETS}> {{ ?s ?p ?o }}").json["boolean"] is True
    assert ask(client, "ASK { ?s ?p ?o }", **{"default-graph-uri": PETS}).json["boolean"] is True


# -- limits ------------------------------------------------------------------


def test_size_limit_is_413_for_every_way_of_sending_a_query(client):
    big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 5000
    assert ask(client, big).status_code == 413
    assert client.post("/sparql", data={"query": big}).status_code == 413
    r = client.post("/sparql", data=big, content_type="application/sparql-query")
    assert r.status_code == 413 and "limit is 4096" in r.json["error"]["message"]
    huge = client.post("/sparql", data=b"q" * 100_000, content_type="application/sparql-query")
    assert huge.status_code == 413
    assert client.get("/query", query_string={"query": big}).status_code == 413
    assert ask(client, "SELECT * WHERE { ?s ?p ?o } #" + "x" * 3000).status_code == 200


def test_rows_past_the_limit_are_cut_and_flagged(client):
    r = ask(client, "SELECT * WHERE { ?s ?p ?o }")
    assert r.status_code == 200 and r.headers["Argmap-Truncated"] == "true"
    assert len(r.json["results"]["bindings"]) == 20
    r = ask(client, "SELECT * WHERE { ?s ?p ?o } LIMIT 5")
    assert "Argmap-Truncated" not in r.headers and len(r.json["results"]["bindings"]) == 5
    page = client.get("/query", query_string={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert b"20 results (cut at the server" in page.data


def test_a_runaway_query_is_503_with_retry_after_within_the_time_limit(client):
    t = time.monotonic()
    r = ask(client, CARTESIAN)
    assert time.monotonic() - t < 3 + 2
    assert r.status_code == 503 and r.headers["Retry-After"].isdigit()
    assert "time limit" in r.json["error"]["message"]
    page = client.get("/query", query_string={"query": CARTESIAN})
    assert page.status_code == 503 and page.headers["Retry-After"].isdigit()
    assert ask(client, QUICK).status_code == 200


# -- a real waitress server ----------------------------------------------------


@pytest.fixture(scope="module")
def server():
    app = fixture_app(
        ARGMAP_QUERY_TIMEOUT=4,
        ARGMAP_QUERY_WORKERS=6,
        ARGMAP_QUERY_MAX_LONG=4,
        ARGMAP_QUERY_QUEUE_WAIT=3,
        ARGMAP_QUERY_MAX_BYTES=1 << 20,
    )
    with running(app, threads=10) as url:
        yield url


def fetch(url: str, data: bytes | None = None, ctype: str = "application/sparql-query"):
    """Status, headers and body of a request; HTTP errors are answers too."""
    headers = {"Accept": JSON, **({"Content-Type": ctype} if data is not None else {})}
    req = urllib.request.Request(url, data=data, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def sparql_url(base: str, query: str) -> str:
    return base + "/sparql?" + urllib.parse.urlencode({"query": query})


def test_four_runaways_in_parallel_leave_queries_and_pages_quick(server):
    fetch(sparql_url(server, QUICK))  # workers are up
    runaways = [CARTESIAN, REGEX, CONCAT, CARTESIAN.replace("?l }", "?l . ?m ?n ?o }")]
    with ThreadPoolExecutor(4) as runners:
        t0 = time.monotonic()
        slow = [runners.submit(fetch, sparql_url(server, q)) for q in runaways]
        time.sleep(1.0)
        assert not any(f.done() for f in slow)
        times = []
        for n in range(12):
            url = sparql_url(server, QUICK) if n % 2 else server + "/map/carfree"
            t = time.monotonic()
            status, _, body = fetch(url)
            times.append(time.monotonic() - t)
            assert status == 200, body
        answers = [f.result(timeout=20) for f in slow]
        took = time.monotonic() - t0
    for status, headers, body in answers:
        assert status == 503 and headers["Retry-After"], body
    assert took < 4 + 3, took
    assert statistics.median(times) < 0.5 and max(times) < 2.0, times


@pytest.mark.parametrize(
    "query, words",
    [
        ("SELECT * WHERE " + "{" * 3000 + " ?s ?p ?o " + "}" * 3000, "nesting"),
        ("SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }", "nesting"),
        ("SELECT ?x WHERE { VALUES ?x { " + " ".join(map(str, range(100_000))) + " } }", "VALUES"),
        ("SELECT * WHERE { ?s " + "/".join(["<http://x/p>"] * 2000) + " ?o }", "path"),
    ],
)
def test_parser_hazards_are_refused_and_the_server_survives(server, query, words):
    # Sent as the body: the size limit of this server (1 MB) lets every hazard reach the guard.
    status, _, body = fetch(server + "/sparql", query.encode())
    assert status == 400, body
    assert words in json.loads(body)["error"]["message"]
    status, _, body = fetch(sparql_url(server, QUICK))
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 3


def test_hazards_within_the_size_limit_get_400_with_their_position(client):
    deep = "SELECT * WHERE " + "{" * 200 + " ?s ?p ?o " + "}" * 200
    r = ask(client, deep)
    assert r.status_code == 400 and "nesting" in r.json["error"]["message"]
    assert r.json["error"]["position"] == {"line": 1, "column": 15 + 65}
    path = "SELECT * WHERE { ?s " + "/".join(["<http://x/p>"] * 40) + " ?o }"
    r = ask(client, path)
    assert r.status_code == 400 and "path" in r.json["error"]["message"]
    values = "SELECT ?x WHERE { VALUES ?x { " + " ".join(map(str, range(300))) + " } } LIMIT 2"
    r = ask(client, values)
    assert r.status_code == 200 and len(r.json["results"]["bindings"]) == 2
