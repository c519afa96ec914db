"""A parser for the classic Argdown syntax: text in, a plain document model out.

Covered: YAML front matter between ``===`` lines; ``//``, ``/* */`` and ``<!-- -->``
comments; headings (``#`` + space, up to the next blank line); statements ``[Title]: text``
and references ``[Title]``; arguments ``<Title>: text`` and ``<Title>``; untitled statements
(any other paragraph); relations by indentation (``+ - <+ <- +> -> <_ _> ><``);
premise–conclusion structures ``(1) ... ----- (2)`` with ``-- rule {uses: [1]} --`` inference
lines on one or several lines; ``#tags`` and ``#(long tags)``; trailing ``{yaml: data}``.
Errors raise :class:`ArgdownSyntaxError` with the line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

MARKERS = {  # marker: (relation, child is the source)
    "+": ("support", True),
    "<+": ("support", True),
    "-": ("attack", True),
    "<-": ("attack", True),
    "<_": ("undercut", True),
    "+>": ("support", False),
    "->": ("attack", False),
    "_>": ("undercut", False),
    "><": ("contradiction", False),
}
_MARKER = re.compile(r"^(\s*)(<\+|<-|<_|\+>|->|_>|><|\+|-)\s+(?=\S)")
_ITEM = re.compile(r"^(\s*)\((\d+)\)\s*")
_DASHES = re.compile(r"^\s*-{2,}\s*$")
_ONE_LINE_RULE = re.compile(r"^\s*-{2,}\s*([^-\s].*?)\s*-{2,}\s*$")
_HEADING = re.compile(r"^\s*#{1,6}\s")
_TAG = re.compile(r"(?<!\S)#(?:\(([^)]*)\)|([\w-]+))")
_DATA = re.compile(r"\s*(\{[^{}]*\})\s*$")


class ArgdownSyntaxError(ValueError):
    def __init__(self, line: int, column: int, message: str):
        self.line, self.column, self.message = line, column, message
        super().__init__(f"line {line}, column {column}: {message}")


@dataclass
class Element:
    kind: str  # "statement" or "argument"
    title: str | None
    text: str
    tags: list[str]
    data: dict
    line: int
    indent: int = 0


@dataclass
class Step:
    """One inference of a premise–conclusion structure: premises by number, one conclusion."""

    rules: list[str]
    uses: list[int] | None
    line: int
    conclusion: int = 0


@dataclass
class Pcs:
    argument: Element
    items: dict[int, Element] = field(default_factory=dict)
    order: list[int] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)


@dataclass
class Relation:
    kind: str
    source: Element
    target: Element
    line: int


@dataclass
class Document:
    front: dict
    elements: list[Element] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    structures: list[Pcs] = field(default_factory=list)


def parse(text: str) -> Document:
    """Parse Argdown ``text``; raise :class:`ArgdownSyntaxError` at the first error."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    front = _front_matter(lines)
    lines, skip = _strip_comments(lines)
    return _Parser(lines, skip, front).run()


def _front_matter(lines: list[str]) -> dict:
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or lines[first].strip() != "===":
        return {}
    end = next((i for i in range(first + 1, len(lines)) if lines[i].strip() == "==="), None)
    if end is None:
        raise ArgdownSyntaxError(first + 1, 1, "front matter opened with === is never closed")
    try:
        data = yaml.safe_load("\n".join(lines[first + 1 : end])) or {}
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = first + 2 + (mark.line if mark else 0)
        raise ArgdownSyntaxError(
            line,
            (mark.column + 1) if mark else 1,
            f"front matter is not YAML: {getattr(e, 'problem', None) or e}",
        ) from None
    for i in range(first, end + 1):
        lines[i] = ""
    return data if isinstance(data, dict) else {}


