"""Imported maps (AIF JSON, Argdown: no thesis) browse: the home page lists them, their trees
start at the top conclusions and reach every statement (or list it), statement pages, the
diagram and the article view work, and SPARQL answers. The project's own fixtures always;
every file in ../shared/data when it is there."""

from __future__ import annotations

from pathlib import Path

import pytest
from serving import fixture_app

from claims.building import build_memory
from claims.importers.common import slugify
from claims.importing import import_files
from claims.structure import read_structure
from claims.trees import walk
from tests.conftest import FIXTURES, SHARED

JSON = {"Accept": "application/json"}
OWN = [
    FIXTURES / "aif" / "old-nodeset.json",
    FIXTURES / "aif" / "ova-dialogue.json",
    FIXTURES / "argdown" / "small.argdown",
]
DATA = SHARED / "data"
SHARED_FILES = (
    sorted(p for p in DATA.rglob("*") if p.suffix in (".json", ".argdown")) if DATA.is_dir() else []
)


def imported_app(tmp: Path, sources: list[Path], count: int):
    report = import_files(sources, tmp / "maps", tmp / "store", build_store=False)
    assert len(report.written) == count
    store = build_memory(sorted((tmp / "maps").glob("*.ttl")))
    return store, fixture_app(store).test_client()


@pytest.fixture(scope="module")
def own(tmp_path_factory):
    return imported_app(tmp_path_factory.mktemp("own"), OWN, len(OWN))


def check_browses(store, client, slug: str) -> dict:
    """What every imported map must do; returns the tree page's JSON."""
    home = {m["slug"]: m for m in client.get("/", headers=JSON).json["maps"]}
    assert slug in home and home[slug]["theses"] == []
    r = client.get(f"/map/{slug}", headers=JSON)
    assert r.status_code == 200
    data = r.json
    st = read_structure(store, slug)
    reached = {n["id"] for t in data["trees"] for n in walk(t)} | {u["id"] for u in data["unplaced"]}
    assert set(st.statements) <= reached, set(st.statements) - reached
    assert [t["id"] for t in data["trees"]] == [x["id"] for x in home[slug]["roots"]]
    assert client.get(f"/map/{slug}").status_code == 200
    for page in ("diagram", "analysis", "article"):
        assert client.get(f"/map/{slug}/{page}").status_code == 200, page
    first = next(iter(st.statements))
    assert client.get("/" + first.split("https://w3id.org/argmap/", 1)[1]).status_code == 200
    q = f"SELECT (COUNT(?s) AS ?n) WHERE {{ ?s a am:Statement ; am:inMap <https://w3id.org/argmap/id/{slug}> }}"
    answer = client.get(
        "/sparql",
        query_string={"query": "PREFIX am: <https://w3id.org/argmap/ns#> " + q},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert answer.status_code == 200
    assert int(answer.json["results"]["bindings"][0]["n"]["value"]) == len(st.statements)
    return data


@pytest.mark.parametrize("path", OWN, ids=lambda p: p.name)
def test_own_fixture_maps_browse(own, path):
    store, client = own
    check_browses(store, client, slugify(path.stem))


def test_roots_are_the_top_conclusions(own):
    store, client = own
    st = read_structure(store, "old-nodeset")
    premises = {p for inf in st.inferences.values() for p in inf["premises"]}
    attackers = {c["attacker"] for c in st.conflicts.values()}
    tops = {s for s in st.statements if s not in premises | attackers}
    data = client.get("/map/old-nodeset", headers=JSON).json
    assert tops and {t["id"] for t in data["trees"]} == tops and data["roots"] == "top conclusions"
    again = client.get("/map/old-nodeset", headers=JSON).json
    assert [t["id"] for t in again["trees"]] == [t["id"] for t in data["trees"]]
    html = client.get("/").get_data(as_text=True)
    assert "conclusion-line" in html


def test_mutual_rebuttal_at_the_top_still_gets_a_tree(own):
    # small.argdown: "We should take the train" and "We should drive" rebut each other, so no
    # statement is free of attacks; the one with reasons becomes the root.
    store, client = own
    data = client.get("/map/small", headers=JSON).json
    assert data["trees"][0]["id"] == "https://w3id.org/argmap/id/small/s-train"
    assert data["unplaced"] == []
    assert {n["id"].rsplit("/", 1)[-1] for n in walk(data["trees"][0])} >= {"s-car", "s-delays", "s-fast"}


def test_article_view_of_an_import_with_source_text(own):
    _, client = own
    r = client.get("/map/ova-dialogue/article", headers=JSON)
    assert r.status_code == 200 and "Ben: It is faster than driving" in r.json["source"]["text"]
    assert "Ben: It is faster than driving" in client.get("/map/ova-dialogue/article").get_data(as_text=True)


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    if not DATA.is_dir():
        pytest.skip(f"shared data not found at {DATA}")
    return imported_app(tmp_path_factory.mktemp("shared"), [DATA], len(SHARED_FILES))


def test_shared_data_is_there():
    if not DATA.is_dir():
        pytest.skip(f"shared data not found at {DATA}")
    assert len(SHARED_FILES) > 0


@pytest.mark.parametrize("path", SHARED_FILES, ids=lambda p: p.name)
def test_shared_map_browses(shared, path):
    store, client = shared
    check_browses(store, client, slugify(path.stem))
