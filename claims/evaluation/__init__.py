"""Which claims stand: acceptability labels and analysis findings for a map in the store.

``evaluate(store, slug)`` labels every node (grounded, preferred or stable semantics);
``analysis(store, slug)`` runs the analysis queries; ``write_labels`` fills a map's
labels graph (called by the build).
"""

from __future__ import annotations

import pyoxigraph as ox

from claims.evaluation.analysis import analysis, findings
from claims.evaluation.framework import read_facts
from claims.evaluation.labels import Label, label_facts, write_labels
from ontology.vocab import ID_BASE


def evaluate(store: ox.Store, slug: str, semantics: str = "grounded") -> dict[str, Label]:
    """The label of every statement, inference and conflict of map ``slug``, by IRI."""
    return label_facts(read_facts(store, slug), semantics)


def map_slugs(store: ox.Store) -> list[str]:
    """The slugs of the maps in ``store``."""
    rows = store.query("SELECT DISTINCT ?m WHERE { ?m a <https://w3id.org/argmap/ns#ArgumentMap> }")
    return sorted(r["m"].value[len(ID_BASE) :] for r in rows if r["m"].value.startswith(ID_BASE))


__all__ = ["Label", "analysis", "evaluate", "findings", "map_slugs", "write_labels"]
