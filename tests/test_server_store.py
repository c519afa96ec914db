"""The app over a store folder: picks up a new build, keeps serving through a failed one."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from serving import FIXTURES

from claims.building import build
from claims.errors import MapError
from ontology.vocab import asserted_graph
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


def test_a_store_of_the_older_layout_is_rebuilt_when_served(tmp_path):
    # Stores written before the maps were copied into the default graph answer nothing
    # without GRAPH; `argmap serve` rebuilds them from the maps instead of serving them.
    from claims import store as stores
    from cli.serve import ensure_store

    old = stores.new_build_dir(tmp_path / "store")
    db = ox.Store(str(old))
    db.add(
        ox.Quad(
            ox.NamedNode("x:s"),
            ox.NamedNode("x:p"),
            ox.Literal("o"),
            ox.NamedNode(str(asserted_graph("pets"))),
        )
    )
    db.flush()
    del db
    stores.publish(tmp_path / "store", old)
    assert stores.needs_rebuild(tmp_path / "store")
    ensure_store(PETS.parent, tmp_path / "store")
    assert stores.current_build(tmp_path / "store") != old.resolve()
    assert not stores.needs_rebuild(tmp_path / "store")
    maps = sorted(p.stem for p in PETS.parent.glob("*.ttl"))
    assert slugs(create_app({"ARGMAP_STORE": tmp_path / "store"}).test_client()) == maps
