"""The trainee form: a modal that returns a valid Trainee, or None when the user cancels.

Every field is checked as the coordinator types (:func:`build_trainee`, free of Textual); each
error shows beside its field and Save stays disabled until the form is valid. The form holds
personal data (email, phone, dietary needs, emergency contact, passport, gender, birth date,
flights): it belongs to the trainees area only. A flight is one line: number, airport (code or
name), date, time and terminal.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Label, Static

from cistrat_tui.core.errors import ValidationError
from cistrat_tui.core.io.csv_files import normal_words
from cistrat_tui.core.io.roster_csv import diet_list, flight_text, parse_flight_text
from cistrat_tui.core.records.model import Programme, Trainee
from cistrat_tui.core.records.people import DIET_LABELS
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.tui.forms.validated import ValidatedForm, save_cancel_bindings, save_cancel_buttons

FIELDS = {"name": "Name (passport)", "country": "Country", "organization": "Organization",
          "email": "Email", "phone": "Phone", "group": "Group", "dietary": "Diet notes",
          "diets": "Diet needs", "emergency_contact": "Emergency",
          "nationality": "Nationality", "passport_number": "Passport no.",
          "passport_expiry": "Passport exp.", "gender": "Gender",
          "date_of_birth": "Date of birth", "arrival": "Arrival", "departure": "Departure",
          "notes": "Notes"}
PLACEHOLDERS = {"name": "as in the passport", "phone": "+251 91 555 0101",
                "emergency_contact": "name, relation, phone",
                "diets": "halal, vegetarian, vegan, no pork, no beef, no alcohol, gluten-free, "
                         "allergy, other", "dietary": "what the allergy or 'other' is",
                "passport_expiry": "YYYY-MM-DD", "date_of_birth": "YYYY-MM-DD (optional)",
                "gender": "female, male or blank (for rooming)",
                "arrival": "ET604 PEK 2027-03-07 07:40 T3",
                "departure": "ET605 PEK 2027-03-27 13:30 T3"}
# The record's field names (as ValidationError names them) to the form's fields.
ERROR_FIELDS = {"name (as in passport)": "name", "dietary needs": "diets",
                "emergency contact": "emergency_contact", "passport number": "passport_number",
                "passport expiry": "passport_expiry", "date of birth": "date_of_birth",
                "flight number": "arrival", "terminal": "arrival"}


def _form_text(trainee: Trainee, name: str, workshop: Workshop) -> str:
    value = getattr(trainee, name)
    if name in ("arrival", "departure"):
        return flight_text(workshop, value)
    if name == "diets":
        return ", ".join(DIET_LABELS[d][0].lower() for d in value)
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)


def trainee_texts(trainee: Trainee | None, workshop: Workshop | None = None) -> dict[str, str]:
    """The form's fields filled in from a trainee (blank for a new one)."""
    if trainee is None:
        return dict.fromkeys(FIELDS, "")
    return {name: _form_text(trainee, name, workshop or Workshop(_NO_PROGRAMME))
            for name in FIELDS}


def build_trainee(texts: dict[str, str], workshop: Workshop,
                  base: Trainee | None = None) -> tuple[Trainee | None, dict[str, str]]:
    """The trainee the form describes (keeping ``base``'s id), or the errors by form field."""
    fields: dict[str, Any] = {name: texts.get(name, "").strip() for name in FIELDS}
    fields["notes"] = texts.get("notes", "")
    try:
        for leg in ("arrival", "departure"):
            try:
                fields[leg] = parse_flight_text(fields[leg], workshop, leg)
            except ValidationError as error:
                return None, {leg: error.reason}
        fields["diets"] = diet_list(fields["diets"]) if fields["diets"] else ()
        for optional in ("passport_expiry", "date_of_birth"):
            fields[optional] = fields[optional] or None
        trainee = dataclasses.replace(base, **fields) if base else Trainee(**fields)
        workshop.check_references(trainee)
    except ValidationError as error:
        field = ERROR_FIELDS.get(error.field, error.field.replace(" ", "_"))
        return None, {field if field in FIELDS else "form": error.reason}
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


_NO_PROGRAMME = Programme("form", date(2000, 1, 1), date(2000, 1, 1))


class TraineeForm(ValidatedForm[Trainee]):
    """Add or edit one trainee."""

    DEFAULT_CSS = "TraineeForm { align: center middle; }"

    BINDINGS: ClassVar[list[BindingType]] = save_cancel_bindings("trainee-form", "trainee")

    def __init__(self, workshop: Workshop, base: Trainee | None, heading: str) -> None:
        super().__init__(id="trainee-form")
        self.workshop = workshop
        self.base = base
        self.heading = heading

    def compose(self) -> ComposeResult:
        texts = trainee_texts(self.base, self.workshop)
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
            yield save_cancel_buttons()

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

