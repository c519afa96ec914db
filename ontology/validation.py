"""SHACL validation of a map against ``shapes.ttl``: a report, never an exception."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import pyoxigraph as ox
from rdflib import RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef

from ontology import SHAPES_PATH, load_ontology, shapecheck

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


#: ``--checker`` choices: the compiled native checker (default) and pyshacl, the reference.
CHECKERS = ("native", "shacl")


def validate(graph: Graph, checker: str = "native") -> Report:
    """Validate a map graph (the caller's graph is not changed).

    ``native`` runs the shapes compiled to Python (:mod:`ontology.shapecheck`), falling
    back to pyshacl for a map that declares classes of its own; ``shacl`` runs pyshacl.
    pyshacl re-parses a ``sh:sparql`` constraint's query for every focus node, so those
    constraints always run here, each query parsed once and run once per map, with
    pyshacl's messages.
    """
    if checker not in CHECKERS:
        raise ValueError(f"unknown checker {checker!r}; choose one of {', '.join(CHECKERS)}")
    plain, checks = _split_shapes()
    if checker == "native" and (None, RDFS.subClassOf, None) not in graph:
        found = _native().check(graph)
        violations = [Violation(f, r, p, m) for f, r, p, m in found]
        report = Report(conforms=not violations, violations=violations)
    else:
        report = _pyshacl(graph, plain)
    store = _as_store(graph) if checker == "native" and checks else None
    extra = [v for check in checks for v in check.run(graph, store)]
    violations = sorted(report.violations + extra, key=lambda v: (v.rule, v.focus, v.message))
    return Report(conforms=not violations, violations=violations)


@lru_cache(maxsize=1)
def _native() -> shapecheck.Checker:
    return shapecheck.Checker(_split_shapes()[0], load_ontology(), SHAPES_NS)


def _rdflib(t):
    """A pyoxigraph result term as rdflib's (what the rdflib-run check binds)."""
    if isinstance(t, ox.NamedNode):
        return URIRef(t.value)
    if isinstance(t, ox.BlankNode):
        return BNode(t.value)
    if t.language:
        return Literal(t.value, lang=t.language)
    plain = t.datatype.value == "http://www.w3.org/2001/XMLSchema#string"
    return Literal(t.value, datatype=None if plain else URIRef(t.datatype.value))


def _as_store(graph: Graph) -> ox.Store:
    """The graph in a pyoxigraph store (its SPARQL engine is ~20x faster than rdflib's)."""
    terms: dict = {}

    def term(t):
        found = terms.get(t)
        if found is None:
            if isinstance(t, URIRef):
                found = ox.NamedNode(t)
            elif isinstance(t, BNode):
                found = ox.BlankNode(t)
            elif t.language:
                found = ox.Literal(t, language=t.language)
            else:
                found = ox.Literal(t, datatype=ox.NamedNode(t.datatype) if t.datatype else None)
            terms[t] = found
        return found

    store = ox.Store()
    store.extend([ox.Quad(term(s), term(p), term(o)) for s, p, o in graph])
    return store


def _pyshacl(graph: Graph, shapes: Graph) -> Report:
    import pyshacl  # the reference checker: loaded only when used

    conforms, results, _ = pyshacl.validate(
        graph,
        shacl_graph=shapes,
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


@dataclass(frozen=True)
class _SparqlCheck:
    """A node shape's ``sh:sparql`` SELECT constraint (``text`` with its prefixes declared)."""

    rule: str
    message: str
    targets: frozenset
    text: str

    def run(self, graph: Graph, store: ox.Store | None = None) -> list[Violation]:
        """The results on ``graph``: by pyoxigraph when given ``store`` holding it, else by rdflib."""
        if store is None:
            rows = [row.asdict() for row in graph.query(_prepared(self.text))]
        else:
            solutions = store.query(self.text)
            names = [v.value for v in solutions.variables]
            rows = [{n: _rdflib(r[n]) for n in names if r[n] is not None} for r in solutions]
        out = []
        for bound in rows:
            focus = bound.get("this")
            if focus is None or not any((focus, RDF.type, c) in graph for c in self.targets):
                continue
            message = self.message
            for var, val in bound.items():  # pyshacl's substitution of {?var} / {$var}
                message = re.sub(f"{{[?$]{var}}}", str(val), message)
            path = bound.get("path")
            out.append(Violation(str(focus), self.rule, None if path is None else str(path), message))
        return out


@lru_cache(maxsize=8)
def _prepared(text: str):
    """An rdflib-prepared query, parsed once (rdflib's SPARQL parser loads only when needed)."""
    from rdflib.plugins.sparql import prepareQuery

    return prepareQuery(text)


@lru_cache(maxsize=1)
def _split_shapes() -> tuple[Graph, list[_SparqlCheck]]:
    """The shapes without their SPARQL constraints, and those constraints prepared."""
    shapes = _shapes()
    plain = Graph()
    for t in shapes:
        plain.add(t)
    ontology = load_ontology()
    checks = []
    for shape, constraint in shapes.subject_objects(SH.sparql):
        plain.remove((shape, SH.sparql, constraint))
        namespaces = {}
        for declared in shapes.objects(constraint, SH.prefixes):
            for d in shapes.objects(declared, SH.declare):
                namespaces[str(shapes.value(d, SH.prefix))] = str(shapes.value(d, SH.namespace))
        targets = set()
        for c in shapes.objects(shape, SH.targetClass):
            targets.update(ontology.transitive_subjects(RDFS.subClassOf, c))
        checks.append(
            _SparqlCheck(
                rule=_rule_name(Graph(), shape),
                message=str(shapes.value(constraint, SH.message)),
                targets=frozenset(targets),
                text="".join(f"PREFIX {p}: <{n}>\n" for p, n in namespaces.items())
                + str(shapes.value(constraint, SH.select)),
            )
        )
    return plain, checks


def _rule_name(results: Graph, shape) -> str:
    """The named node shape a result comes from (property shapes are blank)."""
    if shape is not None and str(shape).startswith(SHAPES_NS):
        return str(shape)[len(SHAPES_NS) :]
    shapes = _shapes()
    for parent in shapes.subjects(SH.property, shape):
        if str(parent).startswith(SHAPES_NS):
            return str(parent)[len(SHAPES_NS) :]
    return "shape"
