"""Problems: the count in the header follows the edits, Enter jumps to the activity at fault."""

from __future__ import annotations

from datetime import datetime

from textual.widgets import DataTable

from cistrat_tui.core.records.activity import Activity
from cistrat_tui.core.records.values import SHANGHAI
from cistrat_tui.core.store.repository import WorkshopStore
from cistrat_tui.tui.app import CistratApp
from cistrat_tui.tui.problem_source import StandInProblem, default_checker, overlaps
from cistrat_tui.tui.screens.problems import ProblemsScreen
from cistrat_tui.tui.screens.schedule import ScheduleScreen
from tests.tui.conftest import SIZE
from tests.tui.helpers import settle

LECTURE_DAY = datetime(2027, 3, 9, 10, 0, tzinfo=SHANGHAI)


def clashing_visit(store: WorkshopStore) -> Activity:
    """A visit for everyone in the middle of the sample's Tuesday 9 March morning lecture."""
    park = next(s for s in store.workshop.sites.values() if "TusPark" in s.name_en)
    return Activity("visit", "Clashing visit", LECTURE_DAY,
                    LECTURE_DAY.replace(hour=11), site_id=park.id)


async def test_a_problem_appears_and_enter_jumps_to_it(store: WorkshopStore) -> None:
    app = CistratApp(store, checker=overlaps, mode="problems")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "no problems" in app.sub_title
        visit = clashing_visit(store)
        app.change(None, visit, "Added a clash")
        await settle(pilot)
        assert "1 problem" in app.sub_title or "2 problems" in app.sub_title
        table = app.screen.query_one("#problems-table", DataTable)
        assert table.row_count == len(app.problems) >= 1
        target = app.problems[0].record_ids[0]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ScheduleScreen)
        assert app.screen.selected_activity is not None
        assert app.screen.selected_activity.id == target
        assert app.screen.selected_day == store.workshop.activities[target].day
        await pilot.press("ctrl+z")  # undo the clash: the problem goes away
        await settle(pilot)
        assert "no problems" in app.sub_title
        await pilot.press("3")
        await settle(pilot)
        assert isinstance(app.screen, ProblemsScreen)
        assert app.screen.query_one("#problems-table", DataTable).row_count == 0


async def test_the_real_checks_find_the_clash(store: WorkshopStore) -> None:
    app = CistratApp(store, checker=default_checker(), mode="schedule")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = len(app.problems)
        visit = clashing_visit(store)
        app.change(None, visit, "Added a clash")
        await settle(pilot)
        assert len(app.problems) > before
        assert any(visit.id in p.record_ids for p in app.problems)
        assert f"{len(app.problems)} problem" in app.sub_title


async def test_overview_shows_the_problem_count(store: WorkshopStore) -> None:
    app = CistratApp(store, checker=overlaps)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.change(None, clashing_visit(store), "Added a clash")
        await settle(pilot)
        count = str(app.screen.query_one("#problem-count").render())
        assert "problem" in count and "press 3" in count


def test_default_checker_is_the_cores() -> None:
    from cistrat_tui.core.checks.runner import check_workshop

    assert default_checker() is check_workshop


def test_overlaps_stand_in(store: WorkshopStore) -> None:
    assert overlaps(store.workshop) == []
    visit = clashing_visit(store)
    store.workshop.put(visit)
    found = overlaps(store.workshop)
    assert found and all(p.severity == "error" for p in found)
    assert any(p.record_ids[0] == visit.id or visit.id in p.record_ids for p in found)


async def test_a_problem_about_a_stay_shows_its_day(store: WorkshopStore) -> None:
    stay = sorted(store.workshop.stays.values(), key=lambda s: s.check_in)[2]

    def about_the_stay(workshop: object) -> list[StandInProblem]:
        return [StandInProblem("warning", "hotel", "Check the hotel", stay.check_in,
                               (stay.id,)),
                StandInProblem("warning", "programme", "Whole programme", None, ())]

    app = CistratApp(store, checker=about_the_stay, mode="problems")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ScheduleScreen)
        assert app.screen.selected_day == stay.check_in
        await pilot.press("3", "down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ProblemsScreen)  # no day to show: a warning instead
        assert any("whole programme" in str(n.message) for n in app._notifications)
