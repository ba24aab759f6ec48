"""The cost-line and rules forms' logic: texts in, a record or an error per field out."""

from __future__ import annotations

from decimal import Decimal

from cistrat_tui.core.budget.budget import build_budget
from cistrat_tui.core.records.cost import BudgetRules
from cistrat_tui.core.sample import sample_workshop
from cistrat_tui.tui.forms.cost_rules import (
    build_cost_line,
    build_rules,
    cost_texts,
    owner_choices,
    rules_texts,
    texts_from_estimate,
)


def test_a_cost_line_from_texts_and_back() -> None:
    workshop = sample_workshop()
    trainee = next(iter(workshop.trainees.values()))
    texts = {**cost_texts(None), "category": "visas", "description": "Visa fee",
             "owner": f"trainee:{trainee.id}", "unit_price": "60", "currency": "usd"}
    line, errors = build_cost_line(texts)
    assert errors == {} and line is not None
    assert (line.owner_id, line.currency, line.unit_price) == (trainee.id, "USD", Decimal(60))
    again, _ = build_cost_line(cost_texts(line), line)
    assert again == line
    assert f"trainee:{trainee.id}" in {value for _, value in owner_choices(workshop)}


def test_errors_name_the_form_field() -> None:
    base = cost_texts(None)
    assert build_cost_line({**base, "description": "x", "unit_price": "1.234"})[1] == {
        "unit_price": "1.234 has more than 2 decimals"}
    assert "owner" in build_cost_line({**base, "description": "x", "unit_price": "1",
                                       "owner": "stay:"})[1]
    assert "actual" in build_cost_line({**base, "description": "x", "unit_price": "1",
                                        "actual": "lots"})[1]


def test_rules_from_texts() -> None:
    rules = BudgetRules()
    texts = {**rules_texts(rules), "per_diem": "250", "currency_rates": "usd=7.1; EUR = 7.75",
             "ceiling": "500,000"}
    new, errors = build_rules(texts, rules)
    assert errors == {} and new is not None and new.id == rules.id
    assert new.currency_rates == {"EUR": Decimal("7.75"), "USD": Decimal("7.1")}
    assert new.ceiling == Decimal(500000)
    assert build_rules({**texts, "currency_rates": "USD 7.1"}, rules)[1] == {
        "currency_rates": "'USD 7.1' is not like USD=7.10"}
    assert "coach_seats" in build_rules({**texts, "coach_seats": "0"}, rules)[1]
    assert build_rules({**texts, "ceiling": ""}, rules)[0].ceiling is None  # type: ignore[union-attr]


def test_an_estimate_prefills_the_whole_group_it_stands_for() -> None:
    workshop = sample_workshop()
    budget = build_budget(workshop)
    per_diem = next(line for line in budget.lines if line.category == "per_diem")
    texts = texts_from_estimate(workshop, budget, per_diem)
    days = len(workshop.programme.days())
    assert (texts["quantity"], texts["unit_price"]) == (str(15 * days), "150")
    assert texts["owner"] == "programme:" and texts["description"].startswith("Per diem")
    line, _ = build_cost_line(texts)
    assert line is not None and line.planned == Decimal(150 * 15 * days)
