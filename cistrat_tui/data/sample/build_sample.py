"""Build the bundled sample workshop, ``cistrat_tui/data/sample/workshop.json``, from readable code.

Run ``python cistrat_tui/data/sample/build_sample.py`` after changing this script; the JSON is
what ships and what the app reads, and a test checks that this script reproduces it exactly.
Every id is a uuid5 (reference places through ``place_id``), and ``updated_at`` is fixed, so the
output is the same on every run. Everything here is fictional sample data: trainees, hotels,
contacts, train and flight bookings."""

from __future__ import annotations

import json
import math
import uuid
from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from geopy.distance import geodesic

from cistrat_tui.core.planning.pickups import propose_transfers
from cistrat_tui.core.records.activity import Activity, Stay
from cistrat_tui.core.records.cost import BudgetRules, CostCategory, CostLine
from cistrat_tui.core.records.model import (
    ActivityKind,
    Audience,
    Contact,
    Participants,
    Programme,
    Site,
    SiteKind,
    Trainee,
)
from cistrat_tui.core.records.people import FlightLeg, Resource, Room
from cistrat_tui.core.records.values import SHANGHAI
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.reference.places import place_by_key, place_keys

OUTPUT = Path(__file__).with_name("workshop.json")
SAMPLE_NAMESPACE = uuid.UUID("0b7e9a52-3c1d-5f4e-8a6b-2d9c0e1f7a34")
UPDATED_AT = datetime(2026, 11, 20, 10, 0, tzinfo=SHANGHAI)
SAMPLE_HOTEL = "Sample hotel: replace with the real booking."

# City coach model: 10 minutes to board, road 1.4 x the straight line, 25 km/h in traffic.
COACH_BOARDING_MINUTES = 10
COACH_DETOUR = 1.4
COACH_KMH = 25.0


def sample_id(key: str) -> str:
    """A stable id for a sample record."""
    return str(uuid.uuid5(SAMPLE_NAMESPACE, key))


def coach_minutes(a: Site, b: Site) -> int:
    """Door-to-door minutes by coach inside a city, rounded up to 5."""
    km = geodesic((a.lat, a.lon), (b.lat, b.lon)).km
    minutes = COACH_BOARDING_MINUTES + km * COACH_DETOUR / COACH_KMH * 60
    return 5 * math.ceil(minutes / 5)


# key, city, English name, Chinese name, English address, Chinese address, lat, lon
HOTELS = [
    ("hotel-beijing", "Beijing", "Yuyuantan Academic Exchange Hotel", "玉渊潭学术交流酒店",
     "18 Xisanhuan Middle Road, Haidian District, Beijing", "北京市海淀区西三环中路18号",
     39.9100, 116.3050),
    ("hotel-guangzhou", "Guangzhou", "Tianhe Riverside Business Hotel", "天河江畔商务酒店",
     "Tianhe North Road, Tianhe District, Guangzhou", "广州市天河区天河北路", 23.1450, 113.3300),
    ("hotel-wuhan", "Wuhan", "Optics Valley Lakeside Hotel", "光谷湖畔酒店",
     "Luoyu Road, Hongshan District, Wuhan", "武汉市洪山区珞喻路", 30.5200, 114.3650),
    ("hotel-hangzhou", "Hangzhou", "Future Sci-Tech City Hotel", "未来科技城酒店",
     "Wenyi West Road, Yuhang District, Hangzhou", "杭州市余杭区文一西路", 30.2900, 120.0000),
    ("hotel-shanghai", "Shanghai", "Zhangjiang Innovation Hotel", "张江创新酒店",
     "Keyuan Road, Pudong New Area, Shanghai", "上海市浦东新区科苑路", 31.2050, 121.5950),
    ("hotel-suzhou", "Suzhou", "Taihu Science Town Hotel", "太湖科技城酒店",
     "Kerui Road, Suzhou New District, Suzhou", "苏州市高新区科睿路", 31.3250, 120.4450),
]
AREA_CODES = {"Beijing": "10", "Shanghai": "21", "Guangzhou": "20", "Wuhan": "27",
              "Hangzhou": "571", "Suzhou": "512"}
VENUES = [
    ("summer-palace", "Beijing", "Summer Palace", "颐和园", "19 Xinjiangongmen Road, Haidian "
     "District, Beijing", "北京市海淀区新建宫门路19号", 39.9999, 116.2755),
    ("west-lake", "Hangzhou", "West Lake Scenic Area", "西湖风景名胜区", "Xihu District, Hangzhou",
     "杭州市西湖区", 30.2431, 120.1500),
]

