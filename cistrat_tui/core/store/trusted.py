"""Fast rebuilding of records from data this app itself wrote and sealed.

Validating every field of every record makes opening a large database several times slower
than parsing its JSON. When a file carries a seal (a digest of its content written by the same
schema version), its records were validated before they were saved, so they are rebuilt here by
converting each field by its declared type, without the checks. Any surprise (a missing field, an
unknown type) raises :class:`Untrusted`, and the store falls back to full validation.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any, TypeVar

from cistrat_tui.core.records import booking, cost, model, people
from cistrat_tui.core.records.registry import RECORD_TYPES

T = TypeVar("T")
Converter = Callable[[Any], Any]


class Untrusted(Exception):
    """The data does not have the exact shape of a sealed record."""


def _same(value: Any) -> Any:
    return value


def _optional(convert: Converter) -> Converter:
    return lambda value: None if value is None else convert(value)


def _enum(enum: type) -> Converter:
    members = {member.value: member for member in enum}  # type: ignore[attr-defined]
    return members.__getitem__


def _rates(value: dict[str, str]) -> dict[str, Decimal]:
    return {code: Decimal(rate) for code, rate in value.items()}


def _hours(value: dict[str, list[str]]) -> dict[int, tuple[time, time]]:
    return {int(day): (time.fromisoformat(span[0]), time.fromisoformat(span[1]))
            for day, span in value.items()}


def _shared_participants() -> Converter:
    """Participants values are immutable and mostly alike ("everyone", a group): share them."""
    shared: dict[tuple[Any, ...], model.Participants] = {}

    def convert(value: dict[str, Any]) -> model.Participants:
        key = (value["audience"], value["group"], *value["trainee_ids"])
        found = shared.get(key)
        if found is None:
            found = shared[key] = build(model.Participants, value)
        return found

    return convert


def _converters() -> dict[str, Converter]:
    """Converters by the field annotation text (the records use postponed annotations)."""
    return {
        "str": _same,
        "str | None": _same,
        "int": _same,
        "bool": _same,
        "float | None": _same,
        "date": date.fromisoformat,
        "time": time.fromisoformat,
        "datetime": datetime.fromisoformat,
        "datetime | None": _optional(datetime.fromisoformat),
        "dict[str, str]": dict,
        "tuple[str, ...]": tuple,
        "dict[int, tuple[time, time]]": _hours,
        "Contact": lambda value: build(model.Contact, value),
        "tuple[Contact, ...]": lambda value: tuple(build(model.Contact, c) for c in value),
        "Participants": _shared_participants(),
        "SiteKind": _enum(model.SiteKind),
        "ActivityKind": _enum(model.ActivityKind),
        "Status": _enum(model.Status),
        "Audience": _enum(model.Audience),
        "TravelMode | None": _optional(_enum(model.TravelMode)),
        "date | None": _optional(date.fromisoformat),
        "BookingItem": _enum(booking.BookingItem),
        "BookingState": _enum(booking.BookingState),
        "DeadlineUnit": _enum(booking.DeadlineUnit),
        # Amounts are stored as text ("553.50"): Decimal reads them back exactly.
        "Decimal": Decimal,
        "Decimal | None": _optional(Decimal),
        "dict[str, Decimal]": _rates,
        "CostCategory": _enum(cost.CostCategory),
        "CostOwner": _enum(cost.CostOwner),
        "int | None": _same,
        "Gender": _enum(people.Gender),
        "tuple[Diet, ...]": lambda value: tuple(people.Diet(d) for d in value),
        "FlightLeg | None": _optional(lambda value: build(people.FlightLeg, value)),
        "tuple[Room, ...]": lambda value: tuple(build(people.Room, r) for r in value),
        "RoomType": _enum(people.RoomType),
        "ResourceKind": _enum(people.ResourceKind),
    }


_BUILDERS: dict[type[Any], Callable[[dict[str, Any]], Any]] = {}


def _builder_of(cls: type[Any]) -> Callable[[dict[str, Any]], Any]:
    """The builder of ``cls``, generated on first use."""
    found = _BUILDERS.get(cls)
    if found is None:
        found = _BUILDERS[cls] = _builder(cls)
    return found


def _builder(cls: type[Any]) -> Callable[[dict[str, Any]], Any]:
    """A function that builds ``cls`` from its dict, generated once per class.

    Like the ``dataclasses`` module, it writes the function's source with one line per field
    (``put(record, "title", data["title"])``) so that a large file rebuilds at C speed."""
    converters = _converters()
    names: dict[str, Any] = {"new": object.__new__, "put": object.__setattr__, "cls": cls}
    lines = [f"def build_{cls.__name__}(data):",
             f"    if len(data) != {len(dataclasses.fields(cls))}:",
             "        raise KeyError('a field is missing or unknown')",
             "    record = new(cls)"]
    for field in dataclasses.fields(cls):
        annotation = field.type if isinstance(field.type, str) else field.type.__name__
        if annotation not in converters:
            raise Untrusted(f"{cls.__name__}.{field.name} has a type this module cannot "
                            f"convert: {annotation}")
        value = f"data[{field.name!r}]"
        if converters[annotation] is not _same:
            names[f"convert_{field.name}"] = converters[annotation]
            value = f"convert_{field.name}({value})"
        lines.append(f"    put(record, {field.name!r}, {value})")
    lines.append("    return record")
    exec("\n".join(lines), names)  # source built above from field names only
    return names[f"build_{cls.__name__}"]  # type: ignore[no-any-return]


def build(cls: type[T], data: dict[str, Any]) -> T:
    """A record of type ``cls`` from sealed data: every field converted, none validated."""
    try:
        built: T = _builder_of(cls)(data)
        return built
    except (KeyError, ValueError, TypeError, AttributeError, IndexError) as error:
        raise Untrusted(f"{cls.__name__}: {error!r}") from None


def sealed_workshop(tables: dict[str, dict[str, dict[str, Any]]]) -> Any:
    """The workshop from sealed tables (TinyDB layout), rebuilt without validation."""
    from cistrat_tui.core.records.workshop import Workshop

    records = {kind.table: [build(kind.cls, doc) for doc in tables.get(kind.table, {}).values()]
               for kind in RECORD_TYPES}
    single = [kind.table for kind in RECORD_TYPES if kind.single]
    programmes = records.pop(single[0])
    if len(single) != 1 or len(programmes) != 1:
        raise Untrusted("a sealed file holds exactly one programme")
    workshop = Workshop(programmes[0])
    for name, built in records.items():
        table = {record.id: record for record in built}
        if len(table) != len(built):
            raise Untrusted(f"two {name} share an id")
        setattr(workshop, name, table)
    return workshop
