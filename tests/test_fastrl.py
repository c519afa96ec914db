"""The fast engine gives exactly owlrl's meaningful entailments."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef

from benchmarks.generate import generate_map
from claims.loading import load_map
from ontology import load_ontology
from ontology.fastrl import compile_rules
from ontology.reasoning import REASONERS, infer
from ontology.vocab import AM, ID_BASE

ROOT = Path(__file__).resolve().parent.parent
MAPS = sorted((ROOT / "claims" / "maps").glob("*.ttl"))


def same(graph: Graph) -> tuple[set, set]:
    ontology = load_ontology()
    return infer(graph, "owlrl", ontology), infer(graph, "fast", ontology)


def test_fast_is_registered():
    assert {"owlrl", "fast"} <= set(REASONERS)


def test_pets_same_entailments(pets_map):
    slow, fast = same(load_map(pets_map).graph)
    assert fast == slow
    thesis = URIRef(ID_BASE + "pets/thesis")
    assert (URIRef(ID_BASE + "pets/survey"), AM.supports, thesis) in fast
    assert (URIRef(ID_BASE + "pets/independent"), AM.attacks, URIRef(ID_BASE + "pets/aloof")) in fast


@pytest.mark.skipif(not MAPS, reason="no maps under claims/maps/ yet")
@pytest.mark.parametrize("path", MAPS, ids=[p.stem for p in MAPS])
def test_project_maps_same_entailments(path):
    slow, fast = same(load_map(path).graph)
    assert fast == slow


@pytest.mark.parametrize("seed,size", [(1, 300), (2, 800), (3, 1500)])
def test_synthetic_maps_same_entailments(tmp_path, seed, size):
    ttl, text = generate_map("synth", seed, size)
    (tmp_path / "maps").mkdir()
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "synth.txt").write_text(text, encoding="utf-8")
    path = tmp_path / "maps" / "synth.ttl"
    path.write_text(ttl, encoding="utf-8")
    slow, fast = same(load_map(path).graph)
    assert len(slow) > size / 2
    assert fast == slow


STATEMENT_TYPES = [AM.Thesis, AM.Statistic, AM.ReportedSpeech, AM.ImplicitStatement, AM.FactualStatement]
CONFLICT_TYPES = [AM.Rebuttal, AM.Undercut, AM.Concession, AM.Conflict]


@st.composite
def random_maps(draw) -> Graph:
    """Small maps of any shape, cycles and attacks on attacks included."""
    n = draw(st.integers(2, 7))
    g = Graph()
    node = [URIRef(f"{ID_BASE}h/n{i}") for i in range(n)]
    for s in node:
        g.add((s, RDF.type, draw(st.sampled_from(STATEMENT_TYPES))))
        g.add((s, AM.text, Literal(f"text of {s}")))
    others = []
    for i in range(draw(st.integers(0, 5))):
        inf = URIRef(f"{ID_BASE}h/i{i}")
        others.append(inf)
        g.add((inf, RDF.type, AM.Inference))
        for p in draw(st.lists(st.sampled_from(node), min_size=1, max_size=3)):
            g.add((inf, AM.premise, p))
        g.add((inf, AM.conclusion, draw(st.sampled_from(node))))
    for i in range(draw(st.integers(0, 4))):
        con = URIRef(f"{ID_BASE}h/c{i}")
        g.add((con, RDF.type, draw(st.sampled_from(CONFLICT_TYPES))))
        g.add((con, AM.attacker, draw(st.sampled_from(node))))
        g.add((con, AM.target, draw(st.sampled_from(node + others + [con]))))
        others.append(con)
    if draw(st.booleans()):  # inverse properties written by hand
        g.add((node[0], AM.premiseOf, draw(st.sampled_from(others or node))))
        g.add((node[-1], AM.supportedBy, node[0]))
    return g


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_maps())
def test_random_maps_same_entailments(graph):
    slow, fast = same(graph)
    assert fast == slow


def test_map_with_its_own_subclass_axiom():
    g = Graph()
    s = URIRef(ID_BASE + "x/s")
    cls = URIRef(ID_BASE + "x/Rumour")
    g.add((cls, RDFS.subClassOf, AM.ReportedSpeech))
    g.add((s, RDF.type, cls))
    slow, fast = same(g)
    assert (s, RDF.type, AM.Statement) in fast
    assert fast == slow


def test_unsupported_construct_is_refused():
    ontology = load_ontology()
    ontology.add((AM.attacker, RDF.type, OWL.FunctionalProperty))
    with pytest.raises(ValueError, match="FunctionalProperty"):
        compile_rules(ontology)
