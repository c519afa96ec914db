"""The load generator against a tiny WSGI app in a second process, for 2 s."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from tests.conftest import ROOT

APP = """
import sys
from wsgiref.simple_server import make_server, WSGIRequestHandler
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIServer

class Quiet(WSGIRequestHandler):
    def log_message(self, *a): pass

class Threaded(ThreadingMixIn, WSGIServer):
    daemon_threads = True

def app(environ, start):
    if environ["PATH_INFO"] == "/missing":
        start("404 Not Found", [("Content-Type", "text/plain")]); return [b"no"]
    start("200 OK", [("Content-Type", "text/plain")]); return [b"hello " * 10]

srv = make_server("127.0.0.1", 0, app, server_class=Threaded, handler_class=Quiet)
print(srv.server_port, flush=True)
srv.serve_forever()
"""


@pytest.fixture
def server():
    proc = subprocess.Popen([sys.executable, "-c", APP], stdout=subprocess.PIPE, text=True)
    port = int(proc.stdout.readline())
    yield proc, f"http://127.0.0.1:{port}"
    proc.kill()
    proc.wait()


def test_load_for_two_seconds_with_figures(server):
    proc, base = server
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    t = time.monotonic()
    done = subprocess.run(
        [
            sys.executable,
            "benchmarks/loadtest.py",
            base,
            "--clients",
            "4",
            "--duration",
            "2",
            "--path",
            "/a",
            "--path",
            "/b",
            "--path",
            "/missing",
            "--pid",
            str(proc.pid),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert 2 <= time.monotonic() - t < 20  # it stops by itself
    out = done.stdout
    lines = dict(line.split(maxsplit=1) for line in out.splitlines())
    requests = int(lines["requests"].split()[0])
    errors = int(lines["errors"].split()[0])
    assert requests > 30 and "p50" in lines["latency"] and "p99" in lines["latency"]
    assert "'404'" in lines["errors"] and abs(errors - requests / 3) <= requests / 3 * 0.2 + 4
    assert "MiB" in lines["server"]


def test_only_loopback():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import loadtest
    finally:
        sys.path.pop(0)
    with pytest.raises(ValueError, match="127.0.0.1"):
        loadtest.run("http://example.com", ["/"], 1, 1)
