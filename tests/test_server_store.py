"""The app over a store folder: picks up a new build, keeps serving through a failed one."""

from __future__ import annotations

import pytest
from serving import FIXTURES

from claims.building import build
from claims.errors import MapError
from server import create_app

PETS = FIXTURES / "maps" / "pets.ttl"
CARS = FIXTURES / "maps" / "carfree.ttl"
JSON = {"Accept": "application/json"}


def slugs(client):
    return sorted(m["slug"] for m in client.get("/", headers=JSON).json["maps"])


def test_new_build_is_picked_up_and_a_failed_one_changes_nothing(tmp_path):
    store = tmp_path / "store"
    build([PETS], store)
    client = create_app({"ARGMAP_STORE": store}).test_client()
    assert slugs(client) == ["pets"]
    build([PETS, CARS], store)
    assert slugs(client) == ["carfree", "pets"]
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix am: <https://w3id.org/argmap/ns#> .\n<x> a am:Statement ;\n", encoding="utf-8")
    with pytest.raises(MapError):
        build([bad], store)
    assert slugs(client) == ["carfree", "pets"]
    assert client.get("/sparql", query_string={"query": "ASK { ?s ?p ?o }"}).json["boolean"] is True


def test_missing_store_is_503(tmp_path):
    client = create_app({"ARGMAP_STORE": tmp_path / "none"}).test_client()
    r = client.get("/sparql", query_string={"query": "ASK {}"})
    assert r.status_code == 503 and "argmap build" in r.json["error"]["message"]
    assert client.get("/").status_code == 503