def _strip_comments(lines: list[str]) -> tuple[list[str], set[int]]:
    """Blank out comments (keeping columns); lines left empty by a comment are skipped, not blank."""
    out, skip, closer, opened = [], set(), None, (0, 0)
    for n, line in enumerate(lines):
        chars, i = list(line), 0
        while i < len(line):
            if closer:
                j = line.find(closer, i)
                stop = len(line) if j < 0 else j + len(closer)
                chars[i:stop] = " " * (stop - i)
                closer = None if j >= 0 else closer
                i = stop
            elif line.startswith("/*", i) or line.startswith("<!--", i):
                opener = "/*" if line[i] == "/" else "<!--"
                opened, closer = (n + 1, i + 1), ("*/" if opener == "/*" else "-->")
                chars[i : i + len(opener)] = " " * len(opener)
                i += len(opener)
            elif line.startswith("//", i) and (i == 0 or line[i - 1].isspace()):
                chars[i:] = " " * (len(line) - i)
                break
            else:
                i += 1
        new = "".join(chars)
        if line.strip() and not new.strip():
            skip.add(n)
        out.append(new.rstrip())
    if closer:
        raise ArgdownSyntaxError(opened[0], opened[1], f"comment is never closed (expected {closer})")
    return out, skip


class _Parser:
    def __init__(self, lines: list[str], skip: set[int], front: dict):
        self.lines, self.skip = lines, skip
        self.doc = Document(front)
        self.untitled = 0

    def run(self) -> Document:
        i, stack, pcs, lone = 0, [], None, None
        while i < len(self.lines):
            line = self.lines[i]
            if i in self.skip:
                i += 1
                continue
            if not line.strip():
                stack = []
                if pcs and not self._pcs_continues(i):
                    pcs = self._close(pcs)
                i += 1
                continue
            if _ITEM.match(line):
                if pcs is None:
                    arg = lone or self._element("argument", None, "", i + 1)
                    pcs = Pcs(arg)
                    self.doc.structures.append(pcs)
                    lone = None
                item, i = self._item(line, i, pcs)
                stack = [item]
                continue
            if _DASHES.match(line) or _ONE_LINE_RULE.match(line):
                if pcs is None or not pcs.order:
                    raise ArgdownSyntaxError(i + 1, 1, "inference line with no premises above it")
                i = self._inference(i, pcs)
                stack = []
                continue
            marker = _MARKER.match(line)
            if marker:
                indent = len(marker.group(1))
                parents = [e for e in stack if e.indent < indent]
                if not parents:
                    raise ArgdownSyntaxError(
                        i + 1, indent + 1, f"relation {marker.group(2)!r} has no element above it"
                    )
                child, i = self._block(i, marker.end(), indent)
                kind, child_is_source = MARKERS[marker.group(2)]
                parent = parents[-1]
                src, dst = (child, parent) if child_is_source else (parent, child)
                self.doc.relations.append(Relation(kind, src, dst, child.line))
                stack = parents + [child]
                continue
            if _HEADING.match(line) and not stack:
                while i < len(self.lines) and (self.lines[i].strip() or i in self.skip):
                    i += 1
                continue
            if pcs:
                pcs = self._close(pcs)
            element, i = self._block(i, len(line) - len(line.lstrip()), len(line) - len(line.lstrip()))
            lone = element if element.kind == "argument" else None
            stack = [element]
        if pcs:
            self._close(pcs)
        return self.doc

    def _pcs_continues(self, i: int) -> bool:
        j = i + 1
        while j < len(self.lines) and (not self.lines[j].strip() or j in self.skip):
            j += 1
        return j < len(self.lines) and bool(_ITEM.match(self.lines[j]) or _DASHES.match(self.lines[j]))

    def _continuation(self, i: int) -> bool:
        line = self.lines[i]
        return bool(line.strip()) and not (
            _MARKER.match(line) or _ITEM.match(line) or _DASHES.match(line) or _ONE_LINE_RULE.match(line)
        )

    def _block(self, i: int, start: int, indent: int) -> tuple[Element, int]:
        first, parts = i, [self.lines[i][start:]]
        i += 1
        while i < len(self.lines) and (i in self.skip or self._continuation(i)):
            if i not in self.skip:
                parts.append(self.lines[i].strip())
            i += 1
        element = self._parse_element(" ".join(p.strip() for p in parts), first + 1, start + 1)
        element.indent = indent
        return element, i

    def _item(self, line: str, i: int, pcs: Pcs) -> tuple[Element, int]:
        m = _ITEM.match(line)
        number = int(m.group(2))
        if number in pcs.items:
            raise ArgdownSyntaxError(i + 1, len(m.group(1)) + 1, f"statement ({number}) is numbered twice")
        element, i = self._block(i, m.end(), len(m.group(1)))
        if element.kind != "statement":
            raise ArgdownSyntaxError(
                element.line, m.end() + 1, "a numbered line must be a statement, not <an argument>"
            )
        pcs.items[number] = element
        pcs.order.append(number)
        if pcs.steps and not pcs.steps[-1].conclusion:
            pcs.steps[-1].conclusion = number
        return element, i

    def _inference(self, i: int, pcs: Pcs) -> int:
        if pcs.steps and not pcs.steps[-1].conclusion:
            raise ArgdownSyntaxError(i + 1, 1, "two inference lines with no conclusion between them")
        one = _ONE_LINE_RULE.match(self.lines[i])
        if one and not _DASHES.match(self.lines[i]):
            rule, end = one.group(1), i + 1
        elif self._next_is_item(i):
            rule, end = "", i + 1
        else:
            close = None
            for j in range(i + 1, len(self.lines)):
                if not self.lines[j].strip() and j not in self.skip:
                    break
                if _DASHES.match(self.lines[j]):
                    close = j
                    break
            if close is None:  # a bare inference line with nothing below it: _close reports it
                rule, end = "", i + 1
            else:
                rule = " ".join(self.lines[j].strip() for j in range(i + 1, close) if j not in self.skip)
                end = close + 1
        data, rule = _data(rule, i + 1)
        uses = data.get("uses")
        if uses is not None and not (isinstance(uses, list) and all(isinstance(u, int) for u in uses)):
            raise ArgdownSyntaxError(i + 1, 1, "'uses' must list statement numbers, e.g. {uses: [1, 2]}")
        rules = [r.strip() for r in rule.split(",") if r.strip()]
        pcs.steps.append(Step(rules, uses, i + 1))
        return end

    def _next_is_item(self, i: int) -> bool:
        j = i + 1
        while j < len(self.lines) and (not self.lines[j].strip() or j in self.skip):
            j += 1
        return j < len(self.lines) and bool(_ITEM.match(self.lines[j]))

    def _close(self, pcs: Pcs) -> None:
        if not pcs.steps:
            raise ArgdownSyntaxError(
                pcs.items[pcs.order[0]].line, 1, "premise–conclusion structure has no inference line (----)"
            )
        if not pcs.steps[-1].conclusion:
            raise ArgdownSyntaxError(pcs.steps[-1].line, 1, "inference line has no conclusion below it")
        for step in pcs.steps:
            for u in step.uses or []:
                if u not in pcs.items:
                    raise ArgdownSyntaxError(
                        step.line, 1, f"inference uses ({u}), which is not a numbered statement"
                    )
        return None

    def _parse_element(self, text: str, line: int, column: int) -> Element:
        text = text.strip()
        for kind, opener, closer in (("statement", "[", "]"), ("argument", "<", ">")):
            if not text.startswith(opener):
                continue
            end = text.find(closer)
            if end < 0:
                raise ArgdownSyntaxError(
                    line, column, f"title opened with {opener} is never closed with {closer}"
                )
            title, rest = text[1:end].strip(), text[end + 1 :]
            if rest.startswith("("):
                break  # a Markdown link, not a title
            if not title:
                raise ArgdownSyntaxError(line, column, f"empty title {opener}{closer}")
            body = rest[1:] if rest.startswith(":") else rest
            return self._element(kind, title, body, line)
        return self._element("statement", None, text, line)

    def _element(self, kind: str, title: str | None, body: str, line: int) -> Element:
        data, body = _data(body, line)
        tags = [a or b for a, b in _TAG.findall(body)]
        body = re.sub(r"\s+", " ", _TAG.sub("", body)).strip()
        element = Element(kind, title, body, tags, data, line)
        self.doc.elements.append(element)
        return element


def _data(text: str, line: int) -> tuple[dict, str]:
    """Split a trailing ``{yaml: flow-map}`` off ``text``."""
    m = _DATA.search(text)
    if not m:
        return {}, text
    try:
        data = yaml.safe_load(m.group(1))
    except yaml.YAMLError:
        return {}, text
    return (data if isinstance(data, dict) else {}), text[: m.start()]
