"""The budget as text and as plain data: what ``cistrat-tui budget`` prints.

Amounts in the data are strings ("12345.60"), never floats, so a script reading the JSON gets
exactly the app's figures. The text is a table per grouping, with the total, the ceiling and
what the estimates could not price.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from cistrat_tui.core.budget.budget import Budget, Total, owner_label
from cistrat_tui.core.budget.lines import BudgetLine
from cistrat_tui.core.records.workshop import Workshop

GROUPINGS = ("category", "city", "day")


def cny(amount: Decimal) -> str:
    """'12,345.60'."""
    return f"{amount:,.2f}"


def label_of(text: str) -> str:
    """A category or grouping label as read: 'per_diem' -> 'per diem'."""
    return text.replace("_", " ")


def totals_of(budget: Budget, grouping: str) -> list[Total]:
    """The totals of one grouping: category, city or day."""
    if grouping == "category":
        return budget.by_category()
    if grouping == "city":
        return budget.by_city()
    if grouping == "day":
        return budget.by_day()
    raise ValueError(f"no grouping {grouping!r}; choose one of {', '.join(GROUPINGS)}")


def ceiling_text(budget: Budget) -> str:
    """'Ceiling 450,000.00: 90,965.00 remaining' (or 'over by ...'; or 'no ceiling set')."""
    ceiling = budget.rules.ceiling
    if ceiling is None:
        return "No ceiling set."
    left = ceiling - budget.total.projected
    if left >= 0:
        return f"Ceiling {cny(ceiling)}: {cny(left)} remaining."
    return f"Ceiling {cny(ceiling)}: OVER by {cny(-left)}."


def _table(title: str, totals: Sequence[Total], width: int) -> list[str]:
    rows = [f"{title:<{width}}  {'Planned':>14}  {'Actual':>14}  {'Projected':>14}  Lines"]
    for total in totals:
        rows.append(f"  {label_of(total.label):<{width - 2}}  {cny(total.planned):>14}  "
                    f"{cny(total.actual):>14}  {cny(total.projected):>14}  {total.lines:>5}")
    return rows


def summary_lines(workshop: Workshop, budget: Budget,
                  groupings: Sequence[str] = GROUPINGS, *, lines: bool = False) -> list[str]:
    """The budget as printed: one table per grouping, the total, the ceiling, the gaps."""
    labels = [label_of(t.label) for g in groupings for t in totals_of(budget, g)]
    width = max([len(label) + 2 for label in labels] + [14])
    out = [f"Budget: {workshop.programme.title} (CNY)", ""]
    for grouping in groupings:
        out += [*_table(f"By {grouping}", totals_of(budget, grouping), width), ""]
    total = budget.total
    out.append(f"{'Total':<{width}}  {cny(total.planned):>14}  {cny(total.actual):>14}  "
               f"{cny(total.projected):>14}  {total.lines:>5}")
    out.append(ceiling_text(budget))
    if lines:
        out += ["", "Lines"] + [line_text(workshop, line, line.key in budget.over_ceiling)
                                for line in budget.lines]
    if budget.gaps:
        out += ["", "Not estimated:"] + [f"  {gap.message}" for gap in budget.gaps]
    return out


def line_text(workshop: Workshop, line: BudgetLine, over: bool) -> str:
    """One line of the budget in one row of text."""
    day = f"{line.day:%d %b}" if line.day else "undated"
    actual = cny(line.actual) if line.actual is not None else "-"
    flag = "  OVER CEILING" if over else ""
    return (f"  {day:<7} {label_of(line.category.value):<14} {line.description[:40]:<40} "
            f"{cny(line.planned):>12} {actual:>12}  {line.source.value}, for "
            f"{owner_label(workshop, line.owner, line.owner_id)}{flag}")


def _total_data(total: Total) -> dict[str, Any]:
    return {"label": total.label, "planned": str(total.planned), "actual": str(total.actual),
            "projected": str(total.projected), "lines": total.lines}


def line_data(workshop: Workshop, line: BudgetLine, over: bool) -> dict[str, Any]:
    """One budget line as plain data (amounts as text)."""
    return {
        "key": line.key, "source": line.source.value, "category": line.category.value,
        "description": line.description, "owner": line.owner.value, "owner_id": line.owner_id,
        "for": owner_label(workshop, line.owner, line.owner_id),
        "day": line.day.isoformat() if line.day else None, "city": line.city,
        "quantity": str(line.quantity), "unit_price": str(line.unit_price),
        "currency": line.currency, "rate": None if line.rate is None else str(line.rate),
        "planned": str(line.planned),
        "actual": None if line.actual is None else str(line.actual),
        "invoice_number": line.invoice_number, "projected": str(line.projected),
        "over_ceiling": over, "basis": line.basis,
    }


def budget_data(workshop: Workshop, budget: Budget) -> dict[str, Any]:
    """The whole budget as plain data: totals, ceiling, every line and the gaps."""
    ceiling = budget.rules.ceiling
    return {
        "currency": "CNY", "total": _total_data(budget.total),
        **{f"by_{g}": [_total_data(t) for t in totals_of(budget, g)] for g in GROUPINGS},
        "ceiling": None if ceiling is None else str(ceiling),
        "remaining": None if ceiling is None else str(ceiling - budget.total.projected),
        "lines": [line_data(workshop, line, line.key in budget.over_ceiling)
                  for line in budget.lines],
        "gaps": [gap.message for gap in budget.gaps],
    }
