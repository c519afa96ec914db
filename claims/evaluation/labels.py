"""Label a map's nodes and write the labels, as RDF, into the map's labels graph.

For every statement, inference and conflict the labels graph holds::

    node am:status am:In | am:Out | am:Undecided ;          # grounded semantics
         am:statusExplanation "out: attacked by “…”, which is in" ;
         am:defeatedBy stmt ;          # an attacker that is in (when out)
         am:lostSupport node ;         # a premise or supporting inference that is not in
         am:acceptedCredulously am:PreferredSemantics ;   # in some preferred extension
         am:acceptedSceptically am:StableSemantics ;      # in every stable extension
         am:fallsIf counterclaim .     # worse off (in -> undecided/out, undecided -> out) if it stood
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from claims.evaluation import semantics as sem
from claims.evaluation.explain import conflict_name, explain
from claims.evaluation.framework import CONFLICT, MapFacts, derive, read_facts
from ontology.vocab import AM, asserted_graph, inferred_graph, labels_graph

STATUS_TERMS = {sem.IN: AM.In, sem.OUT: AM.Out, sem.UNDEC: AM.Undecided}
SEMANTICS_TERMS = {"preferred": AM.PreferredSemantics, "stable": AM.StableSemantics}


@dataclass(frozen=True)
class Label:
    """The status of one node under a semantics, and why."""

    node: str
    kind: str
    text: str
    status: str
    explanation: str
    defeated_by: tuple[str, ...] = ()
    lost_support: tuple[str, ...] = ()


def label_facts(facts: MapFacts, semantics: str = "grounded", forced_in=()) -> dict[str, Label]:
    """Label every node of a map under ``semantics`` (grounded, preferred or stable)."""
    if semantics not in sem.SEMANTICS:
        raise ValueError(f"unknown semantics {semantics!r}: choose one of {', '.join(sem.SEMANTICS)}")
    af = derive(facts, forced_in)
    if semantics == "grounded":
        labelling = sem.grounded(af)
        return {
            n: _label(facts, n, labelling[n], explain(facts, af, labelling, n)) for n in sorted(facts.kinds)
        }
    labellings = sem.SEMANTICS[semantics](af)
    status = sem.justification(labellings, facts.kinds)
    return {
        n: _label(facts, n, status[n], _why_by_extensions(semantics, labellings, n, status[n]))
        for n in sorted(facts.kinds)
    }


def _label(facts: MapFacts, n: str, status: str, why) -> Label:
    text = why if isinstance(why, str) else why.text
    if n in facts.texts:
        text_of = facts.texts[n]
    else:
        text_of = conflict_name(facts, n) if facts.kinds[n] == CONFLICT else facts.name(n)
    return Label(
        node=n,
        kind=facts.kinds[n],
        text=text_of,
        status=status,
        explanation=text,
        defeated_by=() if isinstance(why, str) else why.defeated_by,
        lost_support=() if isinstance(why, str) else why.lost_support,
    )


def _why_by_extensions(semantics: str, labellings: list, n: str, status: str) -> str:
    total = len(labellings)
    if not total:
        return f"undecided: there is no {semantics} extension"
    inside = sum(lab[n] == sem.IN for lab in labellings)
    if status == sem.IN:
        return f"in: in every {semantics} extension ({total})"
    if status == sem.OUT:
        return f"out: attacked by a member of every {semantics} extension ({total})"
    if inside:
        return f"undecided: in {inside} of {total} {semantics} extensions (credulously accepted)"
    return f"undecided: in no {semantics} extension, yet not out in all of them"


def what_if(facts: MapFacts, counterclaim: str, before: dict | None = None) -> list[str]:
    """Nodes whose status would worsen (in to undecided or out, undecided to out) if
    ``counterclaim`` and the attacks it makes stood (``before``: the grounded labelling, if known)."""
    before = before or sem.grounded(derive(facts))
    forced = [counterclaim, *(c for c, (a, _) in facts.conflicts.items() if a == counterclaim)]
    after = sem.grounded(derive(facts, forced))
    rank = {sem.IN: 2, sem.UNDEC: 1, sem.OUT: 0}
    return sorted(n for n in facts.kinds if rank[after[n]] < rank[before[n]])


def label_quads(facts: MapFacts, slug: str, counterclaims: list[str]) -> list[ox.Quad]:
    """The labels graph of map ``slug``."""
    g = ox.NamedNode(str(labels_graph(slug)))

    def quad(s, p, o):
        return ox.Quad(ox.NamedNode(s), ox.NamedNode(str(p)), o, g)

    quads = []
    for n, lab in label_facts(facts).items():
        quads.append(quad(n, AM.status, ox.NamedNode(str(STATUS_TERMS[lab.status]))))
        quads.append(quad(n, AM.statusExplanation, ox.Literal(lab.explanation, language="en")))
        quads += [quad(n, AM.defeatedBy, ox.NamedNode(x)) for x in lab.defeated_by]
        quads += [quad(n, AM.lostSupport, ox.NamedNode(x)) for x in lab.lost_support]
    af = derive(facts)
    for name, term in SEMANTICS_TERMS.items():
        exts = [sem.extension(lab) for lab in sem.SEMANTICS[name](af)]
        accepted = {AM.acceptedCredulously: sem.credulous(exts), AM.acceptedSceptically: sem.sceptical(exts)}
        for prop, members in accepted.items():
            quads += [quad(n, prop, ox.NamedNode(str(term))) for n in sorted(facts.kinds) if n in members]
    before = sem.grounded(af)
    for cc in counterclaims:
        quads += [quad(n, AM.fallsIf, ox.NamedNode(cc)) for n in what_if(facts, cc, before)]
    return quads


def write_labels(store: ox.Store, slug: str) -> int:
    """(Re)compute the labels of map ``slug`` from its graphs in ``store``; return the triple count."""
    from claims.evaluation.analysis import run_finding

    facts = read_facts(store, slug)
    own = [ox.NamedNode(str(asserted_graph(slug))), ox.NamedNode(str(inferred_graph(slug)))]
    counterclaims = sorted({r["counterclaim"] for r in run_finding(store, slug, "counterclaims", own)})
    g = ox.NamedNode(str(labels_graph(slug)))
    store.remove_graph(g) if store.contains_named_graph(g) else None
    quads = label_quads(facts, slug, counterclaims)
    store.extend(quads)
    return len(quads)
