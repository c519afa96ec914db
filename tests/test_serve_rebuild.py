"""Broken maps lose nothing with a running server: ``argmap serve`` (waitress, a real process)
keeps serving the last good build while broken builds fail, and picks up the next good one
in its pages and in its query pool."""

from __future__ import annotations

import json
import os
import shutil
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from tests.serving import argmap_serve
from tests.test_broken_maps import BROKEN, PETS, argmap

TEXTS = "SELECT (COUNT(*) AS ?n) WHERE { ?s <https://w3id.org/argmap/ns#text> ?t }"
NEW = """
:extra a am:ImplicitStatement, am:EvaluativeStatement ;
    am:text "A statement added by the second good build." .
"""


def count(url: str) -> int:
    req = urllib.request.Request(
        url + "sparql?" + urllib.parse.urlencode({"query": TEXTS}),
        headers={"Accept": "application/sparql-results+json"},
    )
    with urllib.request.urlopen(req, timeout=15) as r:
        return int(json.load(r)["results"]["bindings"][0]["n"]["value"])


def page(url: str) -> str:
    with urllib.request.urlopen(url, timeout=15) as r:
        return r.read().decode()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = tmp_path_factory.mktemp("serve")
    (root / "maps").mkdir()
    shutil.copytree(FIXTURES / "sources", root / "sources")
    (root / "maps" / "pets.ttl").write_text(PETS, encoding="utf-8")
    store = root / "store"
    done = argmap("build", "--maps", str(root / "maps"), "--store", str(store))
    assert done.returncode == 0, done.stderr
    limits = {"ARGMAP_QUERY_WORKERS": "2", "ARGMAP_QUERY_MAX_LONG": "1"}
    with argmap_serve("--store", str(store), "--maps", str(root / "maps"), env=limits) as (url, _, proc):
        yield root, url, proc


def test_broken_builds_leave_the_running_server_serving_the_last_good_one(served):
    root, url, proc = served
    assert count(url) == 6
    before = os.readlink(root / "store" / "current")
    for name, ((old, new), rule, line) in sorted(BROKEN.items()):
        bad = root / "maps" / "pets.ttl"
        bad.write_text(PETS.replace(old, new, 1), encoding="utf-8")
        done = argmap("build", "--maps", str(root / "maps"), "--store", str(root / "store"))
        assert done.returncode == 1, name
        assert f"{bad}:{line}:" in done.stderr and f"[{rule}]" in done.stderr, done.stderr
        assert os.readlink(root / "store" / "current") == before
        assert count(url) == 6, name
        assert "Cats are better pets than dogs." in page(url + "map/pets")
    assert proc.poll() is None


def test_a_good_build_is_picked_up_by_pages_and_the_query_pool(served):
    root, url, proc = served
    assert count(url) == 6  # the pool is running on the old build
    (root / "maps" / "pets.ttl").write_text(PETS + NEW, encoding="utf-8")
    done = argmap("build", "--maps", str(root / "maps"), "--store", str(root / "store"))
    assert done.returncode == 0, done.stderr
    deadline = time.monotonic() + 20
    while count(url) != 7 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert count(url) == 7
    assert "A statement added by the second good build." in page(url + "id/pets/extra")
    assert "A statement added by the second good build." in page(
        url + "query?" + urllib.parse.urlencode({"query": "SELECT ?t WHERE { ?s ?p ?t }"})
    )
    assert proc.poll() is None


def test_the_pool_is_closed_when_the_server_stops(served):
    root, url, proc = served
    tasks = Path(f"/proc/{proc.pid}/task").glob("*/children")
    children = [pid for t in tasks for pid in t.read_text().split()]
    assert len(children) >= 2  # the query workers
    proc.terminate()
    assert proc.wait(timeout=15) == 0
    time.sleep(0.5)
    for pid in children:
        assert not Path(f"/proc/{pid}").exists() or "Z" in Path(f"/proc/{pid}/stat").read_text().split()[2]