# name, country, organization, email user, phone, group, dietary
TRAINEES = [
    ("Selamawit Bekele Tadesse", "Ethiopia", "Innovation Policy Directorate, Addis Ababa",
     "selamawit.bekele", "+251 91 555 0101", "A", "No meat on Wednesdays and Fridays"),
    ("Daniel Otieno Mwangi", "Kenya", "National Research Fund Secretariat",
     "daniel.mwangi", "+254 20 555 0102", "A", ""),
    ("Chiamaka Grace Okafor", "Nigeria", "Federal Science Policy Office", "chiamaka.okafor",
     "+234 80 555 0103", "A", "Vegetarian"),
    ("Kwame Asante Boateng", "Ghana", "Council for Technology Transfer", "kwame.boateng",
     "+233 30 555 0104", "A", ""),
    ("Mona Abdel-Rahman", "Egypt", "Academy for Research Policy", "mona.abdelrahman",
     "+20 2 555 0105", "A", "Halal"),
    ("Imran Qureshi", "Pakistan", "Technology Commercialisation Board", "imran.qureshi",
     "+92 51 555 0106", "A", "Halal"),
    ("Sita Gurung", "Nepal", "Science Policy Council Secretariat", "sita.gurung",
     "+977 1 555 0107", "A", "Vegetarian, no eggs"),
    ("Nuwan Perera", "Sri Lanka", "Research Council Policy Unit", "nuwan.perera",
     "+94 11 555 0108", "A", ""),
    ("Nguyen Thi Lan", "Viet Nam", "Institute for Science Policy Studies", "lan.nguyen",
     "+84 24 555 0109", "B", ""),
    ("Sokha Chan", "Cambodia", "Department of Science and Technology Planning", "sokha.chan",
     "+855 23 555 0110", "B", "Seafood allergy"),
    ("Batbayar Ganbold", "Mongolia", "Foundation for Science and Technology", "batbayar.g",
     "+976 11 555 0111", "B", ""),
    ("María Fernanda Quispe", "Bolivia", "Science and Technology Planning Office",
     "maria.quispe", "+591 2 555 0112", "B", ""),
    ("Luis Alberto Huamán", "Peru", "Council for Science, Technology and Innovation",
     "luis.huaman", "+51 1 555 0113", "B", "Lactose intolerant"),
    ("Mwila Banda", "Zambia", "Science and Technology Council", "mwila.banda",
     "+260 21 555 0114", "B", ""),
    ("Neema Mushi", "Tanzania", "Commission for Science Policy", "neema.mushi",
     "+255 22 555 0115", "B", "Gluten-free"),
]

# email user: gender, passport (letters + digits), expiry, date of birth, structured diets,
# arrival (flight, airport, local time, terminal: on 7 March, the first day, unless
# ARRIVAL_DAYS says otherwise), departure (flight, time on 27 March, the last day).
# All fictional; every flight lands or leaves at Capital (PEK) or Daxing (PKX).
PEOPLE: dict[str, tuple[str, str, str, str, tuple[str, ...], tuple[str, str, str, str],
                        tuple[str, str, str, str]]] = {
    "selamawit.bekele": ("female", "EP5550101", "2031-05-14", "1986-02-11", ("other",),
                         ("ET604", "PEK", "07:40", "T3"), ("ET605", "PEK", "13:30", "T3")),
    "daniel.mwangi": ("male", "AK5550102", "2030-09-02", "1982-07-23", (),
                      ("ET604", "PEK", "07:40", "T3"), ("ET605", "PEK", "13:30", "T3")),
    "chiamaka.okafor": ("female", "A55550103", "2029-11-30", "1988-12-05", ("vegetarian",),
                        ("ET604", "PEK", "07:40", "T3"), ("ET605", "PEK", "13:30", "T3")),
    "kwame.boateng": ("male", "G5550104", "2032-01-19", "1979-04-30", (),
                      ("ET604", "PEK", "07:40", "T3"), ("ET605", "PEK", "13:30", "T3")),
    "mona.abdelrahman": ("female", "A25550105", "2030-03-08", "1984-10-17", ("halal",),
                         ("MS953", "PEK", "13:55", "T3"), ("MS954", "PEK", "14:10", "T3")),
    "imran.qureshi": ("male", "AB5550106", "2029-06-21", "1981-01-09",
                      ("halal", "no_alcohol"), ("PK852", "PEK", "14:40", "T3"),
                      ("PK853", "PEK", "15:05", "T3")),
    "sita.gurung": ("female", "PA5550107", "2031-08-12", "1990-06-02",
                    ("vegetarian", "other"), ("3U3827", "PKX", "07:50", ""),
                    ("CA437", "PEK", "13:00", "T3")),
    "nuwan.perera": ("male", "N5550108", "2030-12-01", "1985-09-14", (),
                     ("UL868", "PKX", "07:15", ""), ("UL869", "PEK", "14:40", "T3")),
    "lan.nguyen": ("female", "C5550109", "2032-04-27", "1987-03-03", (),
                   ("VN512", "PKX", "09:30", ""), ("VN513", "PEK", "13:50", "T2")),
    "sokha.chan": ("male", "N05550110", "2029-10-10", "1983-11-21", ("allergy",),
                   ("CZ324", "PKX", "22:40", ""), ("CZ323", "PEK", "16:40", "T2")),
    "batbayar.g": ("male", "E5550111", "2031-02-16", "1980-08-08", (),
                   ("OM223", "PKX", "20:50", ""), ("OM224", "PEK", "14:55", "T3")),
    "maria.quispe": ("female", "BO5550112", "2030-07-07", "1989-05-26", (),
                     ("KL897", "PEK", "10:20", "T3"), ("KL898", "PEK", "13:15", "T3")),
    "luis.huaman": ("male", "PE5550113", "2031-11-11", "1978-12-19", ("other",),
                    ("KL897", "PEK", "10:20", "T3"), ("KL898", "PEK", "13:15", "T3")),
    "mwila.banda": ("female", "ZN5550114", "2030-01-25", "1991-07-15", (),
                    ("ET604", "PEK", "07:40", "T3"), ("ET605", "PEK", "13:30", "T3")),
    "neema.mushi": ("female", "TZ5550115", "2032-06-30", "1986-04-04", ("gluten_free",),
                    ("ET604", "PEK", "07:40", "T3"), ("ET605", "PEK", "13:30", "T3")),
}
# Who lands the day before the programme (6 March): Cairo and Islamabad connections in the
# afternoon, Ulaanbaatar in the evening; they have a hotel night of their own. Sokha Chan's
# connection lands late on the first day (22:40) and misses the informal dinner.
ARRIVAL_DAYS = {"mona.abdelrahman": 6, "imran.qureshi": 6, "batbayar.g": 6}
LATE_ARRIVAL = "sokha.chan"  # not at the first day's check-in and dinner: named without him
# Who shares a twin room (same gender); everyone else has a single.
TWINS = (("selamawit.bekele", "chiamaka.okafor"), ("sita.gurung", "lan.nguyen"),
         ("maria.quispe", "neema.mushi"), ("daniel.mwangi", "kwame.boateng"),
         ("nuwan.perera", "sokha.chan"))
