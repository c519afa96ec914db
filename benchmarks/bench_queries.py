"""Time the competency queries and the tree-shaped ones on a built corpus.

argmap's store (pyoxigraph on disk) beside the baseline, rdflib's memory store and
SPARQL engine holding the same quads, run in the same process (not above 100k).
"""

from __future__ import annotations

import sys
from pathlib import Path

from rdflib import Dataset

from benchmarks.common import BASELINE_LIMIT, HEADER, SIZES, built_store, peak_rss_mb, row, timed
from claims.backends import open_backend
from ontology.vocab import sparql_prologue

QUERIES = {
    "all claims with text": "SELECT ?s ?text { ?s a am:Statement ; am:text ?text }",
    "one hop: children of a statement": """
        SELECT ?child ?inf { ?inf am:conclusion <%(thesis)s> ; am:premise ?child }""",
    "transitive support of a thesis": "SELECT DISTINCT ?x { ?x am:inSupportOf <%(thesis)s> }",
    "supports+ path of a thesis": "SELECT DISTINCT ?x { ?x am:supports+ <%(thesis)s> }",
    "tree page: a thesis's tree with texts and attackers": """
        SELECT ?x ?text ?parent ?attacker {
            ?x am:inSupportOf <%(thesis)s> ; am:text ?text ; am:supports ?parent .
            OPTIONAL { ?attacker am:attacks ?x } }""",
    "attacked, unanswered": """SELECT DISTINCT ?s { ?a am:attacks ?s . ?s a am:Statement .
                               FILTER NOT EXISTS { ?b am:attacks ?a } }""",
    "statement page: one statement's quote": """SELECT ?exact ?start ?end {
        <%(thesis)s> am:anchor/oa:hasTarget/oa:hasSelector ?sel .
        OPTIONAL { ?sel oa:exact ?exact } OPTIONAL { ?sel oa:start ?start ; oa:end ?end } }""",
}


def bench(size: str) -> None:
    n = SIZES[size]
    store = built_store(size)
    backend = open_backend(store)
    thesis = _biggest_thesis(backend)
    baseline = None
    if n <= BASELINE_LIMIT:
        t_load, baseline = timed(lambda: _rdflib(backend), 1)
        row(
            size,
            "load corpus: rdflib memory (baseline)",
            None,
            t_load,
            f"peak RSS {peak_rss_mb():,.0f} MB",
        )
    for name, q in QUERIES.items():
        sparql = sparql_prologue() + q % {"thesis": thesis}
        repeats = 21 if "claims" not in name and "unanswered" not in name else 5
        t_fast, res = timed(lambda s=sparql: list(backend.query(s)), repeats)
        t_base = None
        if baseline is not None:
            t_base, base_rows = timed(lambda s=sparql: list(baseline.query(s)), 3 if repeats > 5 else 1)
            assert len(base_rows) == len(res), (name, len(base_rows), len(res))
        row(size, f"{name} ({len(res)} rows)", t_fast, t_base)
    _pages(size, store, backend, thesis)


def _pages(size: str, store: Path, backend, thesis: str) -> None:
    """The tree page of the biggest thesis's map through Flask's test client, and ``claim_tree``."""
    from claims.store import open_store
    from claims.trees import claim_tree
    from ontology.vocab import slug_of
    from server import create_app

    ox_store = open_store(store)
    t_tree, tree = timed(lambda: claim_tree(ox_store, thesis), 21)
    row(size, "claims.trees.claim_tree of the biggest thesis", t_tree, None, "target < 100 ms at 1M")
    client = create_app({"ARGMAP_STORE": store, "TESTING": True}).test_client()
    url = f"/map/{slug_of(thesis)}"
    assert client.get(url).status_code == 200, url
    t_page, _ = timed(lambda: client.get(url).data, 21)
    row(size, f"tree page GET {url} (Flask test client)", t_page, None, "target < 100 ms at 1M")
    node = "/id/" + thesis.split("/id/", 1)[1]
    html = {"Accept": "text/html"}
    assert client.get(node, headers=html).status_code == 200, node
    t_node, _ = timed(lambda: client.get(node, headers=html).data, 21)
    row(size, "statement page GET /id/<slug>/<node> of that thesis", t_node, None)


def _biggest_thesis(backend) -> str:
    rows = list(
        backend.query(
            sparql_prologue()
            + """
        SELECT ?t (COUNT(?x) AS ?n) { ?t a am:Thesis . ?x am:inSupportOf ?t }
        GROUP BY ?t ORDER BY DESC(?n) LIMIT 1"""
        )
    )
    return rows[0]["t"].value


def _rdflib(backend) -> Dataset:
    data = backend.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    ds = Dataset(default_union=True)
    import pyoxigraph as ox

    ds.parse(data=ox.serialize(data, format=ox.RdfFormat.N_TRIPLES), format="nt")
    return ds


def main(sizes: list[str]) -> None:
    print("\n## Queries (medians)\n\n" + HEADER, flush=True)
    for size in sizes:
        bench(size)


if __name__ == "__main__":
    main(sys.argv[1:] or ["1k", "10k"])
