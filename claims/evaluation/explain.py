"""Why a node has its grounded label, in words and in the nodes responsible.

The framework's auxiliary arguments (see :mod:`claims.evaluation.framework`) never show:
an explanation names the map's own statements, inferences and conflicts.
"""

from __future__ import annotations

from dataclasses import dataclass

from claims.evaluation.framework import CONFLICT, FAILS, INFERENCE, UNSUPPORTED, MapFacts
from claims.evaluation.semantics import IN, OUT, UNDEC, Framework


@dataclass(frozen=True)
class Reason:
    """An explanation, with the nodes that defeat the node and the support it lost."""

    text: str
    defeated_by: tuple[str, ...] = ()
    lost_support: tuple[str, ...] = ()


def explain(facts: MapFacts, af: Framework, label: dict, node: str) -> Reason:
    """The reason ``node`` has ``label[node]`` in the (grounded) labelling ``label``."""
    status = label[node]
    if status == IN:
        return Reason(_why_in(facts, af, label, node))
    if status == OUT:
        return _why_out(facts, af, label, node)
    return Reason(_why_undecided(facts, af, label, node))


def conflict_name(facts: MapFacts, c: str) -> str:
    a, _ = facts.conflicts[c]
    kind = facts.conflict_types.get(c, "Conflict").lower()
    return facts.texts.get(c) and facts.name(c) or f"the {kind} by {facts.name(a)}"


def _names(facts: MapFacts, nodes) -> str:
    return ", ".join(conflict_name(facts, n) if n in facts.conflicts else facts.name(n) for n in nodes)


def _why_in(facts: MapFacts, af: Framework, label: dict, node: str) -> str:
    parts = []
    if node in facts.premises:
        parts.append(f"every premise is in ({_names(facts, facts.premises[node])})")
    if node in facts.conflicts:
        parts.append(f"its attacker {facts.name(facts.conflicts[node][0])} is in")
    if facts.needs_support(node):
        holding = [i for i in facts.concluding(node) if label[i] == IN]
        parts.append(f"supported by {_names(facts, holding)}, which {_is(holding)} in")
    attacks = [c for c in sorted(af.attackers(node), key=str) if c in facts.conflicts]
    if attacks:
        answered = []
        for c in attacks:
            a = facts.conflicts[c][0]
            answered.append(facts.name(a) if label[a] == OUT else f"{conflict_name(facts, c)}, answered")
        parts.append(f"every attacker is out ({', '.join(answered)})")
    if not parts:
        return "in: unattacked"
    return "in: " + "; ".join(parts)


def _why_out(facts: MapFacts, af: Framework, label: dict, node: str) -> Reason:
    parts, defeated, lost = [], [], []
    for x in sorted(af.attackers(node), key=str):
        if label[x] != IN:
            continue
        if isinstance(x, tuple) and x[0] == FAILS:
            lost.append(x[1])
            role = "its attacker" if node in facts.conflicts else "premise"
            parts.append(f"{role} {facts.name(x[1])} is out")
        elif isinstance(x, tuple) and x[0] == UNSUPPORTED:
            support = facts.concluding(node)
            lost.extend(support)
            parts.append(f"no supporting inference is in ({_names(facts, support)} out or undecided)")
        else:
            a, target = facts.conflicts[x]
            defeated.append(a)
            kind = facts.conflict_types.get(x)
            if facts.kinds.get(node) == CONFLICT:
                parts.append(f"answered by {facts.name(a)}, which is in")
            elif facts.kinds.get(node) == INFERENCE and target != node:
                conclusion = facts.name(target)
                parts.append(f"its conclusion {conclusion} is attacked by {facts.name(a)}, which is in")
            elif kind == "Undercut":
                parts.append(f"undercut by {facts.name(a)}, which is in")
            else:
                parts.append(f"attacked by {facts.name(a)}, which is in")
    return Reason("out: " + "; ".join(parts), tuple(dict.fromkeys(defeated)), tuple(dict.fromkeys(lost)))


def _why_undecided(facts: MapFacts, af: Framework, label: dict, node: str) -> str:
    cycle = _undecided_cycle(af, label, node)
    if cycle:
        others = sorted({_real(x) for x in cycle} - {node, None}, key=str)
        shown = [n for n in others if facts.kinds.get(n) != CONFLICT]
        if not shown and (node, node) in facts.conflicts.values():
            return "undecided: it attacks itself"
        shown = shown or others
        return f"undecided: in an attack cycle with {_names(facts, shown)}"
    culprits = sorted({_real(x) for x in af.attackers(node) if label[x] == UNDEC} - {None}, key=str)
    return f"undecided: depends on {_names(facts, culprits)}, which {_is(culprits)} undecided"


def _is(items) -> str:
    return "is" if len(items) == 1 else "are"


def _real(x):
    return x[1] if isinstance(x, tuple) else x


def _undecided_cycle(af: Framework, label: dict, node: str) -> set:
    """Undecided arguments on an attack cycle through ``node`` (empty if none)."""
    undecided = {a for a, lab in label.items() if lab == UNDEC}
    reach_back = _reach(node, lambda a: af.attackers(a), undecided)
    attacked_by: dict = {}
    for x, y in af.attacks:
        attacked_by.setdefault(x, set()).add(y)
    reach_fwd = _reach(node, lambda a: attacked_by.get(a, ()), undecided)
    if node not in reach_back:
        return set()
    return reach_back & reach_fwd


def _reach(start, step, allowed: set) -> set:
    """Arguments reachable from ``start`` in one or more steps, staying in ``allowed``."""
    seen: set = set()
    todo = [start]
    while todo:
        for b in step(todo.pop()):
            if b in allowed and b not in seen:
                seen.add(b)
                todo.append(b)
    return seen