# key, name, company, plate, driver, driver phone, seats: fictional vehicles.
VEHICLES = [
    ("coach-beijing", "Coach 1 (Beijing)", "Jinglong Coach Services (sample)", "京B·D5501",
     "Wang Jun (sample)", "+86 139 5555 0131", 45),
    ("coach-guangzhou", "Coach (Guangzhou)", "Yuexiu Coach Hire (sample)", "粤A·D5502",
     "Chen Hao (sample)", "+86 139 5555 0132", 45),
    ("coach-wuhan", "Coach (Wuhan)", "Jiangcheng Coaches (sample)", "鄂A·D5503",
     "Liu Qiang (sample)", "+86 139 5555 0133", 45),
    ("coach-hangzhou", "Coach (Hangzhou)", "Xihu Coach Company (sample)", "浙A·D5504",
     "Zhou Ming (sample)", "+86 139 5555 0134", 45),
    ("coach-shanghai", "Coach (Shanghai)", "Pujiang Coach Lines (sample)", "沪B·D5505",
     "Xu Lei (sample)", "+86 139 5555 0135", 45),
    ("coach-suzhou", "Coach (Suzhou)", "Gusu Coach Hire (sample)", "苏E·D5506",
     "Sun Tao (sample)", "+86 139 5555 0136", 45),
    ("van-1", "Van 1", "Jinglong Coach Services (sample)", "京B·V5511", "Ma Lin (sample)",
     "+86 139 5555 0141", 7),
    ("van-2", "Van 2", "Jinglong Coach Services (sample)", "京B·V5512", "Gao Feng (sample)",
     "+86 139 5555 0142", 7),
    ("minibus-1", "Minibus 1", "Jinglong Coach Services (sample)", "京B·M5513",
     "Han Bo (sample)", "+86 139 5555 0143", 19),
]
CITY_COACHES = {"Beijing": "coach-beijing", "Guangzhou": "coach-guangzhou",
                "Wuhan": "coach-wuhan", "Hangzhou": "coach-hangzhou",
                "Shanghai": "coach-shanghai", "Suzhou": "coach-suzhou"}
# The pickups in time order (two on 6 March, five on 7 March), and the vehicle each one gets:
# a vehicle is free again once it has reached the hotel (the road from Daxing takes longer).
PICKUP_VEHICLES = ("van-1", "van-2", "minibus-1", "van-1", "van-2", "minibus-1", "van-1")

DEFAULTS: dict[str, dict[str, str]] = {
    "visit": {"dress_code": "Business casual",
              "what_to_bring": "Passport (checked at the gate), business cards, notebook",
              "internal_notes": "Sample: send the passport list to the host 10 days ahead."},
    "lecture": {"dress_code": "Business casual", "what_to_bring": "Laptop or notebook",
                "meeting_point": "CASTED, lecture hall on the 3rd floor (sample)"},
    "meal": {},
    "travel": {},
    "check_in": {"what_to_bring": "Passport (hotels in China register every guest)"},
    "free_time": {"dress_code": "Comfortable shoes", "what_to_bring": "Water, passport"},
}


