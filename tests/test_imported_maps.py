"""The shapes' rule for imported maps (both sides), several maps in one store, and the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from claims.building import build_memory
from claims.checking import check_map
from claims.loading import load_map
from claims.querying import select_rows
from tests.conftest import FIXTURES, ROOT

MAP = """@prefix am: <https://w3id.org/argmap/ns#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<https://w3id.org/argmap/id/{slug}> a am:{cls} ; dcterms:title "t" .
<https://w3id.org/argmap/id/{slug}/s1> a am:Statement ; am:text "An unquoted claim." .
"""


@pytest.mark.parametrize(
    ("cls", "rules"), [("ImportedMap", set()), ("ArgumentMap", {"StatementHasQuote", "MapShape"})]
)
def test_only_imported_maps_may_have_unquoted_statements_and_no_source(tmp_path, cls, rules):
    path = tmp_path / "m.ttl"
    path.write_text(MAP.format(slug="m", cls=cls), encoding="utf-8")
    assert {p.rule for p in check_map(load_map(path))} == rules


def argmap(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cli", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=cwd,
    )


def test_import_builds_a_store_with_several_maps_queryable_per_map(tmp_path):
    maps, store = tmp_path / "maps", tmp_path / "store"
    maps.mkdir()
    (maps / "pets.ttl").write_text((FIXTURES / "maps" / "pets.ttl").read_text(), encoding="utf-8")
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "pets.txt").write_text(
        (FIXTURES / "sources" / "pets.txt").read_text(), encoding="utf-8"
    )
    run = argmap(
        "import",
        "--maps",
        str(maps),
        "--store",
        str(store),
        str(FIXTURES / "aif" / "old-nodeset.json"),
        str(FIXTURES / "aif" / "ova-dialogue.json"),
        str(FIXTURES / "argdown" / "small.argdown"),
    )
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in maps.glob("*.ttl")) == [
        "old-nodeset.ttl",
        "ova-dialogue.ttl",
        "pets.ttl",
        "small.ttl",
    ]
    query = "SELECT ?g (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a am:Statement } } GROUP BY ?g ORDER BY ?g"
    out = argmap(
        "query",
        "--store",
        str(store),
        "--format",
        "json",
        "PREFIX am: <https://w3id.org/argmap/ns#> " + query,
    )
    assert out.returncode == 0, out.stderr
    counts = {
        b["g"]["value"].split("/")[-2]: int(b["n"]["value"])
        for b in json.loads(out.stdout)["results"]["bindings"]
    }
    assert counts["old-nodeset"] == 7 and counts["ova-dialogue"] == 2 and counts["small"] == 7
    memory = build_memory(sorted(maps.glob("*.ttl")))
    shared = select_rows(memory, "SELECT ?s { ?s am:inMap ?a , ?b FILTER(?a != ?b) }")
    assert shared == []
    for fmt, needle in (
        ("aif", '"nodeID"'),
        ("argdown", "[Train]"),
        ("dot", "digraph"),
        ("graphml", "<graphml"),
    ):
        exported = argmap("export", "--store", str(store), "--map", "small", "--format", fmt)
        assert exported.returncode == 0 and needle in exported.stdout, (fmt, exported.stderr)


def test_a_failing_file_writes_nothing_and_names_every_failure(tmp_path):
    maps = tmp_path / "maps"
    run = argmap(
        "import",
        "--maps",
        str(maps),
        "--store",
        str(tmp_path / "store"),
        str(FIXTURES / "aif" / "old-nodeset.json"),
        str(FIXTURES / "aif" / "broken-structure.json"),
        str(FIXTURES / "argdown" / "broken-relation.argdown"),
    )
    assert run.returncode == 1
    assert "broken-structure.json:4: r1 [aif-ra]" in run.stderr
    assert "broken-relation.argdown:3: [argdown-syntax] column 3" in run.stderr
    assert list(maps.glob("*.ttl")) == [] and not (tmp_path / "store" / "current").exists()


def test_anchor_command_prints_a_block_the_checker_accepts():
    run = argmap("anchor", str(FIXTURES / "sources" / "pets.txt"), "Cats need no walks")
    assert run.returncode == 0
    assert "oa:start 32 ; oa:end 50" in run.stdout and 'oa:exact "Cats need no walks"' in run.stdout
    missing = argmap("anchor", str(FIXTURES / "sources" / "pets.txt"), "Dogs fly")
    assert missing.returncode == 1 and "quote not found" in missing.stderr
