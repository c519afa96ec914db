"""The embedded on-disk store: a pyoxigraph store per build, swapped in atomically.

Layout of a store folder::

    STORE/current -> build-20260101T120000-1234   (symlink, replaced atomically)
    STORE/build-...                               (one pyoxigraph store per build)

A build writes a new folder and only then moves ``current``; a failed build never
touches it, and a server reading the previous build keeps it open unharmed.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pyoxigraph as ox

DEFAULT_STORE = Path(os.environ.get("ARGMAP_STORE", ".argmap/store"))
KEEP_BUILDS = 2


class StoreMissing(FileNotFoundError):
    """No build has been written to this store folder yet."""


def current_build(store_dir: Path) -> Path:
    """The folder of the store's current build, or raise :class:`StoreMissing`."""
    link = Path(store_dir) / "current"
    if not link.exists():
        raise StoreMissing(f"no store at {store_dir}: run `argmap build` first")
    return link.resolve()


def open_store(store_dir: Path) -> ox.Store:
    """Open the current build read-only."""
    return ox.Store.read_only(str(current_build(store_dir)))


def new_build_dir(store_dir: Path) -> Path:
    """A fresh, empty folder for the next build."""
    store_dir = Path(store_dir)
    store_dir.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S")
    path = store_dir / f"build-{stamp}-{os.getpid()}-{time.monotonic_ns() % 10**6}"
    path.mkdir()
    return path


def publish(store_dir: Path, build: Path) -> None:
    """Make ``build`` current in one atomic step, and prune older builds."""
    store_dir = Path(store_dir)
    tmp_link = store_dir / f".current-{os.getpid()}"
    if tmp_link.is_symlink():
        tmp_link.unlink()
    tmp_link.symlink_to(build.name)
    os.replace(tmp_link, store_dir / "current")
    _prune(store_dir, keep=build)


def discard(build: Path) -> None:
    """Remove a build that failed half-way."""
    shutil.rmtree(build, ignore_errors=True)


def _prune(store_dir: Path, keep: Path) -> None:
    builds = sorted((p for p in store_dir.glob("build-*") if p.is_dir()), key=lambda p: p.stat().st_mtime)
    old = [p for p in builds if p != keep][: max(0, len(builds) - KEEP_BUILDS)]
    for p in old:
        shutil.rmtree(p, ignore_errors=True)


def needs_rebuild(store_dir: Path) -> bool:
    """Whether the current build predates the maps' copy in the default graph (argmap 0.1
    stores before it): such a store answers queries without ``GRAPH`` with nothing."""
    store = open_store(store_dir)
    has_maps = any(g.value.endswith("/asserted") for g in store.named_graphs() if isinstance(g, ox.NamedNode))
    return has_maps and next(store.quads_for_pattern(None, None, None, ox.DefaultGraph()), None) is None
