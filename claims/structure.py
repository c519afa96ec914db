"""A map's argument structure read from the store: statements, inferences and conflicts.

One pass of a few SELECT queries over the map's asserted graph (and its labels graph, if
any; scheme names from the ontology's graph or the map's: every pattern names its graph, so
the cost does not grow with the corpus) gives plain dicts that the claim tree, the statement pages and the diagram share.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from claims.querying import select_rows
from ontology.vocab import AM, ONTOLOGY_GRAPH, asserted_graph, labels_graph, map_iri

#: Statement kinds from most to least telling: a node's ``kind`` is the first it has.
KIND_ORDER = (
    "Thesis",
    "Statistic",
    "EventReport",
    "Quotation",
    "Example",
    "Evidence",
    "ReportedSpeech",
    "ImplicitStatement",
    "RetractedStatement",
    "CausalStatement",
    "PredictiveStatement",
    "NormativeStatement",
    "EvaluativeStatement",
    "FactualStatement",
    "Statement",
)
EVIDENCE_KINDS = frozenset({"Evidence", "Statistic", "EventReport", "Quotation", "Example"})
CONFLICT_KINDS = ("Concession", "Undercut", "Undermining", "Rebuttal", "Conflict")


@dataclass
class Structure:
    """The argument of one map, keyed by node IRI."""

    slug: str
    title: str | None = None
    theses: list[str] = field(default_factory=list)
    statements: dict[str, dict] = field(default_factory=dict)
    inferences: dict[str, dict] = field(default_factory=dict)
    conflicts: dict[str, dict] = field(default_factory=dict)

    def kind_of(self, iri: str) -> str | None:
        if iri in self.statements:
            return self.statements[iri]["kind"]
        if iri in self.inferences:
            return "Inference"
        if iri in self.conflicts:
            return self.conflicts[iri]["kind"]
        return None


_STATEMENTS = """
SELECT ?s ?type ?text ?exact ?start ?end ?source ?speaker ?name ?note ?status ?why WHERE {
  GRAPH <%(a)s> {
    ?s a ?type ; am:inMap <%(m)s> .
    OPTIONAL { ?s am:text ?text }
    OPTIONAL { ?s am:note ?note }
    OPTIONAL { ?s am:anchor/oa:hasTarget ?t . ?t oa:hasSource ?source .
               OPTIONAL { ?t oa:hasSelector/oa:exact ?exact }
               OPTIONAL { ?t oa:hasSelector ?ps . ?ps oa:start ?start ; oa:end ?end } }
    OPTIONAL { ?s am:assertedBy ?speaker . OPTIONAL { ?speaker am:name ?name } }
    OPTIONAL { GRAPH <%(l)s> { ?s am:status ?status OPTIONAL { ?s am:statusExplanation ?why } } }
  }
}
"""

_INFERENCES = """
SELECT ?i ?premise ?conclusion ?scheme ?label ?text ?status WHERE {
  GRAPH <%(a)s> { ?i a am:Inference ; am:conclusion ?conclusion ; am:premise ?premise .
                  OPTIONAL { ?i am:text ?text } OPTIONAL { ?i am:scheme ?scheme } }
  OPTIONAL { { GRAPH <%(o)s> { ?scheme rdfs:label ?label } } UNION { GRAPH <%(a)s> { ?scheme rdfs:label ?label } } }
  OPTIONAL { GRAPH <%(l)s> { ?i am:status ?status } }
} ORDER BY ?i ?premise
"""

_CONFLICTS = """
SELECT ?c ?type ?attacker ?target ?text ?status WHERE {
  GRAPH <%(a)s> { ?c a ?type ; am:attacker ?attacker ; am:target ?target . OPTIONAL { ?c am:text ?text } }
  OPTIONAL { GRAPH <%(l)s> { ?c am:status ?status } }
} ORDER BY ?c
"""

_MAP = """
SELECT ?title ?thesis WHERE {
  GRAPH <%(a)s> { OPTIONAL { <%(m)s> dcterms:title ?title } OPTIONAL { ?thesis am:thesisOf <%(m)s> } }
} ORDER BY ?thesis
"""


def read_structure(store: ox.Store, slug: str) -> Structure:
    """The statements, inferences and conflicts of map ``slug`` (empty if there is no such map)."""
    names = {"a": asserted_graph(slug), "l": labels_graph(slug), "m": map_iri(slug), "o": ONTOLOGY_GRAPH}
    st = Structure(slug)
    for row in select_rows(store, _MAP % names):
        st.title = st.title or _v(row, "title")
        if "thesis" in row and row["thesis"].value not in st.theses:
            st.theses.append(row["thesis"].value)
    kinds: dict[str, set[str]] = {}
    for row in select_rows(store, _STATEMENTS % names):
        iri = row["s"].value
        kinds.setdefault(iri, set()).add(_local(row["type"].value))
        node = st.statements.setdefault(iri, {"id": iri})
        for key, var in (
            ("text", "text"),
            ("quote", "exact"),
            ("source", "source"),
            ("note", "note"),
            ("status_explanation", "why"),
        ):
            node[key] = node.get(key) or _v(row, var)
        node["speaker"] = node.get("speaker") or _v(row, "name")
        node["speaker_id"] = node.get("speaker_id") or _v(row, "speaker")
        node["status"] = node.get("status") or _status(row)
        if "start" in row and "end" in row:
            node["span"] = [int(row["start"].value), int(row["end"].value)]
        node.setdefault("span", None)
    for iri, found in kinds.items():
        statement_kinds = [k for k in KIND_ORDER if k in found]
        if not statement_kinds:  # an inference or conflict, also in this map
            del st.statements[iri]
            continue
        node = st.statements[iri]
        node["kinds"] = statement_kinds
        node["kind"] = statement_kinds[0]
        node["evidence"] = bool(EVIDENCE_KINDS & found)
    for row in select_rows(store, _INFERENCES % names):
        iri = row["i"].value
        inf = st.inferences.setdefault(
            iri,
            {
                "id": iri,
                "conclusion": row["conclusion"].value,
                "premises": [],
                "scheme": _v(row, "scheme"),
                "scheme_label": _v(row, "label"),
                "text": _v(row, "text"),
                "status": _status(row),
            },
        )
        if row["premise"].value not in inf["premises"]:
            inf["premises"].append(row["premise"].value)
    for row in select_rows(store, _CONFLICTS % names):
        iri = row["c"].value
        kind = _local(row["type"].value)
        if kind not in CONFLICT_KINDS:
            continue
        old = st.conflicts.get(iri)
        if old and CONFLICT_KINDS.index(old["kind"]) <= CONFLICT_KINDS.index(kind):
            continue
        st.conflicts[iri] = {
            "id": iri,
            "kind": kind,
            "attacker": row["attacker"].value,
            "target": row["target"].value,
            "text": _v(row, "text"),
            "status": _status(row),
        }
    return st


def _v(row: dict, name: str) -> str | None:
    return row[name].value if name in row else None


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _status(row: dict) -> str | None:
    if "status" not in row:
        return None
    value = row["status"].value
    return _local(value).lower() if value.startswith(str(AM)) else value
