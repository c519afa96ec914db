"""From an argument map to an abstract argumentation framework (after ASPIC+ and AIF).

An argument map has three kinds of node (AIF I-, RA- and CA-nodes): statements,
inferences and conflicts. Dung's frameworks know only arguments and attacks, so support
is encoded by attacks through two kinds of auxiliary argument, the standard way of
reading conjunctive and disjunctive dependence into a Dung framework:

Arguments
    every statement ``s``, every inference ``i`` and every conflict ``c`` of the map, plus
    ``("fails", s)`` for each statement used as a premise or as an attacker ("s does not
    hold"), and ``("unsupported", s)`` for each statement that *needs support* (below).

Attacks
    * ``s -> ("fails", s)``: the failure argument is out exactly when ``s`` is in.
    * ``("fails", p) -> i`` for every premise ``p`` of inference ``i``: an inference stands
      only if *all* its premises stand (linked premises support only together).
    * ``("fails", a) -> c`` for the attacker ``a`` of conflict ``c``: an objection whose
      attacking statement does not hold attacks nothing.
    * ``i -> ("unsupported", s)`` for each inference ``i`` concluding ``s``, and
      ``("unsupported", s) -> s``: a statement that needs support stands only if *some*
      inference for it stands (convergent reasons are alternatives).
    * ``c -> t`` for conflict ``c`` on target ``t``. A rebuttal or undermining of a
      statement also attacks every inference concluding it: as in ASPIC+, attacking a
      conclusion attacks the arguments that draw it (so an inference is in only when its
      reasoning holds *and* its conclusion survives). An undercut attacks an inference
      directly; an attack on a conflict (the author's answer to a concession, or any
      undercut of an objection) defeats that conflict, so the conceded statement may stay
      in while the objection it made no longer bites.

Which statements need support
    A statement concluded by at least one inference needs one of them to be in, unless it
    is evidence (``am:Evidence``: data the text reports stands on its own; inferences to it
    only add). Statements no inference concludes (premises, evidence, implicit premises the
    analyst reconstructed, bare claims) are ordinary premises in ASPIC+ terms: in unless
    attacked. That a bare claim rests on nothing is a finding of the analysis, not a defeat.

Parity is preserved: a direct attack between statements becomes a path of three attacks
(``a -> fails(a) -> c -> t``) and each step of support adds two, so odd attack cycles in
the map stay odd (undecided under grounded semantics, no stable extension) and even ones
stay even (two preferred extensions). A statement that attacks a premise of its own
support forms an odd cycle and is undecided, where ASPIC+ would call it self-defeating.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from claims.evaluation.semantics import Framework
from ontology.vocab import AM, asserted_graph, inferred_graph, map_iri, sparql_prologue

STATEMENT, INFERENCE, CONFLICT = "statement", "inference", "conflict"
FAILS, UNSUPPORTED = "fails", "unsupported"


@dataclass(frozen=True)
class MapFacts:
    """What evaluation needs to know about a map's nodes, by IRI."""

    kinds: dict[str, str]  # node -> STATEMENT | INFERENCE | CONFLICT
    texts: dict[str, str]
    evidence: frozenset
    premises: dict[str, tuple[str, ...]]  # inference -> premises
    conclusions: dict[str, str]  # inference -> conclusion
    conflicts: dict[str, tuple[str, str]]  # conflict -> (attacker, target)
    conflict_types: dict[str, str]  # conflict -> local name of its most specific class

    def concluding(self, s: str) -> list[str]:
        return sorted(i for i, c in self.conclusions.items() if c == s)

    def needs_support(self, s: str) -> bool:
        return self.kinds.get(s) == STATEMENT and s not in self.evidence and bool(self.concluding(s))

    def name(self, node: str) -> str:
        """A short human name for a node, for explanations."""
        text = self.texts.get(node)
        if text:
            return f"“{text if len(text) <= 70 else text[:69] + '…'}”"
        local = node.rsplit("/", 1)[-1]
        if self.kinds.get(node) == INFERENCE and self.premises.get(node):
            return "the inference from " + " and ".join(self.name(p) for p in self.premises[node])
        return f"{self.kinds.get(node, 'node')} {local}"


