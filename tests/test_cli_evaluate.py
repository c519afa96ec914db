"""``argmap evaluate`` and ``argmap analyze`` run as users run them, on a store built by ``argmap build``."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import FIXTURES, ROOT


def argmap(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=300,
    )


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("store")
    done = argmap("build", "--maps", str(FIXTURES / "maps"), "--store", str(path))
    assert done.returncode == 0, done.stderr
    return str(path)


def test_evaluate_json_lists_every_node_with_status_and_explanation(store):
    done = argmap("evaluate", "--store", store, "--map", "pets", "--format", "json")
    assert done.returncode == 0, done.stderr
    records = json.loads(done.stdout)
    assert len(records) == 10
    for r in records:
        assert {"id", "text", "status", "explanation"} <= set(r)
        assert r["status"] in ("in", "out", "undecided")
        assert r["explanation"].startswith(r["status"] + ":")
    aloof = next(r for r in records if r["id"].endswith("/aloof"))
    assert aloof["text"] == "Cats are aloof."
    assert aloof["status"] == "out"
    assert aloof["defeated_by"] == ["https://w3id.org/argmap/id/pets/independent"]


def test_evaluate_table_and_other_semantics(store):
    done = argmap("evaluate", "--store", store, "--map", "cycles", "--semantics", "preferred")
    assert done.returncode == 0, done.stderr
    header, rule, *rows = done.stdout.splitlines()
    assert header.split(" | ")[0].strip() == "map" and "explanation" in header
    assert rows[-1] == "(16 rows)"
    assert any("in every preferred extension (2)" in row for row in rows)


def test_evaluate_every_map_by_default(store):
    records = json.loads(argmap("evaluate", "--store", store, "--format", "json").stdout)
    assert {r["map"] for r in records} == {p.stem for p in (FIXTURES / "maps").glob("*.ttl")}


def test_analyze_json_has_every_finding_with_its_question(store):
    done = argmap("analyze", "--store", store, "--map", "remote", "--format", "json")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert list(out) == ["remote"]
    found = out["remote"]
    assert found["unanswered-objections"]["question"].startswith("Which objections")
    rows = found["unanswered-objections"]["rows"]
    assert [r["conflict"].rsplit("/", 1)[-1] for r in rows] == ["undercut-trial"]
    assert found["schemes"]["query"].endswith("claims/queries/analysis/schemes.rq")


def test_analyze_table_names_each_finding_and_its_query(store):
    done = argmap("analyze", "--store", store, "--map", "pets")
    assert done.returncode == 0, done.stderr
    question = "Which of the author's reasons would fall if a counterclaim stood?"
    assert f"== pets: reasons-at-risk\n{question}" in done.stdout
    assert "(none)" in done.stdout  # pets makes no predictions


def test_query_files_run_as_they_are_with_argmap_query(store):
    path = ROOT / "claims" / "queries" / "analysis" / "standing-counterclaims.rq"
    done = argmap("query", "--store", store, "--format", "json", str(path))
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)["results"]["bindings"]
    mine = ("https://w3id.org/argmap/id/remote", "https://w3id.org/argmap/id/cycles")
    names = {r["counterclaim"]["value"].rsplit("/", 1)[-1] for r in rows if r["map"]["value"] in mine}
    assert names == {"small-trial", "collaboration", "unstable"}


def test_unknown_map_and_missing_store_are_clear_errors(store, tmp_path):
    done = argmap("evaluate", "--store", store, "--map", "nope")
    assert done.returncode == 2
    slugs = ", ".join(sorted(p.stem for p in (FIXTURES / "maps").glob("*.ttl")))
    assert f"no map 'nope' in the store (maps: {slugs})" in done.stderr
    done = argmap("analyze", "--store", str(tmp_path / "empty"))
    assert done.returncode == 1
    assert "run `argmap build` first" in done.stderr
