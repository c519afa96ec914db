"""The inference pass: what the ontology implies about a map, kept apart from what it asserts.

``infer(graph)`` returns only the new triples, free of noise that helps no query:
axiomatic triples, reflexive ``owl:sameAs``, ``owl:Thing`` typing, literals re-typed
as ``xsd:string`` and entailments about the ontology's own terms.
"""

from __future__ import annotations

from collections.abc import Callable

import owlrl
from rdflib import OWL, RDF, RDFS, XSD, BNode, Graph, Literal, URIRef

from ontology import load_ontology

Triple = tuple

REASONERS: dict[str, Callable[[Graph, Graph], set]] = {}


def reasoner(name: str):
    """Register an inference engine under ``name`` (``--reasoner NAME``)."""

    def register(fn):
        REASONERS[name] = fn
        return fn

    return register


def infer(graph: Graph, engine: str = "owlrl", ontology: Graph | None = None) -> set[Triple]:
    """The triples the ontology entails about ``graph`` beyond what it asserts."""
    if engine not in REASONERS:
        raise ValueError(f"unknown reasoner {engine!r}; choose one of {', '.join(sorted(REASONERS))}")
    ontology = load_ontology() if ontology is None else ontology
    return REASONERS[engine](graph, ontology)


@reasoner("owlrl")
def owlrl_closure(graph: Graph, ontology: Graph) -> set[Triple]:
    """owlrl's OWL 2 RL closure over map + ontology, filtered to what helps queries."""
    work = Graph()
    for t in graph:
        work.add(t)
    for t in ontology:
        work.add(t)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(work)
    return meaningful(work, graph, ontology)


def meaningful(closure, asserted: Graph, ontology: Graph) -> set[Triple]:
    """Keep the entailments about the map's own resources that are new and not noise."""
    triples = list(asserted)  # one pass over rdflib's store (each pass costs ~5 µs a triple)
    resources = map_resources(triples, ontology)
    have = {_plain(t) for t in triples}
    same_as, rdf_type, noise = OWL.sameAs, RDF.type, (OWL.Thing, OWL.NamedIndividual)
    out = set()
    for s, p, o in closure:
        if s not in resources:
            continue
        if p == same_as and s == o:
            continue
        if p == rdf_type and o in noise:
            continue
        t = _plain((s, p, o))
        if t in have:
            continue
        out.add(t)
    return out


def map_resources(asserted, ontology: Graph) -> set:
    """The resources a map speaks of (``asserted``: a graph or its triples): its subjects and
    the non-class objects it links to."""
    rdf_type = RDF.type
    found = {s for s, _, _ in asserted}
    found.update(o for _, p, o in asserted if p != rdf_type and isinstance(o, (URIRef, BNode)))
    found.difference_update(ontology.subjects())
    return {r for r in found if not str(r).startswith(VOCABULARY_NAMESPACES)}


#: Namespaces whose terms are vocabulary, never map resources.
VOCABULARY_NAMESPACES = (str(RDF), str(RDFS), str(OWL), str(XSD))


_XSD_STRING = XSD.string


def _plain(t: Triple) -> Triple:
    s, p, o = t
    if isinstance(o, Literal) and o.datatype == _XSD_STRING:
        o = Literal(str(o))
    return (s, p, o)


# The fast engine registers itself on import; it needs ``reasoner`` and ``meaningful`` above.
from ontology import fastrl  # noqa: E402, F401
