"""Build the store: load every map, check it, infer, and write a new store build.

Nothing is written unless every map is valid; the previous build stays current
when anything fails (see :mod:`claims.store`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from claims import store as stores
from claims.checking import check_map
from claims.errors import MapError
from claims.evaluation import write_labels
from claims.loading import LoadedMap, load_map
from claims.rdfterms import quads
from ontology import load_ontology
from ontology.reasoning import infer
from ontology.vocab import ONTOLOGY_GRAPH, asserted_graph, inferred_graph

MAPS_DIR = Path(__file__).parent / "maps"

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


def load_and_check(paths: Iterable[Path], progress: Progress | None = None) -> list[LoadedMap]:
    """Load and check every map; raise one :class:`MapError` with all problems found."""
    paths = list(paths)
    maps, problems = [], []
    for i, path in enumerate(paths, 1):
        try:
            m = load_map(path)
        except MapError as e:
            problems.extend(e.problems)
            continue
        problems.extend(check_map(m))
        maps.append(m)
        if progress:
            progress("check", i, len(paths))
    if problems:
        raise MapError(problems)
    return maps


def compile_maps(
    paths: Iterable[Path], reasoner: str = "owlrl", progress: Progress | None = None
) -> list[CompiledMap]:
    """Load, check and infer each map."""
    maps = load_and_check(paths, progress)
    ontology = load_ontology()
    compiled = []
    for i, m in enumerate(maps, 1):
        compiled.append(CompiledMap(m, infer(m.graph, reasoner, ontology)))
        if progress:
            progress("infer", i, len(maps))
    return compiled


def fill_store(store: ox.Store, compiled: list[CompiledMap]) -> None:
    """Write the ontology, each map's asserted and inferred graphs, and its labels into ``store``."""
    store.extend(quads(load_ontology(), ONTOLOGY_GRAPH))
    for c in compiled:
        store.extend(quads(c.loaded.graph, asserted_graph(c.slug)))
        store.extend(quads(c.inferred, inferred_graph(c.slug)))
    for c in compiled:
        write_labels(store, c.slug)


def build_memory(paths: Iterable[Path], reasoner: str = "owlrl") -> ox.Store:
    """An in-memory store of the given maps (for tests and ``--store :memory:``)."""
    store = ox.Store()
    fill_store(store, compile_maps(paths, reasoner))
    return store


@dataclass
class BuildReport:
    build: Path
    maps: list[str]
    asserted: int
    inferred: int


def build(
    paths: Iterable[Path],
    store_dir: Path = stores.DEFAULT_STORE,
    reasoner: str = "owlrl",
    progress: Progress | None = None,
) -> BuildReport:
    """Check, infer and write a new build of the store, then make it current."""
    compiled = compile_maps(paths, reasoner, progress)
    target = stores.new_build_dir(store_dir)
    try:
        store = ox.Store(str(target))
        fill_store(store, compiled)
        store.flush()
        del store
    except BaseException:
        stores.discard(target)
        raise
    stores.publish(store_dir, target)
    return BuildReport(
        build=target,
        maps=[c.slug for c in compiled],
        asserted=sum(len(c.loaded.graph) for c in compiled),
        inferred=sum(len(c.inferred) for c in compiled),
    )
