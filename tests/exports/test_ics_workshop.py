"""A small programme for the calendar tests (no tests here), and helpers to read .ics files.

Ids and times are fixed so that the golden files never change unless the export does.
"""

from __future__ import annotations

from datetime import datetime

import vobject
from icalendar import Calendar

from cistrat_tui.core.records.activity import Activity
from cistrat_tui.core.records.model import Contact, Participants, Programme, Site, Trainee
from cistrat_tui.core.records.values import SHANGHAI
from cistrat_tui.core.records.workshop import Workshop

STAMP = datetime(2026, 11, 27, 6, 0, 0, tzinfo=SHANGHAI)
UPDATED = datetime(2026, 11, 20, 10, 0, tzinfo=SHANGHAI)


def fixed_id(n: int) -> str:
    return f"00000000-0000-4000-8000-{n:012d}"


AMINA, AMINA_TWO, CHEN, ODD = fixed_id(101), fixed_id(102), fixed_id(103), fixed_id(104)
VISIT, TRAIN, LECTURE_A, MEETING, CANCELLED, DINNER, FREE, FLIGHT, COACH = (
    fixed_id(n) for n in range(201, 210))

# Personal data that must never reach a calendar file.
PERSONAL = [
    "amina.bekele@example.org", "+251 911 555 0101", "Kosher-style, no shellfish please",
    "Yonas Bekele (husband) +251 911 555 0199", "amina.two@example.org", "+251 922 555 0102",
    "Halal and nut-free meals", "Tigist (sister) +251 922 555 0198", "chen.jing@example.cn",
    "+86 139 5555 0103", "Vegan, no garlic", "陈父 +86 139 5555 0199", "P1234567",
]


