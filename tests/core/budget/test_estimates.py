"""Estimates follow the programme: re-dated, changed, cancelled, more trainees."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from decimal import Decimal

from cistrat_tui.core.budget.budget import build_budget
from cistrat_tui.core.budget.estimates import estimates
from cistrat_tui.core.records.model import ActivityKind, Trainee, TravelMode
from cistrat_tui.core.records.workshop import Workshop
from tests.core.budget.helpers import priced_sample


def trains(workshop: Workshop) -> list[str]:
    return [a.id for a in workshop.ordered_activities()
            if a.kind is ActivityKind.TRAVEL and a.mode is TravelMode.HIGH_SPEED_RAIL]


def test_train_tickets_are_seats_times_the_fare() -> None:
    workshop = priced_sample()
    lines, _ = estimates(workshop)
    wuhan = next(line for line in lines if line.description.endswith("Guangzhou to Wuhan"))
    assert wuhan.quantity == 15 and wuhan.unit_price == Decimal("465")
    assert wuhan.planned == Decimal("6975.00") and "China Daily" not in wuhan.basis
    assert "Life of Guangzhou" in wuhan.basis and wuhan.city == "Guangzhou"
    leg = workshop.activities[wuhan.owner_id or ""]
    fewer = dict(list(leg.seats.items())[:10])  # five trainees travel another way
    workshop.put(dataclasses.replace(leg, seats=fewer))
    again = next(line for line in estimates(workshop)[0] if line.key == wuhan.key)
    assert again.quantity == 10 and again.planned == Decimal("4650.00")


def test_hotels_meals_coaches_and_per_diem() -> None:
    workshop = priced_sample()
    budget = build_budget(workshop)
    by = {t.label: t for t in budget.by_category()}
    # A room a guest a night (one person a room), the early arrivals' night before included.
    room_nights = sum(len(s.nights()) * len(workshop.participants_of(s.participants))
                      for s in workshop.stays.values())
    assert by["accommodation"].planned == Decimal(450) * room_nights
    meals = [a for a in workshop.activities.values() if a.kind is ActivityKind.MEAL]
    covers = sum(len(workshop.participants_of(a.participants)) for a in meals)
    assert covers == 15 * len(meals) - 1  # the late arrival misses the first dinner
    assert by["meals"].planned == Decimal("85.50") * covers
    days = len(workshop.programme.days())
    assert by["per_diem"].planned == Decimal(300 * 15 * days)
    coach_days = {a.day for a in workshop.activities.values() if a.mode is TravelMode.COACH}
    coach_lines = [line for line in budget.lines if line.key.startswith("estimate:coach:")]
    assert len(coach_lines) == len(coach_days) and {line.quantity for line in coach_lines} == {1}
    # A stay's own rate wins over the default; two per room halves the rooms.
    stay = next(iter(workshop.stays.values()))
    workshop.put(dataclasses.replace(stay, room_rate=Decimal("612.80")))
    workshop.put(dataclasses.replace(workshop.rules, people_per_room=2, coach_seats=10))
    lines = {line.key: line for line in build_budget(workshop).lines}
    night = lines[f"estimate:room:{stay.id}:{stay.check_in.isoformat()}"]
    assert (night.quantity, night.unit_price, night.planned) == (8, Decimal("612.80"),
                                                                 Decimal("4902.40"))
    # Ten seats a coach: two for a day the whole group rides; the airport pickups of 6 and
    # 7 March carry a few arrivals each, so those days need one.
    coaches = {k.rsplit(":", 1)[-1]: line.quantity for k, line in lines.items()
               if k.startswith("estimate:coach:")}
    assert coaches.pop("2027-03-06") == 1 and coaches.pop("2027-03-07") == 1
    assert set(coaches.values()) == {2}


def test_estimates_follow_a_re_dated_programme() -> None:
    workshop = priced_sample()
    before = build_budget(workshop)
    week = timedelta(days=7)
    moved = Workshop(dataclasses.replace(workshop.programme,
                                         start_date=workshop.programme.start_date + week,
                                         end_date=workshop.programme.end_date + week))
    for site in workshop.sites.values():
        moved.put(site)
    for trainee in workshop.trainees.values():
        moved.put(trainee)
    for resource in workshop.resources.values():
        moved.put(resource)
    for activity in workshop.activities.values():
        moved.put(dataclasses.replace(activity, start=activity.start + week,
                                      end=activity.end + week))
    for stay in workshop.stays.values():
        moved.put(dataclasses.replace(stay, check_in=stay.check_in + week,
                                      check_out=stay.check_out + week))
    moved.put(workshop.rules)
    after = build_budget(moved)
    assert after.total == before.total
    shifted = [(d.label, d.planned) for d in before.by_day() if d.label != "undated"]
    assert shifted == [((date.fromisoformat(t.label) - week).isoformat(), t.planned)
                       for t in after.by_day() if t.label != "undated"]
    # The first day with costs is the day before the programme: the early arrivals.
    assert shifted[0][0] == (workshop.programme.start_date - timedelta(days=1)).isoformat()


def test_cancelling_and_adding_change_the_estimates() -> None:
    workshop = priced_sample()
    total = build_budget(workshop).total.planned
    leg = workshop.activities[trains(workshop)[0]]
    line = next(line for line in build_budget(workshop).lines if line.owner_id == leg.id)
    workshop.put(dataclasses.replace(leg, status="cancelled"))
    assert build_budget(workshop).total.planned == total - line.planned
    workshop.put(dataclasses.replace(leg, status="confirmed"))
    newcomer = Trainee("A. Sixteenth Trainee")  # in what is for everyone: meals, per diem,
    workshop.put(newcomer)  # rooms go up (not the night before, nor the first dinner)
    budget = build_budget(workshop)
    days = len(workshop.programme.days())
    nights = sum(len(s.nights()) for s in workshop.stays.values()
                 if s.participants.includes(newcomer))
    meals = sum(1 for a in workshop.activities.values()
                if a.kind is ActivityKind.MEAL and a.participants.includes(newcomer))
    assert nights == 20 and meals < sum(1 for a in workshop.activities.values()
                                        if a.kind is ActivityKind.MEAL)
    assert budget.total.planned == total + 300 * days + 450 * nights + Decimal("85.50") * meals


def test_what_cannot_be_estimated_is_a_gap() -> None:
    workshop = priced_sample()
    _, gaps = estimates(workshop)
    assert [g.message.split(":")[0] for g in gaps] == ["Flight 'Flight CZ3102"]
    workshop.put(dataclasses.replace(workshop.rules, meal_price=Decimal(0), room_rate=0))
    _, gaps = estimates(workshop)
    assert any("set the meal price" in g.message for g in gaps)
    assert sum("no room rate" in g.message for g in gaps) == len(workshop.stays)
