"""The ontology is self-describing, OWL RL friendly, and aligned with AIF."""

from __future__ import annotations

from rdflib import OWL, RDF, RDFS, Graph

from ontology import load_ontology
from ontology.vocab import AIF, AM


def declared_terms(g: Graph):
    for cls in (
        OWL.Class,
        OWL.ObjectProperty,
        OWL.DatatypeProperty,
        AM.ArgumentationScheme,
        AM.Acceptability,
    ):
        yield from g.subjects(RDF.type, cls)


def test_every_own_term_has_a_label_and_a_comment():
    g = load_ontology()
    own = [t for t in declared_terms(g) if str(t).startswith(str(AM))]
    assert len(own) > 50
    for term in own:
        assert g.value(term, RDFS.label) is not None, term
        assert g.value(term, RDFS.comment) is not None, term


def test_no_functional_properties_that_would_make_owl_rl_merge_nodes():
    g = load_ontology()
    assert not list(g.subjects(RDF.type, OWL.FunctionalProperty))
    assert not list(g.subjects(RDF.type, OWL.InverseFunctionalProperty))


def test_aligned_with_aif():
    g = load_ontology()
    assert (AM.Statement, RDFS.subClassOf, AIF["I-node"]) in g
    assert (AM.Inference, RDFS.subClassOf, AIF["RA-node"]) in g
    assert (AM.Conflict, RDFS.subClassOf, AIF["CA-node"]) in g
    assert (AM.premise, RDFS.subPropertyOf, AIF.Premise) in g
    assert (AM.conclusion, RDFS.subPropertyOf, AIF.Conclusion) in g
    assert (AM.attacker, RDFS.subPropertyOf, AIF.Conflicting) in g
    assert (AM.target, RDFS.subPropertyOf, AIF.Conflicted) in g
    assert (AM.text, RDFS.subPropertyOf, AIF.claimText) in g


def test_derived_relations_are_declared_as_owl_axioms():
    g = load_ontology()
    assert g.value(AM.supports, OWL.propertyChainAxiom) is not None
    assert g.value(AM.attacks, OWL.propertyChainAxiom) is not None
    assert (AM.inSupportOf, RDF.type, OWL.TransitiveProperty) in g
    assert (AM.supportedBy, OWL.inverseOf, AM.supports) in g
    assert (AM.attackedBy, OWL.inverseOf, AM.attacks) in g
