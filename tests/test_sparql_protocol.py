"""The W3C SPARQL 1.1 Protocol query tests (w3c/rdf-tests, ``sparql/sparql11/protocol/``),
re-expressed against our endpoint: one test per case, named after it.

The suite's dataset cases name remote RDF files by URL; this endpoint never fetches, so they
name graphs already in the store instead (two fixture maps, each with asserted and inferred
graphs), and check that the protocol's dataset, not the query's, is what the query sees.
"""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from serving import fixture_app
from werkzeug.datastructures import MultiDict

from ontology.vocab import asserted_graph, inferred_graph

CARS, PETS = str(asserted_graph("carfree")), str(asserted_graph("pets"))
CARS_INF = str(inferred_graph("carfree"))
MAPS = "SELECT DISTINCT ?m WHERE { ?m a <https://w3id.org/argmap/ns#ArgumentMap> } ORDER BY ?m"
NAMED = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?m a <https://w3id.org/argmap/ns#ArgumentMap> } } ORDER BY ?g"
FORM = "application/x-www-form-urlencoded"
RESULT_TYPES = {
    "application/sparql-results+xml",
    "application/sparql-results+json",
    "text/csv",
    "text/tab-separated-values",
}
RDF_TYPES = {"application/rdf+xml", "text/turtle", "application/n-triples", "application/ld+json"}


@pytest.fixture(scope="module")
def client():
    return fixture_app().test_client()


def values(response, var) -> list[str]:
    assert response.status_code == 200, response.data
    return [b[var]["value"] for b in json.loads(response.data)["results"]["bindings"]]


def maps(*slugs):
    return [f"https://w3id.org/argmap/id/{s}" for s in slugs]


def test_query_get(client):
    r = client.get("/sparql", query_string={"query": "ASK {}"})
    assert r.status_code == 200 and r.mimetype in RESULT_TYPES


def test_query_post_form(client):
    r = client.post("/sparql", data={"query": "ASK {}"}, content_type=FORM)
    assert r.status_code == 200 and r.mimetype in RESULT_TYPES


def test_query_post_direct(client):
    r = client.post("/sparql", data=b"ASK {}", content_type="application/sparql-query")
    assert r.status_code == 200 and r.mimetype in RESULT_TYPES


def test_query_dataset_default_graph(client):
    r = client.get(
        "/sparql",
        query_string={"query": MAPS, "default-graph-uri": PETS},
        headers={"Accept": "application/json"},
    )
    assert values(r, "m") == maps("pets")


def test_query_dataset_default_graphs_get(client):
    r = client.get(
        "/sparql", query_string=[("query", MAPS), ("default-graph-uri", CARS), ("default-graph-uri", PETS)]
    )
    assert values(r, "m") == maps("carfree", "pets")


def test_query_dataset_default_graphs_post(client):
    r = client.post(
        "/sparql",
        data=MultiDict([("query", MAPS), ("default-graph-uri", CARS), ("default-graph-uri", PETS)]),
        content_type=FORM,
    )
    assert values(r, "m") == maps("carfree", "pets")


def test_query_dataset_named_graphs_post(client):
    r = client.post(
        "/sparql",
        data=MultiDict([("query", NAMED), ("named-graph-uri", CARS), ("named-graph-uri", PETS)]),
        content_type=FORM,
    )
    assert values(r, "g") == [CARS, PETS]


def test_query_dataset_named_graphs_get(client):
    r = client.get("/sparql", query_string=[("query", NAMED), ("named-graph-uri", PETS)])
    assert values(r, "g") == [PETS]
    # The default graph is empty when only named graphs are given.
    r = client.get("/sparql", query_string=[("query", MAPS), ("named-graph-uri", PETS)])
    assert values(r, "m") == []


def test_query_dataset_full(client):
    query = (
        "SELECT DISTINCT ?m ?g WHERE { ?m a <https://w3id.org/argmap/ns#ArgumentMap> "
        "GRAPH ?g { ?x a <https://w3id.org/argmap/ns#Thesis> } } ORDER BY ?g"
    )
    r = client.get(
        "/sparql", query_string=[("query", query), ("default-graph-uri", CARS), ("named-graph-uri", PETS)]
    )
    assert values(r, "m") == maps("carfree") and values(r, "g") == [PETS]


