"""The map as boxes and arrows, laid out in layers under each thesis and drawn as SVG.

Statements are boxes; an inference gets a node of its own only when its premises are
linked or it is undercut, and a conflict only when it is undercut (as in the claim tree).
Arrows point from reason to claim: green for support, red for attack, dashed red for
undercuts, dashed amber for concessions. Everything is computed here: no network fetch.
"""

from __future__ import annotations

import textwrap
from html import escape

from claims.structure import Structure
from claims.trees import roots

BOX_W, LINE_H, PAD, GAP_X, GAP_Y = 230, 16, 10, 28, 64
JOINT_W, JOINT_H = 110, 26
WRAP, MAX_LINES = 32, 5
COLOURS = {"support": "#2e7d32", "attack": "#c62828", "undercut": "#c62828", "concession": "#b26a00"}


def graph_of(st: Structure) -> tuple[dict[str, dict], list[dict]]:
    """Nodes (by IRI) and edges ``{from, to, relation}`` of the diagram."""
    undercut_targets = {c["target"] for c in st.conflicts.values() if c["kind"] == "Undercut"}
    nodes = {
        iri: {
            "id": iri,
            "kind": s["kind"],
            "text": s["text"] or "",
            "status": s.get("status"),
            "why": s.get("status_explanation"),
        }
        for iri, s in st.statements.items()
    }
    edges = []
    for inf in st.inferences.values():
        if len(inf["premises"]) > 1 or inf["id"] in undercut_targets:
            label = "linked" if len(inf["premises"]) > 1 else "inference"
            nodes[inf["id"]] = {
                "id": inf["id"],
                "kind": "Inference",
                "text": label,
                "joint": True,
                "status": inf.get("status"),
            }
            edges += [{"from": p, "to": inf["id"], "relation": "support"} for p in inf["premises"]]
            edges.append({"from": inf["id"], "to": inf["conclusion"], "relation": "support"})
        else:
            edges.append({"from": inf["premises"][0], "to": inf["conclusion"], "relation": "support"})
    for con in st.conflicts.values():
        relation = {"Concession": "concession", "Undercut": "undercut"}.get(con["kind"], "attack")
        if con["id"] in undercut_targets:
            nodes[con["id"]] = {
                "id": con["id"],
                "kind": con["kind"],
                "text": con["kind"].lower(),
                "joint": True,
                "status": con.get("status"),
            }
            edges.append({"from": con["attacker"], "to": con["id"], "relation": relation})
            edges.append({"from": con["id"], "to": con["target"], "relation": relation})
        else:
            edges.append({"from": con["attacker"], "to": con["target"], "relation": relation})
    edges = [e for e in edges if e["from"] in nodes and e["to"] in nodes]
    return nodes, edges


def layout(st: Structure) -> dict:
    """Positions of every node: theses on top, each reason one layer below what it bears on."""
    nodes, edges = graph_of(st)
    rank = ranks(nodes, edges, [t for t in roots(st) if t in nodes])
    layers: dict[int, list[str]] = {}
    order = {n: i for i, n in enumerate(nodes)}
    for n in sorted(nodes, key=lambda n: (rank[n], order[n])):
        layers.setdefault(rank[n], []).append(n)
    for node in nodes.values():
        if node.get("joint"):
            node["w"], node["h"], node["lines"] = JOINT_W, JOINT_H, [node["text"]]
        else:
            lines = textwrap.wrap(node["text"], WRAP) or [""]
            if len(lines) > MAX_LINES:
                lines = lines[:MAX_LINES]
                lines[-1] = lines[-1][: WRAP - 1] + "…"
            node["w"], node["h"], node["lines"] = BOX_W, 2 * PAD + LINE_H * (len(lines) + 1), lines
    widths = {r: sum(nodes[n]["w"] for n in ns) + GAP_X * (len(ns) - 1) for r, ns in layers.items()}
    total_w = max(widths.values(), default=BOX_W) + 2 * GAP_X
    y = GAP_X
    out_of: dict[str, list[str]] = {}
    for e in edges:
        out_of.setdefault(e["from"], []).append(e["to"])
    for r in sorted(layers):
        ns = layers[r]
        if r > 0:  # order a layer under the things it bears on
            ns.sort(key=lambda n: _mean([nodes[t]["cx"] for t in out_of.get(n, []) if "cx" in nodes[t]]))
        x = (total_w - widths[r]) / 2
        height = max(nodes[n]["h"] for n in ns)
        for n in ns:
            node = nodes[n]
            node["x"], node["y"] = x, y + (height - node["h"]) / 2
            node["cx"] = x + node["w"] / 2
            x += node["w"] + GAP_X
        y += height + GAP_Y
    return {"width": total_w, "height": y - GAP_Y + GAP_X, "nodes": list(nodes.values()), "edges": edges}


