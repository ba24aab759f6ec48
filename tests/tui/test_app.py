"""The first Textual screen, driven by the Pilot: days on the left, a day's activities beside."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import DataTable, Static
from textual.widgets._header import HeaderTitle

from cistrat_tui.core.activity import Activity
from cistrat_tui.core.model import Programme, Site
from cistrat_tui.core.sample import sample_workshop
from cistrat_tui.core.store import WorkshopStore
from cistrat_tui.core.values import SHANGHAI
from cistrat_tui.core.workshop import Workshop
from cistrat_tui.tui.app import CistratApp
from cistrat_tui.tui.day_list import activity_rows, day_rows

SIZE = (120, 40)


def small_workshop(activities: int) -> Workshop:
    """A Beijing programme, 7-27 March 2027, with daily 09:00 visits in Shanghai from 8 March."""
    workshop = Workshop(Programme("Small", "2027-03-07", "2027-03-27"))
    park = Site("science_park", "Zhangjiang Hi-Tech Park", "Shanghai", lat=31.2, lon=121.59)
    workshop.put(park)
    start = datetime(2027, 3, 8, 9, 0, tzinfo=SHANGHAI)
    for n in range(activities):
        begin = start + timedelta(days=n)
        workshop.put(Activity("visit", f"Visit {n}", begin, begin + timedelta(hours=2),
                              site_id=park.id))
    return workshop


@pytest.fixture
def store(tmp_path: Path) -> Iterator[WorkshopStore]:
    with WorkshopStore.open(tmp_path / "w.json", create_from=sample_workshop) as opened:
        yield opened


def shown_titles(app: CistratApp) -> list[str]:
    table = app.screen.query_one("#activities", DataTable)
    return [str(table.get_row_at(n)[2]) for n in range(table.row_count)]


async def test_opens_on_the_sample_with_title_and_database(store: WorkshopStore) -> None:
    app = CistratApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        programme = store.workshop.programme
        assert app.title == programme.title
        assert str(store.path) in app.sub_title
        days = app.screen.query_one("#days", DataTable)
        assert days.row_count == len(programme.days())
        assert days.get_row_at(0)[0] == programme.start_date.isoformat()
        first_day = programme.start_date
        expected = [row.title for row in activity_rows(store.workshop, first_day)]
        assert shown_titles(app) == expected
        assert expected, "the sample's first day has activities"


async def test_header_and_heading_on_screen(store: WorkshopStore) -> None:
    app = CistratApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        header = str(app.screen.query_one(HeaderTitle).render())
        assert store.workshop.programme.title in header
        assert "w.json" in header
        heading = str(app.screen.query_one("#day-heading", Static).render())
        assert heading.startswith("Day 1 of ")


@pytest.mark.parametrize("key", ["down", "n"])
async def test_next_day_shows_that_days_activities(store: WorkshopStore, key: str) -> None:
    workshop = store.workshop
    days = [row.day for row in day_rows(workshop)]
    app = CistratApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause()
        assert app.screen.selected_day == days[1]
        expected = [row.title for row in activity_rows(workshop, days[1])]
        assert shown_titles(app) == expected
        assert expected != [row.title for row in activity_rows(workshop, days[0])]
        heading = str(app.screen.query_one("#day-heading", Static).render())
        assert f"{days[1]:%A %d %B %Y}" in heading
        await pilot.press("p")
        await pilot.pause()
        assert app.screen.selected_day == days[0]


async def test_every_day_in_time_order(store: WorkshopStore) -> None:
    workshop = store.workshop
    app = CistratApp(store)
    async with app.run_test(size=SIZE) as pilot:
        for row in day_rows(workshop):
            await pilot.pause()
            assert app.screen.selected_day == row.day
            starts = [a.start for a in workshop.activities_on(row.day)]
            assert starts == sorted(starts)
            assert shown_titles(app) == [a.title for a in workshop.activities_on(row.day)]
            await pilot.press("n")


async def test_ctrl_q_quits(store: WorkshopStore) -> None:
    app = CistratApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0


async def test_notice_is_shown(store: WorkshopStore) -> None:
    app = CistratApp(store, notice="Created it from the sample.")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any("Created it" in str(n.message) for n in app._notifications)


def test_day_rows_carry_the_city_over_empty_days() -> None:
    workshop = small_workshop(activities=2)  # visits in Shanghai on 8 and 9 March
    rows = {row.day.isoformat(): row for row in day_rows(workshop)}
    assert rows["2027-03-07"].city == "Beijing"  # nothing yet: the base city
    assert rows["2027-03-08"].city == "Shanghai"
    assert rows["2027-03-12"].city == "Shanghai"  # nothing planned: still there
    assert rows["2027-03-08"].weekday == "Mon"


def test_activity_rows_show_local_time_and_mark_cancelled() -> None:
    workshop = small_workshop(activities=1)
    visit = next(iter(workshop.activities.values()))
    workshop.put(replace(visit, status="cancelled"))
    (row,) = activity_rows(workshop, visit.day)
    assert row.time == "09:00-11:00"
    assert row.kind == "Visit"
    assert row.where == "Zhangjiang Hi-Tech Park"
    assert row.cancelled
