"""Hostile text out: every page over the hostile fixture map (``<script>``, attribute
break-outs, ``javascript:`` URLs, ``{{ 7*7 }}``) keeps the data as text; every response,
API included, carries the security headers and a Content-Security-Policy that allows no
inline script or style."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from serving import FIXTURES, fixture_app

from claims.building import build_memory

HOSTILE = FIXTURES / "maps" / "hostile.ttl"
NODE = "https://w3id.org/argmap/id/hostile/"
ALL_TEXTS = """PREFIX am: <https://w3id.org/argmap/ns#>
SELECT ?s ?t WHERE { ?s am:text|am:note|am:name ?t }"""


class Tags(HTMLParser):
    """Every start tag with its attributes, and every ``<script>`` element's body."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.text.append(data)


def assert_harmless(html: str, where: str) -> None:
    parser = Tags()
    parser.feed(html)
    for tag, attrs in parser.tags:
        if tag == "script":
            # Only the app's own file, or an inert JSON data block.
            assert attrs.get("src") == "/static/app.js" or attrs.get("type") == "application/json", where
        assert tag not in ("img", "iframe", "object", "embed", "base", "style"), (where, tag)
        for name, value in attrs.items():
            assert not name.startswith("on"), (where, tag, name)
            assert name != "style", (where, tag)
            if name in ("href", "src", "action", "xlink:href", "formaction"):
                assert not value.strip().lower().startswith(("javascript:", "data:")), (where, value)
    text = "".join(parser.text)
    assert "49" not in text.replace("{{ 7*7 }}", ""), where  # the template syntax is never evaluated


@pytest.fixture(scope="module")
def client():
    store = build_memory([HOSTILE, FIXTURES / "maps" / "pets.ttl"])
    return fixture_app(store).test_client()


def pages(client) -> list[str]:
    nodes = [
        r["s"]["value"]
        for r in client.get("/sparql", query_string={"query": ALL_TEXTS}).json["results"]["bindings"]
    ]
    local = sorted({n[len("https://w3id.org/argmap") :] for n in nodes if n.startswith(NODE)})
    assert len(local) >= 8
    return [
        "/",
        "/map/hostile",
        "/map/hostile/article",
        "/map/hostile/diagram",
        "/query?query=" + quote(ALL_TEXTS),
        "/query?query=" + quote("SELECT * WHERE { <script>alert(1)</script> }"),
        "/query?query=" + quote('SELECT ("<img src=x onerror=alert(1)>" AS ?x) {} # {{ 7*7 }}'),
        "/id/hostile/" + quote("<script>alert(1)</script>"),
        "/map/" + quote('"><img src=x onerror=alert(1)>'),
        *local,
    ]


def test_every_page_keeps_hostile_text_as_text(client):
    seen = 0
    for path in pages(client):
        r = client.get(path)
        assert r.status_code in (200, 400, 404), path
        assert r.mimetype == "text/html", path
        html = r.get_data(as_text=True)
        assert_harmless(html, path)
        seen += "{{ 7*7 }}" in html
    assert seen >= 6  # the payloads are on the pages, as text


def test_the_payloads_are_on_the_pages_escaped(client):
    html = client.get("/map/hostile").get_data(as_text=True)
    assert "Thesis &lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }}" in html
    results = client.get("/query", query_string={"query": ALL_TEXTS}).get_data(as_text=True)
    assert "&lt;img src=x onerror=alert(1)&gt;" in results and "<img" not in results
    svg = client.get("/map/hostile/diagram.svg").get_data(as_text=True)
    assert "<script" not in svg and "&lt;script&gt;" in svg


def test_json_and_error_answers_are_json_not_html(client):
    r = client.get("/id/hostile/<script>", headers={"Accept": "application/json"})
    assert r.status_code == 404 and r.mimetype == "application/json"
    r = client.get("/sparql", query_string={"query": "SELECT <script>alert(1)</script>"})
    assert r.status_code == 400 and r.mimetype == "application/json"


SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


@pytest.mark.parametrize(
    "method, path, kwargs",
    [
        ("get", "/", {}),
        ("get", "/map/hostile", {}),
        ("get", "/map/hostile/diagram.svg", {}),
        ("get", "/static/app.js", {}),
        ("get", "/static/style.css", {}),
        ("get", "/id/hostile/thesis", {"headers": {"Accept": "text/turtle"}}),
        ("get", "/nowhere", {}),
        ("get", "/sparql", {}),
        ("get", "/sparql?query=ASK%7B%7D", {}),
        ("get", "/sparql?query=nonsense", {}),
        ("post", "/sparql", {"data": "x", "content_type": "text/plain"}),
        ("options", "/sparql", {}),
        ("get", "/query", {}),
    ],
)
def test_security_headers_on_every_response(client, method, path, kwargs):
    r = getattr(client, method)(path, **kwargs)
    for name, value in SECURITY_HEADERS.items():
        assert r.headers.get(name) == value, (path, name)
    csp = dict(part.strip().split(" ", 1) for part in r.headers["Content-Security-Policy"].split(";"))
    assert csp["default-src"] == "'self'" and csp["script-src"] == "'self'" and csp["style-src"] == "'self'"
    assert csp["object-src"] == "'none'" and csp["base-uri"] == "'none'"
    assert csp["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in r.headers["Content-Security-Policy"]
    expected = "cross-origin" if path.startswith("/sparql") else "same-origin"
    assert r.headers["Cross-Origin-Resource-Policy"] == expected


def test_a_slug_never_reaches_the_internal_queries(client):
    for path in ("/map/a%3E%20%3Fp%20%3Fo", "/map/a%3E%20%3Fp/article", "/id/a%3E%20%3Fp/thesis"):
        r = client.get(path)
        assert r.status_code == 404, path
