"""Run vetted queries in worker processes that can really be stopped.

pyoxigraph cannot be interrupted from Python, so every query runs in a separate
process: at the deadline the worker is killed (SIGKILL) and replaced. A worker caps
its memory (see :mod:`server.worker`); a crash (stack overflow, failed allocation)
kills only that worker.

Quick queries keep answering while runaway ones run: at most ``max_long`` queries
may run past ``long_after`` seconds at once (the next is stopped with 503 "busy"), so
``workers - max_long`` workers stay free for quick queries, and a long query's worker
is reniced so quick ones also win the CPU.

Result rows past ``max_rows`` are cut off and :attr:`QueryResult.truncated` is set
(the route tells the client in a header); the query is not refused.
"""

from __future__ import annotations

import contextlib
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph as ox

from server.guard import query_form
from server.limits import Limits
from server.worker import Job, Source

ROOT = Path(__file__).resolve().parent.parent


class QueryError(Exception):
    """A query that did not produce a result; ``status`` is the HTTP status to answer with."""

    status = 500

    def __init__(self, message: str, position: tuple[int, int] | None = None):
        self.message = message
        self.position = position
        where = f" (line {position[0]}, column {position[1]})" if position else ""
        super().__init__(message + where)


class QuerySyntaxError(QueryError):
    status = 400


class QueryFailed(QueryError):
    """The engine rejected the query while evaluating it (bad format, type error...)."""

    status = 400


class QueryCrashed(QueryError):
    """The query crashed its worker (e.g. overflowed the engine's stack)."""

    status = 400


class QueryTimeout(QueryError):
    status = 503


class QueryTooLarge(QueryError):
    """The query needed more memory than a worker may use."""

    status = 503


class QueryBusy(QueryError):
    """No worker free in time, or too many long queries already running."""

    status = 503


@dataclass(frozen=True)
class QueryResult:
    body: bytes
    media_type: str
    form: str  # select, ask, construct, describe
    rows: int
    truncated: bool


class _Worker:
    """One ``python -m server.worker`` process and the two pipes to it."""

    def __init__(self, source: Source, memory: int, timeout: float = 60.0):
        to_child, from_parent = os.pipe()
        to_parent, from_child = os.pipe()
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "server.worker", str(to_child), str(from_child), str(memory)],
            pass_fds=(to_child, from_child),
            stdin=subprocess.DEVNULL,
            env=env,
        )
        os.close(to_child)
        os.close(from_child)
        self.send_conn = Connection(from_parent, readable=False)
        self.conn = Connection(to_parent, writable=False)
        self.reniced = False
        self.send_conn.send(source)
        if not self.conn.poll(timeout):
            self.kill()
            raise RuntimeError("query worker did not start")
        msg = self.conn.recv()
        if msg != ("ready",):
            raise RuntimeError(f"query worker failed to start: {msg!r}")

    @property
    def exitcode(self) -> int | None:
        try:
            return self.process.wait(2)
        except subprocess.TimeoutExpired:
            return None

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            self.process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(5)
        self.conn.close()
        self.send_conn.close()


class QueryPool:
    """A pool of query workers over one store folder (or in-memory N-Quads)."""

    def __init__(self, source: Source | ox.Store, limits: Limits | None = None):
        if isinstance(source, ox.Store):
            source = source.dump(format=ox.RdfFormat.N_QUADS)
        elif not isinstance(source, bytes):
            source = Path(source)
        self.source = source
        self.limits = limits or Limits()
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._long = 0
        self._closed = False

    # -- lifecycle ---------------------------------------------------------
    def start(self) -> QueryPool:
        for _ in range(self.limits.workers):
            self._add()
        return self

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for w in workers:
            w.kill()

    def __enter__(self) -> QueryPool:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()

    def _add(self) -> None:
        w = _Worker(self.source, self.limits.memory)
        with self._lock:
            if self._closed:
                w.kill()
                return
            self._all.add(w)
        self._idle.put(w)

    def _retire(self, w: _Worker) -> None:
        """Kill ``w`` and start its replacement in the background."""
        with self._lock:
            self._all.discard(w)
        w.kill()
        if not self._closed:
            threading.Thread(target=self._add, daemon=True).start()

    # -- queries -----------------------------------------------------------
    def run(
        self,
        query: str,
        results_format: str = "application/sparql-results+json",
        graph_format: str = "text/turtle",
        dataset: dict | None = None,
    ) -> QueryResult:
        """Run a vetted query over ``dataset`` (``Store.query`` keyword arguments, graph IRIs as
        strings; the store's default graph when absent); raise a :class:`QueryError` subclass
        when it yields no result."""
        lim = self.limits
        job = Job(query, results_format, graph_format, lim.max_rows, dataset or {})
        try:
            w = self._idle.get(timeout=lim.queue_wait)
        except queue.Empty:
            busy = f"every query worker is busy; retry in a few seconds (waited {lim.queue_wait:g} s)"
            raise QueryBusy(busy) from None
        keep = False
        try:
            msg = self._wait(w, job)
            keep = True
        finally:
            if keep and not w.reniced:
                self._idle.put(w)
            else:
                self._retire(w)
        return self._answer(msg, query)

    def _wait(self, w: _Worker, job: Job):
        lim = self.limits
        start = time.monotonic()
        long = False
        try:
            w.send_conn.send(job)
            while True:
                elapsed = time.monotonic() - start
                if elapsed >= lim.timeout:
                    raise QueryTimeout(f"query stopped after the {lim.timeout:g} s time limit")
                step = lim.timeout - elapsed if long else min(lim.timeout, lim.long_after) - elapsed
                if w.conn.poll(max(step, 0)):
                    return w.conn.recv()
                if not long and time.monotonic() - start >= lim.long_after:
                    with self._lock:
                        if self._long >= lim.max_long:
                            raise QueryBusy(f"{lim.max_long} long queries are already running; retry later")
                        self._long += 1
                    long = True
                    w.reniced = True
                    with contextlib.suppress(OSError):
                        os.setpriority(os.PRIO_PROCESS, w.process.pid, 10)
        except (EOFError, OSError, BrokenPipeError):
            code = w.exitcode
            if code == -signal.SIGABRT:
                raise QueryTooLarge("the query needed more memory than a worker may use") from None
            raise QueryCrashed(f"the query engine crashed on this query (exit {code})") from None
        finally:
            if long:
                with self._lock:
                    self._long -= 1

    @staticmethod
    def _answer(msg: tuple, query: str) -> QueryResult:
        kind = msg[0]
        if kind == "ok":
            _, body, media_type, rows, truncated = msg
            return QueryResult(body, media_type, query_form(query) or "select", rows, truncated)
        _, message, position = msg
        if kind == "syntax":
            raise QuerySyntaxError(message, position)
        if kind == "memory":
            raise QueryTooLarge(message)
        if kind == "evaluation":
            raise QueryFailed(message)
        raise QueryError(message)
