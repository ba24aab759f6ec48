"""Cost lines and budget rules: exact amounts, clear refusals, owners that exist."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from cistrat_tui.core.errors import ValidationError
from cistrat_tui.core.records.activity import Stay
from cistrat_tui.core.records.cost import BudgetRules, CostLine, decimal_value
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.sample import sample_workshop


def test_amounts_are_exact_decimals_from_text() -> None:
    line = CostLine("honoraria", "Lecture fee", quantity="3", unit_price="1,333.33")
    assert line.unit_price == Decimal("1333.33")
    assert line.planned == Decimal("3999.99")
    assert CostLine.from_dict(line.to_dict()) == line
    assert line.to_dict()["unit_price"] == "1333.33"  # stored as text, never a float


@pytest.mark.parametrize(("value", "reason"), [
    (0.1, "exact amount"), ("12.345", "more than 2 decimals"), ("-5", "0 or more"),
    ("abc", "not a number"), ("NaN", "not a number"), ("1e12", "too large")])
def test_bad_amounts_are_refused_with_a_reason(value: object, reason: str) -> None:
    with pytest.raises(ValidationError, match=reason):
        decimal_value(value, "unit price")


def test_actual_needs_an_invoice_number() -> None:
    with pytest.raises(ValidationError, match="invoice number"):
        CostLine("meals", "Banquet", unit_price="100", actual="120")
    line = CostLine("meals", "Banquet", unit_price="100", actual="120", invoice_number="F-1")
    assert line.actual == Decimal("120")


def test_owner_rules() -> None:
    with pytest.raises(ValidationError, match="say which activity"):
        CostLine("transport", "Train", owner="activity")
    with pytest.raises(ValidationError, match="whole programme"):
        CostLine("insurance", "Group policy", owner_id="0b7e9a52-3c1d-5f4e-8a6b-2d9c0e1f7a34")
    with pytest.raises(ValidationError, match="currency code"):
        CostLine("visas", "Visa fee", currency="dollars")


def test_workshop_checks_the_owner_and_refuses_deleting_a_costed_record() -> None:
    workshop = sample_workshop()
    stay = next(iter(workshop.stays.values()))
    missing = CostLine("accommodation", "Hotel", owner="stay",
                       owner_id="0b7e9a52-3c1d-5f4e-8a6b-2d9c0e1f7a34", unit_price="1")
    with pytest.raises(ValidationError, match="no stay has the id"):
        workshop.put(missing)
    line = dataclasses.replace(missing, owner_id=stay.id)
    workshop.put(line)
    assert workshop.costs_of(stay.id) == [line]
    with pytest.raises(ValidationError, match="still has 1 cost line"):
        workshop.remove(stay)
    workshop.remove(line)
    workshop.remove(stay)
    assert stay.id not in workshop.stays


def test_one_set_of_rules_per_workshop() -> None:
    workshop = Workshop(sample_workshop().programme)
    assert workshop.rules.per_diem == 0  # defaults until the coordinator sets them
    rules = BudgetRules(per_diem="300", currency_rates={"usd": "7.1"})
    workshop.put(rules)
    assert workshop.rules is rules and rules.rate_of("USD") == Decimal("7.1")
    assert rules.rate_of("CNY") == 1 and rules.rate_of("EUR") is None
    workshop.put(dataclasses.replace(rules, per_diem=Decimal("350")))  # same id: an edit
    with pytest.raises(ValidationError, match="already has its budget rules"):
        workshop.put(BudgetRules())
    with pytest.raises(ValidationError, match="needs no rate"):
        BudgetRules(currency_rates={"CNY": "1"})
    assert BudgetRules.from_dict(rules.to_dict()) == rules


def test_stay_room_rate_round_trips() -> None:
    stay = next(iter(sample_workshop().stays.values()))
    priced = dataclasses.replace(stay, room_rate="488.50")
    assert priced.room_rate == Decimal("488.50")
    assert priced.to_dict()["room_rate"] == "488.50"
    assert Stay.from_dict(priced.to_dict()) == priced
