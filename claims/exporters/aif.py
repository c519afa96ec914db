"""AIF JSON (the OVA3/xAIF shape) of a map: every node type argmap keeps (I, RA, CA, MA, PA, L,
YA, TA) with its text, id, timestamp and scheme; edges premise → RA → conclusion, attacker → CA →
target (and likewise for MA, PA, YA, TA); speakers as participants and locutions; the source text.

Maps imported from AIF keep their node ids (``dcterms:identifier``), so import → export → import
gives back the same nodes, texts, types and edges.
"""

from __future__ import annotations

import html

import pyoxigraph as ox

from claims.exporters.view import MapView, map_view

DEFAULT_TEXT = {
    "RA": "Default Inference",
    "CA": "Default Conflict",
    "MA": "Default Rephrase",
    "TA": "Default Transition",
    "YA": "Default Illocuting",
    "PA": "Default Preference",
}


def export_aif(store: ox.Store, slug: str) -> dict:
    """The map ``slug`` as an AIF JSON document (a dict ready for ``json.dumps``)."""
    return view_to_aif(map_view(store, slug))


def view_to_aif(view: MapView) -> dict:
    ids = _ids(view)
    nodes = []
    for n in view.nodes.values():
        node = {"nodeID": ids[n.iri], "text": n.text or DEFAULT_TEXT.get(n.kind, ""), "type": n.kind}
        if n.created:
            node["timestamp"] = n.created
        if n.schemes:
            node["scheme"] = n.schemes[0]
        node["uri"] = n.iri
        nodes.append(node)
    edges = [
        {"edgeID": i, "fromID": ids[e.source], "toID": ids[e.target]} for i, e in enumerate(view.edges, 1)
    ]
    people: dict[str, int] = {}
    locutions = []
    for n in view.nodes.values():
        if n.kind == "L" and n.speaker:
            pid = people.setdefault(n.speaker, len(people) + 1)
            locutions.append({"nodeID": ids[n.iri], "personID": pid})
    participants = [{"participantID": pid, "firstname": name, "surname": ""} for name, pid in people.items()]
    doc = {
        "AIF": {
            "nodes": nodes,
            "edges": edges,
            "schemefulfillments": [],
            "participants": participants,
            "locutions": locutions,
        },
        "title": view.title,
    }
    if view.source_text is not None:
        doc["text"] = html.escape(view.source_text, quote=False).replace("\n", "<br>")
    return doc


def _ids(view: MapView) -> dict[str, object]:
    """Each node's AIF id: the one it was imported with, else the next free number."""
    ids: dict[str, object] = {}
    taken = set()
    for n in view.nodes.values():
        if n.identifier is not None and str(n.identifier) not in taken:
            ids[n.iri] = n.identifier
            taken.add(str(n.identifier))
    counter = 0
    for n in view.nodes.values():
        if n.iri in ids:
            continue
        counter += 1
        while str(counter) in taken:
            counter += 1
        ids[n.iri] = str(counter)
        taken.add(str(counter))
    return ids
