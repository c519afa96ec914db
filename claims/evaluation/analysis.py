"""The analysis findings: one SPARQL file each under ``claims/queries/analysis``.

Every file starts with a ``# `` line saying what it answers, and uses ``?map`` for the
map: run as-is (``argmap query FILE.rq``) it covers every map; here ``?map`` is bound to
one map. Rows come back as plain strings (IRIs, literal values, ``true``/``false``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyoxigraph as ox

from ontology.vocab import map_iri

QUERY_DIR = Path(__file__).resolve().parent.parent / "queries" / "analysis"

#: The order findings are shown in; files not listed follow alphabetically.
ORDER = (
    "unsupported-claims",
    "unanswered-objections",
    "unsupported-answers",
    "counterclaims",
    "standing-counterclaims",
    "reasons-at-risk",
    "defeated",
    "evidence-by-kind",
    "reported-speech",
    "predictions",
    "claim-kinds",
    "schemes",
)


@dataclass(frozen=True)
class Finding:
    name: str
    question: str
    sparql: str
    path: Path


@cache
def findings() -> tuple[Finding, ...]:
    """Every analysis query, in display order."""
    found = {}
    for path in QUERY_DIR.glob("*.rq"):
        sparql = path.read_text(encoding="utf-8")
        first = sparql.splitlines()[0] if sparql else ""
        if not first.startswith("# "):
            raise ValueError(f"{path}:1: an analysis query must start with a '# ' line saying what it asks")
        found[path.stem] = Finding(path.stem, first[2:].strip(), sparql, path)
    names = [n for n in ORDER if n in found] + sorted(set(found) - set(ORDER))
    return tuple(found[n] for n in names)


def finding(name: str) -> Finding:
    for f in findings():
        if f.name == name:
            return f
    raise KeyError(f"no analysis query {name!r} in {QUERY_DIR}")


def run_finding(
    store: ox.Store, slug: str, name: str, graphs: list[ox.NamedNode] | None = None
) -> list[dict[str, str]]:
    """The rows of finding ``name`` for map ``slug``, over the store's default graph (every
    map), or over ``graphs`` as the default graph when given."""
    result = store.query(
        finding(name).sparql,
        **({"default_graph": graphs} if graphs else {}),
        substitutions={ox.Variable("map"): ox.NamedNode(str(map_iri(slug)))},
    )
    names = [v.value for v in result.variables]
    return [{n: s[n].value for n in names if s[n] is not None} for s in result]


def analysis(store: ox.Store, slug: str) -> dict[str, list[dict[str, str]]]:
    """Every finding's rows for map ``slug``."""
    return {f.name: run_finding(store, slug, f.name) for f in findings()}
