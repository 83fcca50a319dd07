"""Latency measurement shared by the benchmarks."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np


def latency(run: Callable[[str], object], queries: list[str]) -> dict[str, float]:
    """p50 and p95 in milliseconds of run(query) over the queries, one at a time."""
    times = []
    for query in queries:
        start = time.perf_counter()
        run(query)
        times.append((time.perf_counter() - start) * 1000)
    return {"p50_ms": round(statistics.median(times), 1), "p95_ms": round(float(np.percentile(times, 95)), 1)}


def fresh_ask_seconds(cli: Path, question: str, index: Path, runs: int = 3) -> float:
    """Best wall time of a whole `kb ask` process: start, imports, loading, answer."""
    walls = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, str(cli), "ask", question, "--index", str(index)], check=True,
                       capture_output=True)
        walls.append(time.perf_counter() - start)
    return round(min(walls), 2)
