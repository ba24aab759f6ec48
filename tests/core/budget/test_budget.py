"""Totals exact to the fen; entered lines replace estimates; ceiling and overruns."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from cistrat_tui.core.budget.budget import build_budget
from cistrat_tui.core.records.cost import CostLine
from cistrat_tui.core.records.workshop import Workshop
from tests.core.budget.helpers import priced_sample


def bare(workshop: Workshop) -> Workshop:
    """The workshop with every estimate switched off: only entered lines count."""
    workshop.put(dataclasses.replace(workshop.rules, per_diem=0, meal_price=0,
                                     coach_day_rate=0, room_rate=0))
    for activity in list(workshop.activities.values()):
        if activity.mode is not None and activity.mode.value == "high_speed_rail":
            workshop.put(dataclasses.replace(activity, status="cancelled"))
    return workshop


def test_sums_are_exact_to_the_fen() -> None:
    workshop = bare(priced_sample())
    for n in range(10):
        workshop.put(CostLine("other", f"Stamp {n}", unit_price="0.10"))
    assert sum(0.1 for _ in range(10)) != 1.0  # what floats would have said
    assert build_budget(workshop).total.planned == Decimal("1.00")
    # USD 1.00 at 7.125 is 7.13 (half away from zero), not banker's 7.12; the total is the
    # sum of the rounded lines.
    workshop.put(CostLine("visas", "Visa fee", quantity="3", unit_price="1.00",
                          currency="USD"))
    budget = build_budget(workshop)
    visa = next(line for line in budget.lines if line.category == "visas")
    assert visa.planned == Decimal("21.38")  # 3 x 7.125 = 21.375
    assert budget.total.planned == Decimal("22.38")
    assert str(budget.total.planned) == "22.38"


def test_an_entered_line_replaces_the_estimates_for_its_owner() -> None:
    workshop = priced_sample()
    stay = next(iter(workshop.stays.values()))
    nights = [line for line in build_budget(workshop).lines if line.owner_id == stay.id]
    assert len(nights) == len(stay.nights())
    contract = CostLine("accommodation", "Hotel contract", owner="stay", owner_id=stay.id,
                        quantity=str(16 * len(stay.nights())), unit_price="488",
                        actual="60000.00", invoice_number="HT-2027-031")
    workshop.put(contract)
    budget = build_budget(workshop)
    mine = [line for line in budget.lines if line.owner_id == stay.id]
    assert [line.key for line in mine] == [contract.id]
    assert mine[0].planned == Decimal(488 * 16 * len(stay.nights()))
    assert mine[0].actual == Decimal("60000.00") and mine[0].city == "Beijing"
    # A meals line for the same stay replaces nothing: categories differ.
    workshop.put(CostLine("meals", "Hotel breakfasts", owner="stay", owner_id=stay.id,
                          quantity="1", unit_price="1"))
    assert len([line for line in build_budget(workshop).lines if line.owner_id == stay.id]) == 2


def test_totals_by_category_city_and_day_add_up() -> None:
    budget = build_budget(priced_sample())
    total = budget.total
    for grouping in (budget.by_category(), budget.by_city(), budget.by_day()):
        assert sum((t.planned for t in grouping), Decimal(0)) == total.planned
        assert sum(t.lines for t in grouping) == total.lines
    cities = [t.label for t in budget.by_city()]
    assert cities[0] == "Beijing" and "Guangzhou" in cities


def test_projected_counts_actuals_and_the_ceiling_marks_later_lines() -> None:
    workshop = priced_sample()
    budget = build_budget(workshop)
    assert budget.over_ceiling == frozenset()  # 400,000 is enough for the sample
    workshop.put(dataclasses.replace(workshop.rules, ceiling=Decimal("100000")))
    budget = build_budget(workshop)
    over = [line.key in budget.over_ceiling for line in budget.lines]
    first = over.index(True)
    assert not any(over[:first]) and all(over[first:])
    running = sum((line.projected for line in budget.lines[:first + 1]), Decimal(0))
    assert running > 100000 >= running - budget.lines[first].projected


def test_overruns_beyond_the_margin() -> None:
    workshop = bare(priced_sample())
    fine = CostLine("interpretation", "Interpreters", quantity="2", unit_price="1000",
                    actual="2100.00", invoice_number="I-1")  # 5% over: within the margin
    over = dataclasses.replace(fine, actual=Decimal("2100.01"), id=CostLine("other", "x").id)
    workshop.put(fine)
    workshop.put(over)
    assert [line.key for line in build_budget(workshop).overruns()] == [over.id]
    assert build_budget(workshop).total.actual == Decimal("4200.01")
    assert build_budget(workshop).total.projected == Decimal("4200.01")
