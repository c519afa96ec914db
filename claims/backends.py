"""Where a build goes and where queries run: the embedded store, rdflib's memory, or any SPARQL server.

``open_backend(spec)`` picks the backend from ``--store``:

* a folder (default ``.argmap/store``): pyoxigraph on disk; a build writes a new folder
  and switches ``current`` atomically (see :mod:`claims.store`);
* ``memory:`` (or ``memory:NAME``): an rdflib in-memory dataset living in this process;
* ``http(s)://host/.../query``: a SPARQL 1.1 server, queried over the SPARQL protocol and
  written with SPARQL Update (to ``.../update``, or ``$ARGMAP_UPDATE_URL``). The server's
  default graph must be its own graph, not a union of the named graphs (Fuseki and
  ``oxigraph serve`` as they come; not ``unionDefaultGraph`` / ``--union-default-graph``).

Every backend holds the same dataset: the ontology and each map's asserted, inferred and
labels graphs as named graphs, and the maps' triples once more in the default graph, so a
query without ``GRAPH`` reads every map (and not the ontology) straight from one graph;
a union default graph over thousands of named graphs is what made queries slow at scale.
Every backend answers ``query(sparql)`` with pyoxigraph result objects, so callers never
care which one they hold.
"""

from __future__ import annotations

import os
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from claims import store as stores
from claims.cache import Entry
from claims.safeparse import parse_graph
from ontology import ONTOLOGY_PATH
from ontology.vocab import ONTOLOGY_GRAPH, asserted_graph, inferred_graph, labels_graph

Progress = Callable[[str, int, int], None]


@lru_cache(maxsize=1)
def ontology_ntriples() -> bytes:
    """The ontology as N-Triples (what every build puts in the ontology graph)."""
    return ox.serialize(
        ox.parse(path=str(ONTOLOGY_PATH), format=ox.RdfFormat.TURTLE), format=ox.RdfFormat.N_TRIPLES
    )


def _graphs(entry: Entry) -> list[tuple[str, Path]]:
    return [
        (str(asserted_graph(entry.slug)), entry.asserted),
        (str(inferred_graph(entry.slug)), entry.inferred),
        (str(labels_graph(entry.slug)), entry.labels),
    ]


#: Bytes of N-Quads handed to one ``bulk_load`` call. pyoxigraph holds much of a call in
#: memory: a 1M-triple build took 152 s and 0.7 GB with 64 MB calls, 151 s and 1.65 GB with
#: 256 MB calls, 126 s and 2.25 GB with a single call.
BATCH_BYTES = 64 * 2**20


def load_entries(store: ox.Store, entries: list[Entry], progress: Progress | None = None) -> None:
    """Bulk-load the ontology and every entry into ``store``, as N-Quads in batches of
    about ``BATCH_BYTES`` made of whole maps (a map's blank nodes never straddle two calls).

    Each map graph goes in twice: into its named graph, and (N-Triples lines are N-Quads
    in the default graph) into the default graph.
    """
    batch = [_as_nquads(ontology_ntriples(), str(ONTOLOGY_GRAPH))]
    size = len(batch[0])
    for i, entry in enumerate(entries, 1):
        for graph, path in _graphs(entry):
            data = path.read_bytes()
            batch += [_as_nquads(data, graph), data]
            size += 2 * len(data)
        if size >= BATCH_BYTES:
            store.bulk_load(b"".join(batch), format=ox.RdfFormat.N_QUADS)
            batch, size = [], 0
        if progress:
            progress("store", i, len(entries))
    if batch:
        store.bulk_load(b"".join(batch), format=ox.RdfFormat.N_QUADS)


def _as_nquads(ntriples: bytes, graph: str) -> bytes:
    """N-Triples lines into ``graph``: N-Triples escapes newlines in literals, so every
    line ends in exactly `` .\n``."""
    return ntriples.replace(b" .\n", f" <{graph}> .\n".encode())


