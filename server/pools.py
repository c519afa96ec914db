"""Every public query's one path: vet it, choose its dataset, run it in the worker pool.

The pool serves the build the store holder serves: when :mod:`server.stores` opens a new
``current`` build, a new pool is started on it and the old one is closed once the queries
it is running have had their time limit. Pools start on the first query and are closed
when the app's process exits.
"""

from __future__ import annotations

import atexit
import threading
import weakref
from pathlib import Path

import pyoxigraph as ox

from server.dataset import DatasetError, query_options
from server.executor import QueryPool, QueryResult
from server.guard import QueryRefused, vet_graph_iri, vet_query
from server.limits import Limits
from server.stores import StoreHolder

_LIVE: weakref.WeakSet[QueryService] = weakref.WeakSet()


class QueryService:
    """Runs queries for one app under its :class:`Limits`."""

    def __init__(self, holder: StoreHolder, limits: Limits):
        self.holder = holder
        self.limits = limits
        self._lock = threading.Lock()
        self._key: object = None
        self._pool: QueryPool | None = None
        self._graphs: frozenset[str] = frozenset()
        _LIVE.add(self)

    def run(
        self,
        sparql: str,
        default_uris: list[str] = (),
        named_uris: list[str] = (),
        results_format: str = "application/sparql-results+json",
        graph_format: str = "application/n-triples",
    ) -> QueryResult:
        """The query's result; :class:`QueryRefused` or a :class:`QueryError` when there is none."""
        store, build = self.holder.snapshot()
        pool, graphs = self._pool_for(store, build)
        vet_query(sparql, self.limits, graphs)
        try:
            dataset = query_options(graphs, list(default_uris), list(named_uris))
        except DatasetError as e:
            raise QueryRefused(400, str(e)) from None
        for iri in [*default_uris, *named_uris]:
            vet_graph_iri(iri, graphs)  # a second lock on the same door: never a fetch or a file
        return pool.run(sparql, results_format=results_format, graph_format=graph_format, dataset=dataset)

    def _pool_for(self, store: ox.Store, build: Path | None) -> tuple[QueryPool, frozenset[str]]:
        key = build if build is not None else id(store)
        with self._lock:
            if self._pool is None or key != self._key:
                old = self._pool
                self._pool = QueryPool(build if build is not None else store, self.limits).start()
                self._key = key
                self._graphs = frozenset(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))
                if old is not None:
                    # Let the queries the old pool is running finish (or time out) first.
                    timer = threading.Timer(self.limits.timeout + 1, old.close)
                    timer.daemon = True
                    timer.start()
            return self._pool, self._graphs

    def close(self) -> None:
        with self._lock:
            pool, self._pool, self._key = self._pool, None, None
        if pool is not None:
            pool.close()


@atexit.register
def _close_all() -> None:
    for service in list(_LIVE):
        service.close()
