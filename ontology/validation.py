"""SHACL validation of a map against ``shapes.ttl``: a report, never an exception."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import pyshacl
from rdflib import Graph, Namespace

from ontology import SHAPES_PATH, load_ontology

SH = Namespace("http://www.w3.org/ns/shacl#")
SHAPES_NS = "https://w3id.org/argmap/shapes#"


@dataclass(frozen=True)
class Violation:
    """One SHACL result: the focus node, the shape (rule) it breaks, and why."""

    focus: str
    rule: str
    path: str | None
    message: str


@dataclass
class Report:
    conforms: bool
    violations: list[Violation] = field(default_factory=list)


@lru_cache(maxsize=1)
def _shapes() -> Graph:
    return Graph().parse(SHAPES_PATH, format="turtle")


def validate(graph: Graph) -> Report:
    """Validate a map graph (the caller's graph is not changed)."""
    conforms, results, _ = pyshacl.validate(
        graph,
        shacl_graph=_shapes(),
        ont_graph=load_ontology(),
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    violations = []
    for result in results.subjects(SH.focusNode, None):
        focus = results.value(result, SH.focusNode)
        shape = results.value(result, SH.sourceShape)
        rule = _rule_name(results, shape)
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage)
        violations.append(
            Violation(
                str(focus), rule, None if path is None else str(path), str(message or "violates " + rule)
            )
        )
    violations.sort(key=lambda v: (v.rule, v.focus, v.message))
    return Report(conforms=bool(conforms), violations=violations)


def _rule_name(results: Graph, shape) -> str:
    """The named node shape a result comes from (property shapes are blank)."""
    if shape is not None and str(shape).startswith(SHAPES_NS):
        return str(shape)[len(SHAPES_NS) :]
    shapes = _shapes()
    for parent in shapes.subjects(SH.property, shape):
        if str(parent).startswith(SHAPES_NS):
            return str(parent)[len(SHAPES_NS) :]
    return "shape"
