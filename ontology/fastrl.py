"""A fast OWL RL engine for the constructs the argmap ontology uses.

The ontology is compiled once into per-property *plans*: for a triple ``s p o``
everything that follows without a join (its super-properties, inverses and
symmetric twins in either direction, and the classes domains and ranges give its
subject and object, closed under ``rdfs:subClassOf``). A worklist then applies the
plans to a map's triples, and the only two join rules (``owl:propertyChainAxiom``
and ``owl:TransitiveProperty``) run on hash indexes of the predicates they read.

The result, after :func:`ontology.reasoning.meaningful`, is the same set of
triples the ``owlrl`` engine gives; tests assert the equality. Any construct
the compiler does not know makes it raise instead of guessing; a map that declares
vocabulary of its own (``rdfs:subClassOf`` ...) is handed to the ``owlrl`` engine.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import OWL, RDF, RDFS, Graph, Literal
from rdflib.collection import Collection

from ontology.reasoning import meaningful, owlrl_closure, reasoner

#: Predicates of the ontology the compiler reads, or may ignore (annotations).
SCHEMA = {
    RDFS.subClassOf,
    RDFS.subPropertyOf,
    RDFS.domain,
    RDFS.range,
    OWL.inverseOf,
    OWL.propertyChainAxiom,
    OWL.equivalentClass,
    OWL.equivalentProperty,
}
IGNORED = {
    RDFS.label,
    RDFS.comment,
    RDFS.seeAlso,
    RDFS.isDefinedBy,
    OWL.versionInfo,
    OWL.imports,
    RDF.first,
    RDF.rest,
}
#: Classes a term may be declared with; other ``owl:`` types are not compiled.
DECLARATIONS = {
    OWL.Class,
    RDFS.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    RDF.Property,
    OWL.Ontology,
    OWL.NamedIndividual,
    OWL.TransitiveProperty,
    OWL.SymmetricProperty,
}


@dataclass
class Plan:
    """What one triple of a predicate implies without a join."""

    props: tuple  # (forward?, property): s q o when forward, o q s otherwise
    subject_types: tuple
    object_types: tuple


@dataclass
class Rules:
    """The compiled ontology."""

    superclasses: dict  # class -> all its superclasses, itself included
    superprops: dict  # property -> direct super-properties
    inverses: dict  # property -> properties inverse to it
    symmetric: set
    domains: dict
    ranges: dict
    chains: list  # (property, [p1, ..., pn])
    transitive: set
    plans: dict = field(default_factory=dict)

    @property
    def joined(self) -> set:
        """The predicates the join rules read: these get indexes."""
        out = set(self.transitive)
        for _, chain in self.chains:
            out.update(chain)
        return out

    def types_of(self, classes) -> frozenset:
        out = set()
        for c in classes:
            out.update(self.superclasses.get(c, (c,)))
        return frozenset(out)

    def plan(self, p) -> Plan:
        """Everything ``s p o`` implies by sub-properties, inverses, symmetry, domains and ranges."""
        if p in self.plans:
            return self.plans[p]
        seen = {(True, p)}
        todo = [(True, p)]
        while todo:
            forward, q = todo.pop()
            steps = [(forward, r) for r in self.superprops.get(q, ())]
            steps += [(not forward, r) for r in self.inverses.get(q, ())]
            if q in self.symmetric:
                steps.append((not forward, q))
            for step in steps:
                if step not in seen:
                    seen.add(step)
                    todo.append(step)
        s_cls, o_cls = set(), set()
        for forward, q in seen:
            (s_cls if forward else o_cls).update(self.domains.get(q, ()))
            (o_cls if forward else s_cls).update(self.ranges.get(q, ()))
        plan = Plan(
            tuple(sorted(seen - {(True, p)})), tuple(self.types_of(s_cls)), tuple(self.types_of(o_cls))
        )
        self.plans[p] = plan
        return plan


def compile_rules(ontology: Graph) -> Rules:
    """Read the OWL RL rules of ``ontology``; raise ``ValueError`` on constructs not supported."""
    _refuse_unknown(ontology)
    sub = defaultdict(set)
    for c, d in ontology.subject_objects(RDFS.subClassOf):
        sub[c].add(d)
    for c, d in ontology.subject_objects(OWL.equivalentClass):
        sub[c].add(d)
        sub[d].add(c)
    superclasses = {c: frozenset(_reach(sub, c)) for c in list(sub)}
    superprops = defaultdict(set)
    for p, q in ontology.subject_objects(RDFS.subPropertyOf):
        superprops[p].add(q)
    for p, q in ontology.subject_objects(OWL.equivalentProperty):
        superprops[p].add(q)
        superprops[q].add(p)
    inverses = defaultdict(set)
    for p, q in ontology.subject_objects(OWL.inverseOf):
        inverses[p].add(q)
        inverses[q].add(p)
    domains, ranges = defaultdict(set), defaultdict(set)
    for p, c in ontology.subject_objects(RDFS.domain):
        domains[p].add(c)
    for p, c in ontology.subject_objects(RDFS.range):
        ranges[p].add(c)
    chains = [
        (p, list(Collection(ontology, head))) for p, head in ontology.subject_objects(OWL.propertyChainAxiom)
    ]
    return Rules(
        superclasses=superclasses,
        superprops=dict(superprops),
        inverses=dict(inverses),
        symmetric=set(ontology.subjects(RDF.type, OWL.SymmetricProperty)),
        domains=dict(domains),
        ranges=dict(ranges),
        chains=chains,
        transitive=set(ontology.subjects(RDF.type, OWL.TransitiveProperty)),
    )


def _reach(edges: dict, start) -> set:
    seen, todo = {start}, [start]
    while todo:
        for nxt in edges.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def _refuse_unknown(ontology: Graph) -> None:
    owl, rdfs = str(OWL), str(RDFS)
    for s, p, o in ontology:
        if p in SCHEMA or p in IGNORED:
            continue
        if p == RDF.type:
            if str(o).startswith(owl) and o not in DECLARATIONS:
                raise ValueError(f"the fast reasoner does not support {o} (on {s}); use --reasoner owlrl")
            continue
        if str(p).startswith((owl, rdfs)):
            raise ValueError(f"the fast reasoner does not support {p} (on {s}); use --reasoner owlrl")


def closure(triples, rules: Rules, seed=()) -> set:
    """``triples`` with everything ``rules`` entail about them, to a fixpoint."""
    joined = rules.joined
    forward = {p: defaultdict(set) for p in joined}
    backward = {p: defaultdict(set) for p in joined}
    chains_of = defaultdict(list)
    for head, chain in rules.chains:
        for i, p in enumerate(chain):
            chains_of[p].append((head, chain, i))
    facts: set = set()
    queue: list = []
    TYPE = RDF.type

    def add(t, expand: bool) -> None:
        if t in facts:
            return
        facts.add(t)
        s, p, o = t
        if p in joined:
            forward[p][s].add(o)
            backward[p][o].add(s)
            queue.append((t, expand))
        elif expand:
            queue.append((t, True))

    for t in seed:
        add(t, True)
    for t in triples:
        add(t, True)
    while queue:
        (s, p, o), expand = queue.pop()
        if expand:
            if p == TYPE:
                for c in rules.superclasses.get(o, ()):
                    add((s, TYPE, c), False)
                continue
            plan = rules.plans.get(p) or rules.plan(p)
            literal = isinstance(o, Literal)
            for fwd, q in plan.props:
                if fwd:
                    add((s, q, o), False)
                elif not literal:
                    add((o, q, s), False)
            for c in plan.subject_types:
                add((s, TYPE, c), False)
            if not literal:
                for c in plan.object_types:
                    add((o, TYPE, c), False)
        if p in rules.transitive:
            for z in list(forward[p].get(o, ())):
                add((s, p, z), True)
            for w in list(backward[p].get(s, ())):
                add((w, p, o), True)
        for head, chain, i in chains_of.get(p, ()):
            starts = {s}
            for q in reversed(chain[:i]):
                starts = {x for y in starts for x in backward[q].get(y, ())}
            ends = {o}
            for q in chain[i + 1 :]:
                ends = {z for y in ends for z in forward[q].get(y, ())}
            for x in starts:
                for z in ends:
                    add((x, head, z), True)
    return facts


_COMPILED: dict = {}


def rules_for(ontology: Graph) -> tuple[Rules, list]:
    """The compiled rules of ``ontology`` and the ontology facts the join rules read (cached)."""
    key = frozenset(ontology)
    if key not in _COMPILED:
        rules = compile_rules(ontology)
        joined = rules.joined
        seed = [t for t in closure(ontology, rules) if t[1] in joined]
        _COMPILED.clear()
        _COMPILED[key] = (rules, seed)
    return _COMPILED[key]


def schema_triples(graph: Graph) -> list:
    """Triples of a map that speak about vocabulary (they extend the ontology for that map)."""
    out = [t for t in graph if t[1] in SCHEMA]
    out += [
        t
        for t in graph.triples((None, RDF.type, None))
        if t[2] in DECLARATIONS and t[2] != OWL.NamedIndividual
    ]
    return out


@reasoner("fast")
def fast_closure(graph: Graph, ontology: Graph) -> set:
    """The ``owlrl`` engine's meaningful entailments, computed from a compiled ontology."""
    if schema_triples(graph):
        # A map that extends the vocabulary also gets owlrl's schema-level entailments
        # (subclass closure of its own classes, ...): rare, so hand it to the reference.
        return owlrl_closure(graph, ontology)
    rules, seed = rules_for(ontology)
    return meaningful(closure(graph, rules, seed), graph, ontology)
