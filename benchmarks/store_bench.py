"""Store benchmark: a database of 10,000 activities, loaded and saved, against plain json.

Run: ``python benchmarks/store_bench.py`` (``--activities N`` to change the size).

Loading is ``WorkshopStore.open`` (lock, read, check every record, build the workshop) against
``json.load`` of the same file; saving is one changed activity written through the store
(TinyDB update, atomic write with fsync, no backup) against ``json.dump`` of the same data to a
file. Each figure is the median of several runs; the ratios are the targets (at most 2x).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from cistrat_tui.core.records.activity import Activity
from cistrat_tui.core.records.model import Participants, Programme, Site, Trainee
from cistrat_tui.core.records.values import SHANGHAI
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.store import backups
from cistrat_tui.core.store.repository import WorkshopStore


def big_workshop(activities: int) -> Workshop:
    """A workshop with 60 sites, 15 trainees and ``activities`` activities with Chinese text."""
    workshop = Workshop(Programme("Benchmark workshop 基准", "2027-01-01", "2028-12-31"))
    sites = [Site("science_park", f"Park {n}", "Beijing", name_zh=f"科技园 {n}",
                  address_zh="北京市海淀区中关村东路1号院", lat=39.9 + n / 1000, lon=116.3,
                  opening_hours={d: ("09:00", "17:30") for d in range(5)})
             for n in range(60)]
    trainees = [Trainee(f"Trainee {n}", country="Kenya", group="AB"[n % 2],
                        email=f"t{n}@example.org") for n in range(15)]
    for record in (*sites, *trainees):
        workshop.put(record)
    start = datetime(2027, 1, 1, 8, 0, tzinfo=SHANGHAI)
    for n in range(activities):
        begin = start + timedelta(hours=2 * n)
        if n % 5 == 4:
            activity = Activity(
                "travel", f"G{n % 900} 北京南 -> 上海虹桥", begin, begin + timedelta(hours=1),
                from_site_id=sites[n % 60].id, to_site_id=sites[(n + 1) % 60].id,
                mode="high_speed_rail", service_number=f"G{n % 900}",
                seats={t.id: f"Car {k % 16 + 1}, Seat {k}A" for k, t in enumerate(trainees)})
        else:
            activity = Activity(
                "visit", f"Visit 参观 {n}", begin, begin + timedelta(hours=1),
                site_id=sites[n % 60].id, status="confirmed",
                participants=Participants("group", group="AB"[n % 2]),
                description="请带护照。Bring your passport and a business card.",
                what_to_bring="passport", dress_code="business casual")
        workshop.put(activity)
    return workshop


def paired_medians(ours: Callable[[], object], baseline: Callable[[], object],
                   repeat: int) -> tuple[float, float]:
    """Median wall times of ``ours`` and ``baseline``, run in turn so that a busy moment of the
    machine weighs on both alike."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for action, found in ((ours, times[0]), (baseline, times[1])):
            begin = time.perf_counter()
            action()
            found.append(time.perf_counter() - begin)
    return statistics.median(times[0]), statistics.median(times[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activities", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=11)
    args = parser.parse_args()

    backups.BACKUP_INTERVAL = timedelta(days=365)  # measure the save, not the backup copy
    folder = Path(tempfile.mkdtemp(prefix="store-bench-"))
    db = folder / "workshop.json"
    workshop = big_workshop(args.activities)
    WorkshopStore.open(db, create_from=lambda: workshop).close()
    size_mb = db.stat().st_size / 1e6

    def load_json() -> object:
        with open(db, encoding="utf-8") as handle:
            return json.load(handle)

    def load_store() -> object:
        with WorkshopStore.open(db) as store:
            return store.workshop

    data = load_json()
    plain = folder / "plain.json"

    def dump_json() -> None:
        with open(plain, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False)

    rows = [("load", *paired_medians(load_store, load_json, args.repeat))]
    store = WorkshopStore.open(db)
    activity = store.workshop.ordered_activities()[len(store.workshop.activities) // 2]
    counter = iter(range(10**9))

    def save_store() -> None:
        store.put(dataclasses.replace(activity, title=f"Visit {next(counter)}"))

    rows.append(("save", *paired_medians(save_store, dump_json, args.repeat)))
    store.close()

    print(f"store benchmark: {args.activities} activities, {size_mb:.1f} MB file, "
          f"median of {args.repeat}")
    print(f"{'what':<6}{'store (ms)':>12}{'json (ms)':>12}{'ratio':>8}{'target':>8}")
    for what, ours, baseline in rows:
        ratio = ours / baseline
        verdict = "ok" if ratio <= 2.0 else "MISSED"
        print(f"{what:<6}{ours * 1000:>12.1f}{baseline * 1000:>12.1f}{ratio:>8.2f}"
              f"{'<= 2.00':>8} {verdict}")


if __name__ == "__main__":
    main()
