"""The trainee form: a modal that returns a valid Trainee, or None when the user cancels.

Every field is checked as the coordinator types (:func:`build_trainee`, free of Textual); each
error shows beside its field and Save stays disabled until the form is valid. The form holds
personal data (email, phone, dietary needs, emergency contact): it belongs to the trainees
area only.
"""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Static

from cistrat_tui.core.errors import ValidationError
from cistrat_tui.core.io.csv_files import normal_words
from cistrat_tui.core.records.model import Trainee
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.tui.forms.validated import ValidatedForm

FIELDS = {"name": "Name (passport)", "country": "Country", "organization": "Organization",
          "email": "Email", "phone": "Phone", "group": "Group", "dietary": "Dietary needs",
          "emergency_contact": "Emergency", "notes": "Notes"}
PLACEHOLDERS = {"name": "as in the passport", "phone": "+251 91 555 0101",
                "emergency_contact": "name, relation, phone"}
# The record's field names (as ValidationError names them) to the form's fields.
ERROR_FIELDS = {"name (as in passport)": "name", "dietary needs": "dietary",
                "emergency contact": "emergency_contact"}


def trainee_texts(trainee: Trainee | None) -> dict[str, str]:
    """The form's fields filled in from a trainee (blank for a new one)."""
    return {name: getattr(trainee, name) if trainee else "" for name in FIELDS}


def build_trainee(texts: dict[str, str], workshop: Workshop,
                  base: Trainee | None = None) -> tuple[Trainee | None, dict[str, str]]:
    """The trainee the form describes (keeping ``base``'s id), or the errors by form field."""
    fields = {name: texts.get(name, "").strip() for name in FIELDS}
    fields["notes"] = texts.get("notes", "")
    try:
        trainee = dataclasses.replace(base, **fields) if base else Trainee(**fields)
    except ValidationError as error:
        return None, {ERROR_FIELDS.get(error.field, error.field): error.reason}
    for other in workshop.trainees.values():
        if other.id == trainee.id:
            continue
        if trainee.email and other.email.casefold() == trainee.email.casefold():
            return None, {"email": f"already the email of {other.name}"}
        if not trainee.email and normal_words(other.name) == normal_words(trainee.name) \
                and normal_words(other.country) == normal_words(trainee.country):
            return None, {"name": f"{other.name} from {other.country or 'nowhere given'} is "
                                  "already on the roster; give an email if they are two people"}
    return trainee, {}


class TraineeForm(ValidatedForm[Trainee]):
    """Add or edit one trainee."""

    DEFAULT_CSS = "TraineeForm { align: center middle; }"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="trainee-form.save", priority=True,
                tooltip="Save the trainee (only when every field is valid)."),
        Binding("escape", "cancel", "Cancel", id="trainee-form.cancel",
                tooltip="Close the form without saving."),
    ]

    def __init__(self, workshop: Workshop, base: Trainee | None, heading: str) -> None:
        super().__init__(id="trainee-form")
        self.workshop = workshop
        self.base = base
        self.heading = heading

    def compose(self) -> ComposeResult:
        texts = trainee_texts(self.base)
        groups = ", ".join(self.workshop.groups()) or "none yet"
        with Vertical(id="form-box") as box:
            box.border_title = self.heading
            with VerticalScroll(id="form-fields"):
                for name, label in FIELDS.items():
                    hint = f"groups in use: {groups}" if name == "group" else ""
                    yield Horizontal(
                        Label(label, classes="form-label"),
                        Input(texts[name], id=f"field-{name}", compact=True,
                              placeholder=PLACEHOLDERS.get(name, hint)),
                        Static("", id=f"error-{name}", classes="form-error"),
                        id=f"row-{name}", classes="form-row")
                yield Static("Personal data: shown in this area only, never in a calendar "
                             "or printout meant for others.", classes="dialog-hint")
                yield Static("", id="error-form", classes="form-error")
            with Horizontal(id="form-buttons"):
                yield Button("Save (ctrl+s)", id="form-save", variant="primary")
                yield Button("Cancel (esc)", id="form-cancel")

    def on_mount(self) -> None:
        self.revalidate()
        self.query_one("#field-name", Input).focus()

    def current_texts(self) -> dict[str, str]:
        """The form as it stands."""
        return {name: self.query_one(f"#field-{name}", Input).value for name in FIELDS}

    def check(self) -> tuple[Trainee | None, dict[str, str]]:
        return build_trainee(self.current_texts(), self.workshop, self.base)

    @on(Input.Changed)
    def _changed(self) -> None:
        if self.is_mounted:
            self.revalidate()

