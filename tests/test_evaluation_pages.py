"""Which claims stand, in the pages: status badges and linked explanations on the tree, the
statement page and the diagram; the semantics selector; the analysis page and its JSON twin."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from serving import fixture_app

from claims.building import build_memory
from claims.evaluation import analysis, evaluate
from claims.trees import walk
from tests.conftest import FIXTURES, ROOT

JSON = {"Accept": "application/json"}
ARTICLE = ROOT / "claims" / "maps" / "kim-jong-un-better-off.ttl"
SLUG = "kim-jong-un-better-off"
R = "https://w3id.org/argmap/id/reinstate/"

# Reinstatement, labelled by hand: the objection is attacked by an unattacked answer, so the
# answer is in, the objection out, and the claim (with its reason) in again.
REINSTATE = """@prefix am: <https://w3id.org/argmap/ns#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix : <https://w3id.org/argmap/id/reinstate/> .
<https://w3id.org/argmap/id/reinstate> a am:ImportedMap ; dcterms:title "Reinstatement" .
:claim a am:Statement ; am:text "Claim A holds." .
:reason a am:Statement ; am:text "Reason R for A." .
:objection a am:Statement ; am:text "Objection B against A." .
:answer a am:Statement ; am:text "Answer C against B." .
:inf a am:Inference ; am:premise :reason ; am:conclusion :claim .
:c1 a am:Rebuttal ; am:attacker :objection ; am:target :claim .
:c2 a am:Rebuttal ; am:attacker :answer ; am:target :objection .
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = Path(tmp_path_factory.mktemp("maps")) / "reinstate.ttl"
    path.write_text(REINSTATE, encoding="utf-8")
    return build_memory([path, FIXTURES / "maps" / "cycles.ttl", ARTICLE])


@pytest.fixture(scope="module")
def client(store):
    return fixture_app(store).test_client()


def nodes(tree_json: dict) -> dict[str, dict]:
    return {n["id"]: n for t in tree_json["trees"] for n in walk(t) if not n["ref"]}


def test_tree_json_has_status_and_explanation_naming_the_defeater(client):
    data = client.get("/map/reinstate", headers=JSON).json
    assert data["roots"] == "top conclusions" and [t["id"] for t in data["trees"]] == [R + "claim"]
    by_id = nodes(data)
    assert {i: n["status"] for i, n in by_id.items()} == {
        R + "claim": "in",
        R + "reason": "in",
        R + "objection": "out",
        R + "answer": "in",
    }
    objection = by_id[R + "objection"]
    assert objection["relation"] == "attack" and objection["defeated_by"] == [R + "answer"]
    assert objection["explanation"] == "out: attacked by “Answer C against B.”, which is in"
    assert by_id[R + "claim"]["explanation"].startswith("in: ")


def test_tree_html_marks_out_nodes_and_links_the_defeater(client):
    html = client.get("/map/reinstate").get_data(as_text=True)
    card = re.search(r'<div class="card status-out">(.*?)</div>\s*</div>', html, re.S)
    assert card, "an out-labelled card"
    body = card.group(1)
    assert '<span class="badge status status-out"' in body and ">out</span>" in body
    why = re.search(r'<p class="why">(.*?)</p>', body, re.S).group(1)
    assert unescape(re.sub(r"<[^>]+>", "", why)) == "out: attacked by “Answer C against B.”, which is in"
    assert '<a class="named" href="/id/reinstate/answer"' in why
    assert html.count('class="card status-in"') == 3
    legend = re.search(r'<span class="legend-status">(.*?)</span>\s*</p>', html, re.S).group(1)
    assert all(f"status-{s}" in legend for s in ("in", "out", "undecided"))


def test_tree_statuses_match_the_evaluation_under_each_semantics(client, store):
    for slug in ("reinstate", "cycles", SLUG):
        for semantics in ("grounded", "preferred", "stable"):
            query = "" if semantics == "grounded" else f"?semantics={semantics}"
            data = client.get(f"/map/{slug}{query}", headers=JSON).json
            assert data["semantics"] == semantics
            labels = evaluate(store, slug, semantics)
            shown = nodes(data) | {u["id"]: u for u in data["unplaced"]}
            assert shown, slug
            for iri, node in shown.items():
                assert (node["status"], node["explanation"]) == (
                    labels[iri].status,
                    labels[iri].explanation,
                ), (slug, semantics, iri)


def test_semantics_selector_is_plain_links_and_changes_the_labels(client):
    html = client.get("/map/cycles").get_data(as_text=True)
    nav = re.search(r'<nav class="semantics".*?</nav>', html, re.S).group(0)
    assert 'href="/map/cycles" aria-current="page">grounded' in nav
    assert 'href="/map/cycles?semantics=preferred"' in nav and 'href="/map/cycles?semantics=stable"' in nav
    grounded = nodes(client.get("/map/cycles", headers=JSON).json)
    preferred = nodes(client.get("/map/cycles?semantics=preferred", headers=JSON).json)
    site = "https://w3id.org/argmap/id/cycles/stable"
    # An even cycle: undecided in the grounded labelling, in one of the two preferred extensions.
    assert grounded[site]["explanation"].startswith("undecided: in an attack cycle with")
    assert (
        preferred[site]["explanation"] == "undecided: in 1 of 2 preferred extensions (credulously accepted)"
    )
    bad = client.get("/map/cycles?semantics=ideal")
    assert bad.status_code == 400 and "unknown semantics" in bad.get_data(as_text=True)


