"""The form of a vehicle, interpreter or guide: kind, name, company and phone; a vehicle's plate,
driver and seats; a person's dietary needs; notes."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, Select, Static

from cistrat_tui.core.records.people import Resource, ResourceKind
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.tui.forms.fields import form_row, select_value
from cistrat_tui.tui.forms.resource_rules import (
    PERSON_ONLY,
    VEHICLE_ONLY,
    ResourceValues,
    build_resource,
)
from cistrat_tui.tui.forms.validated import ValidatedForm, save_cancel_bindings, save_cancel_buttons

INPUTS = (("name", "Name", "how you call it: 'Coach 2', 'Zhao Min'"),
          ("company", "Company", "the supplier or agency"),
          ("phone", "Phone", "the company's, or the person's own"),
          ("plate", "Plate", "e.g. 京B·D5507"), ("driver", "Driver", ""),
          ("driver_phone", "Driver phone", ""), ("seat_count", "Seats", "passenger seats, e.g. 45"),
          ("diets", "Diet needs", "halal, vegetarian, vegan, no pork, ... (they eat with "
                                  "the group)"),
          ("notes", "Notes", ""))


class ResourceForm(ValidatedForm[Resource]):
    """Add or edit one vehicle, interpreter or guide."""

    DEFAULT_CSS = "ResourceForm { align: center middle; }"

    BINDINGS: ClassVar[list[BindingType]] = save_cancel_bindings("resource-form", "resource")

    def __init__(self, workshop: Workshop, values: ResourceValues, base: Resource | None,
                 heading: str) -> None:
        super().__init__(id="resource-form")
        self.workshop = workshop
        self.initial = values
        self.base = base
        self.heading = heading

    def compose(self) -> ComposeResult:
        values = self.initial
        with Vertical(id="form-box") as box:
            box.border_title = self.heading
            with VerticalScroll(id="form-fields"):
                yield form_row("kind", "Kind", Select(
                    [(k.value, k.value) for k in ResourceKind], value=values.kind,
                    allow_blank=False, id="field-kind", compact=True))
                for name, label, placeholder in INPUTS:
                    yield form_row(name, label, Input(getattr(values, name), id=f"field-{name}",
                                                      placeholder=placeholder, compact=True))
                yield Static("", id="error-form", classes="form-error")
            yield save_cancel_buttons()

    def on_mount(self) -> None:
        self.revalidate()
        self.query_one("#field-name", Input).focus()

    def current_values(self) -> ResourceValues:
        """The form as it stands."""
        texts = {name: self.query_one(f"#field-{name}", Input).value for name, _, _ in INPUTS}
        return ResourceValues(kind=select_value(self.query_one("#field-kind", Select)), **texts)

    def check(self) -> tuple[Resource | None, dict[str, str]]:
        """Show the fields of the kind chosen, then check the form."""
        values = self.current_values()
        vehicle = values.kind == ResourceKind.VEHICLE.value
        for name in VEHICLE_ONLY:
            self.query_one(f"#row-{name}").display = vehicle
        for name in PERSON_ONLY:
            self.query_one(f"#row-{name}").display = not vehicle
        return build_resource(values, self.workshop, self.base)

    @on(Input.Changed)
    @on(Select.Changed)
    def _changed(self) -> None:
        if self.is_mounted:
            self.revalidate()
