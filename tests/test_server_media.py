"""The Accept parser, table-tested."""

from __future__ import annotations

import pytest

from server.media import GRAPH_TYPES, RESULT_TYPES, negotiate, parse_accept

RESULTS = list(RESULT_TYPES)
GRAPHS = list(GRAPH_TYPES)


@pytest.mark.parametrize(
    ("accept", "offered", "chosen"),
    [
        (None, RESULTS, "application/sparql-results+json"),
        ("", GRAPHS, "text/turtle"),
        ("*/*", RESULTS, "application/sparql-results+json"),
        ("text/csv", RESULTS, "text/csv"),
        ("text/*", RESULTS, "text/csv"),
        ("text/tab-separated-values, text/csv;q=0.5", RESULTS, "text/tab-separated-values"),
        ("text/csv;q=0.5, text/tab-separated-values", RESULTS, "text/tab-separated-values"),
        ("application/sparql-results+xml;q=0.9, */*;q=0.1", RESULTS, "application/sparql-results+xml"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", RESULTS, "application/xml"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", GRAPHS, "text/turtle"),
        ("application/ld+json", GRAPHS, "application/ld+json"),
        ("APPLICATION/N-TRIPLES", GRAPHS, "application/n-triples"),
        ("*/*;q=0.5, text/turtle;q=0", GRAPHS, "application/n-triples"),
        ("text/html", RESULTS, None),
        ("image/png, text/turtle", RESULTS, None),
        ("text/csv;q=0", RESULTS, None),
        ("text/csv;q=oops", RESULTS, None),
        ("garbage", RESULTS, None),
        ("*", GRAPHS, "text/turtle"),
        ("text/html, application/json", ["text/html", "application/json"], "text/html"),
        ("application/json", ["text/html", "application/json"], "application/json"),
    ],
)
def test_negotiate(accept, offered, chosen):
    assert negotiate(accept, offered) == chosen


def test_parse_accept_reads_quality_and_order():
    ranges = parse_accept("text/csv;q=0.3, application/json ; charset=utf-8")
    assert [(r.type, r.subtype, r.q, r.order) for r in ranges] == [
        ("text", "csv", 0.3, 0),
        ("application", "json", 1.0, 1),
    ]
