"""What runs inside a query worker process: open the store, then answer jobs until EOF.

The worker caps its own address space (``RLIMIT_AS``) before touching the store, so a
query that tries to build a huge value dies alone (pyoxigraph aborts on a failed
allocation) and the pool replaces it. Results are cut at ``max_rows`` rows.
"""

from __future__ import annotations

import json
import os
import re
import resource
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import pyoxigraph as ox

from server.terms import term_json

#: Where the worker gets its data: a store folder (opened read-only) or N-Quads bytes.
Source = Path | bytes


@dataclass(frozen=True)
class Job:
    query: str
    results_format: str  # media type for SELECT / ASK
    graph_format: str  # media type for CONSTRUCT / DESCRIBE
    max_rows: int
    #: The ``Store.query`` dataset arguments, with graph IRIs as strings: ``{}`` runs the
    #: query over the store's default graph (or its own FROM clauses).
    dataset: dict


def main(read_fd: int, write_fd: int, memory: int) -> None:
    """Entry point of a worker process: ``python -m server.worker READ_FD WRITE_FD MEMORY``.

    The first message is the :data:`Source`; then each message is a :class:`Job`.
    """
    from multiprocessing.connection import Connection

    inbox, outbox = Connection(read_fd, writable=False), Connection(write_fd, readable=False)
    os.environ["RUST_BACKTRACE"] = "0"
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    store = open_source(inbox.recv())
    outbox.send(("ready",))
    while True:
        try:
            job = inbox.recv()
        except (EOFError, OSError):
            return
        outbox.send(execute(store, job))


def open_source(source: Source) -> ox.Store:
    if isinstance(source, bytes):
        store = ox.Store()
        store.load(source, format=ox.RdfFormat.N_QUADS)
        return store
    from claims.store import open_store

    path = Path(source)
    if (path / "current").exists():
        return open_store(path)
    return ox.Store.read_only(str(path))  # one build folder


_POSITION = re.compile(r"at (\d+):(\d+)")


def execute(store: ox.Store, job: Job) -> tuple:
    """``("ok", body, media_type, rows, truncated)`` or ``(error_kind, message, position)``."""
    try:
        kwargs = {
            k: [ox.NamedNode(g) for g in v] if isinstance(v, (list, tuple)) else v
            for k, v in job.dataset.items()
        }
        result = store.query(job.query, **kwargs)
        return ("ok", *serialize(result, job))
    except SyntaxError as e:
        m = _POSITION.search(str(e))
        return ("syntax", str(e), (int(m[1]), int(m[2])) if m else None)
    except MemoryError:
        return ("memory", "the query needs more memory than a worker may use", None)
    except (ValueError, TypeError, LookupError) as e:
        return ("evaluation", str(e), None)
    except OSError as e:
        return ("storage", str(e), None)


def serialize(result, job: Job) -> tuple[bytes, str, int, bool]:
    if isinstance(result, ox.QueryBoolean):
        fmt = _results_format(job.results_format)
        return result.serialize(format=fmt), fmt.media_type, 1, False
    if isinstance(result, ox.QueryTriples):
        fmt = _graph_format(job.graph_format)
        triples = list(islice(result, job.max_rows + 1))
        cut = len(triples) > job.max_rows
        triples = triples[: job.max_rows]
        return ox.serialize(triples, format=fmt), fmt.media_type, len(triples), cut
    fmt = _results_format(job.results_format)
    names = [v.value for v in result.variables]
    rows = list(islice(result, job.max_rows + 1))
    cut = len(rows) > job.max_rows
    rows = rows[: job.max_rows]
    doc = {
        "head": {"vars": names},
        "results": {"bindings": [{n: term_json(s[n]) for n in names if s[n] is not None} for s in rows]},
    }
    data = json.dumps(doc).encode()
    if fmt == ox.QueryResultsFormat.JSON:
        return data, fmt.media_type, len(rows), cut
    parsed = ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
    return parsed.serialize(format=fmt), fmt.media_type, len(rows), cut


def _results_format(media_type: str) -> ox.QueryResultsFormat:
    fmt = ox.QueryResultsFormat.from_media_type(media_type)
    if fmt is None:
        raise ValueError(f"unsupported result format {media_type!r}")
    return fmt


def _graph_format(media_type: str) -> ox.RdfFormat:
    fmt = ox.RdfFormat.from_media_type(media_type)
    if fmt is None:
        raise ValueError(f"unsupported graph format {media_type!r}")
    return fmt


if __name__ == "__main__":
    import sys

    main(int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]))
