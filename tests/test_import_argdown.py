"""Argdown import: statements, arguments, relations, structures, tags, front matter, errors."""

from __future__ import annotations

import pytest
from rdflib import RDF, RDFS, Literal

from claims.checking import check_map
from claims.errors import MapError
from claims.importers.argdown import import_argdown
from claims.importers.common import to_turtle
from claims.loading import load_map
from ontology.vocab import AM, DCTERMS, map_iri
from tests.conftest import FIXTURES

ARGDOWN = FIXTURES / "argdown"


def by_label(g, label):
    [s] = list(g.subjects(RDFS.label, Literal(label)))
    return s


def test_small_document_maps_onto_the_ontology(tmp_path):
    g = import_argdown(ARGDOWN / "small.argdown", "small")
    m = map_iri("small")
    assert g.value(m, DCTERMS.title) == Literal("Trains or cars")
    assert g.value(m, DCTERMS.creator) == Literal("A. Tester")
    train, fast, car = by_label(g, "Train"), by_label(g, "Fast"), by_label(g, "Car")
    assert g.value(train, AM.text) == Literal("We should take the train.")
    assert Literal("travel") in set(g.objects(train, AM.tag))
    faster = by_label(g, "Faster")
    assert (faster, RDF.type, AM.Inference) in g
    assert g.value(faster, AM.conclusion) == train
    assert fast in set(g.objects(faster, AM.premise)) and len(set(g.objects(faster, AM.premise))) == 2
    assert g.value(faster, AM.scheme) == AM.PracticalReasoning
    assert g.value(faster, AM.text) == Literal("The train is faster than the car.")
    rebuttals = {(g.value(c, AM.attacker), g.value(c, AM.target)) for c in g.subjects(RDF.type, AM.Rebuttal)}
    assert rebuttals == {(train, car), (car, train)}
    costly = by_label(g, "<Costly>")
    [attack] = list(g.subjects(AM.attacker, costly))
    assert g.value(attack, AM.target) == train
    [undercut] = list(g.subjects(RDF.type, AM.Undercut))
    assert g.value(undercut, AM.target) == attack
    assert g.value(g.value(undercut, AM.attacker), AM.text).startswith("Fuel is split between four people")
    delays = by_label(g, "Delays")
    assert any(g.value(c, AM.target) == train for c in g.subjects(AM.attacker, delays))
    path = tmp_path / "small.ttl"
    path.write_text(to_turtle(g, "test"), encoding="utf-8")
    assert check_map(load_map(path)) == []


@pytest.mark.parametrize(
    ("name", "line", "column", "words"),
    [
        ("broken-comment", 3, 1, "never closed"),
        ("broken-relation", 3, 3, "no element above it"),
        ("broken-inference", 5, 1, "no conclusion"),
        ("broken-yaml", 2, 17, "not YAML"),
    ],
)
def test_syntax_errors_name_line_and_column(name, line, column, words):
    with pytest.raises(MapError) as e:
        import_argdown(ARGDOWN / f"{name}.argdown", name)
    [p] = e.value.problems
    assert p.file.endswith(f"{name}.argdown")
    assert p.line == line and p.message.startswith(f"column {column}:") and words in p.message
