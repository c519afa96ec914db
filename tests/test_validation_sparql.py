"""The SPARQL constraints run outside pyshacl report exactly what pyshacl reports."""

from __future__ import annotations

from rdflib import Literal, URIRef

from claims.loading import load_map
from ontology.validation import _pyshacl, _shapes, validate
from ontology.vocab import ID_BASE, OA


def test_same_report_as_pyshacl_on_a_valid_map(pets_map):
    graph = load_map(pets_map).graph
    assert validate(graph) == _pyshacl(graph, _shapes())
    assert validate(graph).conforms


def test_same_messages_as_pyshacl_when_an_offset_overshoots(pets_map):
    graph = load_map(pets_map).graph
    selectors = sorted(graph.subjects(OA.end, None))
    graph.set((selectors[0], OA.end, Literal(5000)))
    graph.set((selectors[1], OA.start, Literal(-3)))
    graph.remove((URIRef(ID_BASE + "pets/thesis"), None, Literal("Cats are better pets than dogs.")))
    fast, reference = validate(graph), _pyshacl(graph, _shapes())
    assert fast == reference
    assert not fast.conforms
    beyond = [v for v in fast.violations if "beyond the end" in v.message]
    length = len((pets_map.parent.parent / "sources" / "pets.txt").read_text(encoding="utf-8"))
    assert [v.message for v in beyond] == [
        f"oa:end 5000 lies beyond the end of the source text (length {length})"
    ]
    assert beyond[0].rule == "PositionSelectorShape"
