"""Pages about maps: home, claim tree, article view and diagram."""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, redirect, request, url_for

from claims.structure import read_structure
from claims.trees import roots, tree_of, unplaced
from ontology.vocab import map_iri
from server import facts, status
from server.diagram import layout, render_svg
from server.findings import tables
from server.pagecache import cached
from server.views import is_slug, local_path, page

bp = Blueprint("pages", __name__)


def store():
    return current_app.extensions["argmap"].get()


def map_urls(slug: str) -> dict:
    return {
        "tree": url_for("pages.tree", slug=slug),
        "article": url_for("pages.article", slug=slug),
        "diagram": url_for("pages.diagram", slug=slug),
        "analysis": url_for("pages.analysis", slug=slug),
    }


@bp.route("/")
@cached
def home() -> Response:
    maps = [{**m, **map_urls(m["slug"])} for m in facts.maps(store())]
    data = {"maps": maps, "sparql": url_for("sparql.endpoint"), "query": url_for("queries.query_page")}
    return page("home.html", data)


def structure_or_404(slug: str):
    if not is_slug(slug):
        abort(404, "no such map in the store")
    st = read_structure(store(), slug)
    if not st.statements:
        abort(404, f"no map {slug!r} in the store")
    return st


@bp.route("/map/<slug>")
@cached
def tree(slug: str) -> Response:
    st = structure_or_404(slug)
    semantics = request.args.get("semantics", "grounded")
    if semantics not in status.SEMANTICS:
        abort(400, f"unknown semantics {semantics!r}: choose one of {', '.join(status.SEMANTICS)}")
    labels = status.statuses(store(), slug, semantics)
    trees = [status.overlay(tree_of(st, r), labels) for r in roots(st)]
    texts = {iri: s["text"] for iri, s in st.statements.items() if s.get("text")}
    data = {
        "map": {"id": str(map_iri(slug)), "slug": slug, "title": st.title, **map_urls(slug)},
        "semantics": semantics,
        "semantics_links": {
            name: url_for("pages.tree", slug=slug, **({} if name == "grounded" else {"semantics": name}))
            for name in status.SEMANTICS
        },
        "roots": "theses" if st.theses else "top conclusions",
        "trees": trees,
        "unplaced": [
            {"id": iri, "text": st.statements[iri].get("text"), **labels.get(iri, {})}
            for iri in unplaced(st, trees)
        ],
    }
    return page("tree.html", data, why=status.why_parts(labels, texts))


@bp.route("/map/<slug>/analysis")
@cached
def analysis(slug: str) -> Response:
    st = structure_or_404(slug)
    texts = {iri: s["text"] for iri, s in st.statements.items() if s.get("text")}
    found = tables(store(), slug)
    for t in found:
        t["query"] = url_for("queries.query_page", query=t["sparql"])
    data = {
        "map": {"id": str(map_iri(slug)), "slug": slug, "title": st.title, **map_urls(slug)},
        "findings": found,
    }
    return page("analysis.html", data, texts=texts)


@bp.route("/id/<slug>")
def map_resource(slug: str) -> Response:
    structure_or_404(slug)
    return redirect(url_for("pages.tree", slug=slug), code=303)


@bp.route("/map/<slug>/article")
@cached
def article(slug: str) -> Response:
    st = structure_or_404(slug)
    source = facts.source_of(store(), str(map_iri(slug))) or {"id": None, "title": st.title, "text": ""}
    spans = facts.spans(st)
    data = {
        "map": {"id": str(map_iri(slug)), "slug": slug, "title": st.title, **map_urls(slug)},
        "source": source,
        "spans": [{**s, "url": local_path(s["id"])} for s in spans],
    }
    texts = {iri: s["text"] for iri, s in st.statements.items()}
    return page("article.html", data, segments=facts.segments(source["text"], spans), texts=texts)


@bp.route("/map/<slug>/diagram")
@cached
def diagram(slug: str) -> Response:
    st = structure_or_404(slug)
    lay = layout(st)
    data = {
        "map": {"id": str(map_iri(slug)), "slug": slug, "title": st.title, **map_urls(slug)},
        "svg": url_for("pages.diagram_svg", slug=slug),
        "width": lay["width"],
        "height": lay["height"],
        "nodes": [
            {k: n.get(k) for k in ("id", "kind", "text", "status", "x", "y", "w", "h")}
            | {"url": local_path(n["id"])}
            for n in lay["nodes"]
        ],
        "edges": lay["edges"],
    }
    return page("diagram.html", data, svg=render_svg(st, local_path))


@bp.route("/map/<slug>/diagram.svg")
@cached
def diagram_svg(slug: str) -> Response:
    st = structure_or_404(slug)
    return Response(render_svg(st, local_path), mimetype="image/svg+xml")