class Plan:
    """Builds the activities day by day, following where the group is."""

    def __init__(self, sites: dict[str, Site], trainees: list[Trainee]) -> None:
        self.sites = sites
        self.trainees = trainees
        self.here = "hotel-beijing"
        self.hotel = "hotel-beijing"
        self.activities: list[Activity] = []

    def at(self, day: date, clock: str) -> datetime:
        hours, minutes = map(int, clock.split(":"))
        return datetime(day.year, day.month, day.day, hours, minutes, tzinfo=SHANGHAI)

    def add(self, kind: str, title: str, day: date, start: str, end: str,
            site: str | None = None, **fields: Any) -> Activity:
        """An activity at ``site`` (default: where the group is now)."""
        begins = self.at(day, start)
        values: dict[str, Any] = {**DEFAULTS[kind], "status": "confirmed", **fields}
        if kind != "travel":
            values["site_id"] = self.sites[site or self.here].id
        activity = Activity(kind=ActivityKind(kind), title=title, start=begins,
                            end=self.at(day, end), updated_at=UPDATED_AT,
                            id=sample_id(f"activity:{begins.isoformat()}:{title}"), **values)
        self.activities.append(activity)
        return activity

    def coach(self, day: date, depart: str, to: str, title: str = "", **fields: Any) -> str:
        """A coach from where the group is to ``to``; returns the arrival time."""
        origin, target = self.sites[self.here], self.sites[to]
        arrive = self.at(day, depart) + timedelta(minutes=coach_minutes(origin, target))
        fields.setdefault("meeting_point", f"{origin.name_en}: coach bay")
        fields.setdefault("internal_notes", "Sample coach booking (45-seat coach).")
        self.add("travel", title or f"Coach to {target.name_en}", day, depart,
                 f"{arrive:%H:%M}", from_site_id=origin.id, to_site_id=target.id, mode="coach",
                 service_number="Coach 1", **fields)
        self.here = to
        return f"{arrive:%H:%M}"

    def ride(self, day: date, mode: str, service: str, depart: str, arrive: str, to: str,
             seats: dict[str, str], booking: str, **fields: Any) -> None:
        """A train or flight from the station or airport where the group is to ``to``."""
        origin, target = self.sites[self.here], self.sites[to]
        what = "Flight" if mode == "flight" else "High-speed train"
        self.add("travel", f"{what} {service}: {origin.city} to {target.city}", day, depart,
                 arrive, from_site_id=origin.id, to_site_id=target.id, mode=mode,
                 service_number=service, booking_ref=booking, seats=seats,
                 meeting_point=f"{origin.name_en} ({origin.name_zh})", **fields)
        self.here = to

    def train(self, day: date, service: str, depart: str, arrive: str, to: str, car: int,
              row: int, booking: str) -> None:
        """A high-speed train, second class: seats A B C D F in consecutive rows."""
        seats = {t.id: f"Car {car}, Seat {row + i // 5}{'ABCDF'[i % 5]}"
                 for i, t in enumerate(self.trainees)}
        self.ride(day, "high_speed_rail", service, depart, arrive, to, seats, booking,
                  what_to_bring="Passport: it is your ticket at the gate. Luggage with a name tag.",
                  description="Second class, seats as assigned. Boarding gates close 5 minutes "
                              "before departure: stay with the group.",
                  internal_notes="Sample train number and times: book on 12306 when sale opens "
                                 "(15 days ahead) and update the seats.")


def build_sites() -> dict[str, Site]:
    """Every reference place plus the sample hotels and outing venues, by key."""
    sites = {key: place_by_key(key) for key in place_keys()}
    for kind, rows in (("hotel", HOTELS), ("venue", VENUES)):
        for key, city, name_en, name_zh, addr_en, addr_zh, lat, lon in rows:
            sites[key] = Site(
                kind=SiteKind(kind), name_en=name_en, name_zh=name_zh, city=city,
                address_en=addr_en, address_zh=addr_zh, lat=lat, lon=lon,
                id=sample_id(f"site:{key}"),
                phone=f"+86 {AREA_CODES[city]} 5555 0199" if kind == "hotel" else "",
                notes=SAMPLE_HOTEL if kind == "hotel" else
                "Sample outing venue; approximate coordinates.",
                source="sample data (fictional)" if kind == "hotel" else "sample data")
    return sites


def _flight(sites: dict[str, Site], flight: tuple[str, str, str, str], day: int) -> FlightLeg:
    number, airport, clock, terminal = flight
    hours, minutes = map(int, clock.split(":"))
    return FlightLeg(number, sites[airport.lower()].id,
                     datetime(2027, 3, day, hours, minutes, tzinfo=SHANGHAI), terminal)


def build_trainees(sites: dict[str, Site]) -> list[Trainee]:
    """The fifteen fictional trainees, with their own flights in and out."""
    trainees = []
    for name, country, org, user, phone, group, dietary in TRAINEES:
        gender, passport, expiry, born, diets, arrival, departure = PEOPLE[user]
        trainees.append(Trainee(
            name=name, country=country, organization=org, email=f"{user}@example.org",
            phone=phone, group=group, dietary=dietary,
            emergency_contact=f"Family contact of {name.split()[0]} (sample), {phone[:-2]}99",
            notes="Sample data: a fictional trainee.", nationality=country,
            passport_number=passport, passport_expiry=expiry, gender=gender,
            date_of_birth=born, diets=diets,
            arrival=_flight(sites, arrival, ARRIVAL_DAYS.get(user, 7)),
            departure=_flight(sites, departure, 27), id=sample_id(f"trainee:{user}")))
    return trainees


def build_resources() -> dict[str, Resource]:
    """The vehicles, the interpreter who travels with the group and the Beijing guide."""
    found = {key: Resource("vehicle", name, company=company, plate=plate, driver=driver,
                           driver_phone=phone, seats=seats, id=sample_id(f"resource:{key}"))
             for key, name, company, plate, driver, phone, seats in VEHICLES}
    found["interpreter"] = Resource(
        "interpreter", "Zhao Min (sample interpreter)", company="CASTED",
        phone="+86 139 5555 0151", diets=("vegetarian",),
        notes="English-Chinese; travels with the group to every city.",
        id=sample_id("resource:interpreter"))
    found["guide"] = Resource("guide", "Sun Li (sample guide)",
                              company="Beijing heritage guides (sample)",
                              phone="+86 139 5555 0152", id=sample_id("resource:guide"))
    return found


def build_programme() -> Programme:
    """The workshop: three weeks in March 2027, based in Beijing."""
    return Programme(
        title="International Training Workshop on STI Policy 2027 (sample)",
        start_date=date(2027, 3, 7), end_date=date(2027, 3, 27), base_city="Beijing",
        organizer="Chinese Academy of Science and Technology for Development (CASTED)",
        coordinator=Contact("Li Wen (sample coordinator)", "+86 10 5555 0100",
                            "coordinator@example.org", "Workshop coordinator"),
        emergency_contacts=(
            Contact("CASTED duty officer (sample)", "+86 10 5555 0110", "duty@example.org",
                    "24-hour duty phone"),
            Contact("Medical assistance line (sample)", "+86 10 5555 0120", "",
                    "Travel insurer's assistance"),
            Contact("Ambulance", "120", "", "Public emergency number in China"),
            Contact("Police", "110", "", "Public emergency number in China"),
        ),
        notes="Sample data: a fictional workshop bundled with the app so that it opens on "
              "something realistic. Contacts, hotels, trainees and bookings are not real.",
        id=sample_id("programme"))


