"""The hosts' visitor lists and the airport pickups list, as :class:`~.sheets.Book` data.

A host's security desk registers visitors ahead of time: for each visit to that host, the
visitors' names as in the passport, nationality, passport number, organization and gender
(and the date of birth when the host asks), with the visit's date, time and vehicle. Each host
gets a book of its own visits only: one host never sees the list sent to another.

The pickups list is for the coordinator and the drivers: every trainee's own flight in and
out, the leg that meets them, its vehicle and driver.
"""

from __future__ import annotations

from collections.abc import Iterable

from cistrat_tui.core.planning.pickups import drop_offs_for, pickups_for
from cistrat_tui.core.records.activity import Activity
from cistrat_tui.core.records.model import ActivityKind, Site, Trainee
from cistrat_tui.core.records.people import Resource, ResourceKind
from cistrat_tui.core.records.values import SHANGHAI
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.exports.lists import GENDERS
from cistrat_tui.exports.sheets import Book, Cell, Column, Sheet, columns

VISITOR_COLUMNS = columns(("No.", "序号"), ("Name as in passport", "姓名（与护照一致）"),  # noqa: RUF001
                          ("Nationality", "国籍"), ("Passport no.", "护照号码"),
                          ("Organization", "工作单位"), ("Gender", "性别"))
BIRTH_DATE = Column("Date of birth", "出生日期")


def vehicles_for(workshop: Workshop, activity: Activity) -> list[Resource]:
    """The vehicles that bring the group to an activity: its own, else those of the ground
    leg that arrives at its site that day just before it starts."""
    own = [workshop.resources[r] for r in activity.resource_ids if r in workshop.resources
           and workshop.resources[r].kind is ResourceKind.VEHICLE]
    if own or activity.site_id is None:
        return own
    legs = [a for a in workshop.activities_on(activity.day, include_cancelled=False)
            if a.kind is ActivityKind.TRAVEL and a.to_site_id == activity.site_id
            and a.end <= activity.start]
    if not legs:
        return []
    return [workshop.resources[r] for r in legs[-1].resource_ids if r in workshop.resources
            and workshop.resources[r].kind is ResourceKind.VEHICLE]


def _vehicle_line(vehicle: Resource) -> str:
    driver = " ".join(p for p in (vehicle.driver, vehicle.driver_phone) if p)
    parts = [vehicle.name, vehicle.company, vehicle.plate and f"plate 车牌 {vehicle.plate}",
             driver and f"driver 司机 {driver}"]
    return "Vehicle 车辆: " + ", ".join(p for p in parts if p)


def _staff_line(workshop: Workshop, activity: Activity) -> str:
    coordinator = workshop.programme.coordinator
    people = [f"{coordinator.name} (coordinator 领队)"] if coordinator.name else []
    zh = {ResourceKind.INTERPRETER: "翻译", ResourceKind.GUIDE: "导游"}
    people += [f"{r.name} ({r.kind.value} {zh[r.kind]})"
               for r in (workshop.resources.get(i) for i in activity.resource_ids)
               if r is not None and r.is_person]
    return "Accompanied by 陪同人员: " + ", ".join(people) if people else ""


def visits_by_host(workshop: Workshop) -> dict[str, list[Activity]]:
    """The planned visits of each host site (site id), in time order."""
    found: dict[str, list[Activity]] = {}
    for activity in workshop.ordered_activities():
        if activity.kind is ActivityKind.VISIT and not activity.cancelled and activity.site_id:
            found.setdefault(activity.site_id, []).append(activity)
    return found


def _visitor_row(number: int, trainee: Trainee, birth_dates: bool) -> tuple[Cell, ...]:
    row: tuple[Cell, ...] = (number, trainee.name, trainee.nationality or trainee.country,
                             trainee.passport_number, trainee.organization,
                             GENDERS[trainee.gender])
    if birth_dates:
        row += (trainee.date_of_birth.isoformat() if trainee.date_of_birth else "",)
    return row


