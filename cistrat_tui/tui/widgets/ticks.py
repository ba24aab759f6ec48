"""Tick lists and radio buttons whose state shows as a glyph, not by colour alone.

Textual draws a ticked and an unticked box with the same "X" (a radio button with the same
dot) and tells them apart by colour only, which a colour-blind coordinator, a monochrome
terminal or a printed screenshot loses. Here a ticked box holds ✓ and an unticked one a blank;
a pressed radio button holds ● and the others a blank.
"""

from __future__ import annotations

from typing import TypeVar

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import Checkbox, RadioButton, SelectionList

TICKED = "✓"
UNTICKED = " "
PRESSED = "●"

V = TypeVar("V")
# The glyph Textual puts in every box, ticked or not (SelectionList draws Checkbox's).
_BOX = Checkbox.BUTTON_INNER


class TickList(SelectionList[V]):
    """A SelectionList whose ticked rows show ✓ in their box."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        index = self.scroll_offset.y + y
        if index >= self.option_count or len(segments) < 3 \
                or segments[1].text != _BOX:
            return strip
        ticked = self.get_option_at_index(index).value in self.selected
        inner = segments[1]
        segments[1] = Segment(TICKED if ticked else UNTICKED, inner.style, inner.control)
        return Strip(segments, strip.cell_length)


class TickRadioButton(RadioButton):
    """A RadioButton whose pressed state shows ● and the other a blank."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # Textual's name for the glyph
        return PRESSED if self.value else UNTICKED
