"""Time the build: parse, check, infer, store, the whole ``argmap build``, and a rebuild after one new map.

Baselines, run in the same process: owlrl's closure (the reference reasoner) and
rdflib's memory store. Above 100k triples they are not run; the table says so and
gives owlrl's time extrapolated from the growth measured between 10k and 100k.
"""

from __future__ import annotations

import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, URIRef

from benchmarks.common import BASELINE_LIMIT, HEADER, SIZES, corpus, fmt_s, row, timed
from benchmarks.generate import generate_map
from benchmarks.peak import run_measured
from claims import building
from claims.backends import load_entries
from claims.cache import Cache
from claims.checking import check_map
from claims.loading import load_map
from ontology import load_ontology
from ontology.reasoning import infer

ROOT = Path(__file__).resolve().parent.parent
OWLRL_SEEN: dict[int, float] = {}


def bench(size: str) -> None:
    n = SIZES[size]
    baseline = n <= BASELINE_LIMIT
    paths = corpus(size)
    repeats = 3 if n <= 10_000 else 1
    t_parse, maps = timed(lambda: [load_map(p) for p in paths], repeats)
    asserted = sum(len(m.graph) for m in maps)
    row(size, f"parse ({len(maps)} maps, {asserted:,} triples)", t_parse, None)
    t_check, _ = timed(lambda: [check_map(m) for m in maps], 1)
    row(size, "check (SHACL + quotes)", t_check, None)
    ontology = load_ontology()
    t_fast, fast = timed(lambda: [infer(m.graph, "fast", ontology) for m in maps], repeats)
    inferred = sum(len(x) for x in fast)
    if baseline:
        t_slow, slow = timed(lambda: [infer(m.graph, "owlrl", ontology) for m in maps], 1 if n > 1000 else 3)
        OWLRL_SEEN[n] = t_slow
        same = all(a == b for a, b in zip(fast, slow, strict=True))
        row(size, f"infer ({inferred:,} triples)", t_fast, t_slow, f"same entailments as owlrl: {same}")
    else:
        est = _extrapolate(n)
        row(
            size,
            f"infer ({inferred:,} triples)",
            t_fast,
            None,
            f"owlrl not run; extrapolated ~{fmt_s(est)} ({est / t_fast:.0f}x)" if est else "owlrl not run",
        )
    with tempfile.TemporaryDirectory() as tmp:
        cache = Cache(Path(tmp) / "cache")
        entries = [building.compile_entry(p, "fast", ontology, cache) for p in paths]
        t_bulk, _ = timed(lambda: _bulk(entries, Path(tmp) / f"bulk{time.monotonic_ns()}"), 1)
        t_extend, _ = timed(lambda: _extend(entries, Path(tmp) / f"ext{time.monotonic_ns()}"), 1)
        row(size, "store: batched N-Quads bulk_load vs Store.extend per graph", t_bulk, t_extend)
        if baseline:
            t_mem, _ = timed(lambda: _rdflib(entries), 1)
            row(size, "store: pyoxigraph bulk_load vs rdflib memory", t_bulk, t_mem)
    _whole_build(size, paths, baseline)


def _bulk(entries, folder: Path) -> None:
    store = ox.Store(str(folder))
    load_entries(store, entries)
    store.flush()


def _extend(entries, folder: Path) -> None:
    store = ox.Store(str(folder))
    for e in entries:
        for g, p in (("a", e.asserted), ("i", e.inferred)):
            graph = ox.NamedNode(f"urn:{e.slug}:{g}")
            store.extend(
                ox.Quad(t.subject, t.predicate, t.object, graph)
                for t in ox.parse(path=str(p), format=ox.RdfFormat.N_TRIPLES)
            )
    store.flush()


def _rdflib(entries) -> None:
    ds = Dataset()
    for e in entries:
        ds.graph(URIRef(f"urn:{e.slug}:a")).parse(e.asserted, format="nt")
        ds.graph(URIRef(f"urn:{e.slug}:i")).parse(e.inferred, format="nt")


def _whole_build(size: str, paths: list[Path], baseline: bool) -> None:
    """``argmap build`` from scratch in a child process (wall time, peak memory), then one map more."""
    work = Path(tempfile.mkdtemp())
    try:
        maps = work / "maps"
        maps.mkdir()
        (work / "sources").mkdir()
        for p in paths:
            shutil.copy(p, maps / p.name)
            shutil.copy(p.parent.parent / "sources" / f"{p.stem}.txt", work / "sources")
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        cmd = [sys.executable, "-m", "cli", "build", "--maps", str(maps), "--store", str(work / "store")]
        t_build, peak = run_measured(cmd, env)
        row(
            size,
            "argmap build from scratch (fast)",
            t_build,
            None,
            f"peak memory {peak:,.0f} MB (main process + workers, sampled)",
        )
        ttl, text = generate_map("one-more", 99, 1000)
        (maps / "one-more.ttl").write_text(ttl, encoding="utf-8")
        (work / "sources" / "one-more.txt").write_text(text, encoding="utf-8")
        t_again, peak = run_measured(cmd, env)
        row(
            size, "rebuild after adding one map (cache)", t_again, t_build, f"vs from scratch; {peak:,.0f} MB"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _extrapolate(n: int) -> float | None:
    """owlrl's time at ``n`` triples from the power law through its two largest measured sizes."""
    seen = sorted(OWLRL_SEEN.items())
    if len(seen) < 2:
        return None
    (n1, t1), (n2, t2) = seen[-2:]
    k = math.log(t2 / t1) / math.log(n2 / n1)
    return t2 * (n / n2) ** k


def article_build() -> None:
    """``argmap build`` on ``claims/maps/`` alone, from scratch (cold) and again (warm cache), wall time
    of the command including Python's start-up."""
    work = Path(tempfile.mkdtemp())
    try:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        maps = ROOT / "claims" / "maps"
        cold, warm = [], []
        for i in range(3):
            cmd = [sys.executable, "-m", "cli", "build", "--maps", str(maps), "--store", str(work / f"s{i}")]
            for times in (cold, warm):
                t = time.perf_counter()
                subprocess.run(cmd, check=True, env=env, capture_output=True)
                times.append(time.perf_counter() - t)
        n = len(list(maps.glob("*.ttl")))
        row("article", f"argmap build claims/maps/ ({n} map) from scratch", statistics.median(cold), None)
        row("article", "argmap build claims/maps/ again (warm cache)", statistics.median(warm), None)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(sizes: list[str]) -> None:
    print("\n## Build\n\n" + HEADER, flush=True)
    article_build()
    for size in sizes:
        bench(size)
    if len(OWLRL_SEEN) >= 2:
        (n1, t1), (n2, t2) = sorted(OWLRL_SEEN.items())[-2:]
        print(
            f"\nowlrl grows as n^{math.log(t2 / t1) / math.log(n2 / n1):.2f}"
            f" between {n1:,} and {n2:,} triples."
        )


if __name__ == "__main__":
    main(sys.argv[1:] or ["1k", "10k"])