def ranks(nodes: dict, edges: list[dict], roots: list[str]) -> dict[str, int]:
    """Each node's layer: one below the lowest thing it bears on (cycles broken where first closed)."""
    incoming: dict[str, list[str]] = {}
    for e in edges:
        incoming.setdefault(e["to"], []).append(e["from"])
    back, state = set(), {}

    def visit(n: str) -> None:  # depth first from the theses; an edge into the current path closes a cycle
        state[n] = "open"
        for src in incoming.get(n, []):
            if state.get(src) == "open":
                back.add((src, n))
            elif src not in state:
                visit(src)
        state[n] = "done"

    for r in roots:
        if r not in state:
            visit(r)
    for n in nodes:
        if n not in state:
            visit(n)
    rank = dict.fromkeys(nodes, 0)
    dag = [(e["from"], e["to"]) for e in edges if (e["from"], e["to"]) not in back and e["from"] != e["to"]]
    for _ in range(len(nodes)):
        changed = False
        for a, b in dag:
            if rank[a] < rank[b] + 1:
                rank[a], changed = rank[b] + 1, True
        if not changed:
            break
    return rank


def _mean(xs: list[float]) -> float:
    return sum(xs) / len(xs) if xs else float("inf")


def render_svg(st: Structure, href) -> str:
    """The diagram as an SVG document; ``href(iri)`` gives each node's link."""
    lay = layout(st)
    nodes = {n["id"]: n for n in lay["nodes"]}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="diagram" viewBox="0 0 {lay["width"]:.0f} '
        f'{lay["height"]:.0f}" width="{lay["width"]:.0f}" height="{lay["height"]:.0f}" role="img" '
        f'aria-label="Argument map diagram">',
        "<defs>",
    ]
    for name, colour in COLOURS.items():
        parts.append(
            f'<marker id="arrow-{name}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
            f'markerHeight="7" orient="auto-start-reverse">'
            f'<path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>'
        )
    parts.append("</defs>")
    ports = _ports(lay["edges"], nodes)
    for i, e in enumerate(lay["edges"]):
        parts.append(_edge(nodes[e["from"]], nodes[e["to"]], e["relation"], ports[i]))
    for n in lay["nodes"]:
        parts.append(_node(n, href(n["id"])))
    parts.append("</svg>")
    return "\n".join(parts)


def _ports(edges: list[dict], nodes: dict) -> list[tuple[float, float]]:
    """Where each edge leaves its source and meets its target: spread along the boxes' edges."""
    out_x: dict[int, float] = {}
    in_x: dict[int, float] = {}
    for end, other, store in (("from", "to", out_x), ("to", "from", in_x)):
        groups: dict[str, list[int]] = {}
        for i, e in enumerate(edges):
            groups.setdefault(e[end], []).append(i)
        for node_id, ids in groups.items():
            n = nodes[node_id]
            ids.sort(key=lambda i: nodes[edges[i][other]]["cx"])
            span = n["w"] * (0.6 if len(ids) > 1 else 0)
            for k, i in enumerate(ids):
                offset = (k / (len(ids) - 1) - 0.5) * span if len(ids) > 1 else 0
                store[i] = n["cx"] + offset
    return [(out_x[i], in_x[i]) for i in range(len(edges))]


