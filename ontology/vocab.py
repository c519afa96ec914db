"""Namespaces and the IRIs argmap mints: no IRI strings anywhere else."""

from __future__ import annotations

from rdflib import Namespace, URIRef

AM = Namespace("https://w3id.org/argmap/ns#")
AIF = Namespace("http://www.arg.dundee.ac.uk/aif#")
AMO = Namespace("http://purl.org/spar/amo/")
SIOCA = Namespace("http://rdfs.org/sioc/argument#")
SCHEMA = Namespace("https://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")
PROV = Namespace("http://www.w3.org/ns/prov#")
DCTERMS = Namespace("http://purl.org/dc/terms/")

ONTOLOGY_IRI = URIRef("https://w3id.org/argmap/ns")

#: Every map's nodes live under ``ID_BASE + slug + "/"``; the map itself is ``ID_BASE + slug``.
ID_BASE = "https://w3id.org/argmap/id/"
#: Named graphs of the store live under ``GRAPH_BASE``.
GRAPH_BASE = "https://w3id.org/argmap/graph/"

ONTOLOGY_GRAPH = URIRef(GRAPH_BASE + "ontology")

PREFIXES = {
    "am": str(AM),
    "aif": str(AIF),
    "amo": str(AMO),
    "sioca": str(SIOCA),
    "schema": str(SCHEMA),
    "oa": str(OA),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def map_iri(slug: str) -> URIRef:
    """The IRI of the argument map called ``slug``."""
    return URIRef(ID_BASE + slug)


def node_base(slug: str) -> str:
    """The namespace of the nodes of map ``slug``."""
    return ID_BASE + slug + "/"


def asserted_graph(slug: str) -> URIRef:
    """Named graph holding the triples written in map ``slug``."""
    return URIRef(f"{GRAPH_BASE}{slug}/asserted")


def inferred_graph(slug: str) -> URIRef:
    """Named graph holding what the inference pass derives for map ``slug``."""
    return URIRef(f"{GRAPH_BASE}{slug}/inferred")


def labels_graph(slug: str) -> URIRef:
    """Named graph holding the acceptability labels of map ``slug``."""
    return URIRef(f"{GRAPH_BASE}{slug}/labels")


def slug_of(iri: str) -> str | None:
    """The map slug an argmap IRI (map, node or graph) belongs to, if any."""
    for base in (ID_BASE, GRAPH_BASE):
        if iri.startswith(base):
            rest = iri[len(base) :]
            slug = rest.split("/", 1)[0]
            return slug or None
    return None


def sparql_prologue() -> str:
    """PREFIX lines for every namespace above, for queries written by hand."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
