"""AIF JSON in: the old AIFdb nodeset shape ``{"nodes", "edges"}`` and the OVA3/xAIF shape
``{"AIF": {...}, "text", "OVA"}``, as an argmap graph.

AIF JSON edges carry no role: the role follows from the types at the two ends. Every edge
runs into or out of exactly one scheme node (RA, CA, MA, PA, YA, TA), which owns it:

=====  ============================  ============================
node   edge in (from X)              edge out (to Y)
=====  ============================  ============================
RA     ``am:premise X``              ``am:conclusion Y``
CA     ``am:attacker X``             ``am:target Y``
MA     ``am:original X``             ``am:reformulation Y``
PA     ``am:preferred X``            ``am:dispreferred Y``
YA     ``am:illocutionOf X``         ``am:illocutionContent Y``
TA     ``am:startLocution X``        ``am:endLocution Y``
=====  ============================  ============================

Node ids are kept as ``dcterms:identifier`` (so an export writes the same ids back), S-node
texts as ``am:text``, timestamps as ``dcterms:created``. A broken file raises
:class:`~claims.errors.MapError` naming every problem with its node id; nothing is returned.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from rdflib import RDF, Graph, Literal, URIRef

from claims.aifterms import CLASSES, ROLES
from claims.errors import MapError, Problem
from claims.importers.common import (
    add_source,
    anchor_if_verbatim,
    local_iri,
    new_map_graph,
    scheme_for,
    speaker_for,
)
from ontology.vocab import AM, DCTERMS

#: When both ends are scheme nodes, the dialogue nodes own the edge first, then conflicts.
OWNER_RANK = {"YA": 0, "TA": 1, "CA": 2, "RA": 3, "MA": 4, "PA": 5}
#: S-node texts that only repeat the type: they name no scheme.
GENERIC = {"ra", "ca", "ma", "pa", "ya", "ta", "default inference", "default conflict", "default rephrase"}
_SAYS = re.compile(r"^(?P<who>.{1,80}?) says '(?P<words>.*)'$", re.S)
_COLON = re.compile(r"^\|?(?P<who>[A-Z][\w .'-]{0,40}):\s+\S")


def read_aif(path: Path) -> dict:
    """Parse an AIF JSON file, or raise :class:`MapError` with the line and column of bad JSON."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise MapError([Problem(str(path), None, None, "read", str(e))]) from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        raise MapError(
            [
                Problem(
                    str(path), e.lineno, None, "json-syntax", f"{e.msg} (line {e.lineno}, column {e.colno})"
                )
            ]
        ) from None
    if not isinstance(doc, dict):
        raise MapError([Problem(str(path), 1, None, "aif-shape", "an AIF file is a JSON object")])
    return doc


def import_aif(path: Path, slug: str, title: str | None = None) -> Graph:
    """The AIF JSON file ``path`` as the graph of imported map ``slug``."""
    path = Path(path)
    doc = read_aif(path)
    return AifConverter(doc, str(path), path.read_text(encoding="utf-8"), slug, title or path.stem).run()


def plain_text(markup: str) -> str:
    """The text of OVA's HTML-ish ``text`` field: tags dropped, line breaks kept, entities decoded."""
    text = re.sub(r"<br\s*/?>", "\n", markup, flags=re.I)
    text = re.sub(r"<[^>]+>", "", text)
    return html.unescape(text)


