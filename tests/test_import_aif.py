"""AIF JSON import: both shapes, every node type, schemes, speakers, anchors, and broken files."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Literal

from claims.checking import check_map
from claims.errors import MapError
from claims.importers.aif import import_aif
from claims.importers.common import to_turtle
from claims.loading import load_map
from ontology.vocab import AM, DCTERMS
from tests.conftest import FIXTURES

AIF = FIXTURES / "aif"


def node(g, ident):
    found = list(g.subjects(DCTERMS.identifier, Literal(ident)))
    assert len(found) == 1, ident
    return found[0]


def written(tmp_path: Path, g, slug: str):
    path = tmp_path / f"{slug}.ttl"
    path.write_text(to_turtle(g, "test"), encoding="utf-8")
    return load_map(path)


def test_old_nodeset_maps_every_type_and_passes_the_checks(tmp_path):
    g = import_aif(AIF / "old-nodeset.json", "old-nodeset")
    kinds = {
        AM.Statement: 7,
        AM.Inference: 2,
        AM.Conflict: 2,
        AM.Locution: 1,
        AM.Illocution: 1,
        AM.Preference: 1,
        AM.Rephrase: 1,
    }
    for cls, count in kinds.items():
        assert len(set(g.subjects(RDF.type, cls))) == count, cls
    ra_expert, ra_other = node(g, "4"), node(g, "5")
    assert g.value(ra_expert, AM.scheme) == AM.ArgumentFromExpertOpinion
    new_scheme = g.value(ra_other, AM.scheme)
    assert str(new_scheme).startswith("https://w3id.org/argmap/id/old-nodeset/")
    assert (new_scheme, RDF.type, AM.ArgumentationScheme) in g
    assert g.value(new_scheme, RDFS.label) == Literal("HarmPrevention")
    assert set(g.objects(ra_expert, AM.premise)) == {node(g, "3")}
    assert g.value(ra_expert, AM.conclusion) == node(g, "2")
    assert g.value(node(g, "7"), AM.attacker) == node(g, "6")
    undercut = node(g, "14")
    assert g.value(undercut, AM.target) == ra_expert and (undercut, RDF.type, AM.Undercut) in g
    assert g.value(node(g, "11"), AM.preferred) == node(g, "10")
    assert g.value(node(g, "13"), AM.reformulation) == node(g, "12")
    speaker = g.value(node(g, "6"), AM.assertedBy)
    assert g.value(speaker, AM.name) == Literal("Dana")
    assert g.value(node(g, "1"), DCTERMS.created) == Literal("2012-04-12 18:18:38")
    assert check_map(written(tmp_path, g, "old-nodeset")) == []


def test_xaif_keeps_participants_and_anchors_statements_in_its_text(tmp_path):
    g = import_aif(AIF / "ova-dialogue.json", "ova-dialogue")
    ann = g.value(node(g, 2), AM.assertedBy)
    assert g.value(ann, AM.name) == Literal("Ann Lee")
    assert g.value(g.value(node(g, 5), AM.assertedBy), AM.name) == Literal("Ben")
    transition = node(g, 7)
    assert g.value(transition, AM.startLocution) == node(g, 1)
    assert g.value(transition, AM.endLocution) == node(g, 4)
    assert g.value(node(g, 9), AM.illocutionContent) == node(g, 8)
    assert g.value(node(g, 8), AM.scheme) is None  # "Default Inference" names no scheme
    assert g.value(node(g, 10), AM.scheme) is not None
    m = written(tmp_path, g, "ova-dialogue")
    [text] = m.sources.values()
    assert text.startswith("Ann: We should take the train.\nBen: It is faster than driving & cheaper.")
    assert g.value(node(g, 2), AM.anchor) is not None  # occurs verbatim
    assert g.value(node(g, 5), AM.anchor) is None  # "The train is..." does not
    assert check_map(m) == []


def test_invalid_json_names_line_and_column():
    with pytest.raises(MapError) as e:
        import_aif(AIF / "broken-syntax.json", "x")
    [p] = e.value.problems
    assert p.file.endswith("broken-syntax.json") and p.line == 3 and "column 32" in p.message


def test_broken_structure_reports_every_problem_with_its_node():
    with pytest.raises(MapError) as e:
        import_aif(AIF / "broken-structure.json", "x")
    found = {(p.node, p.rule) for p in e.value.problems}
    assert ("x1", "aif-node-type") in found
    assert ("ghost", "aif-dangling-edge") in found
    assert ("r1", "aif-ra") in found
    assert ("c1", "aif-ca") in found
    by_node = {p.node: p for p in e.value.problems}
    assert "conclusion" in by_node["r1"].message and by_node["r1"].line == 4
    assert "XA" in by_node["x1"].message


def test_an_ra_without_premise_and_an_edge_between_two_i_nodes(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"nodes": [{"nodeID": "1", "text": "a", "type": "I"}, {"nodeID": "2", "text": "b", "type": "I"},'
        ' {"nodeID": "3", "text": "RA", "type": "RA"}],'
        ' "edges": [{"edgeID": "1", "fromID": "3", "toID": "1"}, {"edgeID": "2", "fromID": "1", "toID": "2"}]}'
    )
    with pytest.raises(MapError) as e:
        import_aif(bad, "bad")
    messages = {p.node: p.message for p in e.value.problems}
    assert "no premise" in messages["3"]
    assert "no scheme node" in messages["1"]
