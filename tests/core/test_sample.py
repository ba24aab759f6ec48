"""The bundled sample workshop: loads, and is a plan that can actually be carried out.

The checks are small helpers here; each returns the list of problems it finds, so a test both
asserts the sample is clean and shows, on a broken copy, that the helper catches the fault.
"""

from __future__ import annotations

import csv
import dataclasses
import importlib.util
import io
import itertools
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

from geopy.distance import geodesic

from cistrat_tui.core.records.activity import Activity
from cistrat_tui.core.records.model import ActivityKind, SiteKind, Trainee, TravelMode
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.reference.places import place_id, place_keys
from cistrat_tui.core.sample import sample_tables, sample_workshop

BUILDER = (Path(__file__).resolve().parents[2] / "cistrat_tui" / "data" / "sample"
           / "build_sample.py")
STATION_BUFFER = {TravelMode.HIGH_SPEED_RAIL: 45, TravelMode.FLIGHT: 120}
SIX_PARKS = {"tuspark", "zhangjiang", "east-lake", "qingshan-lake", "suzhou-sci-tech-town",
             "tianhe-software-park"}
FIXED_SITE_KINDS = {ActivityKind.VISIT, ActivityKind.LECTURE, ActivityKind.MEAL}


def reference_table(name: str) -> list[dict[str, str]]:
    resource = resources.files("cistrat_tui.data") / "reference" / name
    return list(csv.DictReader(io.StringIO(resource.read_text(encoding="utf-8"))))


def key_of(site_id: str) -> str:
    """The reference key of a reference place's id."""
    return {place_id(key): key for key in place_keys()}[site_id]


# --- check helpers ---------------------------------------------------------------------------


def timeline(ws: Workshop, trainee: Trainee) -> list[Activity]:
    """The trainee's non-cancelled activities in time order."""
    return [a for a in ws.ordered_activities()
            if not a.cancelled and a.participants.includes(trainee)]


def place_after(activity: Activity) -> str:
    """Where the trainee is when the activity ends."""
    return activity.to_site_id if activity.kind is ActivityKind.TRAVEL else activity.site_id


def place_before(activity: Activity) -> str:
    """Where the trainee must be when the activity starts."""
    return activity.from_site_id if activity.kind is ActivityKind.TRAVEL else activity.site_id


def overlaps(ws: Workshop) -> list[str]:
    """Two activities at once for one trainee."""
    found = []
    for trainee in ws.trainees.values():
        items = timeline(ws, trainee)
        found += [f"{trainee.name}: {a.title} / {b.title}"
                  for a, b in itertools.pairwise(items) if b.start < a.end]
    return found


def continuity(ws: Workshop) -> list[str]:
    """Each activity starts where the previous one left the trainee (travel legs move them)."""
    found = []
    for trainee in ws.trainees.values():
        items = timeline(ws, trainee)
        for a, b in itertools.pairwise(items):
            if place_after(a) != place_before(b):
                found.append(f"{trainee.name}: {b.title} at {b.start:%d %H:%M} starts at "
                             f"{ws.sites[place_before(b)].name_en}, not "
                             f"{ws.sites[place_after(a)].name_en}")
    return found


def leg_problems(ws: Workshop) -> list[str]:
    """Trains and flights: a seat for each participant, enough time at the station, from the
    city the trainee is in."""
    found = []
    for trainee in ws.trainees.values():
        items = timeline(ws, trainee)
        for previous, leg in itertools.pairwise(items):
            if leg.mode not in STATION_BUFFER:
                continue
            if trainee.id not in leg.seats:
                found.append(f"{trainee.name} has no seat on {leg.title}")
            if leg.start - previous.end < timedelta(minutes=STATION_BUFFER[leg.mode]):
                found.append(f"{trainee.name}: too little time before {leg.title}")
            here = ws.sites[place_after(previous)].city
            if ws.sites[leg.from_site_id].city != here:
                found.append(f"{trainee.name}: {leg.title} leaves from another city than {here}")
    return found


def outside_hours(ws: Workshop) -> list[str]:
    """Visits, lectures and meals outside the site's opening hours or on a weekend."""
    found = []
    for a in ws.activities.values():
        if a.cancelled or a.kind not in FIXED_SITE_KINDS:
            continue
        hours = ws.sites[a.site_id].open_on(a.day)
        if a.kind in (ActivityKind.VISIT, ActivityKind.LECTURE) and a.day.weekday() >= 5:
            found.append(f"{a.title} on a {a.day:%A}")
        if hours is None or not hours[0] <= a.start.timetz().replace(tzinfo=None) \
                or a.end.time() > hours[1] or a.end.date() != a.day:
            found.append(f"{a.title} outside opening hours {hours}")
    return found


