"""Every page through Flask's test client, as HTML and as its JSON twin."""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest
from serving import CARFREE, fixture_app

JSON = {"Accept": "application/json"}


@pytest.fixture(scope="module")
def client():
    return fixture_app().test_client()


def test_home_lists_maps_with_thesis_counts_and_tree_url(client):
    data = client.get("/", headers=JSON).json
    by_slug = {m["slug"]: m for m in data["maps"]}
    assert set(by_slug) == {"carfree", "pets"}
    cars = by_slug["carfree"]
    assert cars["theses"] == [
        {"id": CARFREE + "thesis", "text": "City centres should be closed to private cars."}
    ]
    assert cars["counts"] == {"statements": 11, "inferences": 6, "conflicts": 5}
    assert cars["tree"] == "/map/carfree"
    assert client.get(cars["tree"]).status_code == 200
    html = client.get("/").get_data(as_text=True)
    assert "City centres should be closed to private cars." in html and 'href="/map/carfree"' in html


def test_tree_page_and_json(client):
    data = client.get("/map/carfree", headers=JSON).json
    [tree] = data["trees"]
    assert tree["id"] == CARFREE + "thesis" and len(tree["children"]) == 4
    html = client.get("/map/carfree").get_data(as_text=True)
    assert html.count("<details") >= 6 and "<summary>" in html
    assert 'href="/id/carfree/no2"' in html
    assert "↑ shown above" in html and "the shopkeepers&#39; association" in html


@pytest.mark.parametrize("accept", ["text/html", "application/json", "text/turtle", "application/ld+json"])
def test_statement_page_at_its_iri_path(client, accept):
    r = client.get("/id/carfree/no2", headers={"Accept": accept})
    assert r.status_code == 200 and r.mimetype == accept
    if accept == "application/json":
        d = r.json
        assert d["id"] == CARFREE + "no2" and d["kind"] == "Statistic"
        assert d["quote"] == "traffic causes 60 percent of the nitrogen dioxide measured there"
        assert {s["id"] for s in d["supports"]} == {CARFREE + "pollution", CARFREE + "health"}
        graphs = {t["graph"] for t in d["triples"]}
        assert graphs == {"asserted", "inferred", "labels"}
        assert d["article"] == "/map/carfree/article#q-no2"
    elif accept == "text/html":
        html = r.get_data(as_text=True)
        assert "graph-asserted" in html and "graph-inferred" in html and "show in article" in html
    else:
        fmt = ox.RdfFormat.TURTLE if accept == "text/turtle" else ox.RdfFormat.JSON_LD
        triples = [q.triple for q in ox.parse(r.data, format=fmt)]
        assert (
            ox.Triple(
                ox.NamedNode(CARFREE + "no2"),
                ox.NamedNode("https://w3id.org/argmap/ns#supports"),
                ox.NamedNode(CARFREE + "health"),
            )
            in triples
        )


def test_attackers_and_speaker_on_statement_page(client):
    d = client.get("/id/carfree/shops", headers=JSON).json
    assert [a["id"] for a in d["attacked_by"]] == [CARFREE + "malls"]
    assert [a["id"] for a in d["attacks"]] == [CARFREE + "malls"]
    malls = client.get("/id/carfree/malls", headers=JSON).json
    assert malls["speaker"] == "the shopkeepers' association"
    inf = client.get("/id/carfree/inf-pollution", headers=JSON).json
    assert inf["kind"] == "Inference" and len(inf["premises"]) == 2


def test_map_iri_redirects_to_its_tree(client):
    r = client.get("/id/carfree")
    assert r.status_code == 303 and r.headers["Location"].endswith("/map/carfree")


def test_article_highlights_every_span_linked_to_its_node(client):
    d = client.get("/map/carfree/article", headers=JSON).json
    assert len(d["spans"]) == 10
    text = d["source"]["text"]
    for s in d["spans"]:
        assert text[s["start"] : s["end"]] == s["quote"]
    html = client.get("/map/carfree/article").get_data(as_text=True)
    assert 'id="q-no2"' in html
    assert re.search(r'<a class="span" href="/id/carfree/no2"[^>]*>traffic causes 60 percent', html)


def test_diagram_is_inline_svg_without_fetches(client):
    html = client.get("/map/carfree/diagram").get_data(as_text=True)
    assert "<svg" in html and 'class="edge edge-support"' in html and 'class="edge edge-attack"' in html
    svg = client.get("/map/carfree/diagram.svg")
    assert svg.mimetype == "image/svg+xml"
    assert not re.search(r'(?:href|src)="https?://', svg.get_data(as_text=True))
    d = client.get("/map/carfree/diagram", headers=JSON).json
    assert len(d["nodes"]) == 14
    assert {e["relation"] for e in d["edges"]} == {"support", "attack", "undercut", "concession"}


def test_query_page_offers_competency_queries_and_runs_them(client):
    d = client.get("/query", headers=JSON).json
    assert [q["name"] for q in d["queries"]] == ["evidence", "objections", "reported-speech"]
    assert "result" not in d
    d = client.get("/query", query_string={"name": "reported-speech"}, headers=JSON).json
    assert {r["statement"]["value"] for r in d["result"]["rows"]} == {
        CARFREE + "malls",
        "https://w3id.org/argmap/id/pets/aloof",
    }
    assert {x["format"] for x in d["downloads"]} == {"json", "xml", "csv", "tsv"}
    assert d["curl"].startswith("curl -s http://localhost/sparql")
    download = client.get(d["downloads"][2]["url"])
    assert download.mimetype == "text/csv" and b"malls" in download.data
    html = client.get("/query", query_string={"name": "reported-speech"}).get_data(as_text=True)
    assert f'href="/id/carfree/malls">{CARFREE}malls</a>' in html


def test_query_page_shows_errors_with_position(client):
    r = client.get("/query", query_string={"query": "SELECT * {"}, headers=JSON)
    assert r.status_code == 400 and r.json["error"]["position"]["line"] == 1
    html = client.get("/query", query_string={"query": "SELECT * {"}).get_data(as_text=True)
    assert "error-box" in html and "line 1" in html


def test_construct_on_query_page_is_a_triple_table(client):
    d = client.get("/query", query_string={"query": "CONSTRUCT WHERE { ?s a ?o } LIMIT 2"}, headers=JSON).json
    assert d["result"]["type"] == "graph" and len(d["result"]["rows"]) == 2
    assert {x["format"] for x in d["downloads"]} == {"ttl", "nt", "rdf", "jsonld"}


@pytest.mark.parametrize("url", ["/nowhere", "/map/nomap", "/id/carfree/nothing", "/map/nomap/article"])
def test_not_found_is_html_or_json(client, url):
    html = client.get(url)
    assert html.status_code == 404 and html.mimetype == "text/html" and "404" in html.get_data(as_text=True)
    js = client.get(url, headers=JSON)
    assert js.status_code == 404 and js.json["error"]["status"] == 404


def test_pages_load_nothing_from_elsewhere(client):
    for url in [
        "/",
        "/map/carfree",
        "/map/carfree/article",
        "/map/carfree/diagram",
        "/query",
        "/id/carfree/no2",
    ]:
        html = client.get(url).get_data(as_text=True)
        assert not re.search(r'<(?:script|link|img)[^>]+(?:src|href)="(?:https?:)?//', html), url
    assert client.get("/static/style.css").status_code == 200
    assert client.get("/static/app.js").status_code == 200
