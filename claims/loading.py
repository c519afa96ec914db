"""Read one map file (Turtle) and its source text into an rdflib graph.

Loading adds what the file leaves implicit and the build needs: the source's full
text (``am:fullText``), ``am:inMap`` on every node, and deterministic IRIs for
blank nodes (so asserted and inferred triples name the same anchors in every build).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, BNode, Graph, Literal, URIRef

from claims.errors import MapError, Problem
from claims.rdfterms import from_ox
from ontology.vocab import AM, map_iri, node_base

#: Typed resources of a map that are not argument nodes.
NOT_NODES = (AM.SourceDocument, AM.Speaker, AM.Author, AM.ArgumentMap, AM.ImportedMap, AM.ArgumentationScheme)


@dataclass
class LoadedMap:
    """A map as read from disk: its slug, file, graph and source texts."""

    slug: str
    path: Path
    graph: Graph
    sources: dict[URIRef, str]

    @property
    def iri(self) -> URIRef:
        return map_iri(self.slug)


def slug_for(path: Path) -> str:
    """A map's slug is its file name without ``.ttl``."""
    return path.stem


def load_map(path: Path) -> LoadedMap:
    """Parse ``path`` and return the map, or raise :class:`MapError` naming file and line."""
    path = Path(path)
    slug = slug_for(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise MapError([Problem(str(path), None, None, "read", str(e))]) from e
    graph = _skolemize(_parse(path, data, slug), slug)
    sources = _attach_sources(graph, path)
    _add_membership(graph, slug)
    return LoadedMap(slug=slug, path=path, graph=graph, sources=sources)


def _parse(path: Path, data: bytes, slug: str) -> tuple[list, dict]:
    """The file's triples as rdflib terms, parsed by pyoxigraph (about 20x faster than rdflib's
    Turtle parser), and its prefixes; a syntax error names file and line."""
    try:
        parser = ox.parse(data, format=ox.RdfFormat.TURTLE, base_iri=node_base(slug))
        terms: dict = {}  # each term converted once (rdflib validates every IRI it makes)

        def term(t):
            found = terms.get(t)
            if found is None:
                found = terms[t] = from_ox(t)
            return found

        triples = [(term(q.subject), term(q.predicate), term(q.object)) for q in parser]
    except SyntaxError as e:
        raise MapError(
            [Problem(str(path), e.lineno, None, "turtle-syntax", str(e.msg if hasattr(e, "msg") else e))]
        ) from None
    return triples, dict(getattr(parser, "prefixes", {}) or {})


def _attach_sources(graph: Graph, path: Path) -> dict[URIRef, str]:
    sources: dict[URIRef, str] = {}
    problems = []
    for doc, file_name in graph.subject_objects(AM.sourceFile):
        text_path = (path.parent / str(file_name)).resolve()
        try:
            text = text_path.read_text(encoding="utf-8")
        except OSError as e:
            problems.append(
                Problem(str(path), None, str(doc), "source-file", f"cannot read source text {text_path}: {e}")
            )
            continue
        sources[doc] = text
        graph.add((doc, AM.fullText, Literal(text)))
    if problems:
        raise MapError(problems)
    for doc, text in graph.subject_objects(AM.fullText):
        sources.setdefault(doc, str(text))  # a text written into the map itself (imported maps)
    return sources


def _add_membership(graph: Graph, slug: str) -> None:
    the_map = map_iri(slug)
    base = node_base(slug)
    nodes = set()
    for s, _, o in graph.triples((None, RDF.type, None)):
        if isinstance(s, URIRef) and str(s).startswith(base) and str(o).startswith(str(AM)):
            nodes.add(s)
    for s in nodes:
        if not any((s, RDF.type, t) in graph for t in NOT_NODES):
            graph.add((s, AM.inMap, the_map))


def _skolemize(parsed: tuple[list, dict], slug: str) -> Graph:
    """A graph of the triples, blank nodes replaced by IRIs derived from what they say,
    so every build names them alike."""
    triples, prefixes = parsed
    signatures: dict[BNode, str] = {}
    incoming: dict = defaultdict(list)
    outgoing: dict = defaultdict(list)
    for s, p, o in triples:
        if isinstance(o, BNode):
            incoming[o].append((s, p))
        if isinstance(s, BNode):
            outgoing[s].append((p, o))

    def signature(b: BNode, seen: frozenset = frozenset()) -> str:
        if b in signatures:
            return signatures[b]
        parts = []
        for s, p in incoming[b]:
            parts.append(f"<{p}<{s if not isinstance(s, BNode) else ''}")
        for p, o in outgoing[b]:
            if isinstance(o, BNode):
                inner = "" if o in seen else signature(o, seen | {b})
                parts.append(f">{p}>[{inner}]")
            else:
                parts.append(f">{p}>{o.n3()}")
        digest = hashlib.sha1("\n".join(sorted(set(parts))).encode()).hexdigest()[:16]
        signatures[b] = digest
        return digest

    def iri_for(b: BNode) -> URIRef:
        return URIRef(f"{node_base(slug)}.well-known/genid/{signature(b)}")

    out = Graph()
    for prefix, ns in prefixes.items():
        out.bind(prefix, ns, override=True)
    for s, p, o in triples:
        s2 = iri_for(s) if isinstance(s, BNode) else s
        o2 = iri_for(o) if isinstance(o, BNode) else o
        out.add((s2, p, o2))
    return out
