"""Checks of the people side: airport transfers, rooms, vehicles and double-booked resources.

- ``arrival-without-pickup`` (warning), ``pickup-before-landing`` (error): a trainee's own
  arrival needs a ground leg from that airport that carries them, leaving no earlier than the
  landing plus the allowance for immigration and baggage;
- ``departure-without-drop-off`` (warning), ``drop-off-too-late`` (error): the leg to the
  airport of their own departure must arrive three hours before an international flight;
- ``room-missing`` (error), ``room-over-capacity`` (error), ``room-mixed-gender`` (warning),
  ``room-occupant-not-staying`` (error): once a stay has rooms, everyone staying has one, a
  room holds no more than its beds, and people of different gender share only when agreed;
- ``vehicle-too-small`` (error): a vehicle's seats hold the participants plus the staff (the
  coordinator and the interpreters and guides booked for the activity);
- ``resource-double-booked`` (error): a vehicle, interpreter or guide on two activities at
  once.
"""

from __future__ import annotations

from collections.abc import Iterable

from cistrat_tui.core.checks.base import Context, Problem, Severity, clock, day_text, named
from cistrat_tui.core.planning.pickups import (
    IMMIGRATION_ALLOWANCE,
    INTERNATIONAL_CHECK_IN,
    drop_offs_for,
    pickups_for,
)
from cistrat_tui.core.records.activity import Activity
from cistrat_tui.core.records.people import Gender, ResourceKind
from cistrat_tui.core.records.values import SHANGHAI

COORDINATOR_ESCORTS = 1  # the coordinator goes along on every group activity


def staff_count(ctx: Context, activity: Activity) -> int:
    """The staff on an activity besides the trainees: the coordinator, plus the interpreters
    and guides booked for it."""
    people = sum(1 for r in activity.resource_ids
                 if (res := ctx.workshop.resources.get(r)) is not None and res.is_person)
    return COORDINATOR_ESCORTS + people


def check_transfers(ctx: Context) -> Iterable[Problem]:
    """Each trainee's own flights against the ground legs that meet them."""
    for trainee in ctx.trainees:
        timeline = ctx.timelines[trainee.id]
        timeline_ids = {a.id for a in timeline}

        def rides(activity: Activity, ids: set[str] = timeline_ids) -> bool:
            return activity.id in ids

        arrival, departure = trainee.arrival, trainee.departure
        if arrival is not None:
            airport = ctx.site_name(arrival.airport_id)
            landed = arrival.at.astimezone(SHANGHAI)
            legs = pickups_for(trainee, timeline, rides)
            if not legs:
                yield ctx.problem(
                    Severity.WARNING, "arrival-without-pickup",
                    f"{trainee.name} lands at {airport} on {day_text(landed.date())} at "
                    f"{landed:%H:%M} ({arrival.flight_number}), and no pickup leaves that "
                    "airport with them", landed.date(), trainee.id)
            ready = arrival.at + IMMIGRATION_ALLOWANCE
            for leg in legs:
                if leg.start < ready:
                    yield ctx.problem(
                        Severity.ERROR, "pickup-before-landing",
                        f"{named(leg)} leaves {airport} before {trainee.name} can be out: "
                        f"{arrival.flight_number} lands at {landed:%H:%M}, plus "
                        f"{IMMIGRATION_ALLOWANCE.seconds // 60} min for immigration and "
                        f"baggage is {clock(ready)}", leg.day, leg.id, trainee.id)
        if departure is not None:
            airport = ctx.site_name(departure.airport_id)
            leaves = departure.at.astimezone(SHANGHAI)
            legs = drop_offs_for(trainee, timeline, rides)
            if not legs:
                yield ctx.problem(
                    Severity.WARNING, "departure-without-drop-off",
                    f"{trainee.name} flies out of {airport} on {day_text(leaves.date())} at "
                    f"{leaves:%H:%M} ({departure.flight_number}), and no drop-off takes them "
                    "there", leaves.date(), trainee.id)
            latest = departure.at - INTERNATIONAL_CHECK_IN
            for leg in legs:
                if leg.end > latest:
                    yield ctx.problem(
                        Severity.ERROR, "drop-off-too-late",
                        f"{named(leg)} reaches {airport} at {clock(leg.end)}, later than "
                        f"{clock(latest)}: {trainee.name}'s international flight "
                        f"{departure.flight_number} leaves at {leaves:%H:%M}, and check-in "
                        "needs 3 hours", leg.day, leg.id, trainee.id)


