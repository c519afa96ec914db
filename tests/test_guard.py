"""vet_query refuses what must never reach the engine, and lets ordinary queries through."""

from __future__ import annotations

import subprocess
import sys

import pytest

from server.guard import QueryRefused, decode_query, query_form, vet_graph_iri, vet_query
from server.limits import Limits, limits_from
from tests.conftest import ROOT

GRAPHS = {"https://w3id.org/argmap/graph/pets/asserted", "https://w3id.org/argmap/graph/ontology"}
L = Limits()


def refused(query, limits=L, graphs=GRAPHS) -> QueryRefused:
    with pytest.raises(QueryRefused) as info:
        vet_query(query, limits, graphs)
    return info.value


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { OPTIONAL { SERVICE <http://x/> { ?s ?p ?o } } }",
        "SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE SILENT <http://x/> { ?s ?p ?o } } }",
        "select * where { { { service silent <http://x/> { ?s ?p ?o } } } }",
        "SELECT * WHERE { ?s ?p ?o MINUS { SeRvIcE ?endpoint { ?s ?p ?o } } }",
        "PREFIX e: <http://x/>\nSELECT * WHERE {\n  # a comment\n  SERVICE e:ep { ?s ?p ?o }\n}",
    ],
)
def test_service_is_refused_anywhere(query):
    e = refused(query)
    assert e.status == 400 and "SERVICE" in e.message
    line, col = e.position
    assert query.splitlines()[line - 1][col - 1 :].upper().startswith("SERVICE")


@pytest.mark.parametrize(
    "query",
    [
        'SELECT ("SERVICE" AS ?x) WHERE { ?s ?p ?o }',
        "SELECT ('''a\nSERVICE <http://x/> {}''' AS ?x) WHERE { }",
        "SELECT * WHERE { ?s <http://x/service> ?o }",
        "PREFIX service: <http://x/>\nSELECT * WHERE { ?s service:SERVICE ?service }",
        "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://x/> { }",
        "SELECT * WHERE { ?s ?p 'insert delete' . ?s ?p ?insert }",
    ],
)
def test_the_word_service_in_strings_iris_names_and_comments_is_fine(query):
    vet_query(query, L, GRAPHS)


@pytest.mark.parametrize(
    "query",
    [
        "INSERT DATA { <http://a> <http://b> <http://c> }",
        "DELETE WHERE { ?s ?p ?o }",
        "PREFIX x: <http://x/>\nLOAD <http://x/data.ttl>",
        "CLEAR ALL",
        "DROP GRAPH <https://w3id.org/argmap/graph/ontology>",
        "WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "CREATE GRAPH <http://g>",
    ],
)
def test_updates_are_refused_as_forbidden(query):
    e = refused(query)
    assert e.status == 403 and "read-only" in e.message


@pytest.mark.parametrize(
    "query, needle",
    [
        ("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", "local files"),
        ("SELECT * FROM NAMED <FILE:/etc/passwd> WHERE { ?s ?p ?o }", "local files"),
        ("SELECT * FROM </etc/passwd> WHERE { ?s ?p ?o }", "bare path"),
        ("SELECT * FROM <data.ttl> WHERE { ?s ?p ?o }", "bare path"),
        ("BASE <file:///etc/> SELECT * FROM <passwd> WHERE { ?s ?p ?o }", "local files"),
        ("SELECT * FROM <http://127.0.0.1:8/g.ttl> WHERE { ?s ?p ?o }", "not a graph"),
        ("PREFIX h: <http://127.0.0.1:8/>\nSELECT * FROM NAMED h:g WHERE { ?s ?p ?o }", "not a graph"),
    ],
)
def test_from_only_names_graphs_of_the_store(query, needle):
    e = refused(query)
    assert e.status == 400 and needle in e.message and e.position is not None


def test_from_a_store_graph_is_fine():
    vet_query("SELECT * FROM <https://w3id.org/argmap/graph/ontology> WHERE { ?s ?p ?o }", L, GRAPHS)
    vet_query(
        "PREFIX g: <https://w3id.org/argmap/graph/>\nSELECT * FROM NAMED g:ontology WHERE { ?s ?p ?o }",
        L,
        GRAPHS,
    )


