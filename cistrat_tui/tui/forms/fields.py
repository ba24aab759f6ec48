"""Building blocks of the programme, stay and closure forms: a labelled row with its error, and
the value of a Select (blank as "")."""

from __future__ import annotations

from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Label, Select, Static


def form_row(name: str, label: str, widget: Widget) -> Horizontal:
    """A form row: the label, the field (id ``field-<name>``) and its error beside it."""
    return Horizontal(Label(label, classes="form-label"), widget,
                      Static("", id=f"error-{name}", classes="form-error"),
                      id=f"row-{name}", classes="form-row")


def select_value(select: Select[str]) -> str:
    """The chosen value, "" when nothing is chosen."""
    value = select.value
    return "" if value is Select.NULL else str(value)
