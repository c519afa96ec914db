"""Claim trees: a thesis with its reasons and objections below it, as nested dicts.

Each node is ``{"id", "text", "kind", "relation", "quote", "speaker", "status", "children", ...}``
where ``relation`` says how the node bears on its parent:

- ``support``: a reason (a statement, or an inference grouping linked premises);
- ``premise``: one of the linked premises inside an inference node;
- ``attack``: an objection (rebuttal or undermining; ``conflict`` names the conflict node);
- ``concession``: a point the author grants against the parent;
- ``undercut``: an attack on an inference (shown on the inference node) or on a conflict
  (shown under the attacker of that conflict).

An inference becomes a node of its own when it has several premises (linked) or is undercut;
otherwise its single premise hangs directly under the conclusion. A statement reached a
second time (a DAG or a cycle) is shown once in full and afterwards as ``"ref": true`` with
no children, so every tree is finite.
"""

from __future__ import annotations

import pyoxigraph as ox

from claims.structure import Structure, read_structure
from ontology.vocab import slug_of

STATEMENT_FIELDS = (
    "text",
    "kind",
    "kinds",
    "quote",
    "speaker",
    "status",
    "status_explanation",
    "evidence",
    "span",
    "note",
)


def claim_tree(store: ox.Store, thesis: str) -> dict:
    """The claim tree rooted at ``thesis`` (an IRI); raises ``KeyError`` if it is no statement."""
    slug = slug_of(thesis)
    if slug is None:
        raise KeyError(thesis)
    return tree_of(read_structure(store, slug), thesis)


def claim_trees(store: ox.Store, slug: str) -> list[dict]:
    """One claim tree per root of map ``slug`` (its theses, or else its top conclusions)."""
    st = read_structure(store, slug)
    return [tree_of(st, r) for r in roots(st)]


def roots(st: Structure) -> list[str]:
    """Where a map's trees start: its theses; failing those (imported maps have none), its top
    conclusions, i.e. statements that support nothing and attack nothing, in text order. If
    statements are still out of reach (two claims rebutting each other, with nothing above),
    the unreached ones that support nothing follow, those with the most reasons first."""
    theses = [t for t in st.theses if t in st.statements]
    if theses:
        return theses
    premises = {p for inf in st.inferences.values() for p in inf["premises"]}
    attackers = {c["attacker"] for c in st.conflicts.values()}
    top = sorted(
        (s for s in st.statements if s not in premises | attackers), key=lambda s: _text_position(st, s)
    )
    placed = {n["id"] for r in top for n in walk(tree_of(st, r))}
    reasons: dict[str, int] = {}
    for inf in st.inferences.values():
        reasons[inf["conclusion"]] = reasons.get(inf["conclusion"], 0) + 1
    rest = [s for s in st.statements if s not in premises and s not in placed]
    for s in sorted(rest, key=lambda s: (-reasons.get(s, 0), _text_position(st, s))):
        if s not in placed:
            top.append(s)
            placed |= {n["id"] for n in walk(tree_of(st, s))}
    return top


def unplaced(st: Structure, trees: list[dict]) -> list[str]:
    """Statements that no tree reaches (e.g. a support cycle with no top), in text order."""
    placed = {n["id"] for t in trees for n in walk(t)}
    return sorted((s for s in st.statements if s not in placed), key=lambda s: _text_position(st, s))


def _text_position(st: Structure, iri: str) -> tuple:
    span = st.statements[iri].get("span")
    return (span[0] if span else float("inf"), iri)


def tree_of(st: Structure, root: str) -> dict:
    """The claim tree of ``root`` within an already read structure."""
    if root not in st.statements:
        raise KeyError(root)
    return _Builder(st).statement(root, None, set())


class _Builder:
    def __init__(self, st: Structure):
        self.st = st
        self.seen: set[str] = set()
        self.by_conclusion: dict[str, list[dict]] = {}
        self.by_target: dict[str, list[dict]] = {}
        for inf in st.inferences.values():
            self.by_conclusion.setdefault(inf["conclusion"], []).append(inf)
        for con in st.conflicts.values():
            self.by_target.setdefault(con["target"], []).append(con)

    def statement(self, iri: str, relation: str | None, extra: dict | None, via: str | None = None) -> dict:
        data = self.st.statements.get(iri, {"text": None, "kind": "Statement"})
        node = {"id": iri, "relation": relation, **{k: data.get(k) for k in STATEMENT_FIELDS}}
        node.update(extra or {})
        node["children"] = []
        if iri in self.seen:
            node["ref"] = True
            return node
        self.seen.add(iri)
        node["ref"] = False
        if via is not None:  # undercuts of the conflict that brought this attacker here
            node["children"] += self.undercuts(via)
        node["children"] += self.reasons(iri)
        node["children"] += self.objections(iri)
        return node

    def reasons(self, iri: str) -> list[dict]:
        out = []
        for inf in sorted(self.by_conclusion.get(iri, []), key=lambda i: self.position(i["premises"])):
            undercuts = self.by_target.get(inf["id"], [])
            info = {"inference": inf["id"], "scheme": inf["scheme_label"]}
            if len(inf["premises"]) == 1 and not undercuts:
                out.append(self.statement(inf["premises"][0], "support", info))
                continue
            out.append(self.inference(inf))
        return out

    def position(self, statements: list[str]) -> tuple:
        """Order siblings as the text does: by their first quote's offset, unquoted ones last."""
        starts = [(self.st.statements.get(s) or {}).get("span") for s in statements]
        known = [span[0] for span in starts if span]
        return (min(known) if known else float("inf"), statements[0])

    def inference(self, inf: dict) -> dict:
        linked = len(inf["premises"]) > 1
        node = {
            "id": inf["id"],
            "relation": "support",
            "text": inf["text"] or inf["scheme_label"] or ("linked reasons" if linked else "inference"),
            "kind": "Inference",
            "kinds": ["Inference"],
            "quote": None,
            "speaker": None,
            "status": inf["status"],
            "scheme": inf["scheme_label"],
            "linked": linked,
            "ref": False,
        }
        children = [self.statement(p, "premise", None) for p in inf["premises"]]
        node["children"] = children + self.undercuts(inf["id"])
        return node

    def objections(self, iri: str) -> list[dict]:
        out = []
        for con in sorted(self.by_target.get(iri, []), key=lambda c: self.position([c["attacker"]])):
            if con["kind"] == "Undercut":
                continue  # an undercut on a statement is malformed; shapes report it
            relation = "concession" if con["kind"] == "Concession" else "attack"
            extra = {"conflict": con["id"], "conflict_kind": con["kind"]}
            out.append(self.statement(con["attacker"], relation, extra, via=con["id"]))
        return out

    def undercuts(self, target: str) -> list[dict]:
        return [
            self.statement(
                con["attacker"],
                "undercut",
                {"conflict": con["id"], "conflict_kind": con["kind"]},
                via=con["id"],
            )
            for con in self.by_target.get(target, [])
            if con["kind"] == "Undercut"
        ]


def walk(tree: dict):
    """Every node of a tree, depth first."""
    yield tree
    for child in tree["children"]:
        yield from walk(child)
