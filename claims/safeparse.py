"""Parse RDF from anyone without fetching, reading files, or expanding entity bombs.

What the libraries do by default (checked by ``tests/test_safeparse.py``):

- rdflib's JSON-LD parser fetches a remote ``@context`` over HTTP and opens a local
  one (``file:`` IRIs or bare paths);
- pyoxigraph's RDF/XML parser expands internal entities (a "billion laughs" document
  grows exponentially); rdflib's does too, within expat's own amplification limit.

So: RDF/XML with any ``<!DOCTYPE`` or ``<!ENTITY`` is refused (RDF needs neither);
JSON-LD whose ``@context`` is anything but inline objects (a string IRI, ``@import``)
is refused; both are then parsed by pyoxigraph, which has no document loader. Turtle,
TriG, N-Triples and N-Quads cannot reference other documents and keep rdflib's parser.
Every RDF parse of the project goes through :func:`parse_graph`.
"""

from __future__ import annotations

import json
import re

import pyoxigraph as ox
from rdflib import Graph

from claims.rdfterms import from_ox

#: Formats read by rdflib (no way to reference another document in these syntaxes).
PLAIN = {
    "turtle": "turtle",
    "ttl": "turtle",
    "nt": "nt",
    "ntriples": "nt",
    "trig": "trig",
    "nquads": "nquads",
}
#: Formats that can reference other documents: vetted, then read by pyoxigraph.
VETTED = {"xml": ox.RdfFormat.RDF_XML, "rdfxml": ox.RdfFormat.RDF_XML, "json-ld": ox.RdfFormat.JSON_LD}

_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


class UnsafeRDF(ValueError):
    """RDF refused before parsing; ``line`` is where the hazard starts (1-based)."""

    def __init__(self, message: str, line: int | None = None):
        self.line = line
        super().__init__(message + (f" (line {line})" if line else ""))


def parse_graph(data: bytes | str, fmt: str, base: str | None = None) -> Graph:
    """An rdflib graph of ``data`` in ``fmt``; raise :class:`UnsafeRDF` or ``SyntaxError``."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    key = fmt.lower().replace("/", "").replace("_", "")
    if key in PLAIN:
        return Graph().parse(data=data, format=PLAIN[key], publicID=base)
    if key not in VETTED:
        raise ValueError(f"unsupported RDF format {fmt!r}")
    ox_format = VETTED[key]
    if ox_format == ox.RdfFormat.RDF_XML:
        vet_rdfxml(data)
    else:
        vet_jsonld(data)
    graph = Graph()
    for q in ox.parse(data, format=ox_format, base_iri=base):
        graph.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
    return graph


def vet_rdfxml(data: bytes) -> None:
    """Refuse RDF/XML carrying a document type declaration or entity declarations."""
    m = _DTD.search(data)
    if m:
        line = data.count(b"\n", 0, m.start()) + 1
        raise UnsafeRDF(
            f"RDF/XML with <!{m[1].decode().upper()} is refused: entities can read files, "
            "fetch URLs or expand without bound",
            line,
        )


def vet_jsonld(data: bytes) -> None:
    """Refuse JSON-LD that would load a context from a URL or a file."""
    try:
        doc = json.loads(data)
    except (ValueError, RecursionError) as e:
        raise UnsafeRDF(f"JSON-LD is not valid JSON: {e}") from None
    for context in _contexts(doc):
        for item in context if isinstance(context, list) else [context]:
            if isinstance(item, str):
                raise UnsafeRDF(f"JSON-LD @context {item!r} is refused: contexts must be inline")
            if isinstance(item, dict) and "@import" in item:
                raise UnsafeRDF(f"JSON-LD @import {item['@import']!r} is refused: contexts must be inline")


def _contexts(node, depth: int = 0):
    if depth > 200:
        raise UnsafeRDF("JSON-LD nested too deeply")
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "@context":
                yield value
                if isinstance(value, (dict, list)):
                    yield from _contexts(value, depth + 1)
            else:
                yield from _contexts(value, depth + 1)
    elif isinstance(node, list):
        for value in node:
            yield from _contexts(value, depth + 1)
