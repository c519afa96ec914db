"""Every SHACL shape can fail: each has a map that violates it, and the check names the rule."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Namespace

from claims.checking import check_map
from claims.loading import load_map
from ontology import SHAPES_PATH

SH = Namespace("http://www.w3.org/ns/shacl#")
AMS = "https://w3id.org/argmap/shapes#"

# Each case: the rule it breaks, and a (old, new) edit to the valid fixture map.
VIOLATIONS = {
    "StatementHasText": ('am:text "Cats need no walks." ;', ""),
    "StatementHasQuote": (
        ":no-walks a am:FactualStatement ;",
        ':no-walks a am:FactualStatement ; am:note "x" .\n:gone-1 a am:Statement ;',
    ),
    "ImplicitHasNoQuote": (
        ":less-work a am:ImplicitStatement, am:EvaluativeStatement ;",
        ":less-work a am:ImplicitStatement, am:EvaluativeStatement ; am:anchor :some-anchor ;",
    ),
    "InferenceShape": ("am:premise :survey ;", ""),
    "ConflictShape": ("am:attacker :aloof ;", ""),
    "UndercutTargetsInference": (":con-independent a am:Rebuttal ;", ":con-independent a am:Undercut ;"),
    "AnchorShape": (
        'oa:hasSource :source ;\n        oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact "Cats need no walks"',
        'oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact "Cats need no walks"',
    ),
    "QuoteSelectorShape": ('oa:exact "Cats are better pets than dogs" ;', ""),
    "PositionSelectorShape": ("oa:start 100 ; oa:end 123", "oa:start 100 ; oa:end 9999"),
    "SourceShape": ('dcterms:title "Cats are better pets than dogs" ;\n    am:sourceFile', "am:sourceFile"),
    "MapShape": ("    am:source :source .", "    am:source :nothing ."),
    "SpeakerShape": (':some a am:Speaker ; am:name "some people (unnamed)" .', ":some a am:Speaker ."),
}


def shape_names() -> set[str]:
    g = Graph().parse(SHAPES_PATH)
    return {str(s)[len(AMS) :] for s in g.subjects(None, SH.NodeShape) if str(s).startswith(AMS)}


def test_every_shape_has_a_violating_map():
    assert shape_names() == set(VIOLATIONS)


@pytest.fixture
def broken_map(tmp_path: Path, pets_map: Path):
    def write(old: str, new: str) -> Path:
        text = pets_map.read_text(encoding="utf-8")
        assert old in text, f"fixture no longer contains {old!r}"
        (tmp_path / "maps").mkdir()
        (tmp_path / "sources").mkdir()
        (tmp_path / "sources" / "pets.txt").write_text(
            (pets_map.parent.parent / "sources" / "pets.txt").read_text(encoding="utf-8"), encoding="utf-8"
        )
        path = tmp_path / "maps" / "pets.ttl"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return path

    return write


def test_the_fixture_map_is_valid(pets_map):
    assert check_map(load_map(pets_map)) == []


@pytest.mark.parametrize("rule", sorted(VIOLATIONS))
def test_violation_is_reported_with_rule_and_line(rule, broken_map):
    path = broken_map(*VIOLATIONS[rule])
    problems = check_map(load_map(path))
    rules = {p.rule for p in problems}
    assert rule in rules, problems
    hit = next(p for p in problems if p.rule == rule)
    assert hit.file == str(path)
    assert hit.node is not None
    if hit.node.startswith("https://w3id.org/argmap/id/pets/") and "genid" not in hit.node:
        assert hit.line is not None
