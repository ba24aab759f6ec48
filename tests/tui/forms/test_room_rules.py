"""The rooms of a stay in the stay form: one room checked, put in the list, the list checked
as the checks would, and the stay built with its rooms."""

from __future__ import annotations

from dataclasses import replace

import pytest

from cistrat_tui.core.records.activity import Stay
from cistrat_tui.core.records.model import Audience
from cistrat_tui.core.records.people import Room, RoomType
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.sample import sample_workshop
from cistrat_tui.tui.forms.room_rules import (
    RoomValues,
    build_room,
    occupant_choices,
    put_room,
    remove_room,
    room_cells,
    rooms_report,
)
from cistrat_tui.tui.forms.stay_rules import build_stay, staying, values_from


@pytest.fixture
def workshop() -> Workshop:
    return sample_workshop()


def first_stay(workshop: Workshop) -> Stay:
    """The stay from the programme's first day, for everyone (the night before is for the
    three early arrivals only)."""
    return next(s for s in workshop.stays.values()
                if s.check_in == workshop.programme.start_date)


def by_name(workshop: Workshop, part: str) -> str:
    return next(t.id for t in workshop.trainees.values() if part in t.name)


def test_a_room_needs_guests_and_holds_no_more_than_its_beds(workshop: Workshop) -> None:
    mona, imran, sita = (by_name(workshop, n) for n in ("Mona", "Imran", "Sita"))
    assert build_room(RoomValues("twin", "701"), ()) == (
        None, {"occupants": "choose who sleeps in the room"})
    room, errors = build_room(RoomValues("single", "701", (mona, imran)), ())
    assert room is None and errors == {"occupants": "a single room sleeps 1, and 2 are chosen"}
    assert "sleeps 2, and 3" in build_room(RoomValues("twin", "", (mona, imran, sita)),
                                           ())[1]["occupants"]
    assert build_room(RoomValues("suite", "", (mona,)), ())[1] == {
        "kind": "choose single, twin or double"}
    assert build_room(RoomValues("double", " 702 ", (mona, imran), agreed=True), ()) == (
        Room(RoomType.DOUBLE, (mona, imran), "702", True), {})


def test_a_room_number_is_taken_once_per_stay(workshop: Workshop) -> None:
    stay = first_stay(workshop)
    mona = by_name(workshop, "Mona")
    taken = stay.rooms[0].number
    others = [r for r in stay.rooms if r.number != "606"]
    assert build_room(RoomValues("single", taken, (mona,)), others)[1] == {
        "number": f"the stay already has a room {taken}"}
    assert build_room(RoomValues("single", "606", (mona,)), others)[1] == {}
    assert "number" in build_room(RoomValues("single", "x" * 21, (mona,)), ())[1]


def test_putting_a_room_moves_its_guests_and_drops_a_room_left_empty(
        workshop: Workshop) -> None:
    a, b, c = (by_name(workshop, n) for n in ("Mona", "Imran", "Sita"))
    rooms = (Room("twin", (a, b), "601"), Room("single", (c,), "602"))
    moved = put_room(rooms, None, Room("twin", (b, c), "603"))
    assert moved == (Room("twin", (a,), "601"), Room("twin", (b, c), "603"))
    changed = put_room(rooms, 0, Room("double", (a, b), "601", True))
    assert changed == (Room("double", (a, b), "601", True), Room("single", (c,), "602"))
    assert remove_room(rooms, 0) == (Room("single", (c,), "602"),)


def test_the_guests_offered_are_the_people_of_the_stay_with_their_rooms_now(
        workshop: Workshop) -> None:
    stay = first_stay(workshop)
    guests = workshop.participants_of(stay.participants)
    offered = occupant_choices(guests, remove_room(stay.rooms, 1), 0)
    choices = dict((t, label) for label, t in offered)
    assert len(choices) == len(workshop.trainees)
    # The room's own guests first, then who has no room (room 602's, removed), then the rest.
    own, unroomed = stay.rooms[0].occupant_ids, stay.rooms[1].occupant_ids
    assert [t for _, t in offered[:4]] == [
        *sorted(own, key=lambda t: workshop.trainees[t].name),
        *sorted(unroomed, key=lambda t: workshop.trainees[t].name)]
    assert all("(now in" in label for label, _ in offered[4:])
    choices = dict((t, label) for label, t in occupant_choices(guests, stay.rooms, 0))
    first = stay.rooms[0].occupant_ids[0]
    assert choices[first] == workshop.trainees[first].name  # the room being changed
    other = stay.rooms[1]
    assert choices[other.occupant_ids[0]].endswith(f"(now in twin room {other.number})")


def test_the_report_says_what_the_checks_would(workshop: Workshop) -> None:
    stay = first_stay(workshop)
    everyone = workshop.participants_of(stay.participants)
    trainees = workshop.trainees
    assert rooms_report(stay.rooms, everyone, trainees).text() == ""
    assert rooms_report((), everyone, trainees).missing == []  # no rooms yet: not an error
    without_first = remove_room(stay.rooms, 0)
    report = rooms_report(without_first, everyone, trainees)
    names = sorted(trainees[t].name for t in stay.rooms[0].occupant_ids)
    assert report.errors == [] and report.missing == names
    assert report.text() == f"Still without a room (2): {', '.join(names)}"
    mona, imran = by_name(workshop, "Mona"), by_name(workshop, "Imran")
    mixed = (Room("twin", (mona, imran), "701"),)
    assert "different gender" in rooms_report(mixed, everyone, trainees).warnings[0]
    assert rooms_report((replace(mixed[0], agreed_mixed=True),), everyone,
                        trainees).warnings == []
    crowded = (Room("single", (mona,), "701"),)
    object.__setattr__(crowded[0], "occupant_ids", (mona, imran))  # as an old file may hold
    assert rooms_report(crowded, everyone, trainees).errors == [
        "Single room 701 sleeps 1 but holds 2."]


def test_the_stay_saves_its_rooms_and_refuses_a_guest_who_is_not_staying(
        workshop: Workshop) -> None:
    stay = first_stay(workshop)
    values = values_from(stay)
    assert values.rooms == stay.rooms
    assert build_stay(values, workshop, stay) == (stay, {})
    fewer = replace(values, rooms=remove_room(stay.rooms, 0))
    built, errors = build_stay(fewer, workshop, stay)
    assert errors == {} and built is not None and built.rooms == stay.rooms[1:]
    mona = by_name(workshop, "Mona")
    named = replace(values, audience=Audience.NAMED.value, trainees=(mona,))
    assert [t.id for t in staying(named, workshop)] == [mona]
    built, errors = build_stay(named, workshop, stay)
    assert built is None and "not among the people of this stay" in errors["rooms"]
    alone = replace(named, rooms=(Room("single", (mona,), "606"),))
    built, errors = build_stay(alone, workshop, stay)
    assert errors == {} and built is not None and built.rooms == alone.rooms


def test_a_room_row_shows_number_type_guests_and_the_mark(workshop: Workshop) -> None:
    mona, imran = by_name(workshop, "Mona"), by_name(workshop, "Imran")
    assert room_cells(Room("double", (mona, imran), "", True), workshop.trainees) == (
        "-", "double (2/2)", "Mona Abdel-Rahman, Imran Qureshi", "agreed")