def check_rooms(ctx: Context) -> Iterable[Problem]:
    """Rooms of each stay that has them: everyone roomed, capacity, mixed gender."""
    trainees = ctx.workshop.trainees
    for stay in sorted(ctx.workshop.stays.values(), key=lambda s: (s.check_in, s.id)):
        if not stay.rooms:
            continue
        hotel = ctx.site_name(stay.hotel_id)
        staying = ctx.who(stay.participants)
        staying_ids = {t.id for t in staying}
        roomless = [t.id for t in staying if stay.room_of(t.id) is None]
        if roomless:
            verb = "stays" if len(roomless) == 1 else "stay"
            has = "has" if len(roomless) == 1 else "have"
            yield ctx.problem(Severity.ERROR, "room-missing",
                              f"{ctx.describe(roomless)} {verb} at {hotel} from "
                              f"{day_text(stay.check_in)} but {has} no room there",
                              stay.check_in, stay.id, *roomless)
        for room in stay.rooms:
            label = f"{room.kind.value} room {room.number}".rstrip() \
                if room.number else f"a {room.kind.value} room"
            names = [trainees[t].name for t in room.occupant_ids if t in trainees]
            if len(room.occupant_ids) > room.capacity:
                yield ctx.problem(Severity.ERROR, "room-over-capacity",
                                  f"{label} at {hotel} sleeps {room.capacity} but holds "
                                  f"{len(room.occupant_ids)}: {', '.join(names)}",
                                  stay.check_in, stay.id)
            for trainee_id in room.occupant_ids:
                if trainee_id not in staying_ids and trainee_id in trainees:
                    yield ctx.problem(Severity.ERROR, "room-occupant-not-staying",
                                      f"{trainees[trainee_id].name} has {label} at {hotel} "
                                      "but is not among the people of that stay",
                                      stay.check_in, stay.id, trainee_id)
            genders = {trainees[t].gender for t in room.occupant_ids if t in trainees} \
                - {Gender.UNSPECIFIED}
            if len(genders) > 1 and not room.agreed_mixed:
                yield ctx.problem(Severity.WARNING, "room-mixed-gender",
                                  f"{label} at {hotel} is shared by {' and '.join(names)}, "
                                  "who are of different gender; mark the room as agreed if "
                                  "they asked to share", stay.check_in, stay.id)


def check_resources(ctx: Context) -> Iterable[Problem]:
    """Vehicles big enough, and no vehicle or person in two places at once."""
    resources = ctx.workshop.resources
    booked: dict[str, list[Activity]] = {}
    for activity in ctx.activities:
        for resource_id in activity.resource_ids:
            booked.setdefault(resource_id, []).append(activity)
        vehicles = [resources[r] for r in activity.resource_ids
                    if r in resources and resources[r].kind is ResourceKind.VEHICLE]
        if not vehicles:
            continue
        riders = len(ctx.who(activity.participants)) + staff_count(ctx, activity)
        seats = sum(v.seats or 0 for v in vehicles)
        if seats < riders:
            which = ", ".join(v.name for v in vehicles)
            yield ctx.problem(Severity.ERROR, "vehicle-too-small",
                              f"{named(activity)} has {seats} seats ({which}) for "
                              f"{riders} people ({riders - staff_count(ctx, activity)} "
                              f"trainees and {staff_count(ctx, activity)} staff)",
                              activity.day, activity.id)
    for resource_id, activities in booked.items():
        resource = resources.get(resource_id)
        if resource is None:
            continue
        for n, first in enumerate(activities):
            for second in activities[n + 1:]:
                if second.start >= first.end:
                    break
                yield ctx.problem(Severity.ERROR, "resource-double-booked",
                                  f"{resource.label()} is booked for {named(first)} and "
                                  f"{named(second)} at once", second.day, second.id,
                                  first.id)
