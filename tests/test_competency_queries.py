"""The competency queries, run on the map of the Kim Jong Un op-ed.

The expected answers below were worked out by reading the article against the
map, not by running the queries.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox
import pytest

from claims.building import build_memory

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "claims" / "queries"
MAP = ROOT / "claims" / "maps" / "kim-jong-un-better-off.ttl"
SLUG = "kim-jong-un-better-off"
NODES = "https://w3id.org/argmap/id/kim-jong-un-better-off/"
AIF = "http://www.arg.dundee.ac.uk/aif#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

#: Every query file, and the test that exercises it.
EXERCISED = {
    "direct-support.rq",
    "transitive-support.rq",
    "counterclaims.rq",
    "unsupported-claims.rq",
    "reported-speech.rq",
    "predictions.rq",
    "aif-view.rq",
    "unanswered-objections.rq",
}

# ---- expected answers -------------------------------------------------------

DIRECT_KIM = {
    "nk-better-off",
    "legitimacy-and-grip",
    "kim-ended-max-pressure",
    "nk-advanced-wedge",
    "kim-treated-nuclear-power",
    "kim-dictates-dance",
}

DIRECT_BOTCHED = {
    "thesis-kim-better-off",
    "imp-strategy-aim",
    "no-backup-plan",
    "could-have-shifted-calculus",
    "trump-abandoned-pressure",
    "max-pressure-impossible",
    "saber-rattling-dangerous",
    "never-serious-process",
    "coordination-required",
    "trump-undermined-coordination",
    "us-looks-isolated",
    "setbacks-self-inflicted",
    "no-one-pleased",
}

# Everything upstream of the headline thesis, paragraph by paragraph.
TRANSITIVE_KIM = DIRECT_KIM | {
    # "Instead, North Korea is significantly better off ..."
    "us-alienated-allies",
    "us-eased-pressure",
    "kim-looks-magnanimous",
    "r-nk-issued-statement",
    "nk-offers-talks",
    "us-portrayed-spurning",
    # "Thanks to Trump’s hasty maneuvers ..."
    "kim-world-leader",
    "r-met-xi-twice",
    "xi-on-kims-terms",
    "r-accepted-invitation-when-strong",
    "r-met-moon",
    "r-hand-in-hand-imagery",
    "r-met-pompeo-twice",
    "pompeo-rare-feat",
    "r-father-met-albright",
    "r-media-flocked",
    "r-domestic-propaganda",
    # "Kim also has succeeded in ending ..."
    "campaign-relied-on-partners",
    "us-few-economic-ties",
    "r-china-eased-enforcement",
    "r-dalian-economic-nod",
    "r-panmunjom-economic",
    "pressure-unlikely-restored",
    "beijing-seoul-blame-trump",
    # "Which means Pyongyang has advanced its goal ..."
    "r-pullout-manner",
    "manner-widens-gulf",
    "decoupling-goal",
    "trump-did-kims-work",
    "r-moon-approval",
    "moon-domestic-pressure",
    "r-moon-agreed-visit",
    "moon-pressure-follow-through",
    "us-walking-away",
    "sk-wont-walk-away",
    "r-cancelled-suddenly",
    # "Pyongyang is sure to exploit this fissure ..."
    "pyongyang-exploit-fissure",
    "initial-response-shows",
    # "... something Trump’s cancellation letter even reinforced"
    "trump-letter-nuclear-power",
}

# The subtitle thesis rests on the headline thesis and so on all of its support too.
TRANSITIVE_BOTCHED = (
    TRANSITIVE_KIM
    | DIRECT_BOTCHED
    | {
        "r-agreed-on-whim",
        "r-agreed-no-plan",
        "max-pressure-was-working",
        "r-china-cut-support",
        "trump-no-plan-next",
        "r-no-plan-summit-prep",
        "r-no-plan-iran",
        "trump-naive-incompetent",
        "trump-thought-easy",
        "beijing-welcomes-seoul",
        "beijing-worried-left-out",
        "beijing-benefits",
        "sk-balances",
        "us-seen-bad-guy",  # the US's standing in Seoul: why Beijing will welcome Seoul
        "kim-nothing-for-denuke",
        "kim-underscored-nuclear",
    }
)

# counterclaim -> (kind, the answers to it)
COUNTERCLAIMS = {
    "imp-status-quo-restored": ("objection", {"not-status-quo"}),
    "imp-process-advanced-denuke": ("objection", {"kim-nothing-for-denuke"}),
    "imp-nobel-worthy": ("objection", {"setbacks-self-inflicted"}),
    "max-pressure-was-working": ("concession", {"trump-abandoned-pressure"}),
    "r-destroyed-test-site": ("concession", {"site-already-unusable", "test-site-evidence-destroyed"}),
    "hostage-release-good": ("concession", {"precedent-hostages"}),
    "diplomacy-never-easy": ("concession", {"never-serious-process"}),
}

UNSUPPORTED = {
    "campaign-relied-on-partners",  # "This campaign always relied primarily on ..."
    "us-few-economic-ties",
    "decoupling-goal",
    "sk-balances",
    "site-already-unusable",
    "kim-nothing-for-denuke",
    "kim-underscored-nuclear",
    "kim-treated-nuclear-power",  # rests only on the author's reading of Trump's letter
    "trump-letter-nuclear-power",  # the letter is characterised, not quoted
    "precedent-hostages",  # the precedent is never named
    "saber-rattling-dangerous",
    "trump-naive-incompetent",
    "trump-thought-easy",
    "diplomacy-never-easy",
    "coordination-required",
    "setbacks-self-inflicted",
    "no-one-pleased",
    "correction-kim-jong-il",
}

REPORTED = {
    "trump-peace-declarations": "trump",
    "trump-tweet-war-to-end": "trump",
    "nk-offers-talks": "north-korea",
    "beijing-worried-left-out": "some-observers",
}

PREDICTIONS = {
    "trump-peace-declarations",
    "trump-tweet-war-to-end",
    "pressure-unlikely-restored",
    "beijing-seoul-blame-trump",
    "moon-domestic-pressure",
    "moon-pressure-follow-through",
    "sk-wont-walk-away",
    "pyongyang-exploit-fissure",
    "beijing-benefits",
    "beijing-welcomes-seoul",
    "saber-rattling-dangerous",
    "max-pressure-impossible",
    "kim-dictates-dance",
}

# ---- helpers ------------------------------------------------------------------


@pytest.fixture(scope="module")
def store() -> ox.Store:
    return build_memory([MAP])


def local(term) -> str | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        v = term.value
        return v[len(NODES) :] if v.startswith(NODES) else v.rsplit("/", 1)[-1]
    return term.value


def query_text(name: str) -> str:
    return (QUERIES / name).read_text(encoding="utf-8")


def select(store: ox.Store, name: str) -> list[dict[str, str | None]]:
    result = store.query(query_text(name))
    assert isinstance(result, ox.QuerySolutions), f"{name} is not a SELECT query"
    names = [v.value for v in result.variables]
    return [{n: local(row[n]) for n in names} for row in result]


def by_thesis(rows, key="support") -> dict[str, set[str]]:
    out = defaultdict(set)
    for r in rows:
        out[r["thesis"]].add(r[key])
    return out


# ---- the query files ----------------------------------------------------------


def test_every_query_file_is_exercised():
    files = {p.name for p in QUERIES.glob("*.rq")}
    assert files == EXERCISED


@pytest.mark.parametrize("name", sorted(EXERCISED))
def test_query_has_leading_comment(name):
    first = query_text(name).splitlines()[0]
    assert first.startswith("# ") and len(first) > 10


@pytest.mark.parametrize("name", sorted(EXERCISED))
def test_query_binds_no_node_of_this_map(name):
    # generic: theses come from am:thesisOf, never from a hard-coded IRI
    assert "kim-jong-un" not in query_text(name)


# ---- answers --------------------------------------------------------------------


def test_direct_support(store):
    rows = select(store, "direct-support.rq")
    got = by_thesis(rows)
    assert set(got) == {"thesis-kim-better-off", "thesis-us-botched"}
    assert got["thesis-kim-better-off"] == DIRECT_KIM
    assert got["thesis-us-botched"] == DIRECT_BOTCHED
    # one row per (inference, premise): linked premises share an inference
    inferences = {r["inference"] for r in rows}
    assert len(rows) == 19 and len(inferences) == 15
    assert {r["map"] for r in rows} == {"kim-jong-un-better-off"}


def test_transitive_support(store):
    rows = select(store, "transitive-support.rq")
    got = by_thesis(rows)
    assert got["thesis-kim-better-off"] == TRANSITIVE_KIM
    assert got["thesis-us-botched"] == TRANSITIVE_BOTCHED
    assert len(TRANSITIVE_KIM) == 44 and len(TRANSITIVE_BOTCHED) == 73
    # direct support is part of transitive support; nothing supports itself
    assert got["thesis-kim-better-off"] >= DIRECT_KIM
    assert "thesis-us-botched" not in got["thesis-kim-better-off"]
    # counterclaims and answers to them are not support
    assert not set(COUNTERCLAIMS) & got["thesis-kim-better-off"] - {"max-pressure-was-working"}


def test_counterclaims(store):
    rows = select(store, "counterclaims.rq")
    got: dict[str, tuple[str, set]] = {}
    for r in rows:
        kind, answers = got.setdefault(r["counterclaim"], (r["kind"], set()))
        assert kind == r["kind"]
        if r["answer"] is not None:
            answers.add(r["answer"])
    assert got == COUNTERCLAIMS
    concessions = {r["conflict"] for r in rows if r["kind"] == "concession"}
    assert concessions == {
        "c-max-pressure-concession",
        "c-test-site-concession",
        "c-hostages-concession",
        "c-never-easy-concession",
    }
    # a concession is answered by undercutting the concession itself
    for r in rows:
        if r["kind"] == "concession":
            assert r["answerConflict"] is not None
    assert len(rows) == 8  # the test-site concession has two answers


def test_the_analysis_finds_the_same_counterclaims_by_structure(store):
    # counterclaims.rq goes by who asserts the attacker; the analysis finding goes by what it
    # attacks (the thesis or a reason for it). On the article both name the same statements.
    from claims.evaluation.analysis import run_finding

    by_structure = {local(ox.NamedNode(r["counterclaim"])) for r in run_finding(store, SLUG, "counterclaims")}
    assert by_structure == set(COUNTERCLAIMS)


def test_unanswered_objections(store):
    # The author answers every objection and concession raised.
    assert select(store, "unanswered-objections.rq") == []


def test_unanswered_objections_finds_one_when_its_answer_is_removed(store):
    # The same query on a copy of the map without the author's answer to the
    # status-quo view reports that view, and only it.
    copy = ox.Store()
    answer = ox.NamedNode(NODES + "c-not-status-quo")
    copy.extend(q for q in store if q.subject != answer and q.object != answer)
    rows = select(copy, "unanswered-objections.rq")
    assert [(r["counterclaim"], r["kind"], r["target"]) for r in rows] == [
        ("imp-status-quo-restored", "objection", "thesis-kim-better-off")
    ]


def test_unsupported_claims(store):
    rows = select(store, "unsupported-claims.rq")
    got = {r["claim"] for r in rows}
    assert got == UNSUPPORTED
    assert len(rows) == len(UNSUPPORTED) == 18
    # theses and the main lines of argument do rest on evidence
    assert not got & (DIRECT_KIM - {"kim-treated-nuclear-power"})
    assert "retracted-grandfather-met-albright" not in got


def test_reported_speech(store):
    rows = select(store, "reported-speech.rq")
    assert {r["statement"]: r["speaker"] for r in rows} == REPORTED
    assert len(rows) == 4
    names = {r["speaker"]: r["speakerName"] for r in rows}
    assert "Trump" in names["trump"]
    assert "author" not in names


def test_predictions(store):
    rows = select(store, "predictions.rq")
    assert {r["statement"] for r in rows} == PREDICTIONS
    assert len(rows) == 13
    speakers = {r["statement"]: r["speaker"] for r in rows}
    assert {s for s, who in speakers.items() if who == "trump"} == {
        "trump-peace-declarations",
        "trump-tweet-war-to-end",
    }


def test_aif_view(store):
    result = store.query(query_text("aif-view.rq"))
    triples = list(result)
    types = defaultdict(set)
    for t in triples:
        if t.predicate.value == RDF_TYPE:
            types[t.object.value].add(t.subject)
    i_nodes, ra_nodes, ca_nodes = types[AIF + "I-node"], types[AIF + "RA-node"], types[AIF + "CA-node"]
    assert len(i_nodes) == 89
    assert len(ra_nodes) == 79
    assert len(ca_nodes) == 15
    assert not (i_nodes & ra_nodes) and not (i_nodes & ca_nodes) and not (ra_nodes & ca_nodes)

    edges = defaultdict(list)
    for t in triples:
        if t.predicate.value.startswith(AIF) and t.predicate.value != AIF + "claimText":
            edges[t.predicate.value[len(AIF) :]].append((t.subject, t.object))
    # RA -> I for premises and conclusions; CA -> I for the attacker; CA -> any node for the target
    assert edges["Premise"] and all(s in ra_nodes and o in i_nodes for s, o in edges["Premise"])
    assert edges["Conclusion"] and all(s in ra_nodes and o in i_nodes for s, o in edges["Conclusion"])
    assert edges["Conflicting"] and all(s in ca_nodes and o in i_nodes for s, o in edges["Conflicting"])
    assert edges["Conflicted"] and all(
        s in ca_nodes and o in i_nodes | ra_nodes | ca_nodes for s, o in edges["Conflicted"]
    )
    assert (
        len(edges["Conclusion"]) == 79 and len(edges["Conflicting"]) == 15 and len(edges["Conflicted"]) == 15
    )
    # every RA-node has exactly one conclusion; undercuts point at CA-nodes
    assert len({s for s, _ in edges["Conclusion"]}) == 79
    assert sum(1 for _, o in edges["Conflicted"] if o in ca_nodes) == 5
    # the I-nodes carry their paraphrase as aif:claimText
    texts = {t.subject for t in triples if t.predicate.value == AIF + "claimText"}
    assert i_nodes <= texts
