"""Build the store: load every map, check it, infer, and write a new store build.

Nothing is written unless every map is valid; the previous build stays current
when anything fails or the build is interrupted (see :mod:`claims.store`). Compiled
maps are cached (:mod:`claims.cache`), so a rebuild only redoes the maps that changed.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from pathlib import Path

import pyoxigraph as ox

from claims import store as stores
from claims.backends import ontology_ntriples, open_backend
from claims.cache import Cache, Entry
from claims.checking import check_map
from claims.errors import MapError
from claims.evaluation import write_labels
from claims.loading import LoadedMap, load_map
from claims.rdfterms import quads, to_ox
from ontology import load_ontology
from ontology.reasoning import infer
from ontology.vocab import AM, ONTOLOGY_GRAPH, asserted_graph, inferred_graph, labels_graph

MAPS_DIR = Path(__file__).parent / "maps"
NT = ox.RdfFormat.N_TRIPLES

Progress = Callable[[str, int, int], None]


@dataclass
class CompiledMap:
    """A checked map with its inferred triples."""

    loaded: LoadedMap
    inferred: set

    @property
    def slug(self) -> str:
        return self.loaded.slug


def map_files(maps_dir: Path = MAPS_DIR) -> list[Path]:
    """The map files under ``maps_dir``, in a stable order."""
    return sorted(Path(maps_dir).glob("*.ttl"))


def load_and_check(
    paths: Iterable[Path], progress: Progress | None = None, checker: str = "native"
) -> list[LoadedMap]:
    """Load and check every map; raise one :class:`MapError` with all problems found."""
    paths = list(paths)
    maps, problems = [], []
    for i, path in enumerate(paths, 1):
        try:
            m = load_map(path)
        except MapError as e:
            problems.extend(e.problems)
            continue
        problems.extend(check_map(m, checker))
        maps.append(m)
        if progress:
            progress("check", i, len(paths))
    if problems:
        raise MapError(problems)
    return maps


def compile_maps(
    paths: Iterable[Path], reasoner: str = "fast", progress: Progress | None = None
) -> list[CompiledMap]:
    """Load, check and infer each map (in memory, no cache)."""
    maps = load_and_check(paths, progress)
    ontology = load_ontology()
    compiled = []
    for i, m in enumerate(maps, 1):
        compiled.append(CompiledMap(m, infer(m.graph, reasoner, ontology)))
        if progress:
            progress("infer", i, len(maps))
    return compiled


def fill_store(store: ox.Store, compiled: list[CompiledMap]) -> None:
    """Write the ontology, each map's asserted and inferred graphs, and its labels into
    ``store``, and the maps' triples into the default graph (see :mod:`claims.backends`)."""
    store.extend(quads(load_ontology(), ONTOLOGY_GRAPH))
    for c in compiled:
        store.extend(quads(c.loaded.graph, asserted_graph(c.slug)))
        store.extend(quads(c.inferred, inferred_graph(c.slug)))
    for c in compiled:
        write_labels(store, c.slug)
    ontology = ox.NamedNode(str(ONTOLOGY_GRAPH))
    store.extend(
        [
            ox.Quad(q.subject, q.predicate, q.object)
            for q in store.quads_for_pattern(None, None, None)
            if isinstance(q.graph_name, ox.NamedNode) and q.graph_name != ontology
        ]
    )


def build_memory(paths: Iterable[Path], reasoner: str = "fast") -> ox.Store:
    """An in-memory pyoxigraph store of the given maps (for tests and the server)."""
    store = ox.Store()
    fill_store(store, compile_maps(paths, reasoner))
    return store


def compile_entry(path: Path, reasoner: str, ontology, cache: Cache, checker: str = "native") -> Entry:
    """One map compiled to N-Triples, from the cache when its inputs are unchanged."""
    hit = cache.get(path, reasoner)
    if hit is not None:
        return hit
    m = load_map(path)
    problems = check_map(m, checker)
    if problems:
        raise MapError(problems)
    inferred = infer(m.graph, reasoner, ontology)
    sources = [path.parent / str(f) for f in m.graph.objects(None, AM.sourceFile)]
    asserted_nt, inferred_nt = ntriples(m.graph), ntriples(inferred)
    labels_nt = labels_ntriples(m.slug, asserted_nt, inferred_nt)
    return cache.put(path, reasoner, m.slug, sources, asserted_nt, inferred_nt, labels_nt)


