"""Test helpers: the app over the fixture maps, and a real waitress server on a free port."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
import waitress
from flask import Flask

from claims.building import build_memory
from server import create_app

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