def week_of_lectures(plan: Plan, day: date, talks: list[tuple[str, str, str]],
                     afternoon: list[tuple[str, str, str, dict[str, Any]]],
                     coach_back: str) -> None:
    """A lecture day at CASTED: coach there, morning talks, lunch, afternoon, coach back."""
    plan.coach(day, "08:15", "casted", title="Coach to CASTED", meeting_point="Hotel lobby, 08:10")
    for start, end, title in talks:
        plan.add("lecture", title, day, start, end)
    plan.add("meal", "Lunch: CASTED staff canteen", day, "12:00", "13:30",
             internal_notes="Canteen told of dietary needs: halal, vegetarian, gluten-free, "
                            "lactose-free, no seafood.")
    for start, end, title, fields in afternoon:
        plan.add("lecture", title, day, start, end, **fields)
    plan.coach(day, coach_back, "hotel-beijing")


def field_day(plan: Plan, day: date, park: str, topics: tuple[str, str], out: str,
              back: str) -> None:
    """A visit day from the hotel: coach, morning visit, lunch at the park, afternoon, coach."""
    plan.coach(day, out, park, meeting_point="Hotel lobby, 10 minutes before departure")
    start = max("09:30", plan.activities[-1].end.strftime("%H:%M"))
    plan.add("visit", topics[0], day, start, "12:00",
             description="Briefing by the park's administrative committee, then a tour.")
    plan.add("meal", "Lunch hosted by the park", day, "12:00", "13:15")
    plan.add("visit", topics[1], day, "13:30", "16:30",
             description="Visits to incubated companies; questions prepared in week 1.")
    plan.coach(day, back, plan.hotel)


