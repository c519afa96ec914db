"""The argmap vocabulary and what makes a map valid. Imports nothing from the project."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import Graph

HERE = Path(__file__).parent
ONTOLOGY_PATH = HERE / "argmap.ttl"
SHAPES_PATH = HERE / "shapes.ttl"


@lru_cache(maxsize=1)
def _ontology() -> Graph:
    return Graph().parse(ONTOLOGY_PATH, format="turtle")


def load_ontology() -> Graph:
    """A fresh copy of the argmap ontology graph (callers may mutate it)."""
    g = Graph()
    for t in _ontology():
        g.add(t)
    return g


__all__ = ["ONTOLOGY_PATH", "SHAPES_PATH", "load_ontology"]
