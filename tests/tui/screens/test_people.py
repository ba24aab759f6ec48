"""The people side in the app: the trainee form's new fields, the pickups view and its
proposal, resources and meal counts in the activity form, the lists in the exports area."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from textual.widgets import Input

from cistrat_tui.core.errors import ValidationError
from cistrat_tui.core.records.people import Diet
from cistrat_tui.core.records.values import SHANGHAI
from cistrat_tui.core.reference.places import place_id
from cistrat_tui.core.sample import sample_workshop
from cistrat_tui.core.store.repository import WorkshopStore
from cistrat_tui.tui.forms.activity_rules import build_activity, meal_line, values_from
from cistrat_tui.tui.forms.trainee import build_trainee, trainee_texts
from cistrat_tui.tui.rooming import assign_room, room_text
from cistrat_tui.tui.screens.dialogs import Prompt
from cistrat_tui.tui.screens.exports import export_jobs
from cistrat_tui.tui.screens.pickups import PickupsScreen, pickup_rows
from cistrat_tui.tui.screens.trainees import trainee_detail
from tests.tui.conftest import SIZE
from tests.tui.helpers import settle
from tests.tui.screens.test_trainees import TraineesApp


def test_the_trainee_form_round_trips_every_new_field() -> None:
    workshop = sample_workshop()
    someone = next(iter(workshop.trainees.values()))
    texts = trainee_texts(someone, workshop)
    assert texts["arrival"] == "ET604 PEK 2027-03-07 07:40 T3"
    assert texts["passport_number"] == "EP5550101" and texts["gender"] == "female"
    assert build_trainee(texts, workshop, someone) == (someone, {})
    changed = {**texts, "arrival": "CA910 大兴 2027-03-07 06:05", "diets": "halal, no alcohol",
               "gender": "M", "date_of_birth": ""}
    trainee, errors = build_trainee(changed, workshop, someone)
    assert errors == {} and trainee is not None
    assert trainee.arrival is not None and trainee.arrival.airport_id == place_id("PKX")
    assert trainee.arrival.at == datetime(2027, 3, 7, 6, 5, tzinfo=SHANGHAI)
    assert trainee.diets == (Diet.HALAL, Diet.NO_ALCOHOL) and trainee.gender == "male"
    assert trainee.date_of_birth is None


@pytest.mark.parametrize(("field", "text", "expected"), [
    ("arrival", "CA910 PEK", "give the flight number, the airport, the date and the time"),
    ("arrival", "CA910 XYZ 2027-03-07 06:05", "'XYZ' is not an airport of the workshop"),
    ("departure", "CA910 PEK 2027-02-30 06:05", "is not a date and time"),
    ("diets", "halal, chocolate", "'chocolate' is not one of"),
    ("passport_expiry", "next year", "'next year' is not a date"),
    ("gender", "x", "'x' is not one of"),
])
def test_each_bad_field_is_named_beside_it(field: str, text: str, expected: str) -> None:
    workshop = sample_workshop()
    someone = next(iter(workshop.trainees.values()))
    trainee, errors = build_trainee({**trainee_texts(someone, workshop), field: text},
                                    workshop, someone)
    assert trainee is None and list(errors) == [field] and expected in errors[field]


def test_the_detail_pane_shows_passport_flights_pickup_and_rooms() -> None:
    workshop = sample_workshop()
    imran = next(t for t in workshop.trainees.values() if t.name == "Imran Qureshi")
    detail = trainee_detail(imran, workshop)
    for part in ("Passport: AB5550106", "Arrives: PK852 PEK 2027-03-06 14:40 T3",
                 "Pickup: Sat 06 Mar 15:55 Van 1", "Dietary needs: halal, no alcohol",
                 "Room 607 (single) at Yuyuantan Academic Exchange Hotel"):
        assert part in detail


def test_the_activity_form_books_resources_and_counts_a_meal() -> None:
    workshop = sample_workshop()
    lunch = next(a for a in workshop.ordered_activities() if a.title == "Lunch hosted by the park")
    values = values_from(lunch)
    assert values.resources == lunch.resource_ids and values.resources
    assert meal_line(values, workshop).startswith(
        "Meal counts: 17 people (15 trainees, 2 staff): 2 halal, 3 vegetarian")
    values.resources = ()
    activity, errors = build_activity(values, workshop, lunch)
    assert errors == {} and activity is not None and activity.resource_ids == ()
    assert "16 people (15 trainees, 1 staff)" in meal_line(values, workshop)
    values.resources = ("not-a-resource",)
    assert build_activity(values, workshop, lunch)[0] is None


def test_the_exports_area_writes_the_lists_as_the_cli_does(tmp_path: Path) -> None:
    workshop = sample_workshop()
    jobs = export_jobs(workshop, ["rooming", "visitors"], "everyone", None, tmp_path)
    names = [job.path.name for job in jobs]
    assert names[:2] == ["rooming.xlsx", "rooming.pdf"]
    assert "visitors-Shanghai-Zhangjiang-Hi-Tech-Park.xlsx" in names and len(names) == 16
    assert {job.path.parent.name for job in jobs} == {"lists"}
    assert jobs[0].make().startswith(b"PK")  # an .xlsx is a zip


async def test_the_pickups_view_proposes_and_saves_the_missing_legs(
        tmp_path: Path, checker) -> None:  # type: ignore[no-untyped-def]
    workshop = sample_workshop()
    for activity in list(workshop.activities.values()):
        if activity.title.startswith("Airport pickup"):
            del workshop.activities[activity.id]
    assert sum(1 for row in pickup_rows(workshop) if row[1] == "none yet") == 15
    with WorkshopStore.open(tmp_path / "w.json", create_from=lambda: workshop) as store:
        app = TraineesApp(store, checker=checker, mode="trainees")
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("p")
            await settle(pilot)
            assert isinstance(app.screen, PickupsScreen)
            await pilot.press("P")
            await settle(pilot)
            await pilot.press("y")
            await settle(pilot)
            assert isinstance(app.screen, PickupsScreen)
            assert not any(row[1] == "none yet" for row in pickup_rows(store.workshop))
            await pilot.press("escape")
            await settle(pilot)
            await pilot.press("ctrl+z")  # the whole proposal is one undo step
            await settle(pilot)
            left = [a for a in store.workshop.activities.values()
                    if a.title.startswith("Airport pickup")]
            assert left == []


def test_a_room_line_moves_a_trainee_and_drops_an_empty_room() -> None:
    workshop = sample_workshop()
    stay = min(workshop.stays.values(), key=lambda s: s.check_in)
    mona = next(t for t in workshop.trainees.values() if t.name == "Mona Abdel-Rahman")
    imran = next(t for t in workshop.trainees.values() if t.name == "Imran Qureshi")
    assert room_text(stay, mona.id) == "606 single"
    moved = assign_room(stay, mona.id, "611 double")
    assert room_text(moved, mona.id) == "611 double"
    assert all(r.number != "606" for r in moved.rooms)  # left empty, so dropped
    shared = assign_room(moved, imran.id, "611 agreed")
    room = shared.room_of(imran.id)
    assert room is not None and room.agreed_mixed and len(room.occupant_ids) == 2
    assert assign_room(shared, imran.id, "").room_of(imran.id) is None
    with pytest.raises(ValidationError, match="no room '999' yet"):
        assign_room(stay, mona.id, "999")
    with pytest.raises(ValidationError, match="'suite' is not one of"):
        assign_room(stay, mona.id, "999 suite")


async def test_rooms_are_set_from_the_trainees_area(store: WorkshopStore,
                                                    checker) -> None:  # type: ignore[no-untyped-def]
    app = TraineesApp(store, checker=checker, mode="trainees")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = app.screen.selected_trainee  # type: ignore[attr-defined]
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, Prompt)
        app.screen.query_one("#prompt-0", Input).value = "650 double"
        await pilot.press("enter")
        await settle(pilot)
    with WorkshopStore.open(store.path, readonly=True) as again:
        stay = min(again.workshop.stays.values(), key=lambda s: s.check_in)
        assert room_text(stay, first.id) == "650 double"