def build_activities(plan: Plan) -> None:
    """The day-by-day programme, 7-27 March 2027."""
    d = {n: date(2027, 3, n) for n in range(7, 28)}
    plan.hotel = "hotel-beijing"
    on_time = Participants(Audience.NAMED, trainee_ids=tuple(
        t.id for t in plan.trainees if t.email.split("@")[0] != LATE_ARRIVAL))
    plan.add("check_in", "Arrival in Beijing and hotel check-in", d[7], "14:00", "18:30",
             description="Airport pick-up by flight (see the pickups list); the coordinator "
                         "meets each arrival. Rooms are ready from 14:00.",
             internal_notes="Sample: the pickups were proposed from the arrival flights. "
                            "Sokha Chan lands at 22:40 and checks in after midnight.",
             participants=on_time)
    plan.add("meal", "Informal dinner at the hotel", d[7], "18:30", "20:00", status="planned",
             participants=on_time)
    week_of_lectures(plan, d[8], [("09:00", "10:00", "Opening ceremony and programme briefing"),
                                  ("10:15", "12:00", "China's national innovation system")], [
        ("13:30", "15:00", "STI policy-making in China", {}),
        ("15:15", "16:45", "Country presentations (1): Ethiopia, Kenya, Nigeria, Ghana, Egypt",
         {})], "17:00")
    plan.add("meal", "Welcome dinner hosted by CASTED", d[8], "18:30", "20:30",
             dress_code="Business attire", meeting_point="Hotel banquet hall, 2nd floor")
    week_of_lectures(plan, d[9], [
        ("09:00", "10:30", "High-tech zones and science parks: the Chinese model"),
        ("10:45", "12:00", "Technology transfer and university-industry links")], [
        ("13:30", "15:00", "Financing innovation: venture capital and guidance funds", {}),
        ("15:15", "16:45", "Country presentations (2): Pakistan, Nepal, Sri Lanka, Viet Nam, "
         "Cambodia", {})], "17:00")
    plan.coach(d[10], "08:30", "tuspark", meeting_point="Hotel lobby, 08:20")
    plan.add("visit", "TusPark: incubators and university technology transfer", d[10],
             "09:30", "12:00", description="Tsinghua University Science Park: incubation "
             "services, spin-offs and the university's technology transfer office.")
    plan.add("meal", "Lunch at TusPark", d[10], "12:00", "13:15")
    plan.coach(d[10], "13:30", "cas-zhongguancun")
    plan.add("visit", "CAS Academic Divisions: science advice to policy", d[10], "14:00",
             "16:00", description="How the academicians advise government on S&T policy.")
    plan.coach(d[10], "16:15", "hotel-beijing")
    week_of_lectures(plan, d[11], [("09:00", "10:30", "Foresight and technology roadmapping"),
                                   ("10:45", "12:00", "Evaluating national R&D programmes")], [
        ("13:30", "15:00", "Intellectual property and standards in innovation policy", {}),
        ("15:15", "16:45", "Country presentations (3): Mongolia, Bolivia, Peru, Zambia, "
         "Tanzania", {})], "17:00")
    plan.add("visit", "TusPark incubator open day (cancelled: the open day moved)", d[11],
             "14:00", "16:00", site="tuspark", status="cancelled", revision=1,
             internal_notes="Cancelled by the park (sample); replaced by the afternoon lectures.")
    groups = [("13:30", "16:30", f"Group {g} case study: {topic}",
               {"participants": Participants(Audience.GROUP, g),
                "meeting_point": f"CASTED, seminar room {room} (sample)"})
              for g, topic, room in (("A", "incubation policy", "301"),
                                     ("B", "technology markets", "302"))]
    week_of_lectures(plan, d[12], [
        ("09:00", "10:30", "Preparing the field studies: what to ask a park"),
        ("10:45", "12:00", "Regional innovation policy in the six cities we visit")], groups,
        "16:45")
    plan.coach(d[13], "09:00", "summer-palace", meeting_point="Hotel lobby, 08:50")
    plan.add("free_time", "Cultural outing: the Summer Palace", d[13], "09:45", "15:30",
             status="planned", description="Guided walk, lunch in the park at your own choice.")
    plan.coach(d[13], "15:45", "hotel-beijing")
    plan.add("free_time", "Free day in Beijing", d[14], "09:00", "18:00",
             description="Suggestions at the front desk; keep your phone on.")

    plan.coach(d[15], "06:45", "pek", title="Coach to Beijing Capital Airport (check out)",
               meeting_point="Hotel lobby with luggage, 06:35")
    seats = {t.id: f"Seat {31 + i // 6}{'ABCDEF'[i % 6]}" for i, t in enumerate(plan.trainees)}
    plan.ride(d[15], "flight", "CZ3102", "10:45", "14:00", "can", seats, "SMPL7Q",
              what_to_bring="Passport; liquids rules apply; power banks in hand luggage only.",
              internal_notes="Sample flight number and times; group booking with the airline.",
              description="Economy class, seats as assigned; one checked bag each.")
    plan.hotel = "hotel-guangzhou"
    arrive = plan.coach(d[15], "14:45", "hotel-guangzhou")
    plan.add("check_in", "Hotel check-in, Guangzhou", d[15], arrive, "17:30")
    field_day(plan, d[16], "tianhe-software-park",
              ("Tianhe Software Park: the software and digital economy cluster",
               "Company visits in Tianhe Software Park"), "08:15", "16:45")

    plan.coach(d[17], "06:30", "guangzhou-south", title="Coach to Guangzhou South (check out)",
               meeting_point="Hotel lobby with luggage, 06:20")
    plan.train(d[17], "G1002", "08:30", "11:55", "wuhan-station", 5, 8, "E555017001")
    plan.coach(d[17], "12:15", "east-lake")
    plan.add("meal", "Lunch at the Optics Valley staff canteen", d[17], "13:05", "14:00")
    plan.add("visit", "East Lake High-Tech Zone (Optics Valley): optoelectronics cluster",
             d[17], "14:00", "17:00", description="Policy briefing and a photonics company.")
    plan.hotel = "hotel-wuhan"
    arrive = plan.coach(d[17], "17:15", "hotel-wuhan")
    plan.add("check_in", "Hotel check-in, Wuhan", d[17], arrive, "18:15")

    plan.coach(d[18], "07:45", "wuhan-station", title="Coach to Wuhan Station (check out)")
    plan.train(d[18], "G582", "09:25", "13:20", "hangzhou-east", 7, 4, "E555018001")
    plan.hotel = "hotel-hangzhou"
    arrive = plan.coach(d[18], "13:45", "hotel-hangzhou")
    plan.add("check_in", "Hotel check-in, Hangzhou", d[18], arrive, "15:30")
    plan.add("lecture", "Briefing: Zhejiang's science-city model", d[18], "16:00", "17:30",
             meeting_point="Hotel meeting room (sample)")
    field_day(plan, d[19], "qingshan-lake",
              ("Qingshan Lake Sci-Tech City: research institutes and new industries",
               "Company visits at Qingshan Lake"), "08:15", "16:45")
    plan.coach(d[20], "09:00", "west-lake", meeting_point="Hotel lobby, 08:50")
    plan.add("free_time", "Cultural outing: West Lake", d[20], "10:15", "16:00",
             status="planned", description="Boat across the lake and a walk on the Su Causeway.")
    plan.coach(d[20], "16:15", "hotel-hangzhou")

    plan.coach(d[21], "08:30", "hangzhou-east", title="Coach to Hangzhou East (check out)")
    plan.train(d[21], "G7358", "10:40", "11:40", "shanghai-hongqiao", 3, 10, "E555021001")
    plan.hotel = "hotel-shanghai"
    arrive = plan.coach(d[21], "12:00", "hotel-shanghai")
    plan.add("check_in", "Hotel check-in, Shanghai", d[21], arrive, "14:00")
    plan.add("free_time", "Free afternoon in Shanghai", d[21], "14:00", "18:00",
             description="Metro Line 2 goes to the Bund from Zhangjiang Hi-Tech Park station.")
    field_day(plan, d[22], "zhangjiang",
              ("Zhangjiang Hi-Tech Park: biomedicine and integrated circuits",
               "Company visits in Zhangjiang"), "08:45", "16:45")

    plan.coach(d[23], "06:45", "shanghai-hongqiao", title="Coach to Hongqiao (check out)")
    plan.train(d[23], "G7016", "09:10", "09:45", "suzhou-station", 4, 6, "E555023001")
    plan.hotel = "hotel-suzhou"
    plan.coach(d[23], "10:00", "suzhou-sci-tech-town")
    plan.add("visit", "Suzhou Science and Technology Town: innovation platforms", d[23],
             "11:15", "12:00", description="Welcome by the town's management committee.")
    plan.add("meal", "Lunch at the Sci-Tech Town", d[23], "12:00", "13:15")
    plan.add("visit", "Company visits in Suzhou Science and Technology Town", d[23], "13:30",
             "16:30")
    arrive = plan.coach(d[23], "16:45", "hotel-suzhou")
    plan.add("check_in", "Hotel check-in, Suzhou", d[23], arrive, "17:30")

    plan.coach(d[24], "07:15", "suzhou-north", title="Coach to Suzhou North (check out)")
    plan.train(d[24], "G128", "09:30", "14:00", "beijing-south", 9, 12, "E555024001")
    plan.hotel = "hotel-beijing"
    arrive = plan.coach(d[24], "14:20", "hotel-beijing")
    plan.add("check_in", "Hotel check-in, Beijing", d[24], arrive, "15:30")
    plan.add("free_time", "Rest and preparation of the group presentations", d[24], "15:30",
             "18:00")
    groups = [("13:30", "16:30", f"Group {g}: drafting the action plan",
               {"participants": Participants(Audience.GROUP, g),
                "meeting_point": f"CASTED, seminar room {room} (sample)"})
              for g, room in (("A", "301"), ("B", "302"))]
    rapporteurs = Participants(Audience.NAMED,
                               trainee_ids=(plan.trainees[0].id, plan.trainees[8].id))
    groups.append(("16:35", "17:05", "Rapporteurs' meeting", {"participants": rapporteurs}))
    week_of_lectures(plan, d[25], [
        ("09:00", "10:30", "Lessons from the field studies: moderated discussion"),
        ("10:45", "12:00", "From lessons to action plans")], groups, "17:15")
    week_of_lectures(plan, d[26], [("09:00", "12:00", "Group presentations: action plans")], [
        ("14:00", "16:00", "Evaluation, certificates and closing ceremony",
         {"dress_code": "Business attire"})], "16:15")
    plan.add("meal", "Farewell dinner", d[26], "18:30", "20:30", dress_code="Business attire",
             meeting_point="Hotel banquet hall, 2nd floor")
    plan.coach(d[27], "08:00", "pek", title="Departure: coach to Beijing Capital Airport",
               meeting_point="Hotel lobby with luggage, 07:50",
               description="Check out before 07:50. Later flights: taxi arranged individually.")


