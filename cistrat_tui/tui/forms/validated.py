"""What every record form shares: errors beside the fields, Save only when valid, Cancel
that asks before throwing changes away.

A form puts each field's error in a ``Static`` with class ``form-error`` and id
``error-<field>``, and has ``#form-save`` and ``#form-cancel`` buttons; it says how to check
itself in :meth:`ValidatedForm.check` and calls :meth:`revalidate` whenever a field changes.
Esc (or Cancel) on a form whose fields still hold what they held when it opened closes it at
once; on a changed form it asks first (:class:`DiscardChanges`).
"""

from __future__ import annotations

from typing import ClassVar, Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import (
    Button,
    Checkbox,
    Input,
    RadioSet,
    Select,
    SelectionList,
    Static,
    Switch,
    TextArea,
)

R = TypeVar("R")


def field_state(root: Widget) -> tuple[tuple[str, object], ...]:
    """What every field under ``root`` holds now (text, choice, ticks), to tell a changed
    form from an untouched one; fields are told apart by id, else by their place."""
    state: list[tuple[str, object]] = []
    for number, widget in enumerate(root.query("*")):
        value: object
        if isinstance(widget, Input | Select | Checkbox | Switch):
            value = widget.value
        elif isinstance(widget, SelectionList):
            value = tuple(sorted(map(str, widget.selected)))
        elif isinstance(widget, RadioSet):
            value = widget.pressed_index
        elif isinstance(widget, TextArea):
            value = widget.text
        else:
            continue
        state.append((widget.id or f"#{number}", value))
    return tuple(state)


class DiscardChanges(ModalScreen[bool]):
    """Asks whether to throw away a changed form: y discards, n or Esc goes back to it."""

    DEFAULT_CSS = "DiscardChanges { align: center middle; }"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Discard", id="discard.yes"),
        Binding("n,escape", "answer(False)", "Keep editing", id="discard.no"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="discard-box", classes="dialog"):
            yield Static("This form has changes that are not saved. Throw them away?",
                         id="discard-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Discard (y)", id="discard-yes", variant="error")
                yield Button("Keep editing (n)", id="discard-no")

    def on_mount(self) -> None:
        self.query_one("#discard-no", Button).focus()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "discard-yes")


def save_cancel_bindings(form_id: str, noun: str) -> list[BindingType]:
    """The two keys of a record form: ctrl+s saves the ``noun`` (only when every field is
    valid), Esc closes it; their ids are ``<form_id>.save`` and ``<form_id>.cancel``."""
    return [Binding("ctrl+s", "save", "Save", id=f"{form_id}.save", priority=True,
                    tooltip=f"Save the {noun} (only when every field is valid)."),
            Binding("escape", "cancel", "Cancel", id=f"{form_id}.cancel",
                    tooltip="Close the form without saving.")]


def save_cancel_buttons() -> Horizontal:
    """The Save and Cancel buttons under a record form (the keys of save_cancel_bindings)."""
    return Horizontal(Button("Save (ctrl+s)", id="form-save", variant="primary"),
                      Button("Cancel (esc)", id="form-cancel"), id="form-buttons")


class ValidatedForm(ModalScreen[R | None], Generic[R]):
    """A modal form that returns its record when saved and None when cancelled."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.result: R | None = None
        self.errors: dict[str, str] = {}
        self.opened_with: tuple[tuple[str, object], ...] = ()

    def on_mount(self) -> None:
        # Runs after the form's own on_mount (Textual calls the subclass's first), so what
        # the form fills in as it opens counts as "unchanged".
        self.opened_with = field_state(self)

    @property
    def changed(self) -> bool:
        """Whether any field holds something else than when the form opened."""
        return field_state(self) != self.opened_with

    def check(self) -> tuple[R | None, dict[str, str]]:
        """The record the form describes (or None) and the error of each field."""
        raise NotImplementedError

    def revalidate(self) -> None:
        """Check the whole form; show each error beside its field; allow Save only if valid."""
        self.result, self.errors = self.check()
        for error_label in self.query(".form-error").results(Static):
            name = (error_label.id or "").removeprefix("error-")
            error_label.update(self.errors.get(name, ""))
        self.query_one("#form-save", Button).disabled = self.result is None

    @on(Button.Pressed, "#form-save")
    def action_save(self) -> None:
        """Close the form with the record, if it is valid."""
        self.revalidate()
        if self.result is None:
            first = next(iter(self.errors.items()), ("form", "the form is not complete"))
            self.notify(f"{first[0]}: {first[1]}", title="Not saved yet", severity="error")
            return
        self.dismiss(self.result)

    @on(Button.Pressed, "#form-cancel")
    def action_cancel(self) -> None:
        """Close the form, nothing saved; when a field was changed, ask first."""
        if not self.changed:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(DiscardChanges(id="discard-changes"), answered)