def derive(facts: MapFacts, forced_in: Iterable[str] = ()) -> Framework:
    """The framework of a map; nodes in ``forced_in`` lose every attack on them (what-if)."""
    args: set = set(facts.kinds)
    attacks: set = set()
    used = {p for ps in facts.premises.values() for p in ps} | {a for a, _ in facts.conflicts.values()}
    for s in used:
        args.add((FAILS, s))
        attacks.add((s, (FAILS, s)))
    for i, ps in facts.premises.items():
        attacks.update(((FAILS, p), i) for p in ps)
    for s in (n for n, k in facts.kinds.items() if k == STATEMENT and facts.needs_support(n)):
        args.add((UNSUPPORTED, s))
        attacks.add(((UNSUPPORTED, s), s))
        attacks.update((i, (UNSUPPORTED, s)) for i in facts.concluding(s))
    for c, (a, t) in facts.conflicts.items():
        attacks.add(((FAILS, a), c))
        attacks.add((c, t))
        if facts.kinds.get(t) == STATEMENT:
            attacks.update((c, i) for i in facts.concluding(t))
    forced = set(forced_in)
    attacks = {(x, y) for x, y in attacks if y not in forced}
    return Framework.of(args, attacks)


_FACTS_QUERY = """
SELECT ?map ?n ?kind ?text ?evidence WHERE {
  ?n am:inMap ?map .
  { ?n a am:Statement BIND("statement" AS ?kind) }
  UNION { ?n a am:Inference BIND("inference" AS ?kind) }
  UNION { ?n a am:Conflict BIND("conflict" AS ?kind) }
  OPTIONAL { ?n am:text ?text }
  BIND (EXISTS { ?n a am:Evidence } AS ?evidence)
}"""
_EDGES_QUERY = """
SELECT ?map ?n ?p ?o WHERE {
  ?n am:inMap ?map ; ?p ?o .
  VALUES ?p { am:premise am:conclusion am:attacker am:target }
}"""
_CONFLICT_TYPES = ("Concession", "Undercut", "Undermining", "Rebuttal")


def read_facts(store: ox.Store, slug: str) -> MapFacts:
    """Read the facts of map ``slug`` from its asserted and inferred graphs in ``store``."""

    def rows(sparql: str):
        return store.query(
            sparql_prologue() + sparql,
            default_graph=[ox.NamedNode(str(asserted_graph(slug))), ox.NamedNode(str(inferred_graph(slug)))],
            substitutions={ox.Variable("map"): ox.NamedNode(str(map_iri(slug)))},
        )

    kinds, texts, evidence = {}, {}, set()
    for r in rows(_FACTS_QUERY):
        n = r["n"].value
        kinds[n] = r["kind"].value
        if r["text"] is not None:
            texts[n] = r["text"].value
        if r["evidence"].value == "true":
            evidence.add(n)
    premises: dict[str, list] = {}
    conclusions, attackers, targets = {}, {}, {}
    for r in rows(_EDGES_QUERY):
        n, p, o = r["n"].value, r["p"].value, r["o"].value
        if p == str(AM.premise):
            premises.setdefault(n, []).append(o)
        elif p == str(AM.conclusion):
            conclusions[n] = o
        elif p == str(AM.attacker):
            attackers[n] = o
        else:
            targets[n] = o
    types = {}
    for t in _CONFLICT_TYPES[::-1]:
        for r in rows(f"SELECT ?map ?c WHERE {{ ?c am:inMap ?map ; a am:{t} }}"):
            types[r["c"].value] = t
    return MapFacts(
        kinds=kinds,
        texts=texts,
        evidence=frozenset(evidence),
        premises={i: tuple(sorted(ps)) for i, ps in premises.items()},
        conclusions=conclusions,
        conflicts={c: (attackers[c], targets[c]) for c in attackers if c in targets},
        conflict_types=types,
    )
