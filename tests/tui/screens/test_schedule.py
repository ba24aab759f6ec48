"""The schedule: moving between days, and every change to an activity, saved at once."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from textual.widgets import Button, Static

from cistrat_tui.core.records.values import SHANGHAI
from cistrat_tui.core.store.repository import WorkshopStore
from cistrat_tui.tui.app import CistratApp
from cistrat_tui.tui.day_list import activity_rows
from cistrat_tui.tui.forms.activity import ActivityForm
from cistrat_tui.tui.forms.validated import DiscardChanges
from cistrat_tui.tui.screens import schedule as schedule_module
from cistrat_tui.tui.screens.dialogs import Confirm, Prompt
from cistrat_tui.tui.screens.schedule import ScheduleScreen
from tests.tui.conftest import SIZE
from tests.tui.helpers import error_beside, fill, settle, shown_titles

PARK = "TusPark"


def park_id(store: WorkshopStore) -> str:
    return next(s.id for s in store.workshop.sites.values() if PARK in s.name_en)


def reopened(store: WorkshopStore) -> dict[str, object]:
    """The activities as saved on disk, read by a second, read-only store."""
    with WorkshopStore.open(store.path, readonly=True) as again:
        return dict(again.workshop.activities)


async def open_schedule(store: WorkshopStore, checker) -> tuple[CistratApp, object]:
    app = CistratApp(store, checker=checker, mode="schedule")
    return app, app.run_test(size=SIZE)


async def add_visit(pilot, store: WorkshopStore, title: str = "Visit TusPark",
                    start: str = "14:00", end: str = "15:30") -> None:
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ActivityForm)
    await fill(pilot, "title", title)
    await fill(pilot, "site", park_id(store))
    await fill(pilot, "start", start)
    await fill(pilot, "end", end)
    await pilot.press("ctrl+s")
    await settle(pilot)


@pytest.mark.parametrize("key", ["down", "n"])
async def test_next_and_previous_day(store: WorkshopStore, checker, key: str) -> None:
    days = store.workshop.programme.days()
    app = CistratApp(store, checker=checker, mode="schedule")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await pilot.pause()
        assert app.screen.selected_day == days[1]
        assert shown_titles(app) == [r.title for r in activity_rows(store.workshop, days[1])]
        await pilot.press("p")
        await pilot.pause()
        assert app.screen.selected_day == days[0]


async def test_every_day_in_time_order(store: WorkshopStore, checker) -> None:
    app = CistratApp(store, checker=checker, mode="schedule")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for day in store.workshop.programme.days():
            assert app.screen.selected_day == day
            assert shown_titles(app) == [a.title for a in store.workshop.activities_on(day)]
            await pilot.press("n")
            await pilot.pause()


async def test_go_to_a_date_and_a_day_number(store: WorkshopStore, checker) -> None:
    app = CistratApp(store, checker=checker, mode="schedule")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, Prompt)
        app.screen.query_one("#prompt-0").value = "2027-04-01"
        await pilot.pause()
        assert "give a date from" in str(app.screen.query_one("#prompt-error").render())
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, Prompt)  # refused: not a day of the programme
        app.screen.query_one("#prompt-0").value = "2027-03-18"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.selected_day == date(2027, 3, 18)
        await pilot.press("g")
        await pilot.pause()
        app.screen.query_one("#prompt-0").value = "3"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.selected_day == date(2027, 3, 9)


async def test_today_when_the_programme_runs(store: WorkshopStore, checker,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    class During(datetime):
        @classmethod
        def now(cls, tz=None):  # type: ignore[no-untyped-def,override]
            return datetime(2027, 3, 19, 10, 0, tzinfo=SHANGHAI)

    monkeypatch.setattr(schedule_module, "datetime", During)
    app = CistratApp(store, checker=checker, mode="schedule")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await pilot.pause()
        assert app.screen.selected_day == date(2027, 3, 19)


async def test_add_a_visit_saves_it_at_once(store: WorkshopStore, checker) -> None:
    app = CistratApp(store, checker=checker, mode="schedule")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")  # Monday 8 March
        await add_visit(pilot, store)
        assert isinstance(app.screen, ScheduleScreen)
        assert "Visit TusPark" in shown_titles(app)
        added = app.screen.selected_activity
        assert added is not None and added.title == "Visit TusPark"
        assert added.start == datetime(2027, 3, 8, 14, 0, tzinfo=SHANGHAI)
        assert added.site_id == park_id(store)
        assert reopened(store)[added.id] == added


async def test_typed_input_is_checked_as_it_is_typed(store: WorkshopStore, checker) -> None:
    app = CistratApp(store, checker=checker, mode="schedule")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = dict(store.workshop.activities)
        await pilot.press("a")
        await pilot.pause()
        assert "title" in error_beside(app, "title")
        await pilot.press(*"Talk")
        await pilot.pause()
        assert error_beside(app, "title") == ""
        assert "needs a site" in error_beside(app, "site")
        await fill(pilot, "site", park_id(store))
        await fill(pilot, "end", "25:00")
        assert "not a time" in error_beside(app, "end")
        assert app.screen.query_one("#form-save", Button).disabled
        await pilot.press("ctrl+s")  # refused with a message, form stays open
        await pilot.pause()
        assert isinstance(app.screen, ActivityForm)
        assert any("Not saved" in str(n.title) for n in app._notifications)
        await fill(pilot, "end", "08:00")
        assert "not after it starts" in error_beside(app, "end")
        await pilot.press("escape")  # the form was changed: it asks first
        await pilot.pause()
        assert isinstance(app.screen, DiscardChanges)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, ScheduleScreen)
        assert store.workshop.activities == before
        assert reopened(store).keys() == before.keys()


async def test_travel_leg_with_named_trainees_and_seats(store: WorkshopStore, checker) -> None:
    workshop = store.workshop
    trainees = sorted(workshop.trainees.values(), key=lambda t: t.name)
    stations = [s.id for s in workshop.sites.values() if s.kind.value == "rail_station"]
    app = CistratApp(store, checker=checker, mode="schedule")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        await fill(pilot, "kind", "travel")
        assert app.screen.query_one("#row-from").display
        assert not app.screen.query_one("#row-site").display
        await fill(pilot, "title", "Train to Shanghai")
        await fill(pilot, "from", stations[0])
        await fill(pilot, "to", stations[1])
        await fill(pilot, "mode", "high_speed_rail")
        await fill(pilot, "service", "G7")
        await fill(pilot, "audience", "named")
        assert "at least one" in error_beside(app, "trainees")
        selection = app.screen.query_one("#field-trainees")
        selection.select(trainees[0].id)
        selection.select(trainees[1].id)
        await pilot.pause()
        app.screen.query_one("#seat-2").value = "07F"  # not taking part
        await pilot.pause()
        assert "does not take part" in error_beside(app, "seats")
        app.screen.query_one("#seat-2").value = ""
        app.screen.query_one("#seat-0").value = "05A"
        app.screen.query_one("#seat-1").value = "05B"
        await pilot.pause()
        assert error_beside(app, "seats") == ""
        await pilot.press("ctrl+s")
        await settle(pilot)
        leg = app.screen.selected_activity
        assert leg is not None and leg.service_number == "G7"
        assert leg.participants.trainee_ids == (trainees[0].id, trainees[1].id)
        assert leg.seats == {trainees[0].id: "05A", trainees[1].id: "05B"}
        assert reopened(store)[leg.id] == leg


async def test_edit_move_cancel_delete_undo_redo(store: WorkshopStore, checker) -> None:
    app = CistratApp(store, checker=checker, mode="schedule")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await add_visit(pilot, store)
        visit = app.screen.selected_activity
        assert visit is not None

        await pilot.press("e")  # edit
        await pilot.pause()
        await fill(pilot, "title", "Visit TusPark again")
        await pilot.press("ctrl+s")
        await settle(pilot)
        edited = store.workshop.activities[visit.id]
        assert edited.title == "Visit TusPark again"
        assert edited.revision == visit.revision + 1

        await pilot.press("m")  # move to the next day, 10:00
        await pilot.pause()
        assert isinstance(app.screen, Prompt)
        app.screen.query_one("#prompt-0").value = "2027-03-09"
        app.screen.query_one("#prompt-1").value = "10:00"
        await pilot.press("enter")
        await settle(pilot)
        moved = store.workshop.activities[visit.id]
        assert moved.start == datetime(2027, 3, 9, 10, 0, tzinfo=SHANGHAI)
        assert moved.end - moved.start == visit.end - visit.start
        assert app.screen.selected_day == date(2027, 3, 9)
        assert reopened(store)[visit.id] == moved

        await pilot.press("c")  # cancel
        await settle(pilot)
        assert store.workshop.activities[visit.id].cancelled
        assert "(cancelled)" in str(app.screen.query_one("#activity-detail").render()) or \
            store.workshop.activities[visit.id].cancelled

        await pilot.press("x")  # delete: asks first; "n" keeps it
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")
        await settle(pilot)
        assert visit.id in store.workshop.activities
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert visit.id not in store.workshop.activities
        assert visit.id not in reopened(store)

        await pilot.press("ctrl+z")  # the delete
        await settle(pilot)
        assert store.workshop.activities[visit.id].cancelled
        await pilot.press("ctrl+z")  # the cancel
        await settle(pilot)
        assert not store.workshop.activities[visit.id].cancelled
        await pilot.press("ctrl+z")  # the move
        await settle(pilot)
        assert store.workshop.activities[visit.id].start == visit.start
        assert app.screen.selected_day == visit.day  # the undone change is in sight
        assert app.screen.selected_activity.id == visit.id
        await pilot.press("ctrl+y")  # the move again
        await settle(pilot)
        assert store.workshop.activities[visit.id].start.date() == date(2027, 3, 9)
        assert reopened(store)[visit.id] == store.workshop.activities[visit.id]
        for _ in range(3):
            await pilot.press("ctrl+z")
            await settle(pilot)
        assert visit.id not in store.workshop.activities  # back before the add
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert any("Nothing to undo" in str(n.message) for n in app._notifications)


async def test_duplicate(store: WorkshopStore, checker) -> None:
    app = CistratApp(store, checker=checker, mode="schedule")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        original = app.screen.selected_activity
        assert original is not None
        await pilot.press("d")
        await settle(pilot)
        copy = app.screen.selected_activity
        assert copy is not None and copy.id != original.id
        assert copy.title == f"{original.title} (copy)"
        assert copy.start == original.start and copy.revision == 0


async def test_read_only_refuses_changes_with_a_notification(tmp_path, checker) -> None:
    from cistrat_tui.core.sample import sample_workshop

    path = tmp_path / "ro.json"
    WorkshopStore.open(path, create_from=sample_workshop).close()
    before = path.read_bytes()
    with WorkshopStore.open(path, readonly=True) as store:
        app = CistratApp(store, checker=checker, mode="schedule")
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("d")
            await settle(pilot)
            assert app.is_running
            assert any("read-only" in str(n.message) for n in app._notifications
                       if n.severity == "error")
    assert path.read_bytes() == before


async def test_night_shows_the_hotel(store: WorkshopStore, checker) -> None:
    app = CistratApp(store, checker=checker, mode="schedule")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        night = str(app.screen.query_one("#night", Static).render())
        stay = next(s for s in store.workshop.stays.values()
                    if s.check_in <= date(2027, 3, 7) < s.check_out)
        assert store.workshop.sites[stay.hotel_id].name_en in night


async def test_move_a_day_later_and_back_with_keys(store: WorkshopStore, checker) -> None:
    app = CistratApp(store, checker=checker, mode="schedule")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        activity = app.screen.selected_activity
        assert activity is not None
        await pilot.press("greater_than_sign")
        await settle(pilot)
        later = store.workshop.activities[activity.id]
        assert later.start - activity.start == timedelta(days=1)
        assert app.screen.selected_day == activity.day + timedelta(days=1)
        assert app.screen.selected_activity.id == activity.id
        await pilot.press("less_than_sign")
        await settle(pilot)
        assert store.workshop.activities[activity.id].start == activity.start
        assert reopened(store)[activity.id].start == activity.start


async def test_an_unexpected_store_error_is_a_notification(
        store: WorkshopStore, checker, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(record: object) -> object:
        raise RuntimeError("disk on fire")

    app = CistratApp(store, checker=checker, mode="schedule")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        monkeypatch.setattr(store, "put", broken)
        before = dict(store.workshop.activities)
        await pilot.press("d")
        await settle(pilot)
        assert app.is_running
        assert any("disk on fire" in str(n.message) for n in app._notifications)
        assert store.workshop.activities == before