def labels_ntriples(slug: str, asserted_nt: bytes, inferred_nt: bytes) -> bytes:
    """The acceptability labels of one compiled map, computed in a scratch store."""
    scratch = ox.Store()
    scratch.load(ontology_ntriples(), format=NT, to_graph=ox.NamedNode(str(ONTOLOGY_GRAPH)))
    scratch.load(asserted_nt, format=NT, to_graph=ox.NamedNode(str(asserted_graph(slug))))
    scratch.load(inferred_nt, format=NT, to_graph=ox.NamedNode(str(inferred_graph(slug))))
    write_labels(scratch, slug)
    labels = scratch.quads_for_pattern(None, None, None, ox.NamedNode(str(labels_graph(slug))))
    return ox.serialize((ox.Triple(q.subject, q.predicate, q.object) for q in labels), format=NT)


#: Compile in worker processes when at least this many maps are not cached.
PARALLEL_MIN = 16


def compile_entries(
    paths: Iterable[Path],
    reasoner: str,
    cache: Cache,
    progress: Progress | None = None,
    jobs: int | None = None,
    checker: str = "native",
) -> list[Entry]:
    """Every map compiled (in ``jobs`` processes when many changed); raise one :class:`MapError`."""
    paths = [Path(p) for p in paths]
    jobs = jobs or os.cpu_count() or 1
    todo = [p for p in paths if cache.get(p, reasoner) is None]
    if jobs > 1 and len(todo) >= PARALLEL_MIN:
        with ProcessPoolExecutor(jobs) as pool:
            args = (todo, repeat(reasoner), repeat(cache.folder), repeat(checker))
            results = pool.map(_compile_or_problems, *args, chunksize=4)
            for i, _ in enumerate(results, 1):  # entries land in the cache; problems are reported below
                if progress:
                    progress("compile", i, len(paths))
    ontology = load_ontology()
    entries, problems = [], []
    for i, path in enumerate(paths, 1):
        try:
            entries.append(compile_entry(path, reasoner, ontology, cache, checker))
        except MapError as e:
            problems.extend(e.problems)
        if progress:
            progress("compile", i, len(paths))
    if problems:
        raise MapError(problems)
    return entries


def _compile_or_problems(path: Path, reasoner: str, folder: Path, checker: str) -> bool:
    """Worker: compile one map into the cache; a bad map is found again, and reported, by the caller."""
    try:
        compile_entry(path, reasoner, _worker_ontology(), Cache(folder), checker)
        return True
    except MapError:
        return False


@lru_cache(maxsize=1)
def _worker_ontology():
    return load_ontology()


def ntriples(triples) -> bytes:
    """rdflib triples as N-Triples bytes."""
    return ox.serialize((ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in triples), format=NT)


@dataclass
class BuildReport:
    store: str
    maps: list[str]
    asserted: int
    inferred: int


def build(
    paths: Iterable[Path],
    store: str | Path = stores.DEFAULT_STORE,
    reasoner: str = "fast",
    progress: Progress | None = None,
    cache_dir: Path | None = None,
    checker: str = "native",
) -> BuildReport:
    """Check, infer and write a new build into ``store`` (a ``--store`` spec).

    Every map is compiled (or taken from the cache) before anything is written, so an
    invalid map leaves the store as it was; an interrupted write leaves the previous
    build current.
    """
    backend = open_backend(store)
    cache = Cache(cache_dir or backend.cache_dir)
    entries = compile_entries(paths, reasoner, cache, progress, checker=checker)
    backend.write(entries, progress)
    return BuildReport(
        store=str(store),
        maps=[e.slug for e in entries],
        asserted=sum(e.asserted_count for e in entries),
        inferred=sum(e.inferred_count for e in entries),
    )
