"""What the cost-line and budget-rules forms do, free of Textual so it is tested directly.

A form is a dict of texts; :func:`build_cost_line` and :func:`build_rules` turn it into a record
or into an error per field. :func:`texts_from_estimate` pre-fills the cost-line form from an
estimate: all the estimate lines one entered line would replace (every night of a stay, every
day of per diem), so saving it replaces them with one line of the same total.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from cistrat_tui.core.budget.budget import Budget, owner_label
from cistrat_tui.core.budget.lines import BudgetLine, LineSource, replacement_key
from cistrat_tui.core.errors import ValidationError
from cistrat_tui.core.records.cost import BudgetRules, CostCategory, CostLine, CostOwner
from cistrat_tui.core.records.workshop import Workshop

COST_FIELDS = {"category": "Category", "description": "Description", "owner": "For",
               "quantity": "Quantity", "unit_price": "Unit price", "currency": "Currency",
               "actual": "Actual", "invoice_number": "Invoice no.", "notes": "Notes"}
RULE_FIELDS = {"per_diem": "Per diem", "meal_price": "Meal / head", "coach_day_rate":
               "Coach / day", "coach_seats": "Coach seats", "room_rate": "Room rate",
               "people_per_room": "Per room", "currency_rates": "Rates to CNY",
               "ceiling": "Ceiling", "overrun_margin": "Margin %"}
RULE_HINTS = {"per_diem": "CNY per trainee per day", "meal_price": "CNY per head per meal",
              "coach_day_rate": "CNY per coach per day", "coach_seats": "seats per coach",
              "room_rate": "CNY per room-night, for a stay without its own rate",
              "people_per_room": "1 for single rooms", "currency_rates": "USD=7.10, EUR=7.70",
              "ceiling": "CNY approved; blank for none",
              "overrun_margin": "an actual may exceed its plan by this much"}
# What the records call a field in their errors, to the form's field.
_ERRORS = {"for": "owner", "unit price": "unit_price", "actual amount": "actual",
           "invoice number": "invoice_number", "activity": "owner", "stay": "owner",
           "trainee": "owner", "per diem": "per_diem", "meal price": "meal_price",
           "coach day rate": "coach_day_rate", "coach seats": "coach_seats",
           "room rate": "room_rate", "people per room": "people_per_room",
           "currency rates": "currency_rates", "overrun margin": "overrun_margin"}
PROGRAMME_OWNER = "programme:"


def _field(error: ValidationError) -> str:
    name = error.field
    if name.startswith("rate of "):
        return "currency_rates"
    return _ERRORS.get(name, name.replace(" ", "_"))


def owner_value(owner: CostOwner, owner_id: str | None) -> str:
    """The For choice's value: 'stay:<id>', or 'programme:'."""
    return f"{owner.value}:{owner_id or ''}"


def owner_choices(workshop: Workshop) -> list[tuple[str, str]]:
    """(label, value) of everything a cost can be for: the programme, stays, trainees,
    then activities in time order."""
    choices = [("The whole programme", PROGRAMME_OWNER)]
    choices += [(f"Stay: {owner_label(workshop, CostOwner.STAY, s.id)}",
                 owner_value(CostOwner.STAY, s.id))
                for s in sorted(workshop.stays.values(), key=lambda s: (s.check_in, s.id))]
    choices += [(f"Trainee: {t.name}", owner_value(CostOwner.TRAINEE, t.id))
                for t in sorted(workshop.trainees.values(), key=lambda t: t.name.casefold())]
    choices += [(f"{a.start:%d %b %H:%M} {a.title}", owner_value(CostOwner.ACTIVITY, a.id))
                for a in workshop.ordered_activities()]
    return choices


def cost_texts(line: CostLine | None) -> dict[str, str]:
    """The form's fields from an entered line (defaults for a new one)."""
    if line is None:
        return {"category": CostCategory.OTHER.value, "description": "",
                "owner": PROGRAMME_OWNER, "quantity": "1", "unit_price": "", "currency": "CNY",
                "actual": "", "invoice_number": "", "notes": ""}
    return {"category": line.category.value, "description": line.description,
            "owner": owner_value(line.owner, line.owner_id), "quantity": str(line.quantity),
            "unit_price": str(line.unit_price), "currency": line.currency,
            "actual": "" if line.actual is None else str(line.actual),
            "invoice_number": line.invoice_number, "notes": line.notes}