def test_statements_no_tree_reaches_are_listed_with_their_status(client):
    data = client.get("/map/cycles", headers=JSON).json
    odd = {"budget", "treasurer", "auditor", "liar"}
    assert {u["id"].rsplit("/", 1)[-1] for u in data["unplaced"]} == odd
    assert {u["status"] for u in data["unplaced"]} == {"undecided"}
    html = client.get("/map/cycles").get_data(as_text=True)
    assert "Not in any tree" in html and 'href="/id/cycles/liar"' in html


def test_statement_page_explains_and_gives_acceptance(client):
    d = client.get("/id/reinstate/objection", headers=JSON).json
    assert d["status"] == "out" and d["defeated_by"] == [R + "answer"]
    assert d["acceptance"]["preferred"] == {"credulous": False, "sceptical": False}
    claim = client.get("/id/reinstate/claim", headers=JSON).json
    assert claim["acceptance"] == {
        "preferred": {"credulous": True, "sceptical": True},
        "stable": {"credulous": True, "sceptical": True},
    }
    site = client.get("/id/cycles/stable", headers=JSON).json
    assert site["status"] == "undecided"
    assert site["acceptance"]["preferred"] == {"credulous": True, "sceptical": False}
    html = client.get("/id/reinstate/objection").get_data(as_text=True)
    standing = re.search(r'<section class="standing status-out">(.*?)</section>', html, re.S).group(1)
    assert '<a class="named" href="/id/reinstate/answer"' in standing
    assert 'Defeated by: <a href="/id/reinstate/answer">Answer C against B.</a>' in standing
    assert re.search(r"<td>preferred</td><td[^>]*>no</td><td[^>]*>no</td>", standing)


def test_inference_and_conflict_pages_show_their_status(client):
    d = client.get("/id/kim-jong-un-better-off/c-max-pressure-concession", headers=JSON).json
    assert d["kind"] == "Concession" and d["status"] == "out"
    assert d["defeated_by"] == ["https://w3id.org/argmap/id/kim-jong-un-better-off/trump-abandoned-pressure"]
    assert d["explanation"].startswith("out: answered by “Trump impulsively abandoned")
    i = client.get("/id/kim-jong-un-better-off/inf-abandoned-botched", headers=JSON).json
    assert i["kind"] == "Inference" and i["status"] == "in" and i["defeated_by"] == []
    assert i["explanation"].startswith("in: every premise is in")
    c = client.get("/id/reinstate/c2", headers=JSON).json
    assert c["status"] == "in" and c["explanation"].startswith("in: its attacker")


def test_diagram_marks_status(client):
    data = client.get("/map/reinstate/diagram", headers=JSON).json
    assert {n["id"]: n["status"] for n in data["nodes"]}[R + "objection"] == "out"
    svg = client.get("/map/reinstate/diagram.svg").get_data(as_text=True)
    box = re.search(r'<a href="/id/reinstate/objection" class="([^"]+)">(.*?)</a>', svg, re.S)
    assert "status-out" in box.group(1).split()
    assert "<text" in box.group(2) and 'class="status-label">out</text>' in box.group(2)
    assert "out: attacked by" in box.group(2)  # the SVG <title>, shown on hover
    html = client.get("/map/reinstate/diagram").get_data(as_text=True)
    assert 'class="legend-status"' in html


def test_analysis_json_equals_the_engine_findings(client, store):
    data = client.get(f"/map/{SLUG}/analysis", headers=JSON).json
    expected = analysis(store, SLUG)
    assert [f["name"] for f in data["findings"]] == list(expected)
    for f in data["findings"]:
        assert f["rows"] == expected[f["name"]], f["name"]
        assert (
            f["question"] and f["sparql"].count(f"VALUES ?map {{ <https://w3id.org/argmap/id/{SLUG}> }}") == 1
        )
    assert sum(len(f["rows"]) for f in data["findings"]) > 0


def test_analysis_html_rows_link_statements_and_queries_run(client, store):
    html = client.get(f"/map/{SLUG}/analysis").get_data(as_text=True)
    assert 'href="/map/kim-jong-un-better-off/analysis" aria-current="page">Analysis' in html
    expected = analysis(store, SLUG)
    sections = re.findall(r'<section class="finding" id="f-([^"]+)">(.*?)</section>', html, re.S)
    assert [name for name, _ in sections] == list(expected)
    for name, body in sections:
        rows = expected[name]
        assert '<details class="sparql"><summary>SPARQL</summary>' in body
        assert body.count("<tr>") == (len(rows) + 1 if rows else 0), name
        for row in rows:
            for value in row.values():
                if value.startswith(f"https://w3id.org/argmap/id/{SLUG}/"):
                    assert f'href="/id/{SLUG}/{value.rsplit("/", 1)[-1]}"' in body
        # "open in the query page" runs the finding, scoped to this map, with as many rows.
        link = unescape(re.search(r'<a class="open-query" href="([^"]+)"', body).group(1))
        sparql = parse_qs(urlsplit(link).query)["query"][0]
        ran = client.get("/query", query_string={"query": sparql}, headers=JSON)
        assert ran.status_code == 200 and len(ran.json["result"]["rows"]) == len(rows), name


def test_every_page_names_the_analysis_tab(client):
    for url in ("/map/reinstate", "/map/reinstate/article", "/map/reinstate/diagram", "/"):
        assert 'href="/map/reinstate/analysis"' in client.get(url).get_data(as_text=True), url
