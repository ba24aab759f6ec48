"""The lines of a budget: estimates drawn from the programme and the cost lines entered.

A :class:`BudgetLine` is what the finance office reads: category, what it is for, the day and
city, quantity times unit price in its currency, the rate to CNY, the planned amount in CNY
and, once invoiced, the actual amount. Every amount in CNY is rounded to the fen, half away
from zero (as a spreadsheet's ROUND does), line by line, so the totals are the sums of the
amounts shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from cistrat_tui.core.records.cost import FEN, CostCategory, CostOwner

ZERO = Decimal("0.00")


def to_fen(amount: Decimal) -> Decimal:
    """An amount rounded to the fen (0.01), half away from zero."""
    return amount.quantize(FEN, rounding=ROUND_HALF_UP)


class LineSource(StrEnum):
    """An estimate follows the programme; an entered line is a CostLine the coordinator keeps."""

    ESTIMATE = "estimate"
    ENTERED = "entered"


@dataclass(frozen=True, slots=True)
class BudgetLine:
    """One line of the budget, estimated or entered."""

    key: str  # the CostLine's id, or "estimate:<what>:<owner>:<day>" (stable across runs)
    source: LineSource
    category: CostCategory
    description: str
    owner: CostOwner
    owner_id: str | None
    day: date | None
    city: str
    quantity: Decimal
    unit_price: Decimal
    currency: str
    rate: Decimal | None  # CNY for one unit of the currency; None when no rate is set
    actual_amount: Decimal | None = None  # invoiced, in the line's currency
    invoice_number: str = ""
    basis: str = ""  # how an estimate was made, or the line's notes
    covers: frozenset[str] = field(default_factory=frozenset)  # owners it is for

    @property
    def planned(self) -> Decimal:
        """Planned CNY: quantity x unit price x rate, to the fen (0 without a rate)."""
        if self.rate is None:
            return ZERO
        return to_fen(self.quantity * self.unit_price * self.rate)

    @property
    def actual(self) -> Decimal | None:
        """Actual CNY from the invoice, to the fen; None until invoiced."""
        if self.actual_amount is None:
            return None
        return to_fen(self.actual_amount * self.rate) if self.rate is not None else ZERO

    @property
    def projected(self) -> Decimal:
        """What the line will cost as far as is known: the actual amount, else the plan."""
        actual = self.actual
        return self.planned if actual is None else actual

    @property
    def converted(self) -> bool:
        """Whether the line's currency has a rate (a line without one counts as 0)."""
        return self.rate is not None


@dataclass(frozen=True, slots=True)
class Gap:
    """Something the estimates could not price, and what the coordinator can do about it."""

    message: str
    category: CostCategory
    record_id: str | None = None  # the activity or stay it is about, if any


def replacement_key(category: CostCategory, owner_id: str | None) -> tuple[CostCategory, str]:
    """Entered lines replace estimates with the same category for the same owner."""
    return (category, owner_id or "programme")
