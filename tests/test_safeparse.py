"""Hostile RDF in: no fetch, no file read, no entity expansion — and what the libraries do alone."""

from __future__ import annotations

import http.server
import os
import re
import threading
import time

import pyoxigraph as ox
import pytest
import rdflib
from rdflib import Literal, URIRef

from claims.safeparse import UnsafeRDF, parse_graph
from tests.conftest import ROOT


class _Recorder(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        self.server.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "application/ld+json")
        self.end_headers()
        self.wfile.write(b'{"@context": {"name": "http://x/name"}}')

    def log_message(self, *args):
        pass


@pytest.fixture
def web():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.hits = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


class Watched:
    """A named pipe: any attempt to open it for reading is recorded (and fed ``{}``)."""

    def __init__(self, path):
        self.path = path
        self.opened = threading.Event()
        self.closing = False
        os.mkfifo(path)
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        with open(self.path, "w") as f:  # blocks until a reader opens the pipe
            if not self.closing:
                self.opened.set()
            f.write("{}")

    def close(self):
        self.closing = True
        fd = os.open(self.path, os.O_RDONLY | os.O_NONBLOCK)  # release the writer
        self.thread.join(2)
        os.close(fd)


@pytest.fixture
def secret(tmp_path):
    w = Watched(tmp_path / "secret")
    yield w
    if not w.opened.is_set():
        w.close()


def rdfxml(doctype: str, body: str) -> str:
    return f"""<?xml version="1.0"?>
{doctype}
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://x/">
  <rdf:Description rdf:about="http://x/a">{body}</rdf:Description>
</rdf:RDF>"""


def test_rdflib_alone_fetches_a_remote_jsonld_context_and_we_do_not(web):
    url = f"http://127.0.0.1:{web.server_port}/ctx"
    doc = f'{{"@context": "{url}", "@id": "http://x/a", "name": "n"}}'
    rdflib.Graph().parse(data=doc, format="json-ld")
    assert web.hits == ["/ctx"]  # the hazard is real
    web.hits.clear()
    with pytest.raises(UnsafeRDF, match="inline"):
        parse_graph(doc, "json-ld")
    for nested in (
        f'{{"@context": [{{"ex": "http://x/"}}, "{url}"], "@id": "http://x/a"}}',
        f'{{"@graph": [{{"@context": {{"@import": "{url}"}}, "@id": "http://x/a"}}]}}',
    ):
        with pytest.raises(UnsafeRDF):
            parse_graph(nested, "json-ld")
    time.sleep(0.2)
    assert web.hits == []


def test_rdflib_alone_opens_a_local_jsonld_context_and_we_do_not(secret):
    doc = f'{{"@context": "file://{secret.path}", "@id": "http://x/a", "name": "n"}}'
    with pytest.raises(UnsafeRDF):
        parse_graph(doc, "json-ld")
    bare = f'{{"@context": "{secret.path}", "@id": "http://x/a"}}'
    with pytest.raises(UnsafeRDF):
        parse_graph(bare, "json-ld")
    time.sleep(0.2)
    assert not secret.opened.is_set()
    rdflib.Graph().parse(data=doc, format="json-ld")
    assert secret.opened.wait(2)  # the hazard is real


def test_rdfxml_external_entities_are_refused_unread(secret, web):
    url = f"http://127.0.0.1:{web.server_port}/entity"
    doc = rdfxml(
        f'<!DOCTYPE rdf:RDF [ <!ENTITY leak SYSTEM "file://{secret.path}"> <!ENTITY web SYSTEM "{url}"> ]>',
        "<ex:p>&leak;</ex:p><ex:q>&web;</ex:q>",
    )
    with pytest.raises(UnsafeRDF) as info:
        parse_graph(doc, "xml")
    assert info.value.line == 2 and "DOCTYPE" in str(info.value)
    time.sleep(0.2)
    assert web.hits == [] and not secret.opened.is_set()


BOMB = rdfxml(
    '<!DOCTYPE rdf:RDF [ <!ENTITY a "aaaaaaaaaa">'
    + "".join(f' <!ENTITY {n} "{("&" + p + ";") * 10}">' for p, n in zip("abcdefgh", "bcdefghi", strict=True))
    + " ]>",
    "<ex:p>&i;</ex:p>",
)


def test_billion_laughs_is_refused_before_parsing():
    t = time.monotonic()
    with pytest.raises(UnsafeRDF, match="DOCTYPE"):
        parse_graph(BOMB, "rdfxml")
    assert time.monotonic() - t < 0.5
    small = rdfxml(
        '<!DOCTYPE rdf:RDF [ <!ENTITY a "aaaaaaaaaa"> <!ENTITY b "&a;&a;&a;&a;&a;"> ]>', "<ex:p>&b;</ex:p>"
    )
    (q,) = ox.parse(small.encode(), format=ox.RdfFormat.RDF_XML)
    assert len(q.object.value) == 50  # pyoxigraph alone expands entities: the bomb would go off
    with pytest.raises(UnsafeRDF):
        parse_graph(small, "xml")


def test_plain_rdfxml_and_inline_jsonld_still_parse():
    g = parse_graph(rdfxml("", '<ex:p xml:lang="en">hi</ex:p><ex:q rdf:resource="http://x/b"/>'), "xml")
    assert set(g) == {
        (URIRef("http://x/a"), URIRef("http://x/p"), Literal("hi", lang="en")),
        (URIRef("http://x/a"), URIRef("http://x/q"), URIRef("http://x/b")),
    }
    j = parse_graph('{"@context": {"name": "http://x/name"}, "@id": "http://x/a", "name": "n"}', "json-ld")
    assert set(j) == {(URIRef("http://x/a"), URIRef("http://x/name"), Literal("n"))}
    t = parse_graph("<a> <http://x/p> 'x' .", "turtle", base="http://x/")
    assert set(t) == {(URIRef("http://x/a"), URIRef("http://x/p"), Literal("x"))}


def test_every_rdf_parse_of_the_project_goes_through_safeparse():
    """No module parses RDF with rdflib directly except safeparse (and the project's own ontology files)."""
    direct = re.compile(r"(Graph\(\)|graph|\bg)\.parse\(|\.parse\(data=")
    offenders = []
    for folder in ("claims", "server", "cli"):
        for path in (ROOT / folder).rglob("*.py"):
            if path.name == "safeparse.py":
                continue
            for n, line in enumerate(path.read_text().splitlines(), 1):
                if direct.search(line):
                    offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert offenders == []