def test_query_multiple_dataset(client):
    # The protocol's dataset overrides the query's FROM.
    query = f"SELECT DISTINCT ?m FROM <{PETS}> WHERE {{ ?m a <https://w3id.org/argmap/ns#ArgumentMap> }}"
    r = client.get("/sparql", query_string={"query": query, "default-graph-uri": CARS})
    assert values(r, "m") == maps("carfree")
    # Without protocol parameters the query's own FROM holds.
    assert values(client.get("/sparql", query_string={"query": query}), "m") == maps("pets")


def test_query_content_type_select(client):
    r = client.get(
        "/sparql",
        query_string={"query": "SELECT (1 AS ?value) {}"},
        headers={
            "Accept": "application/sparql-results+json, application/sparql-results+xml;q=0.9, text/csv;q=0.1"
        },
    )
    assert r.status_code == 200 and r.mimetype == "application/sparql-results+json"


def test_query_content_type_ask(client):
    r = client.post(
        "/sparql",
        data=b"ASK {}",
        content_type="application/sparql-query",
        headers={"Accept": "application/sparql-results+xml, application/sparql-results+json;q=0.5"},
    )
    assert r.status_code == 200 and r.mimetype == "application/sparql-results+xml"
    assert b"<boolean>true</boolean>" in r.data


def test_query_content_type_describe(client):
    r = client.get(
        "/sparql",
        query_string={"query": "DESCRIBE <https://w3id.org/argmap/id/pets/thesis>"},
        headers={"Accept": "application/rdf+xml, text/turtle;q=0.9"},
    )
    assert r.status_code == 200 and r.mimetype == "application/rdf+xml"
    assert list(ox.parse(r.data, format=ox.RdfFormat.RDF_XML))


def test_query_content_type_construct(client):
    r = client.post(
        "/sparql",
        data={"query": "CONSTRUCT { <a:s> <a:p> 1 } WHERE {}"},
        content_type=FORM,
        headers={"Accept": "text/turtle, application/rdf+xml;q=0.5"},
    )
    assert r.status_code == 200 and r.mimetype == "text/turtle"
    assert len(list(ox.parse(r.data, format=ox.RdfFormat.TURTLE))) == 1


def test_bad_query_method(client):
    r = client.put("/sparql", query_string={"query": "ASK {}"})
    assert 400 <= r.status_code < 500 and r.status_code == 405


def test_bad_multiple_queries(client):
    r = client.get("/sparql", query_string=[("query", "ASK {}"), ("query", "SELECT * {}")])
    assert r.status_code == 400


def test_bad_query_wrong_media_type(client):
    r = client.post("/sparql", data=b"ASK {}", content_type="text/plain")
    assert r.status_code == 415


def test_bad_query_missing_form_type(client):
    r = client.post("/sparql", data=b"query=ASK%20%7B%7D", headers={"Content-Type": ""})
    assert 400 <= r.status_code < 500


def test_bad_query_missing_direct_type(client):
    r = client.post("/sparql", data=b"ASK {}", headers={"Content-Type": ""})
    assert 400 <= r.status_code < 500


def test_bad_query_non_utf8(client):
    body = 'ASK { ?s ?p "caf\u00e9" }'.encode("iso-8859-1")
    r = client.post("/sparql", data=body, content_type="application/sparql-query; charset=ISO-8859-1")
    assert 400 <= r.status_code < 500
    r = client.post("/sparql", data=body, content_type="application/sparql-query")
    assert r.status_code == 400


def test_bad_query_syntax(client):
    r = client.get("/sparql", query_string={"query": "ASK {[}"})
    assert r.status_code == 400


def test_bad_update_get(client):
    r = client.get("/sparql", query_string={"update": "CLEAR ALL"})
    assert 400 <= r.status_code < 500


def test_bad_query_missing_query(client):
    r = client.post("/sparql", data={"default-graph-uri": CARS}, content_type=FORM)
    assert r.status_code == 400
    assert client.get("/sparql", query_string={"default-graph-uri": CARS_INF}).status_code == 400
