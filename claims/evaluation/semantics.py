"""Dung's abstract argumentation semantics, by labellings (Caminada's in / out / undecided).

A framework is a set of arguments (any hashable names) and an attack relation. A
labelling gives every argument one of ``IN``, ``OUT``, ``UNDEC``; it is *complete* when

* an argument is ``in`` iff every attacker is ``out`` (so unattacked arguments are in),
* an argument is ``out`` iff some attacker is ``in``,
* otherwise it is ``undec``.

Complete extensions are the ``in`` sets of complete labellings; the grounded one is the
least (computed by fixpoint), preferred ones are those with a maximal ``in`` set, stable
ones those with no ``undec`` at all. Complete labellings are enumerated by backtracking
over the arguments the grounded labelling leaves undecided (every complete labelling
extends the grounded one), so maps without cycles cost one linear pass.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

IN, OUT, UNDEC = "in", "out", "undecided"
LABELS = (IN, OUT, UNDEC)

Arg = Hashable
Labelling = dict  # Arg -> one of LABELS


@dataclass(frozen=True)
class Framework:
    """An abstract argumentation framework ``(arguments, attacks)``."""

    arguments: frozenset
    attacks: frozenset  # of (attacker, attacked)
    _attackers: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self):
        missing = {a for pair in self.attacks for a in pair} - self.arguments
        if missing:
            raise ValueError(f"attacks name arguments not in the framework: {sorted(map(str, missing))}")
        attackers: dict = {a: set() for a in self.arguments}
        for x, y in self.attacks:
            attackers[y].add(x)
        self._attackers.update({a: frozenset(s) for a, s in attackers.items()})

    @classmethod
    def of(cls, arguments: Iterable[Arg], attacks: Iterable[tuple[Arg, Arg]]) -> Framework:
        attacks = frozenset(attacks)
        return cls(frozenset(arguments) | {a for pair in attacks for a in pair}, attacks)

    def attackers(self, a: Arg) -> frozenset:
        return self._attackers[a]


def grounded(af: Framework) -> Labelling:
    """The grounded labelling: the least fixpoint of 'in if all attackers out, out if one is in'.

    Computed with a worklist in time linear in arguments + attacks: an argument goes in
    when its last attacker goes out, out when its first attacker goes in.
    """
    attacked: dict = {a: [] for a in af.arguments}
    for x, y in af.attacks:
        attacked[x].append(y)
    alive = {a: len(af.attackers(a)) for a in af.arguments}  # attackers not yet out
    label: dict = {}
    ready = [a for a, n in alive.items() if n == 0]
    while ready:
        a = ready.pop()
        if a in label:
            continue
        label[a] = IN
        for b in attacked[a]:
            if b in label:
                continue
            label[b] = OUT
            for c in attacked[b]:
                alive[c] -= 1
                if alive[c] == 0 and c not in label:
                    ready.append(c)
    label.update({a: UNDEC for a in af.arguments if a not in label})
    return label


def complete_labellings(af: Framework) -> list[Labelling]:
    """Every complete labelling of ``af``."""
    base = grounded(af)
    open_args = sorted((a for a, lab in base.items() if lab == UNDEC), key=str)
    found: list[Labelling] = []
    _search(af, dict(base), open_args, 0, found)
    return found


def _search(af: Framework, label: dict, open_args: list, i: int, found: list) -> None:
    if i == len(open_args):
        if all(_legal(af, label, a) for a in open_args):
            found.append(dict(label))
        return
    a = open_args[i]
    for choice in LABELS:
        label[a] = choice
        touched = [a, *(b for b in open_args[:i] if a in af.attackers(b))]
        if all(_consistent(af, label, open_args, i, b) for b in touched):
            _search(af, label, open_args, i + 1, found)
    label[a] = UNDEC


def _legal(af: Framework, label: dict, a: Arg) -> bool:
    atts = [label[b] for b in af.attackers(a)]
    if all(x == OUT for x in atts):
        return label[a] == IN
    if any(x == IN for x in atts):
        return label[a] == OUT
    return label[a] == UNDEC


def _consistent(af: Framework, label: dict, open_args: list, i: int, a: Arg) -> bool:
    """Whether ``a``'s label can still be legal once the unassigned arguments get labels."""
    unassigned = set(open_args[i + 1 :])
    known = [label[b] for b in af.attackers(a) if b not in unassigned]
    unknown = any(b in unassigned for b in af.attackers(a))
    if label[a] == IN:
        return all(x == OUT for x in known)
    if label[a] == OUT:
        return unknown or any(x == IN for x in known)
    return not any(x == IN for x in known) and (unknown or any(x == UNDEC for x in known))


def extension(labelling: Labelling) -> frozenset:
    """The ``in`` set of a labelling."""
    return frozenset(a for a, lab in labelling.items() if lab == IN)


def complete_extensions(af: Framework) -> set[frozenset]:
    return {extension(lab) for lab in complete_labellings(af)}


def preferred_labellings(af: Framework) -> list[Labelling]:
    """Complete labellings whose ``in`` set is maximal."""
    labs = complete_labellings(af)
    exts = [extension(lab) for lab in labs]
    return [lab for lab, e in zip(labs, exts, strict=True) if not any(e < other for other in exts)]


def stable_labellings(af: Framework) -> list[Labelling]:
    """Complete labellings without ``undecided`` arguments (there may be none)."""
    return [lab for lab in complete_labellings(af) if UNDEC not in lab.values()]


def preferred_extensions(af: Framework) -> set[frozenset]:
    return {extension(lab) for lab in preferred_labellings(af)}


def stable_extensions(af: Framework) -> set[frozenset]:
    return {extension(lab) for lab in stable_labellings(af)}


def credulous(extensions: Iterable[frozenset]) -> frozenset:
    """Arguments in at least one extension."""
    return frozenset().union(*extensions)


def sceptical(extensions: Iterable[frozenset]) -> frozenset:
    """Arguments in every extension; nothing when there is no extension at all."""
    exts = list(extensions)
    return frozenset.intersection(*exts) if exts else frozenset()


def justification(labellings: list[Labelling], arguments: Iterable[Arg]) -> Labelling:
    """One status per argument from several labellings: in (out) when in (out) in all, else undecided."""
    result = {}
    for a in arguments:
        seen = {lab[a] for lab in labellings}
        result[a] = next(iter(seen)) if len(seen) == 1 else UNDEC
    return result


SEMANTICS = {
    "grounded": lambda af: [grounded(af)],
    "preferred": preferred_labellings,
    "stable": stable_labellings,
}
