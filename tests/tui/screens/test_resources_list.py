"""Vehicles, interpreters and guides in the app: listed, added, edited and deleted from the
schedule (V), the trainees area (V) and the palette; the activity form books a new one, and
deleting one that is booked takes it off its activities in the same, undoable, save."""

from __future__ import annotations

from textual.widgets import SelectionList

from cistrat_tui.core.records.activity import Activity
from cistrat_tui.core.records.people import Resource
from cistrat_tui.core.store.repository import WorkshopStore
from cistrat_tui.tui.app import CistratApp
from cistrat_tui.tui.forms.activity import ActivityForm
from cistrat_tui.tui.forms.resource import ResourceForm
from cistrat_tui.tui.screens.dialogs import Confirm
from cistrat_tui.tui.screens.help import HelpScreen, key_rows
from cistrat_tui.tui.screens.record_lists import ResourcesList
from tests.tui.conftest import SIZE
from tests.tui.forms.test_new_database_form import run_palette_command
from tests.tui.helpers import error_beside, fill, settle


def on_disk(store: WorkshopStore) -> tuple[dict[str, Resource], dict[str, Activity]]:
    with WorkshopStore.open(store.path, readonly=True) as again:
        return dict(again.workshop.resources), dict(again.workshop.activities)


def listed(app: CistratApp) -> list[str]:
    screen = app.screen
    assert isinstance(screen, ResourcesList)
    return [screen.describe(r) for r in screen.records()]


async def test_add_a_vehicle_book_it_for_a_visit_then_delete_it(store: WorkshopStore,
                                                                checker) -> None:
    before_resources, before_activities = on_disk(store)
    app = CistratApp(store, checker=checker, mode="schedule")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("V")
        await settle(pilot)
        assert isinstance(app.screen, ResourcesList)
        assert len(listed(app)) == len(before_resources)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ResourceForm)
        await fill(pilot, "name", "Van 3")
        assert error_beside(app, "seat_count") == "how many passenger seats?"
        await fill(pilot, "seat_count", "7")
        await fill(pilot, "plate", "京B·V5514")
        await fill(pilot, "driver", "Li Qiang")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ResourcesList)
        assert any(line.startswith("Van 3: 7 seats, 京B·V5514, driver Li Qiang")
                   for line in listed(app))
        van = next(r for r in on_disk(store)[0].values() if r.name == "Van 3")
        await pilot.press("escape")
        await settle(pilot)

        visit = next(a for a in store.workshop.ordered_activities() if a.kind == "visit")
        app.screen.select_activity(visit.id)  # type: ignore[attr-defined]
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ActivityForm)
        pickers = form.query_one("#field-resources", SelectionList)
        assert van.id in [pickers.get_option_at_index(n).value
                          for n in range(pickers.option_count)]
        pickers.select(van.id)
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert van.id in on_disk(store)[1][visit.id].resource_ids

        await pilot.press("V")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ResourcesList)
        table = screen.query_one("#list-table")
        table.move_cursor(row=[r.id for r in screen.records()].index(van.id))
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, Confirm)
        assert "is booked for 1 activity" in app.screen.question
        assert visit.title in app.screen.question
        await pilot.press("y")
        await settle(pilot)
        resources, activities = on_disk(store)
        assert van.id not in resources
        assert van.id not in activities[visit.id].resource_ids
        assert activities[visit.id].resource_ids == before_activities[visit.id].resource_ids
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+z")  # the delete, with the activity's booking
        await settle(pilot)
        resources, activities = on_disk(store)
        assert van.id in resources and van.id in activities[visit.id].resource_ids


async def test_edit_an_interpreter_from_the_trainees_area(store: WorkshopStore,
                                                         checker) -> None:
    interpreter = next(r for r in store.workshop.resources.values() if r.kind == "interpreter")
    app = CistratApp(store, checker=checker, mode="trainees")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("V")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ResourcesList)
        screen.query_one("#list-table").move_cursor(
            row=[r.id for r in screen.records()].index(interpreter.id))
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ResourceForm)
        assert not form.query_one("#row-seat_count").display  # a person has no seats
        assert form.query_one("#row-diets").display
        await fill(pilot, "phone", "+86 139 5555 0159")
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert on_disk(store)[0][interpreter.id].phone == "+86 139 5555 0159"


async def test_the_list_is_in_the_palette_and_in_help(store: WorkshopStore, checker) -> None:
    app = CistratApp(store, checker=checker, mode="schedule")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        ids = {binding_id: keys for keys, _, binding_id in key_rows(app.screen.below)}
        assert ids["schedule.resources"] == "V"
        await pilot.press("escape")
        await pilot.pause()
        await run_palette_command(pilot, "Vehicles, interpreters and guides")
        assert isinstance(app.screen, ResourcesList)
