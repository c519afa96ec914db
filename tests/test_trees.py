"""Claim trees from the store: structure, relations, DAG and cycle references, statuses."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from serving import CARFREE, fixture_store

from claims.trees import claim_tree, claim_trees, walk
from ontology.vocab import AM, labels_graph

KEYS = {"id", "text", "kind", "relation", "quote", "speaker", "status", "children"}


@pytest.fixture(scope="module")
def store():
    return fixture_store()


@pytest.fixture(scope="module")
def tree(store):
    return claim_tree(store, CARFREE + "thesis")


def find(tree, local, full=True):
    return [n for n in walk(tree) if n["id"] == CARFREE + local and n["ref"] is not full]


def depth(node):
    return 1 + max((depth(c) for c in node["children"]), default=0)


def test_every_node_has_the_documented_keys(tree):
    for node in walk(tree):
        assert node.keys() >= KEYS, node["id"]
    assert tree["relation"] is None and tree["kind"] == "Thesis"
    assert tree["text"] == "City centres should be closed to private cars."


def test_tree_is_deep_and_ordered_as_the_text(tree):
    assert depth(tree) >= 4
    first = [c["id"].rsplit("/", 1)[1] for c in tree["children"]]
    assert first == ["inf-pollution", "health", "shops", "deliveries"]


def test_linked_premises_are_grouped_under_one_inference(tree):
    [inf] = find(tree, "inf-pollution")
    assert inf["kind"] == "Inference" and inf["relation"] == "support" and inf["linked"]
    assert {c["id"].rsplit("/", 1)[1] for c in inf["children"]} == {"pollution", "worth-banning"}
    assert {c["relation"] for c in inf["children"]} == {"premise"}
    [pollution] = find(tree, "pollution")
    [evidence] = pollution["children"]
    assert evidence["kind"] == "Statistic" and evidence["relation"] == "support"
    assert evidence["quote"] == "traffic causes 60 percent of the nitrogen dioxide measured there"


def test_undercut_sits_on_the_inference_it_attacks(tree):
    [inf] = find(tree, "inf-oslo")
    assert inf["relation"] == "support" and not inf["linked"]
    relations = {c["id"].rsplit("/", 1)[1]: c["relation"] for c in inf["children"]}
    assert relations == {"oslo": "premise", "oslo-small": "undercut"}


def test_concession_differs_from_attack_and_carries_its_answer(tree):
    [granted] = find(tree, "deliveries")
    assert granted["relation"] == "concession" and granted["conflict_kind"] == "Concession"
    [answer] = granted["children"]
    assert answer["id"] == CARFREE + "windows" and answer["relation"] == "undercut"
    [malls] = find(tree, "malls")
    assert malls["relation"] == "attack" and malls["conflict_kind"] == "Rebuttal"


def test_reported_speech_names_its_speaker(tree):
    [malls] = find(tree, "malls")
    assert "ReportedSpeech" in malls["kinds"]
    assert malls["speaker"] == "the shopkeepers' association"


def test_nodes_reached_twice_are_shown_once_then_referenced(tree):
    # DAG: the statistic supports two claims.
    assert len(find(tree, "no2")) == 1
    [again] = find(tree, "no2", full=False)
    assert again["children"] == [] and again["text"]
    # Cycle: shops and the shopkeepers' claim attack each other.
    assert len(find(tree, "shops")) == 1
    [back] = find(tree, "shops", full=False)
    assert back["relation"] == "attack" and back["children"] == []
    full_ids = [n["id"] for n in walk(tree) if not n["ref"]]
    assert len(full_ids) == len(set(full_ids))


def test_status_is_read_from_the_labels_graph_and_null_without_it(store):
    g = ox.NamedNode(str(labels_graph("carfree")))
    statuses = {n["status"] for n in walk(claim_tree(store, CARFREE + "thesis"))}
    assert statuses <= {"in", "out", "undecided"} and "in" in statuses
    unlabelled = ox.Store()
    unlabelled.extend(q for q in store if q.graph_name != g)
    assert all(n["status"] is None for n in walk(claim_tree(unlabelled, CARFREE + "thesis")))
    unlabelled.add(
        ox.Quad(ox.NamedNode(CARFREE + "malls"), ox.NamedNode(str(AM.status)), ox.NamedNode(str(AM.Out)), g)
    )
    [malls] = find(claim_tree(unlabelled, CARFREE + "thesis"), "malls")
    assert malls["status"] == "out"


def test_one_tree_per_thesis_and_unknown_roots_fail(store):
    assert [t["id"] for t in claim_trees(store, "pets")] == ["https://w3id.org/argmap/id/pets/thesis"]
    assert claim_trees(store, "nothing") == []
    with pytest.raises(KeyError):
        claim_tree(store, CARFREE + "inf-oslo")
