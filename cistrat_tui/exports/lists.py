"""The hotel's rooming list and the kitchens' meal counts, as :class:`~.sheets.Book` data.

Rooming: one sheet per stay (hotel and dates), a row per guest with room, type and gender
(hotels ask for gender; nothing else personal). Meals: one sheet per day, a row per meal with
the counts by dietary need (no names: the kitchen needs numbers).
"""

from __future__ import annotations

from cistrat_tui.core.planning.meals import meal_count
from cistrat_tui.core.records.activity import Stay
from cistrat_tui.core.records.model import ActivityKind
from cistrat_tui.core.records.people import DIET_LABELS, Diet, Gender, RoomType
from cistrat_tui.core.records.values import SHANGHAI
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.exports.privacy import Scrubber
from cistrat_tui.exports.sheets import Book, Cell, Sheet, columns

ROOM_TYPES = {RoomType.SINGLE: "Single 单人间", RoomType.TWIN: "Twin 双床房",
              RoomType.DOUBLE: "Double 大床房"}
GENDERS = {Gender.FEMALE: "F 女", Gender.MALE: "M 男", Gender.UNSPECIFIED: ""}

ROOMING_COLUMNS = columns(("Room", "房号"), ("Room type", "房型"),
                          ("Guest (name as in passport)", "客人姓名（与护照一致）"),  # noqa: RUF001 (Chinese punctuation)
                          ("Gender", "性别"), ("Check-in", "入住日期"), ("Check-out", "退房日期"),
                          ("Notes", "备注"))


def stay_sheet_name(workshop: Workshop, stay: Stay) -> str:
    hotel = workshop.sites[stay.hotel_id]
    return f"{hotel.city} {stay.check_in.day} {stay.check_in:%b}"


def _rooming_sheet(workshop: Workshop, stay: Stay) -> Sheet:
    hotel = workshop.sites[stay.hotel_id]
    trainees = workshop.trainees
    table: list[tuple[Cell, ...]] = []
    dates = (stay.check_in.isoformat(), stay.check_out.isoformat())
    for room in stay.rooms:
        note = "Shared by agreement 同意同住" if room.agreed_mixed else ""
        for trainee_id in room.occupant_ids or ("",):
            trainee = trainees.get(trainee_id)
            table.append((room.number, ROOM_TYPES[room.kind],
                          trainee.name if trainee else "(empty 空房)",
                          GENDERS[trainee.gender] if trainee else "", *dates, note))
    for trainee in workshop.participants_of(stay.participants):
        if stay.room_of(trainee.id) is None:
            table.append(("", "Not yet assigned 待分配", trainee.name, GENDERS[trainee.gender],
                          *dates, ""))
    kinds = [r.kind for r in stay.rooms]
    counts = ", ".join(f"{kinds.count(k)} {k.value}" for k in RoomType if k in kinds)
    nights = len(stay.nights())
    lines = [f"{hotel.name_en} {hotel.name_zh}".strip(),
             hotel.address_zh or hotel.address_en,
             f"{stay.check_in:%a %d %b %Y} to {stay.check_out:%a %d %b %Y}: {nights} "
             f"night{'s' if nights != 1 else ''}",
             f"Rooms 房间: {counts or 'none assigned yet'}"]
    if stay.booking_ref:
        lines.append(f"Booking reference 预订号: {stay.booking_ref}")
    coordinator = workshop.programme.coordinator
    if coordinator.name:
        lines.append(f"Group contact 联系人: {coordinator.name} {coordinator.phone}".strip())
    return Sheet(stay_sheet_name(workshop, stay), f"Rooming list 入住名单: {hotel.name_en}",
                 ROOMING_COLUMNS, tuple(table), tuple(lines))


def rooming_book(workshop: Workshop, hotel_id: str | None = None) -> Book:
    """The rooming list: a sheet per stay (of one hotel when ``hotel_id`` is given)."""
    stays = sorted((s for s in workshop.stays.values()
                    if hotel_id is None or s.hotel_id == hotel_id),
                   key=lambda s: (s.check_in, s.id))
    return Book(f"Rooming list: {workshop.programme.title}", "For the hotels (gender included)",
                tuple(_rooming_sheet(workshop, s) for s in stays))


MEAL_COLUMNS = columns(("Time", "时间"), ("Meal", "餐次"), ("Place", "地点"),
                       ("People", "总人数"), ("Trainees", "学员"), ("Staff", "工作人员"),
                       *(DIET_LABELS[d] for d in Diet), ("No special need", "无特殊要求"),
                       ("Notes", "备注"))


def meals_book(workshop: Workshop) -> Book:
    """Meal counts: a sheet per day with meals, a row per meal (titles scrubbed of any
    trainee's details: the kitchens are others)."""
    scrub = Scrubber(workshop.trainees.values())
    by_day: dict[str, list[tuple[Cell, ...]]] = {}
    for activity in workshop.ordered_activities():
        if activity.kind is not ActivityKind.MEAL or activity.cancelled:
            continue
        count = meal_count(workshop, activity)
        site = workshop.sites.get(activity.site_id or "")
        place = f"{site.name_en} {site.name_zh}".strip() if site else ""
        start, end = activity.start.astimezone(SHANGHAI), activity.end.astimezone(SHANGHAI)
        row: tuple[Cell, ...] = (
            f"{start:%H:%M}-{end:%H:%M}", scrub(activity.title), place, count.total,
            count.trainees,
            count.staff, *(count.needs[d] for d in Diet), count.no_special_need,
            "; ".join(count.notes))
        by_day.setdefault(f"{start:%a %d %b}", []).append(row)
    sheets = tuple(Sheet(day, f"Meals 用餐人数: {day}", MEAL_COLUMNS, tuple(table),
                         ("Counts include the coordinator and the interpreters and guides "
                          "booked for the meal. 含工作人员。",))
                   for day, table in by_day.items())
    return Book(f"Meal counts: {workshop.programme.title}",
                "For the kitchens (numbers, no names)", sheets)
