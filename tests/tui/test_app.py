"""The app shell: areas as modes, header, help, command palette, themes, quitting."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Static
from textual.widgets._header import HeaderTitle

from cistrat_tui.core.store.repository import WorkshopStore
from cistrat_tui.tui.app import CistratApp
from cistrat_tui.tui.commands import CistratCommands
from cistrat_tui.tui.screens.help import HelpScreen, key_rows
from cistrat_tui.tui.screens.overview import OverviewScreen
from cistrat_tui.tui.screens.problems import ProblemsScreen
from cistrat_tui.tui.screens.schedule import ScheduleScreen
from cistrat_tui.tui.widgets.key_bar import KeyBar
from cistrat_tui.tui.widgets.map_view import MapView
from tests.tui.conftest import SIZE
from tests.tui.helpers import settle


async def test_opens_on_the_overview_with_title_database_and_problem_count(
        store: WorkshopStore, checker) -> None:
    app = CistratApp(store, checker=checker)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        header = str(app.screen.query_one(HeaderTitle).render())
        assert header.startswith(store.workshop.programme.title[:13])
        assert header.endswith("w.json · no problems")


@pytest.mark.parametrize("size", [(80, 24), (200, 60)])
async def test_header_fits_the_width(store: WorkshopStore, checker,
                                     size: tuple[int, int]) -> None:
    """The file and the problem count always show; the title is cut only when needed."""
    app = CistratApp(store, checker=checker)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        header = str(app.screen.query_one(HeaderTitle).render())
        assert len(header) <= size[0] - 16
        assert header.endswith("w.json · no problems")
        if size[0] == 200:
            assert header.startswith(store.workshop.programme.title + " — ")
            assert str(store.path) in header


@pytest.mark.parametrize(("key", "screen"), [("2", ScheduleScreen), ("3", ProblemsScreen),
                                             ("1", OverviewScreen)])
async def test_each_area_is_one_key_away(store: WorkshopStore, checker, key: str,
                                         screen: type) -> None:
    app = CistratApp(store, checker=checker, mode="problems" if key == "1" else "overview")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)
        assert isinstance(app.screen, screen)
        assert app.current_mode == {"1": "overview", "2": "schedule", "3": "problems"}[key]


async def test_areas_keep_their_place(store: WorkshopStore, checker) -> None:
    app = CistratApp(store, checker=checker, mode="schedule")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n", "n")
        day = app.screen.selected_day
        await pilot.press("1", "2")
        await settle(pilot)
        assert app.screen.selected_day == day


@pytest.mark.parametrize("key", ["f1", "question_mark"])
async def test_help_lists_every_key(store: WorkshopStore, checker, key: str) -> None:
    app = CistratApp(store, checker=checker, mode="schedule")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = key_rows(app.screen.below)
        keys = {what: keys for keys, what, _ in rows}
        text = " ".join(keys)
        ids = {binding_id: keys for keys, _, binding_id in rows}
        assert ids["schedule.next-day"] == "n" and ids["app.schedule"] == "2"
        assert ids["app.schedule-anywhere"] == "alt+2"
        for words in ("Undo", "Add an activity", "Delete the highlighted", "problems",
                      "Quit", "Jump to a date"):
            assert words.lower() in text.lower(), words
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ScheduleScreen)


async def test_question_mark_types_into_a_text_field(store: WorkshopStore, checker) -> None:
    app = CistratApp(store, checker=checker, mode="schedule")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        assert app.screen.query_one("#field-title").value == "?"


async def test_command_palette_offers_the_areas_and_the_screens_actions(
        store: WorkshopStore, checker) -> None:
    app = CistratApp(store, checker=checker, mode="schedule")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        provider = CistratCommands(app.screen)
        names = [hit.text async for hit in provider.discover()]
        for name in ("Overview", "Problems", "Undo", "Redo", "Add", "Move", "Delete",
                     "Go to date", "Help", "Theme"):
            assert name in names
        hits = [hit async for hit in provider.search("problems")]
        best = max(hits, key=lambda hit: hit.score)
        assert best.text == "Problems"
        await best.command()
        await settle(pilot)
        assert isinstance(app.screen, ProblemsScreen)


async def test_theme_changes(store: WorkshopStore, checker) -> None:
    app = CistratApp(store, checker=checker)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = app.theme
        await pilot.press("f10")
        await pilot.pause()
        assert app.theme != before


async def test_ctrl_q_quits(store: WorkshopStore, checker) -> None:
    app = CistratApp(store, checker=checker)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0


async def test_notice_is_shown(store: WorkshopStore, checker) -> None:
    app = CistratApp(store, notice="Created it from the sample.", checker=checker)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any("Created it" in str(n.message) for n in app._notifications)


async def test_a_failing_check_is_a_notification_not_a_crash(store: WorkshopStore) -> None:
    def broken(workshop: object) -> list[object]:
        raise RuntimeError("rule exploded")

    app = CistratApp(store, checker=broken)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.is_running
        assert any("rule exploded" in str(n.message) for n in app._notifications)


async def test_overview_shows_dates_counts_strip_and_map(store: WorkshopStore,
                                                         checker) -> None:
    app = CistratApp(store, checker=checker)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        facts = str(app.screen.query_one("#overview-facts", Static).render())
        assert "Sun 07 Mar 2027 to Sat 27 Mar 2027" in facts
        assert "21 days, 15 working, 6 not" in facts
        strip = str(app.screen.query_one("#day-strip", Static).render())
        assert strip.splitlines()[2].split()[:2] == ["BJ", "BJ"]
        assert "GZ" in strip and "SZ" in strip
        drawn = app.screen.query_one("#map", MapView).drawn_text()
        for city in ("Beijing", "Shanghai", "Wuhan", "Hangzhou", "Suzhou", "Guangzhou"):
            assert city in drawn
        count = str(app.screen.query_one("#problem-count", Static).render())
        assert "No problems" in count


async def test_schedule_lists_days_and_first_days_activities(store: WorkshopStore,
                                                             checker) -> None:
    app = CistratApp(store, checker=checker, mode="schedule")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        days = app.screen.query_one("#days", DataTable)
        # The programme's days and the day before, when three trainees land.
        assert days.row_count == len(store.workshop.programme.days()) + 1
        heading = str(app.screen.query_one("#day-heading", Static).render())
        assert heading.startswith("Day 1 of 21")
        assert "not working: Sunday" in heading
        night = str(app.screen.query_one("#night", Static).render())
        assert night.startswith("Night: ") and "hotel" in night.lower()


async def test_the_mouse_works(store: WorkshopStore, checker) -> None:
    """Clicking a footer key, a day and a button does what the keys do."""
    app = CistratApp(store, checker=checker)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        bar = app.screen.query_one(KeyBar)
        two = next(p for p in bar.pieces if p.entry is not None and p.entry.key == "2")
        await pilot.click(KeyBar, offset=(two.start, 0))
        await settle(pilot)
        assert isinstance(app.screen, ScheduleScreen)
        await pilot.click("#days", offset=(3, 5))  # header row, then 06, 07, 08, 09 March
        await pilot.pause()
        assert app.screen.selected_day == store.workshop.programme.days()[2]
        await pilot.press("a")
        await pilot.pause()
        await pilot.click("#form-cancel")
        await pilot.pause()
        assert isinstance(app.screen, ScheduleScreen)
