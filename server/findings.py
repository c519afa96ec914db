"""The analysis page's tables: each finding of :func:`claims.evaluation.analysis` for one map,
with its question, its SPARQL (scoped to the map) and the rows it gives."""

from __future__ import annotations

import re

import pyoxigraph as ox

from claims.evaluation.analysis import findings, run_finding
from ontology.vocab import map_iri

_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def scoped(sparql: str, slug: str) -> str:
    """The finding's query as the engine runs it, ready for the query page or any client of
    the endpoint: ``?map`` bound by a VALUES line at the top of the WHERE clause."""
    m = _WHERE.search(sparql)
    if not m:
        return sparql
    values = f"\n  VALUES ?map {{ <{map_iri(slug)}> }}"
    return sparql[: m.end()] + values + sparql[m.end() :]


def tables(store: ox.Store, slug: str) -> list[dict]:
    """One table per finding: ``name``, ``question``, ``sparql``, ``columns`` and ``rows``."""
    out = []
    for f in findings():
        rows = run_finding(store, slug, f.name)
        columns: list[str] = []
        for row in rows:
            columns += [k for k in row if k not in columns]
        out.append(
            {
                "name": f.name,
                "question": f.question,
                "file": f"claims/queries/analysis/{f.path.name}",
                "sparql": scoped(f.sparql, slug),
                "columns": [c for c in columns if c != "map"],
                "rows": rows,
            }
        )
    return out