def _edge(a: dict, b: dict, relation: str, port: tuple[float, float]) -> str:
    colour = COLOURS[relation]
    dash = ' stroke-dasharray="6 4"' if relation in ("undercut", "concession") else ""
    if a["y"] > b["y"] + b["h"]:  # the usual case: reason below its claim
        x1, y1, x2, y2 = port[0], a["y"], port[1], b["y"] + b["h"]
    elif a["y"] + a["h"] < b["y"]:
        x1, y1, x2, y2 = port[0], a["y"] + a["h"], port[1], b["y"]
    else:  # same layer: side to side
        left = a["x"] < b["x"]
        x1, y1 = (a["x"] + a["w"] if left else a["x"]), a["y"] + a["h"] / 2
        x2, y2 = (b["x"] if left else b["x"] + b["w"]), b["y"] + b["h"] / 2
        return (
            f'<path class="edge edge-{relation}" d="M{x1:.1f},{y1:.1f} C{(x1 + x2) / 2:.1f},{y1 - 40:.1f} '
            f'{(x1 + x2) / 2:.1f},{y2 - 40:.1f} {x2:.1f},{y2:.1f}" fill="none" stroke="{colour}" '
            f'stroke-width="2"{dash} marker-end="url(#arrow-{relation})"/>'
        )
    my = (y1 + y2) / 2
    return (
        f'<path class="edge edge-{relation}" d="M{x1:.1f},{y1:.1f} C{x1:.1f},{my:.1f} {x2:.1f},{my:.1f} '
        f'{x2:.1f},{y2:.1f}" fill="none" stroke="{colour}" stroke-width="2"{dash} '
        f'marker-end="url(#arrow-{relation})"/>'
    )


def _node(n: dict, link: str) -> str:
    said = f" ({n.get('why') or n['status']})" if n.get("status") else ""
    title = f"<title>{escape(n['kind'])}: {escape(n['text'])}{escape(said)}</title>"
    status = f" status-{n['status']}" if n.get("status") else ""
    if n.get("joint"):
        colour = COLOURS["support"] if n["kind"] == "Inference" else COLOURS["concession"]
        return (
            f'<a href="{escape(link)}" class="node joint{status}">{title}<rect x="{n["x"]:.1f}" y="{n["y"]:.1f}" '
            f'width="{n["w"]}" height="{n["h"]}" rx="13" fill="#fff" stroke="{colour}" stroke-width="2"/>'
            f'<text x="{n["cx"]:.1f}" y="{n["y"] + 17:.1f}" text-anchor="middle" class="joint-label" '
            f'fill="{colour}">{escape(n["text"])}</text></a>'
        )
    css = ("thesis" if n["kind"] == "Thesis" else "statement") + status
    lines = [
        f'<text x="{n["x"] + PAD:.1f}" y="{n["y"] + PAD + 11:.1f}" class="kind">'
        f"{escape(_label(n['kind']))}</text>"
    ]
    if n.get("status"):
        lines.append(
            f'<text x="{n["x"] + n["w"] - PAD:.1f}" y="{n["y"] + PAD + 11:.1f}" text-anchor="end" '
            f'class="status-label">{escape(n["status"])}</text>'
        )
    for i, line in enumerate(n["lines"], 1):
        lines.append(
            f'<text x="{n["x"] + PAD:.1f}" y="{n["y"] + PAD + 12 + LINE_H * i:.1f}" class="text">'
            f"{escape(line)}</text>"
        )
    return (
        f'<a href="{escape(link)}" class="node {css}">{title}<rect x="{n["x"]:.1f}" y="{n["y"]:.1f}" '
        f'width="{n["w"]}" height="{n["h"]}" rx="6"/>' + "".join(lines) + "</a>"
    )


def _label(kind: str) -> str:
    spaced = "".join(" " + c.lower() if c.isupper() else c for c in kind).strip()
    return spaced.replace(" statement", "")
