"""RDF serialisations of a map's asserted (and optionally inferred) graph."""

from __future__ import annotations

import pyoxigraph as ox

from ontology.vocab import PREFIXES, asserted_graph, inferred_graph

RDF_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}


def export_rdf(store, slug: str, fmt: str, inferred: bool = False) -> bytes:
    """Serialise map ``slug`` in ``fmt`` (one of :data:`RDF_FORMATS`) from a store or backend."""
    graphs = [asserted_graph(slug)] + ([inferred_graph(slug)] if inferred else [])
    union = " UNION ".join(f"{{ GRAPH <{g}> {{ ?s ?p ?o }} }}" for g in graphs)
    triples = list(store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {union} }}"))
    kwargs = {"prefixes": PREFIXES} if fmt in ("turtle", "rdfxml") else {}
    return ox.serialize(triples, format=RDF_FORMATS[fmt], **kwargs)
