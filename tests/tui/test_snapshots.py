"""Snapshots of every area (overview, schedule, problems, sites, trainees, planner, exports,
budget) on the sample workshop.

The pictures depend on Textual's drawing, so they are compared only under the Textual version
they were recorded with (pinned with pytest-textual-snapshot in the test extra); after an
upgrade, review the report and re-record with ``pytest tests/tui/test_snapshots.py
--snapshot-update``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import textual
from textual.pilot import Pilot

from cistrat_tui.core.sample import sample_workshop
from cistrat_tui.core.store.repository import WorkshopStore
from cistrat_tui.tui.app import CistratApp
from cistrat_tui.tui.problem_source import overlaps
from tests.tui.helpers import settle

RECORDED_WITH = "8.2.8"
pytestmark = pytest.mark.skipif(textual.__version__ != RECORDED_WITH,
                                reason=f"snapshots recorded with textual {RECORDED_WITH}")


@pytest.fixture
def sample_store(isolated_workdir: Path) -> Iterator[WorkshopStore]:
    """The sample at a relative path, so the header reads the same on every machine."""
    with WorkshopStore.open(Path("w.json"), create_from=sample_workshop) as opened:
        yield opened


async def settled(pilot: Pilot[None]) -> None:
    await settle(pilot)


def clash(store: WorkshopStore) -> None:
    """Move the sample's first visit on top of the lecture before it: two overlap errors."""
    from dataclasses import replace
    visit = next(a for a in store.workshop.ordered_activities() if a.kind.value == "visit")
    lecture = next(a for a in store.workshop.ordered_activities()
                   if a.kind.value == "lecture")
    store.put(replace(visit, start=lecture.start, end=lecture.end))


def test_overview_120x40(snap_compare, sample_store: WorkshopStore) -> None:
    app = CistratApp(sample_store, checker=overlaps)
    assert snap_compare(app, terminal_size=(120, 40), run_before=settled)


def test_overview_80x24(snap_compare, sample_store: WorkshopStore) -> None:
    app = CistratApp(sample_store, checker=overlaps)
    assert snap_compare(app, terminal_size=(80, 24), run_before=settled)


def test_schedule_120x40(snap_compare, sample_store: WorkshopStore) -> None:
    app = CistratApp(sample_store, checker=overlaps, mode="schedule")

    async def third_day(pilot: Pilot[None]) -> None:
        await settled(pilot)
        await pilot.press("n", "n", "n", "tab", "down")
        await settled(pilot)

    assert snap_compare(app, terminal_size=(120, 40), run_before=third_day)


def test_problems_120x40(snap_compare, sample_store: WorkshopStore) -> None:
    clash(sample_store)
    app = CistratApp(sample_store, checker=overlaps, mode="problems")
    assert snap_compare(app, terminal_size=(120, 40), run_before=settled)


def test_sites_120x40(snap_compare, sample_store: WorkshopStore) -> None:
    app = CistratApp(sample_store, checker=overlaps, mode="sites")
    assert snap_compare(app, terminal_size=(120, 40), run_before=settled)


def test_trainees_120x40(snap_compare, sample_store: WorkshopStore) -> None:
    app = CistratApp(sample_store, checker=overlaps, mode="trainees")
    assert snap_compare(app, terminal_size=(120, 40), run_before=settled)


def test_planner_120x40(snap_compare, sample_store: WorkshopStore) -> None:
    app = CistratApp(sample_store, checker=overlaps, mode="planner")
    assert snap_compare(app, terminal_size=(120, 40), run_before=settled)


def test_exports_120x40(snap_compare, sample_store: WorkshopStore) -> None:
    """The output folder shows as the default, relative ``exports`` (no ``$CISTRAT_EXPORTS``)."""
    app = CistratApp(sample_store, checker=overlaps, mode="exports")
    assert snap_compare(app, terminal_size=(120, 40), run_before=settled)


def test_budget_120x40(snap_compare, sample_store: WorkshopStore) -> None:
    """The sample's budget with its ceiling lowered to 300,000: the lines past it in red."""
    from dataclasses import replace
    sample_store.put(replace(sample_store.workshop.rules, ceiling=300000))
    app = CistratApp(sample_store, checker=overlaps, mode="budget")
    assert snap_compare(app, terminal_size=(120, 40), run_before=settled)
