"""Import benchmark: a roster CSV of 2,500, 10,000 and 20,000 rows, planned and applied.

Run: ``python benchmarks/import_bench.py`` (``--sizes 2500,10000,20000`` to change them).

Each size is imported into a fresh copy of the bundled sample database through the same
functions the ``import trainees`` command uses: read and check every row
(:func:`plan_trainee_import`), then write them all (:func:`apply_plan`, one save). The time per
row must not grow with the size: the target is a ratio of at most 1.5 between the per-row
times of the largest and the smallest size, and the largest in under 5 seconds. Each figure is
the best of a few runs (the machine is shared; the best run is the least disturbed).
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import tempfile
import time
from pathlib import Path

from cistrat_tui.core.io.csv_files import apply_plan
from cistrat_tui.core.io.roster_csv import plan_trainee_import
from cistrat_tui.core.sample import sample_workshop
from cistrat_tui.core.store.repository import WorkshopStore

RATIO_TARGET = 1.5
LARGEST_TARGET_SECONDS = 5.0
COUNTRIES = ("Ghana", "Perú", "Viet Nam", "Mongolia", "Kenya", "Moçambique", "Côte d'Ivoire")


def roster(rows: int) -> bytes:
    """A roster CSV of ``rows`` trainees, every one new, with accents and Chinese."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["Name as in passport", "Country", "Organisation", "E-mail", "Phone",
                     "Group", "Dietary needs"])
    for n in range(rows):
        writer.writerow([f"Trainee {n} Gonçalves 王", COUNTRIES[n % len(COUNTRIES)],
                         f"Ministry of Science {n % 40}", f"t{n}@example.org",
                         f"+233 20 {n:07d}", "AB"[n % 2], "vegetarian" if n % 5 else ""])
    return out.getvalue().encode("utf-8")


def import_seconds(rows: int, folder: Path, repeat: int) -> float:
    """The best time to plan and apply an import of ``rows`` new trainees."""
    data = roster(rows)
    best = float("inf")
    for attempt in range(repeat):
        db = folder / f"bench-{rows}-{attempt}.json"
        WorkshopStore.open(db, create_from=sample_workshop).close()
        with WorkshopStore.open(db) as store:
            began = time.perf_counter()
            plan = plan_trainee_import(data, store.workshop)
            apply_plan(store, plan)
            took = time.perf_counter() - began
        with WorkshopStore.open(db, readonly=True) as check:
            assert len(check.workshop.trainees) >= rows, "the import did not land"
        best = min(best, took)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2500,10000,20000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sizes = sorted(int(size) for size in args.sizes.split(","))
    with tempfile.TemporaryDirectory() as folder:
        figures = {rows: import_seconds(rows, Path(folder), args.repeat) for rows in sizes}
    for rows, seconds in figures.items():
        print(f"{rows:>7,} rows: {seconds:7.2f} s  {seconds / rows * 1e6:8.1f} µs per row")
    smallest, largest = sizes[0], sizes[-1]
    ratio = (figures[largest] / largest) / (figures[smallest] / smallest)
    print(f"per-row time, {largest:,} against {smallest:,} rows: {ratio:.2f}x "
          f"(target at most {RATIO_TARGET}x)")
    print(f"{largest:,} rows in {figures[largest]:.2f} s (target under "
          f"{LARGEST_TARGET_SECONDS:.0f} s)")
    ok = ratio <= RATIO_TARGET and figures[largest] < LARGEST_TARGET_SECONDS
    print("targets met" if ok else "TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
