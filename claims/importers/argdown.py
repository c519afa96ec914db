"""Argdown in: the classic syntax (see :mod:`claims.importers.argdown_parse`) as an argmap graph.

- a statement (``[Title]``, untitled paragraph or numbered line) → ``am:Statement``; one per title
  (Argdown's equivalence class), its first text as ``am:text``, the title as ``rdfs:label``;
- an argument with a premise–conclusion structure → one ``am:Inference`` per inference line
  (premises: ``{uses: [...]}`` or every line since the previous conclusion; rules → schemes);
- a sketched argument (no structure) → a statement of its gist, which is what it asserts when
  it supports (an inference) or attacks (a conflict);
- ``+``/``+>`` → an inference; ``-``/``->`` → a conflict; ``><`` → a rebuttal each way;
  ``_>``/``<_`` → an undercut of the argument's inferences (or, for a sketched argument that
  only attacks, of its conflicts); ``#tags`` → ``am:tag``.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal, URIRef

from claims.errors import MapError, Problem
from claims.importers.argdown_parse import ArgdownSyntaxError, Document, Element, Pcs, parse
from claims.importers.common import new_map_graph, scheme_for, slugify
from ontology.vocab import AM, DCTERMS, map_iri, node_base


def import_argdown(path: Path, slug: str, title: str | None = None) -> Graph:
    """The Argdown file ``path`` as the graph of imported map ``slug``."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise MapError([Problem(str(path), None, None, "read", str(e))]) from None
    try:
        doc = parse(text)
        return _Mapper(doc, slug, title or str(doc.front.get("title") or path.stem), path.name).run()
    except ArgdownSyntaxError as e:
        raise MapError(
            [Problem(str(path), e.line, None, "argdown-syntax", f"column {e.column}: {e.message}")]
        ) from None


