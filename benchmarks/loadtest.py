"""A bounded load generator for a local argmap server (127.0.0.1 only; stops by itself).

    python benchmarks/loadtest.py http://127.0.0.1:8080 --clients 32 --duration 60 \
        --path /map/pets --path /id/pets/thesis \
        --path '/sparql?query=SELECT%20*%20WHERE%20%7B%3Fs%20%3Fp%20%3Fo%7D%20LIMIT%2010' --pid 12345

Each client thread loops over the paths (starting at a different one) on its own
keep-alive connection until the duration ends, then the script prints p50/p99
latency, throughput, errors (non-2xx or failed requests) and the server's RSS growth.
"""

from __future__ import annotations

import argparse
import http.client
import os
import statistics
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit


@dataclass
class Report:
    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    rss_before: int | None = None
    rss_after: int | None = None
    children_before: int | None = None  # RSS of the server's child processes (query workers)
    children_after: int | None = None
    #: The server's RSS a quarter into the run, once caches and thread stacks are warm:
    #: growth after it is what a leak would show.
    rss_warm: int | None = None

    @property
    def requests(self) -> int:
        return len(self.latencies) + sum(self.errors.values())

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]

    def lines(self) -> list[str]:
        out = [
            f"requests   {self.requests} in {self.seconds:.1f} s ({self.requests / self.seconds:.1f}/s)",
            f"latency    p50 {self.percentile(50) * 1000:.1f} ms  p99 {self.percentile(99) * 1000:.1f} ms"
            + (f"  mean {statistics.fmean(self.latencies) * 1000:.1f} ms" if self.latencies else ""),
            f"errors     {sum(self.errors.values())} {dict(self.errors) if self.errors else ''}".rstrip(),
        ]
        if self.rss_before is not None and self.rss_after is not None:
            growth = (self.rss_after - self.rss_before) / 1024
            before, after = self.rss_before / 1024, self.rss_after / 1024
            out.append(f"server RSS {before:.1f} -> {after:.1f} MiB ({growth:+.1f} MiB)")
        if self.rss_warm is not None and self.rss_after is not None:
            growth = (self.rss_after - self.rss_warm) / 1024
            out.append(
                f"after warm-up {self.rss_warm / 1024:.1f} -> {self.rss_after / 1024:.1f} MiB ({growth:+.1f} MiB)"
            )
        if self.children_before and self.children_after:
            growth = (self.children_after - self.children_before) / 1024
            before, after = self.children_before / 1024, self.children_after / 1024
            out.append(f"workers RSS {before:.1f} -> {after:.1f} MiB ({growth:+.1f} MiB)")
        return out


def rss_kib(pid: int) -> int | None:
    """Resident set size of process ``pid`` in KiB (Linux), or None."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def children_rss_kib(pid: int) -> int:
    """Summed RSS of every descendant of ``pid`` (KiB)."""
    total = 0
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return 0
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children") as f:
                kids = [int(k) for k in f.read().split()]
        except OSError:
            continue
        for kid in kids:
            total += (rss_kib(kid) or 0) + children_rss_kib(kid)
    return total


def run(base: str, paths: list[str], clients: int, duration: float, pid: int | None = None) -> Report:
    """Load ``base`` with ``clients`` threads for ``duration`` seconds; loopback only."""
    url = urlsplit(base)
    if url.scheme != "http" or url.hostname not in ("127.0.0.1", "localhost"):
        raise ValueError("the load test only targets http://127.0.0.1")
    if not paths or clients < 1 or not 0 < duration <= 600:
        raise ValueError("need paths, at least one client and a duration of at most 600 s")
    prefix = url.path.rstrip("/")
    report = Report(rss_before=rss_kib(pid) if pid else None)
    report.children_before = children_rss_kib(pid) if pid else None
    lock = threading.Lock()
    deadline = time.monotonic() + duration

    def client(n: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", url.port or 80, timeout=30)
        i = n
        mine, errors = [], {}
        while time.monotonic() < deadline:
            path = prefix + paths[i % len(paths)]
            i += 1
            t = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                if 200 <= response.status < 300:
                    mine.append(time.perf_counter() - t)
                else:
                    errors[str(response.status)] = errors.get(str(response.status), 0) + 1
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
            except (OSError, http.client.HTTPException) as e:
                errors[type(e).__name__] = errors.get(type(e).__name__, 0) + 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", url.port or 80, timeout=30)
        conn.close()
        with lock:
            report.latencies.extend(mine)
            for k, v in errors.items():
                report.errors[k] = report.errors.get(k, 0) + v

    def sample_when_warm() -> None:
        time.sleep(duration / 4)
        report.rss_warm = rss_kib(pid)

    start = time.monotonic()
    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    if pid:
        threading.Thread(target=sample_when_warm, daemon=True).start()
    for t in threads:
        t.start()
    for t in threads:
        t.join(duration + 60)
    report.seconds = time.monotonic() - start
    report.rss_after = rss_kib(pid) if pid else None
    report.children_after = children_rss_kib(pid) if pid else None
    return report


def main(argv: list[str] | None = None) -> Report:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", help="e.g. http://127.0.0.1:8080")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds (at most 600)")
    parser.add_argument("--path", action="append", dest="paths", required=True, help="repeat for a mix")
    parser.add_argument("--pid", type=int, help="server process whose RSS growth to report")
    args = parser.parse_args(argv)
    report = run(args.base, args.paths, args.clients, args.duration, args.pid)
    print("\n".join(report.lines()))
    return report


if __name__ == "__main__":
    main()
