"""Small modals: a yes/no question and a one- or two-field prompt (jump to a date, move)."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static


class Confirm(ModalScreen[bool]):
    """Ask before doing something that cannot be taken back lightly; y or n."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, question: str, yes: str = "Yes") -> None:
        super().__init__(id="confirm")
        self.question = question
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box", classes="dialog"):
            yield Static(self.question, id="confirm-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.yes} (y)", id="confirm-yes", variant="error")
                yield Button("No (n)", id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")


Check = Callable[[list[str]], str]  # the fields' text -> an error, or "" when fine


class Prompt(ModalScreen[list[str] | None]):
    """Ask for one or more short values; ``check`` must accept them before it closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="prompt.cancel"),
    ]

    def __init__(self, title: str, fields: list[tuple[str, str]], check: Check) -> None:
        super().__init__(id="prompt")
        self.title_text = title
        self.fields = fields  # (label, initial text)
        self.check = check

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box", classes="dialog") as box:
            box.border_title = self.title_text
            for number, (label, value) in enumerate(self.fields):
                with Horizontal(classes="form-row"):
                    yield Label(label, classes="form-label")
                    yield Input(value, id=f"prompt-{number}", compact=True)
            yield Static("", id="prompt-error", classes="form-error")
            yield Label("Enter to accept, escape to cancel", classes="dialog-hint")

    def values(self) -> list[str]:
        return [self.query_one(f"#prompt-{n}", Input).value for n in range(len(self.fields))]

    @on(Input.Changed)
    def _changed(self) -> None:
        self.query_one("#prompt-error", Static).update(self.check(self.values()))

    @on(Input.Submitted)
    def _submitted(self) -> None:
        error = self.check(self.values())
        self.query_one("#prompt-error", Static).update(error)
        if not error:
            self.dismiss(self.values())

    def action_cancel(self) -> None:
        self.dismiss(None)
