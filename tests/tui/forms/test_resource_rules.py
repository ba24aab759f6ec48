"""The vehicle, interpreter and guide form's rules: what a vehicle and a person need, unique
names, and what deleting one takes off the activities that book it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from cistrat_tui.core.records.people import Diet, Resource, ResourceKind
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.sample import sample_workshop
from cistrat_tui.tui.forms.resource_rules import (
    ResourceValues,
    build_resource,
    delete_question,
    resource_line,
    sorted_resources,
    unbooked,
    values_from,
)


@pytest.fixture
def workshop() -> Workshop:
    return sample_workshop()


def named(workshop: Workshop, name: str) -> Resource:
    return next(r for r in workshop.resources.values() if r.name == name)


def test_every_sample_resource_round_trips_through_the_form(workshop: Workshop) -> None:
    for resource in workshop.resources.values():
        assert build_resource(values_from(resource), workshop, resource) == (resource, {})


@pytest.mark.parametrize(("changes", "field", "expected"), [
    ({"seat_count": ""}, "seat_count", "how many passenger seats?"),
    ({"seat_count": "many"}, "seat_count", "'many' is not a number of seats"),
    ({"seat_count": "120"}, "seat_count", "from 1 to 100"),
    ({"name": "  "}, "name", "must not be empty"),
    ({"name": "van 1"}, "name", "Van 1 (Jinglong Coach Services (sample), 京B·V5511, 7 seats) "
                                "already has that name"),
    ({"plate": "x" * 21}, "plate", "at most 20"),
])
def test_a_bad_vehicle_is_named_beside_the_field(workshop: Workshop, changes: dict[str, str],
                                                 field: str, expected: str) -> None:
    values = replace(ResourceValues("vehicle", "Van 3", seat_count="7"), **changes)
    resource, errors = build_resource(values, workshop)
    assert resource is None and list(errors) == [field] and expected in errors[field]


def test_a_new_vehicle_and_a_person_keep_only_the_fields_of_their_kind(
        workshop: Workshop) -> None:
    van, errors = build_resource(ResourceValues(
        "vehicle", " Van 3 ", "Jinglong", "+86 10 5555 0000", "京B·V5514", "Li Qiang",
        "+86 139 5555 0144", "7", diets="halal"), workshop)
    assert errors == {} and van is not None
    assert (van.name, van.seats, van.plate, van.driver, van.diets) == (
        "Van 3", 7, "京B·V5514", "Li Qiang", ())
    guide, errors = build_resource(ResourceValues(
        "guide", "Wu Fang", plate="京B·V5514", driver="Li Qiang", seat_count="7",
        diets="Halal; no alcohol"), workshop)
    assert errors == {} and guide is not None
    assert guide.kind is ResourceKind.GUIDE and guide.seats is None and guide.plate == ""
    assert guide.diets == (Diet.HALAL, Diet.NO_ALCOHOL)
    assert "diets" in build_resource(ResourceValues("guide", "Wu Fang", diets="chocolate"),
                                     workshop)[1]


def test_an_edit_keeps_the_id_and_may_keep_its_own_name(workshop: Workshop) -> None:
    van = named(workshop, "Van 1")
    values = replace(values_from(van), seat_count="8", name="VAN 1")
    edited, errors = build_resource(values, workshop, van)
    assert errors == {} and edited is not None
    assert (edited.id, edited.seats, edited.name) == (van.id, 8, "VAN 1")


def test_deleting_a_booked_one_says_so_and_takes_it_off_every_activity(
        workshop: Workshop) -> None:
    coach = named(workshop, "Coach (Wuhan)")
    users = workshop.users_of_resource(coach.id)
    assert users
    pairs = unbooked(workshop, coach)
    assert [before for before, _ in pairs] == sorted(users, key=lambda a: a.start)
    for before, after in pairs:
        assert coach.id in before.resource_ids and coach.id not in after.resource_ids
        assert after.revision == before.revision  # the vehicle is not in the trainees' view
        assert [r for r in before.resource_ids if r != coach.id] == list(after.resource_ids)
    question = delete_question(workshop, coach)
    assert question.startswith(f"{coach.label()} is booked for {len(users)} activities (")
    assert question.endswith("Delete it and take it off them?")
    spare = Resource("guide", "Spare guide")
    workshop.put(spare)
    assert unbooked(workshop, spare) == []
    assert delete_question(workshop, spare) == "Delete Guide: Spare guide?"


def test_the_list_has_vehicles_then_people_one_short_line_each(workshop: Workshop) -> None:
    kinds = [r.kind for r in sorted_resources(workshop)]
    assert kinds == sorted(kinds, key=list(ResourceKind).index)
    van = named(workshop, "Van 1")
    line = resource_line(van, workshop)
    assert line.startswith("Van 1: 7 seats, 京B·V5511, driver Ma Lin (sample) +86 139 5555 0141")
    assert line.endswith(f"booked for {len(workshop.users_of_resource(van.id))} activities"
                         if len(workshop.users_of_resource(van.id)) != 1 else "1 activity")
    assert all(len(resource_line(r, workshop)) <= 112 for r in workshop.resources.values())
    assert resource_line(Resource("interpreter", "Wu Fang"), workshop) == \
        "Interpreter: Wu Fang · booked for 0 activities"
