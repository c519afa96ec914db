"""The store a running app serves: a fixed ``pyoxigraph.Store``, or a store folder whose
``current`` build is re-opened (read-only) whenever a new build is published."""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

import pyoxigraph as ox

from claims.store import StoreMissing, open_store

log = logging.getLogger(__name__)


class StoreHolder:
    """Hands out the store to serve; cheap to call on every request."""

    def __init__(self, source: ox.Store | str | Path):
        self._lock = threading.Lock()
        if isinstance(source, ox.Store):
            self.folder: Path | None = None
            self._store: ox.Store | None = source
            self._target: str | None = None
        else:
            self.folder = Path(source)
            self._store = None
            self._target = None

    def get(self) -> ox.Store:
        """The current build's store; raises :class:`StoreMissing` if none was ever built."""
        if self.folder is None:
            return self._store
        target = self._link_target()
        if self._store is not None and target == self._target:
            return self._store
        with self._lock:
            if self._store is None or target != self._target:
                self._reopen(target)
            return self._store

    def snapshot(self) -> tuple[ox.Store, Path | None]:
        """The store to serve and the build folder it was opened from (None for a fixed store)."""
        store = self.get()
        with self._lock:
            store, target = self._store, self._target
        if self.folder is None or target is None:
            return store, None
        return store, self.folder / target

    def _link_target(self) -> str | None:
        try:
            return os.readlink(self.folder / "current")
        except OSError:
            return None

    def _reopen(self, target: str | None) -> None:
        if target is None:
            if self._store is None:
                raise StoreMissing(f"no store at {self.folder}: run `argmap build` first")
            return  # the link vanished: keep serving what we have
        try:
            store = open_store(self.folder)
        except (OSError, StoreMissing) as e:
            if self._store is None:
                raise
            log.warning("keeping the previous build: cannot open %s: %s", target, e)
            return
        self._store, self._target = store, target
        log.info("serving store build %s", target)