def build_rooms(trainees: list[Trainee], floor: int) -> tuple[Room, ...]:
    """Five twins of two trainees of the same gender, and singles for the others."""
    by_user = {t.email.split("@")[0]: t for t in trainees}
    rooms = [Room("twin", (by_user[a].id, by_user[b].id), f"{floor}{n + 1:02d}")
             for n, (a, b) in enumerate(TWINS)]
    paired = {user for pair in TWINS for user in pair}
    singles = [t for user, t in by_user.items() if user not in paired]
    rooms += [Room("single", (t.id,), f"{floor}{len(TWINS) + n + 1:02d}")
              for n, t in enumerate(singles)]
    return tuple(rooms)


def build_stays(sites: dict[str, Site], trainees: list[Trainee]) -> list[Stay]:
    """A hotel for every night, in the city where the group sleeps, with its rooms; and the
    night before the programme for the early arrivals, in the rooms they keep."""
    nights = [("hotel-beijing", 7, 15), ("hotel-guangzhou", 15, 17), ("hotel-wuhan", 17, 18),
              ("hotel-hangzhou", 18, 21), ("hotel-shanghai", 21, 23), ("hotel-suzhou", 23, 24),
              ("hotel-beijing", 24, 27)]
    stays = [Stay(hotel_id=sites[key].id, check_in=date(2027, 3, first),
                  check_out=date(2027, 3, last), booking_ref=f"SAMPLE-{key[6:].upper()}-{first}",
                  notes=f"{SAMPLE_HOTEL} 5 twin and 5 single rooms, and one for the "
                        "coordinator.", rooms=build_rooms(trainees, 6 + n % 4),
                  room_rate=ROOM_RATES[key], id=sample_id(f"stay:{key}:{first}"))
             for n, (key, first, last) in enumerate(nights)]
    early = tuple(t.id for t in trainees if t.email.split("@")[0] in ARRIVAL_DAYS)
    stays.append(Stay(
        hotel_id=sites["hotel-beijing"].id, check_in=date(2027, 3, 6),
        check_out=date(2027, 3, 7), participants=Participants(Audience.NAMED,
                                                              trainee_ids=early),
        booking_ref="SAMPLE-BEIJING-6",
        notes=f"{SAMPLE_HOTEL} The night before the programme for the three who land on "
              "6 March; they keep their rooms for the stay from 7 March.",
        rooms=tuple(r for r in stays[0].rooms if set(r.occupant_ids) <= set(early)),
        room_rate=ROOM_RATES["hotel-beijing"], id=sample_id("stay:hotel-beijing:6")))
    return stays


def book_resources(workshop: Workshop, resources: dict[str, Resource]) -> None:
    """The city coach on every coach leg, the interpreter on visits and hosted lunches, the
    guide on the Beijing outing."""
    for activity in list(workshop.activities.values()):
        booked: list[str] = []
        if activity.mode == "coach" and activity.from_site_id:
            city = workshop.sites[activity.from_site_id].city
            booked.append(resources[CITY_COACHES[city]].id)
        if activity.kind == "visit" or activity.title.startswith("Lunch hosted"):
            booked.append(resources["interpreter"].id)
        if activity.title == "Cultural outing: the Summer Palace":
            booked.append(resources["guide"].id)
        if booked:
            workshop.put(replace(activity, resource_ids=tuple(booked)))


