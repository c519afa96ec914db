"""Media types as data, and a small ``Accept`` header parser that picks one of them.

The first entry of each table is the default when a client accepts anything.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

#: SELECT and ASK results: media type -> pyoxigraph format.
RESULT_TYPES: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/xml": ox.QueryResultsFormat.XML,
}

#: CONSTRUCT and DESCRIBE results, the Service Description, statement pages: media type -> format.
GRAPH_TYPES: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}

#: Short names for the ``format`` parameter (download links): name -> media type.
FORMAT_NAMES: dict[str, str] = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "rdf": "application/rdf+xml",
    "jsonld": "application/ld+json",
}

#: Media types whose body is text and needs a charset parameter.
TEXT_TYPES = frozenset({"text/csv", "text/tab-separated-values", "text/turtle", "application/n-triples"})


@dataclass(frozen=True)
class Range:
    """One media range of an Accept header."""

    type: str
    subtype: str
    q: float
    order: int

    def matches(self, media_type: str) -> bool:
        t, _, s = media_type.partition("/")
        return self.type in ("*", t) and self.subtype in ("*", s)

    @property
    def specificity(self) -> int:
        return (self.type != "*") + (self.subtype != "*")


def parse_accept(header: str | None) -> list[Range]:
    """The media ranges of an Accept header; an absent or empty header accepts anything."""
    if not header or not header.strip():
        return [Range("*", "*", 1.0, 0)]
    ranges = []
    for order, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if "/" not in media:
            if media == "*":
                media = "*/*"
            else:
                continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(1.0, max(0.0, float(value.strip())))
                except ValueError:
                    q = 0.0
        t, _, s = media.partition("/")
        ranges.append(Range(t, s, q, order))
    return ranges


def quality(ranges: list[Range], media_type: str) -> float:
    """How much the client wants ``media_type``: the q of the most specific range matching it."""
    best = None
    for r in ranges:
        if r.matches(media_type) and (best is None or r.specificity > best.specificity):
            best = r
    return best.q if best else 0.0


def negotiate(header: str | None, offered) -> str | None:
    """The offered media type the client prefers (ties go to the earlier offer), or None."""
    ranges = parse_accept(header)
    best, best_q = None, 0.0
    for media_type in offered:
        q = quality(ranges, media_type)
        if q > best_q:
            best, best_q = media_type, q
    return best


def content_type(media_type: str) -> str:
    """The Content-Type header value for a body of ``media_type``."""
    return f"{media_type}; charset=utf-8" if media_type in TEXT_TYPES else media_type
