"""``--store http://…``: build into, query and export from a real SPARQL server (oxigraph serve)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OXIGRAPH = Path(sys.executable).parent / "oxigraph"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    if not OXIGRAPH.exists():
        pytest.skip(f"no oxigraph server binary at {OXIGRAPH} (pip install oxigraph)")
    port = free_port()
    proc = subprocess.Popen(
        [
            str(OXIGRAPH),
            "serve",
            "--location",
            str(tmp_path / "db"),
            "--bind",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/query"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=1).read()
            break
        except OSError:
            time.sleep(0.1)
    yield url
    proc.terminate()
    proc.wait(timeout=10)


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT), "ARGMAP_CACHE": str(cwd / "cache")},
    )


def test_build_query_export_over_http(server, tmp_path, pets_map):
    built = cli("build", str(pets_map), "--store", server, cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    q = cli(
        "query",
        "--store",
        server,
        "--format",
        "json",
        "PREFIX am: <https://w3id.org/argmap/ns#> SELECT ?a { ?a am:supports ?b } ORDER BY ?a",
        cwd=tmp_path,
    )
    assert q.returncode == 0, q.stderr
    found = [b["a"]["value"].rsplit("/", 1)[1] for b in json.loads(q.stdout)["results"]["bindings"]]
    assert found == ["less-work", "no-walks", "survey"]
    exported = cli("export", "--store", server, "--format", "ntriples", "--inferred", cwd=tmp_path)
    assert exported.returncode == 0, exported.stderr
    assert "<https://w3id.org/argmap/ns#attacks>" in exported.stdout
    aif = cli("export", "--store", server, "--format", "aif", cwd=tmp_path)
    assert aif.returncode == 0, aif.stderr
    assert {n["type"] for n in json.loads(aif.stdout)["AIF"]["nodes"]} == {"I", "RA", "CA"}


def test_rebuild_replaces_maps_on_the_server(server, tmp_path, pets_map):
    maps = tmp_path / "maps"
    maps.mkdir()
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "pets.txt").write_bytes(
        (pets_map.parent.parent / "sources" / "pets.txt").read_bytes()
    )
    text = pets_map.read_text(encoding="utf-8")
    (maps / "pets.ttl").write_text(text, encoding="utf-8")
    (maps / "cats.ttl").write_text(text.replace("id/pets", "id/cats"), encoding="utf-8")
    assert cli("build", "--maps", str(maps), "--store", server, cwd=tmp_path).returncode == 0
    (maps / "cats.ttl").unlink()
    assert cli("build", "--maps", str(maps), "--store", server, cwd=tmp_path).returncode == 0
    q = cli(
        "query",
        "--store",
        server,
        "--format",
        "csv",
        "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } FILTER(CONTAINS(STR(?g), 'cats')) }",
        cwd=tmp_path,
    )
    assert q.stdout.split() == ["n", "0"]
    q = cli(
        "query",
        "--store",
        server,
        "--format",
        "csv",
        "SELECT (COUNT(*) AS ?n) { ?m a <https://w3id.org/argmap/ns#ArgumentMap> }",
        cwd=tmp_path,
    )
    assert q.stdout.split() == ["n", "1"]


def test_unreachable_server_is_a_clear_error(tmp_path):
    url = f"http://127.0.0.1:{free_port()}/query"
    q = cli("query", "--store", url, "ASK {}", cwd=tmp_path)
    assert q.returncode == 1
    assert f"cannot reach {url}" in q.stderr