def visitor_book(workshop: Workshop, site_id: str, *, birth_dates: bool = False) -> Book:
    """One host's visitor list: a sheet per visit to ``site_id``."""
    host: Site = workshop.sites[site_id]
    sheets = []
    for visit in visits_by_host(workshop).get(site_id, []):
        start, end = visit.start.astimezone(SHANGHAI), visit.end.astimezone(SHANGHAI)
        visitors = workshop.participants_of(visit.participants)
        lines = [f"Host 接待单位: {host.name_en} {host.name_zh}".strip(),
                 f"Date 日期: {start:%A %d %B %Y}", f"Time 时间: {start:%H:%M}-{end:%H:%M}",
                 *(_vehicle_line(v) for v in vehicles_for(workshop, visit)),
                 f"Visitors 来访人数: {len(visitors)}"]
        staff = _staff_line(workshop, visit)
        if staff:
            lines.append(staff)
        heads = VISITOR_COLUMNS + ((BIRTH_DATE,) if birth_dates else ())
        sheets.append(Sheet(f"{start.day} {start:%b} {start:%H%M}",
                            f"Visitor list 来访人员名单: {visit.title}", heads,
                            tuple(_visitor_row(n, t, birth_dates)
                                  for n, t in enumerate(visitors, 1)), tuple(lines)))
    return Book(f"Visitor list: {host.name_en}",
                f"For {host.name_en} only (security registration)", tuple(sheets))


PICKUP_COLUMNS = columns(("Time", "时间"), ("Pickup or drop-off", "接/送"),
                         ("Airport", "机场"), ("Terminal", "航站楼"), ("Flight", "航班"),
                         ("Flight time", "航班时间"), ("Trainee", "学员"),
                         ("Hotel", "酒店"), ("Vehicle", "车辆"), ("Plate", "车牌"),
                         ("Driver", "司机"), ("Driver phone", "司机电话"))


def _transfer_row(workshop: Workshop, trainee: Trainee, arriving: bool,
                  leg: Activity | None) -> tuple[str, tuple[Cell, ...]]:
    flight = trainee.arrival if arriving else trainee.departure
    assert flight is not None
    airport = workshop.sites[flight.airport_id]
    when = flight.at.astimezone(SHANGHAI)
    vehicle = next((workshop.resources[r] for r in (leg.resource_ids if leg else ())
                    if r in workshop.resources
                    and workshop.resources[r].kind is ResourceKind.VEHICLE), None)
    hotel_id = (leg.to_site_id if arriving else leg.from_site_id) if leg else None
    hotel = workshop.sites.get(hotel_id or "")
    moment = leg.start.astimezone(SHANGHAI) if leg else when
    row: tuple[Cell, ...] = (
        f"{moment:%H:%M}" if leg else "none yet 未安排", "Pickup 接机" if arriving else
        "Drop-off 送机", f"{airport.name_en} {airport.name_zh}", flight.terminal,
        flight.flight_number, f"{when:%Y-%m-%d %H:%M}", trainee.name,
        hotel.name_en if hotel else "", vehicle.name if vehicle else "",
        vehicle.plate if vehicle else "", vehicle.driver if vehicle else "",
        vehicle.driver_phone if vehicle else "")
    return f"{moment:%Y-%m-%d %H:%M}", row


def _rows(workshop: Workshop) -> Iterable[tuple[str, tuple[Cell, ...]]]:
    activities = list(workshop.activities.values())
    for trainee in workshop.trainees.values():
        def carries(a: Activity, t: Trainee = trainee) -> bool:
            return a.participants.includes(t)

        for arriving, flight, find in ((True, trainee.arrival, pickups_for),
                                       (False, trainee.departure, drop_offs_for)):
            if flight is None or flight.airport_id not in workshop.sites:
                continue
            legs: list[Activity | None] = [*find(trainee, activities, carries)] or [None]
            for leg in legs:
                yield _transfer_row(workshop, trainee, arriving, leg)


def pickups_book(workshop: Workshop) -> Book:
    """Every trainee's airport pickup and drop-off: a sheet per day, in time order."""
    by_day: dict[str, list[tuple[str, tuple[Cell, ...]]]] = {}
    for moment, row in sorted(_rows(workshop), key=lambda r: (r[0], str(r[1][6]))):
        by_day.setdefault(moment[:10], []).append((moment, row))
    sheets = tuple(Sheet(day, f"Airport pickups and drop-offs 接送机: {day}", PICKUP_COLUMNS,
                         tuple(row for _, row in table),
                         ("Pickups leave after landing plus time for immigration and baggage; "
                          "drop-offs reach the airport 3 hours before the flight.",))
                   for day, table in sorted(by_day.items()))
    return Book(f"Airport pickups: {workshop.programme.title}", "For staff and drivers", sheets)
