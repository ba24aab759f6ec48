"""App benchmark, headless with the Pilot: start-up against a minimal Textual app; the
schedule, the sites filter and the trainees screen on a large workshop against the sample.

Run: ``python benchmarks/tui_bench.py [--activities N] [--sites N] [--repeat N]``.

1. Time to the first screen: from constructing the app to the first screen mounted and the
   message queue idle (``App.run_test`` then ``pilot.pause()``), for the coordinator's app on
   the sample (its store opened beforehand, outside the timer) and for a minimal Textual app
   (a header, one line of text, a footer) started the same way in the same run. Target: at
   most 1.5x. The app starts its checks a moment after the first paint (``FIRST_CHECKS_DELAY``);
   the time until their count is on the overview is printed too, without a target.
2. Opening the schedule and moving to the next day: from pressing ``2`` (the schedule, shown
   for the first time) and then ``n``, each until the queue is idle, on a database of N
   activities (default 5,000, spread over the sample's 21 days) against the sample's 109.
   The checks have finished before the timer starts. Target: at most 2x.
3. Filtering the sites table: on the sites screen (``4``, shown and idle before the timer),
   from pressing ``/`` and typing ``wuhan park`` one key at a time until the queue is idle and
   the table shows just the matching sites, on a database of N activities and S sites (default
   500: the sample's 30 and annexes of them a little way off, in the same cities, with the
   copied visits and lectures spread over the annexes) against the sample. Target: at most 2x.
4. Opening the trainees screen: from pressing ``5`` (shown for the first time: the roster
   and the first trainee's detail, which scans the activities) until the queue is idle, on
   the same N activities and S sites against the sample. Target: at most 2x.

5. Cold start: from starting a new Python process to the first screen idle, imports included
   (what the coordinator waits for after typing ``cistrat-tui``), for the app on the sample
   against the minimal Textual app started the same way. The child process prints the time
   its first screen was idle; the checks finishing in their thread afterwards, and the exit,
   are not counted. A first start of each writes the compiled modules, as any start does on
   the coordinator's machine (the child runs without PYTHONDONTWRITEBYTECODE). Target: at
   most 1.5x. The app imports an area's module (numpy for the planner, geopy for the sites,
   icalendar for the exports) only when the area is first shown, and starts the checks after
   the first paint.

Each measurement runs ``--repeat`` times and the best counts (the least disturbed by the
machine's other work).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import DataTable, Footer, Header, Static

from cistrat_tui.core.records.values import new_id
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.sample import sample_workshop
from cistrat_tui.core.store.repository import WorkshopStore
from cistrat_tui.tui.app import FIRST_CHECKS_DELAY, CistratApp
from cistrat_tui.tui.forms.site_rules import filter_sites
from cistrat_tui.tui.screens.trainees import TraineesScreen

SIZE = (120, 40)
COLD_CHILD = Path(__file__).with_name("first_screen_child.py")
# Python keeps the compiled modules it imports, so a second start reads them; an environment
# with PYTHONDONTWRITEBYTECODE (some containers and CI images set it) would compile the app's
# hundred modules from source at every start while Textual's came compiled by pip: not the
# start the coordinator waits for. The first (warm-up) start writes them.
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
START_TARGET = 1.5
SCHEDULE_TARGET = 2.0
FILTER_TARGET = 2.0
TRAINEES_TARGET = 2.0
SITES_FILTER = "wuhan park"


class MinimalApp(App[None]):
    """The baseline: about the least a Textual app can show."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Hello")
        yield Footer()


