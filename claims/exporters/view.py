"""One map as the exporters see it: typed nodes with their texts, and role-labelled edges.

Read from a store's asserted graph of the map plus the inferred ``rdf:type`` triples (so an
``am:Thesis`` counts as a statement). Edges run the AIF way: premise → RA → conclusion,
attacker → CA → target, and so on for MA, PA, YA and TA.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import RDF, RDFS, Graph, Literal, URIRef

from claims.aifterms import CLASSES, ROLES
from claims.safeparse import parse_graph
from ontology.vocab import AM, DCTERMS, ONTOLOGY_GRAPH, asserted_graph, inferred_graph, map_iri

#: Node classes and their AIF type.
KINDS = tuple((cls, kind) for kind, cls in CLASSES.items())


@dataclass
class Node:
    iri: str
    kind: str
    text: str
    label: str | None = None
    identifier: object = None
    created: str | None = None
    schemes: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    speaker: str | None = None
    undercut: bool = False


@dataclass
class Edge:
    source: str
    target: str
    role: str  # local name of the property, e.g. "premise"


@dataclass
class MapView:
    slug: str
    title: str
    nodes: dict[str, Node]
    edges: list[Edge]
    source_text: str | None


def map_graph(store, slug: str) -> Graph:
    """The asserted triples of map ``slug`` plus its inferred types, as an rdflib graph.

    ``store`` is anything with pyoxigraph's ``query`` (a store or a ``claims.backends`` backend).
    """
    sparql = f"""
        CONSTRUCT {{ ?s ?p ?o }} WHERE {{
          {{ GRAPH <{asserted_graph(slug)}> {{ ?s ?p ?o }} }}
          UNION {{ GRAPH <{inferred_graph(slug)}> {{ ?s ?p ?o FILTER (?p = <{RDF.type}>) }} }}
          UNION {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?s ?p ?o FILTER (?p IN (<{AM.aifdbName}>, <{RDFS.label}>)) }} }}
        }}"""
    triples = list(store.query(sparql))
    return parse_graph(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), "nt")


def map_view(store: ox.Store, slug: str) -> MapView:
    """The nodes and edges of map ``slug`` in ``store``."""
    g = map_graph(store, slug)
    nodes: dict[str, Node] = {}
    for cls, kind in KINDS:
        for s in sorted(set(g.subjects(RDF.type, cls)), key=str):
            if isinstance(s, URIRef) and str(s) not in nodes:
                nodes[str(s)] = _node(g, s, kind)
    edges = []
    for n in nodes.values():
        if n.kind not in ROLES:
            continue
        into, out = ROLES[n.kind]
        for x in sorted(g.objects(URIRef(n.iri), into), key=str):
            if str(x) in nodes:
                edges.append(Edge(str(x), n.iri, _local(into)))
        for y in sorted(g.objects(URIRef(n.iri), out), key=str):
            if str(y) in nodes:
                edges.append(Edge(n.iri, str(y), _local(out)))
    m = map_iri(slug)
    doc = g.value(m, AM.source)
    text = g.value(doc, AM.fullText) if doc is not None else None
    title = g.value(m, DCTERMS.title)
    return MapView(slug, str(title) if title else slug, nodes, edges, None if text is None else str(text))


def _node(g: Graph, s: URIRef, kind: str) -> Node:
    text = g.value(s, AM.text)
    ident = g.value(s, DCTERMS.identifier)
    created = g.value(s, DCTERMS.created)
    schemes = []
    for scheme in g.objects(s, AM.scheme):
        name = g.value(scheme, AM.aifdbName) or g.value(scheme, RDFS.label)
        schemes.append(str(name) if name is not None else _local(scheme))
    speaker = g.value(s, AM.speaker)
    label = g.value(s, RDFS.label)
    return Node(
        iri=str(s),
        kind=kind,
        text="" if text is None else str(text),
        label=None if label is None else str(label),
        identifier=ident.toPython() if isinstance(ident, Literal) else None,
        created=None if created is None else str(created),
        schemes=sorted(schemes),
        tags=sorted(str(t) for t in g.objects(s, AM.tag)),
        speaker=None if speaker is None else str(g.value(speaker, AM.name) or _local(speaker)),
        undercut=(s, RDF.type, AM.Undercut) in g,
    )


def _local(iri) -> str:
    s = str(iri)
    return s.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
