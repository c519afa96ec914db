"""Quotes anchored in their source: find a quote's offsets, and verify them."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import RDF, Graph, URIRef

from ontology.vocab import AM, OA

CONTEXT = 20  # characters of prefix and suffix written beside a quote


@dataclass(frozen=True)
class Anchor:
    """Where a quote sits in its source: offsets in code points, with context."""

    exact: str
    start: int
    end: int
    prefix: str
    suffix: str


def find_anchor(text: str, exact: str, occurrence: int = 1) -> Anchor:
    """Locate the ``occurrence``-th appearance of ``exact`` in ``text``.

    Raises ``ValueError`` when the quote does not occur (often a straight quote
    typed for a curly one, or a space for a non-breaking space).
    """
    start = -1
    for _ in range(occurrence):
        start = text.find(exact, start + 1)
        if start < 0:
            raise ValueError(f"quote not found in source: {exact!r}")
    end = start + len(exact)
    return Anchor(exact, start, end, text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT])


@dataclass(frozen=True)
class QuoteRecord:
    """One statement's quote as the map states it."""

    statement: URIRef
    source: URIRef | None
    exact: str | None
    prefix: str | None
    suffix: str | None
    start: int | None
    end: int | None


def quote_records(graph: Graph) -> list[QuoteRecord]:
    """Every anchored quote in ``graph``, one record per statement anchor."""
    records = []
    for statement, annotation in graph.subject_objects(AM.anchor):
        for target in graph.objects(annotation, OA.hasTarget):
            source = graph.value(target, OA.hasSource)
            exact = prefix = suffix = None
            start = end = None
            for selector in graph.objects(target, OA.hasSelector):
                if (selector, RDF.type, OA.TextQuoteSelector) in graph:
                    exact = _str(graph.value(selector, OA.exact))
                    prefix = _str(graph.value(selector, OA.prefix))
                    suffix = _str(graph.value(selector, OA.suffix))
                if (selector, RDF.type, OA.TextPositionSelector) in graph:
                    start = _int(graph.value(selector, OA.start))
                    end = _int(graph.value(selector, OA.end))
            records.append(QuoteRecord(statement, source, exact, prefix, suffix, start, end))
    return records


def quote_errors(record: QuoteRecord, text: str) -> list[str]:
    """What is wrong with one quote against its source text (empty when it is exact)."""
    if record.exact is None:
        return ["anchor has no oa:TextQuoteSelector with oa:exact"]
    if record.start is None or record.end is None:
        return ["anchor has no oa:TextPositionSelector with integer oa:start and oa:end"]
    if not 0 <= record.start <= record.end <= len(text):
        return [f"offsets {record.start}..{record.end} lie outside the source (length {len(text)})"]
    found = text[record.start : record.end]
    errors = []
    if found != record.exact:
        hint = ""
        try:
            a = find_anchor(text, record.exact)
            hint = f"; the quote occurs at {a.start}..{a.end}"
        except ValueError:
            hint = "; the quote occurs nowhere in the source (curly quotes? non-breaking spaces?)"
        errors.append(
            f"source[{record.start}:{record.end}] is {found!r}, not the quote {record.exact!r}{hint}"
        )
        return errors
    if record.prefix is not None and not text[: record.start].endswith(record.prefix):
        errors.append(f"oa:prefix {record.prefix!r} does not precede the quote")
    if record.suffix is not None and not text[record.end :].startswith(record.suffix):
        errors.append(f"oa:suffix {record.suffix!r} does not follow the quote")
    return errors


def _str(v) -> str | None:
    return None if v is None else str(v)


def _int(v) -> int | None:
    if v is None:
        return None
    try:
        return int(v.toPython())
    except (TypeError, ValueError):
        return None


def anchor_turtle(anchor: Anchor, source: str = ":source") -> str:
    """The Turtle ``am:anchor`` block of a map file for ``anchor`` (as in the template map)."""

    def lit(s: str) -> str:
        return (
            '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'
        )

    return (
        f"    am:anchor [ a oa:Annotation ; oa:hasTarget [ oa:hasSource {source} ;\n"
        f"        oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact {lit(anchor.exact)} ;\n"
        f"                         oa:prefix {lit(anchor.prefix)} ; oa:suffix {lit(anchor.suffix)} ] ,\n"
        f"                       [ a oa:TextPositionSelector ; oa:start {anchor.start} ; oa:end {anchor.end} ] ] ] ."
    )
