"""The one stopwatch of the benchmark modules: the median of several runs, in milliseconds."""
from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_ms(fn: Callable[[], object], runs: int) -> float:
    """Call ``fn`` ``runs`` times; the median wall-clock time in milliseconds, to 0.1 ms."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 1)
