"""Hotel stays in the app: from the schedule's night line, from the list of stays, and from a
night-without-hotel problem; every change saved at once and undoable."""

from __future__ import annotations

from datetime import date

from textual.widgets import Button, DataTable, SelectionList

from cistrat_tui.core.checks.runner import check_workshop
from cistrat_tui.core.records.activity import Stay
from cistrat_tui.core.records.people import Room, RoomType
from cistrat_tui.core.sample import sample_workshop
from cistrat_tui.core.store.repository import WorkshopStore
from cistrat_tui.exports.lists import rooming_book, stay_sheet_name
from cistrat_tui.tui.app import CistratApp
from cistrat_tui.tui.forms.room import RoomForm
from cistrat_tui.tui.forms.stay import StayForm
from cistrat_tui.tui.forms.stay_rules import StayValues, build_stay, stay_for_night
from cistrat_tui.tui.forms.validated import DiscardChanges
from cistrat_tui.tui.screens.dialogs import Confirm
from cistrat_tui.tui.screens.problems import ProblemsScreen
from cistrat_tui.tui.screens.record_lists import StaysList
from tests.tui.conftest import SIZE
from tests.tui.helpers import error_beside, fill, settle

FIRST_NIGHT = date(2027, 3, 7)


def hotel_named(store: WorkshopStore, part: str) -> str:
    return next(s.id for s in store.workshop.sites.values() if part in s.name_en)


def stays_on_disk(store: WorkshopStore) -> dict[str, object]:
    with WorkshopStore.open(store.path, readonly=True) as again:
        return dict(again.workshop.stays)


def without_beijing_stays(store: WorkshopStore) -> None:
    """The sample without its two Beijing stays: its first nights have no hotel."""
    with store.batch():
        for stay in list(store.workshop.stays.values()):
            if stay.booking_ref.startswith("SAMPLE-BEIJING"):
                store.remove(stay)


def test_a_night_is_filled_in_with_the_hotel_used_in_that_city() -> None:
    workshop = sample_workshop()
    beijing = stay_for_night(workshop, FIRST_NIGHT)
    wuhan = stay_for_night(workshop, date(2027, 3, 17))
    assert (beijing.check_in, beijing.check_out) == ("2027-03-07", "2027-03-08")
    assert workshop.sites[beijing.hotel_id].name_en == "Yuyuantan Academic Exchange Hotel"
    assert workshop.sites[wuhan.hotel_id].city == "Wuhan"


def test_a_stay_must_be_at_a_hotel_with_check_out_after_check_in() -> None:
    workshop = sample_workshop()
    park = next(s.id for s in workshop.sites.values() if s.kind == "science_park")
    hotel = stay_for_night(workshop, FIRST_NIGHT).hotel_id
    assert build_stay(StayValues(), workshop)[1] == {
        "hotel": "choose the hotel (add it in the sites area first)"}
    assert "not a hotel" in build_stay(StayValues(park, "2027-03-07", "2027-03-08"),
                                       workshop)[1]["hotel"]
    assert "check_out" in build_stay(StayValues(hotel, "2027-03-08", "2027-03-08"), workshop)[1]
    assert "trainees" in build_stay(StayValues(hotel, "2027-03-07", "2027-03-08", "named"),
                                    workshop)[1]


async def test_add_from_the_night_line_then_undo(store: WorkshopStore, checker) -> None:
    without_beijing_stays(store)
    before = stays_on_disk(store)
    app = CistratApp(store, checker=checker, mode="schedule")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        night = str(app.screen.query_one("#night").render())
        assert night == "Night: no hotel booked (h adds one)"
        await pilot.press("h")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, StayForm)
        assert form.current_values().check_in == "2027-03-07"
        await fill(pilot, "check_out", "2027-03-07")
        assert "is not after the check-in date" in error_beside(app, "check_out")
        await fill(pilot, "check_out", "2027-03-15")
        await fill(pilot, "booking", "YY-2027-118")
        await pilot.press("ctrl+s")
        await settle(pilot)
        added = [s for s in stays_on_disk(store).values() if s not in before.values()]
        assert len(added) == 1
        assert (added[0].check_in, added[0].check_out) == (FIRST_NIGHT, date(2027, 3, 15))
        assert added[0].booking_ref == "YY-2027-118"
        assert "Yuyuantan" in str(app.screen.query_one("#night").render())
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert stays_on_disk(store) == before


async def test_edit_and_delete_from_the_list_of_stays(store: WorkshopStore, checker) -> None:
    before = stays_on_disk(store)
    app = CistratApp(store, checker=checker, mode="schedule")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("H")
        await settle(pilot)
        assert isinstance(app.screen, StaysList)
        await pilot.press("e")  # the first stay, by check-in: the early arrivals, 6 Mar
        await settle(pilot)
        assert isinstance(app.screen, StayForm)
        await fill(pilot, "booking", "CONFIRMED-42")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, StaysList)
        edited = stays_on_disk(store)
        first = min(before.values(), key=lambda s: s.check_in)
        assert edited[first.id].booking_ref == "CONFIRMED-42"
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, Confirm)
        await pilot.press("y")
        await settle(pilot)
        assert first.id not in stays_on_disk(store)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+z")  # the delete
        await settle(pilot)
        await pilot.press("ctrl+z")  # the edit
        await settle(pilot)
        assert stays_on_disk(store) == before


