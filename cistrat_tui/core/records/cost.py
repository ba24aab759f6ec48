"""Money records: a CostLine (one planned cost, with its actual amount from the invoice) and the
BudgetRules the coordinator sets (per diem, meal and coach prices, currency rates, ceiling).

Amounts are :class:`decimal.Decimal`, never floats, and are stored as text so that a database
round trip keeps them to the fen. A cost line belongs to an activity, a stay, a trainee or the
programme as a whole; the workshop checks that the owner exists.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from cistrat_tui.core.errors import ValidationError
from cistrat_tui.core.records import values as v

HOME_CURRENCY = "CNY"
FEN = Decimal("0.01")
MAX_AMOUNT = Decimal("1000000000")  # a billion in any currency is a typing slip, not a cost
_CURRENCY = re.compile(r"^[A-Z]{3}$")


class CostCategory(StrEnum):
    TRANSPORT = "transport"
    ACCOMMODATION = "accommodation"
    MEALS = "meals"
    VENUES = "venues"
    HONORARIA = "honoraria"
    INTERPRETATION = "interpretation"
    PER_DIEM = "per_diem"
    INSURANCE = "insurance"
    VISAS = "visas"
    OTHER = "other"


class CostOwner(StrEnum):
    """What a cost line is for: one activity, one stay, one trainee, or the programme."""

    ACTIVITY = "activity"
    STAY = "stay"
    TRAINEE = "trainee"
    PROGRAMME = "programme"


def decimal_value(value: object, field: str, *, places: int = 2, minimum: Decimal = Decimal(0),
                  allow_zero: bool = True) -> Decimal:
    """A non-negative decimal with at most ``places`` decimals, from a Decimal, an int or text
    ("1 234.50" and "1,234.50" are read as 1234.50). Floats are refused: 0.1 is not exact."""
    if isinstance(value, bool | float):
        raise ValidationError(field, f"expected an exact amount (text or Decimal), got {value!r}")
    if isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, Decimal):
        number = value
    elif isinstance(value, str):
        cleaned = value.strip().replace(",", "").replace(" ", "").replace("\u00a0", "")
        if not cleaned:
            raise ValidationError(field, "must not be empty")
        try:
            number = Decimal(cleaned)
        except InvalidOperation:
            raise ValidationError(field, f"{value!r} is not a number") from None
    else:
        raise ValidationError(field, f"expected a number, got {value!r}")
    if not number.is_finite():
        raise ValidationError(field, f"{value!r} is not a number")
    if number < minimum or (not allow_zero and number == 0):
        limit = "more than 0" if not allow_zero else f"{minimum} or more"
        raise ValidationError(field, f"{number} is not {limit}")
    if number >= MAX_AMOUNT:
        raise ValidationError(field, f"{number} is too large (at most {MAX_AMOUNT - 1})")
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > places:
        raise ValidationError(field, f"{number} has more than {places} decimals")
    return number


def optional_decimal(value: object, field: str, **rules: Any) -> Decimal | None:
    """A decimal as :func:`decimal_value`, or None for nothing given."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return decimal_value(value, field, **rules)


def currency_code(value: object, field: str = "currency") -> str:
    """An ISO 4217 code such as CNY, USD, EUR (upper-cased)."""
    code = v.text(value, field, required=True, max_length=3 + 10).upper()
    if not _CURRENCY.match(code):
        raise ValidationError(field, f"{code!r} is not a three-letter currency code (CNY, "
                              "USD, EUR)")
    return code


