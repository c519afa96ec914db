"""The argmap command as users run it: check, build, query, export."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT

SUPPORTS = "PREFIX am: <https://w3id.org/argmap/ns#> SELECT ?a ?b WHERE { ?a am:supports ?b } ORDER BY ?a"


def argmap(*args: str, stdin: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "cli", *args],
        capture_output=True,
        text=True,
        input=stdin,
        env=env,
        cwd=cwd,
        timeout=120,
    )


@pytest.fixture
def maps(tmp_path: Path) -> Path:
    shutil.copytree(
        FIXTURES / "maps", tmp_path / "maps", ignore=shutil.ignore_patterns("hostile*", "broken*")
    )
    shutil.copytree(FIXTURES / "sources", tmp_path / "sources")
    for extra in (tmp_path / "maps").glob("*.ttl"):
        if extra.name != "pets.ttl":
            extra.unlink()
    return tmp_path / "maps"


@pytest.fixture
def built(tmp_path: Path, maps: Path) -> Path:
    store = tmp_path / "store"
    r = argmap("build", "--maps", str(maps), "--store", str(store))
    assert r.returncode == 0, r.stderr
    return store


def test_check_passes_on_a_valid_map(maps: Path):
    r = argmap("check", "--maps", str(maps))
    assert r.returncode == 0, r.stderr
    assert "ok" in r.stdout


def test_check_fails_naming_file_line_node_and_rule(maps: Path):
    path = maps / "pets.ttl"
    path.write_text(path.read_text(encoding="utf-8").replace("am:attacker :aloof ;", ""), encoding="utf-8")
    r = argmap("check", str(path))
    assert r.returncode == 1
    line = next(x for x in r.stderr.splitlines() if "ConflictShape" in x)
    assert line.startswith(f"{path}:")
    assert "/con-aloof" in line and "attacker" in line


def test_build_then_query_in_every_format(built: Path):
    table = argmap("query", "--store", str(built), SUPPORTS)
    assert table.returncode == 0, table.stderr
    assert "(3 rows)" in table.stdout
    as_json = json.loads(argmap("query", "--store", str(built), "--format", "json", SUPPORTS).stdout)
    assert as_json["head"]["vars"] == ["a", "b"]
    assert len(as_json["results"]["bindings"]) == 3
    rows = list(
        csv.reader(io.StringIO(argmap("query", "--store", str(built), "--format", "csv", SUPPORTS).stdout))
    )
    assert rows[0] == ["a", "b"] and len(rows) == 4


def test_query_reads_stdin_and_reports_syntax_errors(built: Path):
    r = argmap("query", "--store", str(built), "--format", "json", "-", stdin="ASK { ?s ?p ?o }")
    assert json.loads(r.stdout)["boolean"] is True
    bad = argmap("query", "--store", str(built), "SELECT ?x WHERE { ?x ")
    assert bad.returncode != 0
    assert "syntax" in bad.stderr.lower()


def test_failed_build_leaves_the_last_good_store(built: Path, maps: Path):
    current = (built / "current").resolve()
    path = maps / "pets.ttl"
    path.write_text(path.read_text(encoding="utf-8") + "\n:oops a am:Inference .\n", encoding="utf-8")
    r = argmap("build", "--maps", str(maps), "--store", str(built))
    assert r.returncode == 1
    assert "InferenceShape" in r.stderr
    assert (built / "current").resolve() == current
    assert "(3 rows)" in argmap("query", "--store", str(built), SUPPORTS).stdout


def test_export_aif_runs_premise_to_ra_to_conclusion_and_attacker_to_ca_to_target(built: Path):
    doc = json.loads(argmap("export", "--store", str(built), "--format", "aif").stdout)["AIF"]
    by_id = {n["nodeID"]: n for n in doc["nodes"]}
    kinds = [n["type"] for n in doc["nodes"]]
    assert kinds.count("I") == 6 and kinds.count("RA") == 2 and kinds.count("CA") == 2
    edges = {
        (by_id[e["fromID"]]["uri"].rsplit("/", 1)[1], by_id[e["toID"]]["uri"].rsplit("/", 1)[1])
        for e in doc["edges"]
    }
    assert ("survey", "inf-survey") in edges and ("inf-survey", "thesis") in edges
    assert ("aloof", "con-aloof") in edges and ("con-aloof", "thesis") in edges
    for e in doc["edges"]:
        src, dst = by_id[e["fromID"]]["type"], by_id[e["toID"]]["type"]
        assert (src == "I") != (dst == "I")  # every edge joins an I-node and an S-node


@pytest.mark.parametrize(
    "fmt,marker",
    [
        ("turtle", "@prefix am:"),
        ("ntriples", "<https://w3id.org/argmap/id/pets/thesis>"),
        ("jsonld", '"@id"'),
    ],
)
def test_export_rdf_formats(built: Path, fmt: str, marker: str):
    r = argmap("export", "--store", str(built), "--format", fmt)
    assert r.returncode == 0, r.stderr
    assert marker in r.stdout
