"""Graphviz DOT of a map: statements as boxes, inferences green, conflicts red, dialogue grey;
edges the AIF way (premise → inference → conclusion, attacker → conflict → target)."""

from __future__ import annotations

import textwrap

import pyoxigraph as ox

from claims.exporters.view import MapView, map_view

STYLE = {
    "I": 'shape=box, style="rounded,filled", fillcolor="#ffffff"',
    "RA": 'shape=ellipse, style=filled, fillcolor="#c8e6c9"',
    "CA": 'shape=ellipse, style=filled, fillcolor="#ffcdd2"',
    "MA": 'shape=ellipse, style=filled, fillcolor="#fff9c4"',
    "PA": 'shape=ellipse, style=filled, fillcolor="#bbdefb"',
    "L": 'shape=box, style="filled", fillcolor="#eeeeee"',
    "YA": 'shape=diamond, style=filled, fillcolor="#eeeeee"',
    "TA": 'shape=diamond, style=filled, fillcolor="#eeeeee"',
}


def export_dot(store: ox.Store, slug: str) -> str:
    """The map ``slug`` as a DOT digraph."""
    return view_to_dot(map_view(store, slug))


def view_to_dot(view: MapView) -> str:
    out = [f"digraph {_q(view.slug)} {{", f"  label={_q(view.title)};", "  rankdir=BT;"]
    for n in view.nodes.values():
        label = "\n".join(textwrap.wrap(n.text or n.kind, 40)) if n.kind in ("I", "L") else (n.text or n.kind)
        out.append(f"  {_q(n.iri)} [label={_q(label)}, tooltip={_q(n.kind)}, {STYLE[n.kind]}];")
    for e in view.edges:
        color = ', color="#c62828"' if e.role in ("attacker", "target") else ""
        out.append(f"  {_q(e.source)} -> {_q(e.target)} [label={_q(e.role)}{color}];")
    out.append("}")
    return "\n".join(out) + "\n"


def _q(text: str) -> str:
    """A DOT double-quoted string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
