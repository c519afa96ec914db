"""Run a command and measure its wall time and the peak memory of its whole process tree.

``resource.RUSAGE_CHILDREN`` gives the largest single process, and counts a forked
child as big as its parent; a build runs as one main process plus worker processes,
so the tree's total RSS is sampled from ``/proc`` (Linux) every 50 ms instead.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from pathlib import Path


def tree_rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` and all its descendants, in MB (0 where ``/proc`` is missing)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return total / 1024


def run_measured(cmd: list[str], env: dict | None = None) -> tuple[float, float]:
    """(wall seconds, peak MB of the process tree) of ``cmd``, which must succeed."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env or os.environ, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0.0]

    def sample() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], tree_rss_mb(proc.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    elapsed = time.perf_counter() - start
    sampler.join()
    if proc.returncode:
        raise subprocess.CalledProcessError(proc.returncode, cmd, stderr=err)
    return elapsed, peak[0]
