"""Statement pages: every node dereferences at its IRI's path, as HTML, JSON, Turtle or JSON-LD."""

from __future__ import annotations

import pyoxigraph as ox
from flask import Blueprint, Response, abort, current_app, url_for

from claims.structure import read_structure
from ontology.vocab import ID_BASE, PREFIXES, map_iri
from server import facts, status
from server.media import GRAPH_TYPES, content_type
from server.pagecache import cached
from server.views import PAGE_TYPES, anchor, is_slug, page, wants

bp = Blueprint("nodes", __name__)
NODE_TYPES = PAGE_TYPES + list(GRAPH_TYPES)


@bp.route("/id/<slug>/<path:local>")
@cached
def node(slug: str, local: str) -> Response:
    store = current_app.extensions["argmap"].get()
    iri = f"{ID_BASE}{slug}/{local}"
    if not is_slug(slug) or not facts.node_exists(store, iri):
        abort(404, f"nothing is known about {iri}")
    media_type = wants(NODE_TYPES)
    if media_type in GRAPH_TYPES:
        return rdf_of(store, iri, media_type)
    st = read_structure(store, slug)
    base = st.statements.get(iri) or st.inferences.get(iri) or st.conflicts.get(iri) or {}
    data = {
        "id": iri,
        "map": {
            "id": str(map_iri(slug)),
            "slug": slug,
            "title": st.title,
            "tree": url_for("pages.tree", slug=slug),
        },
        "kind": st.kind_of(iri),
        **{k: v for k, v in base.items() if k != "id"},
        **facts.neighbourhood(st, iri),
        "triples": facts.triples_of(store, iri),
    }
    labels = status.statuses(store, slug)
    lab = labels.get(iri)
    texts = {i: s["text"] for i, s in st.statements.items() if s.get("text")}
    parts = []
    if lab:
        data.update(lab)
        data["acceptance"] = status.acceptance(store, slug, iri)
        parts = status.explanation_parts(lab["explanation"], lab["defeated_by"] + lab["lost_support"], texts)
    if base.get("span"):
        data["article"] = url_for("pages.article", slug=slug) + "#q-" + anchor(iri)
    return page("node.html", data, why=parts, texts=texts)


def rdf_of(store: ox.Store, iri: str, media_type: str) -> Response:
    """The node's own triples (asserted and inferred) in an RDF format."""
    subject = ox.NamedNode(iri)
    triples = {
        ox.Triple(q.subject, q.predicate, q.object)
        for q in store.quads_for_pattern(subject, None, None, None)
    }
    body = ox.serialize(sorted(triples, key=str), format=GRAPH_TYPES[media_type], prefixes=PREFIXES)
    response = Response(body, content_type=content_type(media_type))
    response.vary.add("Accept")
    return response
