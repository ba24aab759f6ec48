"""A text field that Esc leaves, for the fields that sit on an area screen (a filter, the
planner's dates, the exports folder).

In such a field the digits type digits, as they must for a date; Esc hands the focus back to
the area (its table or list), where the digits switch areas again. In a form, Esc still means
"close the form", so the forms keep Textual's plain Input.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input


class LeavingInput(Input):
    """An Input that Esc leaves: it posts :class:`LeavingInput.Left`, and the list or the
    area screen around it takes the focus."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "Leave the field", show=False, id="input.leave",
                tooltip="Leave the text field; the area's keys work again."),
    ]

    class Left(Message):
        """Esc was pressed in the field: whoever holds it should take the focus."""

        def __init__(self, field: LeavingInput) -> None:
            super().__init__()
            self.field = field

    def action_leave(self) -> None:
        """Ask the widget around the field to take the focus."""
        self.post_message(self.Left(self))