class AifConverter:
    """One conversion: collects every problem before giving up."""

    def __init__(self, doc: dict, file: str, raw: str, slug: str, title: str):
        self.file, self.raw, self.slug, self.title = file, raw, slug, title
        self.problems: list[Problem] = []
        body = doc.get("AIF") if isinstance(doc.get("AIF"), dict) else doc
        self.xaif = body is not doc
        if not isinstance(body.get("nodes"), list) or not isinstance(body.get("edges"), list):
            raise MapError(
                [
                    Problem(
                        file,
                        1,
                        None,
                        "aif-shape",
                        'expected {"nodes": [...], "edges": [...]} or {"AIF": {...}}',
                    )
                ]
            )
        self.doc, self.body = doc, body
        self.g = new_map_graph(slug, title, Path(file).name, "aif-json")

    def fail(self, node, rule: str, message: str) -> None:
        self.problems.append(
            Problem(self.file, self._line(node), None if node is None else str(node), rule, message)
        )

    def _line(self, node) -> int | None:
        if node is None:
            return None
        m = re.search(r'"nodeID"\s*:\s*"?' + re.escape(str(node)) + r'"?\s*[,}]', self.raw)
        return self.raw.count("\n", 0, m.start()) + 1 if m else None

    def run(self) -> Graph:
        nodes = self._nodes()
        self._edges(nodes)
        self._schemes(nodes)
        self._speakers(nodes)
        self._check_structure(nodes)
        if self.problems:
            raise MapError(self.problems)
        self._anchor(nodes)
        return self.g

    def _nodes(self) -> dict[str, tuple[str, URIRef]]:
        nodes: dict[str, tuple[str, URIRef]] = {}
        for n in self.body["nodes"]:
            if not isinstance(n, dict) or "nodeID" not in n:
                self.fail(None, "aif-node", f"a node without a nodeID: {json.dumps(n)[:80]}")
                continue
            nid, kind, text = n["nodeID"], n.get("type"), n.get("text")
            key = str(nid)
            if key in nodes:
                self.fail(key, "aif-node", f"node id {key} is used twice")
                continue
            if kind not in CLASSES:
                self.fail(
                    key,
                    "aif-node-type",
                    f"node {key} has unknown type {kind!r} (expected one of {', '.join(CLASSES)})",
                )
                continue
            if not isinstance(text, str) or (kind == "I" and not text.strip()):
                self.fail(key, "aif-node-text", f"{kind}-node {key} has no text")
                continue
            iri = local_iri(self.slug, "n", key)
            nodes[key] = (kind, iri)
            self.g.add((iri, RDF.type, CLASSES[kind]))
            self.g.add((iri, AM.text, Literal(text)))
            self.g.add((iri, DCTERMS.identifier, Literal(nid)))
            if n.get("timestamp"):
                self.g.add((iri, DCTERMS.created, Literal(str(n["timestamp"]))))
        return nodes

    def _edges(self, nodes: dict) -> None:
        for e in self.body["edges"]:
            eid = e.get("edgeID") if isinstance(e, dict) else None
            ends = [
                str(e.get(k)) if isinstance(e, dict) and e.get(k) is not None else None
                for k in ("fromID", "toID")
            ]
            missing = [k for k, end in zip(("fromID", "toID"), ends, strict=True) if end not in nodes]
            if missing:
                for k, end in zip(("fromID", "toID"), ends, strict=True):
                    if end not in nodes:
                        self.fail(
                            end, "aif-dangling-edge", f"edge {eid}: {k} {end} is not a node of the file"
                        )
                continue
            (a_kind, a), (b_kind, b) = nodes[ends[0]], nodes[ends[1]]
            owners = [(OWNER_RANK[k], side) for k, side in ((a_kind, "from"), (b_kind, "to")) if k in ROLES]
            if not owners:
                self.fail(
                    ends[0],
                    "aif-edge",
                    f"edge {eid} joins {a_kind}-node {ends[0]} to {b_kind}-node "
                    f"{ends[1]} with no scheme node between them",
                )
                continue
            side = sorted(owners)[0][1] if len(owners) == 1 or owners[0][0] != owners[1][0] else "to"
            if side == "to":
                self.g.add((b, ROLES[b_kind][0], a))
            else:
                self.g.add((a, ROLES[a_kind][1], b))

    def _schemes(self, nodes: dict) -> None:
        named: dict[str, str] = {}
        for n in self.body["nodes"]:
            if isinstance(n, dict) and isinstance(n.get("scheme"), str) and n["scheme"].strip():
                named[str(n.get("nodeID"))] = n["scheme"]
        for key, (kind, iri) in nodes.items():
            if kind != "RA":
                continue
            name = named.get(key) or str(self.g.value(iri, AM.text) or "")
            if name.strip() and name.strip().lower() not in GENERIC:
                self.g.add((iri, AM.scheme, scheme_for(self.g, self.slug, name)))

    def _speakers(self, nodes: dict) -> None:
        people = {}
        for p in self.body.get("participants") or []:
            name = " ".join(
                str(p.get(k) or "") for k in ("firstname", "surname") if p.get(k) not in (None, "None")
            )
            if name.strip():
                people[str(p.get("participantID"))] = name.strip()
        said_by = {
            str(loc.get("nodeID")): people.get(str(loc.get("personID")))
            for loc in self.body.get("locutions") or []
        }
        for key, (kind, iri) in nodes.items():
            if kind != "L":
                continue
            name = said_by.get(key) or _speaker_in(str(self.g.value(iri, AM.text)))
            if not name:
                continue
            speaker = speaker_for(self.g, self.slug, name)
            self.g.add((iri, AM.speaker, speaker))
            for ya in self.g.subjects(AM.illocutionOf, iri):
                for content in self.g.objects(ya, AM.illocutionContent):
                    if (content, RDF.type, AM.Statement) in self.g:
                        self.g.add((content, AM.assertedBy, speaker))

    def _check_structure(self, nodes: dict) -> None:
        by_iri = {iri: (key, kind) for key, (kind, iri) in nodes.items()}
        for key, (kind, iri) in nodes.items():
            if kind == "RA":
                premises = list(self.g.objects(iri, AM.premise))
                conclusions = list(self.g.objects(iri, AM.conclusion))
                if not premises:
                    self.fail(key, "aif-ra", f"RA-node {key} has no premise (no edge into it)")
                if len(conclusions) != 1:
                    self.fail(
                        key, "aif-ra", f"RA-node {key} needs exactly one conclusion, has {len(conclusions)}"
                    )
                for end in premises + conclusions:
                    if by_iri[end][1] != "I":
                        self.fail(
                            key,
                            "aif-ra",
                            f"RA-node {key} links {by_iri[end][1]}-node {by_iri[end][0]}; "
                            "premises and conclusions are I-nodes",
                        )
            if kind == "CA":
                attackers = list(self.g.objects(iri, AM.attacker))
                targets = list(self.g.objects(iri, AM.target))
                if len(attackers) != 1 or len(targets) != 1:
                    self.fail(
                        key,
                        "aif-ca",
                        f"CA-node {key} needs one attacker and one target, has "
                        f"{len(attackers)} and {len(targets)}",
                    )
                for end in attackers:
                    if by_iri[end][1] != "I":
                        self.fail(
                            key,
                            "aif-ca",
                            f"CA-node {key}'s attacker {by_iri[end][0]} is a "
                            f"{by_iri[end][1]}-node; attackers are I-nodes",
                        )
                if any(by_iri[t][1] in ("RA", "CA") for t in targets):
                    self.g.add((iri, RDF.type, AM.Undercut))

    def _anchor(self, nodes: dict) -> None:
        markup = self.doc.get("text") if self.xaif else None
        if not isinstance(markup, str) or not plain_text(markup).strip():
            return
        text = plain_text(markup)
        doc = add_source(self.g, self.slug, self.title, text)
        for kind, iri in nodes.values():
            if kind == "I":
                anchor_if_verbatim(self.g, iri, doc, text, str(self.g.value(iri, AM.text)))


def _speaker_in(words: str) -> str | None:
    """The speaker an L-node's text names: ``Bob says 'x'`` or ``Bob: x``."""
    for pattern in (_SAYS, _COLON):
        m = pattern.match(words)
        if m:
            return m.group("who").strip()
    return None
