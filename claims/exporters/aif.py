"""AIF JSON (the AIFdb/OVA3 shape) of a map: I, RA and CA nodes; edges premise -> RA -> conclusion,
attacker -> CA -> target."""

from __future__ import annotations

import pyoxigraph as ox

from claims.querying import select_rows
from ontology.vocab import asserted_graph, inferred_graph

_NODES = """
SELECT ?node ?type ?text ?scheme WHERE {
  GRAPH ?g { ?node a ?cls }
  VALUES (?cls ?type) { (aif:I-node "I") (aif:RA-node "RA") (aif:CA-node "CA") }
  OPTIONAL { ?node am:text ?text }
  OPTIONAL { ?node am:scheme/rdfs:label ?scheme }
  FILTER (?g IN (<%(a)s>, <%(i)s>))
} ORDER BY ?node
"""

_EDGES = """
SELECT ?from ?to WHERE {
  GRAPH <%(a)s> {
    { ?ra am:premise ?p . BIND(?p AS ?from) BIND(?ra AS ?to) }
    UNION { ?ra am:conclusion ?c . BIND(?ra AS ?from) BIND(?c AS ?to) }
    UNION { ?ca am:attacker ?x . BIND(?x AS ?from) BIND(?ca AS ?to) }
    UNION { ?ca am:target ?t . BIND(?ca AS ?from) BIND(?t AS ?to) }
  }
} ORDER BY ?from ?to
"""


def export_aif(store: ox.Store, slug: str) -> dict:
    """The map ``slug`` as an AIF JSON document (a dict ready for ``json.dumps``)."""
    graphs = {"a": asserted_graph(slug), "i": inferred_graph(slug)}
    ids: dict[str, str] = {}
    nodes = []
    for row in select_rows(store, _NODES % graphs):
        iri = row["node"].value
        if iri in ids:
            continue
        ids[iri] = str(len(ids) + 1)
        kind = row["type"].value
        nodes.append({"nodeID": ids[iri], "text": _node_text(kind, row), "type": kind, "uri": iri})
    edges = []
    for row in select_rows(store, _EDGES % graphs):
        a, b = row["from"].value, row["to"].value
        if a in ids and b in ids:
            edges.append({"edgeID": str(len(edges) + 1), "fromID": ids[a], "toID": ids[b]})
    return {
        "AIF": {
            "nodes": nodes,
            "edges": edges,
            "schemefulfillments": [],
            "participants": [],
            "locutions": [],
        }
    }


def _node_text(kind: str, row: dict) -> str:
    """I-nodes carry their proposition; S-nodes their scheme name, as AIFdb writes them."""
    if kind == "I":
        return row["text"].value if "text" in row else ""
    if kind == "RA":
        return row["scheme"].value if "scheme" in row else "Default Inference"
    return "Default Conflict"
