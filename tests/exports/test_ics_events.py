"""Single rules of the calendar events: reminder bounds, short station names, and which leg is
"the way to get there" (each rule checked at its boundary, so a changed rule is noticed)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from cistrat_tui.core.records.activity import Activity
from cistrat_tui.core.records.model import Participants, Programme, Site, Trainee
from cistrat_tui.core.records.values import SHANGHAI
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.exports.ics_alarms import Alarms
from cistrat_tui.exports.ics_events import EventMaker
from cistrat_tui.exports.ics_text import View, short_name

DAY = datetime(2027, 3, 9, tzinfo=SHANGHAI)
EVERYONE = Participants()


def at(clock: str) -> datetime:
    hours, minutes = map(int, clock.split(":"))
    return DAY.replace(hour=hours, minute=minutes)


@pytest.mark.parametrize("minutes", [0, 1, 10080])
def test_reminder_lead_times_from_0_to_a_week_are_accepted(minutes: int) -> None:
    alarms = Alarms(lead_minutes=minutes, station_buffer_minutes=minutes,
                    airport_buffer_minutes=minutes)
    assert alarms.lead_minutes == minutes


@pytest.mark.parametrize("value", [-1, 10081, True, 2.5, "30"])
@pytest.mark.parametrize("name", ["lead_minutes", "station_buffer_minutes",
                                  "airport_buffer_minutes"])
def test_reminder_lead_times_outside_0_to_a_week_are_refused(name: str, value: object) -> None:
    with pytest.raises(ValueError, match="expected 0 to 10080 minutes"):
        Alarms(**{name: value})  # type: ignore[arg-type]


@pytest.mark.parametrize(("kind", "name", "short"), [
    ("rail_station", "Beijing South Railway Station", "Beijing South"),
    ("airport", "Beijing Capital International Airport", "Beijing Capital"),
    ("rail_station", "Station", "Station"),  # nothing would be left
    ("rail_station", "Suzhou", "Suzhou"),
    ("hotel", "Grand Station Hotel", "Grand Station Hotel"),
    ("hotel", "Central Station", "Central Station"),  # only stations and airports are cut
])
def test_short_names_cut_only_a_station_or_airport_ending(kind: str, name: str,
                                                          short: str) -> None:
    assert short_name(Site(kind, name, "Beijing")) == short


class Trip:
    """A park, a hotel, two groups, and legs and visits to arrange around them."""

    def __init__(self) -> None:
        self.workshop = Workshop(Programme("Trip", "2027-03-08", "2027-03-12"))
        self.park = Site("science_park", "Zhangjiang Park", "Shanghai", lat=31.2, lon=121.59)
        self.hotel = Site("hotel", "Pudong Hotel", "Shanghai", lat=31.22, lon=121.5)
        for record in (self.park, self.hotel, Trainee("Ann", group="A"),
                       Trainee("Ben", group="B")):
            self.workshop.put(record)

    def coach(self, leaves: str, arrives: str, who: Participants = EVERYONE,
              number: str = "Coach 1") -> Activity:
        leg = Activity("travel", f"{number} to the park", at(leaves), at(arrives),
                       from_site_id=self.hotel.id, to_site_id=self.park.id, mode="coach",
                       service_number=number, participants=who)
        self.workshop.put(leg)
        return leg

    def visit(self, starts: str, ends: str, who: Participants = EVERYONE,
              title: str = "Visit") -> Activity:
        visit = Activity("visit", title, at(starts), at(ends), site_id=self.park.id,
                         participants=who)
        self.workshop.put(visit)
        return visit

    def getting_there(self, activity: Activity) -> str:
        maker = EventMaker(self.workshop, ZoneInfo("Asia/Shanghai"),
                           datetime(2027, 1, 1, tzinfo=UTC))
        lines = maker.text(activity, View.GROUP).description.splitlines()
        return next((line for line in lines if line.startswith("Getting there:")), "")


def test_a_leg_arriving_exactly_at_the_start_is_the_way_there() -> None:
    trip = Trip()
    trip.coach("08:30", "09:30")
    visit = trip.visit("09:30", "11:00")
    assert trip.getting_there(visit) == \
        "Getting there: Coach 1 from Pudong Hotel, leaves 08:30"


def test_the_latest_leg_before_the_start_is_the_way_there() -> None:
    trip = Trip()
    trip.coach("07:00", "08:00", number="Coach 7")
    trip.coach("08:30", "09:15", number="Coach 9")
    late = trip.coach("10:00", "10:30", number="Coach 10")  # arrives after the start
    visit = trip.visit("09:30", "11:00")
    assert "Coach 9" in trip.getting_there(visit)
    assert trip.getting_there(trip.visit("10:30", "12:00", title="Later visit")) != ""
    assert late.end == at("10:30")


def test_a_leg_on_another_day_is_not_the_way_there() -> None:
    trip = Trip()
    leg = trip.coach("08:30", "09:15")
    trip.workshop.put(Activity("travel", "Coach", leg.start - timedelta(days=1),
                               leg.end - timedelta(days=1), from_site_id=trip.hotel.id,
                               to_site_id=trip.park.id, mode="coach", service_number="Coach 0",
                               id=leg.id))
    assert trip.getting_there(trip.visit("09:30", "11:00")) == ""


def test_an_activity_in_between_for_the_same_people_hides_the_leg() -> None:
    trip = Trip()
    trip.coach("08:30", "09:00")
    first = trip.visit("09:00", "10:00", title="First")
    second = trip.visit("10:30", "11:30", title="Second")
    assert trip.getting_there(first) != ""
    assert trip.getting_there(second) == ""  # they were already there, at the first visit


def test_an_activity_in_between_for_other_people_does_not_hide_the_leg() -> None:
    trip = Trip()
    everyone = Participants()
    trip.coach("08:30", "09:00", everyone)
    trip.visit("09:00", "10:00", Participants("group", "A"), title="Group A only")
    later = trip.visit("10:30", "11:30", everyone, title="Everyone")
    assert "Coach 1" in trip.getting_there(later)


def test_a_leg_for_one_group_is_not_the_way_there_for_everyone() -> None:
    trip = Trip()
    trip.coach("08:30", "09:00", Participants("group", "A"))
    assert trip.getting_there(trip.visit("09:30", "10:30")) == ""
