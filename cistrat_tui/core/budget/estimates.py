"""Estimates drawn from the programme, so the budget follows it when it changes.

Each estimator reads the workshop and the coordinator's :class:`BudgetRules` and yields budget
lines (planned only, in CNY) and gaps (what it could not price):

- trains: seats (or, before seats are given, the participants) x the second-class fare between
  the two cities (``data/reference/rail_fares.csv``), one line per leg;
- hotels: rooms x the stay's room rate (else the rules' default), one line per night, rooms
  being the people who stay divided by people per room;
- coaches: vehicles x the price per vehicle-day, one line per day with coach legs, vehicles
  being the most people on one of that day's legs divided by the seats per coach;
- meals: heads x the price per head, one line per meal;
- per diem: trainees x the per diem, one line per programme day.

A new estimate is one more function in :data:`ESTIMATORS`. When issue-15 style rooms and
vehicles are recorded on stays and activities, the counting helpers here are where they plug in.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from decimal import Decimal

from cistrat_tui.core.budget.lines import BudgetLine, Gap, LineSource
from cistrat_tui.core.records.activity import Activity, Stay
from cistrat_tui.core.records.cost import HOME_CURRENCY, BudgetRules, CostCategory, CostOwner
from cistrat_tui.core.records.model import ActivityKind, Participants, TravelMode
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.reference.fares import second_class_fare

Estimate = BudgetLine | Gap


def _day_text(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


class Programme:
    """The workshop as the estimators read it, indexed once: the live activities in time
    order, each day's, and the head count of each distinct Participants value."""

    def __init__(self, workshop: Workshop, rules: BudgetRules) -> None:
        self.workshop = workshop
        self.rules = rules
        # Sorted day by day: one sort of thousands of aware datetimes was most of the time.
        self._by_day: dict[date, list[Activity]] = {}
        for activity in workshop.activities.values():
            if not activity.cancelled:
                self._by_day.setdefault(activity.day, []).append(activity)
        for day_activities in self._by_day.values():
            day_activities.sort(key=lambda a: (a.start, a.end, a.title, a.id))
        self._activities = [a for day in sorted(self._by_day) for a in self._by_day[day]]
        self._heads: dict[Participants, int] = {}

    def activities(self) -> list[Activity]:
        """Activities that take place (cancelled ones cost nothing), in time order."""
        return self._activities

    def heads(self, record: Activity | Stay) -> int:
        """How many trainees take part in an activity or stay."""
        found = self._heads.get(record.participants)
        if found is None:
            found = self._heads[record.participants] = len(
                self.workshop.participants_of(record.participants))
        return found

    def city(self, site_id: str | None) -> str:
        site = self.workshop.sites.get(site_id or "")
        return site.city if site else ""

    def day_city(self, day: date) -> str:
        """Where the group is on a day: the first place of the day, else the base city."""
        for activity in self._by_day.get(day, []):
            place = activity.from_site_id if activity.kind is ActivityKind.TRAVEL \
                else activity.site_id
            if place in self.workshop.sites:
                return self.workshop.sites[place].city
        return self.workshop.programme.base_city


def _line(key: str, category: CostCategory, description: str, owner: CostOwner,
          owner_id: str | None, day: date | None, city: str, quantity: int,
          unit_price: Decimal, basis: str, covers: Iterable[str]) -> BudgetLine:
    return BudgetLine(
        key=key, source=LineSource.ESTIMATE, category=category, description=description,
        owner=owner, owner_id=owner_id, day=day, city=city, quantity=Decimal(quantity),
        unit_price=unit_price, currency=HOME_CURRENCY, rate=Decimal(1), basis=basis,
        covers=frozenset(covers))


def estimate_trains(programme: Programme) -> Iterator[Estimate]:
    """One line per high-speed train leg: tickets x the second-class fare; flights are gaps."""
    for leg in programme.activities():
        if leg.kind is not ActivityKind.TRAVEL or leg.mode not in (TravelMode.HIGH_SPEED_RAIL,
                                                                   TravelMode.FLIGHT):
            continue
        origin, target = programme.city(leg.from_site_id), programme.city(leg.to_site_id)
        if leg.mode is TravelMode.FLIGHT:
            yield Gap(f"Flight '{leg.title}' ({_day_text(leg.day)}): no fare table for "
                      "flights; enter the fare as a transport cost line", CostCategory.TRANSPORT,
                      leg.id)
            continue
        tickets = len(leg.seats) or programme.heads(leg)
        if tickets == 0:
            continue
        fare = second_class_fare(origin, target)
        if fare is None:
            yield Gap(f"Train '{leg.title}' ({_day_text(leg.day)}): no fare between {origin} "
                      f"and {target} in the fare table; enter a transport cost line",
                      CostCategory.TRANSPORT, leg.id)
            continue
        counted = "seats" if leg.seats else "participants (no seats given yet)"
        yield _line(f"estimate:train:{leg.id}", CostCategory.TRANSPORT,
                    f"Train {leg.service_number or leg.title}: {origin} to {target}",
                    CostOwner.ACTIVITY, leg.id, leg.day, origin, tickets, fare.cny,
                    f"{tickets} {counted} x second-class fare {fare.city_a}-{fare.city_b} "
                    f"({fare.confidence}: {fare.source})", [leg.id])


