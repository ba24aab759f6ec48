"""Checks benchmark: every rule over a programme of 5,000 activities, against loading it.

Run: ``python benchmarks/checks_bench.py`` (``--days N``: five activities a day).

The baseline is ``Workshop.from_tables`` of the same programme (every field of every record
validated, every reference checked): the work of opening an unsealed database. The checks run
after every change in the app (in a worker), so they should cost no more than that: the target
ratio is at most 1.0. Each figure is the median of several runs, after one warm-up run that fills
the travel model's caches.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cistrat_tui.core.checks.runner import check_workshop
from cistrat_tui.core.records.workshop import Workshop
from tests.core.checks.test_runner import big_workshop


def median_seconds(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    workshop = big_workshop(args.days)
    tables = workshop.to_tables()
    check_workshop(workshop)  # warm the caches
    load = median_seconds(lambda: Workshop.from_tables(tables), args.runs)
    checks = median_seconds(lambda: check_workshop(workshop), args.runs)
    ratio = checks / load
    print(f"{len(workshop.activities)} activities: checks {checks:.3f} s, validated load "
          f"{load:.3f} s, ratio {ratio:.2f} (target at most 1.0)")
    return 0 if ratio <= 1.0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
