"""The limits every public query runs under, with their defaults and settings.

Each limit is read, in order of precedence, from the Flask config (``ARGMAP_QUERY_TIMEOUT``
...), then the environment variable of the same name, then the default below. SECURITY.md
lists them with the reasons for each default.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace

#: Setting name for each field of :class:`Limits`.
SETTINGS = {
    "timeout": "ARGMAP_QUERY_TIMEOUT",
    "memory": "ARGMAP_QUERY_MEMORY",
    "max_rows": "ARGMAP_QUERY_MAX_ROWS",
    "max_bytes": "ARGMAP_QUERY_MAX_BYTES",
    "max_depth": "ARGMAP_QUERY_MAX_DEPTH",
    "max_tokens": "ARGMAP_QUERY_MAX_TOKENS",
    "max_values": "ARGMAP_QUERY_MAX_VALUES",
    "max_path": "ARGMAP_QUERY_MAX_PATH",
    "workers": "ARGMAP_QUERY_WORKERS",
    "max_long": "ARGMAP_QUERY_MAX_LONG",
    "long_after": "ARGMAP_QUERY_LONG_AFTER",
    "queue_wait": "ARGMAP_QUERY_QUEUE_WAIT",
}


@dataclass(frozen=True)
class Limits:
    """Bounds on one query and on the pool that runs queries."""

    #: Wall-clock seconds a query may run before its worker is killed (503).
    timeout: float = 10.0
    #: Address-space cap of a worker process, in bytes (503 when a query exceeds it).
    memory: int = 1 << 30
    #: Result rows (solutions or triples) returned; more are cut off and flagged as truncated.
    max_rows: int = 10_000
    #: Size of the query text in bytes (413 past it).
    max_bytes: int = 64 * 1024
    #: Nesting of ``{ ( [`` (pyoxigraph overflows its stack near 2,150 nested groups).
    max_depth: int = 64
    #: Tokens of the query outside VALUES data (pyoxigraph overflows near 20,000).
    max_tokens: int = 4_000
    #: Data terms in all VALUES blocks together.
    max_values: int = 10_000
    #: Steps in one property path (evaluation time grows with the cube of the length).
    max_path: int = 32
    #: Worker processes running queries.
    workers: int = 6
    #: Queries allowed to run longer than ``long_after`` at once; the rest keep
    #: ``workers - max_long`` workers free for quick queries.
    max_long: int = 4
    #: Seconds after which a running query counts as long.
    long_after: float = 0.5
    #: Seconds a query waits for a free worker before 503.
    queue_wait: float = 5.0

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if value <= 0:
                raise ValueError(f"{SETTINGS[f.name]} must be positive, not {value!r}")
        if self.max_long >= self.workers:
            raise ValueError(
                f"{SETTINGS['max_long']} ({self.max_long}) must be below "
                f"{SETTINGS['workers']} ({self.workers}) so quick queries keep a worker"
            )


def limits_from(config: Mapping | None = None, environ: Mapping | None = None) -> Limits:
    """Limits from a Flask config (or any mapping), then the environment, then the defaults."""
    config = config or {}
    environ = os.environ if environ is None else environ
    changes = {}
    for f in fields(Limits):
        name = SETTINGS[f.name]
        raw = config.get(name, environ.get(name))
        if raw is None or raw == "":
            continue
        kind = int if f.type in ("int", int) else float
        try:
            changes[f.name] = kind(raw)
        except (TypeError, ValueError):
            raise ValueError(f"{name} must be a number, not {raw!r}") from None
    return replace(Limits(), **changes)
