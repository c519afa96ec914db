"""Labels of whole maps: the map-to-framework mapping, fixture maps, and labels queried in SPARQL."""

from __future__ import annotations

import pytest
from conftest import FIXTURES

from claims.building import build_memory
from claims.evaluation import evaluate
from claims.evaluation.framework import MapFacts
from claims.evaluation.labels import label_facts
from claims.querying import select_rows
from ontology.vocab import labels_graph

MAPS = FIXTURES / "maps"


@pytest.fixture(scope="module")
def store():
    return build_memory([MAPS / "pets.ttl", MAPS / "remote.ttl", MAPS / "cycles.ttl"])


def node(slug: str, local: str) -> str:
    return f"https://w3id.org/argmap/id/{slug}/{local}"


def statuses(labels: dict) -> dict:
    return {iri.rsplit("/", 1)[-1]: lab.status for iri, lab in labels.items()}


def facts(statements, inferences=(), conflicts=(), evidence=()):
    """A map written as: statements, (name, premises, conclusion), (name, attacker, target, type)."""
    kinds = {s: "statement" for s in statements}
    kinds |= {i: "inference" for i, _, _ in inferences} | {c: "conflict" for c, *_ in conflicts}
    return MapFacts(
        kinds=kinds,
        texts={s: s.upper() for s in statements},
        evidence=frozenset(evidence),
        premises={i: tuple(ps) for i, ps, _ in inferences},
        conclusions={i: c for i, _, c in inferences},
        conflicts={c: (a, t) for c, a, t, _ in conflicts},
        conflict_types={c: k for c, _, _, k in conflicts},
    )


def grounded(f: MapFacts) -> dict:
    return {n: lab.status for n, lab in label_facts(f).items()}


def test_linked_premises_fail_together_and_the_conclusion_loses_its_only_support():
    f = facts(["p", "q", "r", "s"], [("i", ["p", "q"], "s")], [("c", "r", "q", "Undermining")])
    labels = label_facts(f)
    assert grounded(f) == {"p": "in", "q": "out", "r": "in", "s": "out", "i": "out", "c": "in"}
    assert labels["i"].explanation == "out: premise “Q” is out"
    assert labels["i"].lost_support == ("q",)
    assert labels["s"].explanation.startswith("out: no supporting inference is in")
    assert labels["q"].defeated_by == ("r",)


def test_convergent_reasons_are_alternatives():
    f = facts(["p", "q", "r", "s"], [("i", ["p"], "s"), ("j", ["q"], "s")], [("c", "r", "i", "Undercut")])
    assert grounded(f) == {"p": "in", "q": "in", "r": "in", "s": "in", "i": "out", "j": "in", "c": "in"}
    assert label_facts(f)["i"].explanation == "out: undercut by “R”, which is in"


def test_evidence_stands_on_its_own_when_its_support_fails():
    f = facts(["p", "e", "r"], [("i", ["p"], "e")], [("c", "r", "p", "Rebuttal")], evidence=["e"])
    assert grounded(f)["i"] == "out"
    assert grounded(f)["e"] == "in"


def test_rebutting_a_conclusion_defeats_the_inferences_drawing_it():
    f = facts(["p", "s", "r"], [("i", ["p"], "s")], [("c", "r", "s", "Rebuttal")])
    labels = label_facts(f)
    assert labels["s"].status == labels["i"].status == "out"
    assert labels["i"].explanation == "out: its conclusion “S” is attacked by “R”, which is in"


def test_an_undercut_answered_reinstates_the_inference():
    f = facts(
        ["p", "s", "u", "v"],
        [("i", ["p"], "s")],
        [("c", "u", "i", "Undercut"), ("d", "v", "c", "Undercut")],
    )
    assert grounded(f) == {"p": "in", "s": "in", "u": "in", "v": "in", "i": "in", "c": "out", "d": "in"}


def test_mutual_rebuttal_keeps_its_parity():
    f = facts(["a", "b"], conflicts=[("ab", "a", "b", "Rebuttal"), ("ba", "b", "a", "Rebuttal")])
    assert set(grounded(f).values()) == {"undecided"}
    preferred = label_facts(f, "preferred")
    assert preferred["a"].explanation == "undecided: in 1 of 2 preferred extensions (credulously accepted)"


def test_pets_map_labels(store):
    labels = evaluate(store, "pets")
    assert statuses(labels) == {
        "thesis": "in",
        "no-walks": "in",
        "less-work": "in",
        "survey": "in",
        "aloof": "out",
        "independent": "in",
        "inf-walks": "in",
        "inf-survey": "in",
        "con-aloof": "out",
        "con-independent": "in",
    }
    aloof = labels[node("pets", "aloof")]
    assert aloof.explanation == "out: attacked by “So-called aloof cats are merely independent.”, which is in"
    assert labels[node("pets", "independent")].explanation == "in: unattacked"
    assert "every attacker is out (“Cats are aloof.”)" in labels[node("pets", "thesis")].explanation