def big_workshop(activities: int) -> Workshop:
    """The sample with copies of its own activities, shifted a few minutes at a time, until
    there are ``activities`` of them spread over the same 21 days."""
    workshop = sample_workshop()
    days = workshop.programme.days()
    # the copies are of the programme's own days (not the eve's pickups of early arrivals)
    originals = [a for a in workshop.activities.values() if a.day in days]
    n = 0
    while len(workshop.activities) < activities:
        source = originals[n % len(originals)]
        shift = timedelta(days=(n // len(originals)) % len(days) - days.index(source.day)
                          + (n % len(days)), minutes=5 * (n % 7))
        copy = replace(source, id=new_id(), start=source.start + shift,
                       end=source.end + shift)
        if copy.day in days:
            workshop.activities[copy.id] = copy
        n += 1
    return workshop


def with_annexes(workshop: Workshop, sites: int) -> Workshop:
    """Add annexes of the workshop's sites (a few km off, same city and kind) until there are
    ``sites`` of them, and move each copied visit or lecture to an annex of its site in turn."""
    originals = list(workshop.sites.values())
    annexes: dict[str, list[str]] = {s.id: [] for s in originals}
    n = 0
    while len(workshop.sites) < sites:
        source = originals[n % len(originals)]
        number = n // len(originals) + 1
        offset = 0.01 * (number % 7 + 1)
        annex = replace(source, id=new_id(), name_en=f"{source.name_en} annex {number}",
                        name_zh=f"{source.name_zh}{number}号分部" if source.name_zh else "",
                        lat=None if source.lat is None else source.lat + offset,
                        lon=None if source.lon is None else source.lon - offset)
        workshop.sites[annex.id] = annex
        annexes[source.id].append(annex.id)
        n += 1
    sample_ids = set(sample_workshop().activities)  # the sample's ids are fixed
    turn = 0
    for activity in list(workshop.activities.values()):
        choices = annexes.get(activity.site_id or "", [])
        if activity.id in sample_ids or not choices:
            continue
        workshop.activities[activity.id] = replace(activity,
                                                   site_id=choices[turn % len(choices)])
        turn += 1
    return workshop


async def first_screen(make: Callable[[], App[None]]) -> float:
    start = time.perf_counter()
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        elapsed = time.perf_counter() - start
        await pilot.app.workers.wait_for_complete()
    return elapsed


async def checks_shown(app: CistratApp, pilot: Pilot[None]) -> None:
    """Until the first checks have run and their count is on screen."""
    while app.problems_generation < 0:
        await asyncio.sleep(0.005)
    await app.workers.wait_for_complete()
    await pilot.pause()


async def first_problem_count(store: WorkshopStore) -> float:
    """From constructing the app to the first screen idle with the checks' count on it."""
    start = time.perf_counter()
    app = CistratApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await checks_shown(app, pilot)
        elapsed = time.perf_counter() - start
    return elapsed


async def schedule_and_next_day(store: WorkshopStore) -> float:
    app = CistratApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await checks_shown(app, pilot)
        start = time.perf_counter()
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        elapsed = time.perf_counter() - start
        assert app.screen.selected_day == store.workshop.programme.days()[1]
    return elapsed


async def settled_on(app: CistratApp, pilot: Pilot[None], key: str | None = None) -> None:
    await checks_shown(app, pilot)
    if key:
        await pilot.press(key)
    await pilot.pause()


async def filter_sites_table(store: WorkshopStore) -> float:
    app = CistratApp(store)
    expected = len(filter_sites(store.workshop.sites.values(), SITES_FILTER))
    async with app.run_test(size=SIZE) as pilot:
        await settled_on(app, pilot, "4")
        table = app.screen.query_one("#sites-table", DataTable)
        assert table.row_count == len(store.workshop.sites)
        start = time.perf_counter()
        await pilot.press("slash", *(c if c != " " else "space" for c in SITES_FILTER))
        await pilot.pause()
        elapsed = time.perf_counter() - start
        assert table.row_count == expected > 0, (table.row_count, expected)
    return elapsed


async def open_trainees(store: WorkshopStore) -> float:
    app = CistratApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await settled_on(app, pilot)
        start = time.perf_counter()
        await pilot.press("5")
        await pilot.pause()
        elapsed = time.perf_counter() - start
        assert isinstance(app.screen, TraineesScreen)
        table = app.screen.query_one("#trainees-table", DataTable)
        assert table.row_count == len(store.workshop.trainees)
    return elapsed


def cold_start(kind: str, db: Path) -> float:
    """Seconds from starting a Python process to its first screen idle (imports included).

    The child prints the wall-clock time at which its first screen was idle: what comes after
    (the checks finishing in their thread, the app closing) is not what the coordinator waits
    for before the app answers keys, so it is not counted; the child must still exit cleanly."""
    start = time.time()
    done = subprocess.run([sys.executable, str(COLD_CHILD), kind, str(db)], check=True,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          env=CHILD_ENV)
    return float(done.stdout.split()[-1]) - start


def best(repeat: int, run: Callable[[], Awaitable[float]]) -> float:
    return min(asyncio.run(run()) for _ in range(repeat))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activities", type=int, default=5000)
    parser.add_argument("--sites", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="tui-bench-"))
    with WorkshopStore.open(folder / "sample.json", create_from=sample_workshop) as sample, \
            WorkshopStore.open(folder / "big.json",
                               create_from=lambda: big_workshop(args.activities)) as big, \
            WorkshopStore.open(folder / "wide.json", create_from=lambda: with_annexes(
                big_workshop(args.activities), args.sites)) as wide:
        best(1, lambda: first_screen(MinimalApp))  # warm up imports and caches
        best(1, lambda: first_screen(lambda: CistratApp(sample)))
        minimal = best(args.repeat, lambda: first_screen(MinimalApp))
        ours = best(args.repeat, lambda: first_screen(lambda: CistratApp(sample)))
        counted = best(args.repeat, lambda: first_problem_count(sample))
        small = best(args.repeat, lambda: schedule_and_next_day(sample))
        large = best(args.repeat, lambda: schedule_and_next_day(big))
        small_filter = best(args.repeat, lambda: filter_sites_table(sample))
        large_filter = best(args.repeat, lambda: filter_sites_table(wide))
        small_roster = best(args.repeat, lambda: open_trainees(sample))
        large_roster = best(args.repeat, lambda: open_trainees(wide))
        cold_start("minimal", sample.path), cold_start("app", sample.path)  # compiled once
        cold_minimal = min(cold_start("minimal", sample.path) for _ in range(args.repeat))
        cold_ours = min(cold_start("app", sample.path) for _ in range(args.repeat))
        count = len(big.workshop.activities)
        wide_size = (f"{len(wide.workshop.activities)} activities, "
                     f"{len(wide.workshop.sites)} sites")
    sample_size = (f"sample ({len(sample.workshop.activities)} activities, "
                   f"{len(sample.workshop.sites)} sites)")
    start_ratio, schedule_ratio = ours / minimal, large / small
    filter_ratio, roster_ratio = large_filter / small_filter, large_roster / small_roster
    print(f"first screen: minimal Textual app {minimal * 1000:.0f} ms, cistrat-tui "
          f"{ours * 1000:.0f} ms: {start_ratio:.2f}x (target {START_TARGET}x)")
    print(f"first screen with the checks' count on it: {counted * 1000:.0f} ms (the checks "
          f"start {FIRST_CHECKS_DELAY} s after the first paint; no target)")
    print(f"schedule + next day: sample ({len(sample_workshop().activities)} activities) "
          f"{small * 1000:.0f} ms, {count} activities {large * 1000:.0f} ms: "
          f"{schedule_ratio:.2f}x (target {SCHEDULE_TARGET}x)")
    print(f"sites filter ({SITES_FILTER!r}): {sample_size} {small_filter * 1000:.0f} ms, "
          f"{wide_size} {large_filter * 1000:.0f} ms: {filter_ratio:.2f}x "
          f"(target {FILTER_TARGET}x)")
    print(f"trainees screen: {sample_size} {small_roster * 1000:.0f} ms, {wide_size} "
          f"{large_roster * 1000:.0f} ms: {roster_ratio:.2f}x (target {TRAINEES_TARGET}x)")
    cold_ratio = cold_ours / cold_minimal
    print(f"cold start (new process, imports included): minimal Textual app "
          f"{cold_minimal * 1000:.0f} ms, cistrat-tui {cold_ours * 1000:.0f} ms: "
          f"{cold_ratio:.2f}x (target {START_TARGET}x)")
    passed = (start_ratio <= START_TARGET, schedule_ratio <= SCHEDULE_TARGET,
              filter_ratio <= FILTER_TARGET, roster_ratio <= TRAINEES_TARGET,
              cold_ratio <= START_TARGET)
    return 0 if all(passed) else 1


if __name__ == "__main__":
    sys.exit(main())
