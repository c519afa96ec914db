"""Abstract argumentation semantics: textbook frameworks, and agreement with the py_arg solver."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from py_arg.abstract_argumentation_classes.abstract_argumentation_framework import (
    AbstractArgumentationFramework,
)
from py_arg.abstract_argumentation_classes.argument import Argument
from py_arg.abstract_argumentation_classes.defeat import Defeat
from py_arg.algorithms.semantics.get_complete_extensions import get_complete_extensions
from py_arg.algorithms.semantics.get_grounded_extension import get_grounded_extension
from py_arg.algorithms.semantics.get_preferred_extensions import get_preferred_extensions
from py_arg.algorithms.semantics.get_stable_extensions import get_stable_extensions

from claims.evaluation import semantics as sem
from claims.evaluation.semantics import IN, OUT, UNDEC, Framework


def fs(*sets: str) -> set[frozenset]:
    """Extensions written as strings of one-letter argument names: fs("ac", "b")."""
    return {frozenset(s) for s in sets}


# name: (arguments, attacks, grounded labelling, preferred extensions, stable extensions)
# Every expectation is written out by hand from the definitions (Dung 1995; Caminada 2006).
CLASSICS = {
    "unattacked": ("a", [], {"a": IN}, fs("a"), fs("a")),
    "single attack": ("ab", ["ab"], {"a": IN, "b": OUT}, fs("a"), fs("a")),
    "reinstatement": ("abc", ["ab", "bc"], {"a": IN, "b": OUT, "c": IN}, fs("ac"), fs("ac")),
    "even cycle": ("ab", ["ab", "ba"], {"a": UNDEC, "b": UNDEC}, fs("a", "b"), fs("a", "b")),
    "odd cycle": ("abc", ["ab", "bc", "ca"], {"a": UNDEC, "b": UNDEC, "c": UNDEC}, fs(""), set()),
    "self-attack": ("a", ["aa"], {"a": UNDEC}, fs(""), set()),
    "self-attack beside an unattacked argument": ("ab", ["aa"], {"a": UNDEC, "b": IN}, fs("b"), set()),
    "self-attacker attacks another": ("ab", ["aa", "ab"], {"a": UNDEC, "b": UNDEC}, fs(""), set()),
    "floating acceptance": (
        "abcd",
        ["ab", "ba", "ac", "bc", "cd"],
        {"a": UNDEC, "b": UNDEC, "c": UNDEC, "d": UNDEC},
        fs("ad", "bd"),
        fs("ad", "bd"),
    ),
    "even cycle with a tail": (
        "abc",
        ["ab", "ba", "bc"],
        {"a": UNDEC, "b": UNDEC, "c": UNDEC},
        fs("ac", "b"),
        fs("ac", "b"),
    ),
    "odd cycle broken from outside": (
        "abcd",
        ["da", "ab", "bc", "ca"],
        {"d": IN, "a": OUT, "b": IN, "c": OUT},
        fs("bd"),
        fs("bd"),
    ),
    "odd cycle attacking outwards": (
        "abcd",
        ["ab", "bc", "ca", "cd"],
        {"a": UNDEC, "b": UNDEC, "c": UNDEC, "d": UNDEC},
        fs(""),
        set(),
    ),
}


def framework(args: str, attacks: list[str]) -> Framework:
    return Framework.of(args, [(x[0], x[1]) for x in attacks])


def reference(af: Framework) -> AbstractArgumentationFramework:
    arguments = {a: Argument(str(a)) for a in af.arguments}
    defeats = [Defeat(arguments[x], arguments[y]) for x, y in sorted(af.attacks)]
    return AbstractArgumentationFramework("af", list(arguments.values()), defeats)


def names(extensions) -> set[frozenset]:
    return {frozenset(a.name for a in e) for e in extensions}


def labelling_of(af: Framework, extension: frozenset) -> dict:
    """The labelling an extension induces: in, out if attacked by it, else undecided."""
    return {a: IN if a in extension else OUT if af.attackers(a) & extension else UNDEC for a in af.arguments}


@pytest.mark.parametrize("name", CLASSICS)
def test_classic_grounded_labelling(name):
    args, attacks, grounded, _, _ = CLASSICS[name]
    assert sem.grounded(framework(args, attacks)) == grounded


@pytest.mark.parametrize("name", CLASSICS)
def test_classic_preferred_and_stable_extensions(name):
    args, attacks, _, preferred, stable = CLASSICS[name]
    af = framework(args, attacks)
    assert sem.preferred_extensions(af) == preferred
    assert sem.stable_extensions(af) == stable


def test_floating_acceptance_is_sceptical_under_preferred_but_not_grounded():
    args, attacks, *_ = CLASSICS["floating acceptance"]
    af = framework(args, attacks)
    prefs = sem.preferred_extensions(af)
    assert sem.sceptical(prefs) == {"d"}
    assert sem.credulous(prefs) == {"a", "b", "d"}
    assert sem.grounded(af)["d"] == UNDEC
    assert sem.justification(sem.preferred_labellings(af), af.arguments) == {
        "a": UNDEC,
        "b": UNDEC,
        "c": OUT,
        "d": IN,
    }


def test_no_stable_extension_means_nothing_accepted_sceptically():
    args, attacks, *_ = CLASSICS["odd cycle"]
    assert sem.sceptical(sem.stable_extensions(framework(args, attacks))) == frozenset()


def test_attacks_on_unknown_arguments_are_refused():
    with pytest.raises(ValueError, match="not in the framework"):
        Framework(frozenset("a"), frozenset({("a", "z")}))


def check_against_reference(af: Framework) -> None:
    ref = reference(af)
    grounded = frozenset(a.name for a in get_grounded_extension(ref))
    assert sem.extension(sem.grounded(af)) == grounded
    assert sem.grounded(af) == labelling_of(af, grounded)
    assert sem.complete_extensions(af) == names(get_complete_extensions(ref))
    assert sem.preferred_extensions(af) == names(get_preferred_extensions(ref))
    assert sem.stable_extensions(af) == names(get_stable_extensions(ref))
    for lab in sem.complete_labellings(af):
        assert lab == labelling_of(af, sem.extension(lab))


@pytest.mark.parametrize("name", CLASSICS)
def test_classics_agree_with_py_arg(name):
    args, attacks, *_ = CLASSICS[name]
    check_against_reference(framework(args, attacks))


@st.composite
def frameworks(draw):
    n = draw(st.integers(1, 7))
    args = "abcdefg"[:n]
    pairs = [(x, y) for x in args for y in args]
    attacks = draw(st.sets(st.sampled_from(pairs), max_size=min(len(pairs), 14)))
    return Framework.of(args, attacks)


@settings(max_examples=300, deadline=None)
@given(frameworks())
def test_random_frameworks_agree_with_py_arg(af):
    check_against_reference(af)
