"""What runs inside a query worker process: open the store, then answer jobs until EOF.

The worker caps its own address space (``RLIMIT_AS``) before touching the store, so a
query that tries to build a huge value dies alone (pyoxigraph aborts on a failed
allocation) and the pool replaces it. Results are cut at ``max_rows`` rows.
"""

from __future__ import annotations

import contextlib
import os
import re
import resource
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import pyoxigraph as ox

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
    tsv, rows, cut = _first_rows(result, job.max_rows)
    if fmt != TSV:
        return ox.parse_query_results(tsv, format=TSV).serialize(format=fmt), fmt.media_type, rows, cut
    return tsv, fmt.media_type, rows, cut


TSV = ox.QueryResultsFormat.TSV


class _Enough(Exception):
    """Raised into pyoxigraph's serializer to stop the query once enough rows are written."""


class _RowSink:
    """A file pyoxigraph writes TSV results into that keeps the header and ``limit`` rows
    (one line each: TSV escapes newlines in terms), then stops the query."""

    def __init__(self, limit: int):
        self.parts: list[bytes] = []
        self.lines = 0
        self.wanted = limit + 1  # the header line, then the rows
        self.cut = False

    def write(self, chunk) -> int:
        chunk = bytes(chunk)
        n = chunk.count(b"\n")
        if self.lines + n > self.wanted:
            end = -1
            for _ in range(self.wanted - self.lines):
                end = chunk.index(b"\n", end + 1)
            self.parts.append(chunk[: end + 1])
            self.lines, self.cut = self.wanted, True
            raise _Enough
        self.parts.append(chunk)
        self.lines += n
        return len(chunk)

    def flush(self) -> None:
        pass


def _first_rows(result: ox.QuerySolutions, limit: int) -> tuple[bytes, int, bool]:
    """The solutions as TSV, cut after ``limit`` rows: serialized and counted by pyoxigraph
    itself, so a result costs no Python object per term (TSV converts losslessly)."""
    sink = _RowSink(limit)
    with contextlib.suppress(_Enough):
        result.serialize(sink, format=TSV)
    return b"".join(sink.parts), sink.lines - 1, sink.cut


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
