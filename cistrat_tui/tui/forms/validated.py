"""What every record form shares: errors beside the fields, Save only when valid, Cancel.

A form puts each field's error in a ``Static`` with class ``form-error`` and id
``error-<field>``, and has ``#form-save`` and ``#form-cancel`` buttons; it says how to check
itself in :meth:`ValidatedForm.check` and calls :meth:`revalidate` whenever a field changes.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from textual import on
from textual.screen import ModalScreen
from textual.widgets import Button, Static

R = TypeVar("R")


class ValidatedForm(ModalScreen[R | None], Generic[R]):
    """A modal form that returns its record when saved and None when cancelled."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.result: R | None = None
        self.errors: dict[str, str] = {}

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
        """Close the form; nothing is saved."""
        self.dismiss(None)
