"""``argmap serve``: builds a missing store, then answers over HTTP from waitress."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request

from serving import FIXTURES, argmap_serve


def test_serve_builds_the_store_and_answers_sparql_and_pages(tmp_path):
    store = tmp_path / "store"
    args = ["--store", str(store), "--maps", str(FIXTURES / "maps"), "--queries", str(FIXTURES / "queries")]
    with argmap_serve(*args, cwd=tmp_path) as (url, lines, _):
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