def night_problems(ws: Workshop) -> list[str]:
    """Every night of the programme, each trainee has one stay in the city they end the day in."""
    found = []
    programme = ws.programme
    for trainee in ws.trainees.values():
        items = timeline(ws, trainee)
        for night in programme.days()[:-1]:
            that_day = [a for a in items if a.day == night]
            city = ws.sites[place_after(that_day[-1])].city if that_day else None
            stays = [s for s in ws.stays.values()
                     if night in s.nights() and s.participants.includes(trainee)]
            if len(stays) != 1:
                found.append(f"{trainee.name}: {len(stays)} stays on {night}")
            elif ws.sites[stays[0].hotel_id].city != city:
                found.append(f"{trainee.name}: hotel on {night} is not in {city}")
    return found


def too_fast(ws: Workshop) -> list[str]:
    """Trains and flights faster than the reference tables; coaches faster than city traffic."""
    rail = {frozenset((r["city_a"], r["city_b"])): int(r["fastest_minutes"])
            for r in reference_table("rail_times.csv")}
    flights = {frozenset((r["airport_a"], r["airport_b"])): int(r["block_minutes"])
               for r in reference_table("flight_times.csv")}
    found = []
    for leg in ws.activities.values():
        if leg.kind is not ActivityKind.TRAVEL:
            continue
        origin, target = ws.sites[leg.from_site_id], ws.sites[leg.to_site_id]
        minutes = (leg.end - leg.start).total_seconds() / 60
        if leg.mode is TravelMode.HIGH_SPEED_RAIL:
            fastest = rail[frozenset((origin.city, target.city))]
        elif leg.mode is TravelMode.FLIGHT:
            fastest = flights[frozenset((key_of(origin.id).upper(), key_of(target.id).upper()))]
        elif leg.mode is TravelMode.COACH:
            # Best case of the rule of thumb: 35 km/h over 1.3 x the straight line.
            km = geodesic((origin.lat, origin.lon), (target.lat, target.lon)).km
            fastest = km * 1.3 / 35 * 60
        else:
            continue
        if minutes < fastest:
            found.append(f"{leg.title}: {minutes:.0f} min, faster than {fastest:.0f}")
    return found


def moved(ws: Workshop, title: str, **changes: object) -> Workshop:
    """A copy of the workshop with one activity (found by title) changed."""
    copy = Workshop.from_tables(ws.to_tables())
    activity = next(a for a in copy.activities.values() if a.title == title)
    copy.put(dataclasses.replace(activity, **changes))
    return copy


# --- tests -----------------------------------------------------------------------------------


def test_loads_as_a_fresh_validated_workshop() -> None:
    first, second = sample_workshop(), sample_workshop()
    assert first == second and first is not second
    first.activities.clear()
    assert sample_workshop().activities


def test_programme() -> None:
    programme = sample_workshop().programme
    assert "sample" in programme.title.lower()
    assert (programme.start_date, programme.end_date) == (date(2027, 3, 7), date(2027, 3, 27))
    assert programme.base_city == "Beijing" and programme.timezone == "Asia/Shanghai"
    assert programme.coordinator.phone and len(programme.emergency_contacts) >= 2
    assert "sample" in programme.notes.lower()


def test_trainees_are_fictional_and_varied() -> None:
    trainees = list(sample_workshop().trainees.values())
    assert 14 <= len(trainees) <= 16
    assert len({t.country for t in trainees}) >= 6
    assert {t.group for t in trainees} == {"A", "B"}
    assert any(t.dietary for t in trainees)
    for t in trainees:
        assert t.email.endswith("@example.org") and "sample" in t.notes.lower()


def test_all_six_parks_are_visited_on_working_days() -> None:
    ws = sample_workshop()
    visited = {key_of(a.site_id) for a in ws.activities.values()
               if a.kind is ActivityKind.VISIT and not a.cancelled}
    assert visited >= SIX_PARKS
    assert outside_hours(ws) == []


def test_no_public_holiday_in_the_way() -> None:
    days_off = {date.fromisoformat(r["date"]) for r in reference_table("holidays_cn_2027.csv")
                if r["kind"] == "day_off"}
    assert days_off and not days_off & set(sample_workshop().programme.days())


