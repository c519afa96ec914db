"""What the pages show, read from the store: maps with counts, one node's neighbourhood and
triples, and a source text cut into highlighted spans."""

from __future__ import annotations

import pyoxigraph as ox

from claims.querying import select_rows
from claims.structure import Structure, read_structure
from claims.trees import roots
from ontology.vocab import GRAPH_BASE, slug_of
from server.terms import term_json

_MAPS = "SELECT DISTINCT ?m ?title { ?m a am:ArgumentMap OPTIONAL { ?m dcterms:title ?title } } ORDER BY ?m"
_SOURCE = """
SELECT ?doc ?title ?text ?file WHERE { <%s> am:source ?doc .
  OPTIONAL { ?doc dcterms:title ?title } OPTIONAL { ?doc am:fullText ?text } }
"""


def maps(store: ox.Store) -> list[dict]:
    """Every map in the store with its theses and how many nodes of each sort it has."""
    out = []
    for row in select_rows(store, _MAPS):
        iri = row["m"].value
        slug = slug_of(iri)
        if slug is None or any(m["slug"] == slug for m in out):
            continue
        st = read_structure(store, slug)
        out.append(
            {
                "id": iri,
                "slug": slug,
                "title": st.title or (row["title"].value if "title" in row else slug),
                "theses": [{"id": t, "text": st.statements.get(t, {}).get("text")} for t in st.theses],
                "roots": [{"id": r, "text": st.statements[r].get("text")} for r in roots(st)],
                "counts": {
                    "statements": len(st.statements),
                    "inferences": len(st.inferences),
                    "conflicts": len(st.conflicts),
                },
            }
        )
    return out


def source_of(store: ox.Store, map_iri: str) -> dict | None:
    """The map's source document: its IRI, title and full text."""
    rows = select_rows(store, _SOURCE % map_iri)
    if not rows:
        return None
    row = rows[0]
    return {
        "id": row["doc"].value,
        "title": row["title"].value if "title" in row else None,
        "text": row["text"].value if "text" in row else "",
    }


def spans(st: Structure) -> list[dict]:
    """Every quoted span of the map, in text order."""
    found = [
        {"id": s["id"], "start": s["span"][0], "end": s["span"][1], "quote": s["quote"], "kind": s["kind"]}
        for s in st.statements.values()
        if s.get("span")
    ]
    return sorted(found, key=lambda s: (s["start"], -s["end"]))


def segments(text: str, quoted: list[dict]) -> list[dict]:
    """The text cut at every span boundary; each piece lists the spans covering it (innermost first)."""
    cuts = sorted({0, len(text)} | {s["start"] for s in quoted} | {s["end"] for s in quoted})
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        if a >= b:
            continue
        covering = sorted(
            (s for s in quoted if s["start"] <= a and b <= s["end"]), key=lambda s: s["end"] - s["start"]
        )
        starts = [s["id"] for s in quoted if s["start"] == a]
        out.append({"text": text[a:b], "start": a, "spans": [s["id"] for s in covering], "starts": starts})
    return out


def neighbourhood(st: Structure, iri: str) -> dict:
    """What a node supports, what supports it, what it attacks and what attacks it."""

    def ref(node: str, **extra) -> dict:
        text = (st.statements.get(node) or st.inferences.get(node) or st.conflicts.get(node) or {}).get(
            "text"
        )
        return {"id": node, "text": text, "kind": st.kind_of(node), **extra}

    out = {"supports": [], "supported_by": [], "attacks": [], "attacked_by": []}
    for inf in st.inferences.values():
        if iri in inf["premises"]:
            out["supports"].append(ref(inf["conclusion"], inference=inf["id"], scheme=inf["scheme_label"]))
        if inf["conclusion"] == iri:
            for p in inf["premises"]:
                out["supported_by"].append(
                    ref(p, inference=inf["id"], scheme=inf["scheme_label"], linked=len(inf["premises"]) > 1)
                )
    for con in st.conflicts.values():
        if con["attacker"] == iri:
            out["attacks"].append(ref(con["target"], conflict=con["id"], conflict_kind=con["kind"]))
        if con["target"] == iri:
            out["attacked_by"].append(ref(con["attacker"], conflict=con["id"], conflict_kind=con["kind"]))
    return out


def triples_of(store: ox.Store, iri: str) -> list[dict]:
    """Every triple with ``iri`` as subject, marked with the graph it is in (asserted, inferred...).

    The default graph's copies of the map graphs are not listed again."""
    subject = ox.NamedNode(iri)
    rows = []
    for quad in store.quads_for_pattern(subject, None, None, None):
        if not isinstance(quad.graph_name, ox.NamedNode):
            continue
        graph = quad.graph_name.value
        origin = graph.rsplit("/", 1)[-1] if graph.startswith(GRAPH_BASE) else graph
        rows.append(
            {"predicate": term_json(quad.predicate), "object": term_json(quad.object), "graph": origin}
        )
    order = {"asserted": 0, "labels": 1, "inferred": 2}
    rows.sort(key=lambda r: (order.get(r["graph"], 3), r["predicate"]["value"], r["object"]["value"]))
    return rows


def node_exists(store: ox.Store, iri: str) -> bool:
    """Whether the store says anything about ``iri`` (False for text that is not an IRI)."""
    try:
        ox.NamedNode(iri)
    except ValueError:
        return False
    return next(iter(store.quads_for_pattern(ox.NamedNode(iri), None, None, None)), None) is not None
