"""The vehicle, interpreter and guide form's values, the checks that turn them into a Resource,
and what deleting one takes off the activities that book it; free of Textual.

A vehicle has a plate, a driver and seats; an interpreter or a guide is a person who eats with
the group (their dietary needs count in the meals). The form shows only the fields of the kind
chosen, and what it hides is not kept. Names are unique, as in ``cistrat-tui resources add``:
the activity form and the lists show resources by name.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from cistrat_tui.core.errors import ValidationError
from cistrat_tui.core.io.roster_csv import diet_list
from cistrat_tui.core.records.activity import Activity, revised
from cistrat_tui.core.records.people import DIET_LABELS, Resource, ResourceKind
from cistrat_tui.core.records.values import SHANGHAI
from cistrat_tui.core.records.workshop import Workshop

VEHICLE_ONLY = ("plate", "driver", "driver_phone", "seat_count")
PERSON_ONLY = ("diets",)
# The record's field names (as ValidationError names them) to the form's fields.
ERROR_FIELDS = {"kind": "kind", "name": "name", "company": "company", "phone": "phone",
                "plate": "plate", "driver": "driver", "driver phone": "driver_phone",
                "seats": "seat_count", "diets": "diets", "dietary needs": "diets",
                "notes": "notes"}


@dataclass
class ResourceValues:
    """The resource form as the coordinator filled it in (text, as typed)."""

    kind: str = ResourceKind.VEHICLE.value
    name: str = ""
    company: str = ""
    phone: str = ""
    plate: str = ""
    driver: str = ""
    driver_phone: str = ""
    seat_count: str = ""  # not "seats": the activity form's seats row has that id
    diets: str = ""
    notes: str = ""


def values_from(resource: Resource) -> ResourceValues:
    """The form's values for an existing resource."""
    return ResourceValues(
        resource.kind.value, resource.name, resource.company, resource.phone, resource.plate,
        resource.driver, resource.driver_phone,
        "" if resource.seats is None else str(resource.seats),
        ", ".join(DIET_LABELS[d][0].lower() for d in resource.diets), resource.notes)


def build_resource(values: ResourceValues, workshop: Workshop,
                   base: Resource | None = None) -> tuple[Resource | None, dict[str, str]]:
    """The resource the form describes (keeping ``base``'s id), or the errors by form field."""
    vehicle = values.kind == ResourceKind.VEHICLE.value
    seats = values.seat_count.strip()
    if vehicle and not seats:
        return None, {"seat_count": "how many passenger seats?"}
    if vehicle and not seats.isdigit():
        return None, {"seat_count": f"{seats!r} is not a number of seats"}
    try:
        fields = {
            "kind": values.kind, "name": values.name.strip(), "company": values.company.strip(),
            "phone": values.phone.strip(), "notes": values.notes,
            "plate": values.plate.strip() if vehicle else "",
            "driver": values.driver.strip() if vehicle else "",
            "driver_phone": values.driver_phone.strip() if vehicle else "",
            "seats": int(seats) if vehicle and seats else None,
            "diets": () if vehicle else diet_list(values.diets)}
        resource = replace(base, **fields) if base else Resource(**fields)  # type: ignore[arg-type]
    except ValidationError as error:
        return None, {ERROR_FIELDS.get(error.field, "name"): error.reason}
    taken = [r for r in workshop.resources.values()
             if r.id != resource.id and r.name.casefold() == resource.name.casefold()]
    if taken:
        return None, {"name": f"{taken[0].label()} already has that name"}
    return resource, {}


def resource_line(resource: Resource, workshop: Workshop) -> str:
    """A resource in the list, short enough for one line: 'Van 1: 7 seats, 京B·V5511,
    driver Ma Lin +86 ... · booked for 2 activities' (the company is in the form)."""
    if resource.kind is ResourceKind.VEHICLE:
        driver = f"driver {resource.driver} {resource.driver_phone}".strip() \
            if resource.driver or resource.driver_phone else "no driver yet"
        details = ", ".join(p for p in (f"{resource.seats} seats", resource.plate, driver) if p)
        what = f"{resource.name}: {details}"
    else:
        what = f"{resource.kind.value.capitalize()}: {resource.name}" + \
            (f", {resource.phone}" if resource.phone else "")
    booked = len(workshop.users_of_resource(resource.id))
    return f"{what} · booked for {booked} activit{'y' if booked == 1 else 'ies'}"


def sorted_resources(workshop: Workshop) -> list[Resource]:
    """Vehicles, then interpreters, then guides, each by name."""
    order = {kind: n for n, kind in enumerate(ResourceKind)}
    return sorted(workshop.resources.values(), key=lambda r: (order[r.kind], r.name.casefold()))


def unbooked(workshop: Workshop, resource: Resource) -> list[tuple[Activity, Activity]]:
    """(activity, the activity without the resource) for every activity that books it:
    deleting the resource saves these with it, so no activity points at nothing."""
    return [(a, revised(a, replace(a, resource_ids=tuple(r for r in a.resource_ids
                                                          if r != resource.id))))
            for a in sorted(workshop.users_of_resource(resource.id), key=lambda a: a.start)]


def delete_question(workshop: Workshop, resource: Resource) -> str:
    """What the confirmation asks: the resource, and the activities it comes off."""
    users = sorted(workshop.users_of_resource(resource.id), key=lambda a: a.start)
    if not users:
        return f"Delete {resource.label()}?"
    first = users[0]
    more = f" and {len(users) - 1} more" if len(users) > 1 else ""
    return (f"{resource.label()} is booked for {len(users)} "
            f"activit{'y' if len(users) == 1 else 'ies'} ({first.title}, "
            f"{first.start.astimezone(SHANGHAI):%d %b %H:%M}{more}). Delete it and take it off "
            f"{'that activity' if len(users) == 1 else 'them'}?")