def rooms_for(programme: Programme, stay: Stay) -> int:
    """Rooms a stay needs: the people staying divided by people per room, rounded up."""
    return math.ceil(programme.heads(stay) / programme.rules.people_per_room)


def estimate_hotels(programme: Programme) -> Iterator[Estimate]:
    """One line per night of each stay: rooms x the room rate."""
    for stay in sorted(programme.workshop.stays.values(), key=lambda s: (s.check_in, s.id)):
        hotel = programme.workshop.sites[stay.hotel_id]
        rate = stay.room_rate if stay.room_rate is not None else programme.rules.room_rate
        rooms = rooms_for(programme, stay)
        if rooms == 0:
            continue
        if not rate:
            yield Gap(f"Stay at {hotel.name_en} from {_day_text(stay.check_in)}: no room rate "
                      "on the stay and no default rate in the budget rules",
                      CostCategory.ACCOMMODATION, stay.id)
            continue
        whose = "the stay's rate" if stay.room_rate is not None else "the default rate"
        for night in stay.nights():
            yield _line(f"estimate:room:{stay.id}:{night.isoformat()}",
                        CostCategory.ACCOMMODATION,
                        f"{hotel.name_en}: night of {_day_text(night)}", CostOwner.STAY,
                        stay.id, night, hotel.city, rooms, rate,
                        f"{rooms} rooms ({programme.heads(stay)} people, "
                        f"{programme.rules.people_per_room} per room) x {whose}", [stay.id])


def estimate_coaches(programme: Programme) -> Iterator[Estimate]:
    """One line per day with coach legs: coaches x the price per vehicle-day."""
    by_day: dict[date, list[Activity]] = {}
    for leg in programme.activities():
        if leg.kind is ActivityKind.TRAVEL and leg.mode is TravelMode.COACH:
            by_day.setdefault(leg.day, []).append(leg)
    if by_day and not programme.rules.coach_day_rate:
        yield Gap(f"{len(by_day)} days with coach legs: set the coach price per vehicle-day "
                  "in the budget rules", CostCategory.TRANSPORT)
        return
    for day, legs in sorted(by_day.items()):
        people = max(programme.heads(leg) for leg in legs)
        if people == 0:
            continue
        coaches = math.ceil(people / programme.rules.coach_seats)
        first = legs[0]
        yield _line(f"estimate:coach:{day.isoformat()}", CostCategory.TRANSPORT,
                    f"Coach hire, {_day_text(day)} ({len(legs)} "
                    f"leg{'' if len(legs) == 1 else 's'})", CostOwner.ACTIVITY,
                    first.id, day, programme.city(first.from_site_id), coaches,
                    programme.rules.coach_day_rate,
                    f"{coaches} coach(es) of {programme.rules.coach_seats} seats for {people} "
                    "people x price per vehicle-day", [leg.id for leg in legs])


def estimate_meals(programme: Programme) -> Iterator[Estimate]:
    """One line per meal in the programme: heads x the price per head."""
    meals = [a for a in programme.activities() if a.kind is ActivityKind.MEAL]
    if meals and not programme.rules.meal_price:
        yield Gap(f"{len(meals)} meals: set the meal price per head in the budget rules",
                  CostCategory.MEALS)
        return
    for meal in meals:
        heads = programme.heads(meal)
        if heads:
            yield _line(f"estimate:meal:{meal.id}", CostCategory.MEALS, meal.title,
                        CostOwner.ACTIVITY, meal.id, meal.day, programme.city(meal.site_id),
                        heads, programme.rules.meal_price, f"{heads} heads x price per head",
                        [meal.id])


def estimate_per_diem(programme: Programme) -> Iterator[Estimate]:
    """One line per programme day: trainees x the per diem."""
    trainees = len(programme.workshop.trainees)
    if not trainees or not programme.rules.per_diem:
        return
    for day in programme.workshop.programme.days():
        yield _line(f"estimate:per-diem:{day.isoformat()}", CostCategory.PER_DIEM,
                    f"Per diem, {_day_text(day)}", CostOwner.PROGRAMME, None, day,
                    programme.day_city(day), trainees, programme.rules.per_diem,
                    f"{trainees} trainees x per diem", ["programme"])


ESTIMATORS: tuple[Callable[[Programme], Iterable[Estimate]], ...] = (
    estimate_trains, estimate_hotels, estimate_coaches, estimate_meals, estimate_per_diem)


def estimates(workshop: Workshop) -> tuple[list[BudgetLine], list[Gap]]:
    """Every estimate line and every gap, from the programme and the budget rules."""
    programme = Programme(workshop, workshop.rules)
    lines: list[BudgetLine] = []
    gaps: list[Gap] = []
    for estimator in ESTIMATORS:
        for item in estimator(programme):
            (lines if isinstance(item, BudgetLine) else gaps).append(item)  # type: ignore[arg-type]
    return lines, gaps
