"""The budget's two forms: a cost line (category, what it is for, quantity, price, actual and
invoice) and the budget rules (prices the estimates use, currency rates, ceiling, margin).

Both check every field as the coordinator types (the rules live in
:mod:`cistrat_tui.tui.forms.cost_rules`); Save stays disabled until the form is valid.
"""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static

from cistrat_tui.core.records.cost import BudgetRules, CostCategory, CostLine
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.tui.forms.cost_rules import (
    COST_FIELDS,
    RULE_FIELDS,
    RULE_HINTS,
    build_cost_line,
    build_rules,
    owner_choices,
    rules_texts,
)
from cistrat_tui.tui.forms.validated import ValidatedForm, save_cancel_buttons

R = TypeVar("R")
SELECTS = ("category", "owner")


def _row(name: str, label: str, widget: Widget) -> Horizontal:
    return Horizontal(Label(label, classes="form-label"), widget,
                      Static("", id=f"error-{name}", classes="form-error"),
                      id=f"row-{name}", classes="form-row")


def _bindings(prefix: str, what: str) -> list[BindingType]:
    return [Binding("ctrl+s", "save", "Save", id=f"{prefix}.save", priority=True,
                    tooltip=f"Save the {what} (only when every field is valid)."),
            Binding("escape", "cancel", "Cancel", id=f"{prefix}.cancel",
                    tooltip="Close the form without saving.")]


class _TextsForm(ValidatedForm[R]):
    """A form of named Inputs and Selects, read back as a dict of texts."""

    def current_texts(self) -> dict[str, str]:
        texts = {}
        for widget in self.query(".form-row Input, .form-row Select"):
            name = (widget.id or "").removeprefix("field-")
            value = widget.value  # type: ignore[attr-defined]
            texts[name] = "" if value is Select.NULL else str(value)
        return texts

    def buttons(self) -> ComposeResult:
        yield save_cancel_buttons()

    @on(Input.Changed)
    @on(Select.Changed)
    def _changed(self) -> None:
        if self.is_mounted:
            self.revalidate()


class CostLineForm(_TextsForm[CostLine]):
    """Add or edit one cost line (or enter an estimate as a line that replaces it)."""

    DEFAULT_CSS = "CostLineForm { align: center middle; }"
    BINDINGS: ClassVar[list[BindingType]] = _bindings("cost-form", "cost line")

    def __init__(self, workshop: Workshop, texts: dict[str, str], base: CostLine | None,
                 heading: str, hint: str = "") -> None:
        super().__init__(id="cost-form")
        self.workshop = workshop
        self.initial = texts
        self.base = base
        self.heading = heading
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(id="form-box") as box:
            box.border_title = self.heading
            with VerticalScroll(id="form-fields"):
                for name, label in COST_FIELDS.items():
                    value = self.initial.get(name, "")
                    if name == "category":
                        widget: Widget = Select(
                            [(c.value.replace("_", " "), c.value) for c in CostCategory],
                            value=value or Select.NULL, id="field-category", compact=True,
                            allow_blank=False)
                    elif name == "owner":
                        choices = owner_choices(self.workshop)
                        known = {v for _, v in choices}
                        widget = Select(choices, value=value if value in known else Select.NULL,
                                        id="field-owner", compact=True, prompt="what it is for")
                    else:
                        widget = Input(value, id=f"field-{name}", compact=True,
                                       placeholder=_COST_HINTS.get(name, ""))
                    yield _row(name, label, widget)
                if self.hint:
                    yield Static(self.hint, classes="dialog-hint")
                yield Static("", id="error-form", classes="form-error")
            yield from self.buttons()

    def on_mount(self) -> None:
        self.revalidate()
        self.query_one("#field-description", Input).focus()

    def check(self) -> tuple[CostLine | None, dict[str, str]]:
        return build_cost_line(self.current_texts(), self.base)


_COST_HINTS = {"quantity": "how many (rooms x nights, tickets...)",
               "unit_price": "price of one, in the currency", "currency": "CNY, USD, EUR...",
               "actual": "from the invoice, in the currency; blank until invoiced",
               "invoice_number": "needed with the actual amount"}


class BudgetRulesForm(_TextsForm[BudgetRules]):
    """Change the budget rules: the estimates follow at once."""

    DEFAULT_CSS = "BudgetRulesForm { align: center middle; }"
    BINDINGS: ClassVar[list[BindingType]] = _bindings("rules-form", "budget rules")

    def __init__(self, rules: BudgetRules) -> None:
        super().__init__(id="rules-form")
        self.base = rules

    def compose(self) -> ComposeResult:
        texts = rules_texts(self.base)
        with Vertical(id="form-box") as box:
            box.border_title = "Budget rules (amounts in CNY)"
            with VerticalScroll(id="form-fields"):
                for name, label in RULE_FIELDS.items():
                    yield _row(name, label, Input(texts[name], id=f"field-{name}",
                                                  compact=True, placeholder=RULE_HINTS[name]))
                yield Static("A price of 0 means not estimated: enter those costs as lines.",
                             classes="dialog-hint")
                yield Static("", id="error-form", classes="form-error")
            yield from self.buttons()

    def on_mount(self) -> None:
        self.revalidate()
        self.query_one("#field-per_diem", Input).focus()

    def check(self) -> tuple[BudgetRules | None, dict[str, str]]:
        return build_rules(self.current_texts(), self.base)
