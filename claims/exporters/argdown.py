"""Argdown of a map: statements as ``[Title]: text``, each inference as an argument with a
premise–conclusion structure, conflicts as ``->`` (statement targets) or ``_>`` (inferences).
What Argdown cannot say (rephrases, preferences, dialogue, attacks on conflicts) is listed in
a comment. The output reads back with :mod:`claims.importers.argdown`.
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from claims.exporters.view import MapView, map_view


def export_argdown(store: ox.Store, slug: str) -> str:
    """The map ``slug`` as Argdown text."""
    return view_to_argdown(map_view(store, slug))


def view_to_argdown(view: MapView) -> str:
    titles = _titles(view)
    nodes = view.nodes
    out = ["===", f"title: {_yaml(view.title)}", "===", ""]
    statements = [n for n in nodes.values() if n.kind == "I"]
    for n in statements:
        out += [f"[{titles[n.iri]}]: {_one_line(n.text)}{_tags(n.tags)}", ""]
    premises: dict[str, list[str]] = {}
    conclusion: dict[str, str] = {}
    attacks: dict[str, tuple[str, str]] = {}
    for e in view.edges:
        if e.role == "premise":
            premises.setdefault(e.target, []).append(e.source)
        elif e.role == "conclusion":
            conclusion[e.source] = e.target
        elif e.role == "attacker":
            attacks.setdefault(e.target, ("", ""))
            attacks[e.target] = (e.source, attacks[e.target][1])
        elif e.role == "target":
            attacks.setdefault(e.source, ("", ""))
            attacks[e.source] = (attacks[e.source][0], e.target)
    for n in nodes.values():
        if n.kind != "RA" or n.iri not in conclusion or not premises.get(n.iri):
            continue
        head = f"<{titles[n.iri]}>"
        text = _one_line(n.text)
        out += [f"{head}: {text}{_tags(n.tags)}" if text else head, ""]
        for i, p in enumerate(premises[n.iri], 1):
            out.append(f"({i}) [{titles[p]}]")
        rule = ", ".join(n.schemes)
        out.append(f"-- {rule} --" if rule else "----")
        out += [f"({len(premises[n.iri]) + 1}) [{titles[conclusion[n.iri]]}]", ""]
    left_out: dict[str, int] = {}
    for attacker, target in attacks.values():
        kind = nodes[target].kind if target in nodes else None
        if attacker not in nodes or nodes[attacker].kind != "I" or kind not in ("I", "RA"):
            left_out["attack on a conflict"] = left_out.get("attack on a conflict", 0) + 1
            continue
        if kind == "I":
            out += [f"[{titles[attacker]}]", f"  -> [{titles[target]}]", ""]
        else:
            out += [f"[{titles[attacker]}]", f"  _> <{titles[target]}>", ""]
    names = {"MA": "rephrase", "PA": "preference", "L": "locution", "YA": "illocution", "TA": "transition"}
    for n in nodes.values():
        if n.kind in names:
            left_out[names[n.kind]] = left_out.get(names[n.kind], 0) + 1
    if left_out:
        listed = ", ".join(f"{v} {k}(s)" for k, v in sorted(left_out.items()))
        out.append(f"// Not expressible in Argdown and left out: {listed}.")
    return "\n".join(out).rstrip() + "\n"


def _titles(view: MapView) -> dict[str, str]:
    """A unique title per node: its label, else its local name (Argdown titles have no brackets)."""
    titles, used = {}, set()
    for n in view.nodes.values():
        base = n.label or n.iri.rsplit("/", 1)[-1]
        base = re.sub(r"[\[\]<>]", "", " ".join(base.split())).strip() or "node"
        title, k = base, 1
        while title.lower() in used:
            k += 1
            title = f"{base} {k}"
        used.add(title.lower())
        titles[n.iri] = title
    return titles


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _tags(tags: list[str]) -> str:
    return "".join(f" #{t}" if re.fullmatch(r"[\w-]+", t) else f" #({t})" for t in tags)


def _yaml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
