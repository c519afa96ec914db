"""The native checker reports exactly what pyshacl reports: same focus, rule, path and message."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_shapes import VIOLATIONS

from benchmarks.generate import generate_map
from claims.checking import check_map
from claims.loading import load_map
from ontology.validation import validate


def results(graph, checker: str) -> list[tuple]:
    return sorted((v.focus, v.rule, v.path or "", v.message) for v in validate(graph, checker).violations)


def write_map(folder: Path, text: str, source: str, slug: str = "pets") -> Path:
    (folder / "maps").mkdir(exist_ok=True)
    (folder / "sources").mkdir(exist_ok=True)
    (folder / "sources" / f"{slug}.txt").write_text(source, encoding="utf-8")
    path = folder / "maps" / f"{slug}.ttl"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("rule", sorted(VIOLATIONS))
def test_same_violations_as_pyshacl_on_each_shapes_violating_map(rule, tmp_path, pets_map):
    old, new = VIOLATIONS[rule]
    source = (pets_map.parent.parent / "sources" / "pets.txt").read_text(encoding="utf-8")
    path = write_map(tmp_path, pets_map.read_text(encoding="utf-8").replace(old, new, 1), source)
    graph = load_map(path).graph
    native = results(graph, "native")
    assert native == results(graph, "shacl")
    assert rule in {r for _, r, _, _ in native}


def test_same_violations_when_every_shape_is_broken_at_once(tmp_path, pets_map):
    text = pets_map.read_text(encoding="utf-8")
    for old, new in VIOLATIONS.values():
        text = text.replace(old, new, 1)
    source = (pets_map.parent.parent / "sources" / "pets.txt").read_text(encoding="utf-8")
    graph = load_map(write_map(tmp_path, text, source)).graph
    native = results(graph, "native")
    assert native == results(graph, "shacl")
    assert {r for _, r, _, _ in native} >= set(VIOLATIONS) - {"PositionSelectorShape"}


def test_valid_maps_conform_under_both(tmp_path, pets_map):
    article = Path(__file__).resolve().parent.parent / "claims" / "maps" / "kim-jong-un-better-off.ttl"
    paths = [pets_map] + ([article] if article.exists() else [])
    for seed in range(3):
        ttl, source = generate_map(f"synthetic-{seed}", seed, 600)
        paths.append(write_map(tmp_path, ttl, source, f"synthetic-{seed}"))
    for path in paths:
        graph = load_map(path).graph
        assert validate(graph, "native").conforms, path
        assert results(graph, "native") == results(graph, "shacl") == []


def test_check_map_gives_the_same_problems_with_either_checker(tmp_path, pets_map):
    old, new = VIOLATIONS["SpeakerShape"]
    source = (pets_map.parent.parent / "sources" / "pets.txt").read_text(encoding="utf-8")
    m = load_map(write_map(tmp_path, pets_map.read_text(encoding="utf-8").replace(old, new, 1), source))
    assert check_map(m, checker="native") == check_map(m, checker="shacl") != []


@pytest.mark.parametrize("checker", ["native", "shacl"])
def test_cli_check_reports_the_broken_rule_with_either_checker(checker, tmp_path, pets_map):
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    old, new = VIOLATIONS["MapShape"]
    source = (pets_map.parent.parent / "sources" / "pets.txt").read_text(encoding="utf-8")
    path = write_map(tmp_path, pets_map.read_text(encoding="utf-8").replace(old, new, 1), source)
    done = subprocess.run(
        [sys.executable, "-m", "cli", "check", "--checker", checker, str(path)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    assert done.returncode == 1
    assert "MapShape" in done.stdout + done.stderr