def replaced_by_entering(budget: Budget, line: BudgetLine) -> list[BudgetLine]:
    """The estimate lines that one entered line for ``line``'s owner and category replaces."""
    key = replacement_key(line.category, line.owner_id)
    return [other for other in budget.lines if other.source is LineSource.ESTIMATE
            and any(replacement_key(other.category, c) == key for c in other.covers)]


def texts_from_estimate(workshop: Workshop, budget: Budget, line: BudgetLine) -> dict[str, str]:
    """The cost-line form pre-filled to replace an estimate (and its siblings) by one line."""
    group = replaced_by_entering(budget, line) or [line]
    prices = {other.unit_price for other in group}
    quantity = sum((other.quantity for other in group), Decimal(0))
    if len(prices) == 1:
        unit_price = str(next(iter(prices)))
    else:  # different prices (coaches on several days): one lump sum
        quantity, unit_price = Decimal(1), str(sum((o.planned for o in group), Decimal(0)))
    description = line.description if len(group) == 1 else \
        f"{line.category.value.replace('_', ' ').capitalize()}: " \
        f"{owner_label(workshop, line.owner, line.owner_id)}"
    return {"category": line.category.value, "description": description,
            "owner": owner_value(line.owner, line.owner_id), "quantity": str(quantity),
            "unit_price": unit_price, "currency": line.currency, "actual": "",
            "invoice_number": "", "notes": f"Entered from the estimate: {line.basis}"[:2000]}


def build_cost_line(texts: dict[str, str], base: CostLine | None = None
                    ) -> tuple[CostLine | None, dict[str, str]]:
    """The cost line the form describes (keeping ``base``'s id), or the error by field."""
    kind, _, owner_id = texts.get("owner", PROGRAMME_OWNER).partition(":")
    # Text as typed: the record parses and checks every field itself.
    fields: dict[str, Any] = {"category": texts.get("category", ""),
              "description": texts.get("description", ""), "owner": kind,
              "owner_id": owner_id or None, "quantity": texts.get("quantity", ""),
              "unit_price": texts.get("unit_price", ""),
              "currency": texts.get("currency", "") or "CNY",
              "actual": texts.get("actual", "") or None,
              "invoice_number": texts.get("invoice_number", ""),
              "notes": texts.get("notes", "")}
    try:
        line = dataclasses.replace(base, **fields) if base else CostLine(**fields)
    except ValidationError as error:
        return None, {_field(error): error.reason}
    return line, {}


def rules_texts(rules: BudgetRules) -> dict[str, str]:
    """The rules form's fields."""
    texts = {name: str(getattr(rules, name)) for name in RULE_FIELDS}
    texts["currency_rates"] = ", ".join(f"{code}={rate}"
                                        for code, rate in rules.currency_rates.items())
    texts["ceiling"] = "" if rules.ceiling is None else str(rules.ceiling)
    return texts


def _rates(text: str) -> dict[str, str]:
    rates: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in text.replace(";", ",").split(","))):
        code, equals, rate = part.partition("=")
        if not equals:
            raise ValidationError("currency rates", f"{part!r} is not like USD=7.10")
        rates[code.strip().upper()] = rate.strip()
    return rates


def build_rules(texts: dict[str, str], base: BudgetRules) -> tuple[BudgetRules | None,
                                                                   dict[str, str]]:
    """The rules the form describes (keeping ``base``'s id), or the error by field."""
    try:
        fields: dict[str, Any] = {name: texts.get(name, "").strip() for name in RULE_FIELDS}
        rates: Any = _rates(fields.pop("currency_rates"))
        ceiling = fields.pop("ceiling") or None
        rules = dataclasses.replace(base, **fields, currency_rates=rates, ceiling=ceiling)
    except ValidationError as error:
        return None, {_field(error): error.reason}
    return rules, {}