def test_lectures_at_the_host_in_weeks_one_and_three() -> None:
    ws = sample_workshop()
    days = {a.day for a in ws.activities.values()
            if a.kind is ActivityKind.LECTURE and a.site_id == place_id("casted")}
    assert any(d < date(2027, 3, 13) for d in days) and any(d > date(2027, 3, 21) for d in days)


def test_a_visit_on_saturday_or_after_closing_is_caught() -> None:
    ws = sample_workshop()
    title = "Company visits in Zhangjiang"
    activity = next(a for a in ws.activities.values() if a.title == title)
    late = moved(ws, title, end=activity.end + timedelta(hours=2))
    assert any(title in p for p in outside_hours(late))
    saturday = moved(ws, title, start=activity.start - timedelta(days=2),
                     end=activity.end - timedelta(days=2))
    assert any("Saturday" in p for p in outside_hours(saturday))


def test_nobody_is_in_two_places_at_once() -> None:
    ws = sample_workshop()
    assert overlaps(ws) == []
    assert continuity(ws) == []
    assert any(a.cancelled for a in ws.activities.values())  # and cancelled ones are ignored
    lunch = next(a for a in ws.ordered_activities() if a.title == "Lunch hosted by the park")
    clash = moved(ws, lunch.title, start=lunch.start - timedelta(hours=1))
    assert overlaps(clash)


def test_every_leg_has_seats_time_and_the_right_start() -> None:
    ws = sample_workshop()
    legs = [a for a in ws.activities.values() if a.mode in STATION_BUFFER]
    assert len([a for a in legs if a.mode is TravelMode.HIGH_SPEED_RAIL]) >= 5
    for leg in legs:
        assert {ws.sites[leg.from_site_id].kind, ws.sites[leg.to_site_id].kind} <= {
            SiteKind.RAIL_STATION, SiteKind.AIRPORT}
        assert leg.service_number and leg.booking_ref
        assert len(set(leg.seats.values())) == len(leg.seats) == len(ws.trainees)
    assert leg_problems(ws) == []
    train = next(a for a in legs if a.service_number == "G582")
    rushed = moved(ws, train.title, start=train.start - timedelta(minutes=30), seats={})
    assert len(leg_problems(rushed)) == 2 * len(ws.trainees)


def test_no_leg_is_faster_than_the_reference_times() -> None:
    ws = sample_workshop()
    assert too_fast(ws) == []
    train = next(a for a in ws.activities.values() if a.service_number == "G128")
    assert too_fast(moved(ws, train.title, end=train.start + timedelta(hours=3)))


def test_a_hotel_for_every_night_in_the_right_city() -> None:
    ws = sample_workshop()
    assert night_problems(ws) == []
    hotels = [ws.sites[s.hotel_id] for s in ws.stays.values()]
    for hotel in hotels:
        assert hotel.kind is SiteKind.HOTEL and hotel.name_zh and hotel.address_zh
        assert "replace with the real booking" in hotel.notes
        station = next(s for s in ws.sites.values()
                       if s.kind is SiteKind.RAIL_STATION and s.city == hotel.city)
        assert geodesic((hotel.lat, hotel.lon), (station.lat, station.lon)).km < 60
    shorter = next(s for s in ws.stays.values() if ws.sites[s.hotel_id].city == "Wuhan")
    broken = Workshop.from_tables(ws.to_tables())
    broken.remove(shorter)
    assert len(night_problems(broken)) == len(ws.trainees)


def test_round_trips_unchanged() -> None:
    ws = sample_workshop()
    assert ws.to_tables() == sample_tables()
    assert Workshop.from_tables(ws.to_tables()) == ws


def test_ids_are_uuids_and_reference_places_keep_their_ids() -> None:
    ws = sample_workshop()
    for key in place_keys():
        assert place_id(key) in ws.sites
    tables = sample_tables()
    ids = [row["id"] for rows in tables.values() for row in rows]
    assert len(set(ids)) == len(ids)


def test_chinese_is_written_as_characters() -> None:
    raw = (resources.files("cistrat_tui.data") / "sample" / "workshop.json").read_text(
        encoding="utf-8")
    assert "清华科技园" in raw and "\\u" not in raw


def test_the_builder_reproduces_the_shipped_json() -> None:
    spec = importlib.util.spec_from_file_location("build_sample", BUILDER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    shipped = (resources.files("cistrat_tui.data") / "sample" / "workshop.json").read_text(
        encoding="utf-8")
    assert module.render() == shipped
