"""Loading a map names the file and line of a syntax error; quotes are checked against offsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from claims.anchoring import find_anchor, quote_errors, quote_records
from claims.checking import check_map
from claims.errors import MapError
from claims.loading import load_map
from ontology.vocab import AM, map_iri


def test_syntax_error_names_file_and_line(tmp_path: Path):
    path = tmp_path / "broken.ttl"
    path.write_text(
        '@prefix am: <https://w3id.org/argmap/ns#> .\n\n<a> am:text "fine" .\n<b> am:text "open .\n'
    )
    with pytest.raises(MapError) as e:
        load_map(path)
    (problem,) = e.value.problems
    assert problem.file == str(path)
    assert problem.line == 4
    assert problem.rule == "turtle-syntax"


def test_loading_adds_full_text_membership_and_stable_anchor_iris(pets_map: Path):
    first, second = load_map(pets_map), load_map(pets_map)
    assert set(first.graph) == set(second.graph)  # blank nodes get the same IRIs every time
    text = (pets_map.parent.parent / "sources" / "pets.txt").read_text(encoding="utf-8")
    assert [str(t) for t in first.graph.objects(None, AM.fullText)] == [text]
    members = set(first.graph.subjects(AM.inMap, map_iri("pets")))
    assert len(members) == 10  # 6 statements, 2 inferences, 2 conflicts


def test_find_anchor_counts_code_points_through_nbsp_and_curly_quotes():
    text = "He said “no”\u00a0twice."
    a = find_anchor(text, "“no”\u00a0twice")
    assert text[a.start : a.end] == "“no”\u00a0twice"
    assert (a.start, a.end) == (8, 18)
    with pytest.raises(ValueError, match="not found"):
        find_anchor(text, '"no" twice')


def test_every_fixture_quote_matches_its_offsets(pets_map: Path):
    m = load_map(pets_map)
    records = quote_records(m.graph)
    assert len(records) == 5
    for r in records:
        assert quote_errors(r, m.sources[r.source]) == []


def test_shifted_offsets_are_reported_with_the_right_place(tmp_path: Path, pets_map: Path):
    (tmp_path / "maps").mkdir()
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "pets.txt").write_bytes(
        (pets_map.parent.parent / "sources" / "pets.txt").read_bytes()
    )
    path = tmp_path / "maps" / "pets.ttl"
    path.write_text(
        pets_map.read_text(encoding="utf-8").replace("oa:start 32 ; oa:end 50", "oa:start 33 ; oa:end 51")
    )
    problems = [p for p in check_map(load_map(path)) if p.rule == "quote-anchor"]
    assert len(problems) == 1
    assert problems[0].node.endswith("/no-walks")
    assert "occurs at 32..50" in problems[0].message
    assert path.read_text().splitlines()[problems[0].line - 1].startswith(":no-walks")
