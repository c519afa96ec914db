"""Shared by the benchmark scripts: corpora on disk, timing medians, and the printed table."""

from __future__ import annotations

import atexit
import resource
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path

from benchmarks.generate import generate_corpus

OUT = Path(__file__).parent / "out"
SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000, "1M": 1_000_000}
QUICK = ("1k", "10k")
#: owlrl and rdflib's memory store are not run above this many triples (hours, tens of GB).
BASELINE_LIMIT = 100_000


def corpus(size: str) -> list[Path]:
    """The synthetic corpus of ``size`` (generated once, kept under ``benchmarks/out``)."""
    folder = OUT / f"corpus-{size}"
    maps = sorted((folder / "maps").glob("*.ttl"))
    if not maps:
        maps = generate_corpus(folder, SIZES[size])
    return maps


@cache
def built_store(size: str) -> Path:
    """A store built from the corpus of ``size``, once per run (shared by the query and HTTP benchmarks)."""
    from claims import building

    tmp = Path(tempfile.mkdtemp(prefix=f"argmap-bench-{size}-"))
    atexit.register(shutil.rmtree, tmp, ignore_errors=True)
    building.build(corpus(size), tmp / "store", cache_dir=tmp / "cache")
    return tmp / "store"


def timed(fn: Callable, repeats: int = 3) -> tuple[float, object]:
    """Median wall time of ``fn()`` over ``repeats`` runs, and its last result."""
    times, result = [], None
    for _ in range(repeats):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def peak_rss_mb(children: bool = False) -> float:
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    return resource.getrusage(who).ru_maxrss / 1024


def fmt_s(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    return f"{seconds * 1000:.2f} ms" if seconds < 1 else f"{seconds:.2f} s"


def row(size: str, what: str, fast: float | None, base: float | None, note: str = "") -> str:
    ratio = (
        "—" if not (fast and base) else f"{base / fast:.0f}x" if base / fast >= 10 else f"{base / fast:.1f}x"
    )
    line = f"| {size} | {what} | {fmt_s(fast)} | {fmt_s(base)} | {ratio} | {note} |"
    print(line, flush=True)
    return line


HEADER = "| size | step | argmap | baseline | speed-up | note |\n|---|---|---|---|---|---|"
