"""Pages are drawn once per store build and served again from the cache, headers and all."""

from __future__ import annotations

import pytest
from serving import FIXTURES, fixture_store

import server.pages
from claims.building import build
from server import create_app

PAGES = ["/", "/map/pets", "/map/pets/article", "/map/pets/diagram", "/id/pets/thesis"]


@pytest.fixture
def drawn(monkeypatch):
    """Count how often the pages read a map's structure from the store."""
    calls = []
    real = server.pages.read_structure

    def counting(store, slug):
        calls.append(slug)
        return real(store, slug)

    monkeypatch.setattr(server.pages, "read_structure", counting)
    return calls


def test_a_page_is_drawn_once_and_then_served_alike(drawn):
    client = create_app({"ARGMAP_STORE": fixture_store()}).test_client()
    first = client.get("/map/pets")
    assert len(drawn) == 1
    again = client.get("/map/pets")
    assert len(drawn) == 1
    assert again.status_code == 200 and again.data == first.data
    assert again.headers["Content-Security-Policy"] == first.headers["Content-Security-Policy"]
    assert again.headers["Content-Type"] == first.headers["Content-Type"]


def test_html_and_json_twins_are_kept_apart():
    client = create_app({"ARGMAP_STORE": fixture_store()}).test_client()
    for path in PAGES:
        html = client.get(path)
        as_json = client.get(path, headers={"Accept": "application/json"})
        assert html.mimetype == "text/html" and as_json.mimetype == "application/json", path
        assert client.get(path).data == html.data


def test_a_new_build_empties_the_cache(tmp_path):
    store = tmp_path / "store"
    build([FIXTURES / "maps" / "pets.ttl"], store)
    client = create_app({"ARGMAP_STORE": store}).test_client()
    assert b"carfree" not in client.get("/").data
    build([FIXTURES / "maps" / "pets.ttl", FIXTURES / "maps" / "carfree.ttl"], store)
    assert b"carfree" in client.get("/").data


def test_the_cache_can_be_turned_off(drawn):
    client = create_app({"ARGMAP_STORE": fixture_store(), "ARGMAP_PAGE_CACHE": 0}).test_client()
    client.get("/map/pets")
    client.get("/map/pets")
    assert len(drawn) == 2
