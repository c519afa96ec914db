"""GraphML of a map: one node per argument node (type, text, label, IRI), one edge per AIF edge
(role), readable by yEd, Gephi and networkx."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pyoxigraph as ox

from claims.exporters.view import MapView, map_view

NS = "http://graphml.graphdrawing.org/xmlns"
KEYS = (("type", "node"), ("text", "node"), ("label", "node"), ("iri", "node"), ("role", "edge"))


def export_graphml(store: ox.Store, slug: str) -> str:
    """The map ``slug`` as a GraphML document."""
    return view_to_graphml(map_view(store, slug))


def view_to_graphml(view: MapView) -> str:
    ET.register_namespace("", NS)
    root = ET.Element(f"{{{NS}}}graphml")
    for name, domain in KEYS:
        ET.SubElement(
            root, f"{{{NS}}}key", {"id": name, "for": domain, "attr.name": name, "attr.type": "string"}
        )
    graph = ET.SubElement(root, f"{{{NS}}}graph", {"id": view.slug, "edgedefault": "directed"})
    ids = {iri: f"n{i}" for i, iri in enumerate(view.nodes)}
    for iri, n in view.nodes.items():
        node = ET.SubElement(graph, f"{{{NS}}}node", {"id": ids[iri]})
        for key, value in (("type", n.kind), ("text", n.text), ("label", n.label), ("iri", iri)):
            if value:
                ET.SubElement(node, f"{{{NS}}}data", {"key": key}).text = value
    for i, e in enumerate(view.edges):
        edge = ET.SubElement(
            graph, f"{{{NS}}}edge", {"id": f"e{i}", "source": ids[e.source], "target": ids[e.target]}
        )
        ET.SubElement(edge, f"{{{NS}}}data", {"key": "role"}).text = e.role
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
