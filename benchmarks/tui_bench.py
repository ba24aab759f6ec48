"""App benchmark, headless with the Pilot: start-up against a minimal Textual app, and the
schedule with 5,000 activities against the sample workshop.

Run: ``python benchmarks/tui_bench.py [--activities N] [--repeat N]``.

1. Time to the first screen: from constructing the app to the first screen mounted and the
   message queue idle (``App.run_test`` then ``pilot.pause()``), for the coordinator's app on
   the sample (its store opened beforehand, outside the timer) and for a minimal Textual app
   (a header, one line of text, a footer) started the same way in the same run. Target: at
   most 1.5x.
2. Opening the schedule and moving to the next day: from pressing ``2`` (the schedule, shown
   for the first time) and then ``n``, each until the queue is idle, on a database of N
   activities (default 5,000, spread over the sample's 21 days) against the sample's 109.
   The checks have finished before the timer starts. Target: at most 2x.

Each measurement runs ``--repeat`` times and the best counts (the least disturbed by the
machine's other work).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

from cistrat_tui.core.sample import sample_workshop
from cistrat_tui.core.store import WorkshopStore
from cistrat_tui.core.values import new_id
from cistrat_tui.core.workshop import Workshop
from cistrat_tui.tui.app import CistratApp

SIZE = (120, 40)
START_TARGET = 1.5
SCHEDULE_TARGET = 2.0


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
    originals = list(workshop.activities.values())
    days = workshop.programme.days()
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


async def first_screen(make: Callable[[], App[None]]) -> float:
    start = time.perf_counter()
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        elapsed = time.perf_counter() - start
        await pilot.app.workers.wait_for_complete()
    return elapsed


async def schedule_and_next_day(store: WorkshopStore) -> float:
    app = CistratApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        start = time.perf_counter()
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        elapsed = time.perf_counter() - start
        assert app.screen.selected_day == store.workshop.programme.days()[1]
    return elapsed


def best(repeat: int, run: Callable[[], Awaitable[float]]) -> float:
    return min(asyncio.run(run()) for _ in range(repeat))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activities", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="tui-bench-"))
    with WorkshopStore.open(folder / "sample.json", create_from=sample_workshop) as sample, \
            WorkshopStore.open(folder / "big.json",
                               create_from=lambda: big_workshop(args.activities)) as big:
        best(1, lambda: first_screen(MinimalApp))  # warm up imports and caches
        best(1, lambda: first_screen(lambda: CistratApp(sample)))
        minimal = best(args.repeat, lambda: first_screen(MinimalApp))
        ours = best(args.repeat, lambda: first_screen(lambda: CistratApp(sample)))
        small = best(args.repeat, lambda: schedule_and_next_day(sample))
        large = best(args.repeat, lambda: schedule_and_next_day(big))
        count = len(big.workshop.activities)
    start_ratio, schedule_ratio = ours / minimal, large / small
    print(f"first screen: minimal Textual app {minimal * 1000:.0f} ms, cistrat-tui "
          f"{ours * 1000:.0f} ms: {start_ratio:.2f}x (target {START_TARGET}x)")
    print(f"schedule + next day: sample ({len(sample_workshop().activities)} activities) "
          f"{small * 1000:.0f} ms, {count} activities {large * 1000:.0f} ms: "
          f"{schedule_ratio:.2f}x (target {SCHEDULE_TARGET}x)")
    return 0 if start_ratio <= START_TARGET and schedule_ratio <= SCHEDULE_TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
