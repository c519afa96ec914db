"""The SHACL shapes compiled to plain Python checks: pyshacl's report, without its per-node overhead.

pyshacl walks every shape through generic machinery (about 0.2 s for a 1,000-triple
map, the largest cost of a build). The shapes in ``shapes.ttl`` use a small subset of
SHACL; this module compiles that subset once into :class:`Shape` objects and checks a
map against hash indexes of its triples (and the ontology's, which pyshacl mixes in).

The report is the one pyshacl gives: same focus nodes, rules, paths and messages,
one result per failing value node (``tests/test_shapecheck.py`` compares them on a
map violating each shape and on valid maps). A construct it does not compile raises
:class:`NotCompiled` when the shapes are read; a map declaring classes of its own
(``rdfs:subClassOf``) is checked by pyshacl. ``--checker shacl`` selects pyshacl.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection

SH = Namespace("http://www.w3.org/ns/shacl#")
#: What a well-typed literal's value is in Python, for the datatypes pyshacl checks.
PY_TYPES = {
    XSD.string: (str, bytes), RDF.langString: (str, bytes), XSD.integer: int, XSD.float: float,
    XSD.decimal: Decimal, XSD.boolean: bool, XSD.date: date, XSD.time: time, XSD.dateTime: datetime,
}  # fmt: skip

#: Shape predicates the compiler reads; anything else in ``sh:`` is refused.
KNOWN = {
    SH.path, SH.minCount, SH.maxCount, SH.datatype, SH.minLength, SH.minInclusive,
    SH.lessThanOrEquals, SH["class"], SH["or"], SH.property, SH.message, SH.sparql,
    SH.targetClass, SH.targetObjectsOf, SH.declare,
}  # fmt: skip


class NotCompiled(ValueError):
    """The shapes use SHACL the native checker does not implement (use ``--checker shacl``)."""


@dataclass
class Shape:
    """A node shape (``path`` empty) or property shape, with its constraints in order."""

    rule: str
    path: tuple = ()
    path_node: object = None
    message: str | None = None
    constraints: list = field(default_factory=list)
    properties: list = field(default_factory=list)
    target_classes: tuple = ()
    target_objects_of: tuple = ()


class Index:
    """The triples of a map plus the ontology's, by subject and predicate."""

    def __init__(self, graph: Graph, base: Index | None = None):
        self.spo: dict = {}
        self.by_type: dict = {}
        self.by_predicate: dict = {}
        self.base = base
        for s, p, o in graph:
            self.spo.setdefault(s, {}).setdefault(p, set()).add(o)
            self.by_predicate.setdefault(p, set()).add(o)
            if p == RDF.type:
                self.by_type.setdefault(o, set()).add(s)

    def objects(self, s, p) -> set:
        mine = self.spo.get(s, {}).get(p, ())
        theirs = self.base.objects(s, p) if self.base else ()
        return set(mine) | set(theirs) if theirs else set(mine)

    def instances(self, c) -> set:
        mine = self.by_type.get(c, set())
        return mine | self.base.instances(c) if self.base else set(mine)

    def objects_of(self, p) -> set:
        mine = self.by_predicate.get(p, set())
        return mine | self.base.objects_of(p) if self.base else set(mine)


