"""Random requests to ``/sparql`` and the query page through Flask's test client: random
queries, methods, Accept and Content-Type headers and bodies. Never a 500 caused by the
input, never a hang (the pool's time limit is 2 s, so no request may take much longer)."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from serving import fixture_app

from tests.test_fuzz_queries import WORDS

LIMIT = 2.0
STATUSES = {200, 204, 400, 403, 404, 405, 406, 413, 415, 503}
FRAGMENTS = WORDS + [
    "{", "}", "(", ")", "[", "]", ".", ";", ",", "*", "?s", "?p", "?o", "$x", "<http://x/>",
    "<file:///etc/passwd>", "am:text", "PREFIX am: <https://w3id.org/argmap/ns#>", '"a"', "'b'@en",
    "1", "2.5e3", "#", "\n", "/", "|", "^", "+", "!", "a", "_:b", "<<", ">>", "\x00",
]  # fmt: skip
MEDIA = [
    "application/sparql-results+json", "application/sparql-results+xml", "text/csv",
    "text/tab-separated-values", "text/turtle", "application/n-triples", "application/ld+json",
    "application/rdf+xml", "application/json", "text/html", "*/*", "text/*", "image/png",
    "application/sparql-query", "application/sparql-update", "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x", "text/plain",
]  # fmt: skip

# Text a request can carry (no lone surrogates); raw bytes are fuzzed as bodies below.
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200)
queries = st.one_of(st.lists(st.sampled_from(FRAGMENTS), max_size=25).map(" ".join), TEXT)
headers = st.one_of(
    st.sampled_from(MEDIA),
    st.lists(st.sampled_from(MEDIA), min_size=1, max_size=4).map(", ".join),
    st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=60),
)


@pytest.fixture(scope="module")
def client():
    return fixture_app(ARGMAP_QUERY_TIMEOUT=LIMIT, ARGMAP_QUERY_QUEUE_WAIT=LIMIT).test_client()


def timed(call):
    t = time.monotonic()
    r = call()
    took = time.monotonic() - t
    assert took < 2 * LIMIT + 3, took
    assert r.status_code in STATUSES, (r.status_code, r.get_data(as_text=True)[:500])
    return r


FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(query=queries, accept=headers, method=st.sampled_from(["GET", "POST-form", "POST-body"]))
def test_random_queries_never_fail_the_server(client, query, accept, method):
    def call():
        h = {"Accept": accept}
        if method == "GET":
            return client.get("/sparql", query_string={"query": query}, headers=h)
        if method == "POST-form":
            return client.post("/sparql", data={"query": query}, headers=h)
        return client.post("/sparql", data=query.encode(), content_type="application/sparql-query", headers=h)

    timed(call)


@FUZZ
@given(
    method=st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"]),
    content_type=headers,
    accept=headers,
    body=st.binary(max_size=300),
    path=st.sampled_from(["/sparql", "/query", "/", "/map/pets", "/id/pets/thesis"]),
    params=st.dictionaries(
        st.sampled_from(["query", "update", "default-graph-uri", "named-graph-uri", "format", "name"]),
        TEXT,
        max_size=3,
    ),
)
def test_random_requests_never_fail_the_server(client, method, content_type, accept, body, path, params):
    timed(
        lambda: client.open(
            path,
            method=method,
            data=body,
            query_string=params,
            headers={"Accept": accept, "Content-Type": content_type},
        )
    )
