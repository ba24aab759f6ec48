"""The hotel stay form: hotel, check-in and check-out, who stays, booking reference, notes."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Select, SelectionList, Static

from cistrat_tui.core.records.activity import Stay
from cistrat_tui.core.records.model import Audience
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.tui.forms.fields import form_row, select_value
from cistrat_tui.tui.forms.stay_rules import StayValues, build_stay, hotels
from cistrat_tui.tui.forms.validated import ValidatedForm, save_cancel_bindings


class StayForm(ValidatedForm[Stay]):
    """Add or edit one hotel stay."""

    DEFAULT_CSS = "StayForm { align: center middle; }"

    BINDINGS: ClassVar[list[BindingType]] = save_cancel_bindings("stay-form", "stay")

    def __init__(self, workshop: Workshop, values: StayValues, base: Stay | None,
                 heading: str) -> None:
        super().__init__(id="stay-form")
        self.workshop = workshop
        self.initial = values
        self.base = base
        self.heading = heading

    def compose(self) -> ComposeResult:
        values = self.initial
        options = [(f"{h.city}: {h.name_en}", h.id) for h in hotels(self.workshop)]
        groups = self.workshop.groups()
        trainees = sorted(self.workshop.trainees.values(), key=lambda t: t.name)
        with Vertical(id="form-box") as box:
            box.border_title = self.heading
            with VerticalScroll(id="form-fields"):
                yield form_row("hotel", "Hotel", Select(
                    options, value=values.hotel_id or Select.NULL, id="field-hotel",
                    prompt="choose a hotel", compact=True))
                yield form_row("check_in", "Check-in", Input(
                    values.check_in, id="field-check_in", placeholder="YYYY-MM-DD",
                    compact=True))
                yield form_row("check_out", "Check-out", Input(
                    values.check_out, id="field-check_out", placeholder="YYYY-MM-DD",
                    compact=True))
                yield form_row("audience", "Who", Select(
                    [("everyone", "everyone"), ("a group", "group"),
                     ("named trainees", "named")], value=values.audience,
                    allow_blank=False, id="field-audience", compact=True))
                yield form_row("group", "Group", Select(
                    [(f"group {g}", g) for g in groups],
                    value=values.group if values.group in groups else Select.NULL,
                    id="field-group", prompt="choose a group", compact=True))
                yield form_row("trainees", "Trainees", SelectionList[str](
                    *[(f"{t.name} ({t.group or 'no group'})", t.id, t.id in values.trainees)
                      for t in trainees], id="field-trainees"))
                yield form_row("booking", "Booking ref", Input(
                    values.booking, id="field-booking", compact=True))
                yield form_row("notes", "Notes", Input(values.notes, id="field-notes",
                                                       compact=True))
                yield Static("", id="error-form", classes="form-error")
            with Horizontal(id="form-buttons"):
                yield Button("Save (ctrl+s)", id="form-save", variant="primary")
                yield Button("Cancel (esc)", id="form-cancel")

    def on_mount(self) -> None:
        self.revalidate()
        self.query_one("#field-check_in", Input).focus()

    def current_values(self) -> StayValues:
        """The form as it stands."""
        def text(name: str) -> str:
            return self.query_one(f"#field-{name}", Input).value

        return StayValues(
            hotel_id=select_value(self.query_one("#field-hotel", Select)),
            check_in=text("check_in"), check_out=text("check_out"),
            audience=select_value(self.query_one("#field-audience", Select)),
            group=select_value(self.query_one("#field-group", Select)),
            trainees=tuple(self.query_one("#field-trainees", SelectionList).selected),
            booking=text("booking"), notes=text("notes"))

    def check(self) -> tuple[Stay | None, dict[str, str]]:
        values = self.current_values()
        self.query_one("#row-group").display = values.audience == Audience.GROUP.value
        self.query_one("#row-trainees").display = values.audience == Audience.NAMED.value
        return build_stay(values, self.workshop, self.base)

    @on(Input.Changed)
    @on(Select.Changed)
    @on(SelectionList.SelectedChanged)
    def _changed(self) -> None:
        if self.is_mounted:
            self.revalidate()