class Checker:
    """The compiled shapes and the ontology's class hierarchy."""

    def __init__(self, shapes: Graph, ontology: Graph, shapes_ns: str):
        self.shapes, self.ns = shapes, shapes_ns
        self.ontology = Index(ontology)
        self.supers: dict = {}
        for c in set(ontology.subjects(RDFS.subClassOf, None)) | set(ontology.objects(None, RDFS.subClassOf)):
            self.supers[c] = set(ontology.transitive_objects(c, RDFS.subClassOf))
        self.subs: dict = {}
        for c, ups in self.supers.items():
            for u in ups:
                self.subs.setdefault(u, {u}).add(c)
        self.node_shapes = [
            self._compile(s, str(s)[len(shapes_ns) :])
            for s in sorted(shapes.subjects(RDF.type, SH.NodeShape))
            if isinstance(s, URIRef) and str(s).startswith(shapes_ns)
        ]

    def _compile(self, node, rule: str) -> Shape:
        g = self.shapes
        for p in set(g.predicates(node, None)):
            if str(p).startswith(str(SH)) and p not in KNOWN:
                raise NotCompiled(f"{rule}: {p} is not compiled by the native checker")
        path = g.value(node, SH.path)
        if path is None:
            steps = ()
        elif isinstance(path, URIRef):
            steps = (path,)
        elif all(isinstance(x, URIRef) for x in Collection(g, path)):
            steps = tuple(Collection(g, path))
        else:
            raise NotCompiled(f"{rule}: only predicate and sequence paths are compiled")
        message = g.value(node, SH.message)
        shape = Shape(rule, steps, path, None if message is None else str(message))
        for p, o in sorted(g.predicate_objects(node)):
            if p in (SH.minCount, SH.maxCount, SH.minLength):
                shape.constraints.append((p, int(o)))
            elif p in (SH.datatype, SH.minInclusive, SH.lessThanOrEquals, SH["class"]):
                shape.constraints.append((p, o))
            elif p == SH["or"]:
                shape.constraints.append((p, [self._compile(x, rule) for x in Collection(g, o)]))
            elif p == SH.property:
                shape.properties.append(self._compile(o, rule))
        shape.target_classes = tuple(g.objects(node, SH.targetClass))
        shape.target_objects_of = tuple(g.objects(node, SH.targetObjectsOf))
        return shape

    def check(self, graph: Graph) -> list[tuple[str, str, str | None, str]]:
        """(focus, rule, path, message) of every result, as pyshacl reports them."""
        index = Index(graph, self.ontology)
        out = []
        for shape in self.node_shapes:
            focus = set()
            for c in shape.target_classes:
                for sub in self.subs.get(c, {c}):
                    focus |= index.instances(sub)
            for p in shape.target_objects_of:
                focus |= index.objects_of(p)
            for f in focus:
                for path, message in self._results(shape, index, f):
                    out.append((str(f), shape.rule, path, message))
        return out

    def _values(self, shape: Shape, index: Index, f) -> set:
        values = {f}
        for step in shape.path:
            values = {o for v in values for o in index.objects(v, step)}
        return values

    def _results(self, shape: Shape, index: Index, f) -> list[tuple[str | None, str]]:
        values = self._values(shape, index, f)
        path = None if shape.path_node is None else str(shape.path_node)
        out = []
        for kind, param in shape.constraints:
            for _ in range(self._failures(kind, param, index, f, values)):
                out.append((path, shape.message or self._generic(kind, param, shape.rule)))
        for prop in shape.properties:
            out.extend(self._results(prop, index, f))
        return out

    def _conforms(self, shape: Shape, index: Index, f) -> bool:
        values = self._values(shape, index, f)
        if any(self._failures(kind, param, index, f, values) for kind, param in shape.constraints):
            return False
        return all(self._conforms(prop, index, f) for prop in shape.properties)

    def _failures(self, kind, param, index: Index, f, values: set) -> int:
        if kind == SH.minCount:
            return int(len(values) < param)
        if kind == SH.maxCount:
            return int(len(values) > param)
        if kind == SH["or"]:
            return sum(not any(self._conforms(alt, index, v) for alt in param) for v in values)
        if kind == SH.lessThanOrEquals:
            bounds = index.objects(f, param)
            return sum(not _less_or_equal(v, b) for v in values for b in bounds)
        test = {
            SH["class"]: lambda v: self._is_instance(index, v, param),
            SH.datatype: lambda v: _has_datatype(v, param),
            SH.minLength: lambda v: param == 0 or (not isinstance(v, BNode) and len(str(v)) >= param),
            SH.minInclusive: lambda v: _at_least(v, param),
        }[kind]
        return sum(not test(v) for v in values)

    def _is_instance(self, index: Index, v, c) -> bool:
        if isinstance(v, Literal):
            return False
        return any(t == c or c in self.supers.get(t, ()) for t in index.objects(v, RDF.type))

    def _generic(self, kind, param, rule: str) -> str:
        if kind == SH["class"]:
            return f"Value does not have class {param.n3(namespace_manager=self.shapes.namespace_manager)}"
        raise NotCompiled(f"{rule}: give {kind} a sh:message (its generic message is not compiled)")


def _has_datatype(v, datatype) -> bool:
    if not isinstance(v, Literal):
        return False
    if datatype == RDFS.Literal or (datatype == RDFS.Datatype and v.datatype is not None):
        return True
    if v.datatype == datatype:
        return getattr(v, "ill_typed", None) is not True and isinstance(
            v.value, PY_TYPES.get(datatype, object)
        )
    if v.datatype is None and v.language is None and datatype == XSD.string:
        return isinstance(v.value, (str, bytes))
    if datatype == RDF.langString and v.language:
        return isinstance(v.value, (str, bytes))
    return False


def _at_least(v, minimum: Literal) -> bool:
    if not isinstance(v, Literal) or isinstance(v.value, str) != isinstance(minimum.value, str):
        return False
    a, b = v.value, minimum.value
    if _number(a) and _number(b):
        return a >= b
    from pyshacl.rdfutil.compare import compare_literal  # other datatypes: pyshacl's own comparison

    try:
        return compare_literal(v, minimum) >= 0
    except (TypeError, NotImplementedError):
        return False


def _number(x) -> bool:
    return isinstance(x, (int, float, Decimal)) and not isinstance(x, bool)


def _less_or_equal(v, bound) -> bool:
    a_str, a = _comparable(v)
    b_str, b = _comparable(bound)
    if a_str != b_str:
        return False
    return bool(a <= b)


def _comparable(x):
    if isinstance(x, BNode):
        raise NotCompiled("sh:lessThanOrEquals cannot compare a blank node")
    if isinstance(x, URIRef):
        return True, str(x)
    if isinstance(x, Literal) and isinstance(x.value, str):
        return True, x.value
    return False, x
