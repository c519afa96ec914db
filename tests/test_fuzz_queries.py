"""Random queries and bytes through vet_query and the worker pool: only the documented
exceptions, never a hang past the executor's deadline."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.building import build_memory
from server.executor import QueryError, QueryPool
from server.guard import QueryRefused, vet_query
from server.limits import Limits
from tests.conftest import FIXTURES

LIMITS = Limits(timeout=3, workers=3, max_long=2, max_rows=100, queue_wait=10)
WORDS = [
    "SELECT",
    "ASK",
    "CONSTRUCT",
    "DESCRIBE",
    "WHERE",
    "FILTER",
    "OPTIONAL",
    "UNION",
    "MINUS",
    "SERVICE",
    "SILENT",
    "VALUES",
    "BIND",
    "AS",
    "FROM",
    "NAMED",
    "GRAPH",
    "EXISTS",
    "NOT",
    "INSERT",
    "DATA",
    "PREFIX",
    "BASE",
    "REGEX",
    "CONCAT",
    "STR",
    "LIMIT",
    "ORDER",
    "BY",
    "COUNT",
    "GROUP",
    "a",
    "UNDEF",
    "true",
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    ".",
    ";",
    ",",
    "*",
    "/",
    "|",
    "^",
    "+",
    "?",
    "!",
    "&&",
    "||",
    "=",
    "<",
    ">",
    "?s",
    "?p",
    "?o",
    "$x",
    "<http://x/p>",
    "<file:///etc/passwd>",
    "am:text",
    "ex:service",
    ":a",
    "_:b",
    '"service"',
    "'''x\n'''",
    "1",
    "2.5",
    "-3e2",
    "@en",
    "^^",
    "# SERVICE\n",
    "\n",
    '"\\u0000"',
    '"',
]
fragments = st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join)
queries = st.one_of(fragments, st.text(max_size=200), fragments.map(lambda q: "SELECT * WHERE { " + q + " }"))


@pytest.fixture(scope="module")
def pool():
    with QueryPool(build_memory([FIXTURES / "maps" / "pets.ttl"]), LIMITS) as p:
        yield p


@settings(max_examples=400, deadline=None)
@given(st.one_of(queries, st.binary(max_size=300)))
def test_vet_query_only_refuses(text):
    t = time.monotonic()
    try:
        vet_query(text, LIMITS, {"https://w3id.org/argmap/graph/ontology"})
    except QueryRefused as e:
        assert e.status in (400, 403, 413) and e.message
        if e.position:
            assert e.position[0] >= 1 and e.position[1] >= 1
    assert time.monotonic() - t < 1


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(queries)
def test_vetted_queries_through_the_pool_end_in_a_result_or_a_documented_error(pool, text):
    t = time.monotonic()
    try:
        vet_query(text, LIMITS)
        result = pool.run(text)
        assert result.body is not None and result.rows <= LIMITS.max_rows
    except QueryRefused as e:
        assert e.status in (400, 403, 413)
    except QueryError as e:
        assert e.status in (400, 503), e  # never a 500: input never breaks the server
    assert time.monotonic() - t < LIMITS.timeout + LIMITS.queue_wait + 5
