"""Helpers every page shares: IRI-to-path mapping, kind labels, and HTML/JSON negotiation.

The IRI base ``https://w3id.org/argmap/`` maps to the server root, so a node
``https://w3id.org/argmap/id/<slug>/<local>`` is served at ``/id/<slug>/<local>``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from flask import Response, jsonify, render_template, request
from rdflib import RDFS

from ontology import load_ontology
from ontology.vocab import AM, ID_BASE, PREFIXES
from server.media import negotiate

IRI_ROOT = "https://w3id.org/argmap/"
PAGE_TYPES = ["text/html", "application/json"]


#: What a map slug (a map file's stem) may look like on a URL; anything else is a 404 and
#: never reaches the fixed internal queries that pages run with the slug in an IRI.
SLUG = re.compile(r"[\w.-]+")


def is_slug(slug: str) -> bool:
    return SLUG.fullmatch(slug) is not None


def local_path(iri: str) -> str:
    """The path this server answers ``iri`` at; other IRIs are returned unchanged."""
    if iri.startswith(ID_BASE):
        return "/" + iri[len(IRI_ROOT) :]
    return iri


def anchor(iri: str) -> str:
    """A node's HTML id fragment (``q-`` + it marks its span in the article, ``t-`` its tree node)."""
    local = iri[len(ID_BASE) :].split("/", 1)[-1] if iri.startswith(ID_BASE) else iri
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in local)


def curie(iri: str) -> str:
    """``iri`` shortened with the project's prefixes (``am:text``), or unchanged."""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and iri != ns:
            return f"{prefix}:{iri[len(ns) :]}"
    return iri


def is_local(iri: str) -> bool:
    return iri.startswith(ID_BASE)


@lru_cache(maxsize=1)
def _labels() -> dict[str, str]:
    g = load_ontology()
    return {
        str(s)[len(str(AM)) :]: str(o) for s, o in g.subject_objects(RDFS.label) if str(s).startswith(str(AM))
    }


def kind_label(kind: str | None) -> str:
    """The ontology's label of a kind (``"Statistic"`` -> ``"statistic"``)."""
    if not kind:
        return ""
    label = _labels().get(kind, kind)
    return label.removesuffix(" statement") if kind.endswith("Statement") and kind != "Statement" else label


def wants(offered: list[str]) -> str:
    """The page representation the client prefers (HTML unless it asks for something else)."""
    return negotiate(request.headers.get("Accept"), offered) or offered[0]


def page(template: str, data: dict, **context) -> Response:
    """An HTML page from ``template``, or its JSON twin ``data`` for ``Accept: application/json``."""
    if wants(PAGE_TYPES) == "application/json":
        response = jsonify(data)
    else:
        response = Response(render_template(template, data=data, **context), mimetype="text/html")
    response.vary.add("Accept")
    return response


def install(app) -> None:
    app.jinja_env.filters["href"] = local_path
    app.jinja_env.filters["kind_label"] = kind_label
    app.jinja_env.filters["anchor"] = anchor
    app.jinja_env.filters["curie"] = curie
    app.jinja_env.tests["local"] = is_local
