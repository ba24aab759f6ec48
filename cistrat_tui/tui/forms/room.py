"""The room form, opened from the stay form: type, number, who sleeps there, agreed to share."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Checkbox, Input, Select, SelectionList, Static

from cistrat_tui.core.records.people import ROOM_CAPACITY, Room, RoomType
from cistrat_tui.tui.forms.fields import form_row, select_value
from cistrat_tui.tui.forms.room_rules import RoomValues, build_room
from cistrat_tui.tui.forms.validated import ValidatedForm, save_cancel_bindings, save_cancel_buttons


class RoomForm(ValidatedForm[Room]):
    """Add or change one room of a stay; ``choices`` are (label, trainee id) of the guests
    who may sleep in it, ``others`` the stay's other rooms (their numbers are taken)."""

    DEFAULT_CSS = """
    RoomForm { align: center middle; }
    RoomForm #form-box { max-width: 100; height: auto; max-height: 90%; }
    RoomForm #form-fields { height: auto; max-height: 30; }
    """

    BINDINGS: ClassVar[list[BindingType]] = save_cancel_bindings("room-form", "room")

    def __init__(self, values: RoomValues, choices: Sequence[tuple[str, str]],
                 others: Sequence[Room], heading: str) -> None:
        super().__init__(id="room-form")
        self.initial = values
        self.choices = list(choices)
        self.others = tuple(others)
        self.heading = heading

    def compose(self) -> ComposeResult:
        values = self.initial
        with Vertical(id="form-box") as box:
            box.border_title = self.heading
            with VerticalScroll(id="form-fields"):
                yield form_row("kind", "Type", Select(
                    [(f"{k.value} ({ROOM_CAPACITY[k]} "
                      f"{'bed' if ROOM_CAPACITY[k] == 1 else 'guests'})", k.value)
                     for k in RoomType], value=values.kind, allow_blank=False,
                    id="field-kind", compact=True))
                yield form_row("number", "Room no.", Input(
                    values.number, id="field-number", placeholder="e.g. 601 (blank: not "
                    "known yet)", compact=True))
                yield form_row("occupants", "Guests", SelectionList[str](
                    *[(label, trainee_id, trainee_id in values.occupants)
                      for label, trainee_id in self.choices], id="field-occupants"))
                yield form_row("agreed", "Shared", Checkbox(
                    "agreed: guests of different gender asked to share", values.agreed,
                    id="field-agreed", compact=True))
                yield Static("", id="error-form", classes="form-error")
            yield save_cancel_buttons()

    def on_mount(self) -> None:
        self.revalidate()
        self.query_one("#field-occupants", SelectionList).focus()

    def current_values(self) -> RoomValues:
        """The form as it stands."""
        chosen = set(self.query_one("#field-occupants", SelectionList).selected)
        return RoomValues(
            kind=select_value(self.query_one("#field-kind", Select)),
            number=self.query_one("#field-number", Input).value,
            occupants=tuple(t for _, t in self.choices if t in chosen),
            agreed=self.query_one("#field-agreed", Checkbox).value)

    def check(self) -> tuple[Room | None, dict[str, str]]:
        return build_room(self.current_values(), self.others)

    @on(Input.Changed)
    @on(Select.Changed)
    @on(SelectionList.SelectedChanged)
    @on(Checkbox.Changed)
    def _changed(self) -> None:
        if self.is_mounted:
            self.revalidate()