class DiskBackend:
    """pyoxigraph on disk, one folder per build."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.cache_dir = self.folder / "cache"
        self._store: ox.Store | None = None

    def query(self, sparql: str):
        if self._store is None:
            self._store = stores.open_store(self.folder)
        return self._store.query(sparql)

    def write(self, entries: list[Entry], progress: Progress | None = None) -> None:
        target = stores.new_build_dir(self.folder)
        store = None
        try:
            store = ox.Store(str(target))
            load_entries(store, entries, progress)
            store.flush()
            store = None
        except BaseException:
            store = None  # close it before its folder goes
            stores.discard(target)
            raise
        stores.publish(self.folder, target)
        self._store = None


class MemoryBackend:
    """rdflib's in-memory dataset, queried with rdflib's SPARQL engine."""

    def __init__(self, cache_dir: Path):
        from rdflib import Dataset

        self.cache_dir = cache_dir
        self.dataset = Dataset()

    def query(self, sparql: str):
        result = self.dataset.query(sparql)
        if result.type == "CONSTRUCT" or result.type == "DESCRIBE":
            return Triples(result.serialize(format="nt"))
        return ox.parse_query_results(result.serialize(format="json"), format=ox.QueryResultsFormat.JSON)

    def write(self, entries: list[Entry], progress: Progress | None = None) -> None:
        from rdflib import Dataset, URIRef

        fresh = Dataset()
        _fill(fresh.graph(URIRef(str(ONTOLOGY_GRAPH))), ontology_ntriples())
        for i, entry in enumerate(entries, 1):
            for graph, path in _graphs(entry):
                data = path.read_bytes()
                _fill(fresh.graph(URIRef(graph)), data)
                _fill(fresh.default_graph, data)
            if progress:
                progress("store", i, len(entries))
        self.dataset = fresh


def _fill(graph, ntriples: bytes) -> None:
    graph += parse_graph(ntriples, "nt")


class HttpBackend:
    """A SPARQL 1.1 server: protocol for queries, Update for writes (one request per map)."""

    def __init__(self, url: str, cache_dir: Path):
        self.url = url
        self.update_url = os.environ.get("ARGMAP_UPDATE_URL") or (
            url[: -len("query")] + "update" if url.rstrip("/").endswith("/query") else url
        )
        self.cache_dir = cache_dir

    def query(self, sparql: str):
        body = self._post(
            self.url,
            {"query": sparql},
            "application/sparql-results+json, application/n-triples;q=0.9",
        )
        data, kind = body
        if "n-triples" in kind or "text/plain" in kind:
            return Triples(data)
        return ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)

    def update(self, sparql: str) -> None:
        self._post(self.update_url, {"update": sparql}, "*/*")

    def write(self, entries: list[Entry], progress: Progress | None = None) -> None:
        present = self.query(
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?m a <https://w3id.org/argmap/ns#ArgumentMap> } }"
        )
        stale = {s["g"].value for s in present}
        self.update("DROP SILENT DEFAULT")  # refilled map by map below
        self._replace([(str(ONTOLOGY_GRAPH), ontology_ntriples())], default=False)
        for i, entry in enumerate(entries, 1):
            self._replace([(g, p.read_bytes()) for g, p in _graphs(entry)])
            stale.discard(str(asserted_graph(entry.slug)))
            if progress:
                progress("store", i, len(entries))
        for g in sorted(stale):
            base = g[: -len("asserted")]
            self.update(
                f"DROP SILENT GRAPH <{g}> ; DROP SILENT GRAPH <{base}inferred> ; DROP SILENT GRAPH <{base}labels>"
            )

    def _replace(self, graphs: list[tuple[str, bytes]], default: bool = True) -> None:
        """Replace named graphs in one update request (one transaction on the server),
        adding their triples to the default graph too unless ``default`` is false."""
        drops = " ; ".join(f"DROP SILENT GRAPH <{g}>" for g, _ in graphs)
        data = " ".join(f"GRAPH <{g}> {{ {nt.decode()} }}" for g, nt in graphs)
        if default:
            data += " " + " ".join(nt.decode() for _, nt in graphs)
        self.update(f"{drops} ; INSERT DATA {{ {data} }}")

    def _post(self, url: str, form: dict, accept: str) -> tuple[bytes, str]:
        request = urllib.request.Request(
            url,
            data=urllib.parse.urlencode(form).encode(),
            headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"},
        )
        try:
            with urllib.request.urlopen(request, timeout=300) as response:
                return response.read(), response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as e:
            detail = e.read().decode(errors="replace")[:500]
            raise BackendError(f"{url} answered {e.code}: {detail}") from None
        except urllib.error.URLError as e:
            raise BackendError(f"cannot reach {url}: {e.reason}") from None


class BackendError(RuntimeError):
    """A remote store failed or refused a request."""


class Triples(list):
    """CONSTRUCT results as triples, with the ``serialize`` of pyoxigraph's results."""

    def __init__(self, ntriples: bytes):
        super().__init__(ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES))

    def serialize(self, format=ox.RdfFormat.N_TRIPLES) -> bytes:
        return ox.serialize(list(self), format=format)


_MEMORY: dict[str, MemoryBackend] = {}


def open_backend(spec: str | Path):
    """The backend ``--store`` names (see the module docstring)."""
    spec = str(spec)
    default_cache = Path(os.environ.get("ARGMAP_CACHE", ".argmap/cache"))
    if spec.startswith(("http://", "https://")):
        return HttpBackend(spec, default_cache)
    if spec.startswith("memory:"):
        return _MEMORY.setdefault(spec, MemoryBackend(default_cache))
    return DiskBackend(Path(spec))
