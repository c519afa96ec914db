"""``python -m benchmarks [--quick] [SIZE ...]``: every benchmark, printing figures and ratios."""

from __future__ import annotations

import argparse
import platform
import time

from benchmarks import bench_build, bench_http, bench_queries
from benchmarks.common import QUICK, SIZES


def main() -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    ap.add_argument("sizes", nargs="*", help=f"corpus sizes among {', '.join(SIZES)} (default: all)")
    ap.add_argument("--quick", action="store_true", help="only 1k and 10k triples")
    ap.add_argument("--only", choices=["build", "queries", "http"], help="run one benchmark")
    a = ap.parse_args()
    sizes = list(QUICK) if a.quick else (a.sizes or list(SIZES))
    if unknown := [s for s in sizes if s not in SIZES]:
        ap.error(f"unknown size {unknown[0]!r}; choose among {', '.join(SIZES)}")
    print(
        f"# argmap benchmarks — {time.strftime('%Y-%m-%d %H:%M')},"
        f" {platform.processor() or platform.machine()}"
    )
    print("Baseline: owlrl on rdflib's memory store; rdflib's SPARQL. Medians; speed-up = baseline / argmap.")
    if a.only in (None, "build"):
        bench_build.main(sizes)
    if a.only in (None, "queries"):
        bench_queries.main(sizes)
    if a.only in (None, "http"):
        bench_http.main(sizes, requests=200 if a.quick else 100)


if __name__ == "__main__":
    main()
