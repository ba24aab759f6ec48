"""The bookings list: needs from the programme, states, deadlines, order, filters."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta

import pytest

from cistrat_tui.core.bookings.rules import deadlines, default_deadlines
from cistrat_tui.core.bookings.todo import TodoItem, todo_items, todo_list
from cistrat_tui.core.errors import ValidationError
from cistrat_tui.core.records.activity import Activity, Stay
from cistrat_tui.core.records.booking import (
    Booking,
    BookingItem,
    BookingRule,
    BookingState,
    DeadlineUnit,
)
from cistrat_tui.core.records.model import Participants, Programme, Site, Trainee
from cistrat_tui.core.records.people import Resource, ResourceKind
from cistrat_tui.core.records.values import SHANGHAI
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.reference.calendar import WorkingCalendar

TODAY = date(2027, 2, 15)


def at(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=SHANGHAI)


def programme() -> tuple[Workshop, dict[str, Site]]:
    """Beijing to Shanghai by train on Mon 8 March 2027, a park visit on Tue 9, dinner at a
    restaurant, a coach transfer and two hotel stays."""
    w = Workshop(Programme("Bookings 2027", "2027-03-07", "2027-03-27"))
    sites = {
        "bjs": Site("rail_station", "Beijing South", "Beijing", lat=39.865, lon=116.379),
        "shh": Site("rail_station", "Shanghai Hongqiao", "Shanghai", lat=31.194, lon=121.32),
        "park": Site("science_park", "Zhangjiang", "Shanghai", lat=31.2, lon=121.59),
        "food": Site("restaurant", "Lu Bo Lang", "Shanghai", lat=31.227, lon=121.492),
        "bj_hotel": Site("hotel", "Beijing Hotel", "Beijing", lat=39.9, lon=116.4),
        "sh_hotel": Site("hotel", "Shanghai Hotel", "Shanghai", lat=31.2, lon=121.5),
    }
    for site in sites.values():
        w.put(site)
    for name in ("Ana", "Ben"):
        w.put(Trainee(name))
    monday, tuesday = date(2027, 3, 8), date(2027, 3, 9)
    w.put(Activity("travel", "Train to Shanghai", at(monday, 9), at(monday, 14),
                   mode="high_speed_rail", from_site_id=sites["bjs"].id,
                   to_site_id=sites["shh"].id, id=fixed(1)))
    w.put(Activity("travel", "Coach to the hotel", at(monday, 14), at(monday, 15), mode="coach",
                   from_site_id=sites["shh"].id, to_site_id=sites["sh_hotel"].id, id=fixed(2)))
    w.put(Activity("visit", "Zhangjiang visit", at(tuesday, 9), at(tuesday, 12),
                   site_id=sites["park"].id, id=fixed(3)))
    w.put(Activity("meal", "Group dinner", at(tuesday, 18), at(tuesday, 20),
                   site_id=sites["food"].id, id=fixed(4)))
    w.put(Stay(sites["bj_hotel"].id, "2027-03-07", "2027-03-08", id=fixed(5)))
    w.put(Stay(sites["sh_hotel"].id, "2027-03-08", "2027-03-12", id=fixed(6)))
    return w, sites


def fixed(n: int) -> str:
    return f"00000000-0000-4000-8000-{n:012d}"


def by_need(w: Workshop) -> dict[tuple[str, BookingItem], TodoItem]:
    return {(t.record_id, t.item): t for t in todo_items(w)}


def test_every_kind_of_booking_comes_from_the_programme() -> None:
    w, _ = programme()
    needs = {(t.record_id, t.item) for t in todo_items(w)}
    assert needs == {
        (fixed(1), BookingItem.TRAIN_TICKETS), (fixed(2), BookingItem.VEHICLE),
        (fixed(3), BookingItem.HOST_VISIT), (fixed(3), BookingItem.VISITOR_LIST),
        (fixed(4), BookingItem.RESTAURANT),
        (fixed(5), BookingItem.HOTEL), (fixed(5), BookingItem.ROOMING_LIST),
        (fixed(6), BookingItem.HOTEL), (fixed(6), BookingItem.ROOMING_LIST),
    }
    assert all(t.state is BookingState.TO_BOOK for t in todo_items(w))


def test_deadlines_follow_the_reference_rules() -> None:
    w, _ = programme()
    due = {(t.record_id, t.item): t.due for t in todo_items(w)}
    # Train tickets go on sale 15 days before departure.
    assert due[fixed(1), BookingItem.TRAIN_TICKETS] == date(2027, 2, 21)
    assert due[fixed(2), BookingItem.VEHICLE] == date(2027, 2, 22)
    assert due[fixed(5), BookingItem.HOTEL] == date(2027, 2, 7)
    assert due[fixed(6), BookingItem.ROOMING_LIST] == date(2027, 3, 1)
    # Five working days before Tuesday 9 March: Tuesday 2 March (the weekend does not count).
    assert due[fixed(3), BookingItem.VISITOR_LIST] == date(2027, 3, 2)
    assert due[fixed(3), BookingItem.HOST_VISIT] == date(2027, 2, 16)


def test_working_days_skip_public_holidays() -> None:
    rule = default_deadlines()[BookingItem.VISITOR_LIST]
    calendar = WorkingCalendar.default()
    # Thursday 8 October 2026, right after National Day (1-7 October off): back over 30, 29
    # and 28 September, then past Mid-Autumn (25-27 September off) to 24 and 23 September.
    due = rule.due(date(2026, 10, 8), calendar)
    assert due == date(2026, 9, 23)
    assert rule.describe() == "5 working days before"


def test_every_item_has_a_default_rule_with_a_source() -> None:
    rules = default_deadlines()
    assert set(rules) == set(BookingItem)
    assert all(r.source and r.note and r.lead > 0 for r in rules.values())
    assert rules[BookingItem.TRAIN_TICKETS].lead == 15


def test_a_coordinators_rule_replaces_the_default() -> None:
    w, _ = programme()
    w.put(BookingRule(BookingItem.HOTEL, 42, note="high season"))
    rules = deadlines(w.booking_rules.values())
    assert rules[BookingItem.HOTEL].lead == 42 and rules[BookingItem.HOTEL].source == "coordinator"
    assert by_need(w)[fixed(5), BookingItem.HOTEL].due == date(2027, 1, 24)
    with pytest.raises(ValidationError, match="rule for hotel already"):
        w.put(BookingRule(BookingItem.HOTEL, 30))
    with pytest.raises(ValidationError, match="lead"):
        BookingRule(BookingItem.GUIDE, -1)
    assert BookingRule("guide", 3, "working_days").unit is DeadlineUnit.WORKING_DAYS


def test_states_from_bookings_and_from_what_the_records_say() -> None:
    w, _ = programme()
    train = w.activities[fixed(1)]
    ana, ben = sorted(w.trainees)
    # A reference alone is a request; a seat for everyone too makes the tickets confirmed.
    w.put(train.__class__(**{**train.to_dict(), "booking_ref": "E123"}))
    assert by_need(w)[fixed(1), BookingItem.TRAIN_TICKETS].state is BookingState.REQUESTED
    w.put(train.__class__(**{**train.to_dict(), "booking_ref": "E123",
                             "seats": {ana: "05A", ben: "05B"}}))
    assert by_need(w)[fixed(1), BookingItem.TRAIN_TICKETS].state is BookingState.CONFIRMED
    # A confirmed activity counts as confirmed by its host; the visitor list is separate.
    visit = w.activities[fixed(3)]
    w.put(visit.__class__(**{**visit.to_dict(), "status": "confirmed"}))
    needs = by_need(w)
    assert needs[fixed(3), BookingItem.HOST_VISIT].state is BookingState.CONFIRMED
    assert needs[fixed(3), BookingItem.VISITOR_LIST].state is BookingState.TO_BOOK
    # A stored booking wins, with its reference and supplier.
    w.put(Booking(fixed(3), BookingItem.VISITOR_LIST, BookingState.CONFIRMED,
                  supplier="Park office", confirmed_on="2027-03-01", confirmed_by="Ms Wang"))
    w.put(Booking(fixed(6), "hotel", "requested", reference="GRP-77", requested_on="2027-02-01"))
    needs = by_need(w)
    assert needs[fixed(3), BookingItem.VISITOR_LIST].state is BookingState.CONFIRMED
    hotel = needs[fixed(6), BookingItem.HOTEL]
    assert hotel.state is BookingState.REQUESTED and hotel.reference == "GRP-77"
    with pytest.raises(ValidationError, match="already has a hotel booking"):
        w.put(Booking(fixed(6), "hotel"))


def test_a_confirmed_booking_needs_its_date() -> None:
    with pytest.raises(ValidationError, match="confirmed on"):
        Booking(fixed(1), "hotel", "confirmed")
    with pytest.raises(ValidationError, match="before the request"):
        Booking(fixed(1), "hotel", "confirmed", requested_on="2027-02-02",
                confirmed_on="2027-02-01")


def test_cancelled_activities_need_nothing() -> None:
    w, _ = programme()
    coach = w.activities[fixed(2)]
    w.put(coach.__class__(**{**coach.to_dict(), "status": "cancelled"}))
    assert (fixed(2), BookingItem.VEHICLE) not in by_need(w)


def test_the_list_puts_overdue_first_then_by_deadline_and_filters() -> None:
    w, _ = programme()
    today = date(2027, 2, 22)
    listed = todo_list(w, today)
    overdue = [t for t in listed if t.overdue(today)]
    assert [t.item for t in overdue] == [BookingItem.HOTEL, BookingItem.HOTEL,
                                         BookingItem.HOST_VISIT, BookingItem.TRAIN_TICKETS]
    assert listed[:len(overdue)] == overdue
    rest = [t.due for t in listed[len(overdue):]]
    assert rest == sorted(rest) and rest[0] == today  # due today is not overdue yet
    assert {t.item for t in todo_list(w, today, items=[BookingItem.HOTEL])} == {BookingItem.HOTEL}
    assert {t.city for t in todo_list(w, today, city="shang")} == {"Shanghai"}
    # Confirmed items leave the list unless asked for.
    w.put(Booking(fixed(1), "train_tickets", "confirmed", confirmed_on="2027-02-21"))
    assert all(t.record_id != fixed(1) for t in todo_list(w, today))
    assert any(t.record_id == fixed(1) for t in todo_list(w, today, include_confirmed=True))
    first = todo_list(w, today)[0].to_json(today)
    assert first["overdue"] is True and first["days_left"] < 0 and first["rule"]


def test_a_stay_after_a_plan_lists_every_new_leg_and_visit(tmp_path: object) -> None:
    """A re-planned programme: new activities are planned, so each needs booking."""
    w, _ = programme()
    new_visit = Activity("visit", "New visit", at(date(2027, 3, 10), 9), at(date(2027, 3, 10), 11),
                         site_id=next(iter(w.sites)), participants=Participants())
    w.put(new_visit)
    items = {t.item for t in todo_list(w, TODAY) if t.record_id == new_visit.id}
    assert items == {BookingItem.HOST_VISIT, BookingItem.VISITOR_LIST}
    assert timedelta(0) < (new_visit.day - todo_list(w, TODAY)[0].due)


def test_interpreters_guides_and_vehicles_booked_for_an_activity_need_confirming() -> None:
    w, _ = programme()
    interpreter = Resource(ResourceKind.INTERPRETER, "Zhao Min")
    guide = Resource(ResourceKind.GUIDE, "Sun Li")
    van = Resource(ResourceKind.VEHICLE, "Van 1", seats=18)
    for resource in (interpreter, guide, van):
        w.put(resource)
    visit, coach = w.activities[fixed(3)], w.activities[fixed(2)]
    w.put(dataclasses.replace(visit, resource_ids=(interpreter.id, guide.id, van.id)))
    w.put(dataclasses.replace(coach, resource_ids=(van.id,)))
    needs = {(t.record_id, t.item) for t in todo_items(w)}
    assert {(fixed(3), BookingItem.INTERPRETER), (fixed(3), BookingItem.GUIDE),
            (fixed(3), BookingItem.VEHICLE)} <= needs
    coach_needs = [t for t in todo_items(w) if t.record_id == fixed(2)]
    assert [t.item for t in coach_needs] == [BookingItem.VEHICLE]  # once, not twice
    due = {t.item: t.due for t in todo_items(w) if t.record_id == fixed(3)}
    assert due[BookingItem.INTERPRETER] == date(2027, 2, 23)  # 14 days before Tue 9 March
