"""Serving under load, both servers, one command: build the article's map, then load
``argmap serve`` (waitress) and Flask's development server (``app.run(threaded=True)``, the
baseline) with the same mix of tree pages, statement pages and SPARQL queries from this
process (loopback), and print both reports and their ratio.

    PYTHONPATH=. python -m benchmarks.run_load [--clients 32] [--duration 60]
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import loadtest  # noqa: E402

MAP = ROOT / "claims" / "maps" / "kim-jong-un-better-off.ttl"
SLUG = MAP.stem
QUERIES = [
    "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/argmap/ns#Statement> }",
    "PREFIX am: <https://w3id.org/argmap/ns#> SELECT ?s ?t WHERE { ?s am:text ?t } ORDER BY ?s LIMIT 20",
    "PREFIX am: <https://w3id.org/argmap/ns#> SELECT ?a ?t WHERE { ?a am:attacks ?t } LIMIT 50",
]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def mix(store: Path) -> list[str]:
    """Tree page, article, statement pages and SPARQL queries, in the proportions of the run."""
    sys.path.insert(0, str(ROOT))
    from claims.querying import select_rows
    from claims.store import open_store

    rows = select_rows(
        open_store(store), "SELECT ?s WHERE { ?s a am:Statement ; am:inMap ?m } ORDER BY ?s LIMIT 4"
    )
    statements = ["/" + r["s"].value.removeprefix("https://w3id.org/argmap/") for r in rows]
    sparql = ["/sparql?" + urllib.parse.urlencode({"query": q}) for q in QUERIES]
    return [f"/map/{SLUG}", f"/map/{SLUG}", *statements, *sparql]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_up(base: str, path: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + path, timeout=30) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{base} did not come up")


def measure(name: str, argv: list[str], port: int, paths: list[str], clients: int, duration: float):
    proc = subprocess.Popen(argv, cwd=ROOT, env=ENV, stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_up(base, paths[0])
        for p in paths:  # warm up: every page once, every query starts the pool
            urllib.request.urlopen(base + p, timeout=30).read()
        report = loadtest.run(base, paths, clients, duration, proc.pid)
    finally:
        proc.terminate()
        proc.wait(30)
    print(f"== {name}")
    print("\n".join(report.lines()))
    return report


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--threads", type=int, default=16, help="waitress threads")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        subprocess.run(
            [sys.executable, "-m", "cli", "build", "--store", str(store), str(MAP)],
            cwd=ROOT,
            env=ENV,
            check=True,
            capture_output=True,
        )
        paths = mix(store)
        print(f"mix of {len(paths)} paths, {args.clients} clients, {args.duration:g} s each, loopback")
        port = free_port()
        serve = [sys.executable, "-m", "cli", "serve", "--store", str(store), "--port", str(port)]
        prod = measure(
            "argmap serve (waitress)",
            serve + ["--threads", str(args.threads)],
            port,
            paths,
            args.clients,
            args.duration,
        )
        port = free_port()
        dev = measure(
            "Flask development server (threaded)",
            [sys.executable, "-m", "benchmarks.devserver", str(store), str(port)],
            port,
            paths,
            args.clients,
            args.duration,
        )
    print("== waitress / development server")
    thr = (prod.requests / prod.seconds) / (dev.requests / dev.seconds)
    print(
        f"throughput x{thr:.2f}  p50 x{prod.percentile(50) / dev.percentile(50):.2f}"
        f"  p99 x{prod.percentile(99) / dev.percentile(99):.2f}"
    )


if __name__ == "__main__":
    main()
