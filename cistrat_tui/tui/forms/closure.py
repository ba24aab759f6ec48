"""The closure form: which site (or the whole programme), first and last date, and why."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, Select, Static

from cistrat_tui.core.records.closure import Closure
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.tui.forms.closure_rules import (
    WHOLE_PROGRAMME,
    ClosureValues,
    build_closure,
)
from cistrat_tui.tui.forms.fields import form_row, select_value
from cistrat_tui.tui.forms.validated import ValidatedForm, save_cancel_bindings, save_cancel_buttons


class ClosureForm(ValidatedForm[Closure]):
    """Add or edit one closure."""

    DEFAULT_CSS = "ClosureForm { align: center middle; }"

    BINDINGS: ClassVar[list[BindingType]] = save_cancel_bindings("closure-form", "closure")

    def __init__(self, workshop: Workshop, values: ClosureValues, base: Closure | None,
                 heading: str) -> None:
        super().__init__(id="closure-form")
        self.workshop = workshop
        self.initial = values
        self.base = base
        self.heading = heading

    def compose(self) -> ComposeResult:
        values = self.initial
        sites = sorted(self.workshop.sites.values(), key=lambda s: (s.city, s.name_en))
        options = [("the whole programme", WHOLE_PROGRAMME),
                   *((f"{s.city}: {s.name_en}", s.id) for s in sites)]
        with Vertical(id="form-box") as box:
            box.border_title = self.heading
            with VerticalScroll(id="form-fields"):
                yield form_row("site", "Closed", Select(
                    options, value=values.site_id, allow_blank=False, id="field-site",
                    compact=True))
                yield form_row("first", "First day", Input(
                    values.first, id="field-first", placeholder="YYYY-MM-DD", compact=True))
                yield form_row("last", "Last day", Input(
                    values.last, id="field-last", placeholder="YYYY-MM-DD (blank: one day)",
                    compact=True))
                yield form_row("reason", "Reason", Input(
                    values.reason, id="field-reason", placeholder="e.g. park open day for "
                    "investors", compact=True))
                yield Static("", id="error-form", classes="form-error")
            yield save_cancel_buttons()

    def on_mount(self) -> None:
        self.revalidate()
        self.query_one("#field-reason", Input).focus()

    def current_values(self) -> ClosureValues:
        """The form as it stands."""
        return ClosureValues(select_value(self.query_one("#field-site", Select)),
                             self.query_one("#field-first", Input).value,
                             self.query_one("#field-last", Input).value,
                             self.query_one("#field-reason", Input).value)

    def check(self) -> tuple[Closure | None, dict[str, str]]:
        return build_closure(self.current_values(), self.workshop, self.base)

    @on(Input.Changed)
    @on(Select.Changed)
    def _changed(self) -> None:
        if self.is_mounted:
            self.revalidate()