def test_protocol_graph_parameters_are_vetted_alike():
    vet_graph_iri("https://w3id.org/argmap/graph/ontology", GRAPHS)
    for iri in ("file:///etc/passwd", "http://127.0.0.1:8/", "/etc/passwd"):
        with pytest.raises(QueryRefused) as info:
            vet_graph_iri(iri, GRAPHS)
        assert info.value.status == 400


def test_size_limit_is_413():
    limits = Limits(max_bytes=100)
    assert refused("SELECT * WHERE { ?s ?p '" + "x" * 200 + "' }", limits).status == 413
    with pytest.raises(QueryRefused) as info:
        decode_query(b"x" * 101, limits)
    assert info.value.status == 413


def test_bytes_must_be_utf8():
    with pytest.raises(QueryRefused) as info:
        vet_query(b"SELECT * WHERE { ?s ?p '\xff' }", L, GRAPHS)
    assert info.value.status == 400 and "UTF-8" in info.value.message


def test_nesting_limit():
    deep = "SELECT * WHERE " + "{" * 65 + " ?s ?p ?o " + "}" * 65
    e = refused(deep)
    assert "nesting" in e.message and e.position == (1, 15 + 65)
    vet_query("SELECT * WHERE " + "{" * 60 + " ?s ?p ?o " + "}" * 60, L, GRAPHS)
    parens = "SELECT * WHERE { FILTER(" + "(" * 80 + "1" + ")" * 80 + ") }"
    assert "nesting" in refused(parens).message


def test_values_limit():
    big = "SELECT * WHERE { VALUES ?x { " + " ".join(str(i) for i in range(100_000)) + " } }"
    assert "VALUES" in refused(big, Limits(max_bytes=1 << 20)).message
    rows = "SELECT * WHERE { VALUES (?x ?y) { " + "(1 UNDEF) " * 4_000 + "} }"
    vet_query(rows, L, GRAPHS)  # 8,000 terms: under the limit, and not counted as tokens


def test_path_limit():
    path = "/".join(["<http://x/p>"] * 33)
    e = refused(f"SELECT * WHERE {{ ?s {path} ?o }}")
    assert "path" in e.message
    vet_query("SELECT * WHERE { ?s " + "/".join(["<http://x/p>"] * 32) + " ?o }", L, GRAPHS)
    vet_query("SELECT * WHERE { ?s (<http://x/p>|^<http://x/q>)+/<http://x/r>* ?o }", L, GRAPHS)


def test_token_limit():
    chain = "SELECT * WHERE { FILTER(" + " && ".join(["true"] * 3000) + ") }"
    assert "tokens" in refused(chain).message


def test_query_form():
    assert query_form("PREFIX a: <http://a/>\n# SELECT\nCONSTRUCT WHERE { ?s ?p ?o }") == "construct"
    assert query_form("ask {}") == "ask"


def test_limits_from_config_and_environment():
    env = {"ARGMAP_QUERY_TIMEOUT": "2.5", "ARGMAP_QUERY_MAX_ROWS": "7"}
    lim = limits_from({"ARGMAP_QUERY_MAX_ROWS": 9}, env)
    assert (lim.timeout, lim.max_rows, lim.max_bytes) == (2.5, 9, Limits().max_bytes)
    with pytest.raises(ValueError, match="ARGMAP_QUERY_TIMEOUT"):
        limits_from({}, {"ARGMAP_QUERY_TIMEOUT": "soon"})
    with pytest.raises(ValueError, match="ARGMAP_QUERY_MAX_LONG"):
        Limits(workers=2, max_long=2)


CRASH = """
import sys, pyoxigraph as ox
n = int(sys.argv[1])
ox.Store().query("SELECT * WHERE " + "{" * n + "?s ?p ?o" + "}" * n)
"""


@pytest.mark.parametrize("depth", [2400])
def test_the_depth_limit_sits_far_below_the_engine_crash(depth):
    """pyoxigraph overflows its stack on deep nesting (≈2,150 groups with an 8 MiB stack):
    the guard must refuse long before, and it refuses this very query."""
    proc = subprocess.run([sys.executable, "-c", CRASH, str(depth)], cwd=ROOT, capture_output=True)
    assert proc.returncode < 0, "pyoxigraph no longer crashes here: revisit max_depth"
    assert L.max_depth * 20 < depth
    assert "nesting" in refused("SELECT * WHERE " + "{" * depth + "?s ?p ?o" + "}" * depth).message
