"""Which claims stand, as the pages show it: each node's label under a semantics, why, and
the explanation cut into pieces so the nodes it names can be linked.

Grounded labels are read from the map's labels graph (what SPARQL sees); preferred and
stable labels are computed on request with :func:`claims.evaluation.evaluate`.
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from claims.evaluation import evaluate
from claims.querying import select_rows
from ontology.vocab import AM, labels_graph

SEMANTICS = ("grounded", "preferred", "stable")
STATUSES = ("in", "out", "undecided")

_LABELS = """
SELECT ?n ?status ?why ?by ?lost WHERE { GRAPH <%s> {
  ?n am:status ?status OPTIONAL { ?n am:statusExplanation ?why }
  OPTIONAL { ?n am:defeatedBy ?by } OPTIONAL { ?n am:lostSupport ?lost } } }
"""
_ACCEPTANCE = """
SELECT ?p ?sem WHERE { GRAPH <%s> { <%s> ?p ?sem
  FILTER (?p IN (am:acceptedCredulously, am:acceptedSceptically)) } }
"""
_QUOTED = re.compile(r"“([^”]*)”")


def statuses(store: ox.Store, slug: str, semantics: str = "grounded") -> dict[str, dict]:
    """``{iri: {status, explanation, defeated_by, lost_support}}`` for every labelled node."""
    if semantics not in SEMANTICS:
        raise ValueError(f"unknown semantics {semantics!r}: choose one of {', '.join(SEMANTICS)}")
    if semantics != "grounded":
        return {
            iri: {
                "status": lab.status,
                "explanation": lab.explanation,
                "defeated_by": list(lab.defeated_by),
                "lost_support": list(lab.lost_support),
            }
            for iri, lab in evaluate(store, slug, semantics).items()
        }
    out: dict[str, dict] = {}
    for row in select_rows(store, _LABELS % labels_graph(slug)):
        node = out.setdefault(
            row["n"].value,
            {
                "status": _local(row["status"].value).lower(),
                "explanation": row["why"].value if "why" in row else None,
                "defeated_by": [],
                "lost_support": [],
            },
        )
        for key, var in (("defeated_by", "by"), ("lost_support", "lost")):
            if var in row and row[var].value not in node[key]:
                node[key].append(row[var].value)
    for node in out.values():
        node["defeated_by"].sort()
        node["lost_support"].sort()
    return out


def acceptance(store: ox.Store, slug: str, iri: str) -> dict[str, dict[str, bool]]:
    """Whether ``iri`` is credulously / sceptically accepted under preferred and stable semantics."""
    found = {
        (_local(r["p"].value), _local(r["sem"].value))
        for r in select_rows(store, _ACCEPTANCE % (labels_graph(slug), iri))
    }
    return {
        name: {
            "credulous": ("acceptedCredulously", f"{name.title()}Semantics") in found,
            "sceptical": ("acceptedSceptically", f"{name.title()}Semantics") in found,
        }
        for name in ("preferred", "stable")
    }


def explanation_parts(text: str | None, named: list[str], texts: dict[str, str]) -> list[dict]:
    """``text`` cut into ``{"text"}`` pieces, where a quoted name (“…”) also gets the ``id`` of
    the node it names: first among ``named`` (the defeaters and lost support), then any node."""
    if not text:
        return []
    parts, at = [], 0
    for m in _QUOTED.finditer(text):
        if m.start() > at:
            parts.append({"text": text[at : m.start()]})
        parts.append({"text": m.group(0), "id": _named(m.group(1), named, texts)})
        at = m.end()
    if at < len(text):
        parts.append({"text": text[at:]})
    return parts


def _named(name: str, named: list[str], texts: dict[str, str]) -> str | None:
    stem = name.removesuffix("…")
    exact = name == stem
    for pool in (named, sorted(texts)):
        for iri in pool:
            t = texts.get(iri) or ""
            if t == stem if exact else t.startswith(stem):
                return iri
    return None


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1] if iri.startswith(str(AM)) else iri


def overlay(node: dict, labels: dict[str, dict]) -> dict:
    """Set ``status``, ``explanation``, ``defeated_by`` and ``lost_support`` on every node of a
    claim tree from ``labels`` (as :func:`statuses` gives them); returns the tree."""
    lab = labels.get(node["id"], {})
    node["status"] = lab.get("status")
    node["explanation"] = lab.get("explanation")
    node["defeated_by"] = lab.get("defeated_by", [])
    node["lost_support"] = lab.get("lost_support", [])
    for child in node["children"]:
        overlay(child, labels)
    return node


def why_parts(labels: dict[str, dict], texts: dict[str, str]) -> dict[str, list[dict]]:
    """Every labelled node's explanation cut by :func:`explanation_parts`."""
    return {
        iri: explanation_parts(lab["explanation"], lab["defeated_by"] + lab["lost_support"], texts)
        for iri, lab in labels.items()
    }
