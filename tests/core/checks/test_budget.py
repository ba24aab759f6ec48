"""The money checks: a booking without a cost line, an invoice above plan, the ceiling."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from cistrat_tui.core.checks.base import Context, Problem
from cistrat_tui.core.checks.budget import check_budget
from cistrat_tui.core.planning.travel import TravelModel
from cistrat_tui.core.records.cost import CostLine
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.reference.calendar import WorkingCalendar
from tests.core.budget.helpers import priced_sample


def problems(workshop: Workshop) -> list[Problem]:
    return list(check_budget(Context(workshop, WorkingCalendar.default(),
                                     TravelModel.default())))


def test_a_booked_activity_without_a_cost_line() -> None:
    workshop = priced_sample()
    booked = [a for a in workshop.ordered_activities() if a.booking_ref and not a.cancelled]
    found = [p for p in problems(workshop) if p.code == "cost-line-missing"]
    assert [p.record_ids[0] for p in found] == [a.id for a in booked]
    train = next(a for a in booked if a.service_number == "G1002")
    message = next(p.message for p in found if p.record_ids[0] == train.id)
    assert "booked with China Railway" in message and train.booking_ref in message
    workshop.put(CostLine("transport", "Tickets G1002", owner="activity", owner_id=train.id,
                          quantity="15", unit_price="465"))
    assert train.id not in [p.record_ids[0] for p in problems(workshop)
                            if p.code == "cost-line-missing"]
    # Not booked any more (no reference): no problem either.
    other = booked[-1]
    workshop.put(dataclasses.replace(other, booking_ref=""))
    assert other.id not in [p.record_ids[0] for p in problems(workshop)]


def test_actual_above_plan_by_more_than_the_margin() -> None:
    workshop = priced_sample()
    line = CostLine("interpretation", "Interpreters, week 1", quantity="5",
                    unit_price="1200", actual="6300.00", invoice_number="INT-1")
    workshop.put(line)  # 5% over, the margin is 5%: fine
    assert not [p for p in problems(workshop) if p.code == "cost-over-plan"]
    workshop.put(dataclasses.replace(line, actual=Decimal("6300.01")))
    [found] = [p for p in problems(workshop) if p.code == "cost-over-plan"]
    assert "INT-1" in found.message and "CNY 6,300.01" in found.message
    assert found.record_ids == (line.id,)


def test_total_above_the_ceiling_and_a_currency_without_rate() -> None:
    workshop = priced_sample()
    assert not [p for p in problems(workshop) if p.code == "budget-over-ceiling"]
    workshop.put(dataclasses.replace(workshop.rules, ceiling=Decimal("100000.00")))
    [found] = [p for p in problems(workshop) if p.code == "budget-over-ceiling"]
    assert found.severity == "error" and "above the ceiling CNY 100,000.00" in found.message
    workshop.put(CostLine("honoraria", "Guest speaker", unit_price="500", currency="GBP"))
    [rate] = [p for p in problems(workshop) if p.code == "cost-without-rate"]
    assert "GBP" in rate.message