class _Mapper:
    def __init__(self, doc: Document, slug: str, title: str, file_name: str):
        self.doc, self.slug = doc, slug
        self.g = new_map_graph(slug, " ".join(title.split()), file_name, "argdown")
        self.statements: dict[str, URIRef] = {}
        self.gists: dict[str, URIRef] = {}
        self.arguments: dict[str, Element] = {}
        self.structures: dict[str, list[URIRef]] = {}
        self.final: dict[str, URIRef] = {}
        self.ids: set[str] = set()
        self.untitled = 0
        self.count = 0

    def run(self) -> Graph:
        m = map_iri(self.slug)
        for key, prop in (
            ("author", DCTERMS.creator),
            ("subTitle", DCTERMS.description),
            ("date", DCTERMS.date),
        ):
            if self.doc.front.get(key):
                self.g.add((m, prop, Literal(" ".join(str(self.doc.front[key]).split()))))
        for e in self.doc.elements:
            if e.kind == "statement":
                self._statement(e)
            else:
                self.arguments.setdefault(e.title, e)
                if e.text and not self.arguments[e.title].text:
                    self.arguments[e.title] = e
        for pcs in self.doc.structures:
            self._structure(pcs)
        undercuts = [r for r in self.doc.relations if r.kind == "undercut"]
        for r in self.doc.relations:
            if r.kind != "undercut":
                self._relation(r.kind, r.source, r.target)
        for r in undercuts:
            self._undercut(r.source, r.target, r.line)
        self._finish_texts()
        return self.g

    def _mint(self, kind: str, name: str) -> URIRef:
        base, n = f"{kind}-{slugify(name)}", 1
        key = base
        while key in self.ids:
            n += 1
            key = f"{base}-{n}"
        self.ids.add(key)
        return URIRef(node_base(self.slug) + key)

    def _statement(self, e: Element) -> URIRef:
        if e.title is None:
            self.untitled += 1
            e.title = f"\0untitled {self.untitled}"
        if id(e) in self.statements:
            return self.statements[id(e)]
        s = self.statements.get(e.title)
        if s is None:
            s = self._mint("s", e.title.lstrip("\0"))
            self.statements[e.title] = s
            self.g.add((s, RDF.type, AM.Statement))
            if not e.title.startswith("\0"):
                self.g.add((s, RDFS.label, Literal(e.title)))
        if e.text and self.g.value(s, AM.text) is None:
            self.g.add((s, AM.text, Literal(e.text)))
        for tag in e.tags:
            self.g.add((s, AM.tag, Literal(tag)))
        self.statements[id(e)] = s
        return s

    def _finish_texts(self) -> None:
        for s in set(self.statements.values()):
            if self.g.value(s, AM.text) is None:
                self.g.add((s, AM.text, self.g.value(s, RDFS.label) or Literal("(untitled)")))

    def _structure(self, pcs: Pcs) -> None:
        arg = self.arguments.get(pcs.argument.title) or pcs.argument
        title = arg.title or f"untitled argument {len(self.structures) + 1}"
        arg.title = title
        self.arguments[title] = arg
        steps = []
        previous = None
        for k, step in enumerate(pcs.steps, 1):
            last = k == len(pcs.steps)
            inf = self._mint("a", title if last else f"{title} {k}")
            steps.append(inf)
            self.g.add((inf, RDF.type, AM.Inference))
            self.g.add((inf, RDFS.label, Literal(title if last else f"{title} (step {k})")))
            self.g.add((inf, AM.text, Literal(arg.text if last and arg.text else title)))
            for tag in arg.tags if last else []:
                self.g.add((inf, AM.tag, Literal(tag)))
            for rule in step.rules:
                self.g.add((inf, AM.scheme, scheme_for(self.g, self.slug, rule, aifdb=False)))
            order = pcs.order
            if step.uses is not None:
                premises = step.uses
            else:
                start = order.index(previous) if previous else 0
                premises = order[start : order.index(step.conclusion)]
            for n in premises:
                self.g.add((inf, AM.premise, self._statement(pcs.items[n])))
            self.g.add((inf, AM.conclusion, self._statement(pcs.items[step.conclusion])))
            previous = step.conclusion
        self.structures[title] = steps
        self.final[title] = self._statement(pcs.items[pcs.steps[-1].conclusion])

    def _claim(self, e: Element) -> URIRef:
        """What an element asserts: a statement, an argument's conclusion or a sketched argument's gist."""
        if e.kind == "statement":
            return self._statement(e)
        if e.title in self.final:
            return self.final[e.title]
        if e.title not in self.gists:
            arg = self.arguments.get(e.title, e)
            gist = self._mint("g", e.title)
            self.gists[e.title] = gist
            self.g.add((gist, RDF.type, AM.Statement))
            self.g.add((gist, RDFS.label, Literal(f"<{e.title}>")))
            self.g.add((gist, AM.text, Literal(arg.text or e.title)))
            for tag in arg.tags:
                self.g.add((gist, AM.tag, Literal(tag)))
        return self.gists[e.title]

    def _relation(self, kind: str, source: Element, target: Element) -> None:
        a, b = self._claim(source), self._claim(target)
        if a == b:
            return
        if kind == "support":
            if any((i, AM.conclusion, b) in self.g for i in self.g.subjects(AM.premise, a)):
                return
            node = self._node(AM.Inference)
            self.g.add((node, AM.premise, a))
            self.g.add((node, AM.conclusion, b))
            self.g.add((node, AM.text, Literal("support")))
            return
        pairs = [(a, b), (b, a)] if kind == "contradiction" else [(a, b)]
        for x, y in pairs:
            if any((c, AM.target, y) in self.g for c in self.g.subjects(AM.attacker, x)):
                continue
            node = self._node(AM.Rebuttal if kind == "contradiction" else AM.Conflict)
            self.g.add((node, AM.attacker, x))
            self.g.add((node, AM.target, y))
            self.g.add((node, AM.text, Literal(kind)))

    def _undercut(self, source: Element, target: Element, line: int) -> None:
        if target.kind != "argument":
            raise ArgdownSyntaxError(
                line, 1, f"an undercut attacks an argument, not the statement [{target.title}]"
            )
        if target.title in self.structures:
            targets = [self.structures[target.title][-1]]
        else:
            gist = self._claim(target)
            targets = list(self.g.subjects(AM.premise, gist)) or list(self.g.subjects(AM.attacker, gist))
        if not targets:
            raise ArgdownSyntaxError(
                line, 1, f"<{target.title}> draws no inference and attacks nothing to undercut"
            )
        attacker = self._claim(source)
        for t in targets:
            node = self._node(AM.Undercut)
            self.g.add((node, AM.attacker, attacker))
            self.g.add((node, AM.target, t))
            self.g.add((node, AM.text, Literal("undercut")))

    def _node(self, cls: URIRef) -> URIRef:
        self.count += 1
        node = self._mint("r", str(self.count))
        self.g.add((node, RDF.type, cls))
        return node
