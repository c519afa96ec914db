"""Argdown in (placeholder until the parser lands)."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from claims.errors import MapError, Problem


def import_argdown(path: Path, slug: str, title: str | None = None) -> Graph:
    raise MapError([Problem(str(path), None, None, "argdown", "Argdown import is not built yet")])
