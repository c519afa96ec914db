"""Broken maps lose nothing: check/build fail with file, line and rule; the last good store stays."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from claims.querying import select_rows
from claims.store import current_build, open_store
from tests.conftest import FIXTURES, ROOT

PETS = (FIXTURES / "maps" / "pets.ttl").read_text(encoding="utf-8")
BROKEN = {
    # name: (edit of pets.ttl, rule, line of the fault)
    "syntax": (('walks." ;', 'walks." ;;;; ]'), "turtle-syntax", 31),
    "shape": (
        ('    am:text "A survey found 70% of owners agree cats are better pets." ;\n', ""),
        "StatementHasText",
        42,
    ),
    "offsets": (("oa:start 32 ; oa:end 50", "oa:start 33 ; oa:end 51"), "quote-anchor", 30),
    "dangling": (("am:premise :survey ;", "am:premise :survey, :ghost ;"), "InferenceShape", 73),
}


def argmap(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "cli", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("broken")
    (root / "maps").mkdir()
    shutil.copytree(FIXTURES / "sources", root / "sources")
    good = root / "maps" / "pets.ttl"
    good.write_text(PETS, encoding="utf-8")
    done = argmap("build", "--maps", str(root / "maps"), "--store", str(root / "store"), str(good))
    assert done.returncode == 0, done.stderr
    return root


def count(store_dir: Path) -> int:
    rows = select_rows(open_store(store_dir), "SELECT (COUNT(*) AS ?n) WHERE { ?s am:text ?t }")
    return int(rows[0]["n"].value)


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_map_fails_check_and_build_and_the_store_stays(workspace, name):
    (old, new), rule, line = BROKEN[name]
    assert old in PETS
    bad = workspace / "maps" / f"{name}.ttl"
    bad.write_text(PETS.replace(old, new, 1), encoding="utf-8")
    store = workspace / "store"
    before, answers = current_build(store), count(store)
    try:
        for command in (["check"], ["build", "--store", str(store)]):
            done = argmap(*command, "--maps", str(workspace / "maps"), str(bad))
            assert done.returncode == 1, done.stdout
            assert f"{bad}:{line}:" in done.stderr and f"[{rule}]" in done.stderr, done.stderr
        assert current_build(store) == before
        assert count(store) == answers == 6
    finally:
        bad.unlink()


def test_hostile_fixture_is_a_valid_map_that_keeps_its_payloads(tmp_path):
    from claims.building import build_memory

    hostile = FIXTURES / "maps" / "hostile.ttl"
    done = argmap("check", "--maps", str(hostile.parent), str(hostile))
    assert done.returncode == 0, done.stderr
    rows = select_rows(build_memory([hostile]), "SELECT ?t WHERE { ?s am:text|am:note|am:name ?t }")
    texts = " ".join(r["t"].value for r in rows)
    payloads = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "javascript:", "{{ 7*7 }}")
    for payload in payloads:
        assert payload in texts
