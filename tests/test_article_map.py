"""The map of the Kim Jong Un op-ed: well formed, faithfully anchored, complete."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, URIRef

from claims.anchoring import quote_records
from claims.checking import check_map
from claims.loading import load_map
from ontology.vocab import AM, DCTERMS

ROOT = Path(__file__).resolve().parent.parent
MAP = ROOT / "claims" / "maps" / "kim-jong-un-better-off.ttl"
SOURCE = ROOT / "claims" / "sources" / "kim-jong-un-better-off.txt"
MAP_IRI = URIRef("https://w3id.org/argmap/id/kim-jong-un-better-off")
NODES = "https://w3id.org/argmap/id/kim-jong-un-better-off/"

#: Text on the page that is not the author's argument, and must be quoted by no statement.
LEFT_OUT = [
    "The Washington PostDemocracy Dies in Darkness",
    "You won’t need this commemorative summit coin now. (Yuri Gripas/Bloomberg News)",
    "The Post's Adam Taylor explains what led up to President Trump's May 24 letter",
    "(Video: Joyce Lee, Adam Taylor/The Washington Post)",
    "Kim Jong Un is the real artist of the deal",
    "Trump thinks his North Korea strategy will work on Iran. He’s wrong on both.",
    "Read more:",
    "This is how nuclear war with North Korea would unfold",
    "Why Kim Jong Un wouldn’t be irrational to use a nuclear bomb first",
    "How President Trump could tweet his way into nuclear war with North Korea",
]


@pytest.fixture(scope="module")
def loaded():
    return load_map(MAP)


@pytest.fixture(scope="module")
def source_text() -> str:
    return SOURCE.read_text(encoding="utf-8")


def node(name: str) -> URIRef:
    return URIRef(NODES + name)


def statements(g):
    kinds = [
        AM.Statement,
        AM.Thesis,
        AM.FactualStatement,
        AM.CausalStatement,
        AM.PredictiveStatement,
        AM.EvaluativeStatement,
        AM.NormativeStatement,
        AM.ImplicitStatement,
        AM.ReportedSpeech,
        AM.RetractedStatement,
        AM.Evidence,
        AM.EventReport,
        AM.Statistic,
        AM.Quotation,
        AM.Example,
    ]
    return {s for k in kinds for s in g.subjects(RDF.type, k)}


def test_map_has_no_problems(loaded):
    assert check_map(loaded) == []


def test_every_quote_is_exact(loaded, source_text):
    records = quote_records(loaded.graph)
    assert len(records) >= 80
    for r in records:
        assert source_text[r.start : r.end] == r.exact, r.statement
        assert source_text[: r.start].endswith(r.prefix)
        assert source_text[r.end :].startswith(r.suffix)


def test_every_stated_statement_is_anchored_and_attributed(loaded):
    g = loaded.graph
    anchored = {r.statement for r in quote_records(g)}
    for s in statements(g):
        assert g.value(s, AM.text), s
        if (s, RDF.type, AM.ImplicitStatement) in g:
            assert s not in anchored and g.value(s, AM.note), s
            continue
        assert s in anchored, s
        assert g.value(s, AM.assertedBy) is not None, s


def test_theses_are_title_and_subtitle(loaded):
    g = loaded.graph
    theses = set(g.subjects(AM.thesisOf, MAP_IRI))
    assert theses == {node("thesis-kim-better-off"), node("thesis-us-botched")}
    quotes = {r.statement: r.exact for r in quote_records(g)}
    assert (
        quotes[node("thesis-kim-better-off")]
        == "Kim Jong Un is better off now than he was before Trump agreed to a summit"
    )
    assert quotes[node("thesis-us-botched")] == "How the United States botched its North Korea strategy."
    for t in theses:
        assert (t, RDF.type, AM.Thesis) in g


def test_source_is_dated_and_unattributed(loaded):
    g = loaded.graph
    src = g.value(MAP_IRI, AM.source)
    assert (
        str(g.value(src, DCTERMS.title))
        == "Kim Jong Un is better off now than he was before Trump agreed to a summit"
    )
    assert str(g.value(src, AM.outlet)) == "The Washington Post"
    assert str(g.value(src, AM.publishedEarliest)) == "2018-05-24"
    assert str(g.value(src, AM.publishedLatest)) == "2018-05-25"
    assert g.value(src, AM.note) is not None
    assert g.value(src, DCTERMS.creator) is None
    assert (node("author"), RDF.type, AM.Author) in g


def test_correction_is_modelled(loaded):
    g = loaded.graph
    retracted = node("retracted-grandfather-met-albright")
    assert (retracted, RDF.type, AM.RetractedStatement) in g
    assert "grandfather" in str(g.value(retracted, AM.text))
    correctors = set(g.subjects(AM.corrects, retracted))
    assert node("r-father-met-albright") in correctors
    assert "father" in str(g.value(node("r-father-met-albright"), AM.text))


@pytest.mark.parametrize("left_out", LEFT_OUT)
def test_left_out_text_is_quoted_by_no_statement(loaded, source_text, left_out):
    start = source_text.index(left_out)
    end = start + len(left_out)
    for r in quote_records(loaded.graph):
        assert r.end <= start or r.start >= end, (r.statement, left_out)


def test_size_and_shape(loaded):
    g = loaded.graph
    assert len(statements(g)) >= 50
    inferences = set(g.subjects(RDF.type, AM.Inference))
    assert len(inferences) >= 30
    conflicts = {
        c for k in (AM.Rebuttal, AM.Undermining, AM.Undercut, AM.Concession) for c in g.subjects(RDF.type, k)
    }
    assert len(conflicts) >= 8
    # every concession is answered by an undercut aimed at it
    for c in g.subjects(RDF.type, AM.Concession):
        answers = set(g.subjects(AM.target, c))
        assert answers and all((a, RDF.type, AM.Undercut) in g for a in answers), c
    # implicit statements are few
    assert len(set(g.subjects(RDF.type, AM.ImplicitStatement))) <= 6


def test_reported_speech_is_not_the_authors(loaded):
    g = loaded.graph
    for s in g.subjects(RDF.type, AM.ReportedSpeech):
        assert g.value(s, AM.assertedBy) != node("author"), s
