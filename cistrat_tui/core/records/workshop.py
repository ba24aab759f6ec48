"""The workshop aggregate: a programme with its sites, trainees, activities, stays and closures,
its bookings, its money (cost lines and the budget rules) and the calendars' publication ledger.

It holds every record in memory, checks the references between them (an activity's site, a
stay's hotel, a seat's trainee) and refuses a delete that would leave a reference dangling.
The store persists it; the UI, the checks and the exporters read it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import MISSING, dataclass, field, fields
from datetime import date
from typing import Any, TypeVar

from cistrat_tui.core.errors import NotFoundError, ValidationError
from cistrat_tui.core.plain_text import printable, shorten
from cistrat_tui.core.records.activity import Activity, Stay
from cistrat_tui.core.records.booking import Booking, BookingRule
from cistrat_tui.core.records.closure import Closure
from cistrat_tui.core.records.cost import BudgetRules, CostLine, CostOwner
from cistrat_tui.core.records.ledger import LedgerEntry
from cistrat_tui.core.records.model import (
    Audience,
    Participants,
    Programme,
    Site,
    SiteKind,
    Trainee,
)
from cistrat_tui.core.records.people import Resource
from cistrat_tui.core.records.registry import RECORD_TYPES, record_type

Record = (Programme | Site | Trainee | Activity | Stay | Booking | BookingRule | Closure
          | CostLine | BudgetRules | Resource | LedgerEntry)
R = TypeVar("R", Site, Trainee, Activity, Stay, Closure, CostLine, BudgetRules, Resource,
            LedgerEntry)

def _label(name: str, data: dict[str, Any]) -> str:
    """How the coordinator recognises a stored record: its kind and its name, title or id."""
    label = data.get("name_en") or data.get("name") or data.get("title") or data.get("id")
    return f"{name} {shorten(printable(str(label)), 60)!r}" if label else name


def record_from_dict(kind: type[R] | type[Programme], data: dict[str, Any]) -> Any:
    """Build a record from stored data, turning a missing or unknown field into a clear error."""
    name = record_type(kind).label
    if not isinstance(data, dict):
        raise ValidationError("record", f"expected a {name}, got {type(data).__name__}", name)
    known = {f.name: f for f in fields(kind)}
    unknown = sorted(str(key) for key in data if key not in known)
    if unknown:
        raise ValidationError("fields", f"unknown field {unknown[0]!r} (perhaps a typo, or "
                              "written by another version)", _label(name, data))
    missing = [f.name for f in known.values() if f.name not in data
               and f.default is MISSING and f.default_factory is MISSING]
    if missing:
        raise ValidationError(missing[0].replace("_", " "), "is missing", _label(name, data))
    try:
        return kind.from_dict(data)
    except TypeError as error:
        raise ValidationError("fields", str(error), _label(name, data)) from None
    except ValidationError as error:
        raise ValidationError(error.field, error.reason, _label(name, data)) from None


def _count(items: list[Any], noun: str) -> str:
    return f"{len(items)} {noun}" + ("" if len(items) == 1 else "s")


def _uses(users: list[Activity | Stay]) -> str:
    """The activities and stays that use a record, in words: '2 activities (A, B) and 1 stay'."""
    activities = sorted(u.title for u in users if isinstance(u, Activity))
    stays = [u for u in users if isinstance(u, Stay)]
    parts = []
    if activities:
        shown = ", ".join(repr(t) for t in activities[:3])
        more = ", ..." if len(activities) > 3 else ""
        noun = "activity" if len(activities) == 1 else "activities"
        parts.append(f"{len(activities)} {noun} ({shown}{more})")
    if stays:
        parts.append(_count(stays, "stay"))
    return " and ".join(parts)


@dataclass
class Workshop:
    """Every record of one workshop, keyed by id, with referential checks."""

    programme: Programme
    sites: dict[str, Site] = field(default_factory=dict)
    trainees: dict[str, Trainee] = field(default_factory=dict)
    activities: dict[str, Activity] = field(default_factory=dict)
    stays: dict[str, Stay] = field(default_factory=dict)
    bookings: dict[str, Booking] = field(default_factory=dict)
    booking_rules: dict[str, BookingRule] = field(default_factory=dict)
    closures: dict[str, Closure] = field(default_factory=dict)
    costs: dict[str, CostLine] = field(default_factory=dict)
    budget_rules: dict[str, BudgetRules] = field(default_factory=dict)
    resources: dict[str, Resource] = field(default_factory=dict)
    # The calendars' publication ledger, by entry id (calendar and UID).
    ledger: dict[str, LedgerEntry] = field(default_factory=dict)

    # --- reading -------------------------------------------------------------------------

    def activities_on(self, day: date, *, include_cancelled: bool = True) -> list[Activity]:
        """The activities that start on ``day``, in time order."""
        found = [a for a in self.activities.values() if a.day == day
                 and (include_cancelled or not a.cancelled)]
        return sorted(found, key=lambda a: (a.start, a.end, a.title))

    def ordered_activities(self) -> list[Activity]:
        """All activities in time order."""
        return sorted(self.activities.values(), key=lambda a: (a.start, a.end, a.title))

    def participants_of(self, participants: Participants) -> list[Trainee]:
        """The trainees a Participants value names, in roster order."""
        return [t for t in self.trainees.values() if participants.includes(t)]

    def groups(self) -> list[str]:
        """The trainee groups in use, sorted."""
        return sorted({t.group for t in self.trainees.values() if t.group})

    def cities(self) -> list[str]:
        """The cities of the sites that activities use, in order of first use."""
        seen: dict[str, None] = {}
        for activity in self.ordered_activities():
            for site_id in activity.site_ids():
                seen.setdefault(self.sites[site_id].city, None)
        return list(seen)

    @property
    def rules(self) -> BudgetRules:
        """The budget rules (the defaults, all prices 0, until the coordinator sets them)."""
        return next(iter(self.budget_rules.values()), _DEFAULT_RULES)

    def costs_of(self, record_id: str) -> list[CostLine]:
        """The cost lines entered for an activity, stay or trainee."""
        return [c for c in self.costs.values() if c.owner_id == record_id]

    # --- references ------------------------------------------------------------------------

    def check_references(self, record: Record) -> None:
        """Raise ValidationError when ``record`` points at a site, trainee or resource that is
        not here."""
        if isinstance(record, Trainee):
            for label, leg in (("arrival", record.arrival), ("departure", record.departure)):
                airport = self.sites.get(leg.airport_id) if leg else None
                if leg and airport is None:
                    raise ValidationError(f"{label} airport", f"no site has the id "
                                          f"{leg.airport_id}; add the airport first",
                                          f"trainee {record.name!r}")
                if airport is not None and airport.kind is not SiteKind.AIRPORT:
                    raise ValidationError(f"{label} airport", f"{airport.name_en} is not an "
                                          "airport", f"trainee {record.name!r}")
        if isinstance(record, Activity):
            which = f"activity {record.title!r}"
            for label, site_id in (("site", record.site_id), ("from", record.from_site_id),
                                   ("to", record.to_site_id)):
                if site_id is not None and site_id not in self.sites:
                    raise ValidationError(label, f"no site has the id {site_id}; add the site "
                                          "first", which)
            self._check_participants(record.participants, which)
            for trainee_id in record.seats:
                if trainee_id not in self.trainees:
                    raise ValidationError("seats", f"a seat is given to {trainee_id}, but no "
                                          "trainee has that id", which)
            for resource_id in record.resource_ids:
                if resource_id not in self.resources:
                    raise ValidationError("resources", f"no vehicle, interpreter or guide has "
                                          f"the id {resource_id}; add it first", which)
        elif isinstance(record, Stay):
            which = f"stay from {record.check_in}"
            hotel = self.sites.get(record.hotel_id)
            if hotel is None:
                raise ValidationError("hotel", f"no site has the id {record.hotel_id}; add the "
                                      "hotel first", which)
            if hotel.kind is not SiteKind.HOTEL:
                raise ValidationError("hotel", f"{hotel.name_en} is a "
                                      f"{hotel.kind.value.replace('_', ' ')}, not a hotel", which)
            self._check_participants(record.participants, which)
            for room in record.rooms:
                for trainee_id in room.occupant_ids:
                    if trainee_id not in self.trainees:
                        raise ValidationError("rooms", f"no trainee has the id {trainee_id}; "
                                              "add the trainee first", which)
        elif isinstance(record, Booking):
            twin = next((b for b in self.bookings.values() if b.id != record.id
                         and (b.record_id, b.item) == (record.record_id, record.item)), None)
            if twin is not None:
                raise ValidationError("item", f"that activity or stay already has a "
                                      f"{record.item.value.replace('_', ' ')} booking; change "
                                      "it instead", "booking")
        elif isinstance(record, BookingRule):
            twin_rule = next((r for r in self.booking_rules.values() if r.id != record.id
                              and r.item == record.item), None)
            if twin_rule is not None:
                raise ValidationError("item", f"there is a rule for "
                                      f"{record.item.value.replace('_', ' ')} already; change it "
                                      "instead", "booking rule")
        elif isinstance(record, Closure) and record.site_id is not None \
                and record.site_id not in self.sites:
            raise ValidationError("site", f"no site has the id {record.site_id}; add the site "
                                  "first", f"closure {record.reason!r}")
        elif isinstance(record, CostLine):
            tables: dict[CostOwner, dict[str, Any]] = {
                CostOwner.ACTIVITY: self.activities, CostOwner.STAY: self.stays,
                CostOwner.TRAINEE: self.trainees}
            if record.owner_id is not None and record.owner_id not in tables[record.owner]:
                raise ValidationError("for", f"no {record.owner.value} has the id "
                                      f"{record.owner_id}", f"cost line {record.description!r}")
        elif isinstance(record, BudgetRules):
            others = [r for r in self.budget_rules if r != record.id]
            if others:
                raise ValidationError("budget rules", "the workshop already has its budget "
                                      "rules; change those instead of adding a second set")

    def _check_participants(self, participants: Participants, record: str) -> None:
        if participants.audience is Audience.NAMED:
            for trainee_id in participants.trainee_ids:
                if trainee_id not in self.trainees:
                    raise ValidationError("participants", f"no trainee has the id "
                                          f"{trainee_id}; add the trainee first", record)

    def users_of_site(self, site_id: str) -> list[Activity | Stay]:
        """Activities and stays that refer to a site."""
        users: list[Activity | Stay] = [a for a in self.activities.values()
                                        if site_id in a.site_ids()]
        users += [s for s in self.stays.values() if s.hotel_id == site_id]
        return users

    def trainees_flying_via(self, site_id: str) -> list[Trainee]:
        """Trainees whose own arrival or departure flight uses this airport."""
        return [t for t in self.trainees.values()
                if site_id in {leg.airport_id for leg in (t.arrival, t.departure) if leg}]

    def users_of_resource(self, resource_id: str) -> list[Activity]:
        """Activities that book a vehicle, interpreter or guide."""
        return [a for a in self.activities.values() if resource_id in a.resource_ids]

    def users_of_trainee(self, trainee_id: str) -> list[Activity | Stay]:
        """Activities and stays that name a trainee (or hold their seat)."""
        users: list[Activity | Stay] = [
            a for a in self.activities.values()
            if trainee_id in a.participants.trainee_ids or trainee_id in a.seats]
        users += [s for s in self.stays.values() if trainee_id in s.participants.trainee_ids
                  or s.room_of(trainee_id) is not None]
        return users

    # --- changing --------------------------------------------------------------------------

    def table_of(self, record: Record) -> dict[str, Any]:
        """The dict that holds records of this type."""
        kind = record_type(record)
        if kind.single:
            raise TypeError(f"the {kind.label} is not kept in a table")
        table: dict[str, Any] = getattr(self, kind.table)
        return table

    def put(self, record: Record) -> None:
        """Add or replace a record after checking its references."""
        if isinstance(record, Programme):
            self.programme = record
            return
        self.check_references(record)
        if isinstance(record, Site) and record.kind is not SiteKind.AIRPORT:
            flyers = self.trainees_flying_via(record.id)
            if flyers:
                raise ValidationError("kind", f"{record.name_en} is the airport of "
                                      f"{_count(flyers, 'trainee')}' flights; it must stay an "
                                      "airport", "site")
        if isinstance(record, Site) and record.kind is not SiteKind.HOTEL:
            stays = [s for s in self.stays.values() if s.hotel_id == record.id]
            if stays:
                raise ValidationError("kind", f"{record.name_en} is the hotel of "
                                      f"{_count(stays, 'stay')}; it must stay a hotel", "site")
        self.table_of(record)[record.id] = record

    def closures_of_site(self, site_id: str) -> list[Closure]:
        """The closures of one site (not those of the whole programme)."""
        return [c for c in self.closures.values() if c.site_id == site_id]

    def remove(self, record: Record) -> None:
        """Delete a record; refuse when other records still refer to it."""
        if isinstance(record, Programme):
            raise ValidationError("programme", "the programme itself cannot be deleted")
        if isinstance(record, Activity | Stay | Trainee):
            costs = self.costs_of(record.id)
            if costs:
                name = record.title if isinstance(record, Activity) else \
                    record.name if isinstance(record, Trainee) else f"from {record.check_in}"
                raise ValidationError(record_type(record).label, f"{name} still has "
                                      f"{_count(costs, 'cost line')}; remove or move them "
                                      "first")
        if isinstance(record, Site):
            users = self.users_of_site(record.id)
            if users:
                raise ValidationError("site", f"{record.name_en} is still used by "
                                      f"{_uses(users)}; change or remove them first")
            closed = self.closures_of_site(record.id)
            if closed:
                raise ValidationError("site", f"{record.name_en} has "
                                      f"{_count(closed, 'closure')}; remove them first")
            flyers = self.trainees_flying_via(record.id)
            if flyers:
                raise ValidationError("site", f"{record.name_en} is the airport of "
                                      f"{_count(flyers, 'trainee')}' flights; change them "
                                      "first")
        if isinstance(record, Resource):
            booked = self.users_of_resource(record.id)
            if booked:
                raise ValidationError("resource", f"{record.name} is still booked for "
                                      f"{_uses(list(booked))}; change them first")
        if isinstance(record, Trainee):
            users = self.users_of_trainee(record.id)
            if users:
                raise ValidationError("trainee", f"{record.name} is still named in "
                                      f"{_uses(users)}; change or remove them first")
        self.table_of(record).pop(record.id, None)

    # --- whole-workshop conversion ---------------------------------------------------------

    def copy(self) -> Workshop:
        """A workshop with copies of every table (the records themselves are frozen, so they
        are shared): changes to the copy leave this one as it is."""
        tables = {kind.table: dict(getattr(self, kind.table)) for kind in RECORD_TYPES
                  if not kind.single}
        return Workshop(self.programme, **tables)

    def to_tables(self) -> dict[str, list[dict[str, Any]]]:
        """Every record as plain data, one list per table (see the registry)."""
        tables: dict[str, list[dict[str, Any]]] = {}
        for kind in RECORD_TYPES:
            if kind.single:
                tables[kind.table] = [getattr(self, kind.table).to_dict()]
            else:
                tables[kind.table] = [r.to_dict() for r in getattr(self, kind.table).values()]
        return tables

    @classmethod
    def from_tables(cls, tables: Mapping[str, Iterable[dict[str, Any]]]) -> Workshop:
        """Build and check a workshop from plain data (the inverse of ``to_tables``)."""
        single = [kind for kind in RECORD_TYPES if kind.single]
        if len(single) != 1 or single[0].cls is not Programme:
            raise TypeError("the registry must name the programme as its one single record")
        programmes = [record_from_dict(Programme, d) for d in tables.get(single[0].table, ())]
        if len(programmes) != 1:
            raise ValidationError("programme", f"expected one programme, found {len(programmes)}")
        workshop = cls(programmes[0])
        for kind in RECORD_TYPES:
            if kind.single:
                continue
            target: dict[str, Any] = getattr(workshop, kind.table)
            for data in tables.get(kind.table, ()):
                record = record_from_dict(kind.cls, data)
                if record.id in target:
                    raise ValidationError("id", f"two {kind.table} share the id {record.id}",
                                          _label(kind.label, data))
                workshop.check_references(record)
                target[record.id] = record
        return workshop


# The rules of a workshop whose coordinator has set none (every price 0: nothing estimated).
_DEFAULT_RULES = BudgetRules(id="00000000-0000-4000-8000-000000000000")


def find_trainee(workshop: Workshop, key: str) -> str:
    """A trainee's id from their id, or from their name when exactly one trainee has it."""
    if key in workshop.trainees:
        return key
    wanted = " ".join(key.split()).casefold()
    matches = [t.id for t in workshop.trainees.values()
               if " ".join(t.name.split()).casefold() == wanted]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise NotFoundError(f"{len(matches)} trainees are named {key!r}; give the id instead")
    raise NotFoundError(f"no trainee has the id or name {key!r} (see the trainees in the app)")
