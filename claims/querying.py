"""Run SPARQL over a store: the default graph holds every map's asserted, inferred and
labels triples (not the ontology, which is in its own named graph)."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox

from ontology.vocab import sparql_prologue

FORMATS = ("table", "json", "csv")


def run(store: ox.Store, sparql: str):
    """Execute ``sparql`` over the store's default graph (every map) and its named graphs."""
    return store.query(sparql)


def select_rows(store: ox.Store, sparql: str, prefixes: bool = True) -> list[dict]:
    """A SELECT query's solutions as dicts of variable name to pyoxigraph term (unbound omitted)."""
    result = run(store, (sparql_prologue() if prefixes else "") + sparql)
    names = [v.value for v in result.variables]
    rows = []
    for solution in result:
        row = {}
        for name in names:
            value = solution[name]
            if value is not None:
                row[name] = value
        rows.append(row)
    return rows


def format_result(result, fmt: str = "table") -> str:
    """Render a query result as a plain-text table, SPARQL 1.1 JSON results, or CSV."""
    if isinstance(result, ox.QueryBoolean):
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": bool(result)})
        return "true" if result else "false"
    if isinstance(result, ox.QueryTriples):
        return result.serialize(format=ox.RdfFormat.N_TRIPLES).decode()
    if fmt == "json":
        return result.serialize(format=ox.QueryResultsFormat.JSON).decode()
    if fmt == "csv":
        return result.serialize(format=ox.QueryResultsFormat.CSV).decode()
    names = [v.value for v in result.variables]
    rows = [[_cell(s[n]) for n in names] for s in result]
    return _table(names, rows)


def _cell(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def _table(names: list[str], rows: list[list[str]]) -> str:
    if not names:
        return ""
    widths = [min(80, max([len(n)] + [len(r[i]) for r in rows])) for i, n in enumerate(names)]

    def line(cells):
        return " | ".join(_fit(c, w) for c, w in zip(cells, widths, strict=True))

    out = [line(names), "-+-".join("-" * w for w in widths)]
    out += [line(r) for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def _fit(text: str, width: int) -> str:
    text = text.replace("\n", " ")
    return (text[: width - 1] + "…") if len(text) > width else text.ljust(width)


def csv_rows(names: list[str], rows: list[list[str]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(names)
    w.writerows(rows)
    return buf.getvalue()
