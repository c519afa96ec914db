"""The SPARQL endpoint over HTTP: ``argmap serve`` (waitress) beside ``oxigraph serve-read-only``.

Both serve the same build of a corpus on loopback ports; one client sends the same
queries (one hop, transitive support, all claims) to each in turn, N times, and the
table gives p50 / p99 for each and argmap's p50 as a multiple of oxigraph's (the
target: within 2x). Re-run after changes to ``/sparql``::

    PYTHONPATH=. python -m benchmarks.bench_http 100k 1M [--requests 200]
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from benchmarks.common import SIZES, built_store
from claims.backends import open_backend
from claims.store import current_build
from ontology.vocab import sparql_prologue

ROOT = Path(__file__).resolve().parent.parent
#: Seconds a client waits for one answer.
TIMEOUT = 120
QUERIES = {
    "one hop": "SELECT ?child ?inf { ?inf am:conclusion <%(thesis)s> ; am:premise ?child }",
    "transitive support": "SELECT DISTINCT ?x { ?x am:inSupportOf <%(thesis)s> }",
    "all claims (JSON)": "SELECT ?s ?text { ?s a am:Statement ; am:text ?text }",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_up(url: str, proc: subprocess.Popen, seconds: float = 120) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}: {proc.stderr.read()[-2000:]!r}")
        try:
            ask(url, "ASK {}")
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


def ask(url: str, sparql: str) -> bytes:
    body = urllib.parse.urlencode({"query": sparql}).encode()
    request = urllib.request.Request(
        url,
        data=body,
        headers={
            "Accept": "application/sparql-results+json",
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
        return response.read()


def percentile(times: list[float], q: float) -> float:
    times = sorted(times)
    return times[min(len(times) - 1, round(q * (len(times) - 1)))]


def bench(size: str, requests: int) -> None:
    tmp = Path(tempfile.mkdtemp())
    procs = []
    try:
        store = built_store(size)
        thesis = _biggest_thesis(store)
        # No row limit, so both servers return the same rows ("all claims" is 61k rows at 1M).
        env = {**os.environ, "PYTHONPATH": str(ROOT), "ARGMAP_QUERY_MAX_ROWS": str(10**8)}
        p1, p2 = free_port(), free_port()
        argmap = subprocess.Popen(
            [sys.executable, "-m", "cli", "serve", "--store", str(store), "--port", str(p1)],
            env=env,
            stderr=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
        )
        procs.append(argmap)
        oxi = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
        oxigraph = subprocess.Popen(
            [oxi, "serve-read-only", "--location", str(current_build(store)), "--bind", f"127.0.0.1:{p2}"],
            stderr=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
        )
        procs.append(oxigraph)
        urls = {"argmap": f"http://127.0.0.1:{p1}/sparql", "oxigraph": f"http://127.0.0.1:{p2}/query"}
        wait_up(urls["argmap"], argmap)
        wait_up(urls["oxigraph"], oxigraph)
        for name, q in QUERIES.items():
            sparql = sparql_prologue() + q % {"thesis": thesis}
            n = requests if "all" not in name else max(20, requests // 10)
            times = {k: [] for k in urls}
            sizes = {}
            try:
                for url in urls.values():
                    ask(url, sparql)  # warm up
            except (TimeoutError, OSError) as e:
                print(
                    f"| {size} | {name} | 1 | failed: {e} (client timeout {TIMEOUT} s) | — | — |", flush=True
                )
                continue
            for _ in range(n):  # alternate, so both see the same load from other processes
                for k, url in urls.items():
                    t = time.perf_counter()
                    sizes[k] = len(ask(url, sparql))
                    times[k].append(time.perf_counter() - t)
            a50, o50 = percentile(times["argmap"], 0.5), percentile(times["oxigraph"], 0.5)
            print(
                f"| {size} | {name} ({sizes['argmap']:,} B) | {n} | "
                f"{a50 * 1000:.2f} / {percentile(times['argmap'], 0.99) * 1000:.2f} ms | "
                f"{o50 * 1000:.2f} / {percentile(times['oxigraph'], 0.99) * 1000:.2f} ms | "
                f"{a50 / o50:.2f}x |",
                flush=True,
            )
    finally:
        for p in procs:
            p.terminate()
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()
        shutil.rmtree(tmp, ignore_errors=True)


def _biggest_thesis(store: Path) -> str:
    rows = open_backend(store).query(
        sparql_prologue() + "SELECT ?t (COUNT(?x) AS ?n) { ?t a am:Thesis . ?x am:inSupportOf ?t } "
        "GROUP BY ?t ORDER BY DESC(?n) LIMIT 1"
    )
    return next(iter(rows))["t"].value


HEADER = (
    "| size | query | requests | argmap serve p50 / p99 | oxigraph serve p50 / p99 | argmap / oxigraph (p50) |\n"
    "|---|---|---|---|---|---|"
)


def main(sizes: list[str], requests: int = 200) -> None:
    print("\n## SPARQL endpoint over HTTP (one client, loopback)\n\n" + HEADER, flush=True)
    for size in sizes:
        bench(size, requests)


if __name__ == "__main__":
    ap = argparse.ArgumentParser(prog="python -m benchmarks.bench_http", description=__doc__)
    ap.add_argument("sizes", nargs="*", default=["100k"], choices=list(SIZES))
    ap.add_argument("--requests", type=int, default=200)
    a = ap.parse_args()
    main(a.sizes, a.requests)
