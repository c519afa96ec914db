"""Test helpers: the app over the fixture maps, and a real waitress server on a free port."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
import waitress
from flask import Flask

from claims.building import build_memory
from server import create_app

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
MAPS = [FIXTURES / "maps" / "carfree.ttl", FIXTURES / "maps" / "pets.ttl"]
QUERIES = FIXTURES / "queries"
CARFREE = "https://w3id.org/argmap/id/carfree/"


def fixture_store() -> ox.Store:
    return build_memory(MAPS)


#: Small query limits for tests: few workers, a short time limit.
TEST_LIMITS = {"ARGMAP_QUERY_WORKERS": 2, "ARGMAP_QUERY_MAX_LONG": 1, "ARGMAP_QUERY_TIMEOUT": 8}


def fixture_app(store: ox.Store | None = None, **config) -> Flask:
    return create_app(
        {
            "ARGMAP_STORE": store or fixture_store(),
            "ARGMAP_QUERIES": QUERIES,
            "TESTING": True,
            **TEST_LIMITS,
            **config,
        }
    )


@contextmanager
def running(app: Flask, threads: int = 4) -> Iterator[str]:
    """Serve ``app`` with waitress on 127.0.0.1 (a free port) in a thread; yields the base URL."""
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=threads)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        server.close()
        thread.join(timeout=5)


@contextmanager
def argmap_serve(*args: str, cwd: Path | None = None, env: dict | None = None) -> Iterator[tuple]:
    """Run ``argmap serve --port 0 ARGS`` as its own process (waitress, a real socket).

    Yields the URL it serves, the lines it wrote to stderr up to saying so, and the process.
    """
    proc = subprocess.Popen(
        [sys.executable, "-m", "cli", "serve", *args, "--port", "0"],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        lines = []
        for line in proc.stderr:
            lines.append(line)
            found = re.search(r"serving (http://127\.0\.0\.1:\d+/)", line)
            if found:
                break
        assert found, "".join(lines)
        yield found[1], lines, proc
    finally:
        proc.terminate()
        proc.wait(timeout=15)
        proc.stderr.close()
