"""The "New programme" and "Copy this programme to new dates" forms: each returns the new
workshop and its file; the app then writes it and opens it."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Static

from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.tui.forms.fields import form_row
from cistrat_tui.tui.forms.new_database_rules import (
    COPY_FIELDS,
    NEW_FIELDS,
    NewDatabase,
    build_copy,
    build_new,
    suggested_path,
)
from cistrat_tui.tui.forms.validated import ValidatedForm

PLACEHOLDERS = {"start": "YYYY-MM-DD", "end": "YYYY-MM-DD", "path": "path/to/new.json"}


class _NewDatabaseForm(ValidatedForm[NewDatabase]):
    """What both forms share: text fields, a hint line, Save and Cancel."""

    DEFAULT_CSS = "NewProgrammeForm, CopyProgrammeForm { align: center middle; }"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="new-database.save", priority=True,
                tooltip="Write the new database and open it."),
        Binding("escape", "cancel", "Cancel", id="new-database.cancel",
                tooltip="Close the form; nothing is written."),
    ]
    heading = ""
    hint = ""
    fields: ClassVar[dict[str, str]] = {}

    def __init__(self, texts: dict[str, str], beside: Path | None = None) -> None:
        super().__init__(id="new-database-form")
        self.initial = texts
        self.beside = beside  # the current database: the suggested file goes next to it
        self._suggested = texts.get("path", "")

    def compose(self) -> ComposeResult:
        with Vertical(id="form-box") as box:
            box.border_title = self.heading
            with VerticalScroll(id="form-fields"):
                for name, label in self.fields.items():
                    yield form_row(name, label, Input(self.initial.get(name, ""),
                                                      id=f"field-{name}", compact=True,
                                                      placeholder=PLACEHOLDERS.get(name, "")))
                yield from self.extra_fields()
                yield Static(self.hint, classes="dialog-hint")
                yield Static("", id="form-notes", classes="dialog-hint")
                yield Static("", id="error-form", classes="form-error")
            with Horizontal(id="form-buttons"):
                yield Button("Create and open (ctrl+s)", id="form-save", variant="primary")
                yield Button("Cancel (esc)", id="form-cancel")

    def extra_fields(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        self.revalidate()
        self.query_one(f"#field-{next(iter(self.fields))}", Input).focus()

    def texts(self) -> dict[str, str]:
        return {name: self.query_one(f"#field-{name}", Input).value for name in self.fields}

    def _follow_start(self) -> None:
        """Name the suggested file after the first day, until the coordinator names it."""
        path = self.query_one("#field-path", Input)
        start = self.query_one("#field-start", Input).value.strip()
        if self.beside is None or path.value != self._suggested:
            return
        try:
            day = date.fromisoformat(start)
        except ValueError:
            return
        self._suggested = suggested_path(self.beside, day)
        path.value = self._suggested

    @on(Input.Changed)
    @on(Checkbox.Changed)
    def _changed(self, event: Input.Changed | Checkbox.Changed) -> None:
        if not self.is_mounted:
            return
        if isinstance(event, Input.Changed) and event.input.id == "field-start":
            self._follow_start()
        self.revalidate()


class NewProgrammeForm(_NewDatabaseForm):
    """An empty programme in a new file."""

    heading = "New programme"
    hint = ("An empty programme: the reference places (parks, CASTED, stations, airports) as "
            "its sites, no activities, trainees or stays. This database stays as it is.")
    fields: ClassVar[dict[str, str]] = NEW_FIELDS

    @classmethod
    def starting(cls, current: Path, workshop: Workshop) -> NewProgrammeForm:
        """Filled in with a year after the current programme, beside its file."""
        programme = workshop.programme
        start = programme.start_date + timedelta(weeks=52)
        end = programme.end_date + timedelta(weeks=52)
        return cls({"path": suggested_path(current, start), "title": "",
                    "start": start.isoformat(), "end": end.isoformat(),
                    "base_city": programme.base_city}, current)

    def check(self) -> tuple[NewDatabase | None, dict[str, str]]:
        return build_new(self.texts())


class CopyProgrammeForm(_NewDatabaseForm):
    """This programme re-dated, in a new file."""

    heading = "Copy this programme to new dates"
    hint = ("Every activity and stay moves by whole weeks (same weekdays) and gets a new id; "
            "bookings, seats and service numbers are cleared; closures are not copied. This "
            "database stays as it is.")
    fields: ClassVar[dict[str, str]] = COPY_FIELDS

    def __init__(self, texts: dict[str, str], workshop: Workshop,
                 beside: Path | None = None) -> None:
        super().__init__(texts, beside)
        self.workshop = workshop

    @classmethod
    def starting(cls, current: Path, workshop: Workshop) -> CopyProgrammeForm:
        """Filled in with the same weekday 52 weeks on, beside the current file."""
        start = workshop.programme.start_date + timedelta(weeks=52)
        return cls({"path": suggested_path(current, start), "start": start.isoformat(),
                    "title": ""}, workshop, current)

    def extra_fields(self) -> ComposeResult:
        yield Checkbox("Keep the trainees", id="field-with_trainees", compact=True)

    def check(self) -> tuple[NewDatabase | None, dict[str, str]]:
        keep = self.query_one("#field-with_trainees", Checkbox).value
        result, errors = build_copy(self.texts(), self.workshop, keep)
        notes = "\n".join(result.notes) if result is not None else ""
        self.query_one("#form-notes", Static).update(notes)
        return result, errors
