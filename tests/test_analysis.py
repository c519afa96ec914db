"""Analysis findings on the fixture maps: each query file answers its question correctly."""

from __future__ import annotations

import importlib

import pytest
from conftest import FIXTURES

from claims.building import build_memory
from claims.evaluation import analysis, findings

MAPS = FIXTURES / "maps"
# the module, not the function ``claims.evaluation.analysis`` that shadows its name
analysis_module = importlib.import_module("claims.evaluation.analysis")


@pytest.fixture(scope="module")
def found():
    store = build_memory([MAPS / "pets.ttl", MAPS / "remote.ttl", MAPS / "cycles.ttl"])
    return {slug: analysis(store, slug) for slug in ("pets", "remote", "cycles")}


def local(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def column(rows, name) -> set:
    return {local(r[name]) for r in rows}


def test_every_query_file_says_what_it_answers():
    names = [f.name for f in findings()]
    assert names[:3] == ["unsupported-claims", "unanswered-objections", "unsupported-answers"]
    for f in findings():
        assert f.question.endswith("?"), f.path
        assert "?map" in f.sparql, f.path


def test_a_query_file_without_its_question_is_refused(tmp_path, monkeypatch):
    (tmp_path / "bad.rq").write_text("SELECT ?map WHERE {}\n", encoding="utf-8")
    monkeypatch.setattr(analysis_module, "QUERY_DIR", tmp_path)
    analysis_module.findings.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"bad\.rq:1: an analysis query must start with a '# ' line"):
            analysis_module.findings()
    finally:
        analysis_module.findings.cache_clear()


def test_claims_resting_on_no_evidence(found):
    assert column(found["remote"]["unsupported-claims"], "claim") == {
        "commute",
        "lose-staff",
        "collaboration",
        "office-days",
    }
    assert column(found["pets"]["unsupported-claims"], "claim") == {"no-walks", "independent"}


def test_objections_raised_but_never_answered(found):
    assert column(found["remote"]["unanswered-objections"], "conflict") == {"undercut-trial"}
    assert found["pets"]["unanswered-objections"] == []
    # the engineers' claim is answered only by a claim it answers back: still an answer
    assert found["cycles"]["unanswered-objections"] == []


def test_answers_that_are_themselves_unsupported(found):
    assert column(found["remote"]["unsupported-answers"], "answer") == {"office-days"}
    assert column(found["pets"]["unsupported-answers"], "answer") == {"independent"}


def test_counterclaims_and_which_the_author_leaves_standing(found):
    assert column(found["remote"]["counterclaims"], "counterclaim") == {"small-trial", "collaboration"}
    rows = found["remote"]["standing-counterclaims"]
    standing = {local(r["counterclaim"]): (r["status"], r["objection"]) for r in rows}
    assert standing == {"small-trial": ("in", "in"), "collaboration": ("in", "out")}
    assert found["pets"]["standing-counterclaims"] == []
    cycles = {local(r["counterclaim"]): r["status"] for r in found["cycles"]["standing-counterclaims"]}
    assert cycles == {"unstable": "undecided"}


def test_reasons_that_would_fall_if_a_counterclaim_stood(found):
    def pairs(slug):
        return {(local(r["counterclaim"]), local(r["reason"])) for r in found[slug]["reasons-at-risk"]}

    assert pairs("pets") == {("aloof", "thesis")}
    assert pairs("remote") == {("collaboration", "thesis")}
    assert pairs("cycles") == {("unstable", "stable")}


def test_evidence_reported_speech_predictions_and_claim_kinds(found):
    remote = found["remote"]
    assert [(r["kind"], r["count"]) for r in remote["evidence-by-kind"]] == [("statistic", "1")]
    assert [(r["speaker"], r["count"]) for r in remote["reported-speech"]] == [("critics (unnamed)", "1")]
    assert [(local(r["prediction"]), r["quote"]) for r in remote["predictions"]] == [
        ("lose-staff", "Firms that refuse remote work will lose their best people")
    ]
    kinds = {r["kind"]: int(r["count"]) for r in remote["claim-kinds"]}
    assert kinds == {
        "evaluative statement": 2,
        "factual statement": 2,
        "normative or policy statement": 1,
        "predictive statement": 1,
        "causal statement": 1,
    }
    speakers = {r["speaker"]: int(r["count"]) for r in found["cycles"]["reported-speech"]}
    assert speakers == {
        "engineers": 1,
        "geologists": 1,
        "the mayor": 1,
        "the treasurer": 1,
        "the auditor": 1,
        "a commentator": 1,
    }


def test_schemes_with_their_critical_questions_and_which_are_answered(found):
    rows = found["remote"]["schemes"]
    assert len(rows) == 9  # three questions for each of three inferences
    answered = {(local(r["inference"]), r["question"]) for r in rows if r["answered"] == "true"}
    question = "What evidence supports the claim that these consequences will follow?"
    assert answered == {("inf-commute", question)}
    assert {r["scheme"] for r in rows} == {"argument from example", "argument from consequences"}


def test_defeated_claims_with_what_defeats_them(found):
    rows = found["pets"]["defeated"]
    assert [(local(r["claim"]), local(r["defeater"])) for r in rows] == [("aloof", "independent")]
