"""A priced copy of the sample workshop for the budget tests."""

from __future__ import annotations

from cistrat_tui.core.records.cost import BudgetRules
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.sample import sample_workshop

RULES = BudgetRules(per_diem="300", meal_price="85.50", coach_day_rate="2800",
                    room_rate="450", currency_rates={"USD": "7.125", "EUR": "7.7"},
                    ceiling="400000", overrun_margin="5",
                    id="5f0a3e5c-1111-4222-8333-944455556666")


def priced_sample() -> Workshop:
    """The sample without its own cost data, with known rules."""
    workshop = sample_workshop()
    workshop.costs.clear()
    workshop.budget_rules.clear()
    workshop.stays.update({k: s.__class__.from_dict({**s.to_dict(), "room_rate": None})
                           for k, s in workshop.stays.items()})
    workshop.put(RULES)
    return workshop
