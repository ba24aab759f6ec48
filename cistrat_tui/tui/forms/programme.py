"""The programme form: title, dates, base city, working day, lunch, coordinator and emergency
contacts. Changing the dates lists, as the coordinator types, what would fall outside them."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, Label, Static, TextArea

from cistrat_tui.core.records.model import Programme
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.tui.forms.fields import form_row
from cistrat_tui.tui.forms.programme_rules import (
    EMERGENCY,
    FIELDS,
    build_programme,
    outside_dates,
    outside_summary,
    programme_texts,
)
from cistrat_tui.tui.forms.validated import ValidatedForm, save_cancel_bindings, save_cancel_buttons

PLACEHOLDERS = {"start": "YYYY-MM-DD", "end": "YYYY-MM-DD", "day_start": "HH:MM",
                "day_end": "HH:MM", "lunch_start": "HH:MM", "lunch_end": "HH:MM"}


class ProgrammeForm(ValidatedForm[Programme]):
    """Edit the programme itself."""

    DEFAULT_CSS = """
    ProgrammeForm { align: center middle; }
    #field-emergency { height: 6; width: 1fr; }
    #programme-outside { color: $warning; height: auto; }
    """

    BINDINGS: ClassVar[list[BindingType]] = save_cancel_bindings("programme-form", "programme")

    def __init__(self, workshop: Workshop) -> None:
        super().__init__(id="programme-form")
        self.workshop = workshop

    def compose(self) -> ComposeResult:
        texts = programme_texts(self.workshop.programme)
        with Vertical(id="form-box") as box:
            box.border_title = "Programme"
            with VerticalScroll(id="form-fields"):
                for name, label in FIELDS.items():
                    yield form_row(name, label, Input(texts[name], id=f"field-{name}",
                                                      placeholder=PLACEHOLDERS.get(name, ""),
                                                      compact=True))
                yield Label("Emergency contacts, one a line: name; phone; role; email",
                            classes="dialog-hint")
                yield form_row(EMERGENCY, "Emergency",
                               TextArea(texts[EMERGENCY], id=f"field-{EMERGENCY}"))
                yield Static("", id="programme-outside", classes="form-note")
                yield Static("", id="error-form", classes="form-error")
            yield save_cancel_buttons()

    def on_mount(self) -> None:
        self.revalidate()
        self.query_one("#field-title", Input).focus()

    def current_texts(self) -> dict[str, str]:
        """The form as it stands."""
        texts = {name: self.query_one(f"#field-{name}", Input).value for name in FIELDS}
        texts[EMERGENCY] = self.query_one(f"#field-{EMERGENCY}", TextArea).text
        return texts

    def check(self) -> tuple[Programme | None, dict[str, str]]:
        programme, errors = build_programme(self.current_texts(), self.workshop.programme)
        outside = outside_dates(self.workshop, programme) if programme else []
        self.query_one("#programme-outside", Static).update(outside_summary(outside))
        return programme, errors

    @on(Input.Changed)
    @on(TextArea.Changed)
    def _changed(self) -> None:
        if self.is_mounted:
            self.revalidate()