def test_undercut_and_answered_concession(store):
    labels = evaluate(store, "remote")
    got = statuses(labels)
    assert got["inf-trial"] == "out"
    assert got["thesis"] == "in"  # still carried by the commuting and staff reasons
    assert got["collaboration"] == "in"  # granted
    assert got["concede-collaboration"] == "out"  # but answered
    assert labels[node("remote", "concede-collaboration")].explanation == (
        "out: answered by “Scheduled office days restore collaboration.”, which is in"
    )
    assert labels[node("remote", "inf-trial")].defeated_by == (node("remote", "small-trial"),)
    assert "the concession by “Collaboration suffers at a distance.”, answered" in (
        labels[node("remote", "thesis")].explanation
    )


def test_cycles_are_undecided_and_explained(store):
    labels = evaluate(store, "cycles")
    got = statuses(labels)
    for local in ("stable", "unstable", "inf-stable", "budget", "treasurer", "auditor", "liar"):
        assert got[local] == "undecided", local
    assert got["thesis"] == "in"
    assert labels[node("cycles", "liar")].explanation == "undecided: it attacks itself"
    stable = labels[node("cycles", "stable")]
    assert stable.explanation == "undecided: in an attack cycle with “The site is not stable.”"
    assert labels[node("cycles", "budget")].explanation == (
        "undecided: in an attack cycle with “The treasurer is wrong.”, “The mayor is wrong about the budget.”"
    )
    assert labels[node("cycles", "inf-stable")].explanation == (
        "undecided: depends on “The site is stable.”, which is undecided"
    )


def test_cycles_under_preferred_and_stable(store):
    preferred = evaluate(store, "cycles", "preferred")
    assert preferred[node("cycles", "thesis")].explanation == "in: in every preferred extension (2)"
    assert preferred[node("cycles", "stable")].status == "undecided"
    assert preferred[node("cycles", "liar")].explanation.startswith("undecided: in no preferred extension")
    stable = evaluate(store, "cycles", "stable")  # the odd cycle and the self-attack leave none
    assert {lab.explanation for lab in stable.values()} == {"undecided: there is no stable extension"}


def test_every_node_has_one_status_and_explanation_in_its_labels_graph(store):
    for slug, count in (("pets", 10), ("remote", 14), ("cycles", 16)):
        rows = select_rows(
            store,
            f"SELECT ?n ?s ?e WHERE {{ GRAPH <{labels_graph(slug)}> "
            "{ ?n am:status ?s ; am:statusExplanation ?e } }",
        )
        assert len(rows) == count == len({r["n"] for r in rows}), slug


def test_which_claims_are_out_and_what_defeats_them(store):
    rows = select_rows(
        store,
        "SELECT ?claim ?defeater WHERE { ?claim am:status am:Out ; am:defeatedBy ?defeater }",
    )
    assert {(r["claim"].value, r["defeater"].value) for r in rows} == {
        (node("pets", "aloof"), node("pets", "independent")),
        (node("remote", "inf-trial"), node("remote", "small-trial")),
        (node("remote", "concede-collaboration"), node("remote", "office-days")),
    }


def test_credulous_and_sceptical_acceptance_in_the_store(store):
    def accepted(prop, semantics):
        rows = select_rows(store, f"SELECT ?n WHERE {{ ?n am:inMap ?m ; am:{prop} am:{semantics} }}")
        return {r["n"].value for r in rows}

    credulous, sceptical = (
        accepted("acceptedCredulously", "PreferredSemantics"),
        accepted("acceptedSceptically", "PreferredSemantics"),
    )
    assert node("cycles", "stable") in credulous - sceptical
    assert node("cycles", "unstable") in credulous - sceptical
    assert node("cycles", "thesis") in sceptical
    assert node("cycles", "liar") not in credulous
    assert not {n for n in accepted("acceptedCredulously", "StableSemantics") if "/cycles/" in n}
    assert node("pets", "thesis") in accepted("acceptedSceptically", "StableSemantics")


def test_what_if_a_counterclaim_stood(store):
    rows = select_rows(store, "SELECT ?n ?c WHERE { ?n a am:Statement ; am:fallsIf ?c }")
    pairs = {(r["n"].value.split("/")[-2:][1], r["c"].value.rsplit("/", 1)[-1]) for r in rows}
    assert pairs == {("thesis", "aloof"), ("thesis", "collaboration"), ("stable", "unstable")}


def test_unknown_semantics_is_refused(store):
    with pytest.raises(ValueError, match="unknown semantics 'ideal'"):
        evaluate(store, "pets", "ideal")