async def test_enter_on_a_night_without_hotel_opens_a_stay_for_that_night(
        store: WorkshopStore) -> None:
    without_beijing_stays(store)
    app = CistratApp(store, checker=check_workshop, mode="problems")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ProblemsScreen)
        row = next(n for n, p in enumerate(screen._shown)
                   if p.code == "night-without-hotel" and p.day == date(2027, 3, 10))
        screen.query_one("#problems-table").move_cursor(row=row)
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, StayForm)
        values = form.current_values()
        assert (values.check_in, values.check_out) == ("2027-03-10", "2027-03-11")
        assert values.hotel_id == hotel_named(store, "Yuyuantan")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not [p for p in app.problems if p.code == "night-without-hotel"
                    and p.day == date(2027, 3, 10)]
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert [p for p in app.problems if p.code == "night-without-hotel"
                and p.day == date(2027, 3, 10)]


async def test_rooms_are_changed_in_the_stay_form_and_reach_the_rooming_list(
        store: WorkshopStore, checker) -> None:
    first = next(s for s in store.workshop.stays.values()
                 if s.check_in == store.workshop.programme.start_date)
    mwila = next(t for t in store.workshop.trainees.values() if t.name == "Mwila Banda")
    neema = next(t for t in store.workshop.trainees.values() if t.name == "Neema Mushi")
    app = CistratApp(store, checker=checker, mode="schedule")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("H")
        await settle(pilot)
        await pilot.press("down", "e")  # the second by check-in: the first day's, for everyone
        await settle(pilot)
        form = app.screen
        assert isinstance(form, StayForm)
        assert form.base == first
        table = form.query_one("#field-rooms", DataTable)
        assert table.row_count == len(first.rooms)
        table.focus()
        last = len(first.rooms) - 1
        table.move_cursor(row=last)
        assert first.rooms[last].occupant_ids == (mwila.id,)
        await pilot.press("x")  # Mwila's single goes: she is now without a room
        await settle(pilot)
        assert table.row_count == len(first.rooms) - 1
        assert "Still without a room (1): Mwila Banda" in str(
            form.query_one("#rooms-status").render())
        await pilot.press("a")
        await settle(pilot)
        room_form = app.screen
        assert isinstance(room_form, RoomForm)
        await fill(pilot, "kind", "single")
        await fill(pilot, "number", "611")
        guests = room_form.query_one("#field-occupants", SelectionList)
        guests.select(mwila.id)
        guests.select(neema.id)  # Neema is in a twin now: a single holds one
        await pilot.pause()
        assert error_beside(app, "occupants") == "a single room sleeps 1, and 2 are chosen"
        assert room_form.query_one("#form-save", Button).disabled
        guests.deselect(neema.id)
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form and table.row_count == len(first.rooms)
        assert str(form.query_one("#rooms-status").render()) == \
            "Everyone in the stay has a room."
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, StaysList)
    saved = stays_on_disk(store)[first.id]
    assert isinstance(saved, Stay)
    assert saved.room_of(mwila.id) == Room(RoomType.SINGLE, (mwila.id,), "611")
    assert [r.number for r in saved.rooms] == [r.number for r in first.rooms[:-1]] + ["611"]
    with WorkshopStore.open(store.path, readonly=True) as again:
        sheet = next(s for s in rooming_book(again.workshop).sheets
                     if s.name == stay_sheet_name(again.workshop, first))
    assert ("611", "Single 单人间", "Mwila Banda", "F 女") in [r[:4] for r in sheet.rows]


async def test_esc_on_a_stay_whose_rooms_changed_asks_first(store: WorkshopStore,
                                                            checker) -> None:
    before = stays_on_disk(store)
    app = CistratApp(store, checker=checker, mode="schedule")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("H", "e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, StayForm)
        await pilot.press("escape")  # unchanged: closes at once
        await settle(pilot)
        assert isinstance(app.screen, StaysList)
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, StayForm)
        form.query_one("#field-rooms", DataTable).focus()
        await pilot.press("x")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DiscardChanges)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, StaysList)
    assert stays_on_disk(store) == before


async def test_a_room_for_a_stay_of_nobody_yet_is_refused_with_a_word(
        store: WorkshopStore, checker) -> None:
    app = CistratApp(store, checker=checker, mode="schedule")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("H", "a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, StayForm)
        await fill(pilot, "audience", "named")
        form.query_one("#field-rooms", DataTable).focus()
        await pilot.press("a")
        await settle(pilot)
        assert app.screen is form
        assert not form.rooms
