"""The SPARQL 1.1 Service Description of the endpoint, as triples."""

from __future__ import annotations

import pyoxigraph as ox

from server.dataset import default_graphs

SD = "http://www.w3.org/ns/sparql-service-description#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def _sd(name: str) -> ox.NamedNode:
    return ox.NamedNode(SD + name)


def service_description(store: ox.Store, endpoint: str, formats) -> list[ox.Triple]:
    """Who we are: endpoint, language, result formats, and the dataset (default and named graphs)."""
    service = ox.NamedNode(endpoint + "#service")
    dataset = ox.BlankNode("dataset")
    default = ox.BlankNode("default")
    triples = [
        ox.Triple(service, RDF_TYPE, _sd("Service")),
        ox.Triple(service, _sd("endpoint"), ox.NamedNode(endpoint)),
        ox.Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Query")),
        ox.Triple(service, _sd("defaultDataset"), dataset),
        ox.Triple(dataset, RDF_TYPE, _sd("Dataset")),
        ox.Triple(dataset, _sd("defaultGraph"), default),
        ox.Triple(default, RDF_TYPE, _sd("Graph")),
    ]
    seen = set()
    for fmt in formats:
        if fmt.iri not in seen:
            seen.add(fmt.iri)
            triples.append(ox.Triple(service, _sd("resultFormat"), ox.NamedNode(fmt.iri)))
    for g in default_graphs(store):
        triples.append(ox.Triple(default, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#seeAlso"), g))
    for i, g in enumerate(sorted(store.named_graphs(), key=str)):
        named = ox.BlankNode(f"named{i}")
        triples += [
            ox.Triple(dataset, _sd("namedGraph"), named),
            ox.Triple(named, RDF_TYPE, _sd("NamedGraph")),
            ox.Triple(named, _sd("name"), g),
        ]
    return triples
