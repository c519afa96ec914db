"""The inference pass really derives the AIF view and the support/attack edges, and nothing noisy."""

from __future__ import annotations

from pathlib import Path

from rdflib import OWL, RDF, XSD, Literal, URIRef

from claims.loading import load_map
from ontology.reasoning import infer
from ontology.vocab import AIF, AM, node_base

P = node_base("pets")


def n(local: str) -> URIRef:
    return URIRef(P + local)


def test_aif_view_is_derived_not_asserted(pets_map: Path):
    m = load_map(pets_map)
    inferred = infer(m.graph)
    assert (n("thesis"), RDF.type, AIF["I-node"]) in inferred
    assert (n("inf-walks"), RDF.type, AIF["RA-node"]) in inferred
    assert (n("con-aloof"), RDF.type, AIF["CA-node"]) in inferred
    assert (n("inf-walks"), AIF.Premise, n("no-walks")) in inferred
    assert (n("inf-walks"), AIF.Conclusion, n("thesis")) in inferred
    assert (n("con-aloof"), AIF.Conflicting, n("aloof")) in inferred
    assert (n("con-aloof"), AIF.Conflicted, n("thesis")) in inferred
    assert (n("thesis"), AIF.claimText, Literal("Cats are better pets than dogs.")) in inferred
    assert not any(p.startswith(str(AIF)) for _, p, _ in m.graph)  # none of it was asserted


def test_support_and_attack_edges_with_inverses_and_transitive_ancestors(pets_map: Path):
    inferred = infer(load_map(pets_map).graph)
    supports = {(s, o) for s, p, o in inferred if p == AM.supports}
    assert supports == {
        (n("no-walks"), n("thesis")),
        (n("less-work"), n("thesis")),
        (n("survey"), n("thesis")),
    }
    assert {(o, s) for s, p, o in inferred if p == AM.supportedBy} == supports
    attacks = {(s, o) for s, p, o in inferred if p == AM.attacks}
    assert attacks == {(n("aloof"), n("thesis")), (n("independent"), n("aloof"))}
    assert {(s, o) for s, p, o in inferred if p == AM.inSupportOf} >= supports


def test_transitive_support_reaches_the_thesis_through_a_chain(tmp_path: Path, pets_map: Path):
    (tmp_path / "maps").mkdir()
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "pets.txt").write_bytes(
        (pets_map.parent.parent / "sources" / "pets.txt").read_bytes()
    )
    extra = "\n:inf-deep a am:Inference ; am:premise :survey ; am:conclusion :no-walks .\n"
    path = tmp_path / "maps" / "pets.ttl"
    path.write_text(pets_map.read_text(encoding="utf-8") + extra, encoding="utf-8")
    inferred = infer(load_map(path).graph)
    assert (n("survey"), AM.inSupportOf, n("no-walks")) in inferred
    assert (n("survey"), AM.inSupportOf, n("thesis")) in inferred


def test_inference_is_deterministic_and_free_of_noise(pets_map: Path):
    first = infer(load_map(pets_map).graph)
    assert first == infer(load_map(pets_map).graph)
    for s, p, o in first:
        assert not (p == OWL.sameAs and s == o)
        assert o != OWL.Thing
        assert not (isinstance(o, Literal) and o.datatype == XSD.string)
        assert not str(s).startswith(("http://www.w3.org/", "https://w3id.org/argmap/ns#"))