def small_workshop() -> Workshop:
    """Three trainees (two share a name), a park, two stations, two airports, a hotel, and
    activities of every kind: a visit, a train with seats, a flight, a group lecture, a
    meeting of named trainees, a cancelled visit, a planned dinner and free time."""
    workshop = Workshop(Programme(
        "Golden Workshop 2027", "2027-03-07", "2027-03-12",
        coordinator=Contact("Li Wen", "+86 10 5555 0100", "coordinator@example.org",
                            "Coordinator"),
        id=fixed_id(1)))
    park = Site("science_park", "Zhangjiang Hi-Tech Park", "Shanghai", name_zh="张江高科技园区",
                address_en="Zhangjiang, Pudong New Area, Shanghai",
                address_zh="上海市浦东新区张江高科技园区", lat=31.2018, lon=121.5884,
                host=Contact("Wang Fang", "+86 21 5555 0200", role="Park liaison"),
                id=fixed_id(11))
    bjs = Site("rail_station", "Beijing South Railway Station", "Beijing", name_zh="北京南站",
               address_zh="北京市丰台区永外大街车站路12号", lat=39.8652, lon=116.3786,
               id=fixed_id(12))
    shq = Site("rail_station", "Shanghai Hongqiao Railway Station", "Shanghai",
               name_zh="上海虹桥站", address_zh="上海市闵行区申贵路1500号", lat=31.1942,
               lon=121.3205, id=fixed_id(13))
    hotel = Site("hotel", "Pudong Sample Hotel", "Shanghai", name_zh="浦东示例酒店",
                 address_zh="上海市浦东新区示例路1号", lat=31.21, lon=121.55, id=fixed_id(14))
    pvg = Site("airport", "Shanghai Pudong International Airport", "Shanghai",
               name_zh="上海浦东国际机场", lat=31.1443, lon=121.8083, id=fixed_id(15))
    can = Site("airport", "Guangzhou Baiyun International Airport", "Guangzhou",
               name_zh="广州白云国际机场", lat=23.3924, lon=113.2988, id=fixed_id(16))
    for site in (park, bjs, shq, hotel, pvg, can):
        workshop.put(site)
    trainees = [
        Trainee("Amina Bekele", "Ethiopia", email=PERSONAL[0], phone=PERSONAL[1], group="A",
                dietary=PERSONAL[2], emergency_contact=PERSONAL[3],
                notes=f"Passport {PERSONAL[12]}", id=AMINA),
        Trainee("Amina Bekele", "Ethiopia", email=PERSONAL[4], phone=PERSONAL[5], group="B",
                dietary=PERSONAL[6], emergency_contact=PERSONAL[7], id=AMINA_TWO),
        Trainee("陈静", "China", email=PERSONAL[8], phone=PERSONAL[9], group="A",
                dietary=PERSONAL[10], emergency_contact=PERSONAL[11], id=CHEN),
        Trainee("../CON", "Nowhere", group="B", id=ODD),
    ]
    for trainee in trainees:
        workshop.put(trainee)

    def at(day: int, hour: int, minute: int = 0) -> datetime:
        return datetime(2027, 3, day, hour, minute, tzinfo=SHANGHAI)

    common = {"updated_at": UPDATED, "status": "confirmed"}
    activities = [
        Activity("travel", "High-speed train to Shanghai", at(8, 9), at(8, 13, 28),
                 from_site_id=bjs.id, to_site_id=shq.id, mode="high_speed_rail",
                 service_number="G7", booking_ref="E555000777",
                 seats={AMINA: "Car 3, Seat 7A", AMINA_TWO: "Car 3, Seat 7B",
                        CHEN: "Car 3, Seat 7C"},
                 meeting_point="Beijing South, gate 5", what_to_bring="Passport",
                 internal_notes="Tickets bought on 12306.", id=TRAIN, **common),
        Activity("travel", "Coach to Zhangjiang", at(9, 8, 30), at(9, 9, 15),
                 from_site_id=hotel.id, to_site_id=park.id, mode="coach",
                 service_number="Coach 1", meeting_point="Hotel lobby, 08:20", id=COACH,
                 **common),
        Activity("visit", "Zhangjiang Hi-Tech Park", at(9, 9, 30), at(9, 12),
                 site_id=park.id, description="Incubators, a chip design firm; Q&A.",
                 what_to_bring="Passport, business cards", dress_code="Business casual",
                 internal_notes="Send the passport list 10 days ahead.", id=VISIT, **common),
        Activity("lecture", "Group A: case study", at(10, 9), at(10, 11), site_id=park.id,
                 participants=Participants("group", "A"), id=LECTURE_A, **common),
        Activity("lecture", "Rapporteurs' meeting", at(10, 16), at(10, 17), site_id=park.id,
                 participants=Participants("named", trainee_ids=(AMINA, CHEN)),
                 id=MEETING, **common),
        Activity("visit", "Open day (moved)", at(11, 14), at(11, 16), site_id=park.id,
                 revision=1, id=CANCELLED, **{**common, "status": "cancelled"}),
        Activity("meal", "Dinner, to be confirmed", at(11, 18, 30), at(11, 20), id=DINNER,
                 updated_at=UPDATED),
        Activity("free_time", "Free afternoon", at(12, 13), at(12, 17), id=FREE, **common),
        Activity("travel", "Flight to Guangzhou", at(12, 19), at(12, 21, 40),
                 from_site_id=pvg.id, to_site_id=can.id, mode="flight",
                 service_number="MU5301", id=FLIGHT, **common),
    ]
    for activity in activities:
        workshop.put(activity)
    return workshop


def parse_strict(data: bytes) -> Calendar:
    """Parse with vobject (validated strictly) and with icalendar (no parse errors)."""
    parsed = vobject.readOne(data.decode("utf-8"))
    parsed.validate(raiseException=True)
    calendar = Calendar.from_ical(data)
    for component in calendar.walk():
        assert not component.errors, (component.name, component.errors)
    return calendar


def events_by_uid(calendar: Calendar) -> dict[str, object]:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}
