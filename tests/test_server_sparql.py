"""``/sparql`` through Flask's test client: negotiation, errors, CORS and the dataset."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest
from serving import CARFREE, fixture_app

from ontology.vocab import ONTOLOGY_GRAPH, asserted_graph, inferred_graph

SELECT = f"SELECT ?text WHERE {{ <{CARFREE}no2> <https://w3id.org/argmap/ns#text> ?text }}"
ASK = f"ASK {{ <{CARFREE}no2> a <https://w3id.org/argmap/ns#Statement> }}"
CONSTRUCT = "CONSTRUCT { ?s <http://ex/says> ?t } WHERE { ?s <https://w3id.org/argmap/ns#text> ?t }"
DESCRIBE = f"DESCRIBE <{CARFREE}no2>"
RESULT = "Traffic causes 60% of the nitrogen dioxide measured in the centre."


@pytest.fixture(scope="module")
def client():
    return fixture_app().test_client()


def get(client, query, accept=None, **params):
    headers = {"Accept": accept} if accept else {}
    return client.get("/sparql", query_string={"query": query, **params}, headers=headers)


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/json", "application/json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        (None, "application/sparql-results+json"),
    ],
)
def test_select_in_every_results_format(client, accept, media_type):
    r = get(client, SELECT, accept)
    assert r.status_code == 200
    assert r.mimetype == media_type
    body = r.get_data(as_text=True)
    if "json" in media_type:
        assert json.loads(body)["results"]["bindings"][0]["text"]["value"] == RESULT
    elif "xml" in media_type:
        ns = {"r": "http://www.w3.org/2005/sparql-results#"}
        assert ET.fromstring(body).find(".//r:literal", ns).text == RESULT
    elif media_type == "text/csv":
        assert list(csv.reader(io.StringIO(body))) == [["text"], [RESULT]]
        assert r.content_type == "text/csv; charset=utf-8"
    else:
        assert body.splitlines() == ["?text", f'"{RESULT}"']


@pytest.mark.parametrize(
    ("accept", "check"),
    [
        ("application/sparql-results+json", lambda b: json.loads(b)["boolean"] is True),
        ("application/sparql-results+xml", lambda b: "<boolean>true</boolean>" in b),
        ("text/csv", lambda b: b.strip() == "true"),
        ("text/tab-separated-values", lambda b: b.strip() == "true"),
    ],
)
def test_ask_in_every_results_format(client, accept, check):
    r = get(client, ASK, accept)
    assert r.status_code == 200 and r.mimetype == accept
    assert check(r.get_data(as_text=True))


@pytest.mark.parametrize("query", [CONSTRUCT, DESCRIBE])
@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("text/turtle", ox.RdfFormat.TURTLE),
        ("application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/rdf+xml", ox.RdfFormat.RDF_XML),
        ("application/ld+json", ox.RdfFormat.JSON_LD),
    ],
)
def test_graph_results_in_every_rdf_format(client, query, accept, fmt):
    r = get(client, query, accept)
    assert r.status_code == 200 and r.mimetype == accept
    triples = list(ox.parse(r.data, format=fmt))
    assert ox.Literal(RESULT) in {t.object for t in triples}


def test_nothing_acceptable_is_406(client):
    r = get(client, SELECT, "text/turtle")
    assert r.status_code == 406 and r.is_json
    assert "text/csv" in r.json["error"]["message"]
    assert get(client, CONSTRUCT, "text/csv").status_code == 406


def test_format_parameter_overrides_accept(client):
    r = get(client, SELECT, "application/json", format="tsv")
    assert r.mimetype == "text/tab-separated-values"
    assert get(client, SELECT, format="ttl").status_code == 406


def test_service_description_in_negotiated_format(client):
    for accept, fmt in (("text/turtle", ox.RdfFormat.TURTLE), ("application/ld+json", ox.RdfFormat.JSON_LD)):
        r = client.get("/sparql", headers={"Accept": accept})
        assert r.status_code == 200 and r.mimetype == accept
        sd = "http://www.w3.org/ns/sparql-service-description#"
        triples = list(ox.parse(r.data, format=fmt))
        by_pred = {}
        for t in triples:
            by_pred.setdefault(t.predicate.value, set()).add(t.object)
        assert by_pred[sd + "endpoint"] == {ox.NamedNode("http://localhost/sparql")}
        assert ox.NamedNode(sd + "SPARQL11Query") in by_pred[sd + "supportedLanguage"]
        assert ox.NamedNode("http://www.w3.org/ns/formats/SPARQL_Results_CSV") in by_pred[sd + "resultFormat"]
        assert ox.NamedNode(str(ONTOLOGY_GRAPH)) in by_pred[sd + "name"]


def test_syntax_error_is_400_with_message_and_position(client):
    r = get(client, "SELECT * WHERE {\n  ?s ?p \n}")
    assert r.status_code == 400 and r.is_json
    error = r.json["error"]
    assert error["position"]["line"] == 3 and error["position"]["column"] in (1, 2)  # at the "}"
    assert "SPARQL syntax error" in error["message"]


@pytest.mark.parametrize(
    "send",
    [
        lambda c: c.post("/sparql", data={"update": "INSERT DATA { <a:b> <a:c> <a:d> }"}),
        lambda c: c.post(
            "/sparql", data=b"DELETE WHERE { ?s ?p ?o }", content_type="application/sparql-update"
        ),
        lambda c: c.get("/sparql", query_string={"update": "CLEAR ALL"}),
        lambda c: c.get("/sparql", query_string={"query": "PREFIX a: <a:>\nINSERT DATA { a:b a:c a:d }"}),
        lambda c: c.post("/sparql", data=b"DROP ALL", content_type="application/sparql-query"),
    ],
)
def test_updates_are_refused(client, send):
    r = send(client)
    assert r.status_code == 403
    assert "read-only" in r.json["error"]["message"]
    assert get(client, "ASK { <a:b> <a:c> <a:d> }").json["boolean"] is False


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_other_methods_are_405(client, method):
    r = client.open("/sparql", method=method, query_string={"query": ASK})
    assert r.status_code == 405 and r.is_json
    assert set(r.headers["Allow"].replace(" ", "").split(",")) >= {"GET", "POST"}


def test_cors_on_answers_and_preflight(client):
    r = get(client, ASK)
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in r.headers
    pre = client.options(
        "/sparql",
        headers={
            "Origin": "https://example.org",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "Content-Type",
        },
    )
    assert pre.status_code == 204
    assert pre.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in pre.headers["Access-Control-Allow-Methods"]
    assert "Content-Type" in pre.headers["Access-Control-Allow-Headers"]
    assert get(client, "ASK {").headers["Access-Control-Allow-Origin"] == "*"


def count(client, query, **params):
    r = get(client, query, "application/sparql-results+json", **params)
    assert r.status_code == 200, r.data
    return int(r.json["results"]["bindings"][0]["n"]["value"])


def test_default_graph_is_asserted_plus_inferred(client):
    asserted = f"<{CARFREE}no2> a <https://w3id.org/argmap/ns#Statistic>"
    inferred = f"<{CARFREE}no2> <https://w3id.org/argmap/ns#supports> <{CARFREE}health>"
    ontology = "<https://w3id.org/argmap/ns#Thesis> ?p ?o"
    assert get(client, f"ASK {{ {asserted} }}").json["boolean"] is True
    assert get(client, f"ASK {{ {inferred} }}").json["boolean"] is True
    assert (
        get(client, f"ASK {{ GRAPH <{asserted_graph('carfree')}> {{ {inferred} }} }}").json["boolean"]
        is False
    )
    assert count(client, f"SELECT (COUNT(*) AS ?n) {{ {ontology} }}") == 0


def test_named_graphs_are_queryable_by_graph(client):
    graphs = {
        b["g"]["value"]
        for b in get(client, "SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }").json["results"]["bindings"]
    }
    assert {str(asserted_graph("carfree")), str(inferred_graph("carfree")), str(ONTOLOGY_GRAPH)} <= graphs
    assert count(client, f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?s ?p ?o }} }}") > 100
    q = f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{inferred_graph('carfree')}> {{ <{CARFREE}no2> ?p ?o }} }}"
    assert count(client, q) > 0


def test_protocol_dataset_must_name_graphs_in_the_store(client):
    r = get(client, "ASK {}", **{"default-graph-uri": "http://example.org/elsewhere.ttl"})
    assert r.status_code == 400
    assert "never fetches" in r.json["error"]["message"]


def test_service_is_refused(client):
    r = get(client, "SELECT * { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }")
    assert r.status_code == 400 and "SERVICE" in r.json["error"]["message"]
