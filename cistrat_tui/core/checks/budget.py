"""Checks of the money: bookings without a cost line, invoices above plan, the ceiling.

- ``cost-line-missing`` (warning): a booked activity (it has a booking reference, so a
  supplier will invoice it) has no cost line entered for it; estimates do not count, they are
  not the supplier's price.
- ``cost-over-plan`` (warning): a line's actual amount exceeds its plan by more than the
  margin in the budget rules.
- ``cost-without-rate`` (error): a line in a currency with no rate set counts as 0.
- ``budget-over-ceiling`` (error): the projected total is above the approved ceiling.
"""

from __future__ import annotations

from collections.abc import Iterable

from cistrat_tui.core.budget.budget import build_budget
from cistrat_tui.core.budget.suppliers import supplier_of
from cistrat_tui.core.checks.base import Context, Problem, Severity, named


def money(amount: object) -> str:
    """An amount as the finance office writes it: 'CNY 12,345.60'."""
    return f"CNY {amount:,.2f}"


def check_budget(ctx: Context) -> Iterable[Problem]:
    """The four money rules above."""
    workshop = ctx.workshop
    costed = {line.owner_id for line in workshop.costs.values()}
    for activity in ctx.activities:
        supplier = supplier_of(workshop, activity)
        if supplier is not None and activity.id not in costed:
            yield ctx.problem(Severity.WARNING, "cost-line-missing",
                              f"{named(activity)} is booked with {supplier} (ref. "
                              f"{activity.booking_ref}) but has no cost line: enter the "
                              "agreed price", activity.day, activity.id)
    budget = build_budget(workshop)
    for line in budget.overruns():
        yield ctx.problem(Severity.WARNING, "cost-over-plan",
                          f"'{line.description}': invoice {line.invoice_number} is "
                          f"{money(line.actual)}, above the plan {money(line.planned)} by "
                          f"more than {budget.rules.overrun_margin}%", line.day,
                          line.key, *([line.owner_id] if line.owner_id else []))
    for line in budget.unconverted():
        yield ctx.problem(Severity.ERROR, "cost-without-rate",
                          f"'{line.description}' is in {line.currency}, which has no rate in "
                          "the budget rules: it counts as 0 until the rate is set", line.day,
                          line.key)
    ceiling = budget.rules.ceiling
    total = budget.total.projected
    if ceiling is not None and total > ceiling:
        yield ctx.problem(Severity.ERROR, "budget-over-ceiling",
                          f"The projected total {money(total)} is above the ceiling "
                          f"{money(ceiling)} by {money(total - ceiling)}", None)
