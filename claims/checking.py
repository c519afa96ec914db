"""Check maps: SHACL shapes and quote anchoring, each problem with file, line, node and rule."""

from __future__ import annotations

import re
from functools import lru_cache

from rdflib import BNode, Graph, URIRef

from claims.anchoring import quote_errors, quote_records
from claims.errors import Problem
from claims.loading import LoadedMap
from ontology import load_ontology
from ontology.validation import validate
from ontology.vocab import AM


def check_map(m: LoadedMap, checker: str = "native") -> list[Problem]:
    """Every problem in one loaded map; an empty list means it is well formed.

    ``checker`` runs the SHACL shapes natively (default) or with pyshacl (``shacl``).
    """
    problems = []
    locate = _Locator(m)
    report = validate(m.graph, checker)
    for v in report.violations:
        owner = locate.owner(v.focus)
        problems.append(Problem(str(m.path), locate.line(owner), owner, v.rule, v.message))
    for record in quote_records(m.graph):
        text = m.sources.get(record.source) if record.source is not None else None
        if text is None:
            continue  # the SHACL shapes report a missing or unreadable source
        for message in quote_errors(record, text):
            node = str(record.statement)
            problems.append(Problem(str(m.path), locate.line(node), node, "quote-anchor", message))
    for inference, question in unknown_critical_questions(m.graph):
        message = f"am:answersCriticalQuestion {question!r} is not a critical question of its am:scheme"
        problems.append(Problem(str(m.path), locate.line(inference), inference, "critical-question", message))
    return sorted(set(problems), key=lambda p: (p.line or 0, p.rule, p.message))


def unknown_critical_questions(graph: Graph) -> list[tuple[str, str]]:
    """(inference, question) pairs marked answered that are no question of the inference's scheme."""
    questions = _critical_questions()
    bad = []
    for inference, question in graph.subject_objects(AM.answersCriticalQuestion):
        known = {q for s in graph.objects(inference, AM.scheme) for q in questions.get(str(s), ())}
        if str(question) not in known:
            bad.append((str(inference), str(question)))
    return bad


@lru_cache(maxsize=1)
def _critical_questions() -> dict[str, frozenset[str]]:
    """Each scheme's critical questions, as the ontology lists them."""
    found: dict[str, set[str]] = {}
    for scheme, question in load_ontology().subject_objects(AM.criticalQuestion):
        found.setdefault(str(scheme), set()).add(str(question))
    return {s: frozenset(q) for s, q in found.items()}


class _Locator:
    """Finds the line of the file where a node is described."""

    def __init__(self, m: LoadedMap):
        self.graph: Graph = m.graph
        self.lines = m.path.read_text(encoding="utf-8").splitlines()
        self.base = str(m.iri) + "/"

    def owner(self, focus: str) -> str:
        """The named node a (skolemized) anchor or selector belongs to."""
        node = URIRef(focus)
        for _ in range(4):
            if "/.well-known/genid/" not in str(node) and not isinstance(node, BNode):
                return str(node)
            parent = next(iter(self.graph.subjects(None, node)), None)
            if parent is None:
                break
            node = parent
        return str(node)

    def line(self, node: str | None) -> int | None:
        if node is None:
            return None
        names = [f"<{node}>"]
        if node.startswith(self.base):
            names.append(":" + node[len(self.base) :])
        local = re.split(r"[/#]", node)[-1]
        if local:  # the file may bind ``:`` (or another prefix) to a base other than its slug
            names.append(re.compile(r"[A-Za-z][\w.-]*:" + re.escape(local) + r"|:" + re.escape(local)))
        for name in names:
            pattern = _at_line_start(name)
            for i, line in enumerate(self.lines, 1):
                if pattern.match(line):
                    return i
        for name in names:
            pattern = _anywhere(name)
            for i, line in enumerate(self.lines, 1):
                if pattern.search(line):
                    return i
        return None


def _at_line_start(name: str | re.Pattern) -> re.Pattern:
    body = name.pattern if isinstance(name, re.Pattern) else re.escape(name)
    return re.compile(r"^\s*(?:" + body + r")(\s|$)")


def _anywhere(name: str | re.Pattern) -> re.Pattern:
    body = name.pattern if isinstance(name, re.Pattern) else re.escape(name)
    return re.compile(r"(?:" + body + r")(?![\w-])")
