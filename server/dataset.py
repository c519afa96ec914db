"""Which graphs a query runs over: protocol dataset, the query's own FROM, or the default.

Graphs are only ever chosen among those already in the store; an IRI that names no graph
of the store is refused, never fetched.
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from ontology.vocab import GRAPH_BASE

_SKIP = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\s]*>"
    r"|#[^\n]*",
)
_SERVICE = re.compile(r"(?i)(?<![\w?$:.-])SERVICE(?![\w:.-])")
_FROM = re.compile(r"(?i)(?<![\w?$:.-])FROM(?![\w:.-])")


class DatasetError(ValueError):
    """A requested graph is not in the store."""


def _code(sparql: str) -> str:
    """The query with strings, IRIs and comments blanked out, so keywords can be searched."""
    return _SKIP.sub(lambda m: "<>" if m.group(0).startswith("<") else " ", sparql)


def uses_service(sparql: str) -> bool:
    """Whether the query calls a remote endpoint with SERVICE (which this server never does)."""
    return bool(_SERVICE.search(_code(sparql)))


def has_from_clause(sparql: str) -> bool:
    """Whether the query names its own dataset with FROM or FROM NAMED (outside strings, IRIs, comments)."""
    code = _code(sparql)
    depth = 0
    start = 0
    for i, ch in enumerate(code + "{"):
        if ch in "{}":
            if depth == 0 and _FROM.search(code, start, i):
                return True
            depth += 1 if ch == "{" else -1
            start = i + 1
    return False


def default_graphs(store: ox.Store) -> list[ox.NamedNode]:
    """Every map's asserted, inferred and labels graphs: the endpoint's default graph.

    The ontology graph is left out (query it with ``GRAPH``), so ``?s ?p ?o`` means the maps.
    """
    return sorted(
        (
            g
            for g in store.named_graphs()
            if isinstance(g, ox.NamedNode)
            and g.value.startswith(GRAPH_BASE)
            and g.value.endswith(("/asserted", "/inferred", "/labels"))
        ),
        key=lambda g: g.value,
    )


def query_options(store: ox.Store, sparql: str, default_uris: list[str], named_uris: list[str]) -> dict:
    """Keyword arguments for ``Store.query`` that set the dataset the protocol asks for."""
    if default_uris or named_uris:
        present = {g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)}
        missing = [u for u in default_uris + named_uris if u not in present]
        if missing:
            raise DatasetError(
                "graph(s) not in the store (this endpoint never fetches graphs): " + ", ".join(missing)
            )
        return {
            "default_graph": [ox.NamedNode(u) for u in default_uris],
            "named_graphs": [ox.NamedNode(u) for u in named_uris],
        }
    if has_from_clause(sparql):
        return {}
    graphs = default_graphs(store)
    return {"default_graph": graphs} if graphs else {"use_default_graph_as_union": True}
