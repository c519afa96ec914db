"""``argmap serve``: builds a missing store, then answers over HTTP from waitress."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import urllib.parse
import urllib.request

from conftest import ROOT
from serving import FIXTURES


def test_serve_builds_the_store_and_answers_sparql_and_pages(tmp_path):
    store = tmp_path / "store"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "cli",
            "serve",
            "--store",
            str(store),
            "--maps",
            str(FIXTURES / "maps"),
            "--queries",
            str(FIXTURES / "queries"),
            "--port",
            "0",
        ],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = None
        lines = []
        for line in proc.stderr:
            lines.append(line)
            found = re.search(r"serving (http://127\.0\.0\.1:\d+/)", line)
            if found:
                url = found[1]
                break
        assert url, "".join(lines)
        assert any("building it from" in line for line in lines)
        assert (store / "current").is_symlink()
        query = urllib.parse.urlencode(
            {"query": "SELECT (COUNT(DISTINCT ?m) AS ?n) { ?m a <https://w3id.org/argmap/ns#ArgumentMap> }"}
        )
        req = urllib.request.Request(
            url + "sparql?" + query, headers={"Accept": "application/sparql-results+json"}
        )
        with urllib.request.urlopen(req, timeout=10) as r:
            assert r.headers["Content-Type"] == "application/sparql-results+json"
            assert r.headers["Server"] == "waitress"
            n = json.load(r)["results"]["bindings"][0]["n"]["value"]
        assert int(n) == len(list((FIXTURES / "maps").glob("*.ttl")))
        with urllib.request.urlopen(url + "map/carfree", timeout=10) as r:
            assert "City centres should be closed to private cars." in r.read().decode()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        proc.stderr.close()