def _text_amount(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


@dataclass(frozen=True, slots=True)
class CostLine:
    """One cost: quantity times unit price (planned) and, once invoiced, the actual amount.

    Both are in ``currency``; the budget converts them to CNY at the rate in the budget rules.
    A line for the same owner and category as an estimate replaces that estimate."""

    category: CostCategory
    description: str
    owner: CostOwner = CostOwner.PROGRAMME
    owner_id: str | None = None
    quantity: Decimal = Decimal(1)
    unit_price: Decimal = Decimal(0)
    currency: str = HOME_CURRENCY
    actual: Decimal | None = None
    invoice_number: str = ""
    notes: str = ""
    id: str = field(default_factory=v.new_id)

    def __post_init__(self) -> None:
        put = object.__setattr__
        put(self, "id", v.check_id(self.id))
        put(self, "category", v.enum_value(CostCategory, self.category, "category"))
        put(self, "description", v.text(self.description, "description", required=True,
                                        max_length=300))
        owner = v.enum_value(CostOwner, self.owner, "for")
        put(self, "owner", owner)
        if owner is CostOwner.PROGRAMME:
            if self.owner_id not in (None, ""):
                raise ValidationError("for", "a cost for the whole programme names no "
                                      "activity, stay or trainee")
            put(self, "owner_id", None)
        else:
            if self.owner_id in (None, ""):
                raise ValidationError("for", f"say which {owner.value} the cost is for")
            put(self, "owner_id", v.check_id(self.owner_id, owner.value))
        put(self, "quantity", decimal_value(self.quantity, "quantity", allow_zero=False))
        put(self, "unit_price", decimal_value(self.unit_price, "unit price"))
        put(self, "currency", currency_code(self.currency))
        put(self, "actual", optional_decimal(self.actual, "actual amount"))
        put(self, "invoice_number", v.text(self.invoice_number, "invoice number",
                                           max_length=100))
        if self.actual is not None and not self.invoice_number:
            raise ValidationError("invoice number", "give the invoice number with the actual "
                                  "amount")
        put(self, "notes", v.text(self.notes, "notes", max_length=20000))

    @property
    def planned(self) -> Decimal:
        """Quantity times unit price, in the line's currency, to the fen."""
        return (self.quantity * self.unit_price).quantize(FEN)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "category": self.category.value, "description": self.description,
            "owner": self.owner.value, "owner_id": self.owner_id,
            "quantity": str(self.quantity), "unit_price": str(self.unit_price),
            "currency": self.currency, "actual": _text_amount(self.actual),
            "invoice_number": self.invoice_number, "notes": self.notes,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CostLine:
        return cls(**data)


def _rates(value: object) -> dict[str, Decimal]:
    if not isinstance(value, Mapping):
        raise ValidationError("currency rates", f"expected rates by currency, got {value!r}")
    rates: dict[str, Decimal] = {}
    for code, rate in value.items():
        name = currency_code(code, "currency rates")
        if name == HOME_CURRENCY:
            raise ValidationError("currency rates", "CNY is the budget's own currency; it "
                                  "needs no rate")
        rates[name] = decimal_value(rate, f"rate of {name}", places=6, allow_zero=False)
    return dict(sorted(rates.items()))


def _whole(value: object, field: str, least: int, most: int) -> int:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not least <= value <= most:
        raise ValidationError(field, f"expected a whole number from {least} to {most}, got "
                              f"{value!r}")
    return value


@dataclass(frozen=True, slots=True)
class BudgetRules:
    """The prices the estimates use, the currency rates and the limits (one per workshop).

    A price of 0 means "not estimated": the coordinator enters those costs as lines."""

    per_diem: Decimal = Decimal(0)  # CNY per trainee per programme day
    meal_price: Decimal = Decimal(0)  # CNY per head per meal in the programme
    coach_day_rate: Decimal = Decimal(0)  # CNY per coach per day it is used
    coach_seats: int = 45  # seats per coach: how many coaches a group needs
    room_rate: Decimal = Decimal(0)  # CNY per room-night for a stay without its own rate
    people_per_room: int = 1
    currency_rates: dict[str, Decimal] = field(default_factory=dict)  # CNY for one unit
    ceiling: Decimal | None = None  # CNY: the budget the finance office approved
    overrun_margin: Decimal = Decimal(10)  # percent an actual may exceed its plan
    id: str = field(default_factory=v.new_id)

    def __post_init__(self) -> None:
        put = object.__setattr__
        put(self, "id", v.check_id(self.id))
        for name in ("per_diem", "meal_price", "coach_day_rate", "room_rate"):
            put(self, name, decimal_value(getattr(self, name), name.replace("_", " ")))
        put(self, "coach_seats", _whole(self.coach_seats, "coach seats", 1, 100))
        put(self, "people_per_room", _whole(self.people_per_room, "people per room", 1, 4))
        put(self, "currency_rates", _rates(self.currency_rates))
        put(self, "ceiling", optional_decimal(self.ceiling, "ceiling", allow_zero=False))
        put(self, "overrun_margin", decimal_value(self.overrun_margin, "overrun margin"))

    def rate_of(self, currency: str) -> Decimal | None:
        """CNY for one unit of ``currency``; None when the coordinator has set no rate."""
        return Decimal(1) if currency == HOME_CURRENCY else self.currency_rates.get(currency)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "per_diem": str(self.per_diem), "meal_price": str(self.meal_price),
            "coach_day_rate": str(self.coach_day_rate), "coach_seats": self.coach_seats,
            "room_rate": str(self.room_rate), "people_per_room": self.people_per_room,
            "currency_rates": {code: str(rate) for code, rate in self.currency_rates.items()},
            "ceiling": _text_amount(self.ceiling), "overrun_margin": str(self.overrun_margin),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BudgetRules:
        return cls(**data)