def add_pickups(workshop: Workshop, resources: dict[str, Resource]) -> None:
    """The airport pickups of 6 and 7 March, proposed from the flights as the app does, each
    with a vehicle (the departures ride the group's coach to Capital airport on 27 March)."""
    sites = workshop.sites
    transfers = [t for t in propose_transfers(
        workshop, lambda a, b: coach_minutes(a, b)) if t.arriving]
    for transfer, vehicle in zip(transfers, PICKUP_VEHICLES, strict=True):
        activity = transfer.activity()
        workshop.put(replace(
            activity, status="confirmed", updated_at=UPDATED_AT,
            resource_ids=(resources[vehicle].id,),
            internal_notes=f"Flights: {transfer.flights_text()}. Sample pickup, proposed from "
                           "the flights; the driver has the flight numbers.",
            id=sample_id(f"activity:{activity.start.isoformat()}:{activity.title}")))
    assert all(sites[t.airport.id].kind == "airport" for t in transfers)


# Sample agreed rates per room-night (CNY), breakfast included: fictional, of a plausible size.
ROOM_RATES = {key: Decimal(rate) for key, rate in (
    ("hotel-beijing", "520"), ("hotel-guangzhou", "460"), ("hotel-wuhan", "380"),
    ("hotel-hangzhou", "450"), ("hotel-shanghai", "580"), ("hotel-suzhou", "420"))}


def build_budget_rules() -> BudgetRules:
    """The sample's budget rules: fictional prices of a plausible size."""
    return BudgetRules(per_diem=Decimal("150"), meal_price=Decimal("90"),
                       coach_day_rate=Decimal("2600"), coach_seats=45, room_rate=Decimal("480"),
                       people_per_room=1, currency_rates={"USD": Decimal("7.10")},
                       ceiling=Decimal("450000"), overrun_margin=Decimal("10"),
                       id=sample_id("budget-rules"))


def build_costs(activities: list[Activity]) -> list[CostLine]:
    """Cost lines the coordinator has entered: the booked legs, hosted meals, programme costs."""
    costs: list[CostLine] = []

    def add(key: str, category: str, description: str, **fields: Any) -> None:
        costs.append(CostLine(category=CostCategory(category), description=description,
                              id=sample_id(f"cost:{key}"), **fields))

    fares = {"G1002": "465", "G582": "298", "G7358": "73", "G7016": "39.5", "G128": "523.5"}
    for leg in activities:
        if leg.service_number in fares:
            add(leg.service_number, "transport", f"Tickets {leg.service_number}, second class",
                owner="activity", owner_id=leg.id, quantity="15",
                unit_price=fares[leg.service_number],
                notes="Sample: 12306 group booking when sale opens, 15 days ahead.")
        elif leg.service_number == "CZ3102":
            add("CZ3102", "transport", "Group fare CZ3102, economy", owner="activity",
                owner_id=leg.id, quantity="15", unit_price="1130", actual="16950.00",
                invoice_number="SAMPLE-CZ-0315", notes="Sample: group fare paid in advance.")
        elif leg.kind == "meal" and "hosted" in leg.title.lower():
            add(f"hosted:{leg.id}", "meals", f"{leg.title} (no charge)", owner="activity",
                owner_id=leg.id, quantity="15", unit_price="0",
                notes="Hosted: the host pays; no invoice expected.")
        elif leg.title == "Farewell dinner":
            add("farewell", "meals", "Farewell dinner, banquet menu (with staff)",
                owner="activity", owner_id=leg.id, quantity="18", unit_price="180")
    add("honoraria", "honoraria", "Lecturers' honoraria", quantity="16", unit_price="2000",
        notes="Sample: 16 lectures by outside speakers.")
    add("interpretation", "interpretation", "English-Chinese interpreter, field weeks",
        quantity="10", unit_price="1800")
    add("insurance", "insurance", "Group travel and medical insurance", quantity="15",
        unit_price="180", actual="2700.00", invoice_number="SAMPLE-INS-2027-01")
    add("visas", "visas", "Visa fee reimbursements", quantity="15", unit_price="40",
        currency="USD", notes="Reimbursed against receipts at the opening.")
    add("venue", "venues", "Meeting room for the Hangzhou briefing", quantity="1",
        unit_price="1500")
    return costs


def build_workshop() -> Workshop:
    """The whole sample workshop, checked by Workshop.from_tables."""
    sites = build_sites()
    trainees = build_trainees(sites)
    resources = build_resources()
    plan = Plan(sites, trainees)
    build_activities(plan)
    workshop = Workshop(build_programme())
    records: list[Site | Resource | Trainee | Activity | Stay | BudgetRules | CostLine] = [
        *sites.values(), *resources.values(), *trainees, *plan.activities,
        *build_stays(sites, trainees), build_budget_rules(), *build_costs(plan.activities)]
    for record in records:
        workshop.put(record)
    book_resources(workshop, resources)
    add_pickups(workshop, resources)
    return Workshop.from_tables(workshop.to_tables())


def render() -> str:
    """The JSON text of the sample workshop, as shipped."""
    return json.dumps(build_workshop().to_tables(), ensure_ascii=False, indent=1) + "\n"


if __name__ == "__main__":
    OUTPUT.write_text(render(), encoding="utf-8")
    print(f"wrote {OUTPUT}")
