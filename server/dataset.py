"""Which graphs a query runs over: the protocol's dataset, or the store's default graph.

Graphs are only ever chosen among those already in the store; an IRI that names no graph
of the store is refused, never fetched. (A query's own FROM clauses are vetted by
:mod:`server.guard` and resolved by pyoxigraph against the store alone.)
"""

from __future__ import annotations

import pyoxigraph as ox

from ontology.vocab import GRAPH_BASE


class DatasetError(ValueError):
    """A requested graph is not in the store."""


def default_graphs(store: ox.Store) -> list[ox.NamedNode]:
    """The graphs whose triples make up the default graph: every map's asserted, inferred
    and labels graphs (the build copies them into the store's default graph, see
    :mod:`claims.backends`). The ontology is left out (query it with ``GRAPH``), so
    ``?s ?p ?o`` means the maps."""
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


def query_options(graphs: frozenset[str], default_uris: list[str], named_uris: list[str]) -> dict:
    """The ``Store.query`` dataset arguments the protocol asks for, graph IRIs as strings (as
    a worker :class:`~server.worker.Job` carries them).

    ``graphs`` are the store's named graphs. Without protocol graphs the query runs over
    the store's own default graph, or over its FROM clauses.
    """
    if not default_uris and not named_uris:
        return {}
    missing = [u for u in default_uris + named_uris if u not in graphs]
    if missing:
        raise DatasetError(
            "graph(s) not in the store (this endpoint never fetches graphs): " + ", ".join(missing)
        )
    return {"default_graph": list(default_uris), "named_graphs": list(named_uris)}
