"""Dependencies point one way: ontology <- claims <- server; cli sits on top."""

from __future__ import annotations

import ast

import pytest

from tests.conftest import ROOT

ALLOWED = {
    "ontology": {"ontology"},
    "claims": {"ontology", "claims"},
    "server": {"ontology", "claims", "server"},
}
PROJECT = {"ontology", "claims", "server", "cli"}


def imported_packages(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module.split(".")[0]


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_package_imports_only_what_it_may(package):
    files = list((ROOT / package).rglob("*.py"))
    assert files
    for path in files:
        bad = set(imported_packages(path)) & PROJECT - ALLOWED[package]
        assert not bad, f"{path.relative_to(ROOT)} imports {bad}"
