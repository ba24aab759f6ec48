"""The budget of a workshop: its lines, totals by category, city and day, and what is wrong.

:func:`build_budget` joins the estimates drawn from the programme with the cost lines the
coordinator entered: an entered line replaces the estimates of the same category for the same
owner (the hotel contract replaces the nightly estimate of that stay). The totals are sums of
line amounts already rounded to the fen, so they are exact and equal the sums a spreadsheet
makes of the same lines.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from cistrat_tui.core.budget.estimates import estimates
from cistrat_tui.core.budget.lines import (
    ZERO,
    BudgetLine,
    Gap,
    LineSource,
    replacement_key,
    to_fen,
)
from cistrat_tui.core.records.cost import BudgetRules, CostCategory, CostLine, CostOwner
from cistrat_tui.core.records.workshop import Workshop

UNDATED = "undated"
NO_CITY = "no city"


@dataclass(frozen=True, slots=True)
class Total:
    """The planned, actual (invoiced so far) and projected amounts of a group of lines."""

    label: str
    planned: Decimal
    actual: Decimal
    projected: Decimal
    lines: int


def total_of(label: str, lines: Iterable[BudgetLine]) -> Total:
    """The sums of some lines (actual counts only invoiced lines)."""
    chosen = list(lines)
    return Total(label, sum((line.planned for line in chosen), ZERO),
                 sum((line.actual or ZERO for line in chosen), ZERO),
                 sum((line.projected for line in chosen), ZERO), len(chosen))


def _owner_place(workshop: Workshop, line: CostLine) -> tuple[date | None, str]:
    """The day and city an entered line belongs to, from what it is for."""
    if line.owner is CostOwner.ACTIVITY and line.owner_id in workshop.activities:
        activity = workshop.activities[line.owner_id]
        site = activity.from_site_id or activity.site_id
        return activity.day, workshop.sites[site].city if site in workshop.sites else ""
    if line.owner is CostOwner.STAY and line.owner_id in workshop.stays:
        stay = workshop.stays[line.owner_id]
        return stay.check_in, workshop.sites[stay.hotel_id].city
    return None, ""


def owner_label(workshop: Workshop, owner: CostOwner, owner_id: str | None) -> str:
    """What a line is for, in words: an activity's title, a stay's hotel, a trainee's name."""
    if owner is CostOwner.ACTIVITY and owner_id in workshop.activities:
        activity = workshop.activities[owner_id]
        return f"{activity.title} ({activity.day:%d %b})"
    if owner is CostOwner.STAY and owner_id in workshop.stays:
        stay = workshop.stays[owner_id]
        return f"{workshop.sites[stay.hotel_id].name_en} from {stay.check_in:%d %b}"
    if owner is CostOwner.TRAINEE and owner_id in workshop.trainees:
        return workshop.trainees[owner_id].name
    return "the programme"


def entered_line(workshop: Workshop, line: CostLine, rules: BudgetRules) -> BudgetLine:
    """A stored cost line as a budget line (day and city from its owner)."""
    day, city = _owner_place(workshop, line)
    return BudgetLine(
        key=line.id, source=LineSource.ENTERED, category=line.category,
        description=line.description, owner=line.owner, owner_id=line.owner_id, day=day,
        city=city, quantity=line.quantity, unit_price=line.unit_price, currency=line.currency,
        rate=rules.rate_of(line.currency), actual_amount=line.actual,
        invoice_number=line.invoice_number, basis=line.notes,
        covers=frozenset({line.owner_id or "programme"}))


def ledger_order(line: BudgetLine) -> tuple[bool, date, str, str, str]:
    """Undated lines (the programme's, the trainees') first, then by day, category, text."""
    return (line.day is not None, line.day or date.min, line.category.value, line.description,
            line.key)


@dataclass(frozen=True)
class Budget:
    """Every line of a workshop's budget, in ledger order, with the rules it was made under."""

    lines: tuple[BudgetLine, ...]
    gaps: tuple[Gap, ...]
    rules: BudgetRules

    @property
    def total(self) -> Total:
        return total_of("Total", self.lines)

    def _grouped(self, key: Callable[[BudgetLine], str], order: Iterable[str]) -> list[Total]:
        groups: dict[str, list[BudgetLine]] = {name: [] for name in order}
        for line in self.lines:
            groups.setdefault(key(line), []).append(line)
        return [total_of(name, lines) for name, lines in groups.items() if lines]

    def by_category(self) -> list[Total]:
        """Totals per category, in the categories' order."""
        return self._grouped(lambda line: line.category.value, [c.value for c in CostCategory])

    def by_city(self) -> list[Total]:
        """Totals per city, in order of first use (lines without a city last)."""
        cities = list(dict.fromkeys(line.city for line in self.lines if line.city))
        return self._grouped(lambda line: line.city or NO_CITY, [*cities, NO_CITY])

    def by_day(self) -> list[Total]:
        """Totals per day (ISO dates), undated lines first."""
        days = sorted({line.day for line in self.lines if line.day is not None})
        return self._grouped(lambda line: line.day.isoformat() if line.day else UNDATED,
                             [UNDATED, *(d.isoformat() for d in days)])

    @property
    def over_ceiling(self) -> frozenset[str]:
        """The keys of the lines from the one whose running projected total first passes the
        ceiling onwards, in ledger order: the spending the approved budget does not cover."""
        if self.rules.ceiling is None:
            return frozenset()
        running, over = ZERO, []
        for line in self.lines:
            running += line.projected
            if running > self.rules.ceiling:
                over.append(line.key)
        return frozenset(over)

    def overrun_limit(self, line: BudgetLine) -> Decimal:
        """The most a line's actual may be: its plan plus the margin, to the fen."""
        return to_fen(line.planned * (1 + self.rules.overrun_margin / 100))

    def overruns(self) -> list[BudgetLine]:
        """Invoiced lines whose actual exceeds the plan by more than the margin."""
        return [line for line in self.lines
                if line.actual is not None and line.actual > self.overrun_limit(line)]

    def unconverted(self) -> list[BudgetLine]:
        """Lines in a currency without a rate (counted as 0 until the rate is set)."""
        return [line for line in self.lines if not line.converted]

    def line(self, key: str) -> BudgetLine | None:
        return next((line for line in self.lines if line.key == key), None)


def build_budget(workshop: Workshop) -> Budget:
    """The budget: entered lines, and the estimates no entered line replaces."""
    rules = workshop.rules
    entered = [entered_line(workshop, line, rules) for line in workshop.costs.values()]
    replaced = {replacement_key(line.category, line.owner_id) for line in entered}
    estimated, gaps = estimates(workshop)
    kept = [line for line in estimated
            if not any(replacement_key(line.category, owner) in replaced
                       for owner in line.covers)]
    open_gaps = [gap for gap in gaps
                 if gap.record_id is None
                 or replacement_key(gap.category, gap.record_id) not in replaced]
    return Budget(tuple(sorted([*entered, *kept], key=ledger_order)), tuple(open_gaps), rules)
